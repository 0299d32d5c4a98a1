/**
 * The loops that time a cache: get-or-set (a `get`; on a miss, a `set` of the key) and gets
 * only, over `keys[from..to)`. `npm run bench` and `measurePolicySpeed` (chapter 12) time caches
 * with these same loops, so their numbers measure the same work.
 *
 * Each call compiles a fresh copy (`new Function`): a loop shared by several cache classes, or
 * by integer and string keys, turns its `get`/`set` call sites polymorphic and slows down
 * whichever cache runs after the first. One copy per cache keeps every timing monomorphic.
 */

/** The two operations the loops call. */
export interface TimedCache<K> {
  get(key: K): unknown;
  set(key: K, value: K): unknown;
}

/** Runs over `keys[from..to)` and returns how many `get`s hit. */
export type TimingLoop<K> = (cache: TimedCache<K>, keys: ArrayLike<K>, from: number, to: number) => number;

/** A fresh get-or-set loop: a `get`, and on a miss a `set` of the key (as its own value). */
export function freshGetOrSetLoop<K>(): TimingLoop<K> {
  return compile<K>(
    `let hits = 0;
     for (let i = from; i < to; i++) {
       const key = keys[i];
       if (cache.get(key) === undefined) cache.set(key, key);
       else hits++;
     }
     return hits;`,
  );
}

/** A fresh gets-only loop: membership never changes, so a warm cache stays warm. */
export function freshGetsOnlyLoop<K>(): TimingLoop<K> {
  return compile<K>(
    `let hits = 0;
     for (let i = from; i < to; i++) if (cache.get(keys[i]) !== undefined) hits++;
     return hits;`,
  );
}

/** Compiles `body` as a new function of `(cache, keys, from, to)`: fresh code, fresh type feedback. */
function compile<K>(body: string): TimingLoop<K> {
  return new Function('cache', 'keys', 'from', 'to', body) as TimingLoop<K>;
}
