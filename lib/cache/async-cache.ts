import { hitRate } from '../core/stats';

/** Counters every {@link AsyncCache} keeps. */
export interface AsyncCacheStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses), 0 before the first read. */
  hitRate: number;
  sets: number;
  deletes: number;
  /**
   * Operations that could not reach the cache and were degraded (fail-open: a read became a
   * miss, a write was skipped). Always 0 for an in-process cache.
   */
  warnings: number;
}

/**
 * The async cache surface the patterns work over, implemented in-process
 * ({@link MemoryAsyncCache}) and by Redis ({@link RedisCache}). Keys are strings; values must
 * survive a JSON round trip so both implementations behave alike.
 */
export interface AsyncCache<V = unknown> {
  /** A short label for logs ("memory", "redis"). */
  readonly kind: string;
  /** The cached value, or `undefined` on a miss (including an expired entry). */
  get(key: string): Promise<V | undefined>;
  /** Several values in one round trip, in the order of `keys`. */
  getMany(keys: readonly string[]): Promise<Array<V | undefined>>;
  /**
   * Stores `value` for `ttlMs` (default: the cache's default TTL). Resolves to `false` when a
   * fail-open cache could not store it (the key is then guaranteed not to serve an older value).
   */
  set(key: string, value: V, ttlMs?: number): Promise<boolean>;
  /** Removes a key; resolves to whether an entry was removed. */
  delete(key: string): Promise<boolean>;
  /** Removes every key starting with `prefix`; resolves to how many were removed. */
  deleteByPrefix(prefix: string): Promise<number>;
  /** Removes every entry (of this cache's namespace); the counters are kept. */
  clear(): Promise<void>;
  /** Number of live entries (of this cache's namespace). */
  size(): Promise<number>;
  /** A snapshot of the counters. */
  stats(): AsyncCacheStats;
}

/** Builds a stats snapshot with its hit rate. */
export function statsSnapshot(counts: Omit<AsyncCacheStats, 'hitRate'>): AsyncCacheStats {
  return { ...counts, hitRate: hitRate(counts.hits, counts.misses) };
}
