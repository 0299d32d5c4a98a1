import { expect } from 'chai';
import fc from 'fast-check';
import { LRUCache } from '../../../lib/core/lru-cache';
import { missRatioCurve } from '../../../lib/sim/miss-ratio-curve';
import { lfuPolicy, lruPolicy, optimalPolicy } from '../../../lib/sim/policies';
import { simulate } from '../../../lib/sim/simulate';

/** Reference model: LRU as an array ordered from least to most recently used. */
function referenceLruHits(keys: number[], capacity: number): number {
  const order: number[] = [];
  let hits = 0;
  for (const key of keys) {
    const at = order.indexOf(key);
    if (at >= 0) {
      hits += 1;
      order.splice(at, 1);
    } else if (order.length >= capacity) {
      order.shift();
    }
    order.push(key);
  }
  return hits;
}

describe('simulate', () => {
  it('counts hits and misses as a reference LRU would (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 1, max: 10 }), (keys, capacity) => {
        const result = simulate(keys, new LRUCache<number, true>({ capacity }));
        expect(result.hits).to.equal(referenceLruHits(keys, capacity));
        expect(result.hits + result.misses).to.equal(keys.length);
      }),
    );
  });

  it('reports a zero hit ratio for an empty stream', () => {
    expect(simulate([], new LRUCache<number, true>({ capacity: 1 }))).to.deep.equal({ requests: 0, hits: 0, misses: 0, hitRatio: 0 });
  });

  it('rejects a non-cache, naming the parameter', () => {
    expect(() => simulate([1], {} as never)).to.throw(TypeError, /cache\.get/);
    expect(() => simulate(null as never, new LRUCache<number, true>({ capacity: 1 }))).to.throw(TypeError, /keys/);
  });
});

describe('missRatioCurve', () => {
  const keys = [1, 2, 3, 1, 2, 3, 1, 2, 3, 4];

  it('runs one cold replay per capacity, in the given order', () => {
    const curve = missRatioCurve(keys, [3, 1, 2], lruPolicy);
    expect(curve.map((point) => point.capacity)).to.deep.equal([3, 1, 2]);
    expect(curve[0].hits).to.equal(6);
    expect(curve[1].hits).to.equal(0);
    expect(curve[0].missRatio).to.be.closeTo(0.4, 1e-12);
  });

  it('accepts whole-stream simulators such as the optimal policy', () => {
    const [opt] = missRatioCurve(keys, [2], optimalPolicy);
    const [lru] = missRatioCurve(keys, [2], lruPolicy);
    const [lfu] = missRatioCurve(keys, [2], lfuPolicy);
    expect(opt.hits).to.be.at.least(Math.max(lru.hits, lfu.hits));
  });

  it('is monotone for LRU, a stack algorithm (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 150 }), (stream) => {
        const hits = missRatioCurve(stream, [1, 2, 4, 8, 16], lruPolicy).map((point) => point.hits);
        hits.slice(1).forEach((value, i) => expect(value).to.be.at.least(hits[i]));
      }),
    );
  });

  it('rejects bad capacities, naming them', () => {
    expect(() => missRatioCurve(keys, [], lruPolicy)).to.throw(RangeError, /capacities/);
    expect(() => missRatioCurve(keys, [2, 0], lruPolicy)).to.throw(RangeError, /capacities\[1\]/);
  });
});
