import { assertOptionsObject } from '../core/options';
import { Random } from '../core/random';
import {
  assertFunction,
  assertInRange,
  assertNonNegativeDuration,
  assertPositiveDuration,
  assertPositiveInteger,
} from '../core/validate';

/**
 * How the application protects the database when a hot entry expires.
 *
 * - `none`: every request that misses loads from the database (the stampede).
 * - `coalescing`: within one process, concurrent misses share one load (single-flight).
 * - `lock`: a distributed lock (Redis `SET NX PX`) lets one request in the whole fleet load;
 *   the others wait and re-read the cache.
 * - `prewarm`: a background job reloads each entry before it expires; requests never see it gone.
 * - `jitter`: like `none`, but each TTL is randomised so keys loaded together expire apart.
 * - `early-refresh`: probabilistic early expiration (XFetch): as expiry nears, a request
 *   occasionally reloads the entry while everyone else still gets the cached value.
 */
export type StampedeStrategy = 'none' | 'coalescing' | 'lock' | 'prewarm' | 'jitter' | 'early-refresh';

/** Every strategy, in the order the stampede chapter presents them. */
export const STAMPEDE_STRATEGIES: readonly StampedeStrategy[] = ['none', 'coalescing', 'lock', 'prewarm', 'jitter', 'early-refresh'];

/** The scenario and the protection to simulate. All times are virtual milliseconds. */
export interface StampedeOptions {
  strategy: StampedeStrategy;
  /** Seeded randomness for arrivals, key choice, jitter and early refresh. */
  random: Random;
  /** Requests per second across all keys and processes (Poisson arrivals). */
  requestsPerSecond: number;
  /** Simulated time, in ms. */
  durationMs: number;
  /** Time-to-live of a cached entry, in ms. */
  ttlMs: number;
  /** Duration of one database load when the database is otherwise idle, in ms. */
  dbLatencyMs: number;
  /** Hot keys, all cached at time 0 (as after a deploy or a bulk load); default 1. */
  keys?: number;
  /** Extra duration per load already running, as a fraction of `dbLatencyMs`: contention (default 0.05). */
  dbSlowdownPerLoad?: number;
  /** Cost of one cache read, in ms (default 1). */
  cacheLatencyMs?: number;
  /** Application processes; requests land on one at random (default 4). Coalescing works per process. */
  processes?: number;
  /** `lock`: how long a request that lost the lock waits before reading the cache again, in ms (default 20). */
  lockRetryMs?: number;
  /** `lock`: the lock's own expiry (the PX of SET NX PX), so a crashed holder cannot block forever (default 10 × dbLatencyMs). */
  lockTtlMs?: number;
  /** TTL jitter as a fraction: each TTL is drawn from ttl × [1 − j, 1 + j] (default 0.2 for `jitter`, else 0). */
  ttlJitter?: number;
  /** `prewarm`: how long before expiry the background job reloads an entry, in ms (default 2 × dbLatencyMs). */
  refreshAheadMs?: number;
  /** `early-refresh`: XFetch's β; larger refreshes earlier (default 1). */
  earlyRefreshBeta?: number;
}

/** {@link StampedeOptions} with every default filled in. */
export type ResolvedStampedeOptions = Required<StampedeOptions>;

/** Checks every option (errors name the parameter) and fills in the defaults. */
export function resolveStampedeOptions(options: StampedeOptions): ResolvedStampedeOptions {
  assertOptionsObject('options', options);
  if (!STAMPEDE_STRATEGIES.includes(options.strategy)) {
    throw new RangeError(`strategy must be one of ${STAMPEDE_STRATEGIES.join(', ')}, got ${String(options.strategy)}`);
  }
  assertFunction('random', options.random);
  assertPositiveDuration('requestsPerSecond', options.requestsPerSecond);
  assertPositiveDuration('durationMs', options.durationMs);
  assertPositiveDuration('ttlMs', options.ttlMs);
  assertPositiveDuration('dbLatencyMs', options.dbLatencyMs);
  const resolved: ResolvedStampedeOptions = {
    strategy: options.strategy,
    random: options.random,
    requestsPerSecond: options.requestsPerSecond,
    durationMs: options.durationMs,
    ttlMs: options.ttlMs,
    dbLatencyMs: options.dbLatencyMs,
    keys: options.keys ?? 1,
    dbSlowdownPerLoad: options.dbSlowdownPerLoad ?? 0.05,
    cacheLatencyMs: options.cacheLatencyMs ?? 1,
    processes: options.processes ?? 4,
    lockRetryMs: options.lockRetryMs ?? 20,
    lockTtlMs: options.lockTtlMs ?? 10 * options.dbLatencyMs,
    ttlJitter: options.ttlJitter ?? (options.strategy === 'jitter' ? 0.2 : 0),
    refreshAheadMs: options.refreshAheadMs ?? 2 * options.dbLatencyMs,
    earlyRefreshBeta: options.earlyRefreshBeta ?? 1,
  };
  assertPositiveInteger('keys', resolved.keys);
  assertNonNegativeDuration('dbSlowdownPerLoad', resolved.dbSlowdownPerLoad);
  assertNonNegativeDuration('cacheLatencyMs', resolved.cacheLatencyMs);
  assertPositiveInteger('processes', resolved.processes);
  assertPositiveDuration('lockRetryMs', resolved.lockRetryMs);
  assertPositiveDuration('lockTtlMs', resolved.lockTtlMs);
  assertInRange('ttlJitter', resolved.ttlJitter, 0, 0.99);
  assertNonNegativeDuration('refreshAheadMs', resolved.refreshAheadMs);
  assertPositiveDuration('earlyRefreshBeta', resolved.earlyRefreshBeta);
  return resolved;
}

