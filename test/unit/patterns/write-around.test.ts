import { expect } from 'chai';
import { FaultyCache } from '../../../lib/cache/faulty-cache';
import { DatabaseFaultError, Product, openDatabase } from '../../../lib/db';
import { StaleCacheError } from '../../../lib/patterns/errors';
import { WriteAround } from '../../../lib/patterns/write-around';
import { describeForEachCache } from '../../support/async-caches';
import { rejectionOf } from '../../support/deferred';

describeForEachCache('WriteAround', (kit) => {
  const setup = (cache = kit.make<Product>()) => {
    const db = openDatabase({ latencyMs: 0 });
    const prices = new WriteAround<Product>({ cache, load: (key) => db.getProduct(Number(key.split(':')[1])) });
    const setPrice = (id: number, price: number) => prices.write(`product:${id}`, () => db.updateProductPrice(id, price));
    return { db, prices, setPrice };
  };

  it('writes go to the database and invalidate the cache without filling it; reads refill it', async () => {
    const { db, prices, setPrice } = setup();
    expect((await prices.read('product:1'))!.price).to.equal(999);
    expect(await setPrice(1, 899)).to.equal(true);
    expect(await prices.reader.cache.get('product:1')).to.equal(undefined);
    expect((await db.getProduct(1))!.price).to.equal(899);
    expect((await prices.read('product:1'))!.price).to.equal(899);
    expect((await prices.reader.cache.get('product:1'))!.price).to.equal(899);
  });

  it('a write of an uncached key does not fill the cache', async () => {
    const { prices, setPrice } = setup();
    await setPrice(2, 100);
    expect(await prices.reader.cache.size()).to.equal(0);
  });

  it('invalidates related keys too', async () => {
    const { db, prices } = setup();
    await prices.reader.cache.set('category:phones', { id: 0, name: 'x', price: 0, category: 'phones' });
    await prices.write('product:1', () => db.updateProductPrice(1, 5), ['category:phones']);
    expect(await prices.reader.cache.get('category:phones')).to.equal(undefined);
  });

  it('a failed database write invalidates nothing and rejects', async () => {
    const { db, prices, setPrice } = setup();
    await prices.read('product:1');
    db.faults.failNextWrites(1);
    expect(await rejectionOf(setPrice(1, 1))).to.be.instanceOf(DatabaseFaultError);
    expect((await prices.reader.cache.get('product:1'))!.price).to.equal(999);
  });

  it('an invalidation the cache refuses is reported as StaleCacheError', async () => {
    const cache = new FaultyCache<Product>(kit.make(), 'throw');
    const { db, prices, setPrice } = setup(cache);
    await prices.read('product:1');
    cache.failNextWrites(1);
    expect(await rejectionOf(setPrice(1, 1))).to.be.instanceOf(StaleCacheError);
    expect((await db.getProduct(1))!.price).to.equal(1);
  });

  it('a fail-open invalidation failure still never serves the old price', async () => {
    const cache = new FaultyCache<Product>(kit.make(), 'degrade');
    const { prices, setPrice } = setup(cache);
    await prices.read('product:1');
    cache.failNextWrites(1);
    await setPrice(1, 1);
    expect((await prices.read('product:1'))!.price).to.equal(1);
  });
});
