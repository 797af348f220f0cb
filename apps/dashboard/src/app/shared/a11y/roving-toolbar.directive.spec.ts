import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { RovingToolbarDirective } from './roving-toolbar.directive';

@Component({
  imports: [RovingToolbarDirective],
  template: `
    <div hfRovingToolbar aria-label="Actions">
      <a href="https://example.com/app">App</a>
      <button type="button">Chart</button>
      @if (extra()) {
        <button type="button">Restart</button>
      }
    </div>
  `,
})
class ToolbarHostComponent {
  readonly extra = signal(false);
}

/** What the browser's MutationObserver needs to deliver its records. */
const mutationsDelivered = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

describe('RovingToolbarDirective', () => {
  let fixture: ComponentFixture<ToolbarHostComponent>;

  beforeEach(async () => {
    fixture = TestBed.createComponent(ToolbarHostComponent);
    await fixture.whenStable();
  });

  const items = (): HTMLElement[] => Array.from((fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('a, button'));
  const tabStops = (): string[] => items().filter((item) => item.tabIndex === 0).map((item) => item.textContent ?? '');

  function press(key: string, keyCode: number): void {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    // The CDK's key manager reads keyCode, which jsdom leaves at 0.
    Object.defineProperty(event, 'keyCode', { value: keyCode });
    document.activeElement?.dispatchEvent(event);
  }

  it('is a toolbar with a single Tab stop, its first control', () => {
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="toolbar"]')).not.toBeNull();
    expect(tabStops()).toEqual(['App']);
  });

  it('moves between its controls with the arrow keys, wrapping, and with Home and End', () => {
    items()[0].focus();
    press('ArrowRight', 39);
    expect(document.activeElement?.textContent).toBe('Chart');
    press('ArrowRight', 39);
    expect(document.activeElement?.textContent).toBe('App');
    press('ArrowLeft', 37);
    expect(document.activeElement?.textContent).toBe('Chart');
    press('Home', 36);
    expect(document.activeElement?.textContent).toBe('App');
    press('End', 35);
    expect(document.activeElement?.textContent).toBe('Chart');
  });

  it('makes the control used last the Tab stop, so Tab comes back to it', () => {
    items()[0].focus();
    press('ArrowRight', 39);
    expect(tabStops()).toEqual(['Chart']);
  });

  it('takes in a control that appears later, without a second Tab stop', async () => {
    fixture.componentInstance.extra.set(true);
    await fixture.whenStable();
    await mutationsDelivered();
    expect(items()).toHaveLength(3);
    expect(tabStops()).toEqual(['App']);
    items()[1].focus();
    press('ArrowRight', 39);
    expect(document.activeElement?.textContent).toBe('Restart');
  });
});
