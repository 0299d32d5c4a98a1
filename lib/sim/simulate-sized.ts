import { assertFunction } from '../core/validate';
import { SimulatedCache } from './simulated-cache';
import { SimulationResult, simulationResult } from './simulation-result';

/** One request of a size-aware trace: which object, and how large it is (bytes, or any unit). */
export interface SizedRequest<K> {
  readonly key: K;
  readonly size: number;
}

/** What a size-aware replay produced: the request counts plus the same figures in bytes. */
export interface SizedSimulationResult extends SimulationResult {
  /** Sum of the sizes of all requests. */
  readonly bytes: number;
  /** Sum of the sizes of the requests answered from the cache. */
  readonly hitBytes: number;
  /** `bytes - hitBytes`: what had to come from the backing store. */
  readonly missBytes: number;
  /** `1 - hitRatio`. */
  readonly missRatio: number;
  /** `missBytes / bytes`, in [0, 1]; 0 for an empty stream. */
  readonly byteMissRatio: number;
}

/**
 * Replays a size-aware request stream through a cache bounded by total size: each request is
 * a `get`; a miss is followed by `set(key, size)` — the cache stores the size as the value and
 * weighs it with `sizeOf: (size) => size`. Reports the miss ratio and, beside it, the byte miss
 * ratio (the share of bytes fetched from the backing store), as libCacheSim does; on a hit the
 * request's own size counts.
 *
 * @param requests - `{ key, size }` in order; sizes are positive integers.
 * @param cache - an empty size-bounded cache, e.g. `new SieveCache({ maxSize, sizeOf: (s) => s })`.
 * @throws TypeError if `requests` is not an array or `cache` lacks `get`/`set`.
 * @throws RangeError if a size is not a positive integer (naming the request's index).
 */
export function simulateSized<K>(requests: readonly SizedRequest<K>[], cache: SimulatedCache<K, number>): SizedSimulationResult {
  if (!Array.isArray(requests)) throw new TypeError('requests must be an array of { key, size }');
  if (cache === null || typeof cache !== 'object') throw new TypeError('cache must be a cache object');
  assertFunction('cache.get', cache.get);
  assertFunction('cache.set', cache.set);
  let hits = 0;
  let bytes = 0;
  let hitBytes = 0;
  for (let i = 0; i < requests.length; i++) {
    const { key, size } = requests[i];
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`requests[${i}].size must be a positive integer, got ${size}`);
    bytes += size;
    if (cache.get(key) !== undefined) {
      hits += 1;
      hitBytes += size;
    } else {
      cache.set(key, size);
    }
  }
  const base = simulationResult(requests.length, hits);
  const missBytes = bytes - hitBytes;
  return { ...base, bytes, hitBytes, missBytes, missRatio: 1 - base.hitRatio, byteMissRatio: bytes === 0 ? 0 : missBytes / bytes };
}

/** A key stream as size-aware requests of size 1 (the shipped LIRS traces carry no sizes). */
export function unitSizedRequests<K>(keys: readonly K[]): SizedRequest<K>[] {
  if (!Array.isArray(keys)) throw new TypeError('keys must be an array of keys');
  return keys.map((key) => ({ key, size: 1 }));
}
