import { DATABASE_KINDS, ScratchDatabases } from '@hfd/test-support';
import { optionsFor } from '../testing/scratch-options';
import { openPersistence, type Persistence } from './persistence';
import { pruneOlderThan, type Prunable } from './retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe.each(DATABASE_KINDS)('pruneOlderThan (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  let persistence: Persistence;
  beforeEach(async () => {
    persistence = await openPersistence(optionsFor(await scratch.create()));
  });
  afterEach(() => persistence.close());
  afterAll(() => scratch.dropAll());

  it('deletes every row older than the cutoff in bounded batches, yielding to the event loop between them', async () => {
    for (let i = 0; i < 25; i++) {
      persistence.sessions.record({ id: `old-${i}`, username: 'u', createdAt: NOW - 100 * DAY, expiresAt: NOW - 99 * DAY, address: null, userAgent: null });
    }
    for (let i = 0; i < 3; i++) {
      persistence.sessions.record({ id: `kept-${i}`, username: 'u', createdAt: NOW - DAY, expiresAt: NOW + DAY, address: null, userAgent: null });
    }
    await persistence.writes.drained();

    // Each batch notes how many other turns of the event loop ran since the one before.
    const batches: Array<{ deleted: number; turnsBetween: number }> = [];
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const counted: Prunable = {
      table: persistence.sessions.table,
      pruneBatch: async (cutoff, limit) => {
        const deleted = await persistence.sessions.pruneBatch(cutoff, limit);
        batches.push({ deleted, turnsBetween: turns });
        turns = 0;
        return deleted;
      },
    };
    try {
      expect(await pruneOlderThan([counted], NOW - 90 * DAY, { batchSize: 10 })).toEqual({ sessions: 25 });
    } finally {
      ticking = false;
    }
    expect(batches.map((batch) => batch.deleted)).toEqual([10, 10, 5]);
    expect(batches.slice(1).every((batch) => batch.turnsBetween > 0)).toBe(true);
    const left = await persistence.db.selectFrom('sessions').select('id').orderBy('id').execute();
    expect(left.map((row) => row.id)).toEqual(['kept-0', 'kept-1', 'kept-2']);
  });
});
