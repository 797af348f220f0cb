import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { PHONE } from './support/browser';
import { login, waitForDashboard } from './support/dashboard';
import { t } from './support/i18n';
import { OPERATOR } from './support/stack';
import { browserSuite } from './support/suite';
import { readmeScreenshot } from './support/readme-screenshot';

/**
 * Automation through the built dashboard: an admin creates a keep-alive rule and a recovery
 * ladder in the Automations page, the emulator crashes a Space, the ladder restarts it on its
 * own, its run shows in the rule's history, the restart in the audit log with the rule as
 * the actor, and the incident on the Space's page names the ladder. The page works on a phone and passes axe.
 */

const TEST_TIMEOUT_MS = 180_000;
const { stack: server, open } = browserSuite();

async function pick(page: Page, select: string, value: string): Promise<void> {
  await page.locator(`[data-testid="${select}"]`).click();
  await page.locator(`mat-option[data-value="${value}"]`).click();
  // A multiple select stays open until Escape.
  await page.keyboard.press('Escape');
  await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
}

/** Polls the audit log (as the admin, through the API) until the ladder's restart of pdf-chat is in it. */
async function restartedByLadder(timeoutMs = 60_000): Promise<void> {
  const login = await fetch(`${server().url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(OPERATOR),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetch(`${server().url}/api/v1/audit?space=alice/pdf-chat&kind=space.action`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const { entries } = (await answer.json()) as { entries: { actor: string | null; detail: string | null }[] };
    if (entries.some((entry) => entry.actor === 'pdf ladder' && entry.detail?.startsWith('restart'))) return;
    if (Date.now() > deadline) throw new Error('the ladder did not restart alice/pdf-chat in time');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function openAutomations(page: Page): Promise<void> {
  await page.locator('[data-testid="profile-menu"]').click();
  await page.locator('[data-testid="nav-automations"]').click();
  await page.locator('[data-testid="automation-form"]').waitFor();
}

describe('automation in the dashboard', () => {
  it(
    'creates a keep-alive and a ladder; a scripted crash is restarted by the ladder and its run is in the audit log',
    async () => {
      const { page, problems } = await open();
      await waitForDashboard(page);
      await login(page);
      await openAutomations(page);

      await page.locator('[data-testid="automation-name"]').fill('keep whisper awake');
      await pick(page, 'automation-spaces', 'alice/whisper-transcriber');
      await page.locator('[data-testid="automation-submit"]').click();
      await page.locator('[data-testid="automation-row"][data-name="keep whisper awake"]').waitFor();

      await page.locator('[data-testid="automation-name"]').fill('pdf ladder');
      await pick(page, 'automation-kind', 'recovery');
      await page.locator('[data-testid="automation-kind-help"]').filter({ hasText: t('en', 'automations.help.recovery') }).waitFor();
      await pick(page, 'automation-spaces', 'alice/pdf-chat');
      await page.locator('[data-testid="automation-grace"]').fill('0');
      await page.locator('[data-testid="automation-submit"]').click();
      const ladder = page.locator('[data-testid="automation-row"][data-name="pdf ladder"]');
      await ladder.waitFor();

      // A bad rule: the reason is said, nothing is stored.
      await page.locator('[data-testid="automation-name"]').fill('too eager');
      await pick(page, 'automation-spaces', 'alice/whisper-transcriber');
      // From the keyboard: Enter in a field submits (and the last snackbar may cover the button).
      await page.locator('[data-testid="automation-interval"]').fill('30');
      await page.locator('[data-testid="automation-interval"]').press('Enter');
      await page.locator('[data-testid="automation-error"]').filter({ hasText: t('en', 'automations.errors.INTERVAL_TOO_SHORT') }).waitFor();
      expect(await page.locator('[data-testid="automation-row"]').count()).toBe(2);

      // Dry run: a running Space needs nothing.
      await ladder.locator('[data-testid="automation-dry-run"]').click();
      await page.locator('[data-testid="automation-decision"]').filter({ hasText: 'alice/pdf-chat' }).filter({ hasText: 'healthy' }).waitFor();

      const crash = await fetch(`${server().hub.url}/__emulator/spaces/alice/pdf-chat/stage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ stage: 'RUNTIME_ERROR', errorMessage: 'Scripted crash' }),
      });
      expect(crash.status).toBe(200);

      // The engine sees the crash at the next refresh and restarts the Space by itself.
      await restartedByLadder();
      await ladder.locator('[data-testid="automation-runs"]').click();
      await page.locator('[data-testid="automation-run"][data-result="success"]').filter({ hasText: t('en', 'automations.steps.restart') }).waitFor();
      await readmeScreenshot(page, 'automations-light-en.png', { fullPage: true });

      await page.locator('[data-testid="profile-menu"]').click();
      await page.locator('[data-testid="nav-audit"]').click();
      await page.locator('[data-testid="audit-row"][data-kind="space.action"][data-actor="pdf ladder"][data-target="alice/pdf-chat"]').first().waitFor();

      // The Space's page: the incident of the crash names the ladder's step, and the rules of the Space are listed.
      await page.goto(`${server().url}/spaces/alice/pdf-chat`);
      await page.locator('[data-testid="incident"]').filter({ hasText: t('en', 'history.by', { actor: 'pdf ladder' }) }).first().waitFor();
      await page.locator('[data-testid="space-automation"][data-kind="recovery"]').filter({ hasText: 'pdf ladder' }).waitFor();
      // The one refusal asked for: the too-short interval.
      expect(problems.filter((problem) => !problem.text.includes('status of 400'))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'is usable on a phone, in Chinese, and passes axe',
    async () => {
      const { page, problems } = await open({ viewport: PHONE, locale: 'zh-CN', colorScheme: 'dark', bypassCSP: true });
      await waitForDashboard(page);
      await login(page, { compact: true });
      await page.goto(`${server().url}/automations`);
      await page.locator('[data-testid="automation-form"]').waitFor();
      await page.locator('h2').filter({ hasText: t('zh-CN', 'automations.title') }).waitFor();
      await pick(page, 'automation-kind', 'schedule');
      // The five next runs are previewed as the cron expression is typed.
      await page.locator('[data-testid="automation-cron"]').fill('30 2 * * *');
      await page.locator('[data-testid="automation-timezone"]').fill('Europe/Berlin');
      expect(await page.locator('[data-testid="automation-preview"] li').count()).toBe(5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
