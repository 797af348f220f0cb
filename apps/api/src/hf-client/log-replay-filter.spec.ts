import { LogReplayFilter } from './log-replay-filter';

const at = (second: number, data: string) => ({ data, timestamp: `2026-06-01T14:00:${String(second).padStart(2, '0')}.000Z` });

function deliver(filter: LogReplayFilter, lines: Array<{ data: string; timestamp?: string }>): string[] {
  return lines.filter((line) => filter.accept(line)).map((line) => line.data);
}

describe('LogReplayFilter', () => {
  it('delivers everything on the first connection, even out of order', () => {
    const filter = new LogReplayFilter();
    filter.connecting();
    expect(deliver(filter, [at(1, 'a'), at(3, 'c'), at(2, 'b'), at(3, 'd')])).toEqual(['a', 'c', 'b', 'd']);
  });

  it('drops the replay after a reconnection, including lines sharing the last timestamp', () => {
    const filter = new LogReplayFilter();
    filter.connecting();
    deliver(filter, [at(1, 'a'), at(2, 'b'), at(2, 'c')]);
    filter.connecting();
    expect(deliver(filter, [at(1, 'a'), at(2, 'b'), at(2, 'c'), at(2, 'd'), at(3, 'e'), at(1, 'late')])).toEqual(['d', 'e', 'late']);
  });

  it('copes with a replay that starts later than the first connection did (bounded history)', () => {
    const filter = new LogReplayFilter();
    filter.connecting();
    deliver(filter, [at(1, 'a'), at(2, 'b'), at(3, 'c')]);
    filter.connecting();
    expect(deliver(filter, [at(3, 'c'), at(4, 'd')])).toEqual(['d']);
  });

  it('delivers lines without a usable timestamp', () => {
    const filter = new LogReplayFilter();
    filter.connecting();
    deliver(filter, [at(5, 'a')]);
    filter.connecting();
    expect(deliver(filter, [{ data: 'no time' }, { data: 'bad', timestamp: 'yesterday' }, at(5, 'a')])).toEqual(['no time', 'bad']);
  });
});
