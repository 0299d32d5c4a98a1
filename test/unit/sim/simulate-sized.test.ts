import { expect } from 'chai';
import { LRUCache } from '../../../lib/core/lru-cache';
import { seededRandom } from '../../../lib/core/random';
import { missRatioCurve } from '../../../lib/sim/miss-ratio-curve';
import { POLICY_CACHES, countPolicy, sizedPolicy } from '../../../lib/sim/policies';
import { simulateSized, unitSizedRequests } from '../../../lib/sim/simulate-sized';
import { sizedMissRatioCurve } from '../../../lib/sim/sized-miss-ratio-curve';
import { withObjectSizes } from '../../../lib/sim/sized-workloads';
import { bundledTracePath, readTrace } from '../../../lib/sim/trace-reader';

describe('simulateSized', () => {
  it('counts requests and bytes, hit and missed, with the byte miss ratio beside the miss ratio', () => {
    const cache = new LRUCache<string, number>({ maxSize: 10, sizeOf: (size) => size });
    const result = simulateSized(
      [
        { key: 'a', size: 4 },
        { key: 'b', size: 5 },
        { key: 'a', size: 4 }, // hit
        { key: 'c', size: 6 }, // evicts b (least recent), then a does not fit beside c? 4 + 6 = 10: it does
        { key: 'a', size: 4 }, // hit
        { key: 'big', size: 11 }, // never stored
        { key: 'big', size: 11 },
      ],
      cache,
    );
    expect(result).to.deep.equal({
      requests: 7,
      hits: 2,
      misses: 5,
      hitRatio: 2 / 7,
      missRatio: 1 - 2 / 7,
      bytes: 45,
      hitBytes: 8,
      missBytes: 37,
      byteMissRatio: 37 / 45,
    });
    expect([...cache.keys()]).to.deep.equal(['a', 'c']);
  });

  it('rejects bad input naming it', () => {
    const cache = new LRUCache<number, number>({ maxSize: 10, sizeOf: (size) => size });
    expect(() => simulateSized('x' as never, cache)).to.throw(TypeError, /requests/);
    expect(() => simulateSized([{ key: 1, size: 0 }], cache)).to.throw(RangeError, /requests\[0\]\.size/);
    expect(() => simulateSized([{ key: 1, size: 1.5 }], cache)).to.throw(RangeError, /requests\[0\]\.size/);
    expect(() => simulateSized([], {} as never)).to.throw(TypeError, /cache\.get/);
  });

  it('with every size 1, a size-bounded cache of every policy replays a trace exactly as the count-bounded one', () => {
    const keys = readTrace(bundledTracePath('gli'));
    const requests = unitSizedRequests(keys);
    for (const [name, Cache] of Object.entries(POLICY_CACHES)) {
      const counted = missRatioCurve(keys, [100, 500, 1000, 2000], countPolicy(Cache));
      const sized = sizedMissRatioCurve(requests, [100, 500, 1000, 2000], sizedPolicy(Cache));
      expect(sized.map((p) => p.hits), name).to.deep.equal(counted.map((p) => p.hits));
      for (const point of sized) expect(point.byteMissRatio, name).to.be.closeTo(point.missRatio, 1e-12);
    }
  });

  it('sizedMissRatioCurve validates its sizes and policy', () => {
    expect(() => sizedMissRatioCurve([], [], sizedPolicy(LRUCache))).to.throw(RangeError, /maxSizes/);
    expect(() => sizedMissRatioCurve([], [0], sizedPolicy(LRUCache))).to.throw(RangeError, /maxSizes\[0\]/);
    expect(() => sizedMissRatioCurve([], [1], 'lru' as never)).to.throw(TypeError, /policy/);
  });
});

describe('withObjectSizes', () => {
  it('gives each key one size in [minSize, maxSize], reproducibly from the seed', () => {
    const keys = [1, 2, 1, 3, 2, 1];
    const a = withObjectSizes(keys, { random: seededRandom(7), minSize: 10, maxSize: 5000 });
    const b = withObjectSizes(keys, { random: seededRandom(7), minSize: 10, maxSize: 5000 });
    expect(a).to.deep.equal(b);
    expect(a.map((r) => r.key)).to.deep.equal(keys);
    const sizeOf = new Map<number, number>();
    for (const { key, size } of a) {
      expect(size).to.be.within(10, 5000);
      expect(Number.isInteger(size)).to.equal(true);
      if (sizeOf.has(key)) expect(size).to.equal(sizeOf.get(key));
      sizeOf.set(key, size);
    }
    expect(() => withObjectSizes(keys, { random: seededRandom(1), minSize: 5, maxSize: 4 })).to.throw(RangeError, /maxSize/);
    expect(() => withObjectSizes(keys, { random: 3 as never })).to.throw(TypeError, /random/);
  });
});
