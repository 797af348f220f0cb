import type { Logger } from '@nestjs/common';
import { HubRateLimitedError, HubUnavailableError } from './hf-client.errors';
import { createHfClientOptions } from './hf-client.options';
import { HubRequester, type HubCall, type HubRequestEvent } from './hub-request';
import { RateLimitGate } from './rate-limit-gate';

const HUB = 'https://hub.test';

function read(path: string, token: string | null = 'token-a', extra: Partial<HubCall> = {}): HubCall {
  return { method: 'GET', route: `GET ${path}`, url: `${HUB}${path}`, token, spaceScoped: false, ...extra };
}

function reply(status: number, headers: Record<string, string> = {}, body: unknown = status < 400 ? { ok: true } : { error: 'no' }): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * HubRequester on a fake clock, with `fetch` answering from a script: when each attempt is
 * sent, how long it waits between attempts, and what it refuses to send at all.
 */
describe('HubRequester', () => {
  let script: Array<(url: string) => Response>;
  let sent: Array<{ url: string; method: string; at: number; authorization: string | null }>;
  let events: HubRequestEvent[];
  let lifetime: AbortController;
  let logger: { warn: jest.Mock; debug: jest.Mock };

  function requester(retry: Partial<{ maxAttempts: number; budgetMs: number }> = {}): HubRequester {
    // random 0: every backoff wait is its full, unjittered length (1, 2, 4, 8 s).
    const options = createHfClientOptions({ hubEndpoint: HUB, spacesEndpoint: HUB, timeoutMs: 15_000, retry, random: () => 0 });
    return new HubRequester(options, new RateLimitGate(), { report: (event) => events.push(event), logger: logger as unknown as Logger, lifetime: lifetime.signal });
  }

  /** Lets the fetches and promise chains that are due run, without moving the clock. */
  const settle = () => jest.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    script = [];
    sent = [];
    events = [];
    lifetime = new AbortController();
    logger = { warn: jest.fn(), debug: jest.fn() };
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      sent.push({ url, method: init?.method ?? 'GET', at: Date.now(), authorization: new Headers(init?.headers).get('authorization') });
      const next = script.shift();
      if (!next) throw new Error(`No scripted answer for ${url}`);
      return next(url);
    });
  });

  afterEach(() => {
    lifetime.abort(new Error('test over'));
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  describe('retries of reads', () => {
    it('retries a 5xx after 1, 2, 4 and 8 s, then gives up with the last error after 5 attempts', async () => {
      script = Array.from({ length: 5 }, () => () => reply(503));
      const outcome = requester().send(read('/api/spaces/a/b')).catch((error: unknown) => error);
      await settle();
      for (const waitMs of [1000, 2000, 4000, 8000]) {
        const before = sent.length;
        await jest.advanceTimersByTimeAsync(waitMs - 1);
        expect(sent).toHaveLength(before);
        await jest.advanceTimersByTimeAsync(1);
        expect(sent).toHaveLength(before + 1);
      }
      expect(sent.map((request) => request.at)).toEqual([0, 1000, 3000, 7000, 15_000]);
      expect(await outcome).toBeInstanceOf(HubUnavailableError);
      expect(events.map((event) => event.status)).toEqual([503, 503, 503, 503, 503]);
      expect(logger.warn).toHaveBeenCalledTimes(4);
    });

    it('answers with the first success after a failure', async () => {
      script = [() => reply(502), () => reply(200, {}, { id: 'a/b' })];
      const outcome = requester().send(read('/api/spaces/a/b'));
      await jest.advanceTimersByTimeAsync(1000);
      await expect(outcome).resolves.toMatchObject({ json: { id: 'a/b' } });
      expect(sent).toHaveLength(2);
    });

    it('does not retry what a retry cannot fix (404)', async () => {
      script = [() => reply(404)];
      await expect(requester().send(read('/api/spaces/a/b'))).rejects.toMatchObject({ name: 'HubNotFoundError' });
      expect(sent).toHaveLength(1);
    });

    it('stops when the next wait would pass the time budget', async () => {
      script = Array.from({ length: 5 }, () => () => reply(503));
      const outcome = requester({ budgetMs: 2500 }).send(read('/api/spaces/a/b')).catch((error: unknown) => error);
      await jest.advanceTimersByTimeAsync(60_000);
      // 0 s, then 1 s; the next wait (2 s, until 3 s) would end past the 2.5 s budget.
      expect(sent.map((request) => request.at)).toEqual([0, 1000]);
      expect(await outcome).toBeInstanceOf(HubUnavailableError);
    });

    it('ends a retry wait at once when the application stops, and sends nothing more', async () => {
      script = [() => reply(503)];
      const outcome = requester().send(read('/api/spaces/a/b')).catch((error: unknown) => error);
      await jest.advanceTimersByTimeAsync(500);
      lifetime.abort(new Error('The application is stopping'));
      expect(await outcome).toMatchObject({ message: 'The application is stopping' });
      await jest.advanceTimersByTimeAsync(60_000);
      expect(sent).toHaveLength(1);
    });

    it('never retries a mutation: a restart that failed may still have happened', async () => {
      script = [() => reply(503)];
      await expect(requester().send({ ...read('/api/spaces/a/b/restart'), method: 'POST' })).rejects.toBeInstanceOf(HubUnavailableError);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(sent).toHaveLength(1);
    });
  });

  describe('rate limits', () => {
    const spent = { ratelimit: '"api";r=0;t=9' };

    it('waits out a 429 as long as RateLimit says plus a second, holding every other request of that identity meanwhile', async () => {
      script = [() => reply(429, spent), () => reply(200)];
      const hub = requester();
      const waiting = hub.send(read('/api/spaces/a/b'));
      await settle();

      // Another read with the same token is refused at once, without being sent.
      const refused = await hub.send(read('/api/spaces/a/other')).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(HubRateLimitedError);
      expect((refused as HubRateLimitedError).retryAfterMs).toBe(10_000);
      expect(sent).toHaveLength(1);

      await jest.advanceTimersByTimeAsync(9999);
      expect(sent).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      await expect(waiting).resolves.toMatchObject({ json: { ok: true } });
      expect(sent.map((request) => request.at)).toEqual([0, 10_000]);
    });

    it('holds only the identity that was limited: other tokens and anonymous reads go on', async () => {
      script = [() => reply(429, spent), () => reply(200), () => reply(200)];
      const hub = requester();
      void hub.send(read('/api/spaces/a/b', 'token-a', { maxRateLimitWaitMs: 0 })).catch(() => undefined);
      await settle();
      await expect(hub.send(read('/api/spaces/a/b', 'token-b'))).resolves.toBeDefined();
      await expect(hub.send(read('/api/spaces/a/b', null))).resolves.toBeDefined();
      expect(sent.map((request) => request.authorization)).toEqual(['Bearer token-a', 'Bearer token-b', null]);
    });

    it('fails at once with a caller that may not wait (maxRateLimitWaitMs 0), saying when to come back', async () => {
      script = [() => reply(429, spent)];
      const error = await requester()
        .send(read('/api/spaces/a/b', 'token-a', { maxRateLimitWaitMs: 0 }))
        .catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(HubRateLimitedError);
      expect((error as HubRateLimitedError).retryAt).toBe(10_000);
      expect(sent).toHaveLength(1);
    });

    it('fails at once when the window resets after the time budget', async () => {
      script = [() => reply(429, { ratelimit: '"api";r=0;t=120' })];
      await expect(requester().send(read('/api/spaces/a/b'))).rejects.toBeInstanceOf(HubRateLimitedError);
      expect(sent).toHaveLength(1);
    });

    it('holds an identity whose success spent the window until it resets, then sends again', async () => {
      script = [() => reply(200, { ratelimit: '"api";r=0;t=4' }), () => reply(200)];
      const hub = requester();
      await hub.send(read('/api/spaces/a/b'));
      await expect(hub.send(read('/api/spaces/a/c'))).rejects.toBeInstanceOf(HubRateLimitedError);
      expect(sent).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(5000);
      await expect(hub.send(read('/api/spaces/a/c'))).resolves.toBeDefined();
      expect(sent.map((request) => request.at)).toEqual([0, 5000]);
    });

    it('keeps the whoami window apart from the rest of the API', async () => {
      script = [() => reply(429, spent), () => reply(200)];
      const hub = requester();
      void hub.send(read('/api/whoami-v2', 'token-a', { rateLimitScope: 'whoami', maxRateLimitWaitMs: 0 })).catch(() => undefined);
      await settle();
      await expect(hub.send(read('/api/spaces/a/b'))).resolves.toBeDefined();
    });
  });

  describe('sharing', () => {
    it('sends identical reads in flight together once, and the next one again', async () => {
      script = [() => reply(200, {}, { n: 1 }), () => reply(200, {}, { n: 2 })];
      const hub = requester();
      const answers = await Promise.all([hub.send(read('/api/spaces/a/b')), hub.send(read('/api/spaces/a/b')), hub.send(read('/api/spaces/a/b'))]);
      expect(answers.map((answer) => answer.json)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
      expect((await hub.send(read('/api/spaces/a/b'))).json).toEqual({ n: 2 });
      expect(sent).toHaveLength(2);
    });

    it('keeps the reads of different identities apart', async () => {
      script = [() => reply(200), () => reply(200)];
      const hub = requester();
      await Promise.all([hub.send(read('/api/spaces/a/b', 'token-a')), hub.send(read('/api/spaces/a/b', 'token-b'))]);
      expect(sent).toHaveLength(2);
    });
  });
});
