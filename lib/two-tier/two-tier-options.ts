import type { AsyncCache } from '../cache/async-cache';
import type { Clock } from '../core/clock';
import { assertOptionsObject } from '../core/options';
import { assertFunction, assertNonNegativeDuration, assertPositiveDuration, assertPositiveInteger } from '../core/validate';
import type { Timers } from '../core/clock';
import type { RedisLock } from '../redis/redis-lock';
import type { InvalidationBus } from './invalidation-bus';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** Options for {@link TwoTierCache}. */
export interface TwoTierCacheOptions<V> {
  /** The shared tier every instance reads and writes (a `RedisCache` in practice). */
  l2: AsyncCache<V>;
  /**
   * Tells the other instances what changed ({@link RedisPubSubBus} or {@link RedisTrackingBus}).
   * Omit it only for a single instance: nothing would invalidate another process's L1.
   */
  bus?: InvalidationBus;
  /** Most entries in the in-process tier (LRU beyond it; default 10 000). */
  l1Capacity?: number;
  /**
   * How long an L1 entry is served without asking L2, in ms (default 5 000). It bounds how long
   * an instance can serve a value whose invalidation message was lost.
   */
  l1TtlMs?: number;
  /** TTL of values written to L2 when `set`/`getOrLoad` get none, in ms (default 60 000). */
  l2TtlMs?: number;
  /**
   * How long past `l1TtlMs` an entry may still be served by `getOrLoad` while one caller
   * refreshes it, or when the refresh fails, in ms (default 0: no grace). Invalidated entries
   * are dropped at once, never served in grace.
   */
  graceMs?: number;
  /**
   * How long a `getOrLoad` caller that holds an in-grace value waits for the refresh before
   * returning that stale value, in ms (default 0: at once). The refresh carries on in the
   * background and fills both tiers when it completes.
   */
  softTimeoutMs?: number;
  /**
   * A cross-instance lock for loads: on a miss, only its holder calls the loader; the others
   * wait and then read the value from L2. Build it on the L2's Redis.
   */
  lock?: RedisLock;
  /** Prefix of lock names; the lock for `key` is `${lockPrefix}${key}` (default `lock:two-tier:`). */
  lockPrefix?: string;
  /** Clock of L1's expiry; inject a `ManualClock`'s `now` in tests. */
  now?: Clock;
  /** Timers of the soft timeout; inject fake ones in tests. */
  timers?: Timers;
  /** Called on every degraded operation (an L2 error, a failed refresh, a lock failure). */
  onWarning?: (message: string, error: unknown) => void;
}

/** {@link TwoTierCacheOptions} with defaults applied, checked. */
export type ResolvedTwoTierOptions<V> = Required<Omit<TwoTierCacheOptions<V>, 'bus' | 'lock' | 'onWarning'>> &
  Pick<TwoTierCacheOptions<V>, 'bus' | 'lock' | 'onWarning'>;

/**
 * Validates the options and fills in defaults.
 * @throws TypeError if `options` is not an object, `l2`/`bus`/`lock` lack their methods, or a callback is not a function.
 * @throws RangeError if a size or duration is out of range.
 */
export function resolveTwoTierOptions<V>(options: TwoTierCacheOptions<V>, realTimers: Timers, systemClock: Clock): ResolvedTwoTierOptions<V> {
  assertOptionsObject('options', options);
  const { l2, bus, lock } = options;
  if (!hasMethods(l2, ['get', 'set', 'delete', 'deleteByPrefix', 'clear'])) throw new TypeError('l2 must be an AsyncCache (get, set, delete, deleteByPrefix, clear)');
  if (bus !== undefined && !hasMethods(bus, ['start', 'publish', 'close'])) throw new TypeError('bus must be an InvalidationBus (start, publish, close)');
  if (lock !== undefined && !hasMethods(lock, ['withLock'])) throw new TypeError('lock must be a RedisLock');
  const resolved = {
    l2,
    bus,
    lock,
    l1Capacity: options.l1Capacity ?? 10_000,
    l1TtlMs: options.l1TtlMs ?? 5_000,
    l2TtlMs: options.l2TtlMs ?? DEFAULT_TTL_MS,
    graceMs: options.graceMs ?? 0,
    softTimeoutMs: options.softTimeoutMs ?? 0,
    lockPrefix: options.lockPrefix ?? 'lock:two-tier:',
    now: options.now ?? systemClock,
    timers: options.timers ?? realTimers,
    onWarning: options.onWarning,
  };
  assertPositiveInteger('l1Capacity', resolved.l1Capacity);
  assertPositiveDuration('l1TtlMs', resolved.l1TtlMs);
  assertPositiveDuration('l2TtlMs', resolved.l2TtlMs);
  assertNonNegativeDuration('graceMs', resolved.graceMs);
  assertNonNegativeDuration('softTimeoutMs', resolved.softTimeoutMs);
  if (typeof resolved.lockPrefix !== 'string' || resolved.lockPrefix === '') throw new TypeError('lockPrefix must be a non-empty string');
  assertFunction('now', resolved.now);
  if (!hasMethods(resolved.timers, ['setTimeout', 'clearTimeout'])) throw new TypeError('timers must have setTimeout and clearTimeout');
  if (resolved.onWarning !== undefined) assertFunction('onWarning', resolved.onWarning);
  return resolved;
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
