import { freePort, track, WORKSPACE_ROOT } from '@hfd/test-support';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitForDashboard, waitForSnackbar } from './support/dashboard';
import { t } from './support/i18n';
import type { StackOptions } from './support/stack';
import { browserSuite } from './support/suite';

/**
 * Single sign-on in Chromium: the login's button, the real OpenID provider the security
 * suite uses (oidc-provider, in a process of its own, signing in whoever it was told), and
 * the way back: the ticket exchanged, then gone from the address bar; a failure said.
 */

const TEST_TIMEOUT_MS = 120_000;
const PROVIDER_SCRIPT = join(WORKSPACE_ROOT, 'apps/security-e2e/src/support/oidc-provider.mjs');
const CLIENT_ID = 'hf-dashboard';
const CLIENT_SECRET = 'oidc-test-client-secret-0123456789';

let provider: ChildProcess | undefined;
let providerUrl = '';
/** Filled in before the suite's stack starts (its hook is registered after this one). */
const stackOptions: StackOptions = {};

beforeAll(async () => {
  const [providerPort, serverPort] = [await freePort(), await freePort()];
  providerUrl = `http://127.0.0.1:${providerPort}`;
  const child = track(
    spawn(process.execPath, [PROVIDER_SCRIPT], {
      env: { PATH: process.env['PATH'] ?? '', PORT: String(providerPort), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI: `http://127.0.0.1:${serverPort}/api/v1/auth/oidc/callback` },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  provider = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the provider exited with ${code}`)));
  });
  stackOptions.port = serverPort;
  stackOptions.env = { OIDC_ISSUER: providerUrl, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_ROLE_CLAIM: 'groups' };
}, 60_000);

afterAll(() => {
  provider?.kill();
});

const { open } = browserSuite(stackOptions);

async function signInWithProvider(account: string): Promise<Awaited<ReturnType<typeof open>>> {
  await fetch(`${providerUrl}/test/account`, { method: 'POST', body: account });
  const session = await open();
  const { page } = session;
  await waitForDashboard(page);
  await page.locator('[data-testid="login"]').click();
  await page.locator('[data-testid="login-sso"]').click();
  // Through the provider and its callback, back to the dashboard.
  await page.waitForURL((url) => url.pathname === '/' && url.port === String(stackOptions.port), { timeout: 30_000 });
  return session;
}

describe('single sign-on in the browser', () => {
  it(
    'signs in through the provider with the role its claim names; the ticket leaves the address bar',
    async () => {
      const { page, problems } = await signInWithProvider('pat');
      await page.locator('[data-testid="logout"]').waitFor();
      expect(await page.locator('[data-testid="profile-menu"]').getAttribute('aria-label')).toContain(t('en', 'people.roles.operator'));
      expect(new URL(page.url()).search).toBe('');
      // Nor is it in the history entry the page now stands on.
      expect(await page.evaluate(() => window.location.href)).not.toContain('oidcTicket');
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says so when the provider knows someone who has no role here, and stays a visitor',
    async () => {
      const { page } = await signInWithProvider('nora');
      await waitForSnackbar(page, t('en', 'sso.errors.OIDC_NO_ROLE'));
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('[data-testid="login"]').count()).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );
});
