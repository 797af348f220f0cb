import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_ROUTES, type MetricSample } from '@hfd/contracts';
import { SseHttpError, sseStream, type SseEvent, type SseRequest, type SseStreamOptions } from '@hfd/sse-client';
import { Subject, Subscription, merge } from 'rxjs';
import { makeSample } from '../../../testing/fixtures';
import { provideTestDefaults } from '../../../testing/test-providers';
import { SessionStore } from '../auth/session.store';
import { Notifier } from '../notify/notifier.service';
import { STORAGE_KEYS } from '../storage/browser-storage';
import { StreamService } from './stream.service';

jest.mock('@hfd/sse-client', () => ({
  ...jest.requireActual('@hfd/sse-client'),
  sseStream: jest.fn(),
}));

interface Connection {
  request: () => Promise<SseRequest>;
  options: SseStreamOptions;
  events: Subject<SseEvent>;
}

describe('StreamService', () => {
  let connections: Connection[];
  let subscription: Subscription;

  function start(): StreamService {
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults(), { provide: Notifier, useValue: { info: jest.fn(), error: jest.fn() } }],
    });
    return TestBed.inject(StreamService);
  }

  function listen(stream: StreamService, received: unknown[] = []): unknown[] {
    subscription = merge(stream.inventory$, stream.metric$, stream.status$).subscribe((event) => received.push(event));
    TestBed.tick();
    return received;
  }

  async function headersOf(connection: Connection): Promise<Headers> {
    const request = await connection.request();
    return new Headers(request.init?.headers);
  }

  beforeEach(() => {
    localStorage.clear();
    connections = [];
    jest.mocked(sseStream).mockImplementation((request, options = {}) => {
      const events = new Subject<SseEvent>();
      connections.push({ request: async () => request({ attempt: 0, signal: new AbortController().signal }), options, events });
      return events;
    });
  });

  afterEach(() => subscription?.unsubscribe());

  it('opens one shared connection to the stream, without a token when logged out', async () => {
    const stream = start();
    listen(stream);
    expect(connections).toHaveLength(1);
    const request = await connections[0].request();
    expect(request.url).toBe(API_ROUTES.stream);
    expect((await headersOf(connections[0])).has('Authorization')).toBe(false);
  });

  it('sends the session token in the Authorization header, never in the URL', async () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 'jwt', username: 'a', expiresAt: Date.now() + 60_000 }));
    const stream = start();
    listen(stream);
    expect((await headersOf(connections[0])).get('Authorization')).toBe('Bearer jwt');
    expect((await connections[0].request()).url).not.toContain('jwt');
  });

  it('hands out typed events by name, each sample of a metric batch on its own, and skips malformed ones', () => {
    const stream = start();
    const received = listen(stream);
    const sample: MetricSample = makeSample('a/b');
    const other: MetricSample = makeSample('c/d');
    connections[0].events.next({ event: 'metric', data: JSON.stringify([sample, { spaceId: 3 }, other]) });
    connections[0].events.next({ event: 'metric', data: JSON.stringify(sample) });
    connections[0].events.next({ event: 'metric', data: 'not json' });
    connections[0].events.next({ event: 'inventory', data: JSON.stringify({ spaces: [], accounts: [] }) });
    expect(received).toEqual([sample, other, { spaces: [], accounts: [] }]);
  });

  it('reports live, reconnecting, then offline after repeated failures', () => {
    const stream = start();
    listen(stream);
    const { options } = connections[0];
    options.onStateChange?.('connecting');
    expect(stream.connection()).toBe('connecting');
    options.onStateChange?.('open');
    expect(stream.connection()).toBe('live');
    options.onReconnect?.({ failures: 1, delayMs: 1000 });
    expect(stream.connection()).toBe('reconnecting');
    options.onReconnect?.({ failures: 3, delayMs: 4000 });
    expect(stream.connection()).toBe('offline');
  });

  it('reconnects with the new visibility when the session changes', async () => {
    const stream = start();
    listen(stream);
    const session = TestBed.inject(SessionStore);
    session.login({ username: 'a', password: 'b' }).subscribe();
    TestBed.inject(HttpTestingController)
      .expectOne(API_ROUTES.login)
      .flush({ accessToken: 'new-jwt', tokenType: 'Bearer', expiresAt: '2999-01-01T00:00:00Z', username: 'a' });
    TestBed.tick();
    expect(connections).toHaveLength(2);
    expect((await headersOf(connections[1])).get('Authorization')).toBe('Bearer new-jwt');
  });

  it('ends the session the server says ended, with its notice, and reconnects as a visitor', async () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 'old', username: 'a', expiresAt: Date.now() + 60_000, role: 'operator', accounts: null }));
    const stream = start();
    listen(stream);
    connections[0].events.next({ event: 'session-ended', data: JSON.stringify({ reason: 'disabled' }) });
    TestBed.tick();
    expect(TestBed.inject(SessionStore).loggedIn()).toBe(false);
    expect(TestBed.inject(Notifier).error).toHaveBeenCalledWith('auth.sessionEnded');
    expect(connections).toHaveLength(2);
    expect((await headersOf(connections[1])).has('Authorization')).toBe(false);
  });

  it('ends a session the stream refuses, and reconnects anonymously', async () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 'old', username: 'a', expiresAt: Date.now() + 60_000 }));
    const stream = start();
    listen(stream);
    connections[0].events.error(new SseHttpError(401, 'Unauthorized', new Headers(), ''));
    TestBed.tick();
    expect(TestBed.inject(SessionStore).loggedIn()).toBe(false);
    expect(connections).toHaveLength(2);
    expect((await headersOf(connections[1])).has('Authorization')).toBe(false);
  });

  it('closes the connection when nobody listens any more', () => {
    const stream = start();
    listen(stream);
    expect(connections[0].events.observed).toBe(true);
    subscription.unsubscribe();
    expect(connections[0].events.observed).toBe(false);
  });
});
