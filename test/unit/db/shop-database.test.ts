import { expect } from 'chai';
import fc from 'fast-check';
import {
  DatabaseFaultError,
  SAMPLE_PRODUCTS,
  SAMPLE_USERS,
  generateProducts,
  guideLatency,
  openDatabase,
  QueryName,
} from '../../../lib/db';

describe('ShopDatabase (real SQLite)', () => {
  it('holds the guide\'s sample products and users', async () => {
    const db = openDatabase({ latencyMs: 0 });
    expect(await db.getProduct(1)).to.deep.equal({ id: 1, name: 'iPhone 14', price: 999, category: 'phones' });
    expect(await db.getProducts([5, 2, 99])).to.deep.equal([SAMPLE_PRODUCTS[4], SAMPLE_PRODUCTS[1], undefined]);
    expect(await db.getUser(102)).to.deep.equal(SAMPLE_USERS[1]);
    expect(await db.getProduct(6)).to.equal(undefined);
    db.close();
  });

  it('stores real, deterministic orders: same rows on every call and for the same seed', async () => {
    const a = openDatabase({ latencyMs: 0 });
    const b = openDatabase({ latencyMs: 0 });
    const first = await a.getUserOrders(101);
    expect(first.length).to.be.within(1, 5);
    expect(await a.getUserOrders(101)).to.deep.equal(first);
    expect(await b.getUserOrders(101)).to.deep.equal(first);
    for (const order of first) {
      const product = await a.getProduct(order.productId);
      expect(order.total).to.equal(product!.price * order.quantity);
      expect(order.userId).to.equal(101);
    }
    expect(await a.getUserOrders(999)).to.deep.equal([]);
  });

  it('generates a 10,000-product catalog deterministically, the guide\'s five first', async () => {
    const db = openDatabase({ latencyMs: 0, catalogSize: 10_000, userCount: 50 });
    expect(db.productCount()).to.equal(10_000);
    expect(await db.getProduct(3)).to.deep.equal(SAMPLE_PRODUCTS[2]);
    expect(await db.getProduct(10_000)).to.deep.equal(generateProducts(10_000)[9_999]);
    expect(await db.getUser(150)).to.include({ id: 150 });
    db.close();
  });

  it('generated catalogs are valid for any size and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (count, seed) => {
        const products = generateProducts(count, seed);
        expect(products).to.have.length(count);
        expect(products).to.deep.equal(generateProducts(count, seed));
        products.forEach((p, i) => {
          expect(p.id).to.equal(i + 1);
          expect(p.price).to.be.at.least(0);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('counts reads and writes so load can be shown falling', async () => {
    const db = openDatabase({ latencyMs: 0 });
    await db.getProduct(1);
    await db.getUser(101);
    await db.updateUser(101, { name: 'John Updated' });
    await db.updateProductPrice(1, 899);
    expect(db.stats()).to.deep.include({ reads: 2, writes: 2, rowsWritten: 2, failedReads: 0, failedWrites: 0 });
    expect(db.stats().byQuery).to.deep.equal({ getProduct: 1, getUser: 1, updateUser: 1, updateProductPrice: 1 });
    expect((await db.getUser(101))!.name).to.equal('John Updated');
    expect((await db.getProduct(1))!.price).to.equal(899);
    db.resetStats();
    expect(db.stats().reads).to.equal(0);
  });

  it('waits the injected latency per query, through the injected delay', async () => {
    const waited: number[] = [];
    const db = openDatabase({ latencyMs: guideLatency(100), delay: async (ms) => void waited.push(ms) });
    await db.getProduct(1);
    await db.getUser(101);
    await db.getUserOrders(101);
    await db.saveSession({ id: 's', userId: 101, data: {}, updatedAt: 1 });
    expect(waited).to.deep.equal([100, 150, 200, 100]);
    db.setLatency(300);
    await db.getProduct(1);
    expect(waited[4]).to.equal(300);
  });

  it('fails the next N reads or writes on demand; a failed write changes nothing', async () => {
    const db = openDatabase({ latencyMs: 0 });
    db.faults.failNextReads(2);
    await expectRejection(db.getProduct(1), DatabaseFaultError);
    await expectRejection(db.getUser(101), DatabaseFaultError);
    expect(await db.getProduct(1)).to.not.equal(undefined);
    db.faults.failNextWrites(1);
    await expectRejection(db.updateProductPrice(1, 1), DatabaseFaultError);
    expect((await db.getProduct(1))!.price).to.equal(999);
    expect(db.stats()).to.deep.include({ failedReads: 2, failedWrites: 1, writes: 0 });
  });

  it('writes analytics batches atomically', async () => {
    const db = openDatabase({ latencyMs: 0 });
    await db.saveProductStats([
      { productId: 1, views: 3, addToCarts: 1, purchases: 0 },
      { productId: 2, views: 1, addToCarts: 0, purchases: 1 },
    ]);
    expect(await db.getProductStats(1)).to.deep.equal({ productId: 1, views: 3, addToCarts: 1, purchases: 0 });
    expect(await db.getProductStats(4)).to.deep.equal({ productId: 4, views: 0, addToCarts: 0, purchases: 0 });
    expect(db.stats()).to.deep.include({ writes: 1, rowsWritten: 2 });
  });

  it('round-trips sessions', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const session = { id: 'abc', userId: 101, data: { cart: [1, 2] }, updatedAt: 5 };
    await db.saveSession(session);
    expect(await db.getSession('abc')).to.deep.equal(session);
    expect(await db.deleteSession('abc')).to.equal(true);
    expect(await db.getSession('abc')).to.equal(undefined);
  });

  it('rejects bad options and values, naming the parameter', async () => {
    expect(() => openDatabase({ latencyMs: -1 })).to.throw(RangeError, /latency of getProduct/);
    expect(() => openDatabase({ catalogSize: 0 })).to.throw(RangeError, /catalogSize/);
    expect(() => openDatabase({ latencyMs: (q: QueryName) => (q === 'getProduct' ? NaN : 0) })).to.throw(RangeError, /latency/);
    await expectRejection(openDatabase({ latencyMs: 0 }).updateProductPrice(1, -5), RangeError);
  });
});

async function expectRejection(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(type);
    return;
  }
  expect.fail('expected a rejection');
}
