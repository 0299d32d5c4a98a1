import { randomUUID } from 'crypto';
import type { Redis } from 'ioredis';
import { assertOptionsObject } from '../core/options';
import { assertFunction } from '../core/validate';
import { isRedisClient, watchConnection, whenReady } from './bus-connection';
import { InvalidationBus, InvalidationListener } from './invalidation-bus';

/** The channel Redis publishes tracking invalidations on for RESP2 clients. */
export const TRACKING_CHANNEL = '__redis__:invalidate';

/** Options for {@link RedisTrackingBus}. */
export interface RedisTrackingBusOptions {
  /**
   * The data connection: the one the L2 cache writes with (pass it to `RedisCache` as `client`).
   * Tracking is switched on for it, and NOLOOP spares it the notices of its own writes.
   */
  client: Redis;
  /** A connection used only to receive the notices (the REDIRECT target). */
  subscriber: Redis;
  /** Used for the tracked prefix when `keyPrefix` is not given. */
  namespace: string;
  /**
   * The Redis key prefix of the L2 entries, stripped from the keys Redis reports (default
   * `${namespace}:`, `RedisCache`'s prefix for that namespace).
   */
  keyPrefix?: string;
  /** This instance's id (tracking needs none on the wire; it names the instance in stats). */
  instanceId?: string;
  /** Called when tracking cannot be (re-)enabled. */
  onWarning?: (message: string, error: unknown) => void;
}

/**
 * Invalidations by Redis itself: server-assisted client-side caching. The data connection runs
 * `CLIENT TRACKING ON REDIRECT <subscriber id> BCAST PREFIX <prefix> NOLOOP`, and the subscriber
 * (RESP2, as ioredis speaks it) listens on `__redis__:invalidate`, where Redis sends the names of
 * keys under the prefix that anyone else modified (or `null` on FLUSHALL/FLUSHDB).
 *
 * Why BCAST: in the default mode Redis remembers, per client, the keys it read, and forgets a key
 * after notifying it once; a writer that only SETs a key is not tracking it, so another
 * instance's later write would not reach it. BCAST needs no per-key memory on the server and
 * notifies every write under the prefix, at the cost of notices for keys this instance does not
 * hold (OPTIN, the third mode, tracks only reads preceded by `CLIENT CACHING yes`: less server
 * memory than the default, same forgetting). Why NOLOOP: without it the writer would be told of
 * its own write and drop the fresh entry it just cached (the notice carries no sender).
 *
 * Tracking belongs to a connection: if either connection drops, the server forgets it (or keeps
 * redirecting to a dead client id), so the bus reports `disconnected`, and once both are back it
 * re-enables tracking with the subscriber's new id before reporting `reconnected`.
 */
export class RedisTrackingBus implements InvalidationBus {
  readonly mode = 'tracking';
  readonly instanceId: string;
  /** The tracked key prefix. */
  readonly keyPrefix: string;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly onWarning?: (message: string, error: unknown) => void;
  private listener?: InvalidationListener;
  private tracking = false;
  private closed = false;
  private subscriberId?: Promise<number>;
  private detachers: Array<() => void> = [];
  private readonly onMessage = (channel: Buffer, keys: Buffer[] | Buffer | null) => this.receive(channel, keys);

  /** @throws TypeError if a connection is missing or shared, the namespace is empty, or `onWarning` is not a function. */
  constructor(options: RedisTrackingBusOptions) {
    assertOptionsObject('options', options);
    if (!isRedisClient(options.client)) throw new TypeError('client must be an ioredis client');
    if (!isRedisClient(options.subscriber)) throw new TypeError('subscriber must be an ioredis client');
    if (options.client === options.subscriber) throw new TypeError('subscriber must be a connection of its own, not the data client');
    if (typeof options.namespace !== 'string' || options.namespace === '') throw new TypeError('namespace must be a non-empty string');
    if (options.keyPrefix !== undefined && (typeof options.keyPrefix !== 'string' || options.keyPrefix === '')) {
      throw new TypeError('keyPrefix must be a non-empty string');
    }
    if (options.onWarning !== undefined) assertFunction('onWarning', options.onWarning);
    this.client = options.client;
    this.subscriber = options.subscriber;
    this.keyPrefix = options.keyPrefix ?? `${options.namespace}:`;
    this.instanceId = options.instanceId ?? randomUUID();
    this.onWarning = options.onWarning;
  }

  /** {@inheritDoc InvalidationBus.connected} */
  get connected(): boolean {
    return this.tracking;
  }

  /** {@inheritDoc InvalidationBus.start} */
  async start(listener: InvalidationListener): Promise<void> {
    if (this.listener) throw new Error('the bus is already started');
    this.listener = listener;
    this.subscriber.on('messageBuffer', this.onMessage);
    this.detachers = [
      watchConnection(this.subscriber, () => this.lost(), () => this.reestablish(() => this.renewSubscriberId())),
      watchConnection(this.client, () => this.lost(), () => this.reestablish(() => this.subscriberId)),
    ];
    await Promise.all([whenReady(this.subscriber), whenReady(this.client)]);
    // CLIENT ID before SUBSCRIBE: a subscribed RESP2 connection accepts nothing else.
    const id = (this.subscriberId = this.subscriber.client('ID') as Promise<number>);
    await this.subscriber.subscribe(TRACKING_CHANNEL);
    await this.enableTracking(await id);
    this.tracking = true;
  }

  /** Nothing to send: Redis notifies the other instances of every write on its own. */
  async publish(): Promise<boolean> {
    return false;
  }

  /** {@inheritDoc InvalidationBus.close} */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tracking = false;
    for (const detach of this.detachers) detach();
    this.subscriber.off('messageBuffer', this.onMessage);
    if (this.client.status === 'ready') await this.client.call('CLIENT', 'TRACKING', 'OFF').catch(() => undefined);
    if (this.subscriber.status === 'ready') await this.subscriber.unsubscribe(TRACKING_CHANNEL).catch(() => undefined);
  }

  /**
   * The reconnected subscriber has a new id. ioredis has already re-SUBSCRIBEd it, and a
   * subscribed RESP2 connection refuses CLIENT ID: leave pub/sub mode, ask, subscribe again.
   * (Notices sent meanwhile are lost; the cache is distrusting L1 until `reconnected` anyway.)
   */
  private renewSubscriberId(): Promise<number> {
    const id = (async () => {
      await this.subscriber.unsubscribe();
      return (await this.subscriber.client('ID')) as number;
    })();
    this.subscriberId = id;
    return id;
  }

  private async enableTracking(redirectTo: number): Promise<void> {
    // Switching REDIRECT or prefixes on a tracking connection is refused: start from OFF.
    await this.client.call('CLIENT', 'TRACKING', 'OFF');
    await this.client.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(redirectTo), 'BCAST', 'PREFIX', this.keyPrefix, 'NOLOOP');
  }

  private receive(channel: Buffer, keys: Buffer[] | Buffer | null): void {
    if (!this.listener || channel.toString() !== TRACKING_CHANNEL) return;
    // RESP2 sends the keys as an array; a flush sends a null.
    if (keys === null || !Array.isArray(keys)) return this.listener.invalidate(null);
    const names: string[] = [];
    for (const key of keys) {
      const name = key.toString();
      if (name.startsWith(this.keyPrefix)) names.push(name.slice(this.keyPrefix.length));
    }
    if (names.length > 0) this.listener.invalidate(names);
  }

  private lost(): void {
    if (this.closed) return;
    const wasTracking = this.tracking;
    this.tracking = false;
    if (wasTracking) this.listener?.disconnected();
  }

  private reestablish(subscriberId: () => Promise<number> | undefined): void {
    void (async () => {
      if (this.closed) return;
      try {
        const id = await subscriberId();
        if (id === undefined) return;
        if (this.subscriber.status !== 'ready' || this.client.status !== 'ready') return;
        await this.subscriber.subscribe(TRACKING_CHANNEL);
        await this.enableTracking(id);
      } catch (error) {
        // One of the connections dropped again: its next `ready` retries.
        this.onWarning?.(`tracking not re-enabled: ${(error as Error).message}`, error);
        return;
      }
      if (this.closed || this.subscriber.status !== 'ready' || this.client.status !== 'ready' || this.tracking) return;
      this.tracking = true;
      this.listener?.reconnected();
    })();
  }
}
