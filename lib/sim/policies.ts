import { LFUCache } from '../core/lfu-cache';
import { LRUCache } from '../core/lru-cache';
import { simulateOptimal } from './belady';
import { CurvePolicy } from './miss-ratio-curve';
import { CacheFactory } from './simulated-cache';

/** The eviction policies the hit-rate chapters compare, ready for `missRatioCurve`. */

/** Least recently used, via the library's {@link LRUCache}. */
export const lruPolicy: CacheFactory<number> = (capacity) => new LRUCache<number, true>({ capacity });

/** Least frequently used (ties: least recently used), via the library's {@link LFUCache}. */
export const lfuPolicy: CacheFactory<number> = (capacity) => new LFUCache<number, true>({ capacity });

/** Bélády's optimal policy: the upper bound (see `simulateOptimal`). */
export const optimalPolicy: CurvePolicy<number> = { simulate: simulateOptimal };
