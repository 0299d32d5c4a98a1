/**
 * Reference solution: a two-tier cache shared by several app instances.
 *
 * L1 is a small LRU + TTL map inside this process; L2 is Redis, shared by every instance. A
 * write goes to Redis first, then to this instance's L1, then an invalidation is published on
 * `${namespace}:invalidate` carrying this instance's id; every other instance drops the key
 * from its L1, and the sender ignores its own message (its L1 already holds the new value). A
 * lost message leaves another instance stale for at most `l1TtlMs`.
 */
import { randomUUID } from 'crypto';
import type { Redis } from 'ioredis';

/** Options of {@link TwoTierCache}. */
export interface TwoTierCacheOptions {
  /** A normal connection: GET/SET/DEL/PUBLISH. */
  redis: Redis;
  /** A connection used only to SUBSCRIBE (a subscribed connection can do nothing else). */
  subscriber: Redis;
  /** Redis keys are `${namespace}:${key}`; the channel is `${namespace}:invalidate`. */
  namespace: string;
  /** Most entries in L1 (a positive integer). */
  l1Capacity: number;
  /** How long an L1 entry is served without asking Redis, in ms. */
  l1TtlMs: number;
  /** The PX of every Redis SET, in ms. */
  l2TtlMs: number;
  /** The clock of L1's expiry (default `Date.now`). */
  now?: () => number;
}

/** The counters of {@link TwoTierCache.stats}. */
export interface TwoTierCacheStats {
  l1Hits: number;
  l2Hits: number;
  misses: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/** An invalidation on the channel: who sent it and which key changed. */
interface Message {
  from: string;
  key: string;
}

/** L1 in process + L2 in Redis, kept coherent by pub/sub invalidations. */
export class TwoTierCache<V> {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly namespace: string;
  private readonly channel: string;
  private readonly l1Capacity: number;
  private readonly l1TtlMs: number;
  private readonly l2TtlMs: number;
  private readonly now: () => number;
  /** A Map iterates in insertion order: re-inserting on use keeps the least recently used first. */
  private readonly l1 = new Map<string, Entry<V>>();
  private readonly loads = new Map<string, Promise<V>>();
  private readonly id = randomUUID();
  private counts: TwoTierCacheStats = { l1Hits: 0, l2Hits: 0, misses: 0 };
  private readonly onMessage = (_channel: string, text: string) => this.receive(text);

  constructor(options: TwoTierCacheOptions) {
    const { redis, subscriber, namespace, l1Capacity, l1TtlMs, l2TtlMs, now } = options;
    if (!namespace) throw new TypeError('namespace must be a non-empty string');
    if (!Number.isInteger(l1Capacity) || l1Capacity < 1) throw new RangeError(`l1Capacity must be a positive integer, got ${l1Capacity}`);
    for (const [name, value] of [['l1TtlMs', l1TtlMs], ['l2TtlMs', l2TtlMs]] as const) {
      // Number.isFinite is false for anything that is not a number, NaN and ±Infinity included.
      if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of ms, got ${value}`);
    }
    this.redis = redis;
    this.subscriber = subscriber;
    this.namespace = namespace;
    this.channel = `${namespace}:invalidate`;
    this.l1Capacity = l1Capacity;
    this.l1TtlMs = l1TtlMs;
    this.l2TtlMs = l2TtlMs;
    this.now = now ?? Date.now;
  }

  /** Subscribes to the invalidation channel; resolves once subscribed. */
  async start(): Promise<void> {
    this.subscriber.on('message', this.onMessage);
    await this.subscriber.subscribe(this.channel);
  }

  /** A live L1 entry, else Redis (filling L1), else `undefined`. */
  async get(key: string): Promise<V | undefined> {
    const entry = this.l1.get(key);
    if (entry !== undefined && this.now() < entry.expiresAt) {
      this.l1.delete(key);
      this.l1.set(key, entry);
      this.counts.l1Hits++;
      return entry.value;
    }
    this.l1.delete(key); // expired (or absent)
    const text = await this.redis.get(this.redisKey(key));
    if (text === null) {
      this.counts.misses++;
      return undefined;
    }
    const value = JSON.parse(text) as V;
    this.counts.l2Hits++;
    this.remember(key, value);
    return value;
  }

  /** Redis first, then L1, then tells the other instances. */
  async set(key: string, value: V): Promise<void> {
    await this.redis.set(this.redisKey(key), JSON.stringify(value), 'PX', this.l2TtlMs);
    this.remember(key, value);
    await this.publish(key);
  }

  /** Redis first, then L1, then tells the other instances. */
  async delete(key: string): Promise<void> {
    await this.redis.del(this.redisKey(key));
    this.l1.delete(key);
    await this.publish(key);
  }

  /** The cached value, or else `loader()`'s (one call per key at a time in this instance), which is then `set`. */
  async getOrLoad(key: string, loader: () => Promise<V>): Promise<V> {
    const cached = await this.get(key);
    if (cached !== undefined) return cached;
    const running = this.loads.get(key);
    if (running !== undefined) return running;
    const load = (async () => {
      const value = await loader();
      await this.set(key, value);
      return value;
    })();
    this.loads.set(key, load);
    try {
      return await load;
    } finally {
      this.loads.delete(key);
    }
  }

  /** A copy of the counters. */
  stats(): TwoTierCacheStats {
    return { ...this.counts };
  }

  /** Stops listening (the connections are the caller's to close). */
  async close(): Promise<void> {
    this.subscriber.off('message', this.onMessage);
    await this.subscriber.unsubscribe(this.channel);
  }

  private redisKey(key: string): string {
    return `${this.namespace}:${key}`;
  }

  private remember(key: string, value: V): void {
    this.l1.delete(key);
    if (this.l1.size >= this.l1Capacity) this.l1.delete(this.l1.keys().next().value as string);
    this.l1.set(key, { value, expiresAt: this.now() + this.l1TtlMs });
  }

  private async publish(key: string): Promise<void> {
    const message: Message = { from: this.id, key };
    await this.redis.publish(this.channel, JSON.stringify(message));
  }

  /** The subscriber connection is this cache's alone, so every message is on our channel. */
  private receive(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return; // not one of ours: never let a stray message crash the process
    }
    if (message.from !== this.id) this.l1.delete(message.key);
  }
}
