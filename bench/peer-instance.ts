/**
 * A peer's app instance (bentocache or cacheable, chosen by the `peer` field of its config) as a
 * child process, speaking the IPC protocol of lib/two-tier/app-instance.ts with the operations of app-instance-process.ts (`read`,
 * `write`, `arrivalOf`, `forgetArrivals`, `stats`, `close`), so `measureInvalidationDelay`
 * measures the peers' invalidation exactly as it measures ours. Started by
 * `startAppFleet({ program: this file, extra: { peer } })`.
 */
import { openDatabase, ShopDatabase } from '../lib/db/shop-database';
import type { Product } from '../lib/db/model';
import { InstanceOps, serveInstanceOps } from '../lib/two-tier/app-instance';
import type { AppInstanceConfig } from '../lib/two-tier/app-instance-process';
import { realSleep, wallClock } from '../lib/core/clock';
import { bentocachePeer, cacheablePeer, PeerCache } from './peers';
import { DEFAULT_TTL_MS } from '../lib/core/default-ttl';

let db: ShopDatabase;
let cache: PeerCache;
const arrivals = new Map<string, number>();
let messagesReceived = 0;
const key = (id: number) => `product:${id}`;

const ops: InstanceOps = {
  async init(config: AppInstanceConfig & { peer: 'bentocache' | 'cacheable' }) {
    db = openDatabase({ path: config.databasePath, latencyMs: config.dbLatencyMs });
    const arrived = (keys: readonly string[]) => {
      messagesReceived++;
      const at = wallClock();
      for (const k of keys) arrivals.set(k, at);
    };
    if (config.peer === 'bentocache') {
      cache = bentocachePeer(config.redisUrl, config.namespace, config.l1Capacity, DEFAULT_TTL_MS);
      cache.bento?.on('bus:message:received', (event: { message?: { keys?: string[] } }) => arrived(event.message?.keys ?? []));
    } else {
      let ownId = '';
      const peer = cacheablePeer(config.redisUrl, config.namespace, config.l1Capacity, DEFAULT_TTL_MS, (_topic, message) => {
        const item = message.data as { cacheId?: string; key?: string } | undefined;
        if (item?.cacheId !== ownId && typeof item?.key === 'string') arrived([item.key]);
      });
      ownId = peer.cacheId;
      cache = peer;
    }
    // A first operation connects L2 and the bus.
    await cache.getOrSet('warm-up', async () => 1);
    return { pid: process.pid };
  },
  async read(id: number) {
    const product = (await cache.getOrSet(key(id), async () => (await db.getProduct(id)) as Product)) as Product;
    return { price: product.price, tier: 'unknown' };
  },
  async write(id: number, price: number) {
    await db.updateProductPrice(id, price);
    const startedAt = wallClock();
    await cache.delete(key(id));
    return { startedAt, endedAt: wallClock() };
  },
  async arrivalOf(id: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = [...arrivals.entries()].find(([k]) => k === key(id) || k.endsWith(`:${key(id)}`))?.[1];
      if (at !== undefined || Date.now() > deadline) return at ?? null;
      await realSleep(1);
    }
  },
  forgetArrivals() {
    arrivals.clear();
  },
  stats() {
    return { messagesReceived };
  },
  async close() {
    await cache.close().catch(() => undefined);
    db.close();
    setImmediate(() => process.exit(0));
  },
};

serveInstanceOps(ops);
