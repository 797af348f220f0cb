import { concat, lastValueFrom, of, throwError, toArray } from 'rxjs';
import { jsonEvents, type MalformedSseEvent } from './json-events';
import type { SseEvent } from './sse-types';

const message = (data: string, event = 'message'): SseEvent => ({ event, data });

describe('jsonEvents', () => {
  it('parses every event when no names or guard are given, skipping keep-alives', async () => {
    const values = await lastValueFrom(
      of(message('1'), message(''), message('  '), message('"two"', 'other'), message('{"a":[3]}')).pipe(jsonEvents(), toArray()),
    );
    expect(values).toEqual([1, 'two', { a: [3] }]);
  });

  it('reports the syntax error of a malformed event', async () => {
    const malformed: MalformedSseEvent[] = [];
    await lastValueFrom(of(message('{oops')).pipe(jsonEvents({ onMalformed: (m) => malformed.push(m) }), toArray()));
    expect(malformed).toHaveLength(1);
    expect(malformed[0].event.data).toBe('{oops');
    expect(malformed[0].error).toBeInstanceOf(SyntaxError);
  });

  it('passes errors of the source through', async () => {
    const failure = new Error('upstream');
    await expect(lastValueFrom(concat(of(message('1')), throwError(() => failure)).pipe(jsonEvents()))).rejects.toBe(failure);
  });
});
