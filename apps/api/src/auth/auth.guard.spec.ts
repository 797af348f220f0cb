import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Persistence } from '@hfd/persistence';
import { ApiKeyService } from '../api-key/api-key.service';
import { Auth, type Caller } from '../common/decorators/auth.decorator';
import { ApiException } from '../common/errors/api.exception';
import { principalOf } from '../common/http/principal';
import type { AppConfigService } from '../config/app-config.service';
import { validateEnv, type Env } from '../config/env.schema';
import { openTestPersistence } from '../testing/test-persistence';
import { testPeople } from '../testing/test-people';
import { AuthGuard } from './auth.guard';
import { AuthSecrets } from './auth-secrets';
import { JwtStrategy } from './jwt.strategy';
import { PrincipalResolver } from './principal-resolver';
import { RevokedSessionsStore } from './revoked-sessions.store';

const API_KEY = 'the-api-key-0123456789-abcdef';
const JWT_SECRET = 'a-signing-secret-long-enough-0123456789';

function configWith(raw: Record<string, string>): AppConfigService {
  const env = validateEnv(raw);
  return {
    get: <K extends keyof Env>(key: K): Env[K] => env[key],
  } as unknown as AppConfigService;
}

/** One route per rule, as controllers declare them. */
class Routes {
  @Auth('anyone') anyone(): string {
    return 'anyone';
  }
  @Auth('session', 'viewer') session(): string {
    return 'session';
  }
  @Auth('apiKey', 'viewer') apiKey(): string {
    return 'apiKey';
  }
  @Auth('sessionOrApiKey', 'viewer') sessionOrApiKey(): string {
    return 'sessionOrApiKey';
  }
  @Auth('sessionOrApiKey', 'operator') operator(): string {
    return 'operator';
  }
  @Auth('anyone', { apiKeyWhen: 'METRICS_REQUIRE_API_KEY' }) metrics(): string {
    return 'metrics';
  }
  undeclared(): string {
    return 'undeclared';
  }
}

@Auth('apiKey', 'viewer')
class KeyOnlyController {
  route(): string {
    return 'route';
  }
  @Auth('anyone') openedUp(): string {
    return 'openedUp';
  }
}

type RouteName = Exclude<keyof Routes, 'undeclared'>;
type Presented = 'anonymous' | 'session' | 'expired' | 'revoked' | 'disabled' | 'viewer' | 'key' | 'wrong key' | 'named key' | 'malformed';

interface Harness {
  /** `anonymous`, `session` or `apiKey`: who the guard admitted; or `401 <code>`. */
  outcome(handler: () => void, presented: Presented, controller?: new () => unknown): Promise<string>;
  resolver: PrincipalResolver;
  apiKeys: ApiKeyService;
}

/** The databases the harnesses opened, closed once every test has run. */
const opened: Persistence[] = [];
afterAll(() => Promise.all(opened.map((persistence) => persistence.close())));

async function harness(env: Record<string, string>): Promise<Harness> {
  const config = configWith({ JWT_SECRET, ...env });
  const persistence = await openTestPersistence();
  opened.push(persistence);
  const secrets = await AuthSecrets.load(config, persistence.secrets);
  const jwt = new JwtService({});
  const revoked = new RevokedSessionsStore(persistence.sessions);
  const apiKeys = new ApiKeyService(config);
  const people = await testPeople(config, persistence);
  const resolver = new PrincipalResolver(apiKeys, people.keys, people.proxy, new JwtStrategy(secrets, revoked, people.users));
  const nobody = { principal: null, address: null, requestId: null };
  const admin = people.users.findByName('admin');
  const viewer = await people.users.create({ username: 'vera', password: 'a long viewer password', role: 'viewer' }, nobody);
  const shut = await people.users.create({ username: 'dora', password: 'a long disabled password', role: 'admin' }, nobody);
  await people.users.update(shut.id, { disabled: true }, nobody);
  const namedKey = await people.keys.create({ name: 'reader', role: 'viewer' }, nobody);
  const guard = new AuthGuard(new Reflector(), resolver, apiKeys, config);
  const sign = (claims: object) => jwt.signAsync(claims, { secret: JWT_SECRET, algorithm: 'HS256' });
  const now = Math.floor(Date.now() / 1000);
  const claims = (uid: string | undefined, sub: string, jti: string) => ({ sub, uid, jti, at: Date.now(), exp: now + 600 });
  const tokens: Record<Presented, string | undefined> = {
    anonymous: undefined,
    session: await sign(claims(admin?.id, 'admin', 'live')),
    expired: await sign({
      sub: 'admin',
      uid: admin?.id,
      at: (now - 7200) * 1000,
      jti: 'old',
      iat: now - 7200,
      exp: now - 3600,
    }),
    revoked: await sign(claims(admin?.id, 'admin', 'gone')),
    disabled: await sign(claims(shut.id, 'dora', 'shut')),
    viewer: await sign(claims(viewer.id, 'vera', 'view')),
    key: API_KEY,
    'named key': namedKey.key,
    'wrong key': `${API_KEY.slice(0, -1)}X`,
    malformed: 'not.a.jwt',
  };
  revoked.revoke({ jti: 'gone', username: 'admin', expiresAt: (now + 600) * 1000 });
  return {
    resolver,
    apiKeys,
    async outcome(handler, presented, controller = Routes) {
      const token = tokens[presented];
      const request = {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      };
      const context = {
        getHandler: () => handler,
        getClass: () => controller,
        switchToHttp: () => ({ getRequest: () => request }),
      } as unknown as ExecutionContext;
      try {
        expect(await guard.canActivate(context)).toBe(true);
      } catch (error) {
        if (!(error instanceof ApiException)) throw error;
        expect(principalOf(request)).toBeNull();
        return `${error.getStatus()} ${error.code}`;
      }
      return principalOf(request)?.kind ?? 'anonymous';
    },
  };
}

const PRESENTED: Presented[] = ['anonymous', 'session', 'expired', 'revoked', 'disabled', 'viewer', 'key', 'wrong key', 'named key', 'malformed'];

/** Expected outcome per rule, in the order of PRESENTED. */
const MATRIX: Record<RouteName, string[]> = {
  anyone: ['anonymous', 'session', 'anonymous', 'anonymous', 'anonymous', 'session', 'apiKey', 'anonymous', 'apiKey', 'anonymous'],
  session: ['401 UNAUTHORIZED', 'session', '401 UNAUTHORIZED', '401 SESSION_REVOKED', '401 USER_DISABLED', 'session', '401 UNAUTHORIZED', '401 UNAUTHORIZED', '401 UNAUTHORIZED', '401 UNAUTHORIZED'],
  apiKey: ['401 API_KEY_INVALID', '401 API_KEY_INVALID', '401 API_KEY_INVALID', '401 API_KEY_INVALID', '401 API_KEY_INVALID', '401 API_KEY_INVALID', 'apiKey', '401 API_KEY_INVALID', 'apiKey', '401 API_KEY_INVALID'],
  sessionOrApiKey: ['401 UNAUTHORIZED', 'session', '401 UNAUTHORIZED', '401 SESSION_REVOKED', '401 USER_DISABLED', 'session', 'apiKey', '401 UNAUTHORIZED', 'apiKey', '401 UNAUTHORIZED'],
  operator: ['401 UNAUTHORIZED', 'session', '401 UNAUTHORIZED', '401 SESSION_REVOKED', '401 USER_DISABLED', '403 INSUFFICIENT_ROLE', 'apiKey', '401 UNAUTHORIZED', '403 INSUFFICIENT_ROLE', '401 UNAUTHORIZED'],
  metrics: ['anonymous', 'session', 'anonymous', 'anonymous', 'anonymous', 'session', 'apiKey', 'anonymous', 'apiKey', 'anonymous'],
};

describe('AuthGuard', () => {
  describe('with API_KEY set', () => {
    let subject: Harness;
    beforeAll(async () => {
      subject = await harness({ API_KEY });
    });

    it.each(Object.keys(MATRIX) as RouteName[])('applies @Auth on "%s" to each caller', async (route) => {
      const outcomes: string[] = [];
      for (const presented of PRESENTED) outcomes.push(await subject.outcome(Routes.prototype[route], presented));
      expect(Object.fromEntries(PRESENTED.map((presented, index) => [presented, outcomes[index]]))).toEqual(
        Object.fromEntries(PRESENTED.map((presented, index) => [presented, MATRIX[route][index]])),
      );
    });

    it('takes the rule of the controller, unless the method states its own', async () => {
      expect(await subject.outcome(KeyOnlyController.prototype.route, 'session', KeyOnlyController)).toBe('401 API_KEY_INVALID');
      expect(await subject.outcome(KeyOnlyController.prototype.route, 'key', KeyOnlyController)).toBe('apiKey');
      expect(await subject.outcome(KeyOnlyController.prototype.openedUp, 'anonymous', KeyOnlyController)).toBe('anonymous');
    });

    it('refuses a route that declares no rule, whoever calls', async () => {
      for (const presented of ['anonymous', 'session', 'key'] as const) {
        await expect(subject.outcome(Routes.prototype.undeclared, presented)).rejects.toThrow('Routes.undeclared declares no @Auth rule');
      }
    });

    it('gives each of many concurrent session checks its own verdict', async () => {
      const presented = Array.from({ length: 60 }, (_, index) => PRESENTED[index % PRESENTED.length]);
      const outcomes = await Promise.all(presented.map((caller) => subject.outcome(Routes.prototype.sessionOrApiKey, caller)));
      expect(outcomes).toEqual(presented.map((caller) => MATRIX.sessionOrApiKey[PRESENTED.indexOf(caller)]));
    });

    it('reads the Authorization header once per request, comparing it with the API key once', async () => {
      const resolve = jest.spyOn(subject.resolver, 'resolve');
      const matches = jest.spyOn(subject.apiKeys, 'matches');
      await subject.outcome(Routes.prototype.sessionOrApiKey, 'session');
      expect(resolve).toHaveBeenCalledTimes(1);
      expect(matches).toHaveBeenCalledTimes(1);
      resolve.mockRestore();
      matches.mockRestore();
    });
  });

  describe('with METRICS_REQUIRE_API_KEY=true', () => {
    it('lets only the API key call a route that asks for it under this setting', async () => {
      const subject = await harness({
        API_KEY,
        METRICS_REQUIRE_API_KEY: 'true',
      });
      const outcomes: string[] = [];
      for (const presented of PRESENTED) outcomes.push(await subject.outcome(Routes.prototype.metrics, presented));
      expect(outcomes).toEqual(MATRIX.apiKey);
      expect(await subject.outcome(Routes.prototype.anyone, 'anonymous')).toBe('anonymous');
    });
  });

  describe('with API_KEY unset', () => {
    let subject: Harness;
    beforeAll(async () => {
      subject = await harness({});
    });

    it('answers EXTERNAL_API_DISABLED on API-key routes, whatever is sent but a named key', async () => {
      for (const presented of PRESENTED) {
        expect(await subject.outcome(Routes.prototype.apiKey, presented)).toBe(presented === 'named key' ? 'apiKey' : '401 EXTERNAL_API_DISABLED');
      }
    });

    it.each<[Caller & RouteName, string]>([
      ['anyone', 'anonymous'],
      ['sessionOrApiKey', '401 UNAUTHORIZED'],
    ])('never takes any bearer for the unset key on "%s"', async (route, expected) => {
      expect(await subject.outcome(Routes.prototype[route], 'key')).toBe(expected);
      expect(await subject.outcome(Routes.prototype[route], 'session')).toBe('session');
    });
  });
});
