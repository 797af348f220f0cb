import { DOCUMENT, DestroyRef, Injectable, Injector, afterEveryRender, inject } from '@angular/core';

/** An element whose subtree gets the focus back when the focused control inside it disappears. */
export const FOCUS_SCOPE_ATTRIBUTE = 'data-focus-scope';

/** What Tab would stop at: the roving item a toolbar left reachable, any other control. */
const TABBABLE = ':is(a[href], button, input, select, textarea, [tabindex]):not([tabindex="-1"], [disabled])';

/**
 * Keeps the keyboard's place when the page re-renders under it. A live list moves cards as
 * their stages change and replaces buttons as actions finish; a browser drops the focus of
 * an element that is moved or removed, to `<body>`, and a keyboard user would start over
 * from the top. After every render, a focus dropped that way goes back to the same element
 * if it is still on the page, or else to the first control of its focus scope (a card).
 *
 * A pointer press clears the memory: clicking empty space may leave the focus on `<body>`.
 */
@Injectable({ providedIn: 'root' })
export class FocusKeeper {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private last: HTMLElement | null = null;
  private scope: HTMLElement | null = null;
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    const onFocusIn = (event: FocusEvent): void => this.remember(event.target);
    const onPointerDown = (): void => this.forget();
    this.document.addEventListener('focusin', onFocusIn);
    this.document.addEventListener('pointerdown', onPointerDown, true);
    afterEveryRender({ read: () => this.restore() }, { injector: this.injector });
    this.injector.get(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('focusin', onFocusIn);
      this.document.removeEventListener('pointerdown', onPointerDown, true);
    });
  }

  private remember(target: EventTarget | null): void {
    if (!(target instanceof HTMLElement)) return;
    this.last = target;
    this.scope = target.closest<HTMLElement>(`[${FOCUS_SCOPE_ATTRIBUTE}]`);
  }

  private forget(): void {
    this.last = null;
    this.scope = null;
  }

  private restore(): void {
    const active = this.document.activeElement;
    if (active !== null && active !== this.document.body) return;
    const target = this.last?.isConnected ? this.last : this.scope?.isConnected ? this.scope.querySelector<HTMLElement>(TABBABLE) : null;
    target?.focus({ preventScroll: true });
  }
}
