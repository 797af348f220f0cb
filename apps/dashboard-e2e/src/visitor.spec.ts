import { STAGE_GROUP, type RuntimeStage } from '@hfd/contracts';
import { type DashboardSession } from './support/browser';
import { card, cardIds, choose, queryOf, waitForDashboard, waitInPage } from './support/dashboard';
import { t } from './support/i18n';
import { browserSuite } from './support/suite';

/**
 * What anyone who opens the dashboard sees, without logging in: the production build served
 * by `node dist/apps/api/main.js`, the hub emulator's demo scenario behind it, in Chromium.
 * Every test ends by checking that the page raised no CSP violation and logged no error.
 */

/** Budgets of their own: under `npm test` the root Jest config's 30 s would apply. */
const TEST_TIMEOUT_MS = 120_000;

const { stack: server, open } = browserSuite();

/** No CSP violation, console error or uncaught exception in the whole flow. */
function expectClean(session: DashboardSession): void {
  expect(session.problems).toEqual([]);
}

/** The stages of the cards, in page order. */
function stagesInOrder(session: DashboardSession): Promise<string[]> {
  return session.page
    .locator('[data-testid="space-card"] hf-stage-indicator')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-stage') ?? ''));
}

/** The default order's rank of a stage: errors, then on the way, then not running, then running. */
function attention(stage: string): number {
  return { error: 0, starting: 1, sleeping: 2, paused: 2, running: 3 }[STAGE_GROUP[stage as RuntimeStage]];
}

/** Relative luminance (0 black … 1 white) of a computed `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => Number(part) / 255);
  const linear = (channel: number) => (channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The page's colour scheme and colours as the browser computed them. */
function computedTheme(session: DashboardSession): Promise<{ colorScheme: string; background: string; text: string }> {
  return session.page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const body = getComputedStyle(document.body);
    return { colorScheme: root.colorScheme, background: body.backgroundColor, text: body.color };
  });
}

describe('the dashboard, for a visitor who is not logged in', () => {
  it(
    'shows the public Spaces of every account and no action button',
    async () => {
      const session = await open();
      await waitForDashboard(session.page);
      const publicIds = server()
        .hub.scenario.spaces.filter((space) => !space.private)
        .map((space) => space.id);
      expect(publicIds.length).toBeGreaterThan(5);
      const shown = await cardIds(session.page);
      expect([...shown].sort()).toEqual([...publicIds].sort());
      // Problems first, across accounts: the Space in error leads, though its account is listed second.
      expect(shown[0]).toBe('nebula-labs/vision-demo');
      const stages = await stagesInOrder(session);
      expect(stages).toEqual([...stages].sort((a, b) => attention(a) - attention(b)));

      // No actions at all: no inline buttons, no action menus; the way in is the login button.
      expect(await session.page.locator('[data-action]').count()).toBe(0);
      expect(await session.page.locator('[data-testid="actions-menu"]').count()).toBe(0);
      await session.page.locator('[data-testid="login"]').waitFor();
      expect(await session.page.locator('[data-testid="logout"]').count()).toBe(0);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'switches between light and dark (color-scheme and colours), and keeps the choice over a reload',
    async () => {
      const session = await open({ colorScheme: 'light' });
      const { page } = session;
      await waitForDashboard(page);
      // "System" follows the browser, light here.
      const system = await computedTheme(session);
      expect(luminance(system.background)).toBeGreaterThan(0.8);

      await page.locator('[data-testid="theme-menu"]').click();
      await page.locator('[data-testid="theme-dark"]').click();
      await waitInPage(page, () => getComputedStyle(document.documentElement).colorScheme === 'dark', null);
      const dark = await computedTheme(session);
      expect(luminance(dark.background)).toBeLessThan(0.05);
      expect(luminance(dark.text)).toBeGreaterThan(0.6);

      await page.reload();
      await waitForDashboard(page);
      expect(await computedTheme(session)).toEqual(dark);
      await page.locator('[data-testid="theme-menu"]').click();
      expect(await page.locator('[data-testid="theme-dark"]').getAttribute('aria-checked')).toBe('true');

      await page.locator('[data-testid="theme-light"]').click();
      await waitInPage(page, () => getComputedStyle(document.documentElement).colorScheme === 'light', null);
      const light = await computedTheme(session);
      expect(luminance(light.background)).toBeGreaterThan(0.8);
      expect(luminance(light.text)).toBeLessThan(0.1);

      await page.reload();
      await waitForDashboard(page);
      expect(await computedTheme(session)).toEqual(light);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'follows a dark system preference while the theme is left on "system"',
    async () => {
      const session = await open({ colorScheme: 'dark' });
      await waitForDashboard(session.page);
      const theme = await computedTheme(session);
      expect(theme.colorScheme).toBe('light dark');
      expect(luminance(theme.background)).toBeLessThan(0.05);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'switches the language (texts, stage names, page title) at once, without reloading',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      const running = card(page, 'bob/web-scraper').locator('hf-stage-indicator');
      const title = page.locator('mat-toolbar h1');
      expect((await running.textContent())?.trim()).toBe(t('en', 'stage.RUNNING'));
      expect((await title.textContent())?.trim()).toBe(t('en', 'app.title'));
      // A mark on this very document: a reload would lose it.
      await page.evaluate(() => Reflect.set(window, '__hfdSameDocument', true));

      await page.locator('[data-testid="language-menu"]').click();
      await page.locator('[data-testid="lang-zh-CN"]').click();
      await waitInPage(page, (text) => document.documentElement.lang === 'zh-CN' && document.title === text, t('zh-CN', 'app.title'));
      expect((await running.textContent())?.trim()).toBe(t('zh-CN', 'stage.RUNNING'));
      expect((await title.textContent())?.trim()).toBe(t('zh-CN', 'app.title'));
      expect((await page.locator('[data-testid="counter-running"] .label').textContent())?.trim()).toBe(t('zh-CN', 'overview.running'));
      expect((await page.locator('[data-testid="login"]').textContent())?.trim()).toBe(t('zh-CN', 'header.login'));
      const stages = await page.locator('hf-stage-indicator').evaluateAll((elements) =>
        elements.map((element) => [element.getAttribute('data-stage') ?? '', element.textContent?.trim() ?? '']),
      );
      for (const [stage, text] of stages) expect(text).toBe(t('zh-CN', `stage.${stage}`));

      await page.locator('[data-testid="language-menu"]').click();
      await page.locator('[data-testid="lang-en"]').click();
      await waitInPage(page, () => document.documentElement.lang === 'en', null);
      expect((await running.textContent())?.trim()).toBe(t('en', 'stage.RUNNING'));
      expect((await title.textContent())?.trim()).toBe(t('en', 'app.title'));
      expect(await page.evaluate(() => Reflect.get(window, '__hfdSameDocument'))).toBe(true);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "changes a running Space's metric values over time",
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      // Every distinct reading of the four values, collected in the page on each poll.
      await waitInPage(
        page,
        (id) => {
          const seen = (Reflect.get(window, '__hfdReadings') as Set<string> | undefined) ?? new Set<string>();
          Reflect.set(window, '__hfdReadings', seen);
          const values = Array.from(document.querySelectorAll(`[data-space-id="${id}"] [data-testid^="metric-"]`)).map((element) => element.textContent?.trim() ?? '');
          // Only complete readings count: none still waiting for data.
          if (values.length === 4 && !document.querySelector(`[data-space-id="${id}"] .waiting`)) seen.add(values.join(' | '));
          return seen.size >= 3;
        },
        'alice/whisper-transcriber',
        60_000,
      );
      const readings = await page.evaluate(() => [...(Reflect.get(window, '__hfdReadings') as Set<string>)]);
      // Three different sets of values: the card follows the live samples, not one snapshot.
      expect(new Set(readings).size).toBeGreaterThanOrEqual(3);
      for (const values of readings) expect(values).toMatch(/^[\d.]+% \| [\d.]+% \/ [\d.]+ [KMG]?B \| [\d.]+ [KMG]?B\/s \| [\d.]+ [KMG]?B\/s$/);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'filters by status group, counter and account, searches and sorts, all in the URL; reloading the URL restores the view',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      const stagesShown = (): Promise<string[]> =>
        page.locator('[data-testid="space-card"] hf-stage-indicator').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-stage') ?? ''));
      const groupOf = (stage: string) => STAGE_GROUP[stage as RuntimeStage];

      // A counter is a filter: "Need attention" shows the Spaces in error only.
      await page.locator('[data-testid="counter-error"]').click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'error');
      expect(await page.locator('[data-testid="counter-error"]').getAttribute('aria-pressed')).toBe('true');
      expect(await cardIds(page)).toEqual(['nebula-labs/vision-demo']);
      // Clicking the active counter again shows everything.
      await page.locator('[data-testid="counter-error"]').click();
      await page.waitForURL((url) => !url.searchParams.has('status'));
      expect((await cardIds(page)).length).toBeGreaterThan(1);

      // The status select: one group.
      await choose(page, 'filter-status', 'sleeping');
      await page.waitForURL((url) => url.searchParams.get('status') === 'sleeping');
      expect((await stagesShown()).map(groupOf)).toEqual(['sleeping']);

      await page.locator('[data-testid="counter-running"]').click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'running');
      const running = await stagesShown();
      expect(running.length).toBeGreaterThan(2);
      expect(new Set(running.map(groupOf))).toEqual(new Set(['running']));

      await choose(page, 'filter-account', 'bob');
      await page.waitForURL((url) => url.searchParams.get('account') === 'bob');
      expect(await cardIds(page)).toEqual(['bob/music-gen', 'bob/web-scraper']);

      await choose(page, 'filter-sort', 'name-desc');
      await page.waitForURL((url) => url.searchParams.get('sort') === 'name-desc');
      expect(await cardIds(page)).toEqual(['bob/web-scraper', 'bob/music-gen']);

      await page.locator('[data-testid="filter-search"]').fill('scrap');
      await page.waitForURL((url) => url.searchParams.get('q') === 'scrap');
      expect(await cardIds(page)).toEqual(['bob/web-scraper']);
      expect(queryOf(page)).toEqual(['account=bob', 'q=scrap', 'sort=name-desc', 'status=running']);

      // The URL alone restores the view.
      const url = page.url();
      await page.reload();
      await waitForDashboard(page);
      expect(page.url()).toBe(url);
      expect(await cardIds(page)).toEqual(['bob/web-scraper']);
      expect(await page.locator('[data-testid="filter-search"]').inputValue()).toBe('scrap');
      expect(await page.locator('[data-testid="counter-running"]').getAttribute('aria-pressed')).toBe('true');
      expect((await page.locator('[data-testid="filter-account"]').textContent())?.trim()).toBe('bob');
      expect((await page.locator('[data-testid="filter-sort"]').textContent())?.trim()).toBe(t('en', 'filters.sortOption.name-desc'));

      // Searching for something else and clearing the search widen it again, still by URL.
      await page.locator('[data-testid="filter-search"]').fill('');
      await page.waitForURL((url) => !url.searchParams.has('q'));
      expect(await cardIds(page)).toEqual(['bob/web-scraper', 'bob/music-gen']);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows the compact list, sorts it by a column header (in the URL), and keeps the view for this browser',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      await choose(page, 'filter-view', 'list');
      const rows = page.locator('[data-testid="space-row"]');
      await rows.first().waitFor();
      expect(await page.locator('[data-testid="space-card"]').count()).toBe(0);
      expect(await rows.count()).toBe(server().hub.scenario.spaces.filter((space) => !space.private).length);

      // The stage column sorts problems first; the CPU header, the busiest first, then the other way.
      expect(await page.locator('th[aria-sort]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-sort')))).toEqual(['ascending']);
      await page.locator('th button[data-sort="cpu"]').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'cpu');
      // The address changes before the table renders the new order: wait for the header, then read it.
      await page.locator('th[aria-sort="descending"]').waitFor();
      expect(await page.locator('th[aria-sort]').textContent()).toContain(t('en', 'list.cpu'));
      await page.locator('th button[data-sort="cpu"]').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'cpu-asc');
      await page.locator('th[aria-sort="ascending"]').waitFor();
      expect(await page.locator('th[aria-sort]').textContent()).toContain(t('en', 'list.cpu'));

      // Remembered by this browser, not the link: a reload keeps the list.
      await page.goto(page.url().split('?')[0]);
      await rows.first().waitFor();
      expect(await page.locator('[data-testid="filter-view"]').textContent()).toContain(t('en', 'filters.viewOption.list'));
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "opens a Space's chart in a row of its own, across the grid, without stretching the cards beside it",
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      const boxes = () =>
        page.locator('[data-testid="space-card"]').evaluateAll((cards) =>
          cards.map((element) => {
            const box = element.getBoundingClientRect();
            return { id: element.getAttribute('data-space-id') ?? '', width: Math.round(box.width), height: Math.round(box.height) };
          }),
        );
      const before = await boxes();
      const target = before[1].id;
      await card(page, target).locator('[data-testid="chart-toggle"]').click();
      await card(page, target).locator('[data-testid="space-chart"][data-state="ready"]').waitFor();
      const after = await boxes();
      const gridWidth = await page.locator('hf-space-list .grid').evaluate((grid) => Math.round(grid.getBoundingClientRect().width));
      expect(after.find((box) => box.id === target)?.width).toBe(gridWidth);
      // Rows may regroup around the chart's own row, but no card grows to the chart's height:
      // none is taller than the tallest card was before.
      const tallest = Math.max(...before.map((box) => box.height));
      expect(after.find((box) => box.id === target)?.height).toBeGreaterThan(tallest);
      for (const box of after.filter((candidate) => candidate.id !== target)) {
        expect([box.id, box.height <= tallest]).toEqual([box.id, true]);
      }
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );
});
