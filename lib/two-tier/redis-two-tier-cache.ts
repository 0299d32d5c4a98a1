import Redis from 'ioredis';
import { RedisCache } from '../cache/redis-cache';
import { assertOptionsObject } from '../core/options';
import { assertPositiveDuration } from '../core/validate';
import { RedisLock, RedisLockOptions } from '../redis/redis-lock';
import { InvalidationMode } from './invalidation-bus';
import { RedisPubSubBus } from './pubsub-bus';
import { RedisTrackingBus } from './tracking-bus';
import { TwoTierCache } from './two-tier-cache';
import { TwoTierCacheOptions } from './two-tier-options';

/** Options for {@link createRedisTwoTierCache}: the cache's options, minus what it wires itself. */
export interface RedisTwoTierCacheOptions<V> extends Omit<TwoTierCacheOptions<V>, 'l2' | 'bus' | 'lock'> {
  /** The Redis server, e.g. `startPrivateRedis()`'s `url`. */
  url: string;
  /** Prefix of L2 keys (`${namespace}:`) and name of the pub/sub channel. */
  namespace: string;
  /** How invalidations travel (default `pubsub`). */
  mode?: InvalidationMode;
  /** Take a cross-instance {@link RedisLock} for loads (`true`: default lock options). */
  lock?: boolean | RedisLockOptions;
  /** How long a Redis command may take before L2 counts as unavailable (default 250 ms). */
  commandTimeoutMs?: number;
}

/** A two-tier cache over Redis with the connections it opened. */
export interface RedisTwoTierCache<V> {
  readonly cache: TwoTierCache<V>;
  /** The L2 tier. */
  readonly l2: RedisCache<V>;
  /** Data connection: L2 reads and writes, PUBLISH, the lock; the tracked connection in `tracking` mode. */
  readonly data: Redis;
  /** Subscriber connection: the bus's alone. */
  readonly subscriber: Redis;
  /** Closes the cache's bus and both connections. */
  close(): Promise<void>;
}

/**
 * Wires a {@link TwoTierCache} over one Redis the way the buses need it — a fail-fast data
 * connection shared by L2, the bus and the lock (in `tracking` mode NOLOOP only spares the
 * writes of the tracked connection, so L2 must write on it), plus a subscriber connection — and
 * starts it. Resolves once the bus is subscribed.
 * @throws TypeError / RangeError for bad options, as {@link TwoTierCache} does.
 */
export async function createRedisTwoTierCache<V>(options: RedisTwoTierCacheOptions<V>): Promise<RedisTwoTierCache<V>> {
  assertOptionsObject('options', options);
  const { url, namespace, mode = 'pubsub', lock, commandTimeoutMs = 250, ...cacheOptions } = options;
  if (typeof url !== 'string' || url === '') throw new TypeError('url must be a Redis URL such as redis://127.0.0.1:6379');
  if (mode !== 'pubsub' && mode !== 'tracking') throw new RangeError(`mode must be "pubsub" or "tracking", got ${JSON.stringify(mode)}`);
  assertPositiveDuration('commandTimeoutMs', commandTimeoutMs);
  const data = new Redis(url, {
    // Fail fast while disconnected, so a read falls through to the loader at once (fail-open).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times) => Math.min(50 * times, 1_000),
  });
  const subscriber = new Redis(url, { retryStrategy: (times) => Math.min(50 * times, 1_000) });
  // ioredis reports connection errors as events; without a listener they crash the process.
  for (const connection of [data, subscriber]) connection.on('error', () => undefined);
  const disconnect = async () => {
    // QUIT lets replies in flight arrive; a connection that is not ready is simply dropped.
    await Promise.all([data, subscriber].map((connection) => (connection.status === 'ready' ? connection.quit().then(() => undefined, () => connection.disconnect()) : connection.disconnect())));
  };
  try {
    const l2 = new RedisCache<V>({ client: data, namespace });
    const bus = mode === 'pubsub' ? new RedisPubSubBus({ publisher: data, subscriber, namespace }) : new RedisTrackingBus({ client: data, subscriber, namespace });
    const redisLock = lock ? new RedisLock(data, lock === true ? {} : lock) : undefined;
    const cache = new TwoTierCache<V>({ ...cacheOptions, l2, bus, lock: redisLock });
    await cache.start();
    return {
      cache,
      l2,
      data,
      subscriber,
      async close() {
        await cache.close();
        await disconnect();
      },
    };
  } catch (error) {
    await disconnect();
    throw error;
  }
}
