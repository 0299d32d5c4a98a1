/**
 * One app instance as a real child process, for chapter 11 and the two-tier benchmarks: its own
 * cache in front of a shared SQLite file, driven over IPC by {@link AppFleet}. Each request is
 * `{ id, op, args }`, each answer `{ id, result }` or `{ id, error }`.
 *
 * Modes: `local` (an L1 + Redis two-tier cache with no invalidation bus: what "one in-process
 * cache per instance" amounts to), `pubsub` and `tracking` (the two invalidation buses).
 * Every invalidation that reaches the instance is stamped with a clock comparable across
 * processes, so the parent can measure the delay from a write in one process to its arrival here.
 */
import Redis from 'ioredis';
import { RedisCache } from '../cache/redis-cache';
import { realSleep, wallClock } from '../core/clock';
import { openDatabase, ShopDatabase } from '../db/shop-database';
import { Product } from '../db/model';
import { SingleFlight } from '../patterns/single-flight';
import { RedisLock } from '../redis/redis-lock';
import { InstanceOps, serveInstanceOps } from './app-instance';
import { InvalidationBus, InvalidationListener } from './invalidation-bus';
import { RedisPubSubBus } from './pubsub-bus';
import { RedisTrackingBus } from './tracking-bus';
import { TwoTierCache } from './two-tier-cache';

/** How an instance is set up. */
export interface AppInstanceConfig {
  /** Name, also the bus instance id. */
  name: string;
  /** The Redis of L2, the bus and the lock. */
  redisUrl: string;
  /** The SQLite file every instance shares (created and seeded by the parent). */
  databasePath: string;
  /** Injected database latency per query, in ms. */
  dbLatencyMs: number;
  mode: 'local' | 'pubsub' | 'tracking';
  namespace: string;
  l1TtlMs: number;
  l1Capacity: number;
}


/** Which tier answered a read. */
export type ReadTier = 'l1' | 'l2' | 'database';

let config: AppInstanceConfig;
let connections: Redis[] = [];
let db: ShopDatabase;
let l2: RedisCache<Product>;
let cache: TwoTierCache<Product>;
let lock: RedisLock;
const arrivals = new Map<string, number>();
let messagesReceived = 0;
const flights = new SingleFlight();

function observe(inner: InvalidationBus): InvalidationBus {
  return {
    get mode() {
      return inner.mode;
    },
    get instanceId() {
      return inner.instanceId;
    },
    get connected() {
      return inner.connected;
    },
    start: (listener: InvalidationListener) =>
      inner.start({
        ...listener,
        invalidate(keys) {
          messagesReceived++;
          const at = wallClock();
          for (const key of keys ?? []) arrivals.set(key, at);
          listener.invalidate(keys);
        },
      }),
    publish: (keys) => inner.publish(keys),
    close: () => inner.close(),
  };
}

async function connect(name: string): Promise<Redis> {
  const client = new Redis(config.redisUrl, { connectionName: `${config.name}-${name}`, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  client.on('error', () => undefined);
  connections.push(client);
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
  return client;
}

const key = (id: number) => `product:${id}`;

const ops: InstanceOps = {
  async init(next: AppInstanceConfig) {
    config = next;
    db = openDatabase({ path: config.databasePath, latencyMs: config.dbLatencyMs });
    const data = await connect('data');
    l2 = new RedisCache<Product>({ client: data, namespace: config.namespace });
    lock = new RedisLock(data, { ttlMs: 5_000, retryDelayMs: 10, timeoutMs: 5_000 });
    let bus: InvalidationBus | undefined;
    if (config.mode !== 'local') {
      const subscriber = await connect('subscriber');
      bus = observe(
        config.mode === 'pubsub'
          ? new RedisPubSubBus({ publisher: data, subscriber, namespace: config.namespace, instanceId: config.name })
          : new RedisTrackingBus({ client: data, subscriber, namespace: config.namespace, instanceId: config.name }),
      );
    }
    cache = new TwoTierCache<Product>({ l2, bus, l1TtlMs: config.l1TtlMs, l1Capacity: config.l1Capacity, lock });
    await cache.start();
    return { pid: process.pid };
  },

  /** Reads a product through the cache, loading from SQLite on a miss, and says which tier answered. */
  async read(id: number): Promise<{ price: number | null; tier: ReadTier }> {
    const before = cache.stats();
    const product = await cache.getOrLoad(key(id), async () => (await db.getProduct(id)) as Product, { lock: false });
    const after = cache.stats();
    const tier: ReadTier = after.l1Hits > before.l1Hits ? 'l1' : after.l2Hits > before.l2Hits ? 'l2' : 'database';
    return { price: product?.price ?? null, tier };
  },

  /**
   * Updates a price in SQLite, then invalidates the cached product (L2, own L1, the bus).
   * `startedAt` is when the invalidation began (after the database write), in {@link wallClock} time.
   */
  async write(id: number, price: number): Promise<{ startedAt: number; endedAt: number }> {
    await db.updateProductPrice(id, price);
    const startedAt = wallClock();
    await cache.delete(key(id));
    return { startedAt, endedAt: wallClock() };
  },

  /** When (wallClock) the last invalidation of product `id` arrived; waits up to `timeoutMs`, `null` if none. */
  async arrivalOf(id: number, timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = arrivals.get(key(id));
      if (at !== undefined || Date.now() > deadline) return at ?? null;
      await realSleep(1);
    }
  },

  forgetArrivals() {
    arrivals.clear();
  },

  /**
   * `concurrency` simultaneous reads of a cold product: `single-flight` (coalesced in this
   * process only), `lock` (plus a Redis lock, re-checking L2 once held) or `two-tier` (the
   * two-tier cache with its lock). Returns the database loads this process made.
   */
  async stampede(id: number, concurrency: number, strategy: 'single-flight' | 'lock' | 'two-tier') {
    const readsBefore = db.stats().byQuery.getProduct ?? 0;
    const load = async () => (await db.getProduct(id)) as Product;
    const read = (): Promise<Product> => {
      if (strategy === 'two-tier') return cache.getOrLoad(key(id), load);
      return flights.run(key(id), async () => {
        const cached = await l2.get(key(id));
        if (cached !== undefined) return cached;
        const fill = async () => {
          const value = await load();
          await l2.set(key(id), value);
          return value;
        };
        return strategy === 'single-flight' ? fill() : lock.withLock(`lock:${config.namespace}:${id}`, async () => (await l2.get(key(id))) ?? fill());
      });
    };
    await Promise.all(Array.from({ length: concurrency }, read));
    return { loads: (db.stats().byQuery.getProduct ?? 0) - readsBefore };
  },

  stats() {
    return { cache: cache.stats(), messagesReceived, databaseReads: db.stats().reads, memory: process.memoryUsage().heapUsed };
  },

  async close() {
    await cache.close().catch(() => undefined);
    for (const client of connections) client.disconnect();
    connections = [];
    db.close();
    setImmediate(() => process.exit(0));
  },
};

// Only as the forked program: importing this module (for its types) must not answer IPC.
if (require.main === module) serveInstanceOps(ops);
