/**
 * Exercise: a SIEVE cache (Zhang et al., "SIEVE is Simpler than LRU", NSDI 2024).
 *
 * What to build
 *   `SieveCache<K, V>` holds at most `capacity` entries in one queue, from head (newest) to tail
 *   (oldest), each with a `visited` bit, plus a **hand** that points at one entry (or at nothing).
 *   - `get(key)` on a hit sets the entry's `visited` bit. Nothing moves: that is the point —
 *     a hit costs one write, no list surgery, unlike LRU.
 *   - `set(key, value)` of a new key inserts it at the **head**, unvisited. Updating an existing
 *     key replaces its value and marks it visited (it stays where it is).
 *   - When a new key arrives and the cache is full, evict first: start at the hand (or at the
 *     tail when the hand points at nothing) and walk towards the head; a visited entry has its
 *     bit cleared and is passed over; the first unvisited entry is evicted and `onEvict(key,
 *     value)` is called for it. Past the head, the walk wraps around to the tail.
 *   - The hand **stays where it stopped**: after an eviction it points at the entry just newer
 *     than the evicted one (towards the head), or at nothing when the evicted entry was the head.
 *     The next eviction continues from there. (Resetting it to the tail each time is a different,
 *     worse policy.)
 *   - `has` and `peek` only look (no visited bit); `delete` removes an entry without `onEvict`
 *     (if the hand pointed at it, move the hand to the next newer entry first).
 *
 * Data structures to consider
 *   A `Map` from key to node, and a doubly linked list of nodes `{ key, value, visited, newer,
 *   older }` with `head` and `tail` pointers; the hand is a node reference (or `undefined`).
 *   Every operation is then O(1) amortized: each step of the hand clears a bit that a hit set.
 *
 * Bad input
 *   `capacity` must be a positive integer; otherwise throw a `RangeError` naming `capacity`.
 *
 * Grade it with `npm run grade -- sieve`; stuck? `npm run hint -- sieve`. Chapter:
 * `notebooks/12-beyond-lru.ipynb`.
 * Parameters start with `_` only so the stub compiles (unused parameters are errors in this
 * project): rename them when you use them.
 */

/** Called with the entry a full cache pushed out to make room. */
export type EvictionListener<K, V> = (key: K, value: V) => void;

/** A fixed-capacity cache with SIEVE eviction: one FIFO queue, a visited bit, a moving hand. */
export class SieveCache<K, V> {
  /**
   * TODO: validate `capacity` (RangeError unless a positive integer), keep it and `onEvict`,
   * and set up your map, your queue and the hand.
   */
  constructor(_capacity: number, _onEvict?: EvictionListener<K, V>) {
    throw notImplemented('the SieveCache constructor');
  }

  /** TODO: return the value for `key` and set its visited bit; `undefined` on a miss. Moves nothing. */
  get(_key: K): V | undefined {
    throw notImplemented('SieveCache.get');
  }

  /**
   * TODO: update an existing key in place (new value, visited); or insert a new key at the head,
   * unvisited — evicting first with the hand when the cache is full, and calling `onEvict`.
   */
  set(_key: K, _value: V): void {
    throw notImplemented('SieveCache.set');
  }

  /** TODO: true when `key` is cached. Must not set the visited bit. */
  has(_key: K): boolean {
    throw notImplemented('SieveCache.has');
  }

  /** TODO: the value for `key`, or `undefined`. Must not set the visited bit. */
  peek(_key: K): V | undefined {
    throw notImplemented('SieveCache.peek');
  }

  /** TODO: remove `key` and return true when it was cached (no `onEvict`); keep the hand valid. */
  delete(_key: K): boolean {
    throw notImplemented('SieveCache.delete');
  }

  /** TODO: the number of cached entries. */
  get size(): number {
    throw notImplemented('SieveCache.size');
  }

  /** TODO: the capacity given to the constructor. */
  get capacity(): number {
    throw notImplemented('SieveCache.capacity');
  }

  /** TODO: the keys from head (newest) to tail (oldest) (this one may be O(n)). */
  keys(): K[] {
    throw notImplemented('SieveCache.keys');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/sieve-cache.ts`);
}
