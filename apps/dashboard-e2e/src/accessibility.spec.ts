import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { PHONE } from './support/browser';
import { card, login, waitForDashboard } from './support/dashboard';
import { browserSuite } from './support/suite';

/**
 * axe-core's WCAG 2.1 A and AA rules over every page and state a person meets: the
 * overview for a visitor and for the operator, both themes and both languages, a chart open,
 * the list view, the login and confirmation dialogs, and a 375 px phone. Any violation fails.
 *
 * Each context is opened with `bypassCSP` so that axe can be injected (see support/axe.ts):
 * these tests say nothing of the Content-Security-Policy, which the other suites watch.
 */

const TEST_TIMEOUT_MS = 180_000;

const { open } = browserSuite();

type Look = { theme: 'light' | 'dark'; lang: 'en' | 'zh-CN'; view?: 'cards' | 'list' };

/** A fresh context with the look chosen beforehand, as the dashboard stores it. */
async function openWith(look: Look, options: { phone?: boolean } = {}): Promise<Page> {
  const session = await open({
    bypassCSP: true,
    ...(options.phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {}),
  });
  const { page } = session;
  await page.evaluate((chosen) => {
    localStorage.setItem('hfd.theme', chosen.theme);
    localStorage.setItem('hfd.lang', chosen.lang);
    localStorage.setItem('hfd.view', chosen.view ?? 'cards');
  }, look);
  await page.reload();
  if (look.view === 'list') await page.locator('[data-testid="space-row"]').first().waitFor({ timeout: 60_000 });
  else await waitForDashboard(page);
  // Live values, not "waiting for data", so the scan sees the page as it mostly is.
  await page.waitForFunction(() => document.querySelector('.waiting') === null, null, { timeout: 60_000, polling: 200 });
  return page;
}

async function expectNoViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it(
    'reports a violation when there is one: the scan is no empty pass',
    async () => {
      const page = await openWith({ theme: 'light', lang: 'en' });
      await page.evaluate(() => {
        const unnamed = document.createElement('button');
        unnamed.className = 'planted';
        document.querySelector('main')?.append(unnamed);
      });
      const violations = await axeViolations(page);
      expect(violations.map((violation) => violation.rule)).toEqual(['button-name']);
      expect(violations[0].nodes[0]).toContain('.planted');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the overview for a visitor, light in English and dark in Chinese',
    async () => {
      await expectNoViolations(await openWith({ theme: 'light', lang: 'en' }));
      await expectNoViolations(await openWith({ theme: 'dark', lang: 'zh-CN' }));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the login dialog, empty and after a wrong password',
    async () => {
      const page = await openWith({ theme: 'light', lang: 'en' });
      await page.locator('[data-testid="login"]').click();
      await page.locator('mat-dialog-container [data-testid="login-username"]').waitFor();
      await expectNoViolations(page);
      await page.locator('[data-testid="login-username"]').fill('admin');
      await page.locator('[data-testid="login-password"]').fill('wrong');
      await page.locator('[data-testid="login-submit"]').click();
      await page.locator('mat-dialog-container [role="alert"]').waitFor();
      await expectNoViolations(page);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the overview for the operator with a chart open, light and dark, and the confirmation dialog',
    async () => {
      for (const look of [
        { theme: 'light', lang: 'en' },
        { theme: 'dark', lang: 'zh-CN' },
      ] as const) {
        const page = await openWith(look);
        await login(page);
        const whisper = card(page, 'alice/whisper-transcriber');
        await whisper.locator('[data-action="restart"]').waitFor();
        await whisper.locator('[data-testid="chart-toggle"]').click();
        await whisper.locator('[data-testid="space-chart"][data-state="ready"]').waitFor();
        await expectNoViolations(page);

        await whisper.locator('[data-action="rebuild"]').click();
        await page.locator('mat-dialog-container [data-testid="confirm-action"]').waitFor();
        await expectNoViolations(page);
        await page.keyboard.press('Escape');
        await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the list view, grouped by account and not, with a chart open',
    async () => {
      const page = await openWith({ theme: 'dark', lang: 'en', view: 'list' });
      await login(page);
      await page.locator('[data-testid="space-row"][data-space-id="alice/telegram-bot"]').waitFor();
      await page.locator('[data-testid="space-row"][data-space-id="alice/whisper-transcriber"] [data-testid="chart-toggle"]').click();
      await page.locator('[data-testid="space-chart"][data-state="ready"]').waitFor();
      await expectNoViolations(page);

      const grouped = await openWith({ theme: 'light', lang: 'zh-CN', view: 'list' });
      await grouped.evaluate(() => localStorage.setItem('hfd.view', 'list-by-account'));
      await grouped.reload();
      await grouped.locator('[data-testid="account-group"] [data-testid="space-row"]').first().waitFor();
      await expectNoViolations(grouped);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a 375 px phone, for a visitor and for the operator with its menus',
    async () => {
      const page = await openWith({ theme: 'light', lang: 'en' }, { phone: true });
      await expectNoViolations(page);

      await login(page, { compact: true });
      await card(page, 'alice/whisper-transcriber').locator('[data-testid="actions-menu"]').waitFor();
      await page.locator('[data-testid="filters-toggle"]').click();
      await page.locator('[data-testid="filter-view"]').waitFor();
      await expectNoViolations(page);

      const dark = await openWith({ theme: 'dark', lang: 'zh-CN' }, { phone: true });
      await expectNoViolations(dark);
    },
    TEST_TIMEOUT_MS,
  );
});
