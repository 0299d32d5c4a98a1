/**
 * Exercise: an LFU (least frequently used) cache with O(1) operations.
 *
 * What to build
 *   `LFUCache<K, V>` holds at most `capacity` entries and counts how often each key is used:
 *   a new key starts at 1 use; every `get` hit and every `set` of an existing key adds 1.
 *   When a new key arrives and the cache is full, the key with the fewest uses is evicted; among
 *   keys with equally few uses, the least recently used one goes. `onEvict(key, value)` is
 *   called for the victim.
 *
 * Data structures to consider (Shah, Mitra & Matani, "An O(1) algorithm for implementing the
 * LFU cache eviction scheme", 2010)
 *   - a map from key to node `{ key, value, frequency, ... }`;
 *   - one recency list per use count (a doubly linked list: a key joins the newest end when it
 *     reaches that count, so the oldest end is the tie-break victim);
 *   - the smallest use count present, `minFrequency`. When does it change? Only when a key
 *     leaves the last spot of the minimum list, or when a new key (1 use) arrives.
 *   Scanning all entries to find the victim is O(n); the grader measures this.
 *
 * Bad input
 *   `capacity` must be a positive integer; otherwise throw a `RangeError` naming `capacity`.
 *
 * Not the same API as the library's LFUCache (`cachecraft`, used in the chapters)
 *   - the constructor takes positional arguments, `new LFUCache(capacity, onEvict)`; the
 *     library's takes an options object, `new LFUCache({ capacity, onEvict })`;
 *   - `set` returns nothing (the library's returns the cache, for chaining);
 *   - there is no `stats()`, `resetStats()` or `keys()` here.
 *
 * Grade it with `npm run grade -- lfu`; stuck? `npm run hint -- lfu`.
 * Parameters start with `_` only so the stub compiles (unused parameters are errors in this
 * project): rename them when you use them.
 */

/** Called with the entry a full cache pushed out to make room. */
export type EvictionListener<K, V> = (key: K, value: V) => void;

/** A fixed-capacity cache that evicts the least frequently used entry (LRU among ties). */
export class LFUCache<K, V> {
  /**
   * TODO: validate `capacity` (RangeError unless a positive integer), keep it and `onEvict`,
   * and set up the key map, the per-count lists and `minFrequency`.
   */
  constructor(_capacity: number, _onEvict?: EvictionListener<K, V>) {
    throw notImplemented('the LFUCache constructor');
  }

  /** TODO: return the value for `key` and count one more use; `undefined` on a miss. */
  get(_key: K): V | undefined {
    throw notImplemented('LFUCache.get');
  }

  /**
   * TODO: a new key starts at 1 use; an existing key gets the new value and one more use.
   * Inserting a new key into a full cache first evicts the least frequently used key (the least
   * recently used among ties) and calls `onEvict` for it.
   */
  set(_key: K, _value: V): void {
    throw notImplemented('LFUCache.set');
  }

  /** TODO: true when `key` is cached. Not a use. */
  has(_key: K): boolean {
    throw notImplemented('LFUCache.has');
  }

  /** TODO: the value for `key`, or `undefined`. Not a use. */
  peek(_key: K): V | undefined {
    throw notImplemented('LFUCache.peek');
  }

  /** TODO: remove `key` and return true when it was cached. Deleting is not evicting: no `onEvict`. */
  delete(_key: K): boolean {
    throw notImplemented('LFUCache.delete');
  }

  /** TODO: the number of cached entries. */
  get size(): number {
    throw notImplemented('LFUCache.size');
  }

  /** TODO: the capacity given to the constructor. */
  get capacity(): number {
    throw notImplemented('LFUCache.capacity');
  }

  /** TODO: how many uses `key` has had, or `undefined` when it is not cached. */
  frequency(_key: K): number | undefined {
    throw notImplemented('LFUCache.frequency');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/lfu-cache.ts`);
}
