import type { SpaceSummary } from '@hfd/contracts';
import type { Persistence } from '@hfd/persistence';
import { configWith } from '../testing/test-config';
import { openTestPersistence } from '../testing/test-persistence';
import type { HistoryAccess } from './history-access';
import { HistoryClock } from './history-clock';
import { HistoryService } from './history.service';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

describe('HistoryService uptime gauges', () => {
  let persistence: Persistence;
  let now: number;
  let service: HistoryService;
  const spaces = [{ id: 'a/one' }, { id: 'a/two' }] as SpaceSummary[];

  beforeEach(async () => {
    now = T0;
    persistence = await openTestPersistence();
    const access = { allSpaces: () => spaces } as unknown as HistoryAccess;
    service = new HistoryService(persistence, access, new HistoryClock(() => now), configWith({}));
    persistence.history.record([
      { spaceId: 'a/one', at: T0 - 10 * MIN, from: null, to: 'RUNNING', source: 'refresh', actor: null, state: 'up' },
      { spaceId: 'a/two', at: T0 - 10 * MIN, from: null, to: 'RUNTIME_ERROR', source: 'refresh', actor: null, state: 'down' },
    ]);
    await persistence.writes.drained();
  });
  afterEach(() => persistence.close());

  it('computes every Space’s figures once a minute however often it is scraped, and answers only those asked for', async () => {
    const sums = jest.spyOn(persistence.history, 'sums');
    const [one] = await service.figuresOf([spaces[0]], ['24h']);
    expect(one[0]).toMatchObject({ window: '24h', upMs: 10 * MIN, downMs: 0, ratio: 1 });
    const [two] = await service.figuresOf([spaces[1]], ['24h']);
    expect(two[0]).toMatchObject({ downMs: 10 * MIN, ratio: 0 });
    expect(sums).toHaveBeenCalledTimes(1);
    now += MIN;
    const [later] = await service.figuresOf([spaces[0]], ['24h']);
    expect(later[0]).toMatchObject({ upMs: 11 * MIN });
    expect(sums).toHaveBeenCalledTimes(2);
  });
});
