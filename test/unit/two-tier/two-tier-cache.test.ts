import { expect } from 'chai';
import { CacheUnavailableError } from '../../../lib/cache/errors';
import { FaultyCache } from '../../../lib/cache/faulty-cache';
import { MemoryAsyncCache } from '../../../lib/cache/memory-async-cache';
import { ManualClock } from '../../../lib/core/clock';
import { LockTimeoutError } from '../../../lib/redis/errors';
import type { RedisLock } from '../../../lib/redis/redis-lock';
import { TwoTierCache } from '../../../lib/two-tier/two-tier-cache';
import { TwoTierCacheOptions } from '../../../lib/two-tier/two-tier-options';
import { deferred, rejectionOf } from '../../support/deferred';
import { FakeTimers, settle } from '../../support/fake-timers';
import { MemoryInvalidationHub } from '../../support/memory-invalidation-hub';

/** A shared L2 whose reads can be held at a gate, to stage races. */
class GatedCache<V> extends MemoryAsyncCache<V> {
  gate?: Promise<void>;
  override async get(key: string): Promise<V | undefined> {
    const value = await super.get(key);
    if (this.gate) await this.gate;
    return value;
  }
}

const L1_TTL = 1_000;

function world(overrides: Partial<TwoTierCacheOptions<string>> = {}) {
  const clock = new ManualClock(1_000);
  const hub = new MemoryInvalidationHub();
  const l2 = new GatedCache<string>({ now: clock.now });
  const timers = new FakeTimers();
  const instance = async (id: string, extra: Partial<TwoTierCacheOptions<string>> = {}) => {
    const bus = hub.bus(id);
    const cache = new TwoTierCache<string>({ l2, bus, l1Capacity: 100, l1TtlMs: L1_TTL, l2TtlMs: 60_000, now: clock.now, timers, ...overrides, ...extra });
    await cache.start();
    return { cache, bus };
  };
  return { clock, hub, l2, timers, instance };
}

describe('TwoTierCache (unit: shared in-memory L2, in-process bus, manual clock)', () => {
  it('reads L1, then L2 (filling L1), then the loader, and counts each tier', async () => {
    const { l2, instance } = world();
    const { cache } = await instance('A');
    await l2.set('in-l2', 'two');
    expect(await cache.get('in-l2')).to.equal('two');
    expect(await cache.get('in-l2')).to.equal('two');
    expect(await cache.get('nowhere')).to.equal(undefined);
    let loads = 0;
    expect(await cache.getOrLoad('cold', async () => (loads++, 'loaded'))).to.equal('loaded');
    expect(await cache.getOrLoad('cold', async () => (loads++, 'again'))).to.equal('loaded');
    expect(await l2.get('cold')).to.equal('loaded');
    expect(loads).to.equal(1);
    expect(cache.stats()).to.deep.include({ l1Hits: 2, l2Hits: 1, misses: 2, loads: 1, hits: 3, l1Size: 2 });
  });

  it('serves L1 without asking L2 until l1TtlMs has passed', async () => {
    const { clock, l2, instance } = world();
    const { cache } = await instance('A');
    await cache.set('k', 'old');
    await l2.set('k', 'changed behind its back');
    clock.advance(L1_TTL - 1);
    expect(await cache.get('k')).to.equal('old');
    clock.advance(1);
    expect(await cache.get('k')).to.equal('changed behind its back');
  });

  it('a write keeps the writer’s fresh L1 entry and drops the key from the others once delivered', async () => {
    const { hub, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    await a.cache.set('k', 'v1');
    hub.deliver();
    expect(await b.cache.get('k')).to.equal('v1');
    await a.cache.set('k', 'v2');
    expect(await b.cache.get('k')).to.equal('v1'); // not delivered yet: B may still serve its L1
    hub.deliver();
    expect(await b.cache.get('k')).to.equal('v2');
    expect(await a.cache.get('k')).to.equal('v2');
    expect(a.cache.stats()).to.deep.include({ l1Hits: 1, invalidationsSent: 2, invalidationsReceived: 0 });
    expect(b.cache.stats()).to.deep.include({ invalidationsReceived: 2, l1Invalidated: 1 });
  });

  it('setMany writes L2, keeps the writer’s entries and announces every key in one message', async () => {
    const { hub, l2, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    await a.cache.setMany([['x', '1'], ['y', '1']]);
    hub.deliver();
    expect(await b.cache.getMany(['x', 'y'])).to.deep.equal(['1', '1']);
    expect(await a.cache.setMany([['x', '2'], ['y', '2']])).to.equal(true);
    expect(hub.pending).to.equal(1);
    expect(await l2.getMany(['x', 'y'])).to.deep.equal(['2', '2']);
    hub.deliver();
    expect(await b.cache.getMany(['x', 'y'])).to.deep.equal(['2', '2']);
    expect(b.cache.stats()).to.deep.include({ invalidationsReceived: 2, l1Invalidated: 2 });
    expect(await a.cache.getMany(['x', 'y'])).to.deep.equal(['2', '2']);
    expect(a.cache.stats()).to.deep.include({ l1Hits: 2, sets: 4, invalidationsSent: 2 });
    expect((await rejectionOf(a.cache.setMany([['ok', '1'], [7, '1']] as never))).message).to.match(/key/);
  });

  it('propagates delete, deleteByPrefix and clear', async () => {
    const { hub, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    for (const key of ['user:1', 'user:2', 'item:1']) await a.cache.set(key, key);
    hub.deliver();
    for (const key of ['user:1', 'user:2', 'item:1']) await b.cache.get(key);
    await a.cache.delete('item:1');
    hub.deliver();
    expect(await b.cache.get('item:1')).to.equal(undefined);
    await a.cache.deleteByPrefix('user:');
    expect(await a.cache.get('user:1')).to.equal(undefined);
    hub.deliver();
    expect(await b.cache.get('user:2')).to.equal(undefined);
    await a.cache.set('x', 'x');
    hub.deliver();
    await b.cache.get('x');
    await a.cache.clear();
    hub.deliver();
    expect(await b.cache.get('x')).to.equal(undefined);
  });

  it('a lost message leaves the other instance stale for at most l1TtlMs', async () => {
    const { clock, hub, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    await a.cache.set('k', 'old');
    hub.deliver();
    await b.cache.get('k');
    clock.advance(300);
    await a.cache.set('k', 'new');
    (hub as unknown as { queue: unknown[] }).queue = []; // the message is lost
    expect(await b.cache.get('k')).to.equal('old');
    clock.advance(L1_TTL - 300 - 1);
    expect(await b.cache.get('k')).to.equal('old');
    clock.advance(1);
    expect(await b.cache.get('k')).to.equal('new');
  });

  it('a read racing with an invalidation of its key does not fill L1 with what it read', async () => {
    const { hub, l2, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    await a.cache.set('k', 'v1');
    hub.deliver();
    const gate = deferred<void>();
    l2.gate = gate.promise;
    const slowRead = b.cache.get('k'); // reads v1 from L2, held at the gate
    await settle();
    l2.gate = undefined;
    await a.cache.set('k', 'v2');
    hub.deliver(); // arrives while B's read is in flight
    gate.resolve();
    expect(await slowRead).to.equal('v1'); // what it read, returned…
    expect(await b.cache.get('k')).to.equal('v2'); // …but not cached
  });

  it('a write racing with another instance’s invalidation does not keep its value in L1', async () => {
    const { hub, instance, l2 } = world();
    const a = await instance('A');
    const b = await instance('B');
    const gate = deferred<void>();
    const original = l2.set.bind(l2);
    l2.set = async (key, value, ttl) => {
      const stored = await original(key, value, ttl);
      await gate.promise;
      return stored;
    };
    const bWrite = b.cache.set('k', 'from B'); // B's SET done, reply held back
    await settle();
    l2.set = original;
    await a.cache.set('k', 'from A'); // A's SET lands after B's: L2 holds A's value
    hub.deliver(); // B hears of A's write before its own write returns
    gate.resolve();
    await bWrite;
    expect(await b.cache.get('k')).to.equal('from A');
  });

  it('bypasses L1 while the bus is down and clears it when the bus is back', async () => {
    const { hub, l2, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    await a.cache.set('k', 'v1');
    hub.deliver();
    await b.cache.get('k');
    b.bus.disconnect();
    expect(b.cache.l1Enabled).to.equal(false);
    await a.cache.set('k', 'v2');
    hub.deliver(); // lost: B is not subscribed
    expect(await b.cache.get('k')).to.equal('v2');
    await l2.set('k', 'v3'); // behind everyone's back: B, bypassing L1, still sees it
    expect(await b.cache.get('k')).to.equal('v3');
    expect(b.cache.stats().l1Bypassed).to.equal(2);
    expect(b.cache.stats().l1Size).to.equal(0);
    b.bus.reconnect();
    expect(b.cache.l1Enabled).to.equal(true);
    expect(await b.cache.get('k')).to.equal('v3');
    expect(b.cache.stats()).to.deep.include({ l1Hits: 0, resyncs: 2 });
    expect(await b.cache.get('k')).to.equal('v3');
    expect(b.cache.stats().l1Hits).to.equal(1);
  });

  it('bypasses L1 before start()', async () => {
    const { l2 } = world();
    const hub = new MemoryInvalidationHub();
    const cache = new TwoTierCache<string>({ l2, bus: hub.bus('A') });
    await cache.set('k', 'v');
    expect(await cache.get('k')).to.equal('v');
    expect(cache.stats()).to.deep.include({ l1Hits: 0, l2Hits: 1, l1Size: 0 });
    await cache.start();
    await cache.get('k');
    expect(await cache.get('k')).to.equal('v');
    expect(cache.stats().l1Hits).to.equal(1);
  });

  it('coalesces concurrent loads of one key in one process (single-flight)', async () => {
    const { instance } = world();
    const { cache } = await instance('A');
    const release = deferred<string>();
    let loads = 0;
    const calls = Array.from({ length: 5 }, () => cache.getOrLoad('k', () => (loads++, release.promise)));
    await settle();
    release.resolve('v');
    expect(await Promise.all(calls)).to.deep.equal(['v', 'v', 'v', 'v', 'v']);
    expect(loads).to.equal(1);
    expect(cache.stats()).to.deep.include({ loads: 1, coalesced: 4 });
  });

  it('a failed load rejects every coalesced caller and caches nothing', async () => {
    const { instance, l2 } = world();
    const { cache } = await instance('A');
    const calls = [1, 2].map(() => cache.getOrLoad('k', async () => Promise.reject(new Error('db down'))));
    for (const call of calls) expect((await rejectionOf(call)).message).to.equal('db down');
    expect(await l2.get('k')).to.equal(undefined);
    expect(cache.stats()).to.deep.include({ loads: 1, loadErrors: 1 });
  });

  it('grace: serves the old value at once while one caller refreshes in the background', async () => {
    const { clock, l2, instance } = world({ graceMs: 5_000 });
    const { cache } = await instance('A');
    await cache.getOrLoad('k', async () => 'v1');
    clock.advance(L1_TTL + 1_000); // stale, in grace; L2 (60 s) still has v1, so expire it there too
    await l2.delete('k');
    const refresh = deferred<string>();
    let loads = 0;
    const first = await cache.getOrLoad('k', () => (loads++, refresh.promise));
    const second = await cache.getOrLoad('k', () => (loads++, refresh.promise));
    expect([first, second]).to.deep.equal(['v1', 'v1']);
    refresh.resolve('v2');
    await settle();
    expect(loads).to.equal(1);
    expect(await cache.getOrLoad('k', async () => 'unused')).to.equal('v2');
    expect(cache.stats()).to.deep.include({ staleServed: 2, softTimeouts: 0 });
  });

  it('grace: a failing refresh keeps serving the old value until grace ends, then the error propagates', async () => {
    const { clock, l2, instance } = world({ graceMs: 5_000 });
    const { cache } = await instance('A');
    await cache.getOrLoad('k', async () => 'v1');
    await l2.delete('k');
    clock.advance(L1_TTL + 1_000);
    const failing = async () => Promise.reject(new Error('db down'));
    expect(await cache.getOrLoad('k', failing)).to.equal('v1');
    await settle();
    clock.advance(5_000);
    expect((await rejectionOf(cache.getOrLoad('k', failing))).message).to.equal('db down');
    expect(cache.stats().loadErrors).to.equal(2);
  });

  it('soft timeout: waits up to softTimeoutMs for the refresh, then serves the old value while the load finishes', async () => {
    const { clock, timers, instance, l2 } = world({ graceMs: 5_000, softTimeoutMs: 200 });
    const { cache } = await instance('A');
    await cache.getOrLoad('k', async () => 'v1');
    await l2.delete('k');
    clock.advance(L1_TTL);
    const slow = deferred<string>();
    const answer = cache.getOrLoad('k', () => slow.promise);
    await settle();
    expect(timers.armed()).to.deep.equal([200]);
    timers.fireAll();
    expect(await answer).to.equal('v1');
    slow.resolve('v2');
    await settle();
    expect(await l2.get('k')).to.equal('v2');
    expect(await cache.get('k')).to.equal('v2');
    expect(cache.stats()).to.deep.include({ staleServed: 1, softTimeouts: 1 });
    // A refresh quicker than the soft timeout answers fresh and disarms the timer.
    clock.advance(L1_TTL);
    await l2.delete('k');
    expect(await cache.getOrLoad('k', async () => 'v3')).to.equal('v3');
    expect(timers.armed()).to.deep.equal([]);
  });

  it('never serves an invalidated entry in grace', async () => {
    const { hub, instance } = world({ graceMs: 60_000 });
    const a = await instance('A');
    const b = await instance('B');
    await a.cache.set('k', 'v1');
    hub.deliver();
    await b.cache.getOrLoad('k', async () => 'unused');
    await a.cache.delete('k');
    hub.deliver();
    expect(await b.cache.getOrLoad('k', async () => 'fresh from the database')).to.equal('fresh from the database');
  });

  it('a load racing with an invalidation of its key caches nothing', async () => {
    const { hub, l2, instance } = world();
    const a = await instance('A');
    const b = await instance('B');
    const slow = deferred<string>();
    const loading = b.cache.getOrLoad('k', () => slow.promise);
    await settle();
    await a.cache.set('k', 'written meanwhile');
    hub.deliver();
    slow.resolve('loaded before the write');
    expect(await loading).to.equal('loaded before the write');
    expect(await l2.get('k')).to.equal('written meanwhile');
    expect(b.cache.stats().discardedLoads).to.equal(1);
  });

  describe('with a cross-instance lock (fake)', () => {
    const lockThat = (withLock: RedisLock['withLock']) => ({ withLock }) as unknown as RedisLock;

    it('double-checks L2 once the lock is held, and loads only if it is still missing', async () => {
      const { l2, instance } = world();
      const lock = lockThat(async (_name, fn) => {
        await l2.set('k', 'filled by the previous holder');
        return fn();
      });
      const { cache } = await instance('A', { lock });
      let loads = 0;
      expect(await cache.getOrLoad('k', async () => (loads++, 'x'))).to.equal('filled by the previous holder');
      expect(loads).to.equal(0);
      expect(cache.stats().lockSavedLoads).to.equal(1);
    });

    it('loads anyway when the lock cannot be taken (fail-open), but not twice when the loader fails', async () => {
      const { instance } = world();
      const { cache } = await instance('A', { lock: lockThat(async (name) => Promise.reject(new LockTimeoutError(name, 10))) });
      expect(await cache.getOrLoad('k', async () => 'v')).to.equal('v');
      expect(cache.stats()).to.deep.include({ lockFailures: 1, loads: 1, warnings: 1 });
      const held = await instance('B', { lock: lockThat(async (_name, fn) => fn()) });
      let loads = 0;
      const error = await rejectionOf(held.cache.getOrLoad('e', async () => (loads++, Promise.reject(new Error('db down')))));
      expect(error.message).to.equal('db down');
      expect(loads).to.equal(1);
      expect(held.cache.getOrLoad('e', async () => 'ok', { lock: false })).to.be.a('promise');
    });
  });

  describe('when L2 fails (FaultyCache)', () => {
    it('reads fail open: a broken L2 read becomes a load, counted as a warning', async () => {
      const clock = new ManualClock();
      const l2 = new FaultyCache(new MemoryAsyncCache<string>({ now: clock.now }));
      const cache = new TwoTierCache<string>({ l2, now: clock.now });
      await cache.start();
      await l2.inner.set('k', 'in L2');
      l2.failNextReads(1);
      expect(await cache.getOrLoad('k', async () => 'from the database')).to.equal('from the database');
      expect(cache.stats()).to.deep.include({ warnings: 1, loads: 1 });
    });

    it('a write L2 refuses (throw) rejects, keeps nothing new in L1, and still tells the others', async () => {
      const clock = new ManualClock();
      const hub = new MemoryInvalidationHub();
      const l2 = new FaultyCache(new MemoryAsyncCache<string>({ now: clock.now }));
      const make = async (id: string) => {
        const cache = new TwoTierCache<string>({ l2, bus: hub.bus(id), now: clock.now });
        await cache.start();
        return cache;
      };
      const a = await make('A');
      const b = await make('B');
      await a.set('k', 'old');
      hub.deliver();
      await b.get('k');
      l2.failNextWrites(1);
      expect(await rejectionOf(a.set('k', 'new'))).to.be.instanceOf(CacheUnavailableError);
      hub.deliver();
      expect(await a.get('k')).to.equal('old'); // what L2 holds: the write did not happen, and said so
      expect(a.stats().invalidationsSent).to.equal(2);
      expect(b.stats().l1Invalidated).to.equal(1);
    });

    it('a write L2 skips (degrade, like a fail-open Redis) resolves false and leaves nothing old to serve', async () => {
      const clock = new ManualClock();
      const l2 = new FaultyCache(new MemoryAsyncCache<string>({ now: clock.now }), 'degrade');
      const cache = new TwoTierCache<string>({ l2, now: clock.now });
      await cache.start();
      await cache.set('k', 'old');
      l2.failNextWrites(1);
      expect(await cache.set('k', 'new')).to.equal(false);
      expect(await cache.get('k')).to.equal(undefined);
      expect(cache.stats().l1Size).to.equal(0);
    });
  });

  it('rejects bad options and arguments, naming them', async () => {
    const l2 = new MemoryAsyncCache<string>();
    const make = (options: object) => () => new TwoTierCache<string>({ l2, ...options });
    expect(make({ l1Capacity: 0 })).to.throw(RangeError, /l1Capacity/);
    expect(make({ l1Capacity: 1.5 })).to.throw(RangeError, /l1Capacity/);
    expect(make({ l1TtlMs: -1 })).to.throw(RangeError, /l1TtlMs/);
    expect(make({ l2TtlMs: NaN })).to.throw(RangeError, /l2TtlMs/);
    expect(make({ graceMs: -1 })).to.throw(RangeError, /graceMs/);
    expect(make({ softTimeoutMs: Infinity })).to.throw(RangeError, /softTimeoutMs/);
    expect(make({ l2: {} })).to.throw(TypeError, /l2/);
    expect(make({ bus: {} })).to.throw(TypeError, /bus/);
    expect(make({ lock: 'yes' })).to.throw(TypeError, /lock/);
    expect(make({ now: 5 })).to.throw(TypeError, /now/);
    expect(() => new TwoTierCache(null as never)).to.throw(TypeError, /options/);
    const cache = new TwoTierCache<string>({ l2 });
    expect((await rejectionOf(cache.get(5 as never))).message).to.match(/key/);
    expect((await rejectionOf(cache.getOrLoad('k', 'not a function' as never))).message).to.match(/loader/);
    expect((await rejectionOf(cache.set('k', 'v', 0))).message).to.match(/ttlMs/);
    await cache.start();
    expect((await rejectionOf(cache.start())).message).to.match(/start/);
  });
});
