import { expect } from 'chai';
import { MAX_CACHE_ENTRIES } from '../../../lib/policies/policy-options';
import { seededRandom } from '../../../lib/core/random';
import { TinyLfu } from '../../../lib/policies/tiny-lfu';
import { WTinyLFUCache } from '../../../lib/policies/w-tinylfu-cache';
import { expectMatchesModel } from './model-check';
import { ModelWTinyLFU } from './models/model-w-tinylfu';

describe('WTinyLFUCache', () => {
  it('sizes the window at 1 % (at least one entry) and protected at 80 % of the rest', () => {
    expect(new WTinyLFUCache({ capacity: 1000 })).to.include({ windowSize: 10, protectedSize: 792 });
    expect(new WTinyLFUCache({ capacity: 700 })).to.include({ windowSize: 7, protectedSize: 554 });
    expect(new WTinyLFUCache({ capacity: 3 })).to.include({ windowSize: 1, protectedSize: 1 });
    expect(new WTinyLFUCache({ capacity: 100, windowFraction: 0.2, protectedFraction: 0.5 })).to.include({ windowSize: 20, protectedSize: 40 });
  });

  it('rejects bad tuning, naming the option', () => {
    expect(() => new WTinyLFUCache({ capacity: 10, windowFraction: 0 })).to.throw(RangeError, /windowFraction/);
    expect(() => new WTinyLFUCache({ capacity: 10, windowFraction: 1 })).to.throw(RangeError, /windowFraction/);
    expect(() => new WTinyLFUCache({ capacity: 10, protectedFraction: -0.1 })).to.throw(RangeError, /protectedFraction/);
    expect(() => new WTinyLFUCache({ capacity: 10, expectedEntries: 0 })).to.throw(RangeError, /expectedEntries/);
    expect(() => new WTinyLFUCache({ capacity: 10, sampleFactor: 1.5 })).to.throw(RangeError, /sampleFactor/);
    expect(() => new WTinyLFUCache({ capacity: 10, seed: -1 })).to.throw(RangeError, /seed/);
  });

  it('admits a window candidate only if it is more popular than probation’s LRU entry', () => {
    const evicted: number[] = [];
    const cache = new WTinyLFUCache<number, number>({ capacity: 3, onEvict: (k) => evicted.push(k) });
    cache.set(1, 1).set(2, 2).set(3, 3); // window [3], probation [2, 1]
    expect(cache.segments()).to.deep.equal({ window: [3], probation: [2, 1], protected: [] });
    cache.set(4, 4); // candidate 3 (seen once) vs victim 1 (seen once): a tie keeps the victim
    expect(evicted).to.deep.equal([3]);
    for (let i = 0; i < 3; i++) cache.get(4); // 4 becomes popular while in the window
    cache.set(5, 5); // candidate 4 (4 accesses) vs victim 1 (1): 4 is admitted, 1 evicted
    expect(evicted).to.deep.equal([3, 1]);
    expect(cache.segments()).to.deep.equal({ window: [5], probation: [4, 2], protected: [] });
  });

  it('promotes a probation hit to protected and demotes protected overflow back to probation', () => {
    const cache = new WTinyLFUCache<number, number>({ capacity: 4 }); // window 1, protected 2
    for (const key of [1, 2, 3, 4]) cache.set(key, key);
    expect(cache.segments()).to.deep.equal({ window: [4], probation: [3, 2, 1], protected: [] });
    cache.get(1);
    cache.get(2);
    cache.get(3);
    expect(cache.segments()).to.deep.equal({ window: [4], probation: [1], protected: [3, 2] });
  });

  it('keeps a popular working set through a scan of one-time keys', () => {
    const cache = new WTinyLFUCache<number, number>({ capacity: 100 });
    for (let round = 0; round < 5; round++) for (let hot = 0; hot < 50; hot++) if (cache.get(hot) === undefined) cache.set(hot, hot);
    for (let scan = 1000; scan < 5000; scan++) if (cache.get(scan) === undefined) cache.set(scan, scan);
    const kept = Array.from({ length: 50 }, (_, hot) => hot).filter((hot) => cache.has(hot));
    expect(kept.length, 'hot keys still cached after the scan').to.be.at.least(45);
  });

  it('lets a heavy entry straight into the duel when it outweighs the window (maxSize)', () => {
    const cache = new WTinyLFUCache<string, number>({ maxSize: 100, sizeOf: (n) => n }); // window 1
    cache.set('a', 30).set('b', 30);
    expect(cache.segments()).to.deep.equal({ window: [], probation: ['b', 'a'], protected: [] });
    cache.set('c', 50); // over budget: c (seen once) loses to a (seen once)
    expect(cache.has('c')).to.equal(false);
    expect(cache.totalSize).to.equal(60);
  });

  it('clear forgets frequencies too', () => {
    const cache = new WTinyLFUCache<string, number>({ capacity: 10 });
    for (let i = 0; i < 5; i++) cache.set('k', i);
    expect(cache.frequency('k')).to.be.at.least(5);
    cache.clear();
    expect(cache.frequency('k')).to.equal(0);
  });

  it('grows its sketch as a huge cache fills, instead of allocating it up front', () => {
    const cache = new WTinyLFUCache<number, number>({ capacity: MAX_CACHE_ENTRIES });
    for (let i = 0; i < 70_000; i++) cache.set(i, i);
    expect(cache.size).to.equal(70_000);
    cache.set(1, 1);
    expect(cache.frequency(1)).to.be.at.least(1);
  });

  it('counts every access in the sketch exactly as a TinyLfu fed the same accesses, hot keys included', () => {
    // Hits on a key whose counts are capped skip the sketch (see `record`): the estimates must
    // not tell, across sample periods (100 accesses here) and a clear.
    const cache = new WTinyLFUCache<number, number>({ capacity: 10 });
    const filter = new TinyLfu({ expectedKeys: 10, samplePeriod: 100 });
    const random = seededRandom(7);
    for (let step = 0; step < 3000; step++) {
      const key = random() < 0.7 ? Math.floor(random() * 3) : Math.floor(random() * 40);
      if (cache.get(key) !== undefined) filter.record(key);
      else {
        cache.set(key, key);
        filter.record(key);
      }
      if (step === 1500) {
        cache.clear();
        filter.clear();
      }
      if (step % 50 === 0) for (let k = 0; k < 40; k++) expect(cache.frequency(k), `key ${k} at step ${step}`).to.equal(filter.frequency(k));
    }
  });

  it('takes the same decisions on its count-bounded fast path as on the general path, across many sample periods', () => {
    // A full count-bounded cache settles a miss in one step (`replaceDuelLoser`); a cache bounded
    // by `maxSize` with every entry weighing 1 is the same policy but always takes the general
    // path (link, then `settle`). Same accesses, so the same hits, evictions and segments.
    const evictedFast: number[] = [];
    const evictedGeneral: number[] = [];
    const fast = new WTinyLFUCache<number, number>({ capacity: 300, onEvict: (key) => evictedFast.push(key) });
    const general = new WTinyLFUCache<number, number>({ maxSize: 300, sizeOf: () => 1, onEvict: (key) => evictedGeneral.push(key) });
    expect(fast).to.include({ windowSize: general.windowSize, protectedSize: general.protectedSize });
    const random = seededRandom(11);
    for (let step = 0; step < 60_000; step++) {
      // Hot keys, a long tail and bursts of one-time keys: candidates win and lose duels, keys
      // get capped, and the sample period (3,000 accesses) ends twenty times.
      const draw = random();
      const key = draw < 0.5 ? Math.floor(random() * 40) : draw < 0.9 ? Math.floor(random() * 2000) : 100_000 + step;
      const fastHit = fast.get(key) !== undefined;
      expect(general.get(key) !== undefined, `hit at step ${step}`).to.equal(fastHit);
      if (!fastHit) {
        fast.set(key, key);
        general.set(key, key);
      }
      if (step % 1000 === 0) expect(fast.segments(), `segments at step ${step}`).to.deep.equal(general.segments());
    }
    expect(evictedFast).to.deep.equal(evictedGeneral);
    expect(fast.stats()).to.deep.equal(general.stats());
  });

  it('matches an array-based W-TinyLFU (segments, duels, evictions) on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new WTinyLFUCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelWTinyLFU(capacity),
      {
        maxCapacity: 8,
        runs: 600,
        extra: (cache, model) =>
          expect(cache.segments(), 'segments').to.deep.equal({
            window: model.window.map((e) => e.key),
            probation: model.probation.map((e) => e.key),
            protected: model.protected.map((e) => e.key),
          }),
      },
    );
  });
});
