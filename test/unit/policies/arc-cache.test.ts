import { expect } from 'chai';
import { ARCCache } from '../../../lib/policies/arc-cache';
import { expectMatchesModel } from './model-check';
import { ModelARC } from './models/model-arc';

describe('ARCCache', () => {
  it('keeps keys seen twice (T2) apart from keys seen once (T1), and remembers evicted keys as ghosts', () => {
    const cache = new ARCCache<string, number>({ capacity: 2 });
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).to.equal(1);
    expect(cache.queues()).to.deep.equal({ recent: ['b'], frequent: ['a'], recentGhosts: [], frequentGhosts: [] });
    cache.set('c', 3); // T1 (|T1| = 1 > p = 0) gives up its LRU entry
    expect(cache.queues()).to.deep.equal({ recent: ['c'], frequent: ['a'], recentGhosts: ['b'], frequentGhosts: [] });
    expect(cache.has('b')).to.equal(false);
    expect(cache.get('b')).to.equal(undefined);
  });

  it('grows T1’s target on a B1 ghost hit and shrinks it on a B2 ghost hit (cases II and III)', () => {
    const cache = new ARCCache<string, number>({ capacity: 2 });
    cache.set('a', 1).set('b', 2);
    cache.get('a');
    cache.set('c', 3); // b → B1
    expect(cache.target).to.equal(0);
    cache.set('b', 2); // B1 hit: p = min(0 + max(|B2|/|B1|, 1), 2) = 1; REPLACE: |T1| = p, so T2's a → B2
    expect(cache.target).to.equal(1);
    expect(cache.queues()).to.deep.equal({ recent: ['c'], frequent: ['b'], recentGhosts: [], frequentGhosts: ['a'] });
    cache.set('a', 1); // B2 hit: p = max(1 − max(|B1|/|B2|, 1), 0) = 0; REPLACE: |T1| > p, so c → B1
    expect(cache.target).to.equal(0);
    expect(cache.queues()).to.deep.equal({ recent: [], frequent: ['a', 'b'], recentGhosts: ['c'], frequentGhosts: [] });
  });

  it('drops T1’s LRU entry without a ghost when T1 alone fills the cache (case IV A, B1 empty)', () => {
    const evicted: string[] = [];
    const cache = new ARCCache<string, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2).set('c', 3);
    expect(evicted).to.deep.equal(['a']);
    expect(cache.queues()).to.deep.equal({ recent: ['c', 'b'], frequent: [], recentGhosts: [], frequentGhosts: [] });
  });

  it('resists a scan: a loop of new keys passes through T1 and leaves the hot keys in T2', () => {
    const cache = new ARCCache<number, number>({ capacity: 10 });
    for (let round = 0; round < 3; round++) for (let hot = 0; hot < 5; hot++) cache.set(hot, hot), cache.get(hot);
    for (let scan = 100; scan < 1000; scan++) cache.set(scan, scan);
    for (let hot = 0; hot < 5; hot++) expect(cache.has(hot), `hot key ${hot}`).to.equal(true);
  });

  it('has and peek change nothing; delete leaves no ghost; clear forgets ghosts and p', () => {
    const cache = new ARCCache<string, number>({ capacity: 2 });
    cache.set('a', 1);
    expect(cache.peek('a')).to.equal(1);
    expect(cache.has('a')).to.equal(true);
    expect(cache.queues().recent).to.deep.equal(['a']);
    expect(cache.delete('a')).to.equal(true);
    expect(cache.queues()).to.deep.equal({ recent: [], frequent: [], recentGhosts: [], frequentGhosts: [] });
    cache.set('a', 1).set('b', 2);
    cache.get('a');
    cache.set('c', 3).set('b', 2); // a B1 hit raises p
    expect(cache.target).to.equal(1);
    cache.clear();
    expect(cache.target).to.equal(0);
    expect(cache.queues()).to.deep.equal({ recent: [], frequent: [], recentGhosts: [], frequentGhosts: [] });
  });

  it('counts sizes instead of entries with maxSize, and moves a resized entry to T2 without evicting it', () => {
    const evicted: string[] = [];
    const cache = new ARCCache<string, number>({ maxSize: 10, sizeOf: (n) => n, onEvict: (k) => evicted.push(k) });
    cache.set('a', 4).set('b', 4);
    cache.set('a', 7); // resized past the budget: room is made by evicting b, never a itself
    expect(cache.has('a')).to.equal(true);
    expect(evicted).to.deep.equal(['b']);
    expect(cache.totalSize).to.equal(7);
    expect(cache.queues().frequent).to.deep.equal(['a']);
  });

  it('matches an array-based ARC written from the paper (lists, ghosts, p, evictions) on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new ARCCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelARC(capacity),
      {
        maxCapacity: 8,
        runs: 600,
        extra: (cache, model) => {
          expect(cache.queues(), 'T1, T2, B1, B2').to.deep.equal({ recent: model.t1.map((e) => e.key), frequent: model.t2.map((e) => e.key), recentGhosts: model.b1, frequentGhosts: model.b2 });
          expect(cache.target, 'p').to.equal(model.p);
        },
      },
    );
  });
});
