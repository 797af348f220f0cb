import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { PHONE, type DashboardSession } from './support/browser';
import { card, focusedMatches, login, tabTo, waitForDashboard, waitForFocus, waitForSnackbar } from './support/dashboard';
import { t } from './support/i18n';
import { OPERATOR } from './support/stack';
import { browserSuite } from './support/suite';
import { readmeScreenshot } from './support/readme-screenshot';

/**
 * People through the built dashboard: three people with the three roles see and may do
 * exactly what the table below says; an operator key made in the UI restarts a Space through
 * the REST API and the Audit page names it; TOTP enrolment and a login with a code computed
 * here; the Users, API keys and Audit pages pass axe and are photographed for the README.
 */

const TEST_TIMEOUT_MS = 180_000;

const { stack: server, open } = browserSuite();

const VIEWER = { username: 'vera-viewer', password: 'viewer-password-1' } as const;
const OPERATOR_USER = { username: 'otto-operator', password: 'operator-password-1' } as const;
const ADMIN = OPERATOR;

interface Expectation {
  person: { username: string; password: string };
  role: 'viewer' | 'operator' | 'admin';
  /** Cards the person should see, and private ones they should not. */
  sees: string[];
  notSees: string[];
  /** A restart button on alice/whisper-transcriber, and the "your role cannot act" notice instead. */
  canRestart: boolean;
  /** Users, API keys and everyone's sessions in the profile menu; the pages open. */
  adminPages: boolean;
  /** The Audit page (an operator's shows their own entries only). */
  audit: 'all' | 'own' | 'none';
}

const TABLE: Expectation[] = [
  // Scoped to alice: her private Spaces, and only the public ones of the other accounts (the API's visibility rule).
  { person: VIEWER, role: 'viewer', sees: ['alice/pdf-chat', 'alice/whisper-transcriber', 'bob/music-gen'], notSees: ['bob/private-notes', 'nebula-labs/embeddings-api'], canRestart: false, adminPages: false, audit: 'none' },
  { person: OPERATOR_USER, role: 'operator', sees: ['alice/pdf-chat', 'bob/private-notes', 'nebula-labs/embeddings-api'], notSees: [], canRestart: true, adminPages: false, audit: 'own' },
  { person: ADMIN, role: 'admin', sees: ['alice/pdf-chat', 'bob/private-notes', 'nebula-labs/embeddings-api'], notSees: [], canRestart: true, adminPages: true, audit: 'all' },
];

/** Nothing went wrong in the page but the refusals the test asked for (the browser logs each as a failed load). */
function expectClean(session: DashboardSession, refused: number[] = []): void {
  const unexpected = session.problems.filter(
    (problem) => !refused.some((status) => problem.kind === 'console-error' && problem.text.includes(`status of ${status} `)),
  );
  expect(unexpected).toEqual([]);
}

async function apiCall(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${server().url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

async function adminToken(): Promise<string> {
  const response = await apiCall('/api/v1/auth/login', { method: 'POST', body: ADMIN });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function openProfileMenu(page: Page): Promise<void> {
  await page.locator('[data-testid="profile-menu"]').click();
  await page.locator('[data-testid="profile-password"]').waitFor();
}

async function closeMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.mat-mdc-menu-panel').waitFor({ state: 'detached' });
}

/** Goes to a page of the app the way a link does (no reload: the session stays in memory and storage). */
async function navigate(page: Page, path: string): Promise<void> {
  await page.goto(`${server().url}${path}`);
}

async function pick(page: Page, select: string, value: string): Promise<void> {
  await page.locator(`[data-testid="${select}"]`).click();
  await page.locator(`mat-option[data-value="${value}"]`).click();
  await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
}

async function withLook(page: Page, look: { theme: 'light' | 'dark'; lang: 'en' | 'zh-CN' }): Promise<void> {
  await page.evaluate((chosen) => {
    localStorage.setItem('hfd.theme', chosen.theme);
    localStorage.setItem('hfd.lang', chosen.lang);
  }, look);
  await page.reload();
}

describe('people: roles, API keys, audit, TOTP', () => {
  it(
    'the admin creates a scoped viewer in the Users page; viewer, operator and admin each see and may do what the table says',
    async () => {
      const token = await adminToken();
      const created = await apiCall('/api/v1/users', { method: 'POST', token, body: { ...OPERATOR_USER, role: 'operator' } });
      expect(created.status).toBe(201);

      const admin = await open();
      await waitForDashboard(admin.page);
      await login(admin.page);
      await navigate(admin.page, '/people/users');
      await admin.page.locator('[data-testid="users-table"]').waitFor();
      // A weak password is refused with its reason.
      await admin.page.locator('[data-testid="user-username"]').fill(VIEWER.username);
      await admin.page.locator('[data-testid="user-password"]').fill('short');
      await admin.page.locator('[data-testid="user-submit"]').click();
      expect(await admin.page.locator('[data-testid="user-error"]').textContent()).toContain(t('en', 'people.errors.weakShort'));
      await admin.page.locator('[data-testid="user-password"]').fill(VIEWER.password);
      await pick(admin.page, 'user-role', 'viewer');
      await admin.page.locator('[data-testid="user-accounts"]').click();
      await admin.page.locator('mat-option[data-value="alice"]').click();
      await admin.page.keyboard.press('Escape');
      await admin.page.locator('[data-testid="user-submit"]').click();
      await admin.page.locator(`[data-testid="user-row"][data-username="${VIEWER.username}"]`).waitFor();
      expect(await admin.page.locator(`[data-testid="user-row"][data-username="${VIEWER.username}"]`).textContent()).toContain('alice');
      // The last admin cannot be demoted: the refusal is said.
      await admin.page.locator(`[data-testid="user-row"][data-username="${ADMIN.username}"] [data-testid="user-edit"]`).click();
      await pick(admin.page, 'edit-role', 'viewer');
      await admin.page.locator('[data-testid="edit-save"]').click();
      expect(await admin.page.locator('[data-testid="edit-error"]').textContent()).toContain(t('en', 'people.errors.LAST_ADMIN'));
      await admin.page.keyboard.press('Escape');
      // The weak password and the last admin's demotion.
      expectClean(admin, [400]);

      for (const row of TABLE) {
        const session = await open();
        const { page } = session;
        await waitForDashboard(page);
        await login(page, { as: row.person });
        await card(page, row.sees[0]).waitFor();
        for (const id of row.sees) expect(await card(page, id).count()).toBe(1);
        for (const id of row.notSees) expect(await card(page, id).count()).toBe(0);
        const whisper = card(page, 'alice/whisper-transcriber');
        expect(await whisper.locator('[data-action="restart"]').count()).toBe(row.canRestart ? 1 : 0);
        expect(await page.locator('[data-testid="viewer-notice"]').count()).toBe(row.canRestart ? 0 : 1);

        expect(await page.locator('[data-testid="profile-menu"]').getAttribute('aria-label')).toContain(t('en', `people.roles.${row.role}`));
        await openProfileMenu(page);
        expect(await page.locator('[data-testid="nav-users"]').count()).toBe(row.adminPages ? 1 : 0);
        expect(await page.locator('[data-testid="nav-api-keys"]').count()).toBe(row.adminPages ? 1 : 0);
        expect(await page.locator('[data-testid="nav-audit"]').count()).toBe(row.audit === 'none' ? 0 : 1);
        await closeMenu(page);

        // Direct navigation: the page, or a clear "not allowed", never a broken page.
        for (const path of ['/people/users', '/people/api-keys', '/people/sessions']) {
          await navigate(page, path);
          await page.locator(row.adminPages ? 'table' : '[data-testid="not-allowed"]').first().waitFor();
        }
        await navigate(page, '/people/audit');
        if (row.audit === 'none') await page.locator('[data-testid="not-allowed"]').waitFor();
        else {
          await page.locator('[data-testid="audit-table"]').waitFor();
          expect(await page.locator('[data-testid="audit-own-only"]').count()).toBe(row.audit === 'own' ? 1 : 0);
          // Every entry the operator gets is their own.
          await page.locator('[data-testid="audit-row"]').first().waitFor();
          const actors = await page.locator('[data-testid="audit-row"]').evaluateAll((rows) => rows.map((item) => item.getAttribute('data-actor')));
          if (row.audit === 'own') expect(new Set(actors)).toEqual(new Set([row.person.username]));
          else expect(actors).toContain(VIEWER.username);
        }
        expectClean(session);
      }
    },
    TEST_TIMEOUT_MS * 2,
  );

  it(
    'ends the session of a user an admin disables: their page says so and goes on as a visitor',
    async () => {
      const operator = await open();
      await waitForDashboard(operator.page);
      await login(operator.page, { as: OPERATOR_USER });
      await card(operator.page, 'alice/whisper-transcriber').locator('[data-action="restart"]').waitFor();
      await operator.page.locator('hf-connection-status[data-state="live"]').waitFor();

      const token = await adminToken();
      const users = (await (await apiCall('/api/v1/users', { token })).json()) as { users: { id: string; username: string }[] };
      const id = users.users.find((user) => user.username === OPERATOR_USER.username)?.id;
      expect((await apiCall(`/api/v1/users/${id}`, { method: 'PATCH', token, body: { disabled: true } })).status).toBe(200);

      await waitForSnackbar(operator.page, t('en', 'auth.sessionEnded'));
      await operator.page.locator('[data-testid="login"]').waitFor();
      expect(await card(operator.page, 'alice/whisper-transcriber').locator('[data-action="restart"]').count()).toBe(0);
      expect((await apiCall(`/api/v1/users/${id}`, { method: 'PATCH', token, body: { disabled: false } })).status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an operator key made in the UI restarts a Space through the REST API, is refused once revoked there, and the Audit page names the key; the pages pass axe',
    async () => {
      const session = await open({ bypassCSP: true });
      const { page } = session;
      await waitForDashboard(page);
      await login(page);
      await navigate(page, '/people/api-keys');
      await page.locator('[data-testid="key-name"]').fill('deploy-bot');
      await pick(page, 'key-role', 'operator');
      await page.locator('[data-testid="key-submit"]').click();
      const key = ((await page.locator('[data-testid="key-value"]').textContent()) ?? '').trim();
      expect(key.length).toBeGreaterThan(20);
      await page.locator('[data-testid="key-row"][data-name="deploy-bot"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await readmeScreenshot(page, 'people-api-keys-light-en.png');

      const restart = await apiCall('/api/v1/spaces/alice/whisper-transcriber/restart', { method: 'POST', token: key });
      expect(restart.status).toBeLessThan(300);
      // The key's last use shows once the page is read again.
      await page.locator('[data-testid="key-created-done"]').click();
      // The dialog closes after the click: the key must be gone from the page, not just hidden.
      await page.locator('[data-testid="key-value"]').waitFor({ state: 'detached' });
      await page.reload();
      await page.locator('[data-testid="key-row"][data-name="deploy-bot"]').waitFor();
      expect(await page.locator('[data-testid="key-row"][data-name="deploy-bot"] [data-testid="key-last-used"]').textContent()).not.toContain(t('en', 'people.never'));

      // Revoked in the page, refused at once.
      await page.locator('[data-testid="key-row"][data-name="deploy-bot"] [data-testid="key-revoke"]').click();
      await page.locator('[data-testid="confirm-yes"]').click();
      await page.locator('[data-testid="key-row"][data-name="deploy-bot"]').waitFor({ state: 'detached' });
      expect((await apiCall('/api/v1/spaces/alice/whisper-transcriber/restart', { method: 'POST', token: key })).status).toBe(401);

      await navigate(page, '/people/audit');
      await page.locator('[data-testid="audit-actor"]').fill('deploy-bot');
      await page.locator('[data-testid="audit-search"]').click();
      await page.locator('[data-testid="audit-row"][data-actor="deploy-bot"][data-kind="space.action"][data-target="alice/whisper-transcriber"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('[data-testid="audit-actor"]').fill('');
      await page.locator('[data-testid="audit-search"]').click();
      await page.locator('[data-testid="audit-row"][data-actor="deploy-bot"]').waitFor();
      await readmeScreenshot(page, 'people-audit-light-en.png');

      // The CSV goes with the session header, the way every other call does: no token in its URL.
      const csvRequest = page.waitForRequest((request) => request.url().includes('/api/v1/audit.csv'));
      const download = page.waitForEvent('download');
      await page.locator('[data-testid="audit-csv"]').click();
      const request = await csvRequest;
      expect(request.headers()['authorization']).toMatch(/^Bearer /);
      expect(request.url()).not.toMatch(/token|Bearer/i);
      expect((await download).suggestedFilename()).toMatch(/^audit-.*\.csv$/);

      await withLook(page, { theme: 'dark', lang: 'zh-CN' });
      await page.locator('[data-testid="audit-row"]').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await readmeScreenshot(page, 'people-audit-dark-zh-cn.png');
      await navigate(page, '/people/users');
      await page.locator('[data-testid="user-row"]').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await readmeScreenshot(page, 'people-users-dark-zh-cn.png');
      await withLook(page, { theme: 'light', lang: 'en' });
      await page.locator('[data-testid="user-row"]').first().waitFor();
      await readmeScreenshot(page, 'people-users-light-en.png');

      // The profile dialogs, in the language and theme just chosen.
      await openProfileMenu(page);
      await page.locator('[data-testid="profile-password"]').click();
      await page.locator('[data-testid="password-current"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      await openProfileMenu(page);
      await page.locator('[data-testid="profile-totp"]').click();
      await page.locator('[data-testid="totp-password"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });

      const phone = await open({ bypassCSP: true, viewport: PHONE, isMobile: true, hasTouch: true });
      await waitForDashboard(phone.page);
      await login(phone.page, { compact: true });
      await navigate(phone.page, '/people/users');
      await phone.page.locator('[data-testid="user-row"]').first().waitFor();
      expect(await axeViolations(phone.page)).toEqual([]);
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await readmeScreenshot(phone.page, 'people-users-phone.png');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'TOTP: enrols from the profile menu (QR and recovery codes shown once), then logs in with a code computed here',
    async () => {
      const token = await adminToken();
      const person = { username: 'tess-totp', password: 'totp-password-12' };
      expect((await apiCall('/api/v1/users', { method: 'POST', token, body: { ...person, role: 'operator' } })).status).toBe(201);

      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      await login(page, { as: person });
      await openProfileMenu(page);
      await page.locator('[data-testid="profile-totp"]').click();
      await page.locator('[data-testid="totp-password"]').fill(person.password);
      await page.locator('[data-testid="totp-next"]').click();
      await page.locator('[data-testid="totp-qr"]').waitFor();
      const secret = ((await page.locator('[data-testid="totp-secret"]').textContent()) ?? '').trim();
      const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
      await page.locator('[data-testid="totp-code"]').fill(totp.generate());
      await page.locator('[data-testid="totp-enable"]').click();
      const codes = ((await page.locator('[data-testid="totp-recovery"]').textContent()) ?? '').trim().split('\n');
      expect(codes.length).toBeGreaterThan(4);
      expect(await page.locator('[data-testid="totp-qr"]').count()).toBe(0);
      await page.locator('[data-testid="totp-close"]').click();
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      await page.locator('[data-testid="logout"]').click();

      await page.locator('[data-testid="login"]').click();
      await page.locator('[data-testid="login-username"]').fill(person.username);
      await page.locator('[data-testid="login-password"]').fill(person.password);
      await page.locator('[data-testid="login-submit"]').click();
      await page.locator('[data-testid="login-code-step"]').waitFor();
      // The next step's code: the one just used to enrol may not be used again.
      await page.locator('[data-testid="login-code"]').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.locator('[data-testid="login-submit"]').click();
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      await page.locator('[data-testid="logout"]').waitFor();

      // My sessions: this one is marked.
      await openProfileMenu(page);
      await page.locator('[data-testid="profile-sessions"]').click();
      await page.locator('[data-testid="session-row"][data-current="true"]').waitFor();
      // TOTP_REQUIRED, the first step of the login.
      expectClean(session, [401]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'works with the keyboard alone: the profile menu to the Users page, a user made and edited there',
    async () => {
      const session = await open();
      const { page } = session;
      await waitForDashboard(page);
      await login(page);
      await page.locator('body').focus();
      await tabTo(page, '[data-testid="profile-menu"]');
      await page.keyboard.press('Enter');
      await waitForFocus(page, '[role="menuitem"]');
      for (let presses = 0; presses < 10 && !(await focusedMatches(page, '[data-testid="nav-users"]')); presses++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="users-table"]').waitFor();

      await tabTo(page, '[data-testid="user-username"]');
      await page.keyboard.type('kim-keyboard');
      await page.keyboard.press('Tab');
      await page.keyboard.type('keyboard-password-1');
      await tabTo(page, '[data-testid="user-submit"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="user-row"][data-username="kim-keyboard"]').waitFor();

      await tabTo(page, '[data-testid="user-row"][data-username="kim-keyboard"] [data-testid="user-edit"]', 120);
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'mat-dialog-container [data-testid="edit-role"], mat-dialog-container [tabindex]');
      await tabTo(page, '[data-testid="edit-disabled"] button');
      await page.keyboard.press('Space');
      await tabTo(page, '[data-testid="edit-save"]');
      await page.keyboard.press('Enter');
      await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
      await page.locator('[data-testid="user-row"][data-username="kim-keyboard"]', { hasText: t('en', 'people.users.disabled') }).waitFor();
      expectClean(session);
    },
    TEST_TIMEOUT_MS,
  );
});
