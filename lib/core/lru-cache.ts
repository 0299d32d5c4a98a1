import { BoundedCacheOptions, checkBoundedOptions } from './options';
import { hitRate, type CacheStats } from './stats';

/** Options for {@link LRUCache}: `onEvict` is called for the least recently used entry a full cache pushes out. */
export type LRUCacheOptions<K, V> = BoundedCacheOptions<K, V>;

/** Largest capacity the `Uint32Array` links can address (slot 0 is the list sentinel). */
const MAX_CAPACITY = 0xfffffffe;

/**
 * A bounded least-recently-used cache with O(1) `get`, `set`, `has`, `peek` and `delete`.
 *
 * Layout (the same idea as npm `lru-cache`, without its optional features in the hot path):
 * each entry lives in a numbered slot; keys and values sit in two plain arrays, the recency
 * order is a circular doubly linked list of slot numbers in two `Uint32Array`s, and a
 * `Map<K, slot>` finds a key's slot. Slot 0 is a sentinel, so linking and unlinking need no
 * branches for "first" or "last". Nothing is allocated per operation once the cache is full:
 * the evicted entry's slot is reused; slots freed by `delete` go on a free stack.
 *
 * `get` and `set` mark an entry most recently used; `has` and `peek` do not.
 *
 * @example
 * const cache = new LRUCache<string, number>({ capacity: 2 });
 * cache.set('a', 1).set('b', 2);
 * cache.get('a');          // 1 — 'a' is now the most recently used
 * cache.set('c', 3);       // evicts 'b'
 * [...cache.keys()];       // ['c', 'a']
 */
export class LRUCache<K, V> {
  /** Maximum number of entries. */
  readonly capacity: number;

  private readonly index = new Map<K, number>();
  private readonly keyList: (K | undefined)[];
  private readonly valueList: (V | undefined)[];
  /** `next[slot]` is the next more recently used slot; `next[0]` is the least recently used. */
  private readonly next: Uint32Array;
  /** `prev[slot]` is the next less recently used slot; `prev[0]` is the most recently used. */
  private readonly prev: Uint32Array;
  private readonly freeSlots: Uint32Array;
  private freeCount = 0;
  /** Highest slot handed out so far; slots above it have never been used. */
  private highestSlot = 0;
  private readonly evictListener: ((key: K, value: V) => void) | undefined;
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;

  /**
   * @throws TypeError if `options` is not an object or `onEvict` is not a function.
   * @throws RangeError if `capacity` is not a positive integer (≤ 2³² − 2).
   */
  constructor(options: LRUCacheOptions<K, V>) {
    const { capacity, onEvict } = checkBoundedOptions(options, MAX_CAPACITY);
    this.capacity = capacity;
    this.evictListener = onEvict;
    this.keyList = new Array<K | undefined>(capacity + 1).fill(undefined);
    this.valueList = new Array<V | undefined>(capacity + 1).fill(undefined);
    this.next = new Uint32Array(capacity + 1);
    this.prev = new Uint32Array(capacity + 1);
    this.freeSlots = new Uint32Array(capacity);
  }

  /** Number of entries stored. */
  get size(): number {
    return this.index.size;
  }

  /** The value for `key` (marking it most recently used), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    this.touch(slot);
    return this.valueList[slot];
  }

  /**
   * Stores `value` under `key` as the most recently used entry. When the cache is full and
   * `key` is new, the least recently used entry is evicted first (and `onEvict` is called once
   * the new entry is in place). Returns the cache, for chaining.
   */
  set(key: K, value: V): this {
    let slot = this.index.get(key);
    if (slot !== undefined) {
      this.valueList[slot] = value;
      this.touch(slot);
      return this;
    }
    if (this.index.size < this.capacity) {
      slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : ++this.highestSlot;
      this.store(slot, key, value);
      return this;
    }
    slot = this.next[0];
    const evictedKey = this.keyList[slot] as K;
    const evictedValue = this.valueList[slot] as V;
    this.index.delete(evictedKey);
    this.unlink(slot);
    this.evictionCount++;
    this.store(slot, key, value);
    // Called last so a listener that reads or writes the cache sees a consistent state.
    if (this.evictListener !== undefined) this.evictListener(evictedKey, evictedValue);
    return this;
  }

  /** Whether `key` is stored; does not change recency or stats. */
  has(key: K): boolean {
    return this.index.has(key);
  }

  /** The value for `key` without changing recency or stats. */
  peek(key: K): V | undefined {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.valueList[slot];
  }

  /** Removes `key`; returns whether it was stored. Does not call `onEvict`. */
  delete(key: K): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    this.index.delete(key);
    this.unlink(slot);
    // Drop references so deleted values can be garbage collected.
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    return true;
  }

  /** Removes every entry (without calling `onEvict`); stats are kept — see {@link resetStats}. */
  clear(): void {
    this.index.clear();
    this.keyList.fill(undefined);
    this.valueList.fill(undefined);
    this.next[0] = 0;
    this.prev[0] = 0;
    this.freeCount = 0;
    this.highestSlot = 0;
  }

  /** Keys from most to least recently used. */
  *keys(): IterableIterator<K> {
    for (let slot = this.prev[0]; slot !== 0; slot = this.prev[slot]) yield this.keyList[slot] as K;
  }

  /** `[key, value]` pairs from most to least recently used. */
  *entries(): IterableIterator<[K, V]> {
    for (let slot = this.prev[0]; slot !== 0; slot = this.prev[slot]) {
      yield [this.keyList[slot] as K, this.valueList[slot] as V];
    }
  }

  /** A snapshot of the counters. */
  stats(): CacheStats {
    return {
      hits: this.hitCount,
      misses: this.missCount,
      hitRate: hitRate(this.hitCount, this.missCount),
      size: this.index.size,
      evictions: this.evictionCount,
    };
  }

  /** Zeroes hits, misses and evictions (entries are kept). */
  resetStats(): void {
    this.hitCount = 0;
    this.missCount = 0;
    this.evictionCount = 0;
  }

  private store(slot: number, key: K, value: V): void {
    this.keyList[slot] = key;
    this.valueList[slot] = value;
    this.index.set(key, slot);
    this.linkAsNewest(slot);
  }

  private touch(slot: number): void {
    if (slot === this.prev[0]) return;
    this.unlink(slot);
    this.linkAsNewest(slot);
  }

  private unlink(slot: number): void {
    const newer = this.next[slot];
    const older = this.prev[slot];
    this.next[older] = newer;
    this.prev[newer] = older;
  }

  private linkAsNewest(slot: number): void {
    const newest = this.prev[0];
    this.next[newest] = slot;
    this.prev[slot] = newest;
    this.next[slot] = 0;
    this.prev[0] = slot;
  }
}
