import { InvalidationBus, InvalidationListener } from '../../lib/two-tier/invalidation-bus';

/**
 * An in-process stand-in for Redis pub/sub in unit tests: buses of one hub see each other's
 * messages, but only when the test calls {@link MemoryInvalidationHub.deliver}, so races
 * between a message and a read can be staged step by step. A bus can be cut off (its messages
 * are then lost, as pub/sub loses them) and reconnected.
 */
export class MemoryInvalidationHub {
  private readonly buses = new Set<HubBus>();
  private queue: Array<{ from: string; keys: readonly string[] | null }> = [];

  /** A bus for instance `instanceId`. */
  bus(instanceId: string): HubBus {
    const bus = new HubBus(this, instanceId);
    this.buses.add(bus);
    return bus;
  }

  /** Messages published and not delivered yet. */
  get pending(): number {
    return this.queue.length;
  }

  /** Delivers every queued message to every connected bus but its sender. */
  deliver(): void {
    const due = this.queue;
    this.queue = [];
    for (const message of due) for (const bus of this.buses) if (bus.instanceId !== message.from) bus.receive(message.keys);
  }

  /** @internal */
  enqueue(from: string, keys: readonly string[] | null): void {
    this.queue.push({ from, keys });
  }
}

/** One instance's end of a {@link MemoryInvalidationHub}. */
export class HubBus implements InvalidationBus {
  readonly mode = 'pubsub';
  private listener?: InvalidationListener;
  private up = false;
  published = 0;

  constructor(private readonly hub: MemoryInvalidationHub, readonly instanceId: string) {}

  get connected(): boolean {
    return this.up;
  }

  async start(listener: InvalidationListener): Promise<void> {
    this.listener = listener;
    this.up = true;
  }

  async publish(keys: readonly string[] | null): Promise<boolean> {
    this.published++;
    this.hub.enqueue(this.instanceId, keys);
    return true;
  }

  async close(): Promise<void> {
    this.up = false;
  }

  /** The subscription drops: what is delivered until {@link reconnect} is lost. */
  disconnect(): void {
    this.up = false;
    this.listener?.disconnected();
  }

  /** The subscription is back. */
  reconnect(): void {
    this.up = true;
    this.listener?.reconnected();
  }

  /** @internal */
  receive(keys: readonly string[] | null): void {
    if (this.up) this.listener?.invalidate(keys);
  }
}
