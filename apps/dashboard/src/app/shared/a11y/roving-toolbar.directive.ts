import { ListKeyManager } from '@angular/cdk/a11y';
import { Directionality } from '@angular/cdk/bidi';
import { DestroyRef, Directive, ElementRef, afterNextRender, inject } from '@angular/core';

/** Every link and button inside, whichever component renders it. */
const ITEM_SELECTOR = 'a[href], button';
const MOVE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/**
 * A toolbar that is a single Tab stop (the WAI-ARIA toolbar pattern): the arrow keys, Home
 * and End move between its controls, Tab moves on, and coming back lands on the control
 * used last. A page of cards then costs one Tab stop per card instead of six.
 *
 * Its controls are found in the DOM, so buttons rendered by child components count too,
 * and each control that appears later (an action that finished, a chart toggled) joins in.
 * Buttons inside must stay focusable when disabled (`disabledInteractive`).
 */
@Directive({
  selector: '[hfRovingToolbar]',
  host: { role: 'toolbar', '(keydown)': 'onKeydown($event)', '(focusin)': 'onFocusin($event)' },
})
export class RovingToolbarDirective {
  private readonly host: HTMLElement = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly direction = inject(Directionality);
  private current: HTMLElement | null = null;

  constructor() {
    const observer = new MutationObserver(() => this.sync());
    afterNextRender(() => {
      this.sync();
      observer.observe(this.host, { childList: true, subtree: true });
    });
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }

  protected onFocusin(event: FocusEvent): void {
    const item = this.items().find((candidate) => candidate === event.target);
    if (item && item !== this.current) {
      this.current = item;
      this.sync();
    }
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (!MOVE_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this.items();
    const index = items.findIndex((item) => item === event.target);
    if (index < 0) return;
    // Wrapped: a key manager's items are not DOM elements. None counts as disabled, since a
    // disabled control here stays focusable (its reason is read there).
    const keys = new ListKeyManager(items.map((element) => ({ element, disabled: false })))
      .withHorizontalOrientation(this.direction.value)
      .withWrap()
      .withHomeAndEnd();
    keys.updateActiveItem(index);
    keys.onKeydown(event);
    keys.activeItem?.element.focus();
  }

  private items(): HTMLElement[] {
    return Array.from(this.host.querySelectorAll<HTMLElement>(ITEM_SELECTOR));
  }

  private sync(): void {
    const items = this.items();
    if (!this.current || !items.includes(this.current)) this.current = items[0] ?? null;
    for (const item of items) item.setAttribute('tabindex', item === this.current ? '0' : '-1');
  }
}
