import { AsyncCache } from '../../lib/cache/async-cache';
import { MemoryAsyncCache } from '../../lib/cache/memory-async-cache';
import { RedisCache } from '../../lib/cache/redis-cache';
import { PrivateRedis } from '../../lib/redis/private-redis';
import { usePrivateRedis } from './services';

/** What a pattern suite gets: a fresh, empty cache per call, of the kind under test. */
export interface CacheKit {
  kind: 'memory' | 'redis';
  make<V>(): AsyncCache<V>;
  /** The private redis-server (redis kind only). */
  server(): PrivateRedis;
}

/**
 * Declares `body` twice: once over {@link MemoryAsyncCache}, once over {@link RedisCache} on a
 * private redis-server, so every pattern is proved against both.
 */
export function describeForEachCache(title: string, body: (kit: CacheKit) => void): void {
  describe(`${title} — over the in-memory cache`, () => {
    body({
      kind: 'memory',
      make: <V>() => new MemoryAsyncCache<V>(),
      server: () => {
        throw new Error('no redis-server in the memory variant');
      },
    });
  });

  describe(`${title} — over Redis (real redis-server)`, () => {
    const redis = usePrivateRedis();
    const opened: RedisCache[] = [];
    let seq = 0;
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((cache) => cache.close()));
    });
    body({
      kind: 'redis',
      make: <V>() => {
        const cache = new RedisCache<V>({ url: redis().url, namespace: `${title.replace(/\W+/g, '-')}-${++seq}`, commandTimeoutMs: 500 });
        opened.push(cache as RedisCache);
        return cache;
      },
      server: redis,
    });
  });
}
