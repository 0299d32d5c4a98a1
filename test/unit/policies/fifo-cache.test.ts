import { expect } from 'chai';
import { FIFOCache } from '../../../lib/policies/fifo-cache';
import { expectMatchesModel } from './model-check';
import { ModelFIFO } from './models/model-fifo';

describe('FIFOCache', () => {
  it('evicts in insertion order, whatever was read', () => {
    const evicted: string[] = [];
    const cache = new FIFOCache<string, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).to.equal(1);
    cache.set('a', 10); // an overwrite keeps its place
    cache.set('c', 3);
    expect(evicted).to.deep.equal(['a']);
    expect([...cache.keys()]).to.deep.equal(['c', 'b']);
  });

  it('matches an array-based FIFO on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new FIFOCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelFIFO(capacity),
      { maxCapacity: 8, runs: 1500 },
    );
  });
});
