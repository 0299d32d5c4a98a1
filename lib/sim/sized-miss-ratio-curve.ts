import { assertPositiveInteger } from '../core/validate';
import { SizedRequest, SizedSimulationResult, simulateSized } from './simulate-sized';
import { SizedCacheFactory } from './simulated-cache';

/** One point of a size-aware miss-ratio curve. */
export interface SizedCurvePoint extends SizedSimulationResult {
  /** The cache's `maxSize` (bytes, or the trace's size unit). */
  readonly maxSize: number;
}

/**
 * The miss-ratio and byte-miss-ratio curve of a size-bounded policy: one cold replay per
 * `maxSize` with {@link simulateSized}.
 *
 * @param requests - `{ key, size }` in order.
 * @param maxSizes - cache sizes to try (positive integers), in the order reported.
 * @param policy - builds an empty cache bounded by `maxSize` (see `sizedPolicy`).
 */
export function sizedMissRatioCurve<K>(requests: readonly SizedRequest<K>[], maxSizes: readonly number[], policy: SizedCacheFactory<K>): SizedCurvePoint[] {
  if (!Array.isArray(maxSizes) || maxSizes.length === 0) throw new RangeError('maxSizes must be a non-empty array of positive integers');
  maxSizes.forEach((maxSize, index) => assertPositiveInteger(`maxSizes[${index}]`, maxSize));
  if (typeof policy !== 'function') throw new TypeError('policy must be a function (maxSize) => cache');
  return maxSizes.map((maxSize) => ({ ...simulateSized(requests, policy(maxSize)), maxSize }));
}
