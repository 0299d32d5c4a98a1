import { assertFunction, assertNonNegativeInteger, assertPositiveDuration, assertPositiveInteger } from '../core/validate';
import { AsyncCache } from '../cache/async-cache';
import { realSleep, realTimers, Sleep, Timers } from '../core/clock';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** Options for {@link WriteBehind}. */
export interface WriteBehindOptions<V> {
  cache: AsyncCache<V>;
  /** Persists a batch in the database; must be all-or-nothing (one transaction) so retries are safe. */
  saveBatch: (entries: ReadonlyArray<readonly [string, V]>) => Promise<void>;
  /** Reads a value from the database of record, for keys neither queued nor cached. */
  load: (key: string) => Promise<V | undefined>;
  /** TTL of cached values, in ms (default 60 000). */
  ttlMs?: number;
  /** Most entries per database write; reaching it triggers a flush (default 100). */
  maxBatchSize?: number;
  /** Longest an acknowledged write waits before a flush starts, in ms (default 1 000). */
  flushIntervalMs?: number;
  /** Most distinct keys queued or in flight; beyond it writers wait (default 10 000). */
  maxQueueSize?: number;
  /** When the queue is full: `block` (default) makes `write` wait for space; `reject` throws. */
  overflow?: 'block' | 'reject';
  /** Retries of a failing batch before `flush` gives up, keeping the batch queued (default 5). */
  maxRetries?: number;
  /** Backoff before retry n is `min(retryBaseMs · 2ⁿ, retryMaxMs)` (defaults 50 and 2 000 ms). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How backoff waits (default real `setTimeout`); tests inject an instant one. */
  sleep?: Sleep;
  /** Timers for the flush interval (default real, unref'd). */
  timers?: Timers;
}

/** {@link WriteBehindOptions} with every default filled in and every value checked. */
export interface WriteBehindSettings {
  ttlMs: number;
  maxBatchSize: number;
  flushIntervalMs: number;
  maxQueueSize: number;
  overflow: 'block' | 'reject';
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  sleep: Sleep;
  timers: Timers;
}

/**
 * Checks `options` and fills in the defaults.
 * @throws {TypeError} when `saveBatch`, `load` or `sleep` is not a function.
 * @throws {RangeError} when a size, count, duration or `overflow` is out of range (the message names it).
 */
export function writeBehindSettings<V>(options: WriteBehindOptions<V>): WriteBehindSettings {
  assertFunction('saveBatch', options.saveBatch);
  assertFunction('load', options.load);
  const settings = {
    ttlMs: options.ttlMs ?? DEFAULT_TTL_MS,
    maxBatchSize: options.maxBatchSize ?? 100,
    flushIntervalMs: options.flushIntervalMs ?? 1_000,
    maxQueueSize: options.maxQueueSize ?? 10_000,
    maxRetries: options.maxRetries ?? 5,
    retryBaseMs: options.retryBaseMs ?? 50,
    retryMaxMs: options.retryMaxMs ?? 2_000,
  };
  assertPositiveDuration('ttlMs', settings.ttlMs);
  assertPositiveInteger('maxBatchSize', settings.maxBatchSize);
  assertPositiveDuration('flushIntervalMs', settings.flushIntervalMs);
  assertPositiveInteger('maxQueueSize', settings.maxQueueSize);
  assertNonNegativeInteger('maxRetries', settings.maxRetries);
  assertPositiveDuration('retryBaseMs', settings.retryBaseMs);
  assertPositiveDuration('retryMaxMs', settings.retryMaxMs);
  if (options.overflow !== undefined && options.overflow !== 'block' && options.overflow !== 'reject') {
    throw new RangeError(`overflow must be "block" or "reject", got ${JSON.stringify(options.overflow)}`);
  }
  if (options.sleep !== undefined) assertFunction('sleep', options.sleep);
  return { ...settings, overflow: options.overflow ?? 'block', sleep: options.sleep ?? realSleep, timers: options.timers ?? realTimers };
}
