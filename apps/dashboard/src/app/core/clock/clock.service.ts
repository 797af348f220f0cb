import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** Relative times ("3 minutes ago") move forward with this coarse tick, not with every render. */
const TICK_MS = 30_000;

@Injectable({ providedIn: 'root' })
export class ClockService {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();

  constructor() {
    const timer = setInterval(() => this.current.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
