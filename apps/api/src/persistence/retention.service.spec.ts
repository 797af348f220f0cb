import type { Persistence } from '@hfd/persistence';
import { HistoryClock } from '../history/history-clock';
import { configWith } from '../testing/test-config';
import { openTestPersistence } from '../testing/test-persistence';
import { RetentionService } from './retention.service';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe('RetentionService', () => {
  let persistence: Persistence;
  let service: RetentionService;

  const expiredDaysAgo = (id: string, days: number) =>
    persistence.sessions.record({ id, username: 'admin', createdAt: Date.now() - (days + 1) * DAY, expiresAt: Date.now() - days * DAY, address: null, userAgent: null });
  const ids = async () => (await persistence.db.selectFrom('sessions').select('id').orderBy('id').execute()).map((row) => row.id);

  beforeEach(async () => {
    // Only the clock and the daily timer are simulated; the turns of the event loop between batches are real.
    jest.useFakeTimers({ now: NOW, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    persistence = await openTestPersistence();
    service = new RetentionService(persistence, configWith({ HISTORY_RETENTION: '90d' }), new HistoryClock());
  });
  afterEach(async () => {
    await service.stop();
    await persistence.close();
    jest.useRealTimers();
  });

  it('prunes at start what is older than HISTORY_RETENTION, then again every day', async () => {
    expiredDaysAgo('old', 100);
    expiredDaysAgo('recent', 10);
    await persistence.writes.drained();

    service.onApplicationBootstrap();
    await service.prune();
    expect(await ids()).toEqual(['recent']);

    expiredDaysAgo('aged-meanwhile', 90);
    await persistence.writes.drained();
    expect(await ids()).toEqual(['aged-meanwhile', 'recent']);
    const pass = jest.spyOn(service, 'prune');
    jest.advanceTimersByTime(DAY - 1);
    expect(pass).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(pass).toHaveBeenCalledTimes(1);
    await pass.mock.results[0].value;
    expect(await ids()).toEqual(['recent']);
  });

  it('runs one pass at a time', async () => {
    const first = service.prune();
    expect(service.prune()).toBe(first);
    await first;
    expect(service.prune()).not.toBe(first);
  });
});
