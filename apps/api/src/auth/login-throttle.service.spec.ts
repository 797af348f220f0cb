import { ApiException } from '../common/errors/api.exception';
import { LOGIN_FAILURES_ALLOWED, LoginThrottleService, NAME_ATTEMPTS_FREE, NAME_BACKOFF_MAX_SECONDS, NAME_WINDOW_SECONDS, nameBackoffSeconds } from './login-throttle.service';

const NAME = 'admin';

/** `ok`, or `429 <Retry-After>`. */
async function attempt(throttle: LoginThrottleService, address: string, name = NAME): Promise<string> {
  try {
    await throttle.admit(name, address);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    return `${error.getStatus()} ${error.headers['Retry-After']}`;
  }
}

describe('LoginThrottleService', () => {
  let throttle: LoginThrottleService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    throttle = new LoginThrottleService();
  });
  afterEach(() => jest.useRealTimers());

  describe('per address', () => {
    it('refuses an address after 5 attempts that did not succeed, for the rest of the minute, whatever the name', async () => {
      const outcomes: string[] = [];
      for (let index = 0; index <= LOGIN_FAILURES_ALLOWED; index++) outcomes.push(await attempt(throttle, '198.51.100.1', `name-${index}`));
      expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', '429 60']);
      jest.advanceTimersByTime(30_000);
      expect(await attempt(throttle, '198.51.100.1')).toBe('429 30');
      jest.advanceTimersByTime(30_000);
      expect(await attempt(throttle, '198.51.100.1')).toBe('ok');
    });

    it('starts an address afresh after a success', async () => {
      for (let index = 0; index < LOGIN_FAILURES_ALLOWED - 1; index++) await attempt(throttle, '198.51.100.1', `name-${index}`);
      expect(await attempt(throttle, '198.51.100.1')).toBe('ok');
      await throttle.recordSuccess(NAME, '198.51.100.1');
      for (let index = 0; index < LOGIN_FAILURES_ALLOWED; index++) expect(await attempt(throttle, '198.51.100.1', `other-${index}`)).toBe('ok');
    });

    it('counts a burst of concurrent attempts as they start: 5 of 20 get through', async () => {
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => attempt(throttle, '198.51.100.1')));
      expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(LOGIN_FAILURES_ALLOWED);
    });
  });

  describe('per name, whatever the address', () => {
    /** One failed attempt at NAME from each of `count` addresses, 203.0.113.<first>… */
    async function failFrom(count: number, first = 1): Promise<string[]> {
      const outcomes: string[] = [];
      for (let index = 0; index < count; index++) outcomes.push(await attempt(throttle, `203.0.113.${first + index}`));
      return outcomes;
    }

    it('backs off addresses that already failed at the name, with a delay that doubles, which changing address does not reset', async () => {
      expect(await failFrom(NAME_ATTEMPTS_FREE)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      // Each of these addresses has failed once: well within its own limit of 5 a minute.
      expect(await attempt(throttle, '203.0.113.1')).toBe('ok');
      expect(await attempt(throttle, '203.0.113.2')).toBe('429 1');
      jest.advanceTimersByTime(1000);
      expect(await attempt(throttle, '203.0.113.2')).toBe('ok');
      expect(await attempt(throttle, '203.0.113.3')).toBe('429 2');
      jest.advanceTimersByTime(2000);
      expect(await attempt(throttle, '203.0.113.3')).toBe('ok');
      expect(await attempt(throttle, '203.0.113.4')).toBe('429 4');
      expect(await attempt(throttle, '203.0.113.5')).toBe('429 4');
      jest.advanceTimersByTime(4000);
      expect(await attempt(throttle, '203.0.113.5')).toBe('ok');
      expect(await attempt(throttle, '203.0.113.1')).toBe('429 8');
    });

    it('lets the right password through from an address that has not failed, however many guesses came from elsewhere', async () => {
      await failFrom(10);
      for (let round = 0; round < 20; round++) await failFrom(10);
      expect(await attempt(throttle, '203.0.113.1')).toMatch(/^429 /);
      // The owner, from an address of their own:
      expect(await attempt(throttle, '192.0.2.50')).toBe('ok');
      await throttle.recordSuccess(NAME, '192.0.2.50');
      // …and again next time: a success leaves the address without failures.
      expect(await attempt(throttle, '192.0.2.50')).toBe('ok');
    });

    it('does not let the owner’s success reset the name: the strangers stay backed off', async () => {
      await failFrom(NAME_ATTEMPTS_FREE + 1);
      expect(await attempt(throttle, '203.0.113.1')).toBe('ok');
      expect(await attempt(throttle, '192.0.2.50')).toBe('ok');
      await throttle.recordSuccess(NAME, '192.0.2.50');
      expect(await attempt(throttle, '203.0.113.2')).toMatch(/^429 /);
    });

    it('lengthens the backoff with each guess from a fresh address too', async () => {
      await failFrom(NAME_ATTEMPTS_FREE + 4);
      // Nine attempts so far; the tenth opens a backoff of 2^(10-6) s.
      expect(await attempt(throttle, '203.0.113.1')).toBe('ok');
      expect(await attempt(throttle, '203.0.113.2')).toBe(`429 ${nameBackoffSeconds(10)}`);
      expect(nameBackoffSeconds(10)).toBe(16);
    });

    it('admits one attempt of a concurrent burst from an address that failed, once the name is backing off', async () => {
      await failFrom(NAME_ATTEMPTS_FREE);
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => attempt(throttle, '203.0.113.1')));
      expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    });

    it('forgets a name’s attempts after its window', async () => {
      await failFrom(NAME_ATTEMPTS_FREE + 1);
      jest.advanceTimersByTime(NAME_WINDOW_SECONDS * 1000);
      expect(await failFrom(NAME_ATTEMPTS_FREE)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    });

    it('keeps names apart', async () => {
      await failFrom(NAME_ATTEMPTS_FREE + 2);
      expect(await attempt(throttle, '203.0.113.2', 'someone-else')).toBe('ok');
    });

    it('caps the backoff', () => {
      expect([6, 7, 8, 9].map(nameBackoffSeconds)).toEqual([1, 2, 4, 8]);
      expect(nameBackoffSeconds(1000)).toBe(NAME_BACKOFF_MAX_SECONDS);
    });
  });
});
