import { expect } from 'chai';
import { ClockCache } from '../../../lib/policies/clock-cache';
import { expectMatchesModel } from './model-check';
import { ModelClock } from './models/model-clock';

describe('ClockCache', () => {
  it('gives a referenced entry a second chance by moving it to the head', () => {
    const evicted: string[] = [];
    const cache = new ClockCache<string, number>({ capacity: 3, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2).set('c', 3);
    cache.get('a');
    cache.set('d', 4); // 'a' (referenced) goes to the head with its bit cleared; 'b' is evicted
    expect(evicted).to.deep.equal(['b']);
    expect([...cache.keys()]).to.deep.equal(['d', 'a', 'c']);
  });

  it('validates counterBits', () => {
    for (const counterBits of [0, 9, 1.5, NaN]) {
      expect(() => new ClockCache({ capacity: 2, counterBits }), String(counterBits)).to.throw(RangeError, /counterBits/);
    }
    expect(new ClockCache({ capacity: 2, counterBits: 2 }).maxCount).to.equal(3);
  });

  it('matches an array-based CLOCK (1-bit, as libCacheSim) on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new ClockCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelClock(capacity),
      { maxCapacity: 8, runs: 1500 },
    );
  });

  it('matches an array-based 2-bit CLOCK on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new ClockCache<number, number>({ capacity, onEvict, counterBits: 2 }),
      (capacity) => new ModelClock(capacity, 3),
      { maxCapacity: 8, runs: 800 },
    );
  });
});
