/**
 * The README's screenshots: `npm run screenshots` writes them to docs/screenshots/.
 *
 * The same stack as the browser tests (the production build served by
 * `node dist/apps/api/main.js`, the hub emulator's demo scenario behind it) in Debian's
 * Chromium, 1400×900 at device scale 1 on the desktop and 375 px wide for the phone.
 * They are generated on a machine with CJK and emoji fonts (on Debian: fonts-noto-cjk,
 * fonts-noto-color-emoji) and committed; the tests never compare pixels.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WORKSPACE_ROOT, ensureProductionBuild } from '@hfd/test-support';
import { BrowserHost, PHONE, type DashboardSession } from './support/browser';
import { card, login, waitForDashboard, waitForSnackbar, waitForStage } from './support/dashboard';
import { t, type Lang } from './support/i18n';
import { DashboardStack, steadyDemoScenario } from './support/stack';

/** The README's images. */
const SCREENSHOTS_DIR = join(WORKSPACE_ROOT, 'docs/screenshots');

/** How long the chart collects samples before its picture is taken: a line, not a dot. */
const CHART_HISTORY_MS = 60_000;

interface Look {
  lang: Lang;
  theme: 'light' | 'dark';
  /** The dashboard's view (ViewPreferences); default its own default, cards. */
  view?: 'cards' | 'list';
}

/** The theme, language and view as if chosen earlier in the dashboard (its own storage keys). */
function storageFor(url: string, look: Look) {
  return {
    cookies: [],
    origins: [
      {
        origin: url,
        localStorage: [
          { name: 'hfd.theme', value: look.theme },
          { name: 'hfd.lang', value: look.lang },
          { name: 'hfd.view', value: look.view ?? 'cards' },
        ],
      },
    ],
  };
}

/** Every running Space with a container shows its live load, and the totals too: nothing waits for data. */
async function waitForMetrics(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="metric-cpu"]') !== null && document.querySelector('.waiting') === null,
    null,
    { timeout: 60_000, polling: 200 },
  );
}

/** No tooltip, hover or snackbar left over from the clicks that set the scene. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.locator('.mat-mdc-tooltip').waitFor({ state: 'detached' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function dismissSnackbars(page: Page): Promise<void> {
  const dismiss = page.locator('.mat-mdc-snack-bar-action');
  if ((await dismiss.count()) > 0) await dismiss.first().click();
  await page.locator('mat-snack-bar-container').waitFor({ state: 'detached' });
}

async function save(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  const path = join(SCREENSHOTS_DIR, name);
  await page.screenshot({ path, clip, animations: 'disabled', caret: 'hide' });
  process.stdout.write(`${name}: ${Math.round(statSync(path).size / 1024)} KB\n`);
}

function expectNoProblems(session: DashboardSession, shot: string): void {
  if (session.problems.length > 0) throw new Error(`${shot}: the page reported ${JSON.stringify(session.problems)}`);
}

/** Logged in, one chart open after it has gathered some history, the legend showing the latest values. */
async function chartShot(host: BrowserHost, stack: DashboardStack, look: Look, name: string, readyAt: number): Promise<void> {
  // Sorted by last change, so the chart's Space (alice's latest) comes first and its chart fits under the overview.
  const session = await host.open(`${stack.url}/?sort=modified`, { storageState: storageFor(stack.url, look) });
  const { page } = session;
  await waitForDashboard(page);
  await login(page);
  await dismissSnackbars(page);
  const waitMore = readyAt - Date.now();
  // Only a pause for the picture's sake (the API keeps the history the chart starts from).
  if (waitMore > 0) await page.waitForTimeout(waitMore);
  const target = card(page, 'alice/whisper-transcriber');
  await target.locator('[data-testid="chart-toggle"]').click();
  await target.locator('[data-testid="space-chart"][data-state="ready"]').waitFor();
  // The chart takes the row below the first cards: the picture shows it whole.
  await target.evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await waitForMetrics(page);
  await settle(page);
  await save(page, name);
  expectNoProblems(session, name);
  await session.context.close();
}

/**
 * A Space's page after a scripted crash and recovery: the header card, uptime, the status bar,
 * the live chart, the incident and the stage changes, full length.
 */
async function spacePageShot(host: BrowserHost, stack: DashboardStack, look: Look & { viewport?: { width: number; height: number } }, name: string): Promise<void> {
  const spaceId = 'alice/whisper-transcriber';
  const session = await host.open(`${stack.url}/spaces/${spaceId}`, {
    storageState: storageFor(stack.url, look),
    ...(look.viewport ? { viewport: look.viewport, isMobile: true, hasTouch: true } : {}),
  });
  const { page } = session;
  await page.locator('[data-testid="incident"]').first().waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="space-chart"][data-state="ready"]').waitFor();
  await waitForMetrics(page);
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, name), fullPage: true, animations: 'disabled', caret: 'hide' });
  process.stdout.write(`${name}: ${Math.round(statSync(join(SCREENSHOTS_DIR, name)).size / 1024)} KB\n`);
  expectNoProblems(session, name);
  await session.context.close();
}

/** The Space page's pictures only (`-- --only=space-page`): a crash is scripted first, so there is history to show. */
async function spacePageShots(host: BrowserHost, stack: DashboardStack): Promise<void> {
  const spaceId = 'alice/whisper-transcriber';
  // Someone watches the Space (the first picture's page) while the Hub plays the crash.
  const watcher = await host.open(`${stack.url}/spaces/${spaceId}`);
  const deadline = Date.now() + 60_000;
  while (stack.hub.counters.openStreams({ spaceId, kind: 'status' }) === 0) {
    if (Date.now() > deadline) throw new Error('The server did not watch the Space');
    await watcher.page.waitForTimeout(100);
  }
  stack.hub.control.startScript(spaceId, [
    { at: '2s', stage: 'RUNTIME_ERROR', errorMessage: 'CUDA out of memory' },
    { at: '12s', stage: 'BUILDING' },
    { at: '18s', stage: 'APP_STARTING' },
    { at: '22s', stage: 'RUNNING' },
  ]);
  await watcher.page.locator('[data-testid="incident"][data-open="false"]').waitFor({ timeout: 60_000 });
  await watcher.context.close();
  await spacePageShot(host, stack, { lang: 'en', theme: 'light' }, 'space-page-light-en.png');
  await spacePageShot(host, stack, { lang: 'zh-CN', theme: 'dark' }, 'space-page-dark-zh-cn.png');
  await spacePageShot(host, stack, { lang: 'en', theme: 'dark', viewport: PHONE }, 'space-page-phone-dark-en.png');
  await spacePageShot(host, stack, { lang: 'zh-CN', theme: 'light', viewport: PHONE }, 'space-page-phone-light-zh-cn.png');
}

async function main(): Promise<void> {
  await ensureProductionBuild();
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const chartReadyAt = Date.now() + CHART_HISTORY_MS;
  // Two samples a second (a denser chart within a minute) and a build slow enough to catch.
  // Dated as demo mode dates it: the latest change two hours ago.
  const scenario = steadyDemoScenario({ latestChangeAt: new Date(Date.now() - 2 * 60 * 60_000) });
  const stack = await DashboardStack.start({ scenario, metricsIntervalMs: 500, timings: { buildMs: 8000, startMs: 5000 } });
  const host = await BrowserHost.launch();
  try {
    if (process.argv.includes('--only=space-page')) {
      await spacePageShots(host, stack);
      return;
    }
    // What a visitor sees first: every account's Spaces in one list, problems first.
    for (const look of [
      { lang: 'en', theme: 'light', name: 'overview-light-en.png' },
      { lang: 'zh-CN', theme: 'dark', name: 'overview-dark-zh-cn.png' },
    ] as const) {
      const session = await host.open(stack.url, { storageState: storageFor(stack.url, look) });
      await waitForDashboard(session.page);
      await waitForMetrics(session.page);
      await settle(session.page);
      await save(session.page, look.name);
      expectNoProblems(session, look.name);
      await session.context.close();
    }

    // The compact list, logged in (private Spaces too), sorted by CPU from its column header.
    for (const look of [
      { lang: 'en', theme: 'light', view: 'list', name: 'list-light-en.png' },
      { lang: 'zh-CN', theme: 'dark', view: 'list', name: 'list-dark-zh-cn.png' },
    ] as const) {
      const session = await host.open(stack.url, { storageState: storageFor(stack.url, look) });
      const { page } = session;
      await page.locator('[data-testid="space-row"]').first().waitFor({ timeout: 60_000 });
      await login(page);
      await dismissSnackbars(page);
      await page.locator('[data-testid="space-row"][data-space-id="alice/telegram-bot"]').waitFor();
      await page.locator('th button[data-sort="cpu"]').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'cpu');
      await waitForMetrics(page);
      await settle(page);
      await save(page, look.name);
      expectNoProblems(session, look.name);
      await session.context.close();
    }

    for (const look of [
      { lang: 'en', theme: 'light', name: 'phone-light.png' },
      { lang: 'en', theme: 'dark', name: 'phone-dark.png' },
    ] as const) {
      const session = await host.open(stack.url, { storageState: storageFor(stack.url, look), viewport: PHONE, isMobile: true, hasTouch: true });
      await waitForDashboard(session.page);
      await login(session.page, { compact: true });
      await session.page.locator('[data-testid="actions-menu"]').first().waitFor();
      await dismissSnackbars(session.page);
      await waitForMetrics(session.page);
      await settle(session.page);
      await save(session.page, look.name);
      expectNoProblems(session, look.name);
      await session.context.close();
    }

    // A restart in progress: the Space building, the result in the snackbar; one account shown.
    {
      const url = `${stack.url}/?account=nebula-labs`;
      const session = await host.open(url, { storageState: storageFor(stack.url, { lang: 'en', theme: 'light' }) });
      const { page } = session;
      await waitForDashboard(page);
      await login(page);
      await dismissSnackbars(page);
      const target = 'nebula-labs/llm-leaderboard';
      await card(page, target).locator('[data-action="restart"]').click();
      await page.locator('mat-dialog-container [data-testid="confirm-action"]').click();
      await waitForSnackbar(page, t('en', 'actions.accepted.restart', { space: target }));
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      await waitForStage(page, target, 'BUILDING');
      await waitForMetrics(page);
      await settle(page);
      await save(page, 'restart-in-progress.png');
      expectNoProblems(session, 'restart-in-progress.png');
      await session.context.close();
    }

    await chartShot(host, stack, { lang: 'en', theme: 'light' }, 'chart-light-en.png', chartReadyAt);
    await chartShot(host, stack, { lang: 'zh-CN', theme: 'dark' }, 'chart-dark-zh-cn.png', chartReadyAt);
    await spacePageShots(host, stack);
  } finally {
    await host.close();
    await stack.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
