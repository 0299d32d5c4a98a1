import { hitRate, type CacheStats } from '../core/stats';
import { MAX_CACHE_ENTRIES, checkPolicyOptions, measureEntry, type PolicyCacheOptions } from './policy-options';
import type { PolicyCache } from './policy-cache';
import { SlotTable } from './slot-table';

/** Marks "no key missed since the last write" (a value no caller can pass as a key). */
export const NO_MISS: unique symbol = Symbol('no miss');

/**
 * What FIFO, CLOCK, SIEVE and S3-FIFO have in common: a {@link SlotTable}, the size rules and
 * the stats. Each subclass defines its own `get` (the hot path stays monomorphic per class) and
 * the policy hooks: what a hit does, where a new entry goes, which entry an eviction removes.
 *
 * Size rules (npm `lru-cache`'s): an entry whose size exceeds `maxSize` is not stored, and an
 * older value under its key is removed (without `onEvict`). Otherwise entries are evicted until
 * the new one fits, then it is inserted (libCacheSim's order: evict first, insert after).
 *
 * The get-or-set pattern costs one `Map` lookup less: a `get` that misses remembers the key,
 * and a `set` of that key right after, with no write in between, skips the lookup.
 */
export abstract class QueueCache<K, V> implements PolicyCache<K, V> {
  /** Maximum number of entries (`Infinity` when bounded by `maxSize`). */
  readonly capacity: number;
  /** Maximum total size (equals `capacity` when counting entries). */
  readonly maxSize: number;
  protected readonly table: SlotTable<K, V>;
  protected readonly sizeOf: ((value: V, key: K) => number) | undefined;
  protected readonly entryLimit: number;
  protected hitCount = 0;
  protected missCount = 0;
  /** The key of the last `get` that missed, until the next write. */
  protected missedKey: K | typeof NO_MISS = NO_MISS;

  /**
   * @param queues - how many queues the policy keeps in its table.
   * @param ghostShare - for a policy with a ghost (its last queue): how many keys the ghost
   *   may remember, as a share of `maxSize` (its slots are reserved beyond the entries').
   * @throws TypeError / RangeError as {@link checkPolicyOptions}.
   */
  protected constructor(options: PolicyCacheOptions<K, V>, queues: number, ghostShare = 0) {
    const checked = checkPolicyOptions(options);
    this.capacity = checked.capacity;
    this.maxSize = checked.maxSize;
    this.sizeOf = checked.sizeOf;
    this.entryLimit = Math.min(checked.capacity, MAX_CACHE_ENTRIES);
    const ghostSlots = Math.min(Math.floor(checked.maxSize * ghostShare), MAX_CACHE_ENTRIES);
    this.table = new SlotTable<K, V>(queues, this.entryLimit, checked.onEvict, checked.sizeOf !== undefined, ghostSlots);
  }

  /** Number of entries stored. */
  get size(): number {
    return this.table.count;
  }

  /** Total size of the entries stored (equals `size` when counting entries). */
  get totalSize(): number {
    return this.table.totalSize;
  }

  abstract get(key: K): V | undefined;

  /**
   * Stores `value` under `key`. A new key is inserted as the policy says, after evicting until
   * it fits (`onEvict` is called for each evicted entry once the new one is in place); an
   * existing key gets the new value and counts as an access. Returns the cache, for chaining.
   * @throws TypeError if `sizeOf` returns something other than a positive integer.
   */
  set(key: K, value: V): this {
    const size = this.sizeOf === undefined ? 1 : measureEntry(this.sizeOf, value, key);
    const table = this.table;
    const slot = key === this.missedKey ? undefined : table.slotOf(key);
    this.missedKey = NO_MISS;
    if (slot !== undefined) {
      if (size > this.maxSize) {
        this.beforeRemove(slot);
        table.remove(slot);
        return this;
      }
      const growth = size - table.size(slot);
      table.update(slot, value, size);
      if (growth !== 0) this.resized(slot, growth);
      this.onAccess(slot);
      while (table.totalSize > this.maxSize) this.evictOne();
    } else {
      if (!this.admits(key, size) || size > this.maxSize) return this;
      while (table.count >= this.entryLimit || table.totalSize + size > this.maxSize) this.evictOne();
      this.insertNew(key, value, size);
    }
    table.flushEvictions();
    return this;
  }

  /** Whether `key` is stored; does not change the policy's state or stats. */
  has(key: K): boolean {
    return this.table.slotOf(key) !== undefined;
  }

  /** The value for `key` without changing the policy's state or stats. */
  peek(key: K): V | undefined {
    const slot = this.table.slotOf(key);
    return slot === undefined ? undefined : this.table.valueList[slot];
  }

  /** Removes `key`; returns whether it was stored. Does not call `onEvict`. */
  delete(key: K): boolean {
    const slot = this.table.slotOf(key);
    if (slot === undefined) return false;
    this.missedKey = NO_MISS;
    this.beforeRemove(slot);
    this.table.remove(slot);
    return true;
  }

  /** Removes every entry (without calling `onEvict`); stats are kept — see {@link resetStats}. */
  clear(): void {
    this.missedKey = NO_MISS;
    this.table.clear();
    this.afterClear();
  }

  /** Keys in the policy's order (see the subclass). */
  abstract keys(): IterableIterator<K>;

  /** A snapshot of the counters. */
  stats(): CacheStats {
    return {
      hits: this.hitCount,
      misses: this.missCount,
      hitRate: hitRate(this.hitCount, this.missCount),
      size: this.table.count,
      evictions: this.table.evictions,
    };
  }

  /** Zeroes hits, misses and evictions (entries are kept). */
  resetStats(): void {
    this.hitCount = 0;
    this.missCount = 0;
    this.table.evictions = 0;
  }

  /** What a hit (or an overwrite) does to the entry in `slot`. */
  protected abstract onAccess(slot: number): void;

  /** Stores a new key once room was made: allocates its slot and links it where the policy says. */
  protected abstract insertNew(key: K, value: V, size: number): void;

  /** Evicts one entry (moving others as the policy says) — called only when the cache holds entries. */
  protected abstract evictOne(): void;

  /**
   * Whether a new `key` of `size` is made room for; default yes. S3-FIFO takes the key out of
   * its ghost here, and refuses entries larger than its small queue.
   */
  protected admits(_key: K, _size: number): boolean {
    return true;
  }

  /** Runs after an overwrite changed the size of the entry in `slot` by `growth` (S3-FIFO keeps per-queue totals). */
  protected resized(_slot: number, _growth: number): void {}

  /** Runs before `delete` removes the entry in `slot` (SIEVE moves its hand off it). */
  protected beforeRemove(_slot: number): void {}

  /** Runs after `clear` (reset hands, flags). */
  protected afterClear(): void {}
}
