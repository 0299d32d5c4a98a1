/**
 * One app instance of the cross-process two-tier tests: a child process (forked by
 * `two-tier-fleet.ts`) with its own TwoTierCache, driven over IPC (`serveInstanceOps`,
 * the protocol of chapter 11's app instances).
 *
 * Its bus is wrapped by an observer that stamps the arrival of every invalidation (with a clock
 * comparable across processes) and can drop the next few on purpose, to prove that a lost
 * message leaves this instance stale for at most L1's TTL.
 */
import Redis from 'ioredis';
import { RedisCache } from '../../lib/cache/redis-cache';
import { realSleep, wallClock } from '../../lib/core/clock';
import { SingleFlight } from '../../lib/patterns/single-flight';
import { RedisLock } from '../../lib/redis/redis-lock';
import { InstanceOps, serveInstanceOps } from '../../lib/two-tier/app-instance';
import { InvalidationBus, InvalidationListener } from '../../lib/two-tier/invalidation-bus';
import { RedisPubSubBus } from '../../lib/two-tier/pubsub-bus';
import { RedisTrackingBus } from '../../lib/two-tier/tracking-bus';
import { TwoTierCache } from '../../lib/two-tier/two-tier-cache';

/** How a worker is set up. */
export interface WorkerConfig {
  url: string;
  name: string;
  mode: 'pubsub' | 'tracking';
  namespace: string;
  l1TtlMs: number;
  /** Give the two-tier cache a cross-instance RedisLock. */
  lock?: boolean;
  /** Delay before ioredis reconnects the subscriber, so a test can act while it is away. */
  reconnectDelayMs?: number;
}

/** Wraps a bus: stamps arrivals, drops the next N invalidations on request. */
class ObservedBus implements InvalidationBus {
  readonly arrivals = new Map<string, number>();
  dropNext = 0;
  dropped = 0;
  constructor(private readonly inner: InvalidationBus) {}
  get mode() {
    return this.inner.mode;
  }
  get instanceId() {
    return this.inner.instanceId;
  }
  get connected() {
    return this.inner.connected;
  }
  start(listener: InvalidationListener): Promise<void> {
    return this.inner.start({
      ...listener,
      invalidate: (keys) => {
        if (this.dropNext > 0) {
          this.dropNext--;
          this.dropped++;
          return;
        }
        const at = wallClock();
        for (const key of keys ?? []) this.arrivals.set(key, at);
        listener.invalidate(keys);
      },
    });
  }
  publish(keys: readonly string[] | null): Promise<boolean> {
    return this.inner.publish(keys);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

let config: WorkerConfig;
let data: Redis;
let subscriber: Redis;
let db: Redis;
let bus: ObservedBus;
let cache: TwoTierCache<string>;
let l2: RedisCache<string>;
let lock: RedisLock;
const flights = new SingleFlight();

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function connected(client: Redis): Promise<Redis> {
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
  return client;
}

async function init(next: WorkerConfig): Promise<{ instanceId: string }> {
  config = next;
  data = await connected(
    new Redis(config.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_000, connectionName: `tt-data-${config.name}` }),
  );
  subscriber = new Redis(config.url, {
    connectionName: `tt-sub-${config.name}`,
    retryStrategy: () => config.reconnectDelayMs ?? 50,
  });
  db = await connected(new Redis(config.url, { connectionName: `tt-db-${config.name}` }));
  for (const client of [data, subscriber, db]) client.on('error', () => undefined);
  l2 = new RedisCache<string>({ client: data, namespace: config.namespace });
  const inner =
    config.mode === 'pubsub'
      ? new RedisPubSubBus({ publisher: data, subscriber, namespace: config.namespace, instanceId: config.name })
      : new RedisTrackingBus({ client: data, subscriber, namespace: config.namespace, instanceId: config.name });
  bus = new ObservedBus(inner);
  lock = new RedisLock(data, { ttlMs: 5_000, retryDelayMs: 10, timeoutMs: 5_000 });
  cache = new TwoTierCache<string>({ l2, bus, l1TtlMs: config.l1TtlMs, lock: config.lock ? lock : undefined });
  await cache.start();
  return { instanceId: bus.instanceId };
}

/** Reads until `expected` comes from L1 (so this instance holds it in process). */
async function prime(key: string, expected: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const before = cache.stats().l1Hits;
    const value = await cache.get(key);
    if (value === expected && cache.stats().l1Hits > before) return;
    if (Date.now() > deadline) throw new Error(`${config.name}: ${key} never became an L1 hit of ${expected} (last ${value})`);
    await nextTurn();
  }
}

/**
 * Reads `key` in a loop until it returns `expected`. A read that started after the
 * invalidation of `key` arrived and still returned something else is a violation.
 */
async function watch(key: string, expected: string, timeoutMs: number) {
  bus.arrivals.delete(key);
  const startedAt = wallClock();
  let reads = 0;
  let staleReads = 0;
  let violations = 0;
  for (;;) {
    const readAt = wallClock();
    const value = await cache.get(key);
    reads++;
    if (value === expected) {
      return { startedAt, seenAt: wallClock(), receivedAt: bus.arrivals.get(key) ?? null, reads, staleReads, violations };
    }
    staleReads++;
    const arrival = bus.arrivals.get(key);
    if (arrival !== undefined && readAt > arrival) violations++;
    if (wallClock() - startedAt > timeoutMs) throw new Error(`${config.name}: ${key} still ${value} after ${timeoutMs} ms`);
    await nextTurn();
  }
}

async function load(key: string, loadMs: number): Promise<string> {
  await db.incr(`loads:${key}`);
  await realSleep(loadMs);
  return `loaded:${key}`;
}

/** `concurrency` simultaneous reads of a cold key under one of the three defences. */
async function stampede(key: string, concurrency: number, strategy: 'single-flight' | 'lock' | 'two-tier', loadMs: number) {
  const read = async (): Promise<string> => {
    if (strategy === 'two-tier') return cache.getOrLoad(key, () => load(key, loadMs));
    return flights.run(key, async () => {
      const cached = await l2.get(key);
      if (cached !== undefined) return cached;
      const fill = async () => {
        const value = await load(key, loadMs);
        await l2.set(key, value);
        return value;
      };
      if (strategy === 'single-flight') return fill();
      return lock.withLock(`lock:${key}`, async () => (await l2.get(key)) ?? fill());
    });
  };
  const values = await Promise.all(Array.from({ length: concurrency }, read));
  return { values: [...new Set(values)] };
}

async function clientIds(): Promise<{ data: number; subscriber: number }> {
  const list = (await db.client('LIST')) as string;
  const idOf = (name: string) => Number(/id=(\d+)/.exec(list.split('\n').find((line) => line.includes(` name=${name} `)) ?? '')?.[1]);
  return { data: idOf(`tt-data-${config.name}`), subscriber: idOf(`tt-sub-${config.name}`) };
}

const ops: InstanceOps = {
  init,
  prime,
  watch,
  stampede,
  clientIds,
  async set(key: string, value: string) {
    const startedAt = wallClock();
    await cache.set(key, value);
    return { startedAt, endedAt: wallClock() };
  },
  async get(key: string) {
    const before = cache.stats().l1Hits;
    const value = await cache.get(key);
    return { value: value ?? null, l1Hit: cache.stats().l1Hits > before };
  },
  async delete(key: string) {
    await cache.delete(key);
  },
  dropNext(count: number) {
    bus.dropNext = count;
  },
  state() {
    return { l1Enabled: cache.l1Enabled, busConnected: bus.connected, dropped: bus.dropped, stats: cache.stats() };
  },
  async close() {
    await cache.close();
    for (const client of [data, subscriber, db]) client.disconnect();
    setImmediate(() => process.exit(0));
  },
};

serveInstanceOps(ops);
