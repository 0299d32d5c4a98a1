import { assertFunction } from '../core/validate';
import { AsyncCache, AsyncCacheStats } from './async-cache';

/**
 * Wraps any {@link AsyncCache} and logs each operation the way the guide prints them
 * (` Cache HIT: product:1`, ` Cache SET: product:1 (TTL: 60s)`, …), so a learner sees the
 * pattern at work.
 */
export class LoggingCache<V = unknown> implements AsyncCache<V> {
  readonly kind: string;

  constructor(readonly inner: AsyncCache<V>, private readonly log: (line: string) => void) {
    assertFunction('log', log);
    this.kind = inner.kind;
  }

  /** {@inheritDoc AsyncCache.get} */
  async get(key: string): Promise<V | undefined> {
    const value = await this.inner.get(key);
    this.log(` Cache ${value === undefined ? 'MISS' : 'HIT'}: ${key}`);
    return value;
  }

  /** {@inheritDoc AsyncCache.getMany} */
  async getMany(keys: readonly string[]): Promise<Array<V | undefined>> {
    const values = await this.inner.getMany(keys);
    keys.forEach((key, i) => this.log(` Cache ${values[i] === undefined ? 'MISS' : 'HIT'}: ${key}`));
    return values;
  }

  /** {@inheritDoc AsyncCache.set} */
  async set(key: string, value: V, ttlMs?: number): Promise<boolean> {
    const stored = await this.inner.set(key, value, ttlMs);
    const ttl = ttlMs === undefined ? 'default' : `${formatSeconds(ttlMs)}s`;
    this.log(stored ? ` Cache SET: ${key} (TTL: ${ttl})` : ` Cache SET skipped (cache unavailable): ${key}`);
    return stored;
  }

  /** {@inheritDoc AsyncCache.delete} */
  async delete(key: string): Promise<boolean> {
    const removed = await this.inner.delete(key);
    if (removed) this.log(` Cache DELETE: ${key}`);
    return removed;
  }

  /** {@inheritDoc AsyncCache.deleteByPrefix} */
  async deleteByPrefix(prefix: string): Promise<number> {
    const removed = await this.inner.deleteByPrefix(prefix);
    this.log(` Cache DELETE prefix ${prefix}*: ${removed} keys`);
    return removed;
  }

  /** {@inheritDoc AsyncCache.clear} */
  clear(): Promise<void> {
    return this.inner.clear();
  }

  /** {@inheritDoc AsyncCache.size} */
  size(): Promise<number> {
    return this.inner.size();
  }

  /** {@inheritDoc AsyncCache.stats} */
  stats(): AsyncCacheStats {
    return this.inner.stats();
  }
}

function formatSeconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
