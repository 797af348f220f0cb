import { Injectable } from '@nestjs/common';

/**
 * Session ids revoked by logout, each kept until its token would have expired anyway.
 * Only a logged-in user can add one, so the set cannot be flooded anonymously.
 */
@Injectable()
export class RevokedSessionsStore {
  private readonly revoked = new Map<string, number>();

  revoke(jti: string, expiresAtMs: number): void {
    this.purge(Date.now());
    this.revoked.set(jti, expiresAtMs);
  }

  isRevoked(jti: string): boolean {
    const until = this.revoked.get(jti);
    return until !== undefined && until > Date.now();
  }

  private purge(now: number): void {
    for (const [jti, until] of this.revoked) if (until <= now) this.revoked.delete(jti);
  }
}
