import type { Page } from 'playwright-core';
import { PHONE, type DashboardSession } from './support/browser';
import {
  card,
  cardIds,
  login,
  recordStages,
  recordedStages,
  snackbarText,
  waitForDashboard,
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

const { open } = browserSuite();

function expectClean(session: DashboardSession): void {
  expect(session.problems).toEqual([]);
}

/** Presses Tab until the focused element matches `selector`; fails after `maxPresses`. */
async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${selector} was not reached with ${maxPresses} presses of Tab; focus is on ${focused}`);
}

function focusedMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
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
      // Whether a token can write is the account's: bob's is read-only, carol has none.
      expect((await card(page, 'bob/web-scraper').locator('[data-testid="actions-blocked"]').textContent())?.trim()).toBe(
        t('en', 'actions.blocked.readOnlyToken', { account: 'bob' }),
      );
      expect(await card(page, 'bob/web-scraper').locator('[data-action="restart"]').getAttribute('aria-disabled')).toBe('true');
      expect((await card(page, 'carol/stock-dashboard').locator('[data-testid="actions-blocked"]').textContent())?.trim()).toBe(
        t('en', 'actions.blocked.noToken', { account: 'carol' }),
      );

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
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'reaches and triggers the login dialog and an action with the keyboard alone',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);

      await tabTo(page, '[data-testid="login"]');
      await page.keyboard.press('Enter');
      await page.locator('mat-dialog-container').waitFor();
      // The dialog puts the focus in its first field.
      await waitInPage(page, () => document.activeElement?.getAttribute('data-testid') === 'login-username', null);
      await page.keyboard.type(OPERATOR.username);
      await page.keyboard.press('Tab');
      expect(await focusedMatches(page, '[data-testid="login-password"]')).toBe(true);
      await page.keyboard.type(OPERATOR.password);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="logout"]').waitFor();

      // Narrow the list by typing in the search box, then go on to the card's restart button.
      await tabTo(page, '[data-testid="filter-search"]');
      await page.keyboard.type('leaderboard');
      await page.waitForURL((url) => url.searchParams.get('q') === 'leaderboard');
      expect(await cardIds(page)).toEqual(['nebula-labs/llm-leaderboard']);
      await tabTo(page, '[data-space-id="nebula-labs/llm-leaderboard"] [data-action="restart"]');
      await page.keyboard.press('Enter');
      await page.locator('mat-dialog-container').waitFor();
      await tabTo(page, '[data-testid="confirm-action"]', 5);
      await page.keyboard.press('Enter');
      await waitForSnackbar(page, t('en', 'actions.accepted.restart', { space: 'nebula-labs/llm-leaderboard' }));
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      await waitForStage(page, 'nebula-labs/llm-leaderboard', 'BUILDING');
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

      const iconButtons = await page.locator('.mat-mdc-icon-button').count();
      expect(iconButtons).toBeGreaterThan(30);
      const { checked, unnamed } = await unnamedControls(session);
      // Every icon button of every card was in the tree, plus the text buttons and fields.
      expect(checked).toBeGreaterThan(iconButtons);
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
      const cardCount = await page.locator('[data-testid="space-card"]').count();
      expect(await page.locator('[data-testid="actions-menu"]').count()).toBe(cardCount);
      // No inline action buttons on a phone: they are in each card's menu.
      expect(await page.locator('[data-testid="space-card"] [data-action]').count()).toBe(0);

      const after = await layout();
      expect(after.scrollWidth).toBeLessThanOrEqual(after.clientWidth);
      expect(new Set(after.cards.map((box) => box.left)).size).toBe(1);

      // A read-only account's menu says why its items are off.
      await card(page, 'bob/web-scraper').locator('[data-testid="actions-menu"]').click();
      const menu = page.locator('.mat-mdc-menu-panel');
      expect((await menu.locator('.menu-reason').textContent())?.trim()).toBe(t('en', 'actions.blocked.readOnlyToken', { account: 'bob' }));
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
