import { LFUCache } from '../core/lfu-cache';
import { LRUCache } from '../core/lru-cache';
import { ARCCache } from '../policies/arc-cache';
import { ClockCache } from '../policies/clock-cache';
import { FIFOCache } from '../policies/fifo-cache';
import type { PolicyCache } from '../policies/policy-cache';
import type { PolicyCacheOptions } from '../policies/policy-options';
import { S3FIFOCache } from '../policies/s3fifo-cache';
import { SieveCache } from '../policies/sieve-cache';
import { WTinyLFUCache } from '../policies/w-tinylfu-cache';
import { simulateOptimal, simulateOptimalWithBypass } from './belady';
import { CurvePolicy } from './miss-ratio-curve';
import { CacheFactory, SizedCacheFactory } from './simulated-cache';

/** The eviction policies the hit-rate chapters compare, ready for `missRatioCurve`. */

/** A cache class that takes `{ capacity }` or `{ maxSize, sizeOf }` (every policy cache in the library). */
export type PolicyCacheClass = new <K, V>(options: PolicyCacheOptions<K, V>) => PolicyCache<K, V>;

/** A count-based factory for `missRatioCurve` from a policy cache class: `countPolicy(SieveCache)`. */
export function countPolicy(Cache: PolicyCacheClass): CacheFactory<number> {
  return (capacity) => new Cache<number, true>({ capacity });
}

/**
 * A size-based factory for `sizedMissRatioCurve`/`simulateSized` from a policy cache class: the
 * value stored is the request's size and weighs itself.
 */
export function sizedPolicy(Cache: PolicyCacheClass): SizedCacheFactory<number> {
  return (maxSize) => new Cache<number, number>({ maxSize, sizeOf: (size) => size });
}

/**
 * Every policy cache by its usual name, in one list, so a notebook or the bench can loop over
 * them. (Policies from other work add one entry each.)
 */
export const POLICY_CACHES: Readonly<Record<string, PolicyCacheClass>> = {
  LRU: LRUCache,
  FIFO: FIFOCache,
  CLOCK: ClockCache,
  SIEVE: SieveCache,
  'S3-FIFO': S3FIFOCache,
  ARC: ARCCache,
  'W-TinyLFU': WTinyLFUCache,
};

/** Least recently used, via the library's {@link LRUCache}. */
export const lruPolicy: CacheFactory<number> = (capacity) => new LRUCache<number, true>({ capacity });

/** Least frequently used (ties: least recently used), via the library's {@link LFUCache}. */
export const lfuPolicy: CacheFactory<number> = (capacity) => new LFUCache<number, true>({ capacity });

/** First in, first out, via {@link FIFOCache}. */
export const fifoPolicy: CacheFactory<number> = countPolicy(FIFOCache);

/** CLOCK with a 1-bit reference counter, via {@link ClockCache}. */
export const clockPolicy: CacheFactory<number> = countPolicy(ClockCache);

/** SIEVE, via {@link SieveCache}. */
export const sievePolicy: CacheFactory<number> = countPolicy(SieveCache);

/** S3-FIFO with libCacheSim's default parameters, via {@link S3FIFOCache}. */
export const s3fifoPolicy: CacheFactory<number> = countPolicy(S3FIFOCache);

/** ARC (Megiddo & Modha), via {@link ARCCache}. */
export const arcPolicy: CacheFactory<number> = countPolicy(ARCCache);

/** W-TinyLFU with Caffeine's defaults (1 % window, 80 % protected, doorkeeper), via {@link WTinyLFUCache}. */
export const wTinyLfuPolicy: CacheFactory<number> = countPolicy(WTinyLFUCache);

/** Bélády's optimal policy: the upper bound (see `simulateOptimal`). */
export const optimalPolicy: CurvePolicy<number> = { simulate: simulateOptimal };

/** Bélády's policy allowed to refuse a missed key: the upper bound for caches with admission control. */
export const optimalWithBypassPolicy: CurvePolicy<number> = { simulate: simulateOptimalWithBypass };
