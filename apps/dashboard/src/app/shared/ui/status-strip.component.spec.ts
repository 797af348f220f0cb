import { TestBed } from '@angular/core/testing';
import type { StatusStrip } from '@hfd/contracts';
import { provideTestDefaults } from '../../../testing/test-providers';
import { StatusStripComponent, runsOf } from './status-strip.component';

const MIN = 60_000;

describe('StatusStripComponent', () => {
  async function render(strip: StatusStrip): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestDefaults() });
    const fixture = TestBed.createComponent(StatusStripComponent);
    fixture.componentRef.setInput('strip', strip);
    fixture.componentRef.setInput('lang', 'en');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws each row of slots of one state as one element, as wide as its slots', async () => {
    const element = await render({
      states: ['unknown', 'up', 'up', 'up', 'down', 'up'],
      upMs: 60 * MIN,
      downMs: 5 * MIN,
    });
    const runs = Array.from(
      element.querySelectorAll<HTMLElement>(
        '[data-testid="status-strip"] [data-state]',
      ),
    );
    expect(
      runs.map((run) => [run.getAttribute('data-state'), run.style.flexGrow]),
    ).toEqual([
      ['unknown', '1'],
      ['up', '3'],
      ['down', '1'],
      ['up', '1'],
    ]);
  });

  it('has no focus and tells screen readers the time down, or that it stayed up', async () => {
    const down = (
      await render({ states: ['up', 'down'], upMs: 10 * MIN, downMs: 5 * MIN })
    ).querySelector('[data-testid="status-strip"]') as HTMLElement;
    expect(down.getAttribute('tabindex')).toBeNull();
    expect(down.getAttribute('role')).toBe('img');
    expect(down.getAttribute('aria-label')).toBe(
      'Down for 5 min in the last 24 hours',
    );
    TestBed.resetTestingModule();
    const up = (
      await render({ states: ['up'], upMs: 10 * MIN, downMs: 0 })
    ).querySelector('[data-testid="status-strip"]') as HTMLElement;
    expect(up.getAttribute('aria-label')).not.toBe(
      down.getAttribute('aria-label'),
    );
    expect(up.getAttribute('aria-label')).not.toContain('Down');
  });

  it('makes no run of an empty strip', () => {
    expect(runsOf([])).toEqual([]);
    expect(runsOf(['up', 'up'])).toEqual([{ state: 'up', slots: 2 }]);
  });
});
