import { type DashboardSession } from './support/browser';
import { accountStatus, card, cardIds, login, waitForDashboard } from './support/dashboard';
import { t } from './support/i18n';
import { DEMO_HF_USER } from './support/stack';
import { browserSuite } from './support/suite';

/**
 * The Hub out of reach, and a token the Hub refuses. The server starts while the emulator
 * resets every connection (so it cannot even learn its tokens' roles), and watches, besides
 * the demo accounts, `mallory` with a token the Hub does not know. REFRESH_INTERVAL is 5 s.
 */

const TEST_TIMEOUT_MS = 180_000;
/** The server retries a failing Hub for a while before it reports it; then one refresh interval. */
const OUTAGE_TIMEOUT_MS = 90_000;

function expectClean(session: DashboardSession): void {
  expect(session.problems).toEqual([]);
}

const ACCOUNTS = ['alice', 'nebula-labs', 'bob', 'carol', 'mallory'];

const { stack: server, open } = browserSuite({
  hfUser: `${DEMO_HF_USER},mallory:not-a-token-the-hub-knows`,
  beforeServer: (hub) => hub.control.hubDown('reset'),
});

describe('the dashboard when the Hub is out of reach', () => {
  it(
    'says so when the Hub is down from the start, then recovers when it comes back, with the roles the server learned late',
    async () => {
      const session = await open();
      const { page } = session;
      // While the server is still trying the Hub, the page must not claim there are no Spaces.
      await page.evaluate(() => {
        const check = (): void => {
          if (document.querySelector('[data-testid="no-spaces"]')) Reflect.set(window, '__hfdSaidNoSpaces', true);
        };
        check();
        new MutationObserver(check).observe(document.body, { subtree: true, childList: true });
      });
      // While the server waits for the Hub, the page shows where the Spaces will be.
      await page.locator('[data-testid="skeletons"]').waitFor();
      // Logging in needs only our server, not the Hub.
      await login(page);

      const notice = page.locator('[data-testid="hub-unreachable"]');
      await notice.waitFor({ timeout: OUTAGE_TIMEOUT_MS });
      expect(await page.evaluate(() => Reflect.get(window, '__hfdSaidNoSpaces') ?? false)).toBe(false);
      expect(await notice.textContent()).toContain(t('en', 'notices.hubUnreachableTitle'));
      // Each account says it too, and there is nothing (not even a stale list) to show.
      for (const account of ACCOUNTS) {
        expect(await accountStatus(page, account).locator('[data-testid="account-error"]').getAttribute('data-error-kind')).toBe('hub_unreachable');
      }
      expect(await cardIds(page)).toEqual([]);

      server().hub.control.hubUp();
      await notice.waitFor({ state: 'detached', timeout: OUTAGE_TIMEOUT_MS });
      await waitForDashboard(page);
      // Private Spaces too: the session survived the outage.
      await card(page, 'alice/telegram-bot').waitFor();

      // /config said "cannot write" (the Hub was down when it was read); the inventory now
      // says alice's token can write, and the actions follow it without a reload, from the
      // moment her Spaces show.
      const restart = card(page, 'alice/whisper-transcriber').locator('[data-action="restart"]');
      await restart.waitFor();
      expect(await restart.getAttribute('aria-disabled')).not.toBe('true');
      expect(await card(page, 'alice/whisper-transcriber').locator('[data-testid="actions-blocked"]').count()).toBe(0);
      expect(await accountStatus(page, 'alice').locator('[data-testid="account-token"]').count()).toBe(0);
      // bob's token was learned to be read-only.
      expect(await accountStatus(page, 'bob').locator('[data-testid="account-token"]').getAttribute('data-token')).toBe('account.readOnlyToken');

      // Accounts come back one by one, each as soon as it is read; then only the refused token is an error.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-error"]').length === 1, null, { timeout: OUTAGE_TIMEOUT_MS });
      // The account whose token the Hub refuses says so, and why; the others are fine.
      const mallory = accountStatus(page, 'mallory');
      expect(await mallory.locator('[data-testid="account-error"]').getAttribute('data-error-kind')).toBe('token_invalid');
      const help = page.locator('hf-account-notices li').filter({ has: mallory }).locator('[data-testid="account-error-help"]');
      expect((await help.textContent())?.trim()).toBe(t('en', 'account.errorHelp.token_invalid'));
      for (const account of ['alice', 'nebula-labs', 'bob', 'carol']) {
        expect(await accountStatus(page, account).locator('[data-testid="account-error"]').count()).toBe(0);
      }
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says so when the Hub goes down while the page is open, keeps the last known Spaces, and recovers',
    async () => {
      server().hub.control.hubUp();
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      await page.locator('[data-testid="hub-unreachable"]').waitFor({ state: 'detached', timeout: OUTAGE_TIMEOUT_MS });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-error"]').length === 1, null, { timeout: OUTAGE_TIMEOUT_MS });
      const before = await cardIds(page);
      expect(before.length).toBeGreaterThan(5);

      server().hub.control.hubDown('503');
      const notice = page.locator('[data-testid="hub-unreachable"]');
      await notice.waitFor({ timeout: OUTAGE_TIMEOUT_MS });
      // The last known Spaces stay on the page, each account marked as not read.
      expect(await cardIds(page)).toEqual(before);
      expect(await page.locator('[data-testid="account-error"]').count()).toBe(ACCOUNTS.length);

      server().hub.control.hubUp();
      await notice.waitFor({ state: 'detached', timeout: OUTAGE_TIMEOUT_MS });
      expect(await cardIds(page)).toEqual(before);
      // Only the refused token is still an error.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-error"]').length === 1, null, { timeout: OUTAGE_TIMEOUT_MS });
      expect(await accountStatus(page, 'mallory').locator('[data-testid="account-error"]').getAttribute('data-error-kind')).toBe('token_invalid');
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );
});
