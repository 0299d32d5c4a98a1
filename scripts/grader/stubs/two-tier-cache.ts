/**
 * Exercise (capstone): a two-tier cache shared by several app instances.
 *
 * Each instance keeps an in-process cache (L1: fast, no network) in front of Redis (L2: shared
 * by every instance). The hard part is coherence: when instance A writes a key, instance B's L1
 * still holds the old value. The fix is a message bus: after writing Redis, A publishes the key
 * on a Redis pub/sub channel; B hears it and drops the key from its L1. A must not drop its own
 * fresh entry, so each message carries the sender's id and an instance ignores its own.
 * If a message is lost, L1's TTL bounds how long B can stay stale.
 *
 * Data structures:
 * - L1: a `Map<string, { value: V; expiresAt: number }>`, at most `l1Capacity` entries, least
 *   recently used evicted first (a Map iterates in insertion order: delete + set on every use
 *   moves a key to the end, so `map.keys().next().value` is the least recently used). An entry
 *   is live while `now() < expiresAt`, with `expiresAt = now() + l1TtlMs` when it is stored.
 * - Redis: key `${namespace}:${key}` holds `JSON.stringify(value)`, set with `PX l2TtlMs`.
 * - The channel `${namespace}:invalidate`; a message such as
 *   `JSON.stringify({ from: instanceId, key })`, with `instanceId = crypto.randomUUID()`.
 * - In-flight loads: a `Map<string, Promise<V>>` (single-flight, as in the stampede exercise).
 *
 * ioredis: `redis.get(k)` resolves to a string or `null`; `redis.set(k, text, 'PX', ms)`;
 * `redis.del(k)`; `redis.publish(channel, text)`. On the subscriber:
 * `subscriber.on('message', (channel, text) => …)` and `await subscriber.subscribe(channel)`.
 * Pub/sub is asynchronous: a message arrives a little after `publish` resolves.
 *
 * Grade it with `npm run grade -- two-tier` (starts a private redis-server and several
 * instances); stuck? `npm run hint -- two-tier`. Parameters start with `_` only so the stub
 * compiles (unused parameters are errors in this project): rename them when you use them.
 */
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

/** L1 in process + L2 in Redis, kept coherent by pub/sub invalidations. */
export class TwoTierCache<V> {
  /**
   * TODO: keep the options. `l1Capacity` must be a positive integer and `l1TtlMs`, `l2TtlMs`
   * positive numbers, else throw a `RangeError` naming the option; an empty `namespace` is a
   * `TypeError`. Pick this instance's id (`crypto.randomUUID()`).
   */
  constructor(_options: TwoTierCacheOptions) {
    throw notImplemented('the TwoTierCache constructor');
  }

  /**
   * TODO: listen for `message` events on the subscriber and subscribe to
   * `${namespace}:invalidate`; resolve once subscribed. On a message from another instance,
   * delete its key from L1; ignore your own messages.
   */
  start(): Promise<void> {
    throw notImplemented('TwoTierCache.start');
  }

  /**
   * TODO: a live L1 entry (count an `l1Hits`, mark it recently used); else Redis key
   * `${namespace}:${key}` parsed from JSON (count an `l2Hits` and store it in L1); else
   * `undefined` (count a `misses`).
   */
  get(_key: string): Promise<V | undefined> {
    throw notImplemented('TwoTierCache.get');
  }

  /** TODO: Redis `SET … PX l2TtlMs` first, then L1, then publish `{ from: yourId, key }`. */
  set(_key: string, _value: V): Promise<void> {
    throw notImplemented('TwoTierCache.set');
  }

  /** TODO: Redis `DEL`, L1 delete, publish. */
  delete(_key: string): Promise<void> {
    throw notImplemented('TwoTierCache.delete');
  }

  /**
   * TODO: return `get(key)` if it finds something; otherwise call `loader()` — once, however
   * many callers of this instance ask for the key at the same time — `set` its result and
   * return it. A failed load rejects every waiting caller and is not remembered.
   */
  getOrLoad(_key: string, _loader: () => Promise<V>): Promise<V> {
    throw notImplemented('TwoTierCache.getOrLoad');
  }

  /** TODO: `{ l1Hits, l2Hits, misses }` (a copy). */
  stats(): TwoTierCacheStats {
    throw notImplemented('TwoTierCache.stats');
  }

  /** TODO: stop listening and unsubscribe (the connections are the caller's to close). */
  close(): Promise<void> {
    throw notImplemented('TwoTierCache.close');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/two-tier-cache.ts`);
}
