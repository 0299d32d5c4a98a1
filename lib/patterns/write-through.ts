import { assertFunction, assertPositiveDuration } from '../core/validate';
import { AsyncCache } from '../cache/async-cache';
import { encodeJson } from '../cache/json-codec';
import { CacheAside } from './cache-aside';
import { KeyedMutex } from './keyed-mutex';
import { StaleCacheError } from './errors';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** Options for {@link WriteThrough}. */
export interface WriteThroughOptions<V> {
  cache: AsyncCache<V>;
  /** Writes a value to the database of record. */
  save: (key: string, value: V) => Promise<void>;
  /** Reads a value from the database of record (`undefined`: not found). */
  load: (key: string) => Promise<V | undefined>;
  /** TTL of cached values, in ms (default 60 000). */
  ttlMs?: number;
}

/** What a {@link WriteThrough.write} achieved. */
export interface WriteThroughResult {
  /** Always true when `write` resolves: the database has the value. */
  saved: true;
  /** True when the cache has the value too; false when the cache failed and the key was dropped from it. */
  cached: boolean;
}

/**
 * Write-through: a write goes to the database, then to the cache, and completes when both have
 * it. Reads are cache-aside over the same cache.
 *
 * Failure rules:
 * - The value must survive JSON; otherwise the write is refused before anything is written.
 * - Database write fails → the write rejects and the cache is not touched (it still matches the
 *   database, which did not change).
 * - Cache write fails after the database write → the key is deleted from the cache so no stale
 *   entry stays behind, and the write resolves with `cached: false` (the value is durable; the next
 *   read reloads it). If even the delete fails, the write rejects with {@link StaleCacheError}.
 * - Writes of one key are serialised, so their database and cache steps never interleave.
 */
export class WriteThrough<V = unknown> {
  readonly reader: CacheAside<V>;
  private readonly ttlMs: number;
  private readonly mutex = new KeyedMutex();
  private counts = { writes: 0, cacheFailures: 0 };

  constructor(private readonly options: WriteThroughOptions<V>) {
    assertFunction('save', options.save);
    assertFunction('load', options.load);
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    assertPositiveDuration('ttlMs', this.ttlMs);
    this.reader = new CacheAside(options.cache, { ttlMs: this.ttlMs });
  }

  /** Cache-aside read of `key`. */
  read(key: string): Promise<V | undefined> {
    return this.reader.getOrLoad(key, () => this.options.load(key));
  }

  /** Writes `value` to the database and the cache; see the class doc for failures. */
  write(key: string, value: V, ttlMs = this.ttlMs): Promise<WriteThroughResult> {
    assertPositiveDuration('ttlMs', ttlMs);
    encodeJson(value);
    return this.mutex.run(key, async () => {
      await this.options.save(key, value);
      this.counts.writes++;
      this.reader.markInflight((k) => k === key);
      let cached = false;
      try {
        cached = await this.options.cache.set(key, value, ttlMs);
      } catch {
        cached = false;
      }
      if (!cached) {
        this.counts.cacheFailures++;
        try {
          await this.options.cache.delete(key);
        } catch (error) {
          throw new StaleCacheError([key], error);
        }
      }
      return { saved: true, cached };
    });
  }

  /** Writes completed, and how many of them could not update the cache. */
  stats(): { writes: number; cacheFailures: number } {
    return { ...this.counts };
  }
}
