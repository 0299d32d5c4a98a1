import { expect } from 'chai';
import { S3FIFOCache } from '../../../lib/policies/s3fifo-cache';
import { expectSame } from '../core/expect-same';
import { expectMatchesModel } from './model-check';
import { ModelS3FIFO } from './models/model-s3fifo';

describe('S3FIFOCache', () => {
  it('sizes its queues as libCacheSim does: small 10 %, main the rest, ghost 90 %', () => {
    const cache = new S3FIFOCache({ capacity: 1000 });
    expect([cache.smallLimit, cache.mainLimit, cache.ghostLimit]).to.deep.equal([100, 900, 900]);
    const tiny = new S3FIFOCache({ capacity: 5 });
    expect([tiny.smallLimit, tiny.mainLimit, tiny.ghostLimit]).to.deep.equal([1, 4, 4]);
  });

  it('drops one-hit wonders from small into the ghost, and readmits a ghost key straight into main', () => {
    const evicted: number[] = [];
    const cache = new S3FIFOCache<number, number>({ capacity: 20, onEvict: (k) => evicted.push(k) });
    for (let key = 0; key < 20; key++) cache.set(key, key); // small fills (2 keys), then new keys go to main
    expect(cache.queueOf(0)).to.equal('small');
    expect(cache.queueOf(5)).to.equal('main');
    cache.set(100, 100); // main is not over its 18, so small's tail (0, never read) is evicted
    expect(evicted).to.deep.equal([0]);
    expect(cache.queueOf(0)).to.equal('ghost');
    cache.set(0, 0);
    expect(cache.queueOf(0)).to.equal('main');
    expect([...cache.ghostKeys()]).to.not.include(0);
  });

  it('promotes a small entry read twice to main with frequency 0', () => {
    const cache = new S3FIFOCache<number, number>({ capacity: 20 });
    for (let key = 0; key < 20; key++) cache.set(key, key);
    cache.get(0);
    cache.get(0);
    expect(cache.frequency(0)).to.equal(2);
    cache.set(100, 100);
    expect(cache.queueOf(0)).to.equal('main');
    expect(cache.frequency(0)).to.equal(0);
  });

  it('matches an array-based S3-FIFO (queues, ghost, evictions) on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new S3FIFOCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelS3FIFO(capacity),
      {
        maxCapacity: 30,
        runs: 700,
        extra: (cache, model) => {
          expectSame([...cache.ghostKeys()], model.ghost, 'ghost');
          for (const e of model.small) expect(cache.queueOf(e.key)).to.equal('small');
          for (const e of model.main) expect(cache.frequency(e.key), `frequency of ${e.key}`).to.equal(e.count);
        },
      },
    );
  });
});
