import { Subject, finalize, type Observable } from 'rxjs';
import { mergeKeyed } from './merge-keyed.operator';

describe('mergeKeyed', () => {
  function harness() {
    const keys = new Subject<ReadonlySet<string>>();
    const sources = new Map<string, Subject<string>>();
    const subscribed: string[] = [];
    const unsubscribed: string[] = [];
    const project = (key: string): Observable<string> => {
      const source = new Subject<string>();
      sources.set(key, source);
      subscribed.push(key);
      return source.pipe(finalize(() => unsubscribed.push(key)));
    };
    const values: string[] = [];
    const subscription = keys.pipe(mergeKeyed(project)).subscribe((value) => values.push(value));
    return { keys, sources, subscribed, unsubscribed, values, subscription };
  }

  it('subscribes each key once and merges their values', () => {
    const h = harness();
    h.keys.next(new Set(['a', 'b']));
    h.sources.get('a')?.next('a1');
    h.sources.get('b')?.next('b1');
    expect(h.values).toEqual(['a1', 'b1']);
    expect(h.subscribed).toEqual(['a', 'b']);
  });

  it('keeps keys that stay, drops keys that leave, adds keys that arrive', () => {
    const h = harness();
    h.keys.next(new Set(['a', 'b']));
    h.keys.next(new Set(['b', 'c']));
    expect(h.subscribed).toEqual(['a', 'b', 'c']);
    expect(h.unsubscribed).toEqual(['a']);
  });

  it('unsubscribes every inner stream on teardown', () => {
    const h = harness();
    h.keys.next(new Set(['a', 'b']));
    h.subscription.unsubscribe();
    expect(h.unsubscribed.sort()).toEqual(['a', 'b']);
  });
});
