import { Injectable, computed, inject, signal } from '@angular/core';
import type { LoginRequest, LoginResponse } from '@hfd/contracts';
import { tap, type Observable } from 'rxjs';
import { Notifier } from '../notify/notifier.service';
import { STORAGE_KEYS, readStored, writeStored } from '../storage/browser-storage';
import { AuthApiService } from './auth-api.service';

export interface Session {
  token: string;
  username: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** setTimeout treats longer delays as 0, which would end a long session at once. */
const MAX_TIMER_MS = 2_147_483_647;

function parseSession(raw: string | null, now: number): Session | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { token, username, expiresAt } = value as Record<string, unknown>;
    if (typeof token !== 'string' || typeof username !== 'string' || typeof expiresAt !== 'number') return null;
    return expiresAt > now ? { token, username, expiresAt } : null;
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

  constructor() {
    const restored = this.state();
    if (restored) this.scheduleExpiry(restored);
    else writeStored(STORAGE_KEYS.session, null);
  }

  /** A remembered session may have been revoked meanwhile; a 401 here ends it with a notice. */
  verify(): void {
    if (this.state()) this.api.me().subscribe({ error: () => undefined });
  }

  login(credentials: LoginRequest): Observable<LoginResponse> {
    return this.api.login(credentials).pipe(tap((response) => this.start(response)));
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
    };
    this.state.set(session);
    writeStored(STORAGE_KEYS.session, JSON.stringify(session));
    this.scheduleExpiry(session);
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
