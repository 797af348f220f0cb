import type { ApiKeysListResponse, AuditPage, LoginResponse, SessionsListResponse, SpacesListResponse, TotpEnableResponse, TotpSetupResponse, UsersListResponse } from '@hfd/contracts';
import { Secret, TOTP } from 'otpauth';
import { E2E_TOKENS } from './e2e-scenario';
import { E2E_API_KEY, E2E_PASSWORD, StreamClient, startE2e, type E2eContext } from './e2e-harness';
import { adminToken, call, createKey, createUser, GOOD_PASSWORD, loginAs } from './people-helpers';

function code(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('people: users, roles, scopes, named keys, sessions, TOTP and the audit log (e2e)', () => {
  let context: E2eContext;
  let admin: string;

  beforeAll(async () => {
    context = await startE2e();
    admin = await adminToken(context);
  }, 60_000);
  afterAll(() => context.close());

  describe('users', () => {
    it('lists the configured admin, creates users with roles and scopes, and never answers a password or hash', async () => {
      const created = await createUser(context, admin, 'carol', 'operator', ['USER1']);
      expect(created).toMatchObject({ username: 'carol', role: 'operator', accounts: ['user1'], disabled: false, totpEnabled: false, source: 'local', lastLoginAt: null });
      const list = await call<UsersListResponse>(context, 'GET', '/users', admin);
      expect(list.body.users.map((user) => [user.username, user.role])).toEqual(expect.arrayContaining([['admin', 'admin'], ['carol', 'operator']]));
      expect(list.text).not.toContain(GOOD_PASSWORD);
      expect(list.text).not.toContain('scrypt');
      const login = await loginAs(context, 'carol', GOOD_PASSWORD);
      expect(login).toMatchObject({ username: 'carol', role: 'operator', accounts: ['user1'] });
    }, 30_000);

    it.each([
      ['a name that exists (in another case)', { username: 'ADMIN', password: GOOD_PASSWORD, role: 'viewer' }, 'USERNAME_TAKEN'],
      ['a role that does not exist', { username: 'dave', password: GOOD_PASSWORD, role: 'superuser' }, 'UNKNOWN_ROLE'],
      ['an account that is not configured', { username: 'dave', password: GOOD_PASSWORD, role: 'viewer', accounts: ['nobody-here'] }, 'UNKNOWN_ACCOUNT'],
      ['a password of 11 characters', { username: 'dave', password: 'abcdefghijk', role: 'viewer' }, 'WEAK_PASSWORD'],
      ['a common password', { username: 'dave', password: 'password1234', role: 'viewer' }, 'WEAK_PASSWORD'],
      ['a password containing the name', { username: 'dave', password: 'dave-is-my-password', role: 'viewer' }, 'WEAK_PASSWORD'],
      ['a name with spaces', { username: 'd a v e', password: GOOD_PASSWORD, role: 'viewer' }, 'VALIDATION_FAILED'],
      ['an unknown field', { username: 'dave', password: GOOD_PASSWORD, role: 'viewer', admin: true }, 'VALIDATION_FAILED'],
      ['no role', { username: 'dave', password: GOOD_PASSWORD }, 'UNKNOWN_ROLE'],
    ])('refuses %s with 400 and a clear code', async (_case, body, code) => {
      const reply = await call<{ code: string; error: string }>(context, 'POST', '/users', admin, body);
      expect({ status: reply.status, code: reply.body.code }).toEqual({ status: 400, code });
      expect(reply.body.error.length).toBeGreaterThan(10);
      expect(reply.text).not.toContain(GOOD_PASSWORD);
    });

    it('says why a weak password is refused', async () => {
      const reply = await call<{ error: string }>(context, 'POST', '/users', admin, { username: 'erin', password: 'short', role: 'viewer' });
      expect(reply.body.error).toBe('The password must have at least 12 characters');
    });

    it('never lets the last enabled admin be demoted, disabled or removed', async () => {
      const id = (await call<UsersListResponse>(context, 'GET', '/users', admin)).body.users.find((user) => user.username === 'admin')?.id;
      for (const [method, body] of [['PATCH', { role: 'operator' }], ['PATCH', { disabled: true }], ['DELETE', undefined]] as const) {
        const reply = await call<{ code: string }>(context, method, `/users/${id}`, admin, body);
        expect({ method, status: reply.status, code: reply.body.code }).toEqual({ method, status: 400, code: 'LAST_ADMIN' });
      }
      expect((await call(context, 'GET', '/auth/me', admin)).body).toMatchObject({ role: 'admin' });
    });

    it('lets a second admin demote the first, then not the other way round', async () => {
      const second = await createUser(context, admin, 'second-admin', 'admin');
      const token = (await loginAs(context, 'second-admin', GOOD_PASSWORD)).accessToken;
      expect((await call(context, 'PATCH', `/users/${second.id}`, admin, { role: 'viewer' })).status).toBe(200);
      // Demoted at once, without logging in again.
      expect(await call(context, 'GET', '/users', token)).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_ROLE' } });
      expect((await call(context, 'DELETE', `/users/${second.id}`, admin)).status).toBe(204);
      expect(await call(context, 'GET', '/auth/me', token)).toMatchObject({ status: 401 });
    }, 30_000);

    it('answers 404 for a user that does not exist, and 400 for a malformed id', async () => {
      expect(await call(context, 'PATCH', '/users/no-such-user', admin, { role: 'viewer' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect(await call(context, 'DELETE', '/users/..%2F..', admin)).toMatchObject({ status: 400 });
    });
  });

  describe('own password', () => {
    it('changes it with the current one, ends the other sessions, and answers a fresh session', async () => {
      await createUser(context, admin, 'frank', 'viewer');
      const other = (await loginAs(context, 'frank', GOOD_PASSWORD)).accessToken;
      const current = (await loginAs(context, 'frank', GOOD_PASSWORD)).accessToken;
      const changed = await call<LoginResponse>(context, 'POST', '/auth/password', current, { currentPassword: GOOD_PASSWORD, newPassword: 'another-strong-passphrase-7' });
      expect(changed.status).toBe(200);
      expect(await call(context, 'GET', '/auth/me', other)).toMatchObject({ status: 401, body: { code: 'SESSION_REVOKED' } });
      expect(await call(context, 'GET', '/auth/me', current)).toMatchObject({ status: 401 });
      expect((await call(context, 'GET', '/auth/me', changed.body.accessToken)).status).toBe(200);
      expect((await call(context, 'POST', '/auth/login', null, { username: 'frank', password: GOOD_PASSWORD })).status).toBe(401);
    }, 30_000);

    it.each([
      ['a wrong current password', { currentPassword: 'not-the-password', newPassword: 'yet-another-passphrase-9' }, 'WRONG_PASSWORD'],
      ['a weak new one', { currentPassword: GOOD_PASSWORD, newPassword: 'qwerty123456' }, 'WEAK_PASSWORD'],
    ])('refuses %s with 400', async (_case, body, code) => {
      await createUser(context, admin, `gina-${code.toLowerCase()}`, 'viewer');
      const token = (await loginAs(context, `gina-${code.toLowerCase()}`, GOOD_PASSWORD)).accessToken;
      expect(await call(context, 'POST', '/auth/password', token, body)).toMatchObject({ status: 400, body: { code } });
    }, 30_000);
  });

  describe('account scopes', () => {
    let scoped: string;
    beforeAll(async () => {
      await createUser(context, admin, 'scoped-viewer', 'viewer', ['org1']);
      await createUser(context, admin, 'scoped-operator', 'operator', ['org1']);
      scoped = (await loginAs(context, 'scoped-viewer', GOOD_PASSWORD)).accessToken;
    }, 30_000);

    it('shows a scoped viewer every public Space and the private ones of its accounts only: list, detail, stream', async () => {
      const list = await call<SpacesListResponse>(context, 'GET', '/spaces', scoped);
      const privateIds = list.body.spaces.filter((space) => space.private).map((space) => space.id);
      expect(privateIds).toEqual(['org1/org-private']);
      expect((await call(context, 'GET', '/spaces/org1/org-private', scoped)).status).toBe(200);
      expect(await call(context, 'GET', '/spaces/user1/space2', scoped)).toMatchObject({ status: 404, body: { code: 'SPACE_NOT_FOUND' } });
      const stream = new StreamClient(`${context.url}/api/v1/stream`, scoped);
      try {
        const inventory = await stream.waitFor('inventory');
        expect(inventory.spaces.filter((space) => space.private).map((space) => space.id)).toEqual(['org1/org-private']);
      } finally {
        stream.close();
      }
    }, 30_000);

    it('keeps a scoped operator to its accounts for actions: 403 on a public Space elsewhere, 404 on a private one', async () => {
      const token = (await loginAs(context, 'scoped-operator', GOOD_PASSWORD)).accessToken;
      expect(await call(context, 'POST', '/spaces/user1/space1/restart', token)).toMatchObject({ status: 403, body: { code: 'ACCOUNT_OUT_OF_SCOPE' } });
      expect(await call(context, 'POST', '/spaces/user1/space2/restart', token)).toMatchObject({ status: 404 });
      expect((await call(context, 'POST', '/spaces/org1/org-broken/restart', token)).status).toBe(200);
    }, 30_000);

    it('refuses actions to a viewer, whatever its scope', async () => {
      expect(await call(context, 'POST', '/spaces/org1/org-broken/restart', scoped)).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_ROLE' } });
    });
  });

  describe('named API keys', () => {
    it('shows the key once, stores only a digest, and an operator key restarts a Space with its name in the audit log', async () => {
      const created = await createKey(context, admin, 'ci-restarts', 'operator');
      expect(created.key).toMatch(/^hfdk_[0-9a-f]{16}_[\w-]{43}$/);
      const listed = await call<ApiKeysListResponse>(context, 'GET', '/api-keys', admin);
      expect(listed.text).not.toContain(created.key);
      expect(listed.text).not.toContain(created.key.split('_')[2]);
      expect(listed.body.keys.find((key) => key.id === created.id)).toMatchObject({ name: 'ci-restarts', role: 'operator', createdBy: 'admin', lastUsedAt: null });
      expect((await call(context, 'POST', '/spaces/user1/space1/restart', created.key)).status).toBe(200);
      const entries = await call<AuditPage>(context, 'GET', '/audit?kind=space.action&actor=ci-restarts', admin);
      expect(entries.body.entries[0]).toMatchObject({ actorType: 'apiKey', actor: 'ci-restarts', spaceId: 'user1/space1', result: 'success', detail: 'restart' });
      const used = await call<ApiKeysListResponse>(context, 'GET', '/api-keys', admin);
      expect(used.body.keys.find((key) => key.id === created.id)?.lastUsedAt).not.toBeNull();
    }, 30_000);

    it('works on the external API within its role and scope', async () => {
      const reader = await createKey(context, admin, 'reader-org1', 'viewer', ['org1']);
      expect((await call(context, 'GET', `/info/${E2E_TOKENS.user1Write}/org1/org-app`, reader.key)).status).toBe(200);
      expect(await call(context, 'GET', `/info/${E2E_TOKENS.user1Write}/user1/space1`, reader.key)).toMatchObject({ status: 403, body: { code: 'ACCOUNT_OUT_OF_SCOPE' } });
      expect(await call(context, 'POST', `/action/${E2E_TOKENS.user1Write}/org1/org-app/restart`, reader.key)).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_ROLE' } });
      const list = await call<{ spaces: string[] }>(context, 'GET', `/info/${E2E_TOKENS.user1Write}`, reader.key);
      expect(list.body.spaces.every((id) => id.startsWith('org1/'))).toBe(true);
    }, 30_000);

    it('is refused at once when revoked, and a key with a wrong secret or a made-up id is refused', async () => {
      const key = await createKey(context, admin, 'to-revoke', 'viewer');
      expect((await call(context, 'GET', '/auth/me', key.key)).status).toBe(401);
      expect((await call(context, 'GET', '/audit', key.key)).status).toBe(403);
      const wrongSecret = `${key.key.slice(0, -2)}xx`;
      expect(await call(context, 'POST', '/spaces/user1/space1/restart', wrongSecret)).toMatchObject({ status: 401 });
      expect(await call(context, 'POST', '/spaces/user1/space1/restart', 'hfdk_0000000000000000_nothing')).toMatchObject({ status: 401 });
      expect((await call(context, 'DELETE', `/api-keys/${key.id}`, admin)).status).toBe(204);
      expect(await call(context, 'GET', '/users', key.key)).toMatchObject({ status: 401 });
      expect(await call(context, 'DELETE', `/api-keys/${key.id}`, admin)).toMatchObject({ status: 404 });
    }, 30_000);

    it.each([
      ['an expiry in the past', { name: 'late', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' }, 'EXPIRY_IN_PAST'],
      ['an expiry that is no time', { name: 'late', role: 'viewer', expiresAt: 'tomorrow' }, 'VALIDATION_FAILED'],
      ['a role that does not exist', { name: 'x', role: 'root' }, 'UNKNOWN_ROLE'],
      ['an account that is not configured', { name: 'x', role: 'viewer', accounts: ['elsewhere'] }, 'UNKNOWN_ACCOUNT'],
      ['a name that exists', { name: 'CI-RESTARTS', role: 'viewer' }, 'API_KEY_NAME_TAKEN'],
    ])('refuses %s with 400', async (_case, body, code) => {
      expect(await call(context, 'POST', '/api-keys', admin, body)).toMatchObject({ status: 400, body: { code } });
    });

    it('stops working when it expires', async () => {
      const reply = await call<{ key: string }>(context, 'POST', '/api-keys', admin, { name: 'brief', role: 'admin', expiresAt: new Date(Date.now() + 1500).toISOString() });
      expect((await call(context, 'GET', '/users', reply.body.key)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect((await call(context, 'GET', '/users', reply.body.key)).status).toBe(401);
    });

    it('keeps API_KEY an admin key for our routes', async () => {
      expect((await call(context, 'GET', '/users', E2E_API_KEY)).status).toBe(200);
      expect((await call(context, 'GET', '/audit', E2E_API_KEY)).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('lists one’s own sessions with address and browser; an admin sees everyone’s', async () => {
      await createUser(context, admin, 'hank', 'viewer');
      const response = await fetch(`${context.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' },
        body: JSON.stringify({ username: 'hank', password: GOOD_PASSWORD }),
      });
      const token = ((await response.json()) as LoginResponse).accessToken;
      const own = await call<SessionsListResponse>(context, 'GET', '/auth/sessions', token);
      expect(own.body.sessions).toEqual([expect.objectContaining({ username: 'hank', address: '127.0.0.1', browser: 'Firefox on Linux', current: true })]);
      const all = await call<SessionsListResponse>(context, 'GET', '/auth/sessions', admin);
      expect(new Set(all.body.sessions.map((session) => session.username))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
      expect(all.body.sessions.map((session) => session.username)).toEqual(expect.arrayContaining(['hank', 'admin']));
      // Someone else's session is not found for a non-admin.
      const adminSession = all.body.sessions.find((session) => session.username === 'admin');
      expect(await call(context, 'DELETE', `/auth/sessions/${adminSession?.id}`, token)).toMatchObject({ status: 404 });
    }, 30_000);
  });

  describe('TOTP', () => {

    it('enrols with a QR code, then login asks for the code; a recovery code works once', async () => {
      await createUser(context, admin, 'ivy', 'viewer');
      const token = (await loginAs(context, 'ivy', GOOD_PASSWORD)).accessToken;
      const setup = await call<TotpSetupResponse>(context, 'POST', '/auth/totp/setup', token, { password: GOOD_PASSWORD });
      expect(setup.status).toBe(200);
      expect(setup.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(setup.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
      expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(await call(context, 'POST', '/auth/totp/enable', token, { code: '000000' === code(setup.body.secret) ? '111111' : '000000' })).toMatchObject({
        status: 400,
        body: { code: 'INVALID_TOTP_CODE' },
      });
      const enabled = await call<TotpEnableResponse>(context, 'POST', '/auth/totp/enable', token, { code: code(setup.body.secret) });
      expect(enabled.body.recoveryCodes).toHaveLength(10);
      expect((await call(context, 'GET', '/auth/me', token)).body).toMatchObject({ totpEnabled: true });
      // The seed is stored sealed: no response lists it again.
      expect((await call(context, 'GET', '/users', admin)).text).not.toContain(setup.body.secret);

      expect(await call(context, 'POST', '/auth/login', null, { username: 'ivy', password: GOOD_PASSWORD })).toMatchObject({ status: 401, body: { code: 'TOTP_REQUIRED' } });
      expect(await call(context, 'POST', '/auth/login', null, { username: 'ivy', password: GOOD_PASSWORD, code: '123456' === code(setup.body.secret, 1) ? '654321' : '123456' })).toMatchObject({
        status: 401,
        body: { code: 'INVALID_TOTP_CODE' },
      });
      expect((await call(context, 'POST', '/auth/login', null, { username: 'ivy', password: GOOD_PASSWORD, code: code(setup.body.secret, 1) })).status).toBe(200);
      // The same code a second time is a replay.
      expect((await call(context, 'POST', '/auth/login', null, { username: 'ivy', password: GOOD_PASSWORD, code: code(setup.body.secret, 1) })).status).toBe(401);
      const recovery = enabled.body.recoveryCodes[0];
      expect((await call(context, 'POST', '/auth/login', null, { username: 'ivy', password: GOOD_PASSWORD, code: recovery })).status).toBe(200);
      expect(await call(context, 'POST', '/auth/login', null, { username: 'ivy', password: GOOD_PASSWORD, code: recovery })).toMatchObject({ status: 401, body: { code: 'INVALID_TOTP_CODE' } });
      const audit = await call(context, 'GET', '/audit.csv?actor=ivy', admin);
      expect(audit.text).not.toContain(recovery);
      expect(audit.text).not.toContain(setup.body.secret);
    }, 30_000);

    it.each([
      ['setup with a wrong password', '/auth/totp/setup', { password: 'not-my-password' }, 400, 'WRONG_PASSWORD'],
      ['enable without setup', '/auth/totp/enable', { code: '123456' }, 409, 'TOTP_STATE'],
      ['enable with letters', '/auth/totp/enable', { code: 'abcdef' }, 400, 'VALIDATION_FAILED'],
      ['disable when off', '/auth/totp/disable', { password: GOOD_PASSWORD, code: '123456' }, 409, 'TOTP_STATE'],
    ])('refuses %s', async (_case, path, body, status, errorCode) => {
      const name = `kim-${errorCode.toLowerCase()}-${status}-${path.length}`;
      await createUser(context, admin, name, 'viewer');
      const token = (await loginAs(context, name, GOOD_PASSWORD)).accessToken;
      expect(await call(context, 'POST', path, token, body)).toMatchObject({ status, body: { code: errorCode } });
    }, 30_000);
  });

  describe('audit log', () => {
    it('records logins (with the reason of a failure and the address), logouts, actions and changes, never a secret', async () => {
      await call(context, 'POST', '/auth/login', null, { username: 'admin', password: 'a-wrong-guess-here' });
      const token = await adminToken(context);
      await call(context, 'POST', '/auth/logout', token);
      const page = await call<AuditPage>(context, 'GET', '/audit?limit=500', admin);
      const kinds = new Set<string>(page.body.entries.map((entry) => entry.kind));
      for (const kind of ['auth.login', 'auth.logout', 'space.action', 'user.create', 'user.update', 'user.delete', 'apikey.create', 'apikey.revoke', 'auth.password', 'auth.totp', 'session.revoke']) {
        expect({ kind, present: kinds.has(kind) }).toEqual({ kind, present: true });
      }
      const failed = page.body.entries.find((entry) => entry.kind === 'auth.login' && entry.result === 'failure' && entry.actor === 'admin');
      expect(failed).toMatchObject({ detail: 'INVALID_CREDENTIALS', address: '127.0.0.1', requestId: expect.any(String) });
      const text = page.text;
      for (const secret of [E2E_PASSWORD, GOOD_PASSWORD, 'a-wrong-guess-here', E2E_API_KEY, E2E_TOKENS.user1Write]) expect(text).not.toContain(secret);
    }, 30_000);

    it('filters by actor, Space, kind, result and time, and pages by cursor without gaps or repeats', async () => {
      const all = (await call<AuditPage>(context, 'GET', '/audit?limit=500', admin)).body.entries;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: AuditPage = (await call<AuditPage>(context, 'GET', `/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`, admin)).body;
        seen.push(...page.entries.map((entry) => entry.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen.slice(0, all.length)).toEqual(all.map((entry) => entry.id));
      const actions = (await call<AuditPage>(context, 'GET', '/audit?space=user1/space1&kind=space.action&result=success', admin)).body.entries;
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((entry) => entry.spaceId === 'user1/space1' && entry.kind === 'space.action' && entry.result === 'success')).toBe(true);
      const future = await call<AuditPage>(context, 'GET', `/audit?from=${new Date(Date.now() + 60_000).toISOString()}`, admin);
      expect(future.body.entries).toEqual([]);
    }, 30_000);

    it.each([
      ['a cursor it did not make', '/audit?cursor=bm9wZQ', 'INVALID_CURSOR'],
      ['an unknown kind', '/audit?kind=everything', 'VALIDATION_FAILED'],
      ['a limit over 500', '/audit?limit=501', 'VALIDATION_FAILED'],
      ['a time that is no time', '/audit?from=yesterday', 'VALIDATION_FAILED'],
      ['an unknown filter', '/audit?password=x', 'VALIDATION_FAILED'],
    ])('refuses %s with 400', async (_case, path, code) => {
      expect(await call(context, 'GET', path, admin)).toMatchObject({ status: 400, body: { code } });
    });

    it('exports CSV with a header, quoting, and formulas defused', async () => {
      await call(context, 'POST', '/auth/login', null, { username: '=HYPERLINK("x")', password: 'whatever-it-is' });
      const csv = await call(context, 'GET', '/audit.csv?kind=auth.login&result=failure', admin);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toContain('audit.csv');
      const [header, ...rows] = csv.text.trim().split('\r\n');
      expect(header).toBe('at,kind,result,actorType,actor,target,spaceId,detail,address,durationMs,requestId,id');
      expect(rows.some((row) => row.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
    });

    it('shows an operator their own entries only, and refuses a viewer', async () => {
      await createUser(context, admin, 'olga', 'operator');
      const token = (await loginAs(context, 'olga', GOOD_PASSWORD)).accessToken;
      const own = await call<AuditPage>(context, 'GET', '/audit', token);
      expect(own.body.entries.length).toBeGreaterThan(0);
      expect(own.body.entries.every((entry) => entry.actor === 'olga')).toBe(true);
      expect(await call(context, 'GET', '/audit?actor=admin', token)).toMatchObject({ status: 403 });
      await createUser(context, admin, 'vic', 'viewer');
      const viewer = (await loginAs(context, 'vic', GOOD_PASSWORD)).accessToken;
      expect(await call(context, 'GET', '/audit', viewer)).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_ROLE' } });
    }, 30_000);
  });

  it('never writes a password, key or seed to the log', () => {
    const text = context.logs.join('\n');
    for (const secret of [E2E_PASSWORD, GOOD_PASSWORD, 'another-strong-passphrase-7']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/hfdk_[0-9a-f]{16}_/);
  });

});

describe('TOTP code guesses (e2e)', () => {
  let context: E2eContext;
  let admin: string;

  beforeAll(async () => {
    context = await startE2e();
    admin = await adminToken(context);
  }, 60_000);
  afterAll(() => context.close());

  it('throttles code guesses as it throttles passwords', async () => {
    await createUser(context, admin, 'jack', 'viewer');
    const token = (await loginAs(context, 'jack', GOOD_PASSWORD)).accessToken;
    const setup = await call<TotpSetupResponse>(context, 'POST', '/auth/totp/setup', token, { password: GOOD_PASSWORD });
    await call(context, 'POST', '/auth/totp/enable', token, { code: code(setup.body.secret) });
    const statuses: number[] = [];
    for (let guess = 0; guess < 7; guess++) {
      const wrong = String(100000 + guess);
      statuses.push((await call(context, 'POST', '/auth/login', null, { username: 'jack', password: GOOD_PASSWORD, code: wrong === code(setup.body.secret) ? '999999' : wrong })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  }, 60_000);
});
