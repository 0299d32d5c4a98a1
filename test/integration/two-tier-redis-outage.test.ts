import { expect } from 'chai';
import Redis from 'ioredis';
import { RedisCache } from '../../lib/cache/redis-cache';
import { RedisPubSubBus } from '../../lib/two-tier/pubsub-bus';
import { RedisTrackingBus } from '../../lib/two-tier/tracking-bus';
import { TwoTierCache } from '../../lib/two-tier/two-tier-cache';
import { usePrivateRedis } from '../support/services';

/** Polls `condition` every 10 ms for up to 10 s. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const mode of ['pubsub', 'tracking'] as const) {
  describe(`two-tier cache when its redis-server dies and comes back — ${mode} (real redis-server)`, function () {
    this.timeout(30_000);
    const server = usePrivateRedis();

    it('reads fail open to the loader, nothing stale is served from L1, and it recovers on its own', async () => {
      const data = new Redis(server().url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 250, retryStrategy: () => 50 });
      const subscriber = new Redis(server().url, { retryStrategy: () => 50 });
      for (const client of [data, subscriber]) client.on('error', () => undefined);
      await new Promise((resolve) => data.once('ready', resolve));
      const namespace = `outage-${mode}`;
      const bus =
        mode === 'pubsub' ? new RedisPubSubBus({ publisher: data, subscriber, namespace }) : new RedisTrackingBus({ client: data, subscriber, namespace });
      const cache = new TwoTierCache<string>({ l2: new RedisCache<string>({ client: data, namespace }), bus, l1TtlMs: 60_000 });
      try {
        await cache.start();
        await cache.set('k', 'before');
        expect(await cache.get('k')).to.equal('before');
        expect(cache.stats(), JSON.stringify(cache.stats())).to.deep.include({ l1Hits: 1 });

        await server().kill();
        await until('the bus notices the outage', () => !cache.l1Enabled);
        // L1 still "knows" 'before', but nobody can tell it about writes now: it is not served.
        expect(await cache.get('k')).to.equal(undefined);
        expect(await cache.getOrLoad('k', async () => 'from the database')).to.equal('from the database');
        expect(cache.stats()).to.deep.include({ l1Hits: 1 });
        expect(cache.stats().l1Bypassed).to.be.at.least(2);

        await server().restart();
        await until('the bus resubscribes', () => cache.l1Enabled);
        // The restarted server is empty (no persistence): a miss, not the old L1 value.
        expect(await cache.get('k')).to.equal(undefined);
        await cache.set('k', 'after');
        expect(await cache.get('k')).to.equal('after');
        expect(cache.stats().l1Hits).to.equal(2);
      } finally {
        await cache.close();
        data.disconnect();
        subscriber.disconnect();
      }
    });
  });
}
