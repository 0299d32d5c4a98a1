import { assertOptionsObject } from '../core/options';
import { Random } from '../core/random';
import { assertFunction, assertPositiveDuration } from '../core/validate';
import { SimulationResult, simulationResult } from './simulation-result';

/** Options of {@link simulateFreshness}. Times in ms of virtual time. */
export interface FreshnessOptions {
  /** How long a cached copy is served before it is fetched again. */
  ttlMs: number;
  /** Reads of the one key per second (Poisson). */
  requestsPerSecond: number;
  /** Average time between changes of the value in the database (Poisson). */
  meanUpdateIntervalMs: number;
  /** Simulated time. */
  durationMs: number;
  /** Seeded randomness for request and update times. */
  random: Random;
}

/** Hits, and how many of them returned an out-of-date value. */
export interface FreshnessResult extends SimulationResult {
  readonly ttlMs: number;
  /** Hits that returned a value the database had already changed. */
  readonly staleReads: number;
  /** `staleReads / requests`, in [0, 1]. */
  readonly staleReadRatio: number;
  /** Worst staleness seen: how long the database had held a newer value, in ms (never above the TTL). */
  readonly maxStalenessMs: number;
}

/**
 * The TTL trade-off, measured: one key is read by Poisson traffic and changed in the database
 * by Poisson updates; cache-aside with a TTL and no invalidation serves it. A longer TTL
 * gives more hits and more stale reads; no stale read is ever older than the TTL.
 *
 * Loads are instantaneous here: the question is freshness, not latency.
 */
export function simulateFreshness(options: FreshnessOptions): FreshnessResult {
  assertOptionsObject('options', options);
  const { ttlMs, requestsPerSecond, meanUpdateIntervalMs, durationMs, random } = options;
  assertPositiveDuration('ttlMs', ttlMs);
  assertPositiveDuration('requestsPerSecond', requestsPerSecond);
  assertPositiveDuration('meanUpdateIntervalMs', meanUpdateIntervalMs);
  assertPositiveDuration('durationMs', durationMs);
  assertFunction('random', random);
  const updates = poissonTimes(meanUpdateIntervalMs, durationMs, random);
  const requests = poissonTimes(1000 / requestsPerSecond, durationMs, random);
  let applied = 0; // updates at or before the current request: the database's version
  let loadedAt = -Infinity;
  let loadedVersion = -1;
  let hits = 0;
  let staleReads = 0;
  let maxStalenessMs = 0;
  for (const time of requests) {
    while (applied < updates.length && updates[applied] <= time) applied += 1;
    if (time < loadedAt + ttlMs) {
      hits += 1;
      if (loadedVersion < applied) {
        staleReads += 1;
        // Stale since the first update after the copy was loaded.
        maxStalenessMs = Math.max(maxStalenessMs, time - updates[loadedVersion]);
      }
    } else {
      loadedAt = time;
      loadedVersion = applied;
    }
  }
  const base = simulationResult(requests.length, hits);
  return { ...base, ttlMs, staleReads, staleReadRatio: requests.length === 0 ? 0 : staleReads / requests.length, maxStalenessMs };
}

/** Event times of a Poisson process with the given mean gap, up to `until`. */
function poissonTimes(meanGapMs: number, until: number, random: Random): number[] {
  const times: number[] = [];
  // 1 - random() is in (0, 1], so the logarithm is finite.
  for (let time = -meanGapMs * Math.log(1 - random()); time < until; time += -meanGapMs * Math.log(1 - random())) times.push(time);
  return times;
}
