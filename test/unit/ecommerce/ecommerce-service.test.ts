import { expect } from 'chai';
import { MemoryAsyncCache } from '../../../lib/cache/memory-async-cache';
import { openDatabase } from '../../../lib/db';
import { ECommerceService } from '../../../lib/ecommerce/ecommerce-service';
import { SHIPPING_MULTIPLIERS, shippingCost } from '../../../lib/ecommerce/shipping';
import { guideTtls } from '../../../lib/ecommerce/ttl-policy';
import { FakeTimers } from '../../support/fake-timers';

function setup() {
  const db = openDatabase({ latencyMs: 0 });
  const lines: string[] = [];
  const service = new ECommerceService({
    db,
    cache: new MemoryAsyncCache(),
    log: (line) => lines.push(line),
    shippingDelayMs: 0,
    analytics: { timers: new FakeTimers() },
  });
  return { db, service, lines };
}

describe('ECommerceService', () => {
  it('serves products by cache-aside, tracing MISS, DB query, SET and HIT like the guide', async () => {
    const { db, service, lines } = setup();
    expect(await service.getProduct(1)).to.deep.include({ name: 'iPhone 14', price: 999 });
    expect(await service.getProduct(1)).to.deep.include({ name: 'iPhone 14' });
    expect(db.stats().reads).to.equal(1);
    expect(lines).to.deep.equal([' Cache MISS: product:1', ' DB Query: Fetching product 1...', ' Cache SET: product:1 (TTL: 60s)', ' Cache HIT: product:1']);
  });

  it('updateUser writes the database and invalidates user:ID and user_orders:ID', async () => {
    const { service, lines } = setup();
    await service.getUser(101);
    await service.getUserOrders(101);
    const { user, invalidated } = await service.updateUser(101, { name: 'John Updated' });
    expect(user!.name).to.equal('John Updated');
    expect(invalidated).to.equal(2);
    expect(lines).to.include.members([' Cache DELETE: user:101', ' Cache DELETE: user_orders:101', ' Invalidated 2 cache entries']);
    expect((await service.getUser(101))!.name).to.equal('John Updated');
  });

  it('keeps sessions by write-through', async () => {
    const { db, service } = setup();
    const session = { id: 's1', userId: 101, data: { cart: [1] }, updatedAt: 1 };
    expect(await service.saveSession(session)).to.deep.equal({ cached: true });
    expect(await db.getSession('s1')).to.deep.equal(session);
    db.resetStats();
    expect(await service.getSession('s1')).to.deep.equal(session);
    expect(db.stats().reads).to.equal(0);
  });

  it('counts analytics events by write-behind: one batched database write for many events', async () => {
    const { db, service } = setup();
    for (let i = 0; i < 10; i++) await service.trackEvent(1, 'view');
    await service.trackEvent(1, 'purchase');
    await service.trackEvent(2, 'add_to_cart');
    expect(db.stats().writes).to.equal(0);
    expect(await service.getProductStats(1)).to.deep.equal({ productId: 1, views: 10, addToCarts: 0, purchases: 1 });
    expect(service.analyticsStats()).to.deep.include({ queued: 2, coalesced: 10 });
    await service.close();
    expect(db.stats().writes).to.equal(1);
    expect(await db.getProductStats(2)).to.deep.equal({ productId: 2, views: 0, addToCarts: 1, purchases: 0 });
  });

  it('concurrent events on one product are all counted', async () => {
    const { db, service } = setup();
    await Promise.all(Array.from({ length: 50 }, () => service.trackEvent(3, 'view')));
    await service.flush();
    expect((await db.getProductStats(3)).views).to.equal(50);
  });

  it('updates prices by write-around: the product key is invalidated, not refilled', async () => {
    const { service } = setup();
    await service.getProduct(2);
    expect(await service.updatePrice(2, 1999)).to.equal(true);
    expect(await service.cache.get('product:2')).to.equal(undefined);
    expect((await service.getProduct(2))!.price).to.equal(1999);
  });

  it('memoises the shipping cost with the library memoize', async () => {
    const { service, lines } = setup();
    expect(await service.calculateShippingCost(2.5, 100, 'express')).to.equal(3.25);
    expect(await service.calculateShippingCost(2.5, 100, 'express')).to.equal(3.25);
    expect(lines.filter((l) => l.includes('Computing shipping cost'))).to.have.length(1);
    expect(service.calculateShippingCost.cacheInfo()).to.deep.equal({ hits: 1, misses: 1, maxSize: 100, currSize: 1 });
  });

  it('reports cache statistics in the guide\'s shape', async () => {
    const { service } = setup();
    await service.getProduct(1);
    await service.getProduct(1);
    expect(await service.cacheStats()).to.deep.equal({ hits: 1, misses: 1, hitRatePercent: 50, totalKeys: 1, warnings: 0 });
  });
});

describe('shippingCost', () => {
  it('is weight·0.5 + distance·0.01·multiplier, rounded to cents', () => {
    expect(shippingCost(2.5, 100, 'express')).to.equal(3.25);
    expect(shippingCost(1, 1000, 'overnight')).to.equal(35.5);
    expect(shippingCost(0, 0, 'standard')).to.equal(0);
    expect(Object.keys(SHIPPING_MULTIPLIERS)).to.deep.equal(['standard', 'express', 'overnight']);
  });

  it('rejects bad input, naming the parameter', () => {
    expect(() => shippingCost(-1, 1, 'standard')).to.throw(RangeError, /weightKg/);
    expect(() => shippingCost(1, NaN, 'standard')).to.throw(RangeError, /distanceKm/);
    expect(() => shippingCost(1, 1, 'teleport' as 'standard')).to.throw(RangeError, /type must be one of/);
    expect(() => shippingCost(1, 1, 'toString' as 'standard')).to.throw(RangeError, /type/);
  });
});

describe('guideTtls', () => {
  it('keeps the guide\'s figures for long TTLs', () => {
    expect(guideTtls(60)).to.include({ product: 60_000, user: 30_000, orders: 20_000 });
    expect(guideTtls(120)).to.include({ product: 120_000, user: 90_000, orders: 80_000 });
  });

  it('never lets users or orders outlive products (the guide\'s floors did, for short TTLs)', () => {
    expect(guideTtls(5)).to.include({ product: 5_000, user: 5_000, orders: 5_000 });
    for (let ttl = 1; ttl <= 200; ttl++) {
      const t = guideTtls(ttl);
      expect(t.user).to.be.at.most(t.product);
      expect(t.orders).to.be.at.most(t.user);
    }
  });
});
