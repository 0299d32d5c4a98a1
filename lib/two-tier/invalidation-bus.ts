/**
 * What a {@link TwoTierCache} needs from the channel that tells it another instance changed a
 * key: two implementations exist, Redis pub/sub ({@link RedisPubSubBus}) and Redis
 * server-assisted client-side caching ({@link RedisTrackingBus}).
 */

/** Which mechanism carries the invalidations. */
export type InvalidationMode = 'pubsub' | 'tracking';

/** What a bus reports to the cache that started it. */
export interface InvalidationListener {
  /**
   * Another instance changed these keys (as the cache names them, without any L2 prefix), or
   * everything (`null`: a clear or a flush). The cache drops them from L1.
   */
  invalidate(keys: readonly string[] | null): void;
  /** The bus lost its subscription: messages may be lost from now on, L1 cannot be trusted. */
  disconnected(): void;
  /** The bus is subscribed again: anything may have changed while it was away. */
  reconnected(): void;
}

/** A channel of invalidations between the instances sharing one L2. */
export interface InvalidationBus {
  readonly mode: InvalidationMode;
  /** This instance's id; messages it sent itself are not reported back to it. */
  readonly instanceId: string;
  /** True while subscribed, i.e. while every invalidation sent from now on will arrive. */
  readonly connected: boolean;
  /** Subscribes and reports to `listener`; resolves once subscribed. Call once. */
  start(listener: InvalidationListener): Promise<void>;
  /**
   * Tells the other instances that these keys changed in L2 (`null`: all of them). Called after
   * the L2 write. Resolves to whether a message was sent (the tracking bus sends none: Redis
   * notifies on its own). Never rejects: a lost message only leaves others stale for L1's TTL.
   */
  publish(keys: readonly string[] | null): Promise<boolean>;
  /** Unsubscribes; closes only connections the bus opened itself (none of the shipped ones do). */
  close(): Promise<void>;
}
