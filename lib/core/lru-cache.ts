import { INITIAL_SLOTS, grownLength, growUint32 } from '../policies/grow';
import { KeyIndex } from '../policies/key-index';
import type { PolicyCache } from '../policies/policy-cache';
import { MAX_CACHE_ENTRIES, checkPolicyOptions, measureEntry, type PolicyCacheOptions } from '../policies/policy-options';
import { hitRate, type CacheStats } from './stats';

/**
 * Options for {@link LRUCache}: `{ capacity }` (entries) or `{ maxSize, sizeOf }` (total size,
 * as npm `lru-cache`'s `maxSize`/`sizeCalculation`), plus `onEvict`, called for each least
 * recently used entry a `set` pushes out.
 */
export type LRUCacheOptions<K, V> = PolicyCacheOptions<K, V>;

/** Marks "no key missed since the last write" (a value no caller can pass as a key). */
const NO_MISS: unique symbol = Symbol('no miss');

/**
 * A bounded least-recently-used cache with O(1) `get`, `set`, `has`, `peek` and `delete`.
 *
 * Layout (the same idea as npm `lru-cache`, without its optional features in the hot path):
 * each entry lives in a numbered slot; keys and values sit in two plain arrays, the recency
 * order is a circular doubly linked list of slot numbers in two `Uint32Array`s, and a
 * {@link KeyIndex} (a `Map`, with integer keys and short strings in tables of typed arrays) finds a key's slot.
 * Slot 0 is a sentinel, so linking and unlinking need no branches for "first" or "last". The arrays grow geometrically as entries arrive (an empty
 * cache with a capacity of millions costs nothing); once full, nothing is allocated per
 * operation: the evicted entry's slot is reused, and slots freed by `delete` go on a free stack.
 *
 * `get` and `set` mark an entry most recently used; `has` and `peek` do not.
 *
 * Sizes (`maxSize` with `sizeOf`): least recently used entries are evicted until the new one
 * fits; an entry larger than `maxSize` is not stored and an older value under its key is
 * removed (without `onEvict`) — `lru-cache`'s rule.
 *
 * The common get-or-set pattern costs one `Map` lookup less than it would: a `get` that misses
 * remembers the key, and a `set` of that same key right after skips the lookup.
 *
 * @example
 * const cache = new LRUCache<string, number>({ capacity: 2 });
 * cache.set('a', 1).set('b', 2);
 * cache.get('a');          // 1 — 'a' is now the most recently used
 * cache.set('c', 3);       // evicts 'b'
 * [...cache.keys()];       // ['c', 'a']
 */
export class LRUCache<K, V> implements PolicyCache<K, V> {
  /** Maximum number of entries (`Infinity` when bounded by `maxSize`). */
  readonly capacity: number;
  /** Maximum total size (equals `capacity` when counting entries). */
  readonly maxSize: number;

  private readonly index = new KeyIndex<K>();
  private keyList: (K | undefined)[] = [undefined];
  private valueList: (V | undefined)[] = [undefined];
  /** `next[slot]` is the next more recently used slot; `next[0]` is the least recently used. */
  private next: Uint32Array;
  /** `prev[slot]` is the next less recently used slot; `prev[0]` is the most recently used. */
  private prev: Uint32Array;
  /** Entry sizes (only with `sizeOf`). */
  private sizes: Uint32Array;
  private readonly slotLimit: number;
  private freeSlots: number[] = [];
  /** Highest slot handed out so far; slots above it have never been used. */
  private highestSlot = 0;
  private sizeTotal = 0;
  /** The key of the last `get` that missed, until the next write (see the class notes). */
  private missedKey: K | typeof NO_MISS = NO_MISS;
  private readonly sizeOf: ((value: V, key: K) => number) | undefined;
  private readonly evictListener: ((key: K, value: V) => void) | undefined;
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and
   *   `maxSize`, or `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²³,
   *   what V8's `Map` can hold while entries churn).
   */
  constructor(options: LRUCacheOptions<K, V>) {
    const checked = checkPolicyOptions(options);
    this.capacity = checked.capacity;
    this.maxSize = checked.maxSize;
    this.sizeOf = checked.sizeOf;
    this.evictListener = checked.onEvict;
    this.slotLimit = Math.min(this.capacity, MAX_CACHE_ENTRIES);
    const length = Math.min(INITIAL_SLOTS, this.slotLimit) + 1;
    this.next = new Uint32Array(length);
    this.prev = new Uint32Array(length);
    this.sizes = new Uint32Array(this.sizeOf === undefined ? 0 : length);
  }

  /** Number of entries stored. */
  get size(): number {
    return this.index.size;
  }

  /** Total size of the entries stored (equals `size` when counting entries). */
  get totalSize(): number {
    return this.sizeOf === undefined ? this.index.size : this.sizeTotal;
  }

  /** The value for `key` (marking it most recently used), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) {
      this.missCount++;
      this.missedKey = key;
      return undefined;
    }
    this.hitCount++;
    if (slot !== this.prev[0]) {
      this.unlink(slot);
      this.linkAsNewest(slot);
    }
    return this.valueList[slot];
  }

  /**
   * Stores `value` under `key` as the most recently used entry. When the cache is full and
   * `key` is new, the least recently used entry is evicted first (and `onEvict` is called once
   * the new entry is in place). Returns the cache, for chaining.
   * @throws TypeError if `sizeOf` returns something other than a positive integer.
   */
  set(key: K, value: V): this {
    if (this.sizeOf !== undefined) return this.setSized(key, value, measureEntry(this.sizeOf, value, key));
    const missed = key === this.missedKey;
    this.missedKey = NO_MISS;
    let slot = missed ? undefined : this.index.get(key);
    if (slot !== undefined) {
      this.valueList[slot] = value;
      if (slot !== this.prev[0]) {
        this.unlink(slot);
        this.linkAsNewest(slot);
      }
      return this;
    }
    if (this.index.size < this.capacity) {
      this.store(this.freshSlot(), key, value);
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
    this.remove(slot, key);
    return true;
  }

  /** Removes every entry (without calling `onEvict`); stats are kept — see {@link resetStats}. */
  clear(): void {
    this.index.clear();
    const length = Math.min(INITIAL_SLOTS, this.slotLimit) + 1;
    this.keyList = [undefined];
    this.valueList = [undefined];
    this.next = new Uint32Array(length);
    this.prev = new Uint32Array(length);
    this.sizes = new Uint32Array(this.sizeOf === undefined ? 0 : length);
    this.freeSlots = [];
    this.highestSlot = 0;
    this.sizeTotal = 0;
    this.missedKey = NO_MISS;
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

  /** `set` for a size-bounded cache: evict least recently used entries until `size` fits. */
  private setSized(key: K, value: V, size: number): this {
    this.missedKey = NO_MISS;
    let slot = this.index.get(key);
    if (size > this.maxSize) {
      if (slot !== undefined) this.remove(slot, key);
      return this;
    }
    if (slot !== undefined) {
      this.sizeTotal += size - this.sizes[slot];
      this.sizes[slot] = size;
      this.valueList[slot] = value;
      if (slot !== this.prev[0]) {
        this.unlink(slot);
        this.linkAsNewest(slot);
      }
    } else {
      slot = 0;
    }
    const evictedKeys: K[] = [];
    const evictedValues: V[] = [];
    // An overwritten entry is the newest, so it fits and is never its own victim.
    while (this.sizeTotal + (slot === 0 ? size : 0) > this.maxSize || (slot === 0 && this.index.size >= this.slotLimit)) {
      const victim = this.next[0];
      const victimKey = this.keyList[victim] as K;
      evictedKeys.push(victimKey);
      evictedValues.push(this.valueList[victim] as V);
      this.remove(victim, victimKey);
      this.evictionCount++;
    }
    if (slot === 0) {
      slot = this.freshSlot();
      this.sizes[slot] = size;
      this.sizeTotal += size;
      this.store(slot, key, value);
    }
    if (this.evictListener !== undefined) {
      for (let i = 0; i < evictedKeys.length; i++) this.evictListener(evictedKeys[i], evictedValues[i]);
    }
    return this;
  }

  /** A slot for a new entry: a freed one, or the next never-used one (growing the arrays). */
  private freshSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop() as number;
    const slot = ++this.highestSlot;
    if (slot >= this.next.length) {
      const length = grownLength(this.next.length, slot, this.slotLimit);
      this.next = growUint32(this.next, length);
      this.prev = growUint32(this.prev, length);
      if (this.sizeOf !== undefined) this.sizes = growUint32(this.sizes, length);
    }
    this.keyList.push(undefined);
    this.valueList.push(undefined);
    return slot;
  }

  private remove(slot: number, key: K): void {
    this.index.delete(key);
    this.unlink(slot);
    if (this.sizeOf !== undefined) this.sizeTotal -= this.sizes[slot];
    // Drop references so deleted values can be garbage collected.
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.freeSlots.push(slot);
    this.missedKey = NO_MISS;
  }

  private store(slot: number, key: K, value: V): void {
    this.keyList[slot] = key;
    this.valueList[slot] = value;
    this.index.set(key, slot);
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
