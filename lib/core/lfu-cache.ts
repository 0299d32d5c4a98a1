import { INITIAL_SLOTS, grownLength, growFloat64, growUint32 } from '../policies/grow';
import { KeyIndex } from '../policies/key-index';
import type { PolicyCache } from '../policies/policy-cache';
import { MAX_CACHE_ENTRIES, checkPolicyOptions, measureEntry, type PolicyCacheOptions } from '../policies/policy-options';
import { hitRate, type CacheStats } from './stats';

/**
 * Options for {@link LFUCache}: `{ capacity }` or `{ maxSize, sizeOf }`, plus `onEvict`, called
 * for each least frequently used entry a `set` pushes out.
 */
export type LFUCacheOptions<K, V> = PolicyCacheOptions<K, V>;

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
 * (creating it, or simply relabelling the bucket if the entry was alone in it). Entries and
 * buckets are nodes numbered in one space — a bucket's number is the sentinel node of its entry
 * list — linked through `Uint32Array`s that grow geometrically as the cache fills, so no
 * objects are allocated per operation and an empty cache with a huge capacity costs nothing.
 *
 * With `maxSize`/`sizeOf`, least frequently used entries are evicted until the new one fits;
 * an entry larger than `maxSize` is not stored (and an older value under its key is removed),
 * as in `lru-cache`. An overwrite that grows an entry may evict that very entry if it is then
 * the least frequently used.
 *
 * `get` and `set` count as uses; `has`, `peek` and `frequency` do not.
 */
export class LFUCache<K, V> implements PolicyCache<K, V> {
  /** Maximum number of entries (`Infinity` when bounded by `maxSize`). */
  readonly capacity: number;
  /** Maximum total size (equals `capacity` when counting entries). */
  readonly maxSize: number;

  private readonly index = new KeyIndex<K>();
  private keyList: (K | undefined)[] = [undefined];
  private valueList: (V | undefined)[] = [undefined];
  /** Entry-list links of every node (entries, and bucket sentinels: `next[bucket]` is its least recently used entry). */
  private next!: Uint32Array;
  private prev!: Uint32Array;
  /** Bucket of each entry node. */
  private bucketOf!: Uint32Array;
  /** Bucket-list links; node 0 is the sentinel, `bucketNext[0]` holds the lowest frequency. */
  private bucketNext!: Uint32Array;
  private bucketPrev!: Uint32Array;
  private bucketFrequency!: Float64Array;
  /** Entry sizes (only with `sizeOf`). */
  private sizes!: Uint32Array;
  private freeNodes: number[] = [];
  private highestNode = 0;
  private readonly entryLimit: number;
  private sizeTotal = 0;
  private readonly sizeOf: ((value: V, key: K) => number) | undefined;
  private readonly evictListener: ((key: K, value: V) => void) | undefined;
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and `maxSize`, or
   *   `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²³).
   */
  constructor(options: LFUCacheOptions<K, V>) {
    const checked = checkPolicyOptions(options);
    this.capacity = checked.capacity;
    this.maxSize = checked.maxSize;
    this.sizeOf = checked.sizeOf;
    this.evictListener = checked.onEvict;
    this.entryLimit = Math.min(this.capacity, MAX_CACHE_ENTRIES);
    this.allocateNodes();
  }

  /** Number of entries stored. */
  get size(): number {
    return this.index.size;
  }

  /** Total size of the entries stored (equals `size` when counting entries). */
  get totalSize(): number {
    return this.sizeOf === undefined ? this.index.size : this.sizeTotal;
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
   * starts at frequency 1, evicting least frequently used entries first until it fits
   * (`onEvict` is called once the new entry is in place). Returns the cache, for chaining.
   * @throws TypeError if `sizeOf` returns something other than a positive integer.
   */
  set(key: K, value: V): this {
    const size = this.sizeOf === undefined ? 1 : measureEntry(this.sizeOf, value, key);
    let slot = this.index.get(key);
    if (size > this.maxSize) {
      if (slot !== undefined) this.remove(slot, key);
      return this;
    }
    let evictedKeys: K[] | undefined;
    let evictedValues: V[] | undefined;
    if (slot !== undefined) {
      this.valueList[slot] = value;
      this.promote(slot);
      if (this.sizeOf === undefined) return this;
      this.sizeTotal += size - this.sizes[slot];
      this.sizes[slot] = size;
      while (this.sizeTotal > this.maxSize) [evictedKeys, evictedValues] = this.evictOne(evictedKeys, evictedValues);
    } else {
      while (this.index.size >= this.entryLimit || this.totalSize + size > this.maxSize) {
        [evictedKeys, evictedValues] = this.evictOne(evictedKeys, evictedValues);
      }
      slot = this.allocateNode();
      this.keyList[slot] = key;
      this.valueList[slot] = value;
      this.sizes[slot] = size;
      this.sizeTotal += size;
      this.index.set(key, slot);
      let first = this.bucketNext[0];
      if (first === 0 || this.bucketFrequency[first] !== 1) first = this.newBucketAfter(0, 1);
      this.append(first, slot);
    }
    if (evictedKeys !== undefined && this.evictListener !== undefined) {
      for (let i = 0; i < evictedKeys.length; i++) this.evictListener(evictedKeys[i], (evictedValues as V[])[i]);
    }
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
    this.remove(slot, key);
    return true;
  }

  /** Removes every entry (without calling `onEvict`); stats are kept — see {@link resetStats}. */
  clear(): void {
    this.index.clear();
    this.keyList = [undefined];
    this.valueList = [undefined];
    this.allocateNodes();
    this.freeNodes = [];
    this.highestNode = 0;
    this.sizeTotal = 0;
  }

  /**
   * Keys in reverse eviction order: highest frequency first, and within one frequency most
   * recently used first — so the next key to be evicted comes last.
   */
  *keys(): IterableIterator<K> {
    for (let bucket = this.bucketPrev[0]; bucket !== 0; bucket = this.bucketPrev[bucket]) {
      for (let slot = this.prev[bucket]; slot !== bucket; slot = this.prev[slot]) yield this.keyList[slot] as K;
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

  /** Evicts the least recently used entry of the lowest-frequency bucket, collecting it for the listener. */
  private evictOne(keys: K[] | undefined, values: V[] | undefined): [K[] | undefined, V[] | undefined] {
    const slot = this.next[this.bucketNext[0]];
    const key = this.keyList[slot] as K;
    if (this.evictListener !== undefined) {
      (keys ??= []).push(key);
      (values ??= []).push(this.valueList[slot] as V);
    }
    this.remove(slot, key);
    this.evictionCount++;
    return [keys, values];
  }

  private remove(slot: number, key: K): void {
    this.index.delete(key);
    this.detach(slot);
    this.sizeTotal -= this.sizes[slot];
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.freeNodes.push(slot);
  }

  /** Fresh, empty node arrays of the initial length (they grow as the cache fills). */
  private allocateNodes(): void {
    const length = Math.min(INITIAL_SLOTS, 2 * this.entryLimit) + 2;
    this.next = new Uint32Array(length);
    this.prev = new Uint32Array(length);
    this.bucketOf = new Uint32Array(length);
    this.bucketNext = new Uint32Array(length);
    this.bucketPrev = new Uint32Array(length);
    this.bucketFrequency = new Float64Array(length);
    this.sizes = new Uint32Array(length);
  }

  /** A node for an entry or a bucket: a freed one, or the next never-used one (growing the arrays). */
  private allocateNode(): number {
    if (this.freeNodes.length > 0) return this.freeNodes.pop() as number;
    const node = ++this.highestNode;
    if (node >= this.next.length) {
      const length = grownLength(this.next.length, node, 2 * this.entryLimit + 1);
      this.next = growUint32(this.next, length);
      this.prev = growUint32(this.prev, length);
      this.bucketOf = growUint32(this.bucketOf, length);
      this.bucketNext = growUint32(this.bucketNext, length);
      this.bucketPrev = growUint32(this.bucketPrev, length);
      this.bucketFrequency = growFloat64(this.bucketFrequency, length);
      this.sizes = growUint32(this.sizes, length);
    }
    this.keyList.push(undefined);
    this.valueList.push(undefined);
    return node;
  }

  /** Moves the entry in `slot` from its bucket (frequency f) to the bucket for f + 1. */
  private promote(slot: number): void {
    const bucket = this.bucketOf[slot];
    const frequency = this.bucketFrequency[bucket] + 1;
    const following = this.bucketNext[bucket];
    const alone = this.next[bucket] === slot && this.prev[bucket] === slot;
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
    if (this.next[bucket] !== bucket) return;
    const before = this.bucketPrev[bucket];
    const after = this.bucketNext[bucket];
    this.bucketNext[before] = after;
    this.bucketPrev[after] = before;
    this.freeNodes.push(bucket);
  }

  private unlink(slot: number): void {
    const newer = this.next[slot];
    const older = this.prev[slot];
    this.next[older] = newer;
    this.prev[newer] = older;
  }

  /** Links `slot` as the most recently used entry of `bucket`. */
  private append(bucket: number, slot: number): void {
    const newest = this.prev[bucket];
    this.next[newest] = slot;
    this.prev[slot] = newest;
    this.next[slot] = bucket;
    this.prev[bucket] = slot;
    this.bucketOf[slot] = bucket;
  }

  /** Takes a free node as a new bucket, gives it `frequency` and an empty entry list, and links it after `before`. */
  private newBucketAfter(before: number, frequency: number): number {
    const bucket = this.allocateNode();
    this.next[bucket] = bucket;
    this.prev[bucket] = bucket;
    this.bucketFrequency[bucket] = frequency;
    const after = this.bucketNext[before];
    this.bucketNext[before] = bucket;
    this.bucketPrev[bucket] = before;
    this.bucketNext[bucket] = after;
    this.bucketPrev[after] = bucket;
    return bucket;
  }
}
