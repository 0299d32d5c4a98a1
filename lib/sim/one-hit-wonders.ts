import { assertPositiveInteger, describe } from '../core/validate';

/** How many of a stream's distinct keys are requested exactly once. */
export interface OneHitWonderCount {
  /** Distinct keys in the stream (or window). */
  readonly distinct: number;
  /** Distinct keys requested exactly once. */
  readonly requestedOnce: number;
  /** `requestedOnce / distinct`, in [0, 1]; 0 for an empty stream. */
  readonly ratio: number;
}

/**
 * The one-hit-wonder ratio of a key stream: the fraction of its distinct keys requested only
 * once. A cache that admits every miss spends room on each of them for nothing, which is the
 * observation behind S3-FIFO's small probationary queue (Yang et al., SOSP 2023).
 */
export function oneHitWonders<K>(keys: readonly K[]): OneHitWonderCount {
  if (!Array.isArray(keys)) throw new TypeError(`keys must be an array, got ${describe(keys)}`);
  return countOnce(keys, 0, keys.length);
}

/**
 * The one-hit-wonder ratio seen by a cache, not by the whole trace: the stream is cut into
 * consecutive windows holding `distinctPerWindow` distinct keys each (about what a cache of that
 * many entries sees before its contents turn over), and the ratio is averaged over the windows,
 * weighted by their distinct keys. Shorter windows show more one-hit wonders: a key requested
 * twice a day is a one-hit wonder to a cache that turns over every hour.
 *
 * @throws RangeError unless `distinctPerWindow` is a positive integer.
 */
export function oneHitWondersInWindows<K>(keys: readonly K[], distinctPerWindow: number): OneHitWonderCount {
  if (!Array.isArray(keys)) throw new TypeError(`keys must be an array, got ${describe(keys)}`);
  assertPositiveInteger('distinctPerWindow', distinctPerWindow);
  let distinct = 0;
  let requestedOnce = 0;
  let start = 0;
  while (start < keys.length) {
    const seen = new Set<K>();
    let end = start;
    while (end < keys.length && (seen.size < distinctPerWindow || seen.has(keys[end]))) seen.add(keys[end++]);
    const window = countOnce(keys, start, end);
    distinct += window.distinct;
    requestedOnce += window.requestedOnce;
    start = end;
  }
  return { distinct, requestedOnce, ratio: distinct === 0 ? 0 : requestedOnce / distinct };
}

function countOnce<K>(keys: readonly K[], from: number, to: number): OneHitWonderCount {
  const counts = new Map<K, number>();
  for (let i = from; i < to; i += 1) counts.set(keys[i], (counts.get(keys[i]) ?? 0) + 1);
  let requestedOnce = 0;
  for (const count of counts.values()) if (count === 1) requestedOnce += 1;
  return { distinct: counts.size, requestedOnce, ratio: counts.size === 0 ? 0 : requestedOnce / counts.size };
}
