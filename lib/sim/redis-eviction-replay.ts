import type { Redis } from 'ioredis';
import { assertInRange, assertPositiveInteger, describe } from '../core/validate';
import { SimulationResult, simulationResult } from './simulation-result';

/** The `maxmemory-policy` values that evict from every key (the ones a pure cache uses). */
export const REDIS_EVICTION_POLICIES = ['allkeys-lru', 'allkeys-lfu', 'allkeys-random'] as const;

/** One of {@link REDIS_EVICTION_POLICIES}. */
export type RedisEvictionPolicy = (typeof REDIS_EVICTION_POLICIES)[number];

/** Options of {@link replayOnRedis}. */
export interface RedisReplayOptions {
  /**
   * A connection to a redis-server the caller owns (e.g. from `startPrivateRedis`): the replay
   * runs FLUSHALL and CONFIG SET on it.
   */
  redis: Redis;
  /** About how many of the trace's keys Redis should hold: `maxmemory` is sized for this many. */
  capacity: number;
  /** Redis's eviction policy. */
  policy: RedisEvictionPolicy;
  /** `maxmemory-samples`: how many keys Redis samples per eviction (1–64; Redis's default is 5). */
  samples: number;
  /** Size of every stored value in bytes (default 1024: large next to Redis's per-key and per-client overheads, so `maxmemory` counts keys precisely). */
  valueBytes?: number;
  /** Requests sent per pipeline round trip (default 64). Larger batches inflate client buffers, which count against maxmemory. */
  batch?: number;
}

/** What a replay on a real Redis produced. */
export interface RedisReplayResult extends SimulationResult {
  readonly policy: RedisEvictionPolicy;
  readonly samples: number;
  /** Keys Redis held on average over the replay's second half: compare exact policies at this many entries. */
  readonly keysHeld: number;
  /** Keys Redis evicted during the replay (`INFO stats` evicted_keys). */
  readonly evictedKeys: number;
  /** The `maxmemory` the replay set, in bytes. */
  readonly maxmemoryBytes: number;
  /** Wall time of the replay itself, in ms. */
  readonly elapsedMs: number;
}

/**
 * One request as one command, so Redis evicts before each request exactly as it would for a
 * real client: a hit is a GET that finds the key (and touches its LRU clock or LFU counter);
 * a miss stores the value, the "load from the database and cache it" step.
 */
const GET_OR_SET = "if redis.call('GET', KEYS[1]) then return 1 end redis.call('SET', KEYS[1], ARGV[1]) return 0";

/**
 * Replays a key stream through a real redis-server under `maxmemory`, so Redis's own sampled
 * eviction decides what stays. `maxmemory` is sized for about `capacity` of the trace's keys
 * (see `maxmemoryFor`); how many Redis really held is measured and reported as `keysHeld`.
 *
 * Redis approximates LRU and LFU by sampling `samples` keys per eviction. Its LRU clock ticks
 * once per second (`LRU_CLOCK_RESOLUTION` is 1000 ms in Redis's source): a replay much faster
 * than the trace's real pace leaves most keys with the same idle time, and then `allkeys-lru`
 * can only pick among equals. LFU's counters need no clock, so `allkeys-lfu` does not suffer.
 *
 * @throws RangeError naming the parameter for bad options; TypeError when `redis` is missing.
 */
export async function replayOnRedis(keys: readonly (string | number)[], options: RedisReplayOptions): Promise<RedisReplayResult> {
  if (!Array.isArray(keys)) throw new TypeError(`keys must be an array, got ${describe(keys)}`);
  const { redis, capacity, policy, samples } = options;
  if (redis === null || typeof redis !== 'object' || typeof redis.evalsha !== 'function') {
    throw new TypeError(`redis must be an ioredis connection, got ${describe(redis)}`);
  }
  assertPositiveInteger('capacity', capacity);
  if (!(REDIS_EVICTION_POLICIES as readonly string[]).includes(policy)) {
    throw new RangeError(`policy must be one of ${REDIS_EVICTION_POLICIES.join(', ')}, got ${describe(policy)}`);
  }
  assertPositiveInteger('samples', samples);
  assertInRange('samples', samples, 1, 64);
  const valueBytes = options.valueBytes ?? 1024;
  assertPositiveInteger('valueBytes', valueBytes);
  const batch = options.batch ?? 64;
  assertPositiveInteger('batch', batch);

  const value = 'v'.repeat(valueBytes);
  const sha = (await redis.script('LOAD', GET_OR_SET)) as string;
  /** Sends one batch of requests as one pipeline; resolves to the number of hits. */
  const send = async (batchKeys: Array<string | number>): Promise<number> => {
    const pipeline = redis.pipeline();
    for (const key of batchKeys) pipeline.evalsha(sha, 1, cacheKey(key), value);
    let hits = 0;
    for (const [error, result] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      hits += Number(result);
    }
    return hits;
  };
  await redis.config('SET', 'maxmemory-policy', policy);
  await redis.config('SET', 'maxmemory-samples', String(samples));
  const maxmemoryBytes = await maxmemoryFor(redis, keys, capacity, send);
  await redis.config('SET', 'maxmemory', String(maxmemoryBytes));
  await redis.config('RESETSTAT');

  const started = Date.now();
  let hits = 0;
  let heldSum = 0;
  let heldSamples = 0;
  const secondHalf = Math.floor(keys.length / 2);
  for (let from = 0; from < keys.length; from += batch) {
    hits += await send(keys.slice(from, from + batch) as Array<string | number>);
    // Sampled every 16 batches in the second half, once the cache is full and evicting.
    if (from >= secondHalf && (from / batch) % 16 === 0) {
      heldSum += await redis.dbsize();
      heldSamples += 1;
    }
  }
  const elapsedMs = Date.now() - started;
  const keysHeld = heldSamples === 0 ? await redis.dbsize() : Math.round(heldSum / heldSamples);
  const evictedKeys = Number(/^evicted_keys:(\d+)/m.exec(await redis.info('stats'))?.[1] ?? 0);
  await redis.config('SET', 'maxmemory', '0');
  return { ...simulationResult(keys.length, hits), policy, samples, keysHeld, evictedKeys, maxmemoryBytes, elapsedMs };
}

function cacheKey(key: string | number): string {
  return `k:${key}`;
}

/** The first `count` distinct keys of the stream, padded with keys the stream never uses. */
function distinctKeys(keys: readonly (string | number)[], count: number): Array<string | number> {
  const seen = new Set<string | number>();
  for (const key of keys) {
    if (seen.size === count) break;
    seen.add(key);
  }
  for (let extra = 0; seen.size < count; extra += 1) seen.add(`calibration:${extra}`);
  return [...seen];
}

/**
 * The `maxmemory` at which Redis holds about `capacity` keys of this stream: what the server
 * uses with no keys, plus `capacity` times one key's `MEMORY USAGE`. What the server uses
 * besides keys (client buffers above all) moves with the traffic, so the number of keys Redis
 * really holds is measured during the replay, not assumed.
 */
async function maxmemoryFor(
  redis: Redis,
  keys: readonly (string | number)[],
  capacity: number,
  send: (batch: Array<string | number>) => Promise<number>,
): Promise<number> {
  await redis.config('SET', 'maxmemory', '0');
  await redis.flushall();
  const sample = distinctKeys(keys, 16);
  await send(sample);
  let perKey = 0;
  for (const key of sample) perKey += Number(await redis.memory('USAGE', cacheKey(key)));
  await redis.flushall();
  return (await usedMemory(redis)) + Math.round((perKey / sample.length) * capacity);
}

async function usedMemory(redis: Redis): Promise<number> {
  const match = /^used_memory:(\d+)/m.exec(await redis.info('memory'));
  if (!match) throw new Error('INFO memory did not report used_memory');
  return Number(match[1]);
}
