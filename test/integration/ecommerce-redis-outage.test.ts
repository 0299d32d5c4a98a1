import { expect } from 'chai';
import { RedisCache } from '../../lib/cache/redis-cache';
import { openDatabase } from '../../lib/db';
import { ECommerceService, runDemo } from '../../lib/ecommerce';
import { usePrivateRedis } from '../support/services';
import { FakeTimers } from '../support/fake-timers';

describe('ECommerceService over a real Redis that crashes and comes back', function () {
  this.timeout(30_000);
  const redis = usePrivateRedis();

  it('keeps answering from the database while Redis is down and recovers when it returns', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const cache = new RedisCache({ url: redis().url, namespace: 'outage', commandTimeoutMs: 200 });
    const service = new ECommerceService({ db, cache, shippingDelayMs: 0, analytics: { timers: new FakeTimers() } });
    try {
      await service.getProduct(1);
      await service.getProduct(1);
      expect(db.stats().reads).to.equal(1);

      await redis().kill();
      // Every kind of request still succeeds, from the database.
      expect(await service.getProduct(1)).to.deep.include({ name: 'iPhone 14' });
      expect(await service.getUser(102)).to.deep.include({ name: 'Jane Smith' });
      expect((await service.getUserOrders(103)).length).to.be.greaterThan(0);
      expect(await service.saveSession({ id: 's', userId: 101, data: { cart: [3] }, updatedAt: 1 })).to.deep.equal({ cached: false });
      expect(await service.getSession('s')).to.deep.include({ userId: 101 });
      await service.trackEvent(1, 'view');
      await service.trackEvent(1, 'view');
      expect(await service.updatePrice(1, 899)).to.equal(true);
      expect((await service.getProduct(1))!.price).to.equal(899);
      const { user } = await service.updateUser(102, { tier: 'premium' });
      expect(user!.tier).to.equal('premium');
      expect((await service.cacheStats()).warnings).to.be.greaterThan(5);
      await service.flush();
      expect((await db.getProductStats(1)).views).to.equal(2);

      await redis().restart();
      // Recovery needs no intervention: within a few reconnect attempts the cache fills again.
      const deadline = Date.now() + 10_000;
      while ((await cache.set('probe', 1)) === false && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      db.resetStats();
      expect((await service.getProduct(1))!.price).to.equal(899);
      expect((await service.getProduct(1))!.price).to.equal(899);
      expect((await service.getUser(102))!.tier).to.equal('premium');
      expect(db.stats().reads).to.equal(2);
      expect(cache.health()).to.deep.include({ status: 'ready', pendingInvalidations: 0 });
    } finally {
      await service.close();
      await cache.close();
      db.close();
    }
  });

  it('runs the guide\'s demo with Redis as the cache, leaving no keys behind', async () => {
    const lines: string[] = [];
    const report = await runDemo({ cache: 'redis', redisUrl: redis().url, delay: async () => undefined }, (l) => lines.push(l));
    expect(report.cache).to.equal('redis');
    expect(report.runs[0].cacheStats).to.deep.include({ hits: 3, misses: 3 });
    expect(lines.join('\n')).to.include('E-COMMERCE CACHING PERFORMANCE TEST (redis cache)');
    const probe = new RedisCache({ url: redis().url, namespace: 'cachecraft-demo' });
    expect(await probe.size()).to.equal(0);
    await probe.close();
  });
});
