import { BoundedCacheOptions, checkBoundedOptions } from './options';
import { hitRate, type CacheStats } from './stats';

/** Options for {@link LFUCache}: `onEvict` is called for the least frequently used entry a full cache pushes out. */
export type LFUCacheOptions<K, V> = BoundedCacheOptions<K, V>;

/** Largest capacity the `Uint32Array` links can address (two nodes per entry). */
const MAX_CAPACITY = 0x7ffffffe;

/**
 * A bounded least-frequently-used cache with O(1) operations.
 *
 * Every entry has a use count (`frequency`): 1 when inserted, +1 on each `get` hit and each
 * `set` of an existing key. When full, the entry with the lowest count is evicted; among equal
 * counts, the one used least recently goes first.
 *
 * Layout: entries are grouped into one bucket per distinct frequency; buckets form a list in
 * ascending frequency (so the minimum is always the first bucket), and each bucket holds its
 * entries in a list from least to most recently used. A use moves an entry to the next bucket
 * (creating it, or simply relabelling the bucket if the entry was alone in it). All links are
 * slot numbers in `Uint32Array`s — circular lists with sentinels, as in {@link LRUCache} — so
 * no objects are allocated per operation.
 *
 * `get` and `set` count as uses; `has`, `peek` and `frequency` do not.
 */
export class LFUCache<K, V> {
  /** Maximum number of entries. */
  readonly capacity: number;

  private readonly index = new Map<K, number>();
  private readonly keyList: (K | undefined)[];
  private readonly valueList: (V | undefined)[];
  /**
   * Entry-list links. Nodes `1..capacity` are entries; node `sentinelBase + b` is the sentinel
   * of bucket `b`'s entry list (its `next` is the bucket's least recently used entry).
   */
  private readonly next: Uint32Array;
  private readonly prev: Uint32Array;
  private readonly sentinelBase: number;
  /** Bucket of each entry slot. */
  private readonly bucketOf: Uint32Array;
  /** Bucket-list links; bucket 0 is the sentinel, `bucketNext[0]` holds the lowest frequency. */
  private readonly bucketNext: Uint32Array;
  private readonly bucketPrev: Uint32Array;
  private readonly bucketFrequency: Float64Array;
  private readonly freeSlots: Uint32Array;
  private freeSlotCount = 0;
  private highestSlot = 0;
  private readonly freeBuckets: Uint32Array;
  private freeBucketCount = 0;
  private highestBucket = 0;
  private readonly evictListener: ((key: K, value: V) => void) | undefined;
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;

  /**
   * @throws TypeError if `options` is not an object or `onEvict` is not a function.
   * @throws RangeError if `capacity` is not a positive integer (≤ 2³¹ − 2).
   */
  constructor(options: LFUCacheOptions<K, V>) {
    const { capacity, onEvict } = checkBoundedOptions(options, MAX_CAPACITY);
    this.capacity = capacity;
    this.evictListener = onEvict;
    this.keyList = new Array<K | undefined>(capacity + 1).fill(undefined);
    this.valueList = new Array<V | undefined>(capacity + 1).fill(undefined);
    this.sentinelBase = capacity + 1;
    this.next = new Uint32Array(2 * capacity + 2);
    this.prev = new Uint32Array(2 * capacity + 2);
    this.bucketOf = new Uint32Array(capacity + 1);
    this.bucketNext = new Uint32Array(capacity + 1);
    this.bucketPrev = new Uint32Array(capacity + 1);
    this.bucketFrequency = new Float64Array(capacity + 1);
    this.freeSlots = new Uint32Array(capacity);
    this.freeBuckets = new Uint32Array(capacity);
  }

  /** Number of entries stored. */
  get size(): number {
    return this.index.size;
  }

  /** The value for `key` (counting a use), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    this.promote(slot);
    return this.valueList[slot];
  }

  /**
   * Stores `value` under `key`. An existing key gets the new value and counts a use; a new key
   * starts at frequency 1, evicting the least frequently used entry first if the cache is full
   * (`onEvict` is called once the new entry is in place). Returns the cache, for chaining.
   */
  set(key: K, value: V): this {
    let slot = this.index.get(key);
    if (slot !== undefined) {
      this.valueList[slot] = value;
      this.promote(slot);
      return this;
    }
    let evictedKey: K | undefined;
    let evictedValue: V | undefined;
    const evicting = this.index.size >= this.capacity;
    if (evicting) {
      slot = this.next[this.sentinelBase + this.bucketNext[0]];
      evictedKey = this.keyList[slot] as K;
      evictedValue = this.valueList[slot] as V;
      this.index.delete(evictedKey);
      this.detach(slot);
      this.evictionCount++;
    } else {
      slot = this.freeSlotCount > 0 ? this.freeSlots[--this.freeSlotCount] : ++this.highestSlot;
    }
    this.keyList[slot] = key;
    this.valueList[slot] = value;
    this.index.set(key, slot);
    let first = this.bucketNext[0];
    if (first === 0 || this.bucketFrequency[first] !== 1) first = this.newBucketAfter(0, 1);
    this.append(first, slot);
    if (evicting && this.evictListener !== undefined) this.evictListener(evictedKey as K, evictedValue as V);
    return this;
  }

  /** Whether `key` is stored; does not count a use. */
  has(key: K): boolean {
    return this.index.has(key);
  }

  /** The value for `key` without counting a use. */
  peek(key: K): V | undefined {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.valueList[slot];
  }

  /** How many times `key` has been used (inserted, read or overwritten); 0 if absent. */
  frequency(key: K): number {
    const slot = this.index.get(key);
    return slot === undefined ? 0 : this.bucketFrequency[this.bucketOf[slot]];
  }

  /** Removes `key`; returns whether it was stored. Does not call `onEvict`. */
  delete(key: K): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    this.index.delete(key);
    this.detach(slot);
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.freeSlots[this.freeSlotCount++] = slot;
    return true;
  }

  /** Removes every entry (without calling `onEvict`); stats are kept — see {@link resetStats}. */
  clear(): void {
    this.index.clear();
    this.keyList.fill(undefined);
    this.valueList.fill(undefined);
    this.bucketNext[0] = 0;
    this.bucketPrev[0] = 0;
    this.freeSlotCount = 0;
    this.highestSlot = 0;
    this.freeBucketCount = 0;
    this.highestBucket = 0;
  }

  /**
   * Keys in reverse eviction order: highest frequency first, and within one frequency most
   * recently used first — so the next key to be evicted comes last.
   */
  *keys(): IterableIterator<K> {
    for (let bucket = this.bucketPrev[0]; bucket !== 0; bucket = this.bucketPrev[bucket]) {
      const sentinel = this.sentinelBase + bucket;
      for (let slot = this.prev[sentinel]; slot !== sentinel; slot = this.prev[slot]) yield this.keyList[slot] as K;
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

  /** Moves the entry in `slot` from its bucket (frequency f) to the bucket for f + 1. */
  private promote(slot: number): void {
    const bucket = this.bucketOf[slot];
    const frequency = this.bucketFrequency[bucket] + 1;
    const following = this.bucketNext[bucket];
    const sentinel = this.sentinelBase + bucket;
    const alone = this.next[sentinel] === slot && this.prev[sentinel] === slot;
    if (following !== 0 && this.bucketFrequency[following] === frequency) {
      this.detach(slot);
      this.append(following, slot);
    } else if (alone) {
      // The bucket holds only this entry and f + 1 is free: relabel instead of moving.
      this.bucketFrequency[bucket] = frequency;
    } else {
      this.unlink(slot);
      this.append(this.newBucketAfter(bucket, frequency), slot);
    }
  }

  /** Unlinks `slot` from its bucket and frees the bucket if that left it empty. */
  private detach(slot: number): void {
    this.unlink(slot);
    const bucket = this.bucketOf[slot];
    const sentinel = this.sentinelBase + bucket;
    if (this.next[sentinel] !== sentinel) return;
    const before = this.bucketPrev[bucket];
    const after = this.bucketNext[bucket];
    this.bucketNext[before] = after;
    this.bucketPrev[after] = before;
    this.freeBuckets[this.freeBucketCount++] = bucket;
  }

  private unlink(slot: number): void {
    const newer = this.next[slot];
    const older = this.prev[slot];
    this.next[older] = newer;
    this.prev[newer] = older;
  }

  /** Links `slot` as the most recently used entry of `bucket`. */
  private append(bucket: number, slot: number): void {
    const sentinel = this.sentinelBase + bucket;
    const newest = this.prev[sentinel];
    this.next[newest] = slot;
    this.prev[slot] = newest;
    this.next[slot] = sentinel;
    this.prev[sentinel] = slot;
    this.bucketOf[slot] = bucket;
  }

  /** Takes a free bucket, gives it `frequency` and an empty entry list, and links it after `before`. */
  private newBucketAfter(before: number, frequency: number): number {
    const bucket = this.freeBucketCount > 0 ? this.freeBuckets[--this.freeBucketCount] : ++this.highestBucket;
    const sentinel = this.sentinelBase + bucket;
    this.next[sentinel] = sentinel;
    this.prev[sentinel] = sentinel;
    this.bucketFrequency[bucket] = frequency;
    const after = this.bucketNext[before];
    this.bucketNext[before] = bucket;
    this.bucketPrev[bucket] = before;
    this.bucketNext[bucket] = after;
    this.bucketPrev[after] = bucket;
    return bucket;
  }
}
