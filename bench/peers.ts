/**
 * The two-tier peers of the benchmarks, built the way their READMEs build them:
 * bentocache (memory L1 + Redis L2 + Redis bus) and cacheable (primary in memory, secondary
 * @keyv/redis). Both packages are ESM; Node ≥ 20.19 loads them through require().
 */
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { Cacheable, CacheableMemory, Keyv } from 'cacheable';
import KeyvRedis from '@keyv/redis';
import type { RedisOptions } from 'ioredis';
import type { Message } from 'qified';
import { IoredisMessageProvider } from './qified-ioredis-provider';

/** What a benchmark needs of a peer: read through it, and close it. */
export interface PeerCache {
  readonly name: string;
  getOrSet(key: string, load: () => Promise<unknown>): Promise<unknown>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
  /** The bentocache instance, to listen to its bus (undefined for cacheable). */
  readonly bento?: BentoCache<any>;
}

function connection(url: string): RedisOptions {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** bentocache: memory L1 of `l1Items` entries, Redis L2, Redis bus; TTL `ttlMs`. */
export function bentocachePeer(url: string, namespace: string, l1Items: number, ttlMs: number): PeerCache {
  const bento = new BentoCache({
    default: 'tiered',
    prefix: namespace,
    ttl: ttlMs,
    stores: {
      tiered: bentostore()
        .useL1Layer(memoryDriver({ maxItems: l1Items }))
        .useL2Layer(redisDriver({ connection: connection(url) }))
        .useBus(redisBusDriver({ connection: connection(url) })),
    },
  });
  return {
    name: 'bentocache@1 (memory + Redis + bus)',
    bento,
    getOrSet: (key, load) => bento.getOrSet({ key, factory: load }),
    delete: async (key) => void (await bento.delete({ key })),
    close: () => bento.disconnectAll(),
  };
}

/**
 * cacheable: CacheableMemory primary of `l1Items` entries (LRU), @keyv/redis secondary; TTL
 * `ttlMs`. With `onSyncMessage`, `CacheableSync` runs over Redis pub/sub (see
 * {@link IoredisMessageProvider}) and every sync message that arrives is reported.
 */
export function cacheablePeer(url: string, namespace: string, l1Items: number, ttlMs: number, onSyncMessage?: (topic: string, message: Message) => void): PeerCache & { cacheId: string } {
  const secondary = new KeyvRedis(url);
  const cache = new Cacheable({
    primary: new Keyv({ store: new CacheableMemory({ lruSize: l1Items }) }),
    secondary: new Keyv({ store: secondary, namespace }),
    ttl: ttlMs,
    ...(onSyncMessage ? { sync: { qified: new IoredisMessageProvider(url, onSyncMessage), namespace } } : {}),
  });
  return {
    name: 'cacheable@2 (memory + @keyv/redis)',
    cacheId: cache.cacheId,
    getOrSet: (key, load) => cache.getOrSet(key, load),
    delete: async (key) => void (await cache.delete(key)),
    close: async () => {
      await cache.disconnect();
    },
  };
}
