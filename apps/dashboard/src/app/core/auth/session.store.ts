import { Injectable, computed, inject, signal } from '@angular/core';
import { ROLES, roleIncludes, type LoginRequest, type LoginResponse, type Role } from '@hfd/contracts';
import { tap, type Observable } from 'rxjs';
import { Notifier } from '../notify/notifier.service';
import { STORAGE_KEYS, readStored, writeStored } from '../storage/browser-storage';
import { AuthApiService } from './auth-api.service';

export interface Session {
  token: string;
  username: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** What the dashboard offers; the server decides on every request anyway. */
  role: Role;
  accounts: string[] | null;
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isAccounts(value: unknown): value is string[] | null {
  return value === null || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** setTimeout treats longer delays as 0, which would end a long session at once. */
const MAX_TIMER_MS = 2_147_483_647;

function parseSession(raw: string | null, now: number): Session | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { token, username, expiresAt, role, accounts } = value as Record<string, unknown>;
    if (typeof token !== 'string' || typeof username !== 'string' || typeof expiresAt !== 'number') return null;
    // A session remembered before roles existed offers the least until /auth/me answers.
    const known = { role: isRole(role) ? role : ('viewer' as const), accounts: isAccounts(accounts) ? accounts : [] };
    return expiresAt > now ? { token, username, expiresAt, ...known } : null;
  } catch {
    return null;
  }
}

/**
 * The login session. Without one the dashboard is read-only; with one, requests to our
 * API carry the token in the Authorization header (see auth.interceptor.ts), and nowhere else.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly api = inject(AuthApiService);
  private readonly notifier = inject(Notifier);
  private readonly state = signal<Session | null>(parseSession(readStored(STORAGE_KEYS.session), Date.now()));
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;

  readonly session = this.state.asReadonly();
  readonly token = computed(() => this.state()?.token ?? null);
  readonly loggedIn = computed(() => this.state() !== null);
  readonly username = computed(() => this.state()?.username ?? null);
  readonly role = computed(() => this.state()?.role ?? null);
  /** Restart, rebuild, pause, resume: operators and admins. */
  readonly canAct = computed(() => this.has('operator'));
  readonly isAdmin = computed(() => this.has('admin'));

  constructor() {
    const restored = this.state();
    if (restored) this.scheduleExpiry(restored);
    else writeStored(STORAGE_KEYS.session, null);
  }

  /** A remembered session may have been revoked meanwhile; a 401 here ends it with a notice. */
  verify(): void {
    if (!this.state()) return;
    this.api.me().subscribe({
      next: (me) => {
        const current = this.state();
        if (current && current.username === me.username) this.remember({ ...current, role: me.role, accounts: me.accounts });
      },
      error: () => undefined,
    });
  }

  has(least: Role): boolean {
    const role = this.role();
    return role !== null && roleIncludes(role, least);
  }

  login(credentials: LoginRequest): Observable<LoginResponse> {
    return this.api.login(credentials).pipe(tap((response) => this.start(response)));
  }

  /** The one-time ticket of a single sign-on, exchanged for the session. */
  exchangeTicket(ticket: string): Observable<LoginResponse> {
    return this.api.oidcToken(ticket).pipe(tap((response) => this.start(response)));
  }

  /** A new password ends every session of the user: the answer is the fresh one. */
  adopt(response: LoginResponse): void {
    this.start(response);
  }

  /** The server ended this session (the stream said so): the page goes on as a visitor, told why. */
  ended(): void {
    if (!this.state()) return;
    this.clear();
    this.notifier.error('auth.sessionEnded');
  }

  logout(): void {
    if (!this.state()) return;
    // The request takes the token with it when subscribed, so the page can go read-only at once.
    this.api.logout().subscribe({ error: () => undefined });
    this.clear();
    this.notifier.info('auth.loggedOut');
  }

  /** The server refused the token (expired or revoked) or its time ran out. */
  expire(): void {
    if (!this.state()) return;
    this.clear();
    this.notifier.error('auth.sessionExpired');
  }

  private start(response: LoginResponse): void {
    const session: Session = {
      token: response.accessToken,
      username: response.username,
      expiresAt: Date.parse(response.expiresAt),
      role: response.role,
      accounts: response.accounts,
    };
    this.remember(session);
    this.scheduleExpiry(session);
  }

  private remember(session: Session): void {
    this.state.set(session);
    writeStored(STORAGE_KEYS.session, JSON.stringify(session));
  }

  private clear(): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.state.set(null);
    writeStored(STORAGE_KEYS.session, null);
  }

  private scheduleExpiry(session: Session): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    const delay = Math.min(Math.max(0, session.expiresAt - Date.now()), MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => this.expire(), delay);
  }
}
