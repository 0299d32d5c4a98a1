/**
 * The slice of a cache that the hit-rate simulator needs: every cache in `cachecraft`
 * (LRUCache, LFUCache, TTLCache) fits it, and so does `lru-cache` from npm.
 *
 * The simulator calls `get` first; `undefined` means a miss, after which it calls `set`.
 */
export interface SimulatedCache<K> {
  /** Returns the cached value, or `undefined` on a miss; may update recency/frequency. */
  get(key: K): unknown;
  /** Inserts (or replaces) a value; the cache evicts as its policy says. */
  set(key: K, value: true): unknown;
}

/** Builds a fresh, empty cache that holds at most `capacity` entries. */
export type CacheFactory<K> = (capacity: number) => SimulatedCache<K>;
