import { expect } from 'chai';
import { FaultyCache } from '../../../lib/cache/faulty-cache';
import { DatabaseFaultError, Product, User, openDatabase } from '../../../lib/db';
import { CacheAside } from '../../../lib/patterns/cache-aside';
import { StaleCacheError } from '../../../lib/patterns/errors';
import { describeForEachCache } from '../../support/async-caches';
import { deferred, rejectionOf } from '../../support/deferred';

describeForEachCache('CacheAside', (kit) => {
  const setup = () => {
    const db = openDatabase({ latencyMs: 0 });
    const aside = new CacheAside<unknown>(kit.make(), { ttlMs: 60_000 });
    const product = (id: number) => aside.getOrLoad(`product:${id}`, () => db.getProduct(id));
    return { db, aside, product };
  };

  it('loads on a miss, caches, and answers the next read from the cache', async () => {
    const { db, aside, product } = setup();
    expect(await product(1)).to.deep.include({ name: 'iPhone 14' });
    expect(await product(1)).to.deep.include({ name: 'iPhone 14' });
    expect(db.stats().reads).to.equal(1);
    expect(aside.stats()).to.deep.include({ hits: 1, loads: 1 });
    expect(aside.cache.stats()).to.deep.include({ hits: 1, misses: 1, sets: 1 });
  });

  it('does not cache "not found", but caches falsy values such as an empty list', async () => {
    const { db, aside, product } = setup();
    expect(await product(42)).to.equal(undefined);
    expect(await product(42)).to.equal(undefined);
    expect(db.stats().reads).to.equal(2);
    let loads = 0;
    const none = () => aside.getOrLoad('user_orders:999', async () => (loads++, db.getUserOrders(999)));
    expect(await none()).to.deep.equal([]);
    expect(await none()).to.deep.equal([]);
    expect(loads).to.equal(1);
  });

  it('a failing database read rejects and caches nothing', async () => {
    const { db, product } = setup();
    db.faults.failNextReads(1);
    expect(await rejectionOf(product(1))).to.be.instanceOf(DatabaseFaultError);
    expect(await product(1)).to.deep.include({ id: 1 });
    expect(db.stats()).to.deep.include({ reads: 1, failedReads: 1 });
  });

  it('an update invalidates the related keys, so the next read sees the new data', async () => {
    const { db, aside } = setup();
    const user = () => aside.getOrLoad('user:101', () => db.getUser(101));
    const orders = () => aside.getOrLoad('user_orders:101', () => db.getUserOrders(101));
    await user();
    await orders();
    await aside.updateThenInvalidate(() => db.updateUser(101, { name: 'John Updated' }), ['user:101', 'user_orders:101']);
    expect(await aside.cache.getMany(['user:101', 'user_orders:101'])).to.deep.equal([undefined, undefined]);
    expect(((await user()) as User).name).to.equal('John Updated');
    expect(aside.stats().invalidations).to.equal(2);
  });

  it('a failed database write invalidates nothing and the cache still matches the database', async () => {
    const { db, aside } = setup();
    await aside.getOrLoad('product:1', () => db.getProduct(1));
    db.faults.failNextWrites(1);
    const error = await rejectionOf(aside.updateThenInvalidate(() => db.updateProductPrice(1, 1), ['product:1']));
    expect(error).to.be.instanceOf(DatabaseFaultError);
    expect(((await aside.cache.get('product:1')) as Product).price).to.equal(999);
    expect((await db.getProduct(1))!.price).to.equal(999);
  });

  it('a load racing with an update does not put the old value back', async () => {
    const { db, aside } = setup();
    const gate = deferred<void>();
    const readDone = deferred<void>();
    const slowRead = aside.getOrLoad('product:1', async () => {
      const old = await db.getProduct(1);
      readDone.resolve();
      await gate.promise;
      return old;
    });
    await readDone.promise;
    await aside.updateThenInvalidate(() => db.updateProductPrice(1, 10), ['product:1']);
    gate.resolve();
    expect(((await slowRead) as Product).price).to.equal(999);
    expect(await aside.cache.get('product:1')).to.equal(undefined);
    expect(aside.stats().discardedLoads).to.equal(1);
    expect(((await aside.getOrLoad('product:1', () => db.getProduct(1))) as Product).price).to.equal(10);
  });

  it('an invalidation the cache refuses after the write is reported as StaleCacheError, write kept', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const cache = new FaultyCache(kit.make(), 'throw');
    const aside = new CacheAside(cache);
    await aside.getOrLoad('product:1', () => db.getProduct(1));
    cache.failNextWrites(1);
    const error = await rejectionOf(aside.updateThenInvalidate(() => db.updateProductPrice(1, 5), ['product:1']));
    expect(error).to.be.instanceOf(StaleCacheError);
    expect((error as StaleCacheError).databaseCommitted).to.equal(true);
    expect((await db.getProduct(1))!.price).to.equal(5);
  });

  it('a fail-open cache read failure is served from the database', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const cache = new FaultyCache(kit.make(), 'degrade');
    const aside = new CacheAside(cache);
    await aside.getOrLoad('product:1', () => db.getProduct(1));
    cache.failNextReads(1);
    expect(await aside.getOrLoad('product:1', () => db.getProduct(1))).to.deep.include({ id: 1 });
    expect(db.stats().reads).to.equal(2);
  });

  it('invalidates by prefix', async () => {
    const { aside, product } = setup();
    await product(1);
    await product(2);
    expect(await aside.invalidatePrefix('product:')).to.equal(2);
    expect(await aside.cache.size()).to.equal(0);
  });

  if (kit.kind === 'redis') {
    it('keeps answering from the database while Redis is down, and uses Redis again once it is back', async function () {
      this.timeout(15_000);
      const { db, aside, product } = setup();
      await product(1);
      await kit.server().kill();
      try {
        expect(await product(1)).to.deep.include({ id: 1 });
        expect(await product(2)).to.deep.include({ id: 2 });
        expect(db.stats().reads).to.equal(3);
        expect(aside.cache.stats().warnings).to.be.at.least(2);
      } finally {
        await kit.server().restart();
      }
      for (let i = 0; i < 100 && (await aside.cache.set('probe', 1)) === false; i++) await new Promise((r) => setTimeout(r, 50));
      await product(3);
      await product(3);
      expect(db.stats().reads).to.equal(4);
    });
  }

  it('validates its arguments, naming the parameter', async () => {
    expect(() => new CacheAside(kit.make(), { ttlMs: 0 })).to.throw(RangeError, /ttlMs/);
    const { aside } = setup();
    expect(await rejectionOf(aside.getOrLoad('k', 'nope' as never))).to.match(/loader/);
  });
});
