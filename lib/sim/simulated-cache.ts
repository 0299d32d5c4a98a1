/**
 * The slice of a cache that the hit-rate simulator needs: every cache in `cachecraft`
 * (LRUCache, LFUCache, TTLCache, the policies in `lib/policies/`) fits it, and so does
 * `lru-cache` from npm.
 *
 * The simulator calls `get` first; `undefined` means a miss, after which it calls `set`.
 * Count-based replays store `true`; size-based replays ({@link simulateSized}) store each
 * request's size as the value, so a cache built with `sizeOf: (size) => size` weighs it.
 */
export interface SimulatedCache<K, V = true> {
  /** Returns the cached value, or `undefined` on a miss; may update recency/frequency. */
  get(key: K): unknown;
  /** Inserts (or replaces) a value; the cache evicts as its policy says. */
  set(key: K, value: V): unknown;
}

/** Builds a fresh, empty cache that holds at most `capacity` entries. */
export type CacheFactory<K> = (capacity: number) => SimulatedCache<K>;

/**
 * Builds a fresh, empty cache whose entries' sizes add up to at most `maxSize`; the value
 * stored under a key is its size (see {@link simulateSized}).
 */
export type SizedCacheFactory<K> = (maxSize: number) => SimulatedCache<K, number>;
