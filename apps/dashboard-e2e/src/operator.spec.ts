import type { Page } from 'playwright-core';
import { PHONE, type DashboardSession } from './support/browser';
import {
  card,
  cardIds,
  focusedMatches,
  login,
  recordStages,
  recordedStages,
  snackbarText,
  tabTo,
  waitForDashboard,
  waitForFocus,
  waitForSnackbar,
  waitForStage,
  waitInPage,
} from './support/dashboard';
import { t } from './support/i18n';
import { OPERATOR } from './support/stack';
import { browserSuite } from './support/suite';

/**
 * The logged-in operator: actions and the stages that follow them, the keyboard, accessible
 * names, and the phone layout. Production build, `node dist/apps/api/main.js`, the demo
 * scenario in the hub emulator with short stage timings, Chromium.
 */

const TEST_TIMEOUT_MS = 120_000;

const { stack: server, open } = browserSuite();

function expectClean(session: DashboardSession): void {
  expect(session.problems).toEqual([]);
}

interface UnnamedControl {
  role: string;
  html: string;
}

/**
 * Controls without an accessible name, as Chromium's accessibility tree computes names
 * (aria-label, labelledby, label, content), plus how many controls were checked.
 *
 * Cards far off screen are skipped by `content-visibility: auto` and left out of that tree,
 * so the viewport is made as tall as the page for the check: every card is then rendered.
 */
async function unnamedControls(session: DashboardSession): Promise<{ checked: number; unnamed: UnnamedControl[] }> {
  const { page } = session;
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('The page has no viewport');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height + 200) });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const cdp = await session.context.newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const roles = new Set(['button', 'link', 'menuitem', 'menuitemradio', 'combobox', 'textbox', 'searchbox']);
    const controls = nodes.filter((node) => !node.ignored && roles.has(String(node.role?.value ?? '')));
    const unnamed: UnnamedControl[] = [];
    for (const node of controls) {
      if (String(node.name?.value ?? '').trim() !== '') continue;
      let html = '';
      if (node.backendDOMNodeId !== undefined) {
        const { node: described } = await cdp.send('DOM.describeNode', { backendNodeId: node.backendDOMNodeId });
        html = `<${described.localName} ${(described.attributes ?? []).join(' ')}>`;
      }
      unnamed.push({ role: String(node.role?.value), html });
    }
    return { checked: controls.length, unnamed };
  } finally {
    await cdp.detach();
    await page.setViewportSize(viewport);
  }
}

describe('the dashboard, for a logged-in operator', () => {
  it(
    'logs in, restarts a Space, shows Building and Starting on its card, then Running, and reports the result',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      await login(page);
      expect(await snackbarText(page)).toBe(t('en', 'auth.loggedIn', { username: OPERATOR.username }));
      // Private Spaces appear once logged in, and each card gets its actions.
      await card(page, 'alice/telegram-bot').waitFor();
      const whisper = card(page, 'alice/whisper-transcriber');
      await whisper.locator('[data-action="restart"]').waitFor();
      // Whether a token can write is the account's: bob's is read-only, carol has none. Their
      // cards offer no disabled buttons, only a short note; the notes above the list say why once.
      for (const [id, reason] of [
        ['bob/web-scraper', 'actions.blocked.readOnlyToken'],
        ['carol/stock-dashboard', 'actions.blocked.noToken'],
      ]) {
        expect(await card(page, id).locator('[data-action]').count()).toBe(0);
        expect(await card(page, id).locator('[data-testid="actions-blocked"]').getAttribute('data-reason')).toBe(reason);
      }
      expect(await page.locator('hf-account-notices [data-account="bob"] [data-testid="account-token"]').getAttribute('data-token')).toBe(
        'account.readOnlyToken',
      );
      // A static Space keeps its buttons, off, with the Hub's reason.
      const portfolio = card(page, 'alice/portfolio');
      expect(await portfolio.locator('[data-action="restart"]').getAttribute('aria-disabled')).toBe('true');
      expect((await portfolio.locator('[data-testid="actions-blocked"]').textContent())?.trim()).toBe(t('en', 'actions.blocked.static'));

      await recordStages(page, 'alice/whisper-transcriber');
      await whisper.locator('[data-action="restart"]').click();
      const dialog = page.locator('mat-dialog-container');
      expect(await dialog.textContent()).toContain('alice/whisper-transcriber');
      await dialog.locator('[data-testid="confirm-action"]').click();
      await waitForSnackbar(page, t('en', 'actions.accepted.restart', { space: 'alice/whisper-transcriber' }));

      await waitForStage(page, 'alice/whisper-transcriber', 'BUILDING');
      expect((await whisper.locator('hf-stage-indicator').textContent())?.trim()).toBe(t('en', 'stage.BUILDING'));
      await waitForStage(page, 'alice/whisper-transcriber', 'APP_STARTING');
      await waitForStage(page, 'alice/whisper-transcriber', 'RUNNING', 60_000);
      // Everything the card showed: from Running through Building, then Starting, back to Running.
      const stages = await recordedStages(page);
      expect(stages[0]).toBe('RUNNING');
      expect(stages.at(-1)).toBe('RUNNING');
      expect(stages.indexOf('BUILDING')).toBeGreaterThan(0);
      expect(stages.indexOf('APP_STARTING')).toBeGreaterThan(stages.indexOf('BUILDING'));
      // The server saw it start running: the card says for how long, from the API's stageSince.
      await waitInPage(page, (text) => document.querySelector('[data-space-id="alice/whisper-transcriber"] hf-stage-since')?.textContent?.trim() === text, t('en', 'card.stageFor', { duration: '< 1 min' }));
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'changes language and theme, logs in, filters, refreshes, opens a chart and restarts a Space with the keyboard alone, the focus never on <body>',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);

      // Language: the menu's items get the focus, the arrow keys move it, Enter chooses.
      await tabTo(page, '[data-testid="language-menu"]');
      await page.keyboard.press('Enter');
      await waitForFocus(page, '[role="menuitemradio"][data-testid^="lang-"]');
      await page.keyboard.press('Home');
      await waitForFocus(page, '[data-testid="lang-zh-CN"]');
      await page.keyboard.press('Enter');
      await waitInPage(page, () => document.documentElement.lang === 'zh-CN', null);
      await waitForFocus(page, '[data-testid="language-menu"]');

      // Theme: dark is the last of system, light, dark.
      await tabTo(page, '[data-testid="theme-menu"]');
      await page.keyboard.press('Enter');
      await waitForFocus(page, '[data-testid^="theme-"][role="menuitemradio"]');
      await page.keyboard.press('End');
      await waitForFocus(page, '[data-testid="theme-dark"]');
      await page.keyboard.press('Enter');
      await waitInPage(page, () => getComputedStyle(document.documentElement).colorScheme === 'dark', null);
      await waitForFocus(page, '[data-testid="theme-menu"]');

      // Login: a wrong password first. The field keeps it, selected, and says no "Required".
      await tabTo(page, '[data-testid="login"]');
      await page.keyboard.press('Enter');
      await waitForFocus(page, '[data-testid="login-username"]');
      await page.keyboard.type(OPERATOR.username);
      await page.keyboard.press('Tab');
      await page.keyboard.type('not-the-password');
      await page.keyboard.press('Enter');
      await page.locator('mat-dialog-container [role="alert"]').waitFor();
      expect((await page.locator('mat-dialog-container [role="alert"]').textContent())?.trim()).toBe(t('zh-CN', 'login.invalid'));
      expect(await page.locator('mat-dialog-container mat-error').count()).toBe(0);
      await waitForFocus(page, '[data-testid="login-password"]');
      expect(await page.locator('[data-testid="login-password"]').inputValue()).toBe('not-the-password');
      // Typing replaces the selected wrong password.
      await page.keyboard.type(OPERATOR.password);
      await page.keyboard.press('Enter');
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      // The Log in button is gone: Log out, in its place, has the focus.
      await waitForFocus(page, '[data-testid="logout"]');

      // Filter by typing in the search box.
      await tabTo(page, '[data-testid="filter-search"]');
      await page.keyboard.type('leaderboard');
      await page.waitForURL((url) => url.searchParams.get('q') === 'leaderboard');
      expect(await cardIds(page)).toEqual(['nebula-labs/llm-leaderboard']);

      // Refresh keeps the focus while it works and after.
      await tabTo(page, '[data-testid="refresh"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="refresh"][aria-busy="false"]').waitFor();
      expect(await focusedMatches(page, '[data-testid="refresh"]')).toBe(true);

      // The card's links and actions are one Tab stop; the arrow keys go along them.
      const leaderboard = '[data-space-id="nebula-labs/llm-leaderboard"]';
      await tabTo(page, `${leaderboard} [role="toolbar"] a, ${leaderboard} [role="toolbar"] button`);
      expect(await focusedMatches(page, `${leaderboard} [data-testid="open-app"]`)).toBe(true);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await waitForFocus(page, `${leaderboard} [data-testid="chart-toggle"]`);
      await page.keyboard.press('Enter');
      await page.locator(`${leaderboard} [data-testid="space-chart"][data-state="ready"]`).waitFor();
      expect(await focusedMatches(page, `${leaderboard} [data-testid="chart-toggle"][aria-expanded="true"]`)).toBe(true);

      await page.keyboard.press('ArrowRight');
      await waitForFocus(page, `${leaderboard} [data-action="restart"]`);
      await page.keyboard.press('Enter');
      await page.locator('mat-dialog-container').waitFor();
      await tabTo(page, '[data-testid="confirm-action"]', 5);
      await page.keyboard.press('Enter');
      await waitForSnackbar(page, t('zh-CN', 'actions.accepted.restart', { space: 'nebula-labs/llm-leaderboard' }));
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      // Back on the Restart button, busy but focusable, and still there as the stages pass.
      await waitForFocus(page, `${leaderboard} [data-action="restart"]`);
      await waitForStage(page, 'nebula-labs/llm-leaderboard', 'BUILDING');
      expect(await focusedMatches(page, `${leaderboard} [data-action="restart"]`)).toBe(true);
      // The one thing the browser logged: the wrong password's 401.
      expect(session.problems).toEqual([{ kind: 'console-error', text: expect.stringContaining('401') }]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "changes theme and language from the phone's menu with the keyboard alone",
    async () => {
      const session = await open({ viewport: PHONE, isMobile: true, hasTouch: true });
      const { page } = session;
      await waitForDashboard(page);
      await tabTo(page, '[data-testid="more-menu"]');
      await page.keyboard.press('Enter');
      await waitForFocus(page, '.mat-mdc-menu-panel [mat-menu-item]');
      // Theme is a submenu: the right arrow opens it and puts the focus on its first item.
      await tabToMenuItem(page, '[data-testid="theme-menu"]');
      await page.keyboard.press('ArrowRight');
      await waitForFocus(page, '[data-testid="theme-system"]');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await waitInPage(page, () => getComputedStyle(document.documentElement).colorScheme === 'dark', null);
      await waitForFocus(page, '[data-testid="more-menu"]');

      await page.keyboard.press('Enter');
      await waitForFocus(page, '.mat-mdc-menu-panel [mat-menu-item]');
      await tabToMenuItem(page, '[data-testid="language-menu"]');
      await page.keyboard.press('ArrowRight');
      await waitForFocus(page, '[data-testid="lang-zh-CN"]');
      await page.keyboard.press('Enter');
      await waitInPage(page, () => document.documentElement.lang === 'zh-CN', null);
      await waitForFocus(page, '[data-testid="more-menu"]');
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives every button, link and field an accessible name, icon buttons included',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      await login(page);
      await card(page, 'alice/whisper-transcriber').locator('[data-action="restart"]').waitFor();
      // Open one chart too: its toggle's name changes to "Hide …".
      await card(page, 'alice/whisper-transcriber').locator('[data-testid="chart-toggle"]').click();
      await card(page, 'alice/whisper-transcriber').locator('[data-testid="space-chart"]').waitFor();

      const controls = await page.locator('button, a[href], input').count();
      expect(controls).toBeGreaterThan(50);
      const { checked, unnamed } = await unnamedControls(session);
      // Every control of every card was in the tree, menus and fields included.
      expect(checked).toBeGreaterThanOrEqual(controls);
      expect(unnamed).toEqual([]);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fits a 375 px phone: one column, actions in a menu, no horizontal scroll',
    async () => {
      const session = await open({ viewport: PHONE, isMobile: true, hasTouch: true });
      const { page } = session;
      await waitForDashboard(page);
      const layout = () =>
        page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          cards: Array.from(document.querySelectorAll('[data-testid="space-card"]')).map((element) => {
            const box = element.getBoundingClientRect();
            return { left: Math.round(box.left), right: Math.round(box.right) };
          }),
        }));

      const before = await layout();
      expect(before.clientWidth).toBe(PHONE.width);
      expect(before.scrollWidth).toBeLessThanOrEqual(before.clientWidth);
      // One column: every card starts at the same x and fits the screen.
      expect(new Set(before.cards.map((box) => box.left)).size).toBe(1);
      for (const box of before.cards) expect(box.right).toBeLessThanOrEqual(PHONE.width);

      // The header's buttons fold into a menu: login from there.
      await login(page, { compact: true });
      await page.locator('[data-testid="actions-menu"]').first().waitFor();
      await card(page, 'alice/telegram-bot').waitFor();
      // A menu on every card whose account's token can write; none where there is nothing to offer.
      const writable = server()
        .hub.scenario.spaces.filter((space) => space.id.startsWith('alice/') || space.id.startsWith('nebula-labs/'))
        .map((space) => space.id);
      const withMenu = await page
        .locator('[data-testid="space-card"]')
        .filter({ has: page.locator('[data-testid="actions-menu"]') })
        .evaluateAll((cards) => cards.map((element) => element.getAttribute('data-space-id') ?? ''));
      expect(withMenu.sort()).toEqual([...writable].sort());
      // No inline action buttons on a phone: they are in each card's menu.
      expect(await page.locator('[data-testid="space-card"] [data-action]').count()).toBe(0);

      const after = await layout();
      expect(after.scrollWidth).toBeLessThanOrEqual(after.clientWidth);
      expect(new Set(after.cards.map((box) => box.left)).size).toBe(1);

      // A read-only account's card says so in a word; a static Space's menu says why its items are off.
      expect(await card(page, 'bob/web-scraper').locator('[data-testid="actions-blocked"]').getAttribute('data-reason')).toBe(
        'actions.blocked.readOnlyToken',
      );
      await card(page, 'alice/portfolio').locator('[data-testid="actions-menu"]').click();
      const menu = page.locator('.mat-mdc-menu-panel');
      expect((await menu.locator('.menu-reason').textContent())?.trim()).toBe(t('en', 'actions.blocked.static'));
      expect(await menu.locator('[data-action="restart"]').isDisabled()).toBe(true);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });

      // A writable one's menu runs the action.
      await card(page, 'alice/sd-playground').locator('[data-testid="actions-menu"]').click();
      expect(await menu.locator('[data-action]').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))).toEqual([
        'restart',
        'rebuild',
        'pause',
      ]);
      await menu.locator('[data-action="restart"]').click();
      await page.locator('mat-dialog-container [data-testid="confirm-action"]').click();
      await waitForSnackbar(page, t('en', 'actions.accepted.restart', { space: 'alice/sd-playground' }));
      await waitForStage(page, 'alice/sd-playground', 'BUILDING');

      const { unnamed } = await unnamedControls(session);
      expect(unnamed).toEqual([]);
      const end = await layout();
      expect(end.scrollWidth).toBeLessThanOrEqual(end.clientWidth);
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );
});

/** Moves through an open menu with the arrow keys until an item matching `selector` has the focus. */
async function tabToMenuItem(page: Page, selector: string, maxPresses = 10): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await focusedMatches(page, selector)) return;
    await page.keyboard.press('ArrowDown');
  }
  await waitForFocus(page, selector, 1000);
}
