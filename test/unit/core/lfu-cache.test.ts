import { expect } from 'chai';
import { LFUCache } from '../../../lib/core/lfu-cache';

describe('LFUCache', () => {
  it('evicts the least frequently used entry', () => {
    const evicted: [string, number][] = [];
    const cache = new LFUCache<string, number>({ capacity: 2, onEvict: (k, v) => evicted.push([k, v]) });
    cache.set('a', 1).set('b', 2);
    cache.get('a');
    cache.get('b');
    cache.get('b');
    cache.set('c', 3);
    expect(evicted).to.deep.equal([['a', 1]]);
    expect(cache.frequency('b')).to.equal(3);
    expect(cache.frequency('c')).to.equal(1);
    expect(cache.frequency('a')).to.equal(0);
  });

  it('breaks frequency ties by evicting the least recently used', () => {
    const evicted: string[] = [];
    const cache = new LFUCache<string, number>({ capacity: 3, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2).set('c', 3);
    cache.get('b');
    cache.get('a'); // a and b at frequency 2; b used longer ago; c at 1
    cache.set('d', 4);
    expect(evicted).to.deep.equal(['c']);
    cache.get('d'); // now a, b, d all at 2; b is the least recently used
    cache.set('e', 5);
    expect(evicted).to.deep.equal(['c', 'b']);
  });

  it('a new entry starts at frequency 1, so it is the next victim', () => {
    const evicted: string[] = [];
    const cache = new LFUCache<string, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).get('a');
    cache.set('b', 2);
    cache.set('c', 3);
    cache.set('d', 4);
    expect(evicted).to.deep.equal(['b', 'c']);
  });

  it('set on an existing key updates the value and counts as a use', () => {
    const cache = new LFUCache<string, number>({ capacity: 2 });
    cache.set('a', 1).set('b', 2).set('a', 10);
    expect(cache.frequency('a')).to.equal(2);
    cache.set('c', 3);
    expect(cache.has('b')).to.equal(false);
    expect(cache.peek('a')).to.equal(10);
  });

  it('keys() lists the next victim last: by frequency, then recency, descending', () => {
    const cache = new LFUCache<string, number>({ capacity: 4 });
    cache.set('a', 1).set('b', 2).set('c', 3).set('d', 4);
    cache.get('c');
    cache.get('c');
    cache.get('a');
    expect([...cache.keys()]).to.deep.equal(['c', 'a', 'd', 'b']);
  });

  it('has, peek and frequency do not count as uses', () => {
    const cache = new LFUCache<string, number>({ capacity: 2 });
    cache.set('a', 1).set('b', 2);
    cache.has('a');
    cache.peek('a');
    cache.frequency('a');
    cache.set('c', 3);
    expect(cache.has('a')).to.equal(false);
    expect(cache.stats()).to.include({ hits: 0, misses: 0, evictions: 1 });
  });

  it('delete removes without onEvict and reuses the freed slot and bucket', () => {
    const evicted: string[] = [];
    const cache = new LFUCache<string, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
    cache.set('a', 1).set('b', 2).get('b');
    expect(cache.delete('b')).to.equal(true);
    expect(cache.delete('b')).to.equal(false);
    cache.set('c', 3).get('c');
    cache.get('c');
    expect(cache.size).to.equal(2);
    cache.set('d', 4);
    expect(evicted).to.deep.equal(['a']);
    expect([...cache.keys()]).to.deep.equal(['c', 'd']);
  });

  it('clear empties the cache and stays usable', () => {
    const cache = new LFUCache<number, number>({ capacity: 2 });
    cache.set(1, 1).set(2, 2).get(1);
    cache.clear();
    expect(cache.size).to.equal(0);
    expect([...cache.keys()]).to.deep.equal([]);
    cache.set(3, 3).set(4, 4).get(4);
    cache.set(5, 5);
    expect([...cache.keys()]).to.deep.equal([4, 5]);
  });

  it('reports stats', () => {
    const cache = new LFUCache<number, number>({ capacity: 1 });
    cache.set(1, 1).get(1);
    cache.get(2);
    cache.set(2, 2);
    expect(cache.stats()).to.deep.equal({ hits: 1, misses: 1, hitRate: 0.5, size: 1, evictions: 1 });
    cache.resetStats();
    expect(cache.stats()).to.deep.equal({ hits: 0, misses: 0, hitRate: 0, size: 1, evictions: 0 });
  });

  it('validates its options, naming the parameter', () => {
    const make = (options: unknown) => () => new LFUCache(options as { capacity: number });
    expect(make({ capacity: 0 })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: -3 })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: Infinity })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: 1e8 })).to.throw(RangeError, /capacity must be at most 8388608/);
    expect(make({ capacity: 2, onEvict: 1 })).to.throw(TypeError, /onEvict/);
    expect(make(null)).to.throw(TypeError, /options/);
  });
});
