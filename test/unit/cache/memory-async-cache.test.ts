import { expect } from 'chai';
import { ManualClock } from '../../../lib/core/clock';
import { JsonRoundTripError } from '../../../lib/cache/errors';
import { MemoryAsyncCache } from '../../../lib/cache/memory-async-cache';

describe('MemoryAsyncCache', () => {
  it('expires entries at their TTL on the injected clock', async () => {
    const clock = new ManualClock();
    const cache = new MemoryAsyncCache<number>({ defaultTtlMs: 1_000, now: clock.now });
    await cache.set('a', 1);
    await cache.set('b', 2, 5_000);
    clock.advance(999);
    expect(await cache.getMany(['a', 'b'])).to.deep.equal([1, 2]);
    clock.advance(1);
    expect(await cache.getMany(['a', 'b'])).to.deep.equal([undefined, 2]);
    expect(cache.stats()).to.deep.include({ hits: 3, misses: 1, sets: 2, hitRate: 0.75 });
  });

  it('hands out copies, like Redis, unless told to store references', async () => {
    const cache = new MemoryAsyncCache<{ n: number }>();
    const value = { n: 1 };
    await cache.set('k', value);
    value.n = 2;
    (await cache.get('k'))!.n = 3;
    expect(await cache.get('k')).to.deep.equal({ n: 1 });
    const byRef = new MemoryAsyncCache<{ n: number }>({ copyValues: false });
    await byRef.set('k', value);
    expect(await byRef.get('k')).to.equal(value);
  });

  it('refuses values Redis could not hold', async () => {
    const cache = new MemoryAsyncCache();
    try {
      await cache.set('k', new Map());
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(JsonRoundTripError);
    }
  });

  it('deletes by prefix and counts what it removed', async () => {
    const cache = new MemoryAsyncCache();
    await cache.setMany([
      ['user:1', 1],
      ['user:2', 2],
      ['user_orders:1', 3],
    ]);
    expect(await cache.deleteByPrefix('user:')).to.equal(2);
    expect(await cache.size()).to.equal(1);
    expect(await cache.delete('user_orders:1')).to.equal(true);
    expect(await cache.delete('user_orders:1')).to.equal(false);
    expect(cache.stats().deletes).to.equal(3);
  });

  it('validates TTLs, naming the parameter', async () => {
    expect(() => new MemoryAsyncCache({ defaultTtlMs: -1 })).to.throw(RangeError, /defaultTtlMs/);
    try {
      await new MemoryAsyncCache().set('k', 1, 0);
      expect.fail('should throw');
    } catch (error) {
      expect((error as Error).message).to.match(/ttlMs/);
    }
  });
});
