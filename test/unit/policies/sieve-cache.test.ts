import { expect } from 'chai';
import { SieveCache } from '../../../lib/policies/sieve-cache';
import { expectMatchesModel } from './model-check';
import { ModelSieve } from './models/model-sieve';

describe('SieveCache', () => {
  it('keeps visited entries in place, evicts the first unvisited from the hand, and leaves the hand there', () => {
    const evicted: string[] = [];
    const cache = new SieveCache<string, number>({ capacity: 4, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2).set('c', 3).set('d', 4); // head d c b a tail
    cache.get('a');
    cache.get('c');
    cache.set('e', 5); // hand from tail: a visited (cleared) → b evicted; hand on c
    expect(evicted).to.deep.equal(['b']);
    expect(cache.handKey()).to.equal('c');
    expect([...cache.keys()]).to.deep.equal(['e', 'd', 'c', 'a']);
    cache.set('f', 6); // hand at c (visited, cleared) → d evicted; hand on e
    expect(evicted).to.deep.equal(['b', 'd']);
    expect(cache.handKey()).to.equal('e');
    expect(cache.visited('a')).to.equal(false);
  });

  it('has and peek do not mark an entry visited', () => {
    const cache = new SieveCache<string, number>({ capacity: 2 });
    cache.set('a', 1).set('b', 2);
    cache.has('a');
    cache.peek('a');
    expect(cache.visited('a')).to.equal(false);
    cache.set('c', 3);
    expect(cache.has('a')).to.equal(false);
  });

  it('matches an array-based SIEVE (keys, evictions and the hand) on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new SieveCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelSieve(capacity),
      { maxCapacity: 8, runs: 1500, extra: (cache, model) => expect(cache.handKey(), 'hand').to.equal(model.hand) },
    );
  });
});
