import type { Redis } from 'ioredis';
import { LFUCache } from '../core/lfu-cache';
import { LRUCache } from '../core/lru-cache';
import { REDIS_EVICTION_POLICIES, RedisEvictionPolicy, replayOnRedis } from './redis-eviction-replay';
import { simulate } from './simulate';

/** Options of {@link redisEvictionExperiment}. */
export interface RedisEvictionExperimentOptions {
  /** A connection to a redis-server the caller owns (it is flushed and reconfigured). */
  redis: Redis;
  /** How many keys Redis should hold. */
  capacity: number;
  /** The `maxmemory-samples` values to try (default 1, 5 and 10). */
  samples?: readonly number[];
  /** The policies to try (default allkeys-lru, allkeys-lfu and allkeys-random). */
  policies?: readonly RedisEvictionPolicy[];
}

/** One replay on Redis, next to the exact policies at the number of keys Redis really held. */
export interface RedisEvictionRow {
  readonly policy: RedisEvictionPolicy;
  readonly samples: number;
  readonly keysHeld: number;
  /** Redis's hit ratio, in [0, 1]. */
  readonly redisHitRatio: number;
  /** An exact LRU (the library's LRUCache) holding `keysHeld` entries. */
  readonly exactLruHitRatio: number;
  /** An exact LFU (the library's LFUCache, ties broken by recency) holding `keysHeld` entries. */
  readonly exactLfuHitRatio: number;
  readonly elapsedMs: number;
}

/**
 * Redis's sampled eviction against exact LRU and LFU on the same key stream: one real replay per
 * policy and `maxmemory-samples` value (see {@link replayOnRedis}), each set against the exact
 * policies simulated at the number of keys Redis actually held.
 */
export async function redisEvictionExperiment(
  keys: readonly number[],
  options: RedisEvictionExperimentOptions,
): Promise<RedisEvictionRow[]> {
  const rows: RedisEvictionRow[] = [];
  const exact = new Map<number, { lru: number; lfu: number }>();
  for (const policy of options.policies ?? REDIS_EVICTION_POLICIES) {
    for (const samples of options.samples ?? [1, 5, 10]) {
      const run = await replayOnRedis(keys, { redis: options.redis, capacity: options.capacity, policy, samples });
      let reference = exact.get(run.keysHeld);
      if (!reference) {
        const capacity = Math.max(1, run.keysHeld);
        reference = {
          lru: simulate(keys, new LRUCache<number, true>({ capacity })).hitRatio,
          lfu: simulate(keys, new LFUCache<number, true>({ capacity })).hitRatio,
        };
        exact.set(run.keysHeld, reference);
      }
      rows.push({
        policy,
        samples,
        keysHeld: run.keysHeld,
        redisHitRatio: run.hitRatio,
        exactLruHitRatio: reference.lru,
        exactLfuHitRatio: reference.lfu,
        elapsedMs: run.elapsedMs,
      });
    }
  }
  return rows;
}
