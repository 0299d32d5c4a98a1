import { expect } from 'chai';
import fc from 'fast-check';
import { AsyncCache } from '../../../lib/cache/async-cache';
import { FaultyCache } from '../../../lib/cache/faulty-cache';
import { ProductStats, ShopDatabase, openDatabase } from '../../../lib/db';
import { WriteBehind, WriteBehindOptions } from '../../../lib/patterns/write-behind';
import { WriteBehindClosedError, WriteBehindFlushError, WriteBehindQueueFullError } from '../../../lib/patterns/errors';
import { describeForEachCache } from '../../support/async-caches';
import { deferred, rejectionOf } from '../../support/deferred';
import { FakeTimers, settle } from '../../support/fake-timers';

const key = (productId: number) => `product_stats:${productId}`;
const stats = (productId: number, views: number): ProductStats => ({ productId, views, addToCarts: 0, purchases: 0 });

function analytics(
  db: ShopDatabase,
  cache: AsyncCache<ProductStats>,
  options: Partial<WriteBehindOptions<ProductStats>> = {},
): { wb: WriteBehind<ProductStats>; timers: FakeTimers; backoffs: number[] } {
  const timers = new FakeTimers();
  const backoffs: number[] = [];
  const wb = new WriteBehind<ProductStats>({
    cache,
    saveBatch: (entries) => db.saveProductStats(entries.map(([, value]) => value)),
    load: (k) => db.getProductStats(Number(k.split(':')[1])),
    maxBatchSize: 100,
    flushIntervalMs: 1_000,
    timers,
    sleep: async (ms) => void backoffs.push(ms),
    ...options,
  });
  return { wb, timers, backoffs };
}

describeForEachCache('WriteBehind', (kit) => {
  it('acknowledges at cache speed and writes the database only on flush', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make());
    await wb.write(key(1), stats(1, 5));
    expect(db.stats().writes).to.equal(0);
    expect(await wb.reader.cache.get(key(1))).to.deep.equal(stats(1, 5));
    expect(wb.stats()).to.deep.include({ writes: 1, queued: 1, flushed: 0 });
    await wb.flush();
    expect(await db.getProductStats(1)).to.deep.equal(stats(1, 5));
    expect(wb.stats()).to.deep.include({ queued: 0, flushed: 1, batches: 1 });
  });

  it('coalesces writes per key: the last value wins, one row written', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make());
    for (let views = 1; views <= 100; views++) await wb.write(key(1), stats(1, views));
    await wb.close();
    expect(await db.getProductStats(1)).to.deep.equal(stats(1, 100));
    expect(db.stats()).to.deep.include({ writes: 1, rowsWritten: 1 });
    expect(wb.stats()).to.deep.include({ writes: 100, coalesced: 99, flushed: 1 });
  });

  it('reads see the freshest value: queued, then cached, then the database', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make());
    expect(await wb.read(key(2))).to.deep.equal(stats(2, 0));
    await wb.write(key(2), stats(2, 7));
    expect(await wb.read(key(2))).to.deep.equal(stats(2, 7));
    expect((await db.getProductStats(2)).views).to.equal(0);
  });

  it('flushes in batches when maxBatchSize keys are queued', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make(), { maxBatchSize: 3 });
    for (let id = 1; id <= 7; id++) await wb.write(key(id), stats(id, id));
    await settle();
    expect(wb.stats()).to.deep.include({ flushed: 6, batches: 2, queued: 1 });
    expect(db.stats().writes).to.equal(2);
    await wb.close();
  });

  it('flushes by interval: the timer drains whatever waited', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb, timers } = analytics(db, kit.make(), { flushIntervalMs: 250 });
    await wb.write(key(1), stats(1, 1));
    await wb.write(key(2), stats(2, 1));
    expect(timers.armed()).to.deep.equal([250]);
    timers.fireAll();
    await settle();
    expect(wb.stats()).to.deep.include({ flushed: 2, batches: 1, queued: 0 });
  });

  it('retries a failing batch with exponential backoff', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb, backoffs } = analytics(db, kit.make(), { retryBaseMs: 50, retryMaxMs: 150 });
    await wb.write(key(1), stats(1, 3));
    db.faults.failNextWrites(3);
    await wb.flush();
    expect(backoffs).to.deep.equal([50, 100, 150]);
    expect(wb.stats()).to.deep.include({ retries: 3, flushed: 1, batches: 1 });
    expect((await db.getProductStats(1)).views).to.equal(3);
  });

  it('past maxRetries a flush rejects but drops nothing; a later flush persists it, newer values winning', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make(), { maxRetries: 1 });
    await wb.write(key(1), stats(1, 1));
    await wb.write(key(2), stats(2, 1));
    db.faults.failNextWrites(2);
    const error = await rejectionOf(wb.flush());
    expect(error).to.be.instanceOf(WriteBehindFlushError);
    expect((error as WriteBehindFlushError).pending).to.equal(2);
    expect(wb.stats()).to.deep.include({ queued: 2, failedFlushes: 1, dropped: 0 });
    await wb.write(key(1), stats(1, 2));
    await wb.close();
    expect(await db.getProductStats(1)).to.deep.equal(stats(1, 2));
    expect(await db.getProductStats(2)).to.deep.equal(stats(2, 1));
  });

  it('applies back-pressure: with the queue full, writers wait for a flush', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const gate = deferred<void>();
    const saved: string[][] = [];
    const { wb } = analytics(db, kit.make(), {
      maxQueueSize: 2,
      maxBatchSize: 2,
      saveBatch: async (entries) => {
        saved.push(entries.map(([k]) => k));
        await gate.promise;
      },
    });
    await wb.write(key(1), stats(1, 1));
    await wb.write(key(2), stats(2, 1));
    let thirdDone = false;
    const third = wb.write(key(3), stats(3, 1)).then(() => (thirdDone = true));
    await settle();
    expect(thirdDone).to.equal(false);
    expect(wb.stats()).to.deep.include({ blockedWrites: 1, queued: 2 });
    gate.resolve();
    await third;
    expect(saved[0]).to.deep.equal([key(1), key(2)]);
    expect(wb.stats().maxQueued).to.equal(2);
    await wb.close();
  });

  it('a background flush that gives up is retried on the next interval, releasing blocked writers', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb, timers } = analytics(db, kit.make(), { maxQueueSize: 1, maxBatchSize: 1, maxRetries: 0 });
    // One failure for the size-triggered flush, one for the flush the blocked writer triggers.
    db.faults.failNextWrites(2);
    await wb.write(key(1), stats(1, 1));
    let secondDone = false;
    const second = wb.write(key(2), stats(2, 1)).then(() => (secondDone = true));
    await settle();
    expect(secondDone).to.equal(false);
    expect(wb.stats()).to.deep.include({ failedFlushes: 2, queued: 1, blockedWrites: 1 });
    expect(timers.armed()).to.deep.equal([1_000]);
    timers.fireAll();
    await second;
    await wb.close();
    expect((await db.getProductStats(1)).views).to.equal(1);
    expect((await db.getProductStats(2)).views).to.equal(1);
  });

  it('with overflow "reject", a full queue throws instead of waiting', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make(), { maxQueueSize: 1, overflow: 'reject' });
    await wb.write(key(1), stats(1, 1));
    await wb.write(key(1), stats(1, 2));
    expect(await rejectionOf(wb.write(key(2), stats(2, 1)))).to.be.instanceOf(WriteBehindQueueFullError);
    await wb.close();
  });

  it('the crash-loss window: a crash loses exactly the writes still queued, bounded by the batch size', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make(), { maxBatchSize: 5 });
    for (let id = 1; id <= 7; id++) await wb.write(key(id), stats(id, 1));
    await settle();
    const window = wb.stats().queued;
    expect(window).to.equal(2);
    expect(window).to.be.below(5);
    expect(wb.abandon()).to.equal(window);
    const persisted = [];
    for (let id = 1; id <= 7; id++) persisted.push((await db.getProductStats(id)).views);
    expect(persisted).to.deep.equal([1, 1, 1, 1, 1, 0, 0]);
    expect(wb.stats()).to.deep.include({ dropped: 2, writes: 7, flushed: 5 });
    expect(await rejectionOf(wb.write(key(8), stats(8, 1)))).to.be.instanceOf(WriteBehindClosedError);
  });

  it('the crash-loss window is always the unflushed writes: N mod batch size before the interval fires', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10 }), async (writes, maxBatchSize) => {
        const db = openDatabase({ latencyMs: 0 });
        const { wb } = analytics(db, kit.make(), { maxBatchSize });
        for (let id = 1; id <= writes; id++) await wb.write(key(id), stats(id, 1));
        await settle();
        const expectedLoss = writes % maxBatchSize;
        expect(wb.stats().queued).to.equal(expectedLoss);
        expect(wb.abandon()).to.equal(expectedLoss);
        expect(db.stats().rowsWritten).to.equal(writes - expectedLoss);
      }),
      { numRuns: kit.kind === 'redis' ? 10 : 40 },
    );
  });

  it('a cache that fails a write never hides the queued value, nor serves a stale one after the flush', async () => {
    for (const mode of ['throw', 'degrade'] as const) {
      const db = openDatabase({ latencyMs: 0 });
      const cache = new FaultyCache<ProductStats>(kit.make(), mode);
      const { wb } = analytics(db, cache);
      await wb.write(key(1), stats(1, 1));
      await wb.flush();
      cache.failNextWrites(1);
      await wb.write(key(1), stats(1, 2));
      expect(await wb.read(key(1))).to.deep.equal(stats(1, 2));
      await wb.flush();
      expect(await wb.read(key(1))).to.deep.equal(stats(1, 2));
      await wb.close();
    }
  });

  it('concurrent writers lose nothing after close(), even with transient database failures', async function () {
    this.timeout(30_000);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ writer: fc.nat(4), productId: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(3), { maxLength: 5 }),
        fc.integer({ min: 1, max: 8 }),
        async (events, faults, maxBatchSize) => {
          const db = openDatabase({ latencyMs: 0 });
          const { wb } = analytics(db, kit.make(), { maxBatchSize, maxQueueSize: 4, maxRetries: 20 });
          const byWriter = new Map<number, number[]>();
          for (const e of events) byWriter.set(e.writer, [...(byWriter.get(e.writer) ?? []), e.productId]);
          let faultIndex = 0;
          const writers = [...byWriter.values()].map(async (ids) => {
            for (const id of ids) {
              if (faultIndex < faults.length) db.faults.failNextWrites(faults[faultIndex++]);
              await wb.update(key(id), (current) => ({ ...(current ?? stats(id, 0)), views: (current?.views ?? 0) + 1 }));
            }
          });
          await Promise.all(writers);
          db.faults.reset();
          await wb.close();
          for (let id = 1; id <= 6; id++) {
            const expected = events.filter((e) => e.productId === id).length;
            expect((await db.getProductStats(id)).views, `product ${id}`).to.equal(expected);
          }
          expect(wb.stats().queued).to.equal(0);
        },
      ),
      { numRuns: kit.kind === 'redis' ? 15 : 40 },
    );
  });

  if (kit.kind === 'redis') {
    it('keeps acknowledging and persisting writes while Redis is down', async function () {
      this.timeout(15_000);
      const db = openDatabase({ latencyMs: 0 });
      const { wb } = analytics(db, kit.make());
      await wb.write(key(1), stats(1, 1));
      await kit.server().kill();
      try {
        await wb.write(key(1), stats(1, 2));
        await wb.write(key(2), stats(2, 1));
        expect(await wb.read(key(1))).to.deep.equal(stats(1, 2));
        await wb.flush();
        expect(await wb.read(key(2))).to.deep.equal(stats(2, 1));
      } finally {
        await kit.server().restart();
      }
      await wb.close();
      expect(await db.getProductStats(1)).to.deep.equal(stats(1, 2));
      expect(await db.getProductStats(2)).to.deep.equal(stats(2, 1));
    });
  }

  it('close() refuses new writes; options are validated, naming the parameter', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const { wb } = analytics(db, kit.make());
    await wb.close();
    expect(await rejectionOf(wb.write(key(1), stats(1, 1)))).to.be.instanceOf(WriteBehindClosedError);
    expect(() => analytics(db, kit.make(), { maxBatchSize: 0 })).to.throw(RangeError, /maxBatchSize/);
    expect(() => analytics(db, kit.make(), { flushIntervalMs: -5 })).to.throw(RangeError, /flushIntervalMs/);
    expect(() => analytics(db, kit.make(), { overflow: 'drop' as 'block' })).to.throw(RangeError, /overflow/);
  });
});
