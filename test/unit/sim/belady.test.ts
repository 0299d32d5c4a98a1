import { expect } from 'chai';
import fc from 'fast-check';
import { LRUCache } from '../../../lib/core/lru-cache';
import { nextUseIndices, simulateOptimal, simulateOptimalWithBypass } from '../../../lib/sim/belady';
import { simulate } from '../../../lib/sim/simulate';

/** Reference model: Bélády by linear scan of the future at each eviction (O(n²), obviously right). */
function bruteForceOptimalHits(keys: number[], capacity: number): number {
  const cache = new Set<number>();
  let hits = 0;
  keys.forEach((key, i) => {
    if (cache.has(key)) {
      hits += 1;
      return;
    }
    if (cache.size >= capacity) {
      let victim = -1;
      let farthest = -1;
      for (const candidate of cache) {
        const nextUse = keys.indexOf(candidate, i + 1);
        const distance = nextUse === -1 ? Infinity : nextUse;
        if (distance > farthest) {
          farthest = distance;
          victim = candidate;
        }
      }
      cache.delete(victim);
    }
    cache.add(key);
  });
  return hits;
}

const streams = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 150 });
const capacities = fc.integer({ min: 1, max: 8 });

describe('simulateOptimal (Bélády)', () => {
  it('gets exactly as many hits as a brute-force Bélády (property)', () => {
    fc.assert(
      fc.property(streams, capacities, (keys, capacity) => {
        expect(simulateOptimal(keys, capacity).hits).to.equal(bruteForceOptimalHits(keys, capacity));
      }),
    );
  });

  it('never does worse than LRU (property)', () => {
    fc.assert(
      fc.property(streams, capacities, (keys, capacity) => {
        const lru = simulate(keys, new LRUCache<number, true>({ capacity }));
        expect(simulateOptimal(keys, capacity).hits).to.be.at.least(lru.hits);
      }),
    );
  });

  it('has only compulsory misses when everything fits', () => {
    const keys = [1, 2, 3, 1, 2, 3, 4, 1];
    const result = simulateOptimal(keys, 4);
    expect(result.misses).to.equal(4);
    expect(result.hitRatio).to.equal(4 / 8);
  });

  it('evicts the key used farthest in the future', () => {
    // Capacity 2: at the request for 3, key 1 is needed next and key 2 never, so 2 goes.
    expect(simulateOptimal([1, 2, 3, 1], 2).hits).to.equal(1);
  });

  it('precomputes next uses with Infinity for last uses', () => {
    expect(nextUseIndices(['a', 'b', 'a', 'c', 'b'])).to.deep.equal([2, 4, Infinity, Infinity, Infinity]);
  });

  it('rejects a bad capacity or stream, naming it', () => {
    expect(() => simulateOptimal([1], 0)).to.throw(RangeError, /capacity/);
    expect(() => simulateOptimal([1], 1.5)).to.throw(RangeError, /capacity/);
    expect(() => simulateOptimal('abc' as unknown as number[], 1)).to.throw(TypeError, /keys/);
  });
});

/** Reference model: the best hit count over every admit/bypass choice, by exhaustive search. */
function exhaustiveBypassOptimalHits(keys: number[], capacity: number): number {
  const best = (i: number, cache: ReadonlySet<number>): number => {
    if (i === keys.length) return 0;
    if (cache.has(keys[i])) return 1 + best(i + 1, cache);
    let result = best(i + 1, cache); // bypass
    if (cache.size < capacity) return Math.max(result, best(i + 1, new Set([...cache, keys[i]])));
    for (const victim of cache) {
      const next = new Set(cache);
      next.delete(victim);
      next.add(keys[i]);
      result = Math.max(result, best(i + 1, next));
    }
    return result;
  };
  return best(0, new Set());
}

describe('simulateOptimalWithBypass (Bélády with admission control)', () => {
  it('gets as many hits as the best of every admit, bypass and victim choice (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (keys, capacity) => {
        expect(simulateOptimalWithBypass(keys, capacity).hits).to.equal(exhaustiveBypassOptimalHits(keys, capacity));
      }),
      { numRuns: 300 },
    );
  });

  it('beats Bélády without bypass when one-off keys interleave with a hot pair', () => {
    // Cache of 2: A and B come back every third request; x1, x2, … are never seen again.
    const keys = ['A', 'B', 'x1', 'A', 'B', 'x2', 'A', 'B', 'x3', 'A', 'B'];
    expect(simulateOptimal(keys, 2).hits).to.equal(3);
    expect(simulateOptimalWithBypass(keys, 2).hits).to.equal(6);
  });

  it('is never below Bélády without bypass (property)', () => {
    fc.assert(
      fc.property(streams, capacities, (keys, capacity) => {
        expect(simulateOptimalWithBypass(keys, capacity).hits).to.be.at.least(simulateOptimal(keys, capacity).hits);
      }),
    );
  });

  it('rejects a bad capacity, naming it', () => {
    expect(() => simulateOptimalWithBypass([1], 0)).to.throw(RangeError, /capacity/);
  });
});
