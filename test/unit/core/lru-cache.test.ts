import { expect } from 'chai';
import { LRUCache } from '../../../lib/core/lru-cache';
import { LFUCache } from '../../../lib/core/lfu-cache';

describe('LRUCache', () => {
  it('returns stored values and undefined for missing keys', () => {
    const cache = new LRUCache<string, number>({ capacity: 3 });
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).to.equal(1);
    expect(cache.get('b')).to.equal(2);
    expect(cache.get('zzz')).to.equal(undefined);
    expect(cache.size).to.equal(2);
    expect(cache.capacity).to.equal(3);
  });

  it('evicts the least recently used entry, where get counts as a use', () => {
    const evicted: [string, number][] = [];
    const cache = new LRUCache<string, number>({ capacity: 2, onEvict: (k, v) => evicted.push([k, v]) });
    cache.set('a', 1).set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(evicted).to.deep.equal([['b', 2]]);
    expect([...cache.keys()]).to.deep.equal(['c', 'a']);
    expect(cache.has('b')).to.equal(false);
  });

  it('set on an existing key updates the value, marks it recent and evicts nothing', () => {
    const evicted: string[] = [];
    const cache = new LRUCache<string, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2).set('a', 10);
    expect(evicted).to.deep.equal([]);
    expect([...cache.keys()]).to.deep.equal(['a', 'b']);
    cache.set('c', 3);
    expect(evicted).to.deep.equal(['b']);
    expect(cache.get('a')).to.equal(10);
  });

  it('has and peek do not change recency or stats', () => {
    const cache = new LRUCache<string, number>({ capacity: 2 });
    cache.set('a', 1).set('b', 2);
    expect(cache.peek('a')).to.equal(1);
    expect(cache.has('a')).to.equal(true);
    expect(cache.peek('x')).to.equal(undefined);
    cache.set('c', 3);
    expect([...cache.keys()]).to.deep.equal(['c', 'b']);
    expect(cache.stats()).to.include({ hits: 0, misses: 0 });
  });

  it('delete removes without calling onEvict and frees the slot for reuse', () => {
    const evicted: string[] = [];
    const cache = new LRUCache<string, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2);
    expect(cache.delete('a')).to.equal(true);
    expect(cache.delete('a')).to.equal(false);
    cache.set('c', 3);
    expect(evicted).to.deep.equal([]);
    expect([...cache.keys()]).to.deep.equal(['c', 'b']);
    cache.set('d', 4);
    expect(evicted).to.deep.equal(['b']);
    expect([...cache.entries()]).to.deep.equal([
      ['d', 4],
      ['c', 3],
    ]);
  });

  it('clear empties the cache, keeps stats and stays usable', () => {
    const cache = new LRUCache<number, number>({ capacity: 2 });
    cache.set(1, 1).set(2, 2).get(1);
    cache.clear();
    expect(cache.size).to.equal(0);
    expect([...cache.keys()]).to.deep.equal([]);
    expect(cache.get(1)).to.equal(undefined);
    expect(cache.stats().hits).to.equal(1);
    cache.set(3, 3).set(4, 4).set(5, 5);
    expect([...cache.keys()]).to.deep.equal([5, 4]);
  });

  it('capacity 1 keeps only the last key', () => {
    const cache = new LRUCache<number, string>({ capacity: 1 });
    cache.set(1, 'a').set(2, 'b');
    expect([...cache.keys()]).to.deep.equal([2]);
    expect(cache.stats().evictions).to.equal(1);
  });

  it('counts hits, misses and evictions, and resets them', () => {
    const cache = new LRUCache<number, number>({ capacity: 1 });
    expect(cache.stats()).to.deep.equal({ hits: 0, misses: 0, hitRate: 0, size: 0, evictions: 0 });
    cache.set(1, 1);
    cache.get(1);
    cache.get(1);
    cache.get(2);
    cache.set(2, 2);
    expect(cache.stats()).to.deep.equal({ hits: 2, misses: 1, hitRate: 2 / 3, size: 1, evictions: 1 });
    cache.resetStats();
    expect(cache.stats()).to.deep.equal({ hits: 0, misses: 0, hitRate: 0, size: 1, evictions: 0 });
  });

  it('sees a consistent cache from inside onEvict', () => {
    let seen: number[] = [];
    const cache: LRUCache<number, number> = new LRUCache<number, number>({
      capacity: 2,
      onEvict: () => {
        seen = [...cache.keys()];
      },
    });
    cache.set(1, 1).set(2, 2).set(3, 3);
    expect(seen).to.deep.equal([3, 2]);
  });

  it('validates its options, naming the parameter', () => {
    const make = (options: unknown) => () => new LRUCache(options as { capacity: number });
    expect(make({ capacity: 0 })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: 1.5 })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: NaN })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: '10' })).to.throw(RangeError, /capacity/);
    expect(make({})).to.throw(RangeError, /capacity/);
    expect(make({ capacity: 2 ** 32 })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: 1e8 })).to.throw(RangeError, /capacity must be at most 8388608/);
    expect(make({ capacity: 1, onEvict: 'nope' })).to.throw(TypeError, /onEvict/);
    expect(make(undefined)).to.throw(TypeError, /options/);
    expect(make(10)).to.throw(TypeError, /options/);
  });
});

describe('LRUCache and LFUCache at their maximum capacity', () => {
  it('construct instantly and allocate only as entries arrive (issue 8: 1e8 used to abort Node)', () => {
    const before = process.memoryUsage();
    const lru = new LRUCache<number, number>({ capacity: 2 ** 23 });
    const lfu = new LFUCache<number, number>({ capacity: 2 ** 23 });
    for (let i = 0; i < 10_000; i++) {
      lru.set(i, i);
      lfu.set(i, i);
    }
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
    expect(grown).to.be.below(64 * 2 ** 20);
    expect(lru.size).to.equal(10_000);
    expect(lfu.size).to.equal(10_000);
  });
});
