import { Observable, type OperatorFunction, type Subscription } from 'rxjs';

/**
 * Keeps one inner subscription per key in the latest key set: keys that appear are
 * subscribed, keys that disappear are unsubscribed, and keys that stay are left alone
 * (unlike switchMap, which would resubscribe everything on every change).
 */
export function mergeKeyed<K, T>(project: (key: K) => Observable<T>): OperatorFunction<ReadonlySet<K>, T> {
  return (keys$) =>
    new Observable<T>((subscriber) => {
      const inner = new Map<K, Subscription>();
      const outer = keys$.subscribe({
        next: (keys) => {
          for (const [key, subscription] of inner) {
            if (!keys.has(key)) {
              subscription.unsubscribe();
              inner.delete(key);
            }
          }
          for (const key of keys) {
            if (inner.has(key)) continue;
            inner.set(
              key,
              project(key).subscribe({
                next: (value) => subscriber.next(value),
                error: (error: unknown) => subscriber.error(error),
              }),
            );
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        outer.unsubscribe();
        for (const subscription of inner.values()) subscription.unsubscribe();
        inner.clear();
      };
    });
}
