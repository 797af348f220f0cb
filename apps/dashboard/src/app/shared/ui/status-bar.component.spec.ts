import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { StatusSlot } from '@hfd/contracts';
import { provideTestDefaults } from '../../../testing/test-providers';
import { formatUptime } from '../format/formatters';
import { StatusBarComponent } from './status-bar.component';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 10);

function slot(
  index: number,
  state: StatusSlot['state'],
  overrides: Partial<StatusSlot> = {},
): StatusSlot {
  return {
    start: T0 + index * 15 * MIN,
    end: T0 + (index + 1) * 15 * MIN,
    state,
    upMs: 0,
    downMs: 0,
    unknownMs: 0,
    stages: [],
    ...overrides,
  };
}

describe('StatusBarComponent', () => {
  let fixture: ComponentFixture<StatusBarComponent>;

  async function render(slots: StatusSlot[]): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestDefaults() });
    fixture = TestBed.createComponent(StatusBarComponent);
    fixture.componentRef.setInput('slots', slots);
    fixture.componentRef.setInput('lang', 'en');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const slots = [
    slot(0, 'unknown', { unknownMs: 15 * MIN }),
    slot(1, 'up', { upMs: 15 * MIN, stages: ['RUNNING'] }),
    slot(2, 'down', {
      upMs: 10 * MIN,
      downMs: 5 * MIN,
      stages: ['RUNNING', 'RUNTIME_ERROR'],
    }),
  ];

  it('colours one segment per slot by its state', async () => {
    const element = await render(slots);
    const states = Array.from(
      element.querySelectorAll('[data-testid="status-slot"]'),
    ).map((segment) => segment.getAttribute('data-state'));
    expect(states).toEqual(['unknown', 'up', 'down']);
  });

  it('is one Tab stop whose arrow keys, Home and End walk the slots and describe the chosen one', async () => {
    const element = await render(slots);
    const bar = element.querySelector(
      '[data-testid="status-bar"]',
    ) as HTMLElement;
    expect(bar.getAttribute('tabindex')).toBe('0');
    const detail = () =>
      element
        .querySelector('[data-testid="status-detail"]')
        ?.textContent?.trim() ?? '';
    const press = async (key: string) => {
      bar.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await fixture.whenStable();
    };
    await press('End');
    expect(detail()).toContain('down');
    expect(detail()).toContain('Running → Runtime error');
    expect(detail()).toContain('down 5 min');
    await press('ArrowLeft');
    expect(detail()).toContain('up 15 min');
    await press('Home');
    await press('ArrowLeft');
    expect(detail()).toContain('unknown 15 min');
    expect(element.querySelectorAll('.slot.active')).toHaveLength(1);
  });

  it('formats uptime to two decimals, never rounding a moment down up to 100 %', () => {
    expect(formatUptime(0.99995, 'en')).toBe('99.99%');
    expect(formatUptime(1, 'en')).toBe('100%');
    expect(formatUptime(2 / 3, 'en')).toBe('66.67%');
    expect(formatUptime(null, 'en')).toBe('—');
  });
});
