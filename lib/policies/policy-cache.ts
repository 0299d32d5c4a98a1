import type { CacheStats } from '../core/stats';

/**
 * The surface every bounded cache in the library shares (LRUCache, LFUCache and each policy in
 * `lib/policies/`), so applications, the simulator, benchmarks and the contract test suite can
 * swap one policy for another.
 */
export interface PolicyCache<K, V> {
  /** Maximum number of entries (`Infinity` when the cache is bounded by `maxSize`). */
  readonly capacity: number;
  /** Maximum total size (equals `capacity` for a count-bounded cache: each entry weighs 1). */
  readonly maxSize: number;
  /** Number of entries stored. */
  readonly size: number;
  /** Total size of the entries stored (equals `size` for a count-bounded cache). */
  readonly totalSize: number;
  /** The value for `key`, or `undefined` on a miss; counts a hit or a miss and may update the policy's state. */
  get(key: K): V | undefined;
  /** Stores `value` under `key`, evicting as the policy says; returns the cache. */
  set(key: K, value: V): this;
  /** Whether `key` is stored; no effect on the policy or stats. */
  has(key: K): boolean;
  /** The value for `key`; no effect on the policy or stats. */
  peek(key: K): V | undefined;
  /** Removes `key` (without calling `onEvict`); returns whether it was stored. */
  delete(key: K): boolean;
  /** Removes every entry (without calling `onEvict`); stats are kept. */
  clear(): void;
  /** The stored keys, in the policy's order (documented by each cache). */
  keys(): IterableIterator<K>;
  /** A snapshot of hits, misses, hit rate, size and evictions. */
  stats(): CacheStats;
  /** Zeroes hits, misses and evictions (entries are kept). */
  resetStats(): void;
}
