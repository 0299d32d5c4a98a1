/**
 * The benchmarks' key streams, built with the library's own seeded workload generators and
 * packed into `Int32Array`s up front, so that generating keys is never part of what is timed.
 */
import { seededRandom } from '../lib/core/random';
import { loopingWorkload, uniformWorkload, zipfWorkload } from '../lib/sim/workloads';

/** `length` keys from Zipf(`s`) over `0..keySpace-1` (key 0 is the hottest). */
export function zipfStream(keySpace: number, s: number, length: number, seed: number): Int32Array {
  return Int32Array.from(zipfWorkload({ keySpace, length, exponent: s, random: seededRandom(seed) }));
}

/** `length` keys drawn uniformly from `0..keySpace-1`. */
export function uniformStream(keySpace: number, length: number, seed: number): Int32Array {
  return Int32Array.from(uniformWorkload({ keySpace, length, random: seededRandom(seed) }));
}

/** `length` keys cycling through `0..keySpace-1` in order: a scan, LRU's worst case when keySpace > capacity. */
export function scanStream(keySpace: number, length: number): Int32Array {
  return Int32Array.from(loopingWorkload({ keySpace, length }));
}
