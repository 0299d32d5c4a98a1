import { FaultSchedule } from '../core/fault-schedule';
import { AsyncCache, AsyncCacheStats } from './async-cache';
import { CacheUnavailableError } from './errors';

/**
 * Wraps an {@link AsyncCache} and makes its next N reads or writes fail, to exercise the
 * patterns' cache-failure paths without a network. Writes are `set`, `delete`,
 * `deleteByPrefix` and `clear`.
 *
 * `mode: 'throw'` (default) behaves like a fail-closed cache: the operation throws
 * {@link CacheUnavailableError} and changes nothing. `mode: 'degrade'` behaves like a fail-open
 * one: reads miss, writes resolve `false`, and (as {@link RedisCache} guarantees) the key no
 * longer serves an older value.
 */
export class FaultyCache<V = unknown> implements AsyncCache<V> {
  readonly kind: string;
  private readonly faults = new FaultSchedule();

  constructor(readonly inner: AsyncCache<V>, private readonly mode: 'throw' | 'degrade' = 'throw') {
    this.kind = inner.kind;
  }

  /** The next `count` reads fail. */
  failNextReads(count = 1): void {
    this.faults.failNextReads(count);
  }

  /** The next `count` writes fail. */
  failNextWrites(count = 1): void {
    this.faults.failNextWrites(count);
  }

  /** {@inheritDoc AsyncCache.get} */
  async get(key: string): Promise<V | undefined> {
    return (await this.getMany([key]))[0];
  }

  /** {@inheritDoc AsyncCache.getMany} */
  async getMany(keys: readonly string[]): Promise<Array<V | undefined>> {
    if (this.faults.take('read')) {
      if (this.mode === 'throw') throw this.failure('get');
      return keys.map(() => undefined);
    }
    return this.inner.getMany(keys);
  }

  /** {@inheritDoc AsyncCache.set} */
  async set(key: string, value: V, ttlMs?: number): Promise<boolean> {
    if (this.takeWriteFault('set')) {
      await this.inner.delete(key);
      return false;
    }
    return this.inner.set(key, value, ttlMs);
  }

  /** {@inheritDoc AsyncCache.delete} */
  async delete(key: string): Promise<boolean> {
    if (this.takeWriteFault('delete')) {
      await this.inner.delete(key);
      return false;
    }
    return this.inner.delete(key);
  }

  /** {@inheritDoc AsyncCache.deleteByPrefix} */
  async deleteByPrefix(prefix: string): Promise<number> {
    if (this.takeWriteFault('deleteByPrefix')) {
      await this.inner.deleteByPrefix(prefix);
      return 0;
    }
    return this.inner.deleteByPrefix(prefix);
  }

  /** {@inheritDoc AsyncCache.clear} */
  async clear(): Promise<void> {
    this.takeWriteFault('clear');
    await this.inner.clear();
  }

  /** {@inheritDoc AsyncCache.size} */
  size(): Promise<number> {
    return this.inner.size();
  }

  /** {@inheritDoc AsyncCache.stats} */
  stats(): AsyncCacheStats {
    return this.inner.stats();
  }

  /** Consumes a write fault: throws in `throw` mode, returns true in `degrade` mode. */
  private takeWriteFault(operation: string): boolean {
    if (!this.faults.take('write')) return false;
    if (this.mode === 'throw') throw this.failure(operation);
    return true;
  }

  private failure(operation: string): CacheUnavailableError {
    return new CacheUnavailableError(operation, new Error('injected cache fault'));
  }
}
