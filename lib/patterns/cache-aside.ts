import { assertFunction, assertPositiveDuration } from '../core/validate';
import { AsyncCache } from '../cache/async-cache';
import { StaleCacheError } from './errors';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** Options for {@link CacheAside}. */
export interface CacheAsideOptions {
  /** TTL of loaded values when `getOrLoad` gets none, in ms (default 60 000). */
  ttlMs?: number;
}

/** Counters of a {@link CacheAside}. */
export interface CacheAsideStats {
  /** Reads answered by the cache. */
  hits: number;
  /** Reads that went to the loader. */
  loads: number;
  /** Loaded values not cached because their key was invalidated while loading. */
  discardedLoads: number;
  /** Keys deleted by invalidation. */
  invalidations: number;
}

/**
 * Cache-aside (lazy loading): the application checks the cache, loads from the database on a
 * miss and caches the result; updates write the database, then invalidate related keys.
 *
 * Unlike the guide, a cached falsy value (`0`, `''`, `[]`) is a hit, and `undefined` (not found)
 * is never cached. A load racing with an invalidation of its key does not cache its (possibly
 * old) result, so an update is never undone by a read that started before it.
 */
export class CacheAside<V = unknown> {
  private readonly ttlMs: number;
  /** Per key, the loads in flight; invalidation marks them so their result is not cached. */
  private readonly inflight = new Map<string, Set<{ invalidated: boolean }>>();
  private counts: CacheAsideStats = { hits: 0, loads: 0, discardedLoads: 0, invalidations: 0 };

  constructor(readonly cache: AsyncCache<V>, options: CacheAsideOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    assertPositiveDuration('ttlMs', this.ttlMs);
  }

  /**
   * The cached value of `key`, or else `loader()`'s, cached for `ttlMs`. Loader errors propagate
   * and cache nothing; `undefined` (not found) is returned but not cached.
   */
  async getOrLoad(key: string, loader: () => Promise<V | undefined>, ttlMs = this.ttlMs): Promise<V | undefined> {
    assertFunction('loader', loader);
    assertPositiveDuration('ttlMs', ttlMs);
    const cached = await this.cache.get(key);
    if (cached !== undefined) {
      this.counts.hits++;
      return cached;
    }
    this.counts.loads++;
    const ticket = { invalidated: false };
    const tickets = this.inflight.get(key) ?? new Set();
    tickets.add(ticket);
    this.inflight.set(key, tickets);
    try {
      const value = await loader();
      if (value !== undefined) {
        if (ticket.invalidated) this.counts.discardedLoads++;
        else await this.cache.set(key, value, ttlMs);
      }
      return value;
    } finally {
      tickets.delete(ticket);
      if (tickets.size === 0 && this.inflight.get(key) === tickets) this.inflight.delete(key);
    }
  }

  /** Deletes `keys` from the cache (and stops loads in flight from caching them); resolves to how many existed. */
  async invalidate(keys: readonly string[]): Promise<number> {
    for (const key of keys) this.markInflight((k) => k === key);
    const removed = await Promise.all(keys.map((key) => this.cache.delete(key)));
    const count = removed.filter(Boolean).length;
    this.counts.invalidations += count;
    return count;
  }

  /** Deletes every key starting with `prefix`; resolves to how many existed. */
  async invalidatePrefix(prefix: string): Promise<number> {
    this.markInflight((k) => k.startsWith(prefix));
    const count = await this.cache.deleteByPrefix(prefix);
    this.counts.invalidations += count;
    return count;
  }

  /**
   * Runs a database write, then invalidates `keys`. A failed write invalidates nothing and
   * rejects with its error; if the write succeeded but the cache throws while invalidating, the
   * result is a {@link StaleCacheError} (the write is durable, the cache may be stale).
   */
  async updateThenInvalidate<T>(write: () => Promise<T>, keys: readonly string[]): Promise<T> {
    assertFunction('write', write);
    const result = await write();
    // Loads that started before the write may hold old data: stop them caching it, even if the
    // delete below fails.
    for (const key of keys) this.markInflight((k) => k === key);
    try {
      await this.invalidate(keys);
    } catch (error) {
      throw new StaleCacheError(keys, error);
    }
    return result;
  }

  /** Marks loads in flight of matching keys so their results are not cached. */
  markInflight(matches: (key: string) => boolean): void {
    for (const [key, tickets] of this.inflight) {
      if (matches(key)) for (const ticket of tickets) ticket.invalidated = true;
    }
  }

  /** A snapshot of the counters. */
  stats(): CacheAsideStats {
    return { ...this.counts };
  }
}
