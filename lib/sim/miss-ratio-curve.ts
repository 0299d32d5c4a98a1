import { assertFunction, assertPositiveInteger } from '../core/validate';
import { simulate } from './simulate';
import { CacheFactory } from './simulated-cache';
import { SimulationResult } from './simulation-result';

/** One point of a miss-ratio curve: a cache size and what it achieved. */
export interface CurvePoint extends SimulationResult {
  /** The cache capacity, in entries. */
  readonly capacity: number;
  /** `1 - hitRatio`. */
  readonly missRatio: number;
}

/**
 * A policy for {@link missRatioCurve}: either a factory of real caches (replayed with
 * {@link simulate}) or a whole-stream simulator such as `simulateOptimal`.
 */
export type CurvePolicy<K> = CacheFactory<K> | { simulate(keys: readonly K[], capacity: number): SimulationResult };

/**
 * The miss-ratio curve of a policy on a key stream: one independent, cold-start replay per
 * capacity. Plotting it shows how much each extra entry of memory buys.
 *
 * @param keys - the requests, in order.
 * @param capacities - cache sizes to try (integers ≥ 1), in the order they are reported.
 * @param policy - builds an empty cache per capacity, or simulates the stream directly.
 */
export function missRatioCurve<K>(keys: readonly K[], capacities: readonly number[], policy: CurvePolicy<K>): CurvePoint[] {
  if (!Array.isArray(capacities) || capacities.length === 0) {
    throw new RangeError('capacities must be a non-empty array of positive integers');
  }
  capacities.forEach((capacity, index) => assertPositiveInteger(`capacities[${index}]`, capacity));
  const run =
    typeof policy === 'function'
      ? (capacity: number) => simulate(keys, policy(capacity))
      : (capacity: number) => {
          assertFunction('policy.simulate', policy?.simulate);
          return policy.simulate(keys, capacity);
        };
  return capacities.map((capacity) => {
    const result = run(capacity);
    return { ...result, capacity, missRatio: 1 - result.hitRatio };
  });
}
