import { Clock } from '../core/clock';
import { TTLCache } from '../core/ttl-cache';
import { assertPositiveDuration } from '../core/validate';
import { AsyncCache, AsyncCacheStats, statsSnapshot } from './async-cache';
import { decodeJson, encodeJson } from './json-codec';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** Options for {@link MemoryAsyncCache}. */
export interface MemoryAsyncCacheOptions {
  /** TTL when `set` gets none, in ms (default 60 000). */
  defaultTtlMs?: number;
  /** Most entries; the least recently used goes first beyond it (default unbounded). */
  capacity?: number;
  /** Clock for expiry; inject a `ManualClock`'s `now` in tests. */
  now?: Clock;
  /**
   * Store values as JSON text and hand out fresh copies (default true), exactly like Redis:
   * a caller mutating a returned object cannot change the cache, and a value that would not
   * survive Redis is refused here too. `false` stores references (faster, aliasing).
   */
  copyValues?: boolean;
}

/**
 * The in-process {@link AsyncCache}: the library's {@link TTLCache} behind the async surface the
 * patterns use, so the same pattern code runs over memory or Redis.
 */
export class MemoryAsyncCache<V = unknown> implements AsyncCache<V> {
  readonly kind = 'memory';
  private readonly entries: TTLCache<string, unknown>;
  private readonly copyValues: boolean;
  private counts = { hits: 0, misses: 0, sets: 0, deletes: 0, warnings: 0 };

  constructor(options: MemoryAsyncCacheOptions = {}) {
    const defaultTtlMs = options.defaultTtlMs ?? DEFAULT_TTL_MS;
    assertPositiveDuration('defaultTtlMs', defaultTtlMs);
    this.entries = new TTLCache({ defaultTtlMs, capacity: options.capacity, now: options.now });
    this.copyValues = options.copyValues ?? true;
  }

  /** {@inheritDoc AsyncCache.get} */
  async get(key: string): Promise<V | undefined> {
    return this.read(key);
  }

  /** {@inheritDoc AsyncCache.getMany} */
  async getMany(keys: readonly string[]): Promise<Array<V | undefined>> {
    return keys.map((key) => this.read(key));
  }

  /** {@inheritDoc AsyncCache.set} */
  async set(key: string, value: V, ttlMs?: number): Promise<boolean> {
    if (ttlMs !== undefined) assertPositiveDuration('ttlMs', ttlMs);
    this.entries.set(key, this.copyValues ? encodeJson(value) : value, ttlMs);
    this.counts.sets++;
    return true;
  }

  /** Stores several entries (same surface as {@link RedisCache.setMany}). */
  async setMany(entries: ReadonlyArray<readonly [string, V]>, ttlMs?: number): Promise<boolean> {
    for (const [key, value] of entries) await this.set(key, value, ttlMs);
    return true;
  }

  /** {@inheritDoc AsyncCache.delete} */
  async delete(key: string): Promise<boolean> {
    const removed = this.entries.delete(key);
    if (removed) this.counts.deletes++;
    return removed;
  }

  /** {@inheritDoc AsyncCache.deleteByPrefix} */
  async deleteByPrefix(prefix: string): Promise<number> {
    const doomed = [...this.entries.keys()].filter((key) => key.startsWith(prefix));
    let removed = 0;
    for (const key of doomed) if (this.entries.delete(key)) removed++;
    this.counts.deletes += removed;
    return removed;
  }

  /** {@inheritDoc AsyncCache.clear} */
  async clear(): Promise<void> {
    this.entries.clear();
  }

  /** {@inheritDoc AsyncCache.size} */
  async size(): Promise<number> {
    return this.entries.size;
  }

  /** {@inheritDoc AsyncCache.stats} */
  stats(): AsyncCacheStats {
    return statsSnapshot(this.counts);
  }

  /** Zeroes the counters. */
  resetStats(): void {
    this.counts = { hits: 0, misses: 0, sets: 0, deletes: 0, warnings: 0 };
  }

  private read(key: string): V | undefined {
    const stored = this.entries.get(key);
    if (stored === undefined) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    return this.copyValues ? decodeJson<V>(stored as string) : (stored as V);
  }
}
