import Redis from 'ioredis';
import type { Message, MessageProvider, TopicHandler } from 'qified';

/**
 * A qified message provider over Redis pub/sub (ioredis), so cacheable's `CacheableSync` can run
 * between processes in the benchmark. The official one is `@qified/redis`, which is not
 * installed here; this does what it does: JSON messages on a Redis channel per topic.
 */
export class IoredisMessageProvider implements MessageProvider {
  id = 'redis';
  subscriptions = new Map<string, TopicHandler[]>();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, private readonly onMessage?: (topic: string, message: Message) => void) {
    this.publisher = new Redis(url);
    this.subscriber = new Redis(url);
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    this.subscriber.on('message', (topic: string, text: string) => {
      const message = { ...(JSON.parse(text) as Message), providerId: this.id };
      this.onMessage?.(topic, message);
      for (const { handler } of this.subscriptions.get(topic) ?? []) void handler(message);
    });
  }

  async publish(topic: string, message: Omit<Message, 'providerId'>): Promise<void> {
    await this.publisher.publish(topic, JSON.stringify(message));
  }

  async subscribe(topic: string, handler: TopicHandler): Promise<void> {
    const handlers = this.subscriptions.get(topic) ?? [];
    if (handlers.length === 0) await this.subscriber.subscribe(topic);
    this.subscriptions.set(topic, [...handlers, handler]);
  }

  async unsubscribe(topic: string, id?: string): Promise<void> {
    const left = id === undefined ? [] : (this.subscriptions.get(topic) ?? []).filter((h) => h.id !== id);
    if (left.length === 0) {
      this.subscriptions.delete(topic);
      await this.subscriber.unsubscribe(topic);
    } else {
      this.subscriptions.set(topic, left);
    }
  }

  async disconnect(): Promise<void> {
    this.subscriptions.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
