import { ManualClock } from '../core/clock';
import { TTLCache } from '../core/ttl-cache';
import { assertPositiveInteger } from '../core/validate';
import { SimulationResult, simulationResult } from './simulation-result';

/** What replaying a stream through an unbounded TTL cache produced. */
export interface TtlSimulationResult extends SimulationResult {
  /** The time-to-live, in requests (the clock ticks once per request). */
  readonly ttl: number;
  /** Average number of live entries over the run: the memory this TTL really costs. */
  readonly meanEntries: number;
}

/**
 * Replays a key stream through the library's {@link TTLCache} with no capacity limit: the TTL
 * alone decides what stays. Time is counted in requests (a {@link ManualClock} advances by one
 * per request), so the result does not depend on how fast the machine is.
 *
 * A TTL cache has no size to set, only a TTL; its memory is how many entries are alive. Each
 * miss inserts an entry that lives exactly `ttl` ticks, so the mean footprint is the sum of
 * those lifetimes over the run's length — which puts TTL on the same "entries" axis as LRU.
 *
 * @param keys - the requests, in order.
 * @param ttl - entries expire this many requests after they were inserted (integer ≥ 1).
 */
export function simulateTtl<K>(keys: readonly K[], ttl: number): TtlSimulationResult {
  if (!Array.isArray(keys)) throw new TypeError('keys must be an array of keys');
  assertPositiveInteger('ttl', ttl);
  const clock = new ManualClock();
  const cache = new TTLCache<K, true>({ defaultTtlMs: ttl, now: clock.now });
  let hits = 0;
  let liveTicks = 0;
  for (let i = 0; i < keys.length; i += 1) {
    clock.advance(1);
    if (cache.get(keys[i]) !== undefined) {
      hits += 1;
    } else {
      cache.set(keys[i], true);
      // Alive from this request on, for ttl ticks or until the run ends.
      liveTicks += Math.min(ttl, keys.length - i);
    }
  }
  return { ...simulationResult(keys.length, hits), ttl, meanEntries: keys.length === 0 ? 0 : liveTicks / keys.length };
}

/** {@link simulateTtl} for each TTL in `ttls`, in order. */
export function ttlCurve<K>(keys: readonly K[], ttls: readonly number[]): TtlSimulationResult[] {
  if (!Array.isArray(ttls) || ttls.length === 0) throw new RangeError('ttls must be a non-empty array of positive integers');
  return ttls.map((ttl) => simulateTtl(keys, ttl));
}
