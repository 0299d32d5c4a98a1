import { expect } from 'chai';
import { ManualClock } from '../../../lib/core/clock';
import { TTLCache, type TTLEvictionReason } from '../../../lib/core/ttl-cache';

type Event = [string, number, TTLEvictionReason];

function setup(options: { defaultTtlMs?: number; capacity?: number } = {}) {
  const clock = new ManualClock(1_000);
  const events: Event[] = [];
  const cache = new TTLCache<string, number>({ ...options, now: clock.now, onEvict: (k, v, r) => events.push([k, v, r]) });
  return { clock, events, cache };
}

describe('TTLCache', () => {
  it('an entry set at t with ttl d is live while now < t + d', () => {
    const { clock, cache, events } = setup({ defaultTtlMs: 100 });
    cache.set('a', 1);
    clock.advance(99);
    expect(cache.get('a')).to.equal(1);
    expect(cache.ttl('a')).to.equal(1);
    clock.advance(1);
    expect(cache.get('a')).to.equal(undefined);
    expect(cache.has('a')).to.equal(false);
    expect(events).to.deep.equal([['a', 1, 'expired']]);
    expect(cache.stats()).to.include({ hits: 1, misses: 1, expirations: 1, size: 0 });
  });

  it('a per-entry ttl overrides the default', () => {
    const { clock, cache } = setup({ defaultTtlMs: 100 });
    cache.set('short', 1, 10);
    cache.set('default', 2);
    clock.advance(10);
    expect(cache.peek('short')).to.equal(undefined);
    expect(cache.peek('default')).to.equal(2);
    expect(cache.ttl('default')).to.equal(90);
  });

  it('without a default TTL entries never expire and ttl() is Infinity', () => {
    const { clock, cache } = setup();
    cache.set('a', 1);
    clock.advance(1e12);
    expect(cache.get('a')).to.equal(1);
    expect(cache.ttl('a')).to.equal(Infinity);
    expect(cache.ttl('missing')).to.equal(undefined);
  });

  it('set on an existing key replaces value and TTL', () => {
    const { clock, cache, events } = setup({ defaultTtlMs: 100 });
    cache.set('a', 1);
    clock.advance(60);
    cache.set('a', 2);
    clock.advance(60);
    expect(cache.get('a')).to.equal(2);
    expect(events).to.deep.equal([]);
  });

  it('size, keys() and stats() never include expired entries', () => {
    const { clock, cache, events } = setup({ defaultTtlMs: 100 });
    cache.set('a', 1);
    cache.set('b', 2, 50);
    cache.set('c', 3, 200);
    clock.advance(100);
    expect([...cache.keys()]).to.deep.equal(['c']);
    expect(cache.size).to.equal(1);
    expect(cache.stats().size).to.equal(1);
    expect(events.map((e) => e[0]).sort()).to.deep.equal(['a', 'b']);
  });

  it('sweep() removes expired entries, least recently used first, and returns the count', () => {
    const { clock, cache, events } = setup({ defaultTtlMs: 100 });
    cache.set('a', 1).set('b', 2).set('c', 3, 500);
    cache.get('a');
    expect(cache.sweep()).to.equal(0);
    clock.advance(100);
    expect(cache.sweep()).to.equal(2);
    expect(events).to.deep.equal([
      ['b', 2, 'expired'],
      ['a', 1, 'expired'],
    ]);
    expect(cache.sweep()).to.equal(0);
    expect(cache.stats().expirations).to.equal(2);
  });

  it('when full, removes expired entries before evicting the least recently used', () => {
    const { clock, cache, events } = setup({ capacity: 2 });
    cache.set('a', 1).set('b', 2, 10);
    clock.advance(10);
    cache.set('c', 3);
    expect(events).to.deep.equal([['b', 2, 'expired']]);
    expect([...cache.keys()]).to.deep.equal(['c', 'a']);
    cache.get('a');
    cache.set('d', 4);
    expect(events[1]).to.deep.equal(['c', 3, 'evicted']);
    expect([...cache.keys()]).to.deep.equal(['d', 'a']);
    expect(cache.stats()).to.include({ evictions: 1, expirations: 1 });
  });

  it('delete reports "deleted"; clear reports nothing; both keep stats', () => {
    const { clock, cache, events } = setup({ defaultTtlMs: 100 });
    cache.set('a', 1).set('b', 2);
    expect(cache.delete('a')).to.equal(true);
    expect(cache.delete('a')).to.equal(false);
    expect(events).to.deep.equal([['a', 1, 'deleted']]);
    clock.advance(100);
    expect(cache.delete('b')).to.equal(false); // expired: reported as such, not as deleted
    expect(events[1]).to.deep.equal(['b', 2, 'expired']);
    cache.set('c', 3).get('c');
    cache.clear();
    expect(cache.size).to.equal(0);
    expect(events).to.have.length(2);
    expect(cache.stats().hits).to.equal(1);
    cache.set('d', 4);
    expect(cache.get('d')).to.equal(4);
  });

  it('hitRate is 0 with no lookups and resetStats zeroes every counter', () => {
    const { clock, cache } = setup({ defaultTtlMs: 10, capacity: 1 });
    expect(cache.stats()).to.deep.equal({ hits: 0, misses: 0, hitRate: 0, size: 0, evictions: 0, expirations: 0 });
    cache.set('a', 1).get('a');
    cache.set('b', 2);
    clock.advance(10);
    cache.get('b');
    expect(cache.stats()).to.deep.equal({ hits: 1, misses: 1, hitRate: 0.5, size: 0, evictions: 1, expirations: 1 });
    cache.resetStats();
    expect(cache.stats()).to.deep.equal({ hits: 0, misses: 0, hitRate: 0, size: 0, evictions: 0, expirations: 0 });
  });

  it('sweepIntervalMs starts an unref’d timer that dispose()/close() stop', () => {
    const realSetInterval = global.setInterval;
    const realClearInterval = global.clearInterval;
    const started: { fn: () => void; ms: number; unrefed: boolean }[] = [];
    const cleared: unknown[] = [];
    const fakeTimer = {
      unref() {
        started[started.length - 1].unrefed = true;
        return this;
      },
    };
    (global as { setInterval: unknown }).setInterval = (fn: () => void, ms: number) => {
      started.push({ fn, ms, unrefed: false });
      return fakeTimer;
    };
    (global as { clearInterval: unknown }).clearInterval = (timer: unknown) => cleared.push(timer);
    try {
      const clock = new ManualClock();
      const expired: string[] = [];
      const cache = new TTLCache<string, number>({
        defaultTtlMs: 5,
        sweepIntervalMs: 1_000,
        now: clock.now,
        onEvict: (k) => expired.push(k),
      });
      expect(started).to.have.length(1);
      expect(started[0]).to.include({ ms: 1_000, unrefed: true });
      cache.set('a', 1);
      clock.advance(5);
      started[0].fn(); // the timer firing
      expect(expired).to.deep.equal(['a']);
      cache.dispose();
      cache.close();
      expect(cleared).to.deep.equal([fakeTimer]);
    } finally {
      global.setInterval = realSetInterval;
      global.clearInterval = realClearInterval;
    }
  });

  it('an unbounded cache grows past its initial storage and keeps recency order', () => {
    const { clock, cache } = setup({ defaultTtlMs: 1_000 });
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i, i < 50 ? 10 : undefined);
    cache.get('k0');
    const expected = ['k0', ...Array.from({ length: 99 }, (_, i) => `k${99 - i}`)];
    expect([...cache.keys()]).to.deep.equal(expected);
    clock.advance(10);
    expect([...cache.keys()]).to.deep.equal(expected.filter((k) => Number(k.slice(1)) >= 50));
    for (let i = 100; i < 300; i++) cache.set(`k${i}`, i);
    expect(cache.size).to.equal(250);
    expect(cache.get('k299')).to.equal(299);
  });

  it('uses Date.now when no clock is injected', () => {
    const cache = new TTLCache<string, number>({ defaultTtlMs: 60_000 });
    cache.set('a', 1);
    const left = cache.ttl('a') as number;
    expect(left).to.be.greaterThan(59_000).and.at.most(60_000);
  });

  it('validates options and per-entry ttl, naming the parameter', () => {
    const make = (options: unknown) => () => new TTLCache(options as object);
    expect(make({ defaultTtlMs: -1 })).to.throw(RangeError, /defaultTtlMs/);
    expect(make({ defaultTtlMs: 0 })).to.throw(RangeError, /defaultTtlMs/);
    expect(make({ defaultTtlMs: NaN })).to.throw(RangeError, /defaultTtlMs/);
    expect(make({ defaultTtlMs: Infinity })).to.throw(RangeError, /defaultTtlMs/);
    expect(make({ capacity: 0 })).to.throw(RangeError, /capacity/);
    expect(make({ capacity: 2.5 })).to.throw(RangeError, /capacity/);
    expect(make({ sweepIntervalMs: 0 })).to.throw(RangeError, /sweepIntervalMs/);
    expect(make({ now: 5 })).to.throw(TypeError, /now/);
    expect(make({ onEvict: {} })).to.throw(TypeError, /onEvict/);
    expect(make('x')).to.throw(TypeError, /options/);
    const cache = new TTLCache<string, number>();
    expect(() => cache.set('a', 1, -5)).to.throw(RangeError, /ttlMs/);
    expect(() => cache.set('a', 1, Infinity)).to.throw(RangeError, /ttlMs/);
    expect(cache.has('a')).to.equal(false);
  });

  it('rejects a clock that returns NaN or a non-number, at construction and on later calls (no silent emptying)', () => {
    const make = (now: () => unknown) => () => new TTLCache({ defaultTtlMs: 1000, now: now as () => number });
    expect(make(() => NaN)).to.throw(TypeError, /now\(\).*NaN/);
    expect(make(() => '5')).to.throw(TypeError, /now\(\)/);
    expect(make(() => undefined)).to.throw(TypeError, /now\(\)/);
    let time = 0;
    const cache = new TTLCache<string, number>({ defaultTtlMs: 1000, now: () => time });
    cache.set('a', 1);
    time = NaN;
    expect(() => cache.get('a')).to.throw(TypeError, /now\(\)/);
    time = 10;
    expect(cache.get('a')).to.equal(1);
  });
});
