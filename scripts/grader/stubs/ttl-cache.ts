/**
 * Exercise: a TTL cache — entries that expire a fixed time after they were set.
 *
 * What to build
 *   `TTLCache<K, V>` stores values under keys; each entry lives for a time-to-live (TTL) in
 *   milliseconds. An entry set at time t with TTL d is live while `now() < t + d` (strictly less:
 *   at exactly t + d it has expired). The cache also counts hits and misses.
 *
 * Data structures to consider
 *   A `Map<K, { value: V; expiresAt: number }>` is all you need. Expire lazily: rather than
 *   timers, check `expiresAt` whenever an entry is touched, and delete it once found expired.
 *
 * Time
 *   Never call `Date.now()` directly in the methods: use the `now` function from the options
 *   (default `Date.now`). The grader passes a fake clock and moves time by hand.
 *
 * Bad input
 *   `defaultTtlMs` and `ttlMs` must be positive, finite numbers; otherwise throw a `RangeError`
 *   whose message names the parameter.
 *
 * Not the same API as the library's TTLCache (`cachecraft`, used in the chapters)
 *   - `defaultTtlMs` is required here (the library's may be omitted: entries then never expire);
 *   - the library's also takes `capacity`, `onEvict` and `sweepIntervalMs`, and has `peek`,
 *     `keys`, `sweep`, `resetStats` and `dispose`; this one has only the methods below;
 *   - `set` returns nothing (the library's returns the cache, for chaining).
 *
 * Grade it with `npm run grade -- ttl`; stuck? `npm run hint -- ttl`.
 * Parameters start with `_` only so the stub compiles (unused parameters are errors in this
 * project): rename them when you use them.
 */

/** Options for {@link TTLCache}. */
export interface TTLCacheOptions {
  /** TTL used when `set` gets none; a positive, finite number of milliseconds. */
  defaultTtlMs: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

/** Hit/miss counters of a {@link TTLCache}. */
export interface TTLCacheStats {
  hits: number;
  misses: number;
  /** `hits / (hits + misses)`, in 0..1; 0 when there were no lookups. */
  hitRate: number;
}

/** A key-value cache whose entries expire a fixed time after they were set. */
export class TTLCache<K, V> {
  /**
   * TODO: validate `options.defaultTtlMs` (RangeError unless positive and finite), keep it and
   * the clock (`options.now`, default `Date.now`), and create the Map that holds the entries.
   */
  constructor(_options: TTLCacheOptions) {
    throw notImplemented('the TTLCache constructor');
  }

  /**
   * TODO: store `value` under `key`, expiring `ttlMs` from now (default `defaultTtlMs`;
   * RangeError unless positive and finite). Replaces any existing entry, with a fresh TTL.
   */
  set(_key: K, _value: V, _ttlMs?: number): void {
    throw notImplemented('TTLCache.set');
  }

  /**
   * TODO: return the live value (count a hit) or `undefined` (count a miss). An expired entry
   * counts as a miss and is deleted.
   */
  get(_key: K): V | undefined {
    throw notImplemented('TTLCache.get');
  }

  /** TODO: true when `key` has a live entry. Not a hit or a miss: leave the counters alone. */
  has(_key: K): boolean {
    throw notImplemented('TTLCache.has');
  }

  /**
   * TODO: remove `key`; return true when it had a live entry. An expired entry is already gone
   * for every caller (`get` and `has` no longer see it): remove it, return false.
   */
  delete(_key: K): boolean {
    throw notImplemented('TTLCache.delete');
  }

  /** TODO: remove every entry and reset the hit/miss counters to 0. */
  clear(): void {
    throw notImplemented('TTLCache.clear');
  }

  /** TODO: the number of live entries (expired ones do not count). */
  get size(): number {
    throw notImplemented('TTLCache.size');
  }

  /** TODO: milliseconds until `key` expires (`expiresAt - now()`), or `undefined` if not live. */
  ttl(_key: K): number | undefined {
    throw notImplemented('TTLCache.ttl');
  }

  /** TODO: `{ hits, misses, hitRate }`, where hitRate is hits / (hits + misses), or 0 before any lookup. */
  stats(): TTLCacheStats {
    throw notImplemented('TTLCache.stats');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/ttl-cache.ts`);
}
