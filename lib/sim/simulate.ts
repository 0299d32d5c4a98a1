import { assertFunction } from '../core/validate';
import { SimulatedCache } from './simulated-cache';
import { SimulationResult, simulationResult } from './simulation-result';

/**
 * Replays a key stream through a cache, count-based: each request is a `get`; a miss is
 * followed by a `set` of the same key (the "fetch from the database and keep it" step).
 * Time plays no part unless the cache reads a clock (see {@link ttlPolicy}).
 *
 * @param keys - the requests, in order.
 * @param cache - an empty cache (or a warm one, to study warm starts).
 * @returns hits, misses and the hit ratio over all requests (cold misses included, as the
 *   published trace results count them).
 */
export function simulate<K>(keys: readonly K[], cache: SimulatedCache<K>): SimulationResult {
  if (!Array.isArray(keys)) throw new TypeError('keys must be an array of keys');
  if (cache === null || typeof cache !== 'object') throw new TypeError('cache must be a cache object');
  assertFunction('cache.get', cache.get);
  assertFunction('cache.set', cache.set);
  let hits = 0;
  for (const key of keys) {
    if (cache.get(key) !== undefined) {
      hits += 1;
    } else {
      cache.set(key, true);
    }
  }
  return simulationResult(keys.length, hits);
}
