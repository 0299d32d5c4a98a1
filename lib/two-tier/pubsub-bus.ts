import { randomUUID } from 'crypto';
import type { Redis } from 'ioredis';
import { assertOptionsObject } from '../core/options';
import { assertFunction } from '../core/validate';
import { isRedisClient, watchConnection, whenReady } from './bus-connection';
import { InvalidationBus, InvalidationListener } from './invalidation-bus';
import { decodeInvalidation, encodeInvalidation } from './invalidation-message';

/** Options for {@link RedisPubSubBus}. */
export interface RedisPubSubBusOptions {
  /** A normal connection to PUBLISH on (the L2's own client is fine). */
  publisher: Redis;
  /** A connection used only to SUBSCRIBE: a subscribed RESP2 connection can do nothing else. */
  subscriber: Redis;
  /** The channel is `${namespace}:invalidate`: one channel per namespace. */
  namespace: string;
  /** This instance's id, carried by its messages (default: a random UUID). */
  instanceId?: string;
  /** Called when a publish fails or a malformed message arrives. */
  onWarning?: (message: string, error: unknown) => void;
}

/**
 * Invalidations over Redis pub/sub: after writing L2, an instance PUBLISHes
 * `{ from, keys }` (or `{ from, clear: true }`) on `${namespace}:invalidate`; every subscribed
 * instance but the sender drops those keys from its L1.
 *
 * Pub/sub is fire-and-forget: a subscriber that is disconnected when a message is published
 * never gets it. The bus therefore reports every loss of its subscription
 * (`disconnected`) and every resubscription (`reconnected`), and the cache distrusts L1 in
 * between.
 */
export class RedisPubSubBus implements InvalidationBus {
  readonly mode = 'pubsub';
  readonly instanceId: string;
  /** The channel this bus publishes and listens on. */
  readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly onWarning?: (message: string, error: unknown) => void;
  private listener?: InvalidationListener;
  private subscribed = false;
  private closed = false;
  private detach?: () => void;
  private readonly onMessage = (channel: string, text: string) => this.receive(channel, text);

  /** @throws TypeError if a connection is missing, the namespace is empty or `onWarning` is not a function. */
  constructor(options: RedisPubSubBusOptions) {
    assertOptionsObject('options', options);
    if (!isRedisClient(options.publisher)) throw new TypeError('publisher must be an ioredis client');
    if (!isRedisClient(options.subscriber)) throw new TypeError('subscriber must be an ioredis client');
    if (options.publisher === options.subscriber) throw new TypeError('subscriber must be a connection of its own, not the publisher');
    if (typeof options.namespace !== 'string' || options.namespace === '') throw new TypeError('namespace must be a non-empty string');
    if (options.onWarning !== undefined) assertFunction('onWarning', options.onWarning);
    if (options.instanceId !== undefined && (typeof options.instanceId !== 'string' || options.instanceId === '')) {
      throw new TypeError('instanceId must be a non-empty string');
    }
    this.publisher = options.publisher;
    this.subscriber = options.subscriber;
    this.channel = `${options.namespace}:invalidate`;
    this.instanceId = options.instanceId ?? randomUUID();
    this.onWarning = options.onWarning;
  }

  /** {@inheritDoc InvalidationBus.connected} */
  get connected(): boolean {
    return this.subscribed;
  }

  /** {@inheritDoc InvalidationBus.start} */
  async start(listener: InvalidationListener): Promise<void> {
    if (this.listener) throw new Error('the bus is already started');
    this.listener = listener;
    this.subscriber.on('message', this.onMessage);
    this.detach = watchConnection(
      this.subscriber,
      () => this.lost(),
      () => void this.resubscribe(),
    );
    await whenReady(this.subscriber);
    await this.subscriber.subscribe(this.channel);
    this.subscribed = true;
  }

  /** {@inheritDoc InvalidationBus.publish} */
  async publish(keys: readonly string[] | null): Promise<boolean> {
    if (keys !== null && keys.length === 0) return false;
    try {
      await this.publisher.publish(this.channel, encodeInvalidation({ from: this.instanceId, keys }));
      return true;
    } catch (error) {
      this.onWarning?.(`invalidation not published on ${this.channel}: ${(error as Error).message}`, error);
      return false;
    }
  }

  /** {@inheritDoc InvalidationBus.close} */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.detach?.();
    this.subscriber.off('message', this.onMessage);
    this.subscribed = false;
    if (this.subscriber.status === 'ready') await this.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  private receive(channel: string, text: string): void {
    if (channel !== this.channel || !this.listener) return;
    const message = decodeInvalidation(text);
    if (message === undefined) {
      this.onWarning?.(`malformed invalidation on ${channel}: ${text.slice(0, 100)}`, undefined);
      return;
    }
    if (message.from === this.instanceId) return;
    this.listener.invalidate(message.keys);
  }

  private lost(): void {
    if (this.closed) return;
    this.subscribed = false;
    this.listener?.disconnected();
  }

  private async resubscribe(): Promise<void> {
    if (this.closed) return;
    try {
      // ioredis re-subscribes on its own too; awaiting our own SUBSCRIBE is what tells us when.
      await this.subscriber.subscribe(this.channel);
    } catch (error) {
      // The connection dropped again: the next `ready` retries.
      this.onWarning?.(`resubscribe to ${this.channel} failed: ${(error as Error).message}`, error);
      return;
    }
    if (this.closed || this.subscriber.status !== 'ready') return;
    this.subscribed = true;
    this.listener?.reconnected();
  }
}
