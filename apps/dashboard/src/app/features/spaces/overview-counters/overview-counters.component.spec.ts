import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideTestDefaults } from '../../../../testing/test-providers';
import type { StatusFilter } from '../data-access/space-filters';
import type { TrafficTotals } from '../data-access/spaces.store';
import { OverviewCountersComponent } from './overview-counters.component';

describe('OverviewCountersComponent', () => {
  let fixture: ComponentFixture<OverviewCountersComponent>;
  let emitted: StatusFilter[];

  async function render(
    status: StatusFilter = 'all',
    lang: 'en' | 'zh-CN' = 'en',
    totals: TrafficTotals | null = { upload: 3123, download: 2.5 * 1024 * 1024 },
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestDefaults(lang) });
    fixture = TestBed.createComponent(OverviewCountersComponent);
    fixture.componentRef.setInput('counts', { accounts: 3, spaces: 12, running: 7, notRunning: 5, attention: 2 });
    fixture.componentRef.setInput('totals', totals);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('lang', lang);
    emitted = [];
    fixture.componentInstance.statusChange.subscribe((value) => emitted.push(value));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function tiles(element: HTMLElement): string[] {
    return Array.from(element.querySelectorAll('.tile')).map(
      (tile) => `${tile.querySelector('.label')?.textContent?.trim()} ${tile.querySelector('.value')?.textContent?.trim()}`,
    );
  }

  it('shows accounts, Spaces, running, not running, needing attention and the total rates', async () => {
    const element = await render();
    expect(tiles(element)).toEqual([
      'Accounts 3',
      'Spaces 12',
      'Running 7',
      'Not running 5',
      'Need attention 2',
      'Total upload 3.05 KB/s',
      'Total download 2.5 MB/s',
    ]);
  });

  it('uses the words of the original in Chinese', async () => {
    const element = await render('all', 'zh-CN');
    expect(tiles(element).slice(0, 4)).toEqual(['总用户数 3', '总实例数 12', '在线实例 7', '离线实例 5']);
  });

  it('acts as a filter: a counter click selects its Spaces', async () => {
    const element = await render();
    const running = element.querySelectorAll<HTMLButtonElement>('button.tile')[1];
    expect(running.getAttribute('aria-pressed')).toBe('false');
    // Its name is what it shows (WCAG 2.5.3); what it does is its description.
    expect(running.hasAttribute('aria-label')).toBe(false);
    expect(running.textContent?.replace(/\s+/g, ' ').trim()).toBe('Running 7');
    const hint = element.querySelector(`#${running.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toBe('Show only these Spaces');
    running.click();
    element.querySelectorAll<HTMLButtonElement>('button.tile')[3].click();
    expect(emitted).toEqual(['running', 'error']);
  });

  it('marks the active counter, and a second click goes back to all', async () => {
    const element = await render('not-running');
    const notRunning = element.querySelectorAll<HTMLButtonElement>('button.tile')[2];
    expect(notRunning.getAttribute('aria-pressed')).toBe('true');
    notRunning.click();
    expect(emitted).toEqual(['all']);
  });

  it('says it waits for data, not "0 B/s", until the first load sample', async () => {
    const element = await render('all', 'en', null);
    expect(tiles(element).slice(5)).toEqual(['Total upload Waiting for data', 'Total download Waiting for data']);
  });

  it('says it waits for data in Chinese too', async () => {
    const element = await render('all', 'zh-CN', null);
    expect(tiles(element).slice(5)).toEqual(['总上传 等待数据', '总下载 等待数据']);
  });

  it('flags Spaces needing attention', async () => {
    const element = await render();
    expect(element.querySelectorAll('button.tile')[3].classList).toContain('alert');
  });
});
