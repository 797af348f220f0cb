import type { Locator, Page } from 'playwright-core';
import { OPERATOR } from './stack';

/**
 * The dashboard as a test sees it, through the `data-testid` and `data-*` hooks of
 * apps/dashboard (stable whatever the language) and ARIA where the test is about ARIA.
 */

export function card(page: Page, spaceId: string): Locator {
  return page.locator(`[data-testid="space-card"][data-space-id="${spaceId}"]`);
}

export function accountGroup(page: Page, account: string): Locator {
  return page.locator(`[data-testid="account-group"][data-account="${account}"]`);
}

/** The Space ids of the cards on the page, in page order. */
export function cardIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="space-card"]')
    .evaluateAll((cards) => cards.map((element) => element.getAttribute('data-space-id') ?? ''));
}

/** The stage a card shows (its RuntimeStage, e.g. RUNNING). */
export function stageOf(page: Page, spaceId: string): Promise<string | null> {
  return card(page, spaceId).locator('hf-stage-indicator').getAttribute('data-stage');
}

/** Waits until the first inventory is on the page and the live stream is connected. */
export async function waitForDashboard(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('[data-testid="space-card"]').first().waitFor({ timeout: timeoutMs });
  await page.locator('hf-connection-status[data-state="live"]').waitFor({ timeout: timeoutMs });
}

/** Waits until `check`, run in the page with `arg`, returns true. */
export async function waitInPage(page: Page, check: (arg: string | null) => boolean, arg: string | null, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(check, arg, { timeout: timeoutMs, polling: 100 });
}

/** Waits until a card shows `stage`. */
export async function waitForStage(page: Page, spaceId: string, stage: string, timeoutMs = 30_000): Promise<void> {
  await card(page, spaceId).locator(`hf-stage-indicator[data-stage="${stage}"]`).waitFor({ timeout: timeoutMs });
}

/**
 * Records, in the page, every stage a card shows from now on (a MutationObserver: stages
 * that last less than a polling interval are caught too). Read it with `recordedStages`.
 */
export async function recordStages(page: Page, spaceId: string): Promise<void> {
  await page.evaluate((id) => {
    const seen: string[] = [];
    const read = (): void => {
      const stage = document
        .querySelector(`[data-testid="space-card"][data-space-id="${id}"] hf-stage-indicator`)
        ?.getAttribute('data-stage');
      if (stage && seen[seen.length - 1] !== stage) seen.push(stage);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
    Reflect.set(window, '__hfdStages', seen);
  }, spaceId);
}

export function recordedStages(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((Reflect.get(window, '__hfdStages') as string[] | undefined) ?? [])]);
}

/** Logs in through the dialog with the mouse (the keyboard test does it with keys). */
export async function login(page: Page, options: { compact?: boolean; as?: { username: string; password: string } } = {}): Promise<void> {
  const person = options.as ?? OPERATOR;
  if (options.compact) await page.locator('[data-testid="more-menu"]').click();
  await page.locator('[data-testid="login"]').click();
  await page.locator('[data-testid="login-username"]').fill(person.username);
  await page.locator('[data-testid="login-password"]').fill(person.password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
  if (!options.compact) await page.locator('[data-testid="logout"]').waitFor();
}

/** Picks an option of one of the filter bar's selects. */
export async function choose(page: Page, select: 'filter-status' | 'filter-account' | 'filter-sort' | 'filter-view', value: string): Promise<void> {
  await page.locator(`[data-testid="${select}"]`).click();
  await page.locator(`mat-option[data-value="${value}"]`).click();
  await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
}

/** The query parameters of the page's URL, sorted, as `key=value` strings. */
export function queryOf(page: Page): string[] {
  return [...new URL(page.url()).searchParams.entries()].map(([key, value]) => `${key}=${value}`).sort();
}

/** The snackbar's label element (Material also puts the class on its container). */
const SNACKBAR_LABEL = '[matsnackbarlabel]';

/** The text of the snackbar now on screen (waits for one). */
export async function snackbarText(page: Page): Promise<string> {
  const snackbar = page.locator(SNACKBAR_LABEL).last();
  await snackbar.waitFor();
  return ((await snackbar.textContent()) ?? '').trim();
}

/** Waits for a snackbar that says `text`. */
export async function waitForSnackbar(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(SNACKBAR_LABEL, { hasText: text }).waitFor({ timeout: timeoutMs });
}

/** Presses Tab until the focused element matches `selector`; fails after `maxPresses`. */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (await focusedMatches(page, selector)) return;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${selector} was not reached with ${maxPresses} presses of Tab; focus is on ${focused}`);
}

export function focusedMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
}

/**
 * Waits until the focus is on an element matching `selector` (a dialog or menu gives it back
 * when its closing animation ends). Fails naming where the focus is instead, `<body>` included.
 */
export async function waitForFocus(page: Page, selector: string, timeoutMs = 10_000): Promise<void> {
  try {
    await page.waitForFunction((wanted) => document.activeElement?.matches(wanted) ?? false, selector, { timeout: timeoutMs, polling: 50 });
  } catch {
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
    throw new Error(`The focus did not reach ${selector}; it is on ${focused}`);
  }
}

/** An element of the dashboard that names the account an account-level note is about (group header or note above the list). */
export function accountStatus(page: Page, account: string): Locator {
  return page.locator(`[data-testid="account-status"][data-account="${account}"]`);
}
