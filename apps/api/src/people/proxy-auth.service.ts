import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ROLES, type Role } from '@hfd/contracts';
import type { Express } from 'express';
import type { IncomingMessage } from 'node:http';
import type { SessionPrincipal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { AuditService } from './audit.service';
import { UsersService } from './users.service';

/** A forged header from the same address is said in the log once per this long, not per request. */
const WARN_INTERVAL_MS = 60_000;
const MAX_NAME_LENGTH = 64;

/** The highest of the roles named among the groups (`admin`, `operator`, `viewer`, any case), or null. */
export function roleOfGroups(groups: string | undefined): Role | null {
  const named = new Set((groups ?? '').split(',').map((group) => group.trim().toLowerCase()));
  return [...ROLES].reverse().find((role) => named.has(role)) ?? null;
}

/**
 * TRUSTED_PROXY_AUTH: an authenticating proxy (Authelia, Authentik, oauth2-proxy) in front
 * names the user in `Remote-User` and their groups in `Remote-Groups`. Believed only when the
 * connection comes from a TRUST_PROXY address (the configuration insists on a list of them);
 * from anywhere else the headers are ignored and said in the log. A known user keeps their
 * role and scope (a disabled one gets nothing); someone new is created with the highest role
 * their groups name, and gets nothing when none is named.
 */
@Injectable()
export class ProxyAuthService {
  private readonly logger = new Logger(ProxyAuthService.name);
  private readonly enabled: boolean;
  private readonly sessionTtlMs: number;
  private readonly lastWarning = new Map<string, number>();

  constructor(
    config: AppConfigService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.enabled = config.get('TRUSTED_PROXY_AUTH');
    this.sessionTtlMs = config.get('SESSION_TTL');
  }

  /** The user the proxy names, or null: no header, not enabled, not a trusted address, nobody with a role. */
  async principalOf(request: IncomingMessage): Promise<SessionPrincipal | null> {
    const header = request.headers['remote-user'];
    if (header === undefined) return null;
    const peer = request.socket.remoteAddress ?? '';
    if (!this.enabled || !this.fromTrustedProxy(peer)) {
      this.warn(peer);
      return null;
    }
    const username = (Array.isArray(header) ? header[0] : header).trim();
    if (username === '' || username.length > MAX_NAME_LENGTH) return null;
    const groups = request.headers['remote-groups'];
    const user = this.users.findByName(username) ?? (await this.enrol(username, roleOfGroups(Array.isArray(groups) ? groups.join(',') : groups), request));
    if (user === null || user.disabled) return null;
    return {
      kind: 'session',
      username: user.username,
      userId: user.id,
      role: user.role as Role,
      accounts: user.accounts === null ? null : new Set(user.accounts.map((account) => account.toLowerCase())),
      jti: `proxy:${user.id}`,
      expiresAt: Date.now() + this.sessionTtlMs,
      proxied: true,
    };
  }

  /** By Express's own compiled TRUST_PROXY (configure-app.ts sets it), the same test as `request.ip`'s. */
  private fromTrustedProxy(peer: string): boolean {
    const express = this.adapterHost.httpAdapter?.getInstance<Express>();
    const trust = express?.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
    return trust !== undefined && trust(peer, 0);
  }

  private async enrol(username: string, role: Role | null, request: IncomingMessage) {
    if (role === null) return null;
    const context = { principal: null, address: request.socket.remoteAddress ?? null, requestId: null };
    try {
      await this.users.create({ username, role, source: 'proxy' }, context);
    } catch (error) {
      // Two first requests of the same person at once: the other one made the user.
      if (this.users.findByName(username) === undefined) throw error;
      return this.users.findByName(username) ?? null;
    }
    this.audit.record(context, { kind: 'auth.login', result: 'success', actor: { type: 'user', name: username }, target: username, detail: 'first login through the trusted proxy' });
    return this.users.findByName(username) ?? null;
  }

  private warn(peer: string): void {
    const now = Date.now();
    if (now - (this.lastWarning.get(peer) ?? 0) < WARN_INTERVAL_MS) return;
    if (this.lastWarning.size > 10_000) this.lastWarning.clear();
    this.lastWarning.set(peer, now);
    this.logger.warn(
      this.enabled
        ? `Ignored Remote-User from ${peer}: not a TRUST_PROXY address`
        : `Ignored Remote-User from ${peer}: TRUSTED_PROXY_AUTH is off`,
    );
  }
}
