import { assertFunction, assertPositiveDuration } from '../core/validate';
import { AsyncCache } from '../cache/async-cache';
import { CacheAside } from './cache-aside';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** Options for {@link WriteAround}. */
export interface WriteAroundOptions<V> {
  cache: AsyncCache<V>;
  /** Reads a value from the database of record (`undefined`: not found). */
  load: (key: string) => Promise<V | undefined>;
  /** TTL of values cached by reads, in ms (default 60 000). */
  ttlMs?: number;
}

/**
 * Write-around: writes go straight to the database and invalidate the cache (they never fill
 * it); reads are cache-aside, so only data that is read again gets cached. Suits frequent writes
 * that are seldom read back, like price updates.
 *
 * Failure rules: a failed database write invalidates nothing and rejects; a failed invalidation
 * after a successful write rejects with {@link StaleCacheError} (fail-open caches never throw:
 * they remember the invalidation and replay it before serving again).
 */
export class WriteAround<V = unknown> {
  readonly reader: CacheAside<V>;

  constructor(private readonly options: WriteAroundOptions<V>) {
    assertFunction('load', options.load);
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    assertPositiveDuration('ttlMs', ttlMs);
    this.reader = new CacheAside(options.cache, { ttlMs });
  }

  /** Cache-aside read of `key`. */
  read(key: string): Promise<V | undefined> {
    return this.reader.getOrLoad(key, () => this.options.load(key));
  }

  /** Runs the database write, then invalidates `key` and `relatedKeys`. */
  write<T>(key: string, writeToDatabase: () => Promise<T>, relatedKeys: readonly string[] = []): Promise<T> {
    return this.reader.updateThenInvalidate(writeToDatabase, [key, ...relatedKeys]);
  }
}
