import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ERROR_CODES } from '@hfd/contracts';
import { SessionsRepository, WriteQueueFullError } from '@hfd/persistence';
import { ApiException } from '../common/errors/api.exception';

export interface IssuedSession {
  jti: string;
  username: string;
  userId: string;
  issuedAt: number;
  expiresAt: number;
  address: string | null;
  userAgent: string | null;
}

const LAST_SEEN_INTERVAL_MS = 60_000;
/** Sessions whose last write time is remembered; past this the memory starts over (a few extra writes). */
const MAX_REMEMBERED = 100_000;

/**
 * Sessions issued and revoked. Every request is checked against the revocations in memory
 * (loaded at start, then written through), never against the database; the database keeps
 * them across restarts, written through its queue so a database outage delays the write and
 * never the request.
 */
@Injectable()
export class RevokedSessionsStore implements OnModuleInit {
  private readonly logger = new Logger(RevokedSessionsStore.name);
  private readonly revoked = new Map<string, number>();
  /** When each session's use was last written: at most once a minute, through the write queue. */
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly sessions: SessionsRepository) {}

  async onModuleInit(): Promise<void> {
    for (const { id, expiresAt } of await this.sessions.revokedAfter(Date.now())) this.revoked.set(id, expiresAt);
  }

  /** Records a login; a full write queue costs the record (said in the log), never the login. */
  issued(session: IssuedSession): void {
    try {
      this.sessions.record({
        id: session.jti,
        username: session.username,
        createdAt: session.issuedAt,
        expiresAt: session.expiresAt,
        address: session.address,
        userAgent: session.userAgent,
        userId: session.userId,
      });
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
      this.logger.warn(`A login of "${session.username}" is not recorded: ${error.message}`);
    }
  }

  /**
   * Revokes at once for this process; the database learns it through the write queue. When that
   * queue is full the logout is answered 503: it would not survive a restart.
   */
  revoke(session: { jti: string; username: string; expiresAt: number }): void {
    this.purge(Date.now());
    this.revoked.set(session.jti, session.expiresAt);
    try {
      this.sessions.revoke({ id: session.jti, username: session.username, expiresAt: session.expiresAt }, Date.now());
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
      throw new ApiException(
        503,
        ERROR_CODES.databaseUnavailable,
        'Logged out on this server, but the database cannot be reached to keep it across a restart; log out again later',
      );
    }
  }

  /** A request of this session was admitted: its last-seen time, written at most once a minute. */
  seen(jti: string, now = Date.now()): void {
    if (now - (this.lastSeen.get(jti) ?? 0) < LAST_SEEN_INTERVAL_MS) return;
    if (this.lastSeen.size > MAX_REMEMBERED) this.lastSeen.clear();
    this.lastSeen.set(jti, now);
    try {
      this.sessions.touch(jti, now);
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
    }
  }

  isRevoked(jti: string): boolean {
    const until = this.revoked.get(jti);
    return until !== undefined && until > Date.now();
  }

  private purge(now: number): void {
    for (const [jti, until] of this.revoked) if (until <= now) this.revoked.delete(jti);
  }
}
