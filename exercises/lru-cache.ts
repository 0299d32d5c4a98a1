/**
 * Exercise: an LRU (least recently used) cache with O(1) operations.
 *
 * What to build
 *   `LRUCache<K, V>` holds at most `capacity` entries. Reading (`get`) or writing (`set`) a key
 *   makes it the most recently used. When a new key arrives and the cache is full, the least
 *   recently used entry is evicted and `onEvict(key, value)` is called for it.
 *
 * Data structures to consider
 *   The classic design is a hash map from key to node, plus a doubly linked list of nodes in
 *   recency order (most recently used at one end, the next victim at the other). The map finds
 *   a node in O(1); relinking its neighbours moves or removes it in O(1).
 *   Careful with shortcuts: arrays (`indexOf`, `splice`) are O(n); and using a `Map`'s insertion
 *   order as the recency list looks O(1) but slows down as the cache grows (V8 keeps deleted
 *   entries as tombstones that `keys().next()` walks over). The grader measures this.
 *
 * Bad input
 *   `capacity` must be a positive integer; otherwise throw a `RangeError` naming `capacity`.
 *
 * Not the same API as the library's LRUCache (`cachecraft`, used in the chapters)
 *   - the constructor takes positional arguments, `new LRUCache(capacity, onEvict)`; the
 *     library's takes an options object, `new LRUCache({ capacity, onEvict })`;
 *   - `set` returns nothing (the library's returns the cache, for chaining);
 *   - `keys()` returns an array (the library's returns an iterator), and there is no `stats()`,
 *     `resetStats()` or `entries()` here.
 *
 * Grade it with `npm run grade -- lru`; stuck? `npm run hint -- lru`.
 * Parameters start with `_` only so the stub compiles (unused parameters are errors in this
 * project): rename them when you use them.
 */

/** Called with the entry a full cache pushed out to make room. */
export type EvictionListener<K, V> = (key: K, value: V) => void;

/** A fixed-capacity cache that evicts the least recently used entry when full. */
export class LRUCache<K, V> {
  /**
   * TODO: validate `capacity` (RangeError unless a positive integer), keep it and `onEvict`,
   * and set up your map and your recency list.
   */
  constructor(_capacity: number, _onEvict?: EvictionListener<K, V>) {
    throw notImplemented('the LRUCache constructor');
  }

  /** TODO: return the value for `key` and make it the most recently used; `undefined` on a miss. */
  get(_key: K): V | undefined {
    throw notImplemented('LRUCache.get');
  }

  /**
   * TODO: insert or update `key`; either way it becomes the most recently used. Inserting a new
   * key into a full cache first evicts the least recently used entry and calls `onEvict` for it.
   */
  set(_key: K, _value: V): void {
    throw notImplemented('LRUCache.set');
  }

  /** TODO: true when `key` is cached. Must not change recency. */
  has(_key: K): boolean {
    throw notImplemented('LRUCache.has');
  }

  /** TODO: the value for `key`, or `undefined`. Must not change recency. */
  peek(_key: K): V | undefined {
    throw notImplemented('LRUCache.peek');
  }

  /** TODO: remove `key` and return true when it was cached. Deleting is not evicting: no `onEvict`. */
  delete(_key: K): boolean {
    throw notImplemented('LRUCache.delete');
  }

  /** TODO: the number of cached entries. */
  get size(): number {
    throw notImplemented('LRUCache.size');
  }

  /** TODO: the capacity given to the constructor. */
  get capacity(): number {
    throw notImplemented('LRUCache.capacity');
  }

  /** TODO: the keys from most to least recently used (this one may be O(n)). */
  keys(): K[] {
    throw notImplemented('LRUCache.keys');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/lru-cache.ts`);
}
