import { expect } from 'chai';
import { ManualClock } from '../../../lib/core/clock';
import { defaultMemoKey, memoize } from '../../../lib/core/memoize';
import { deferred } from '../../support/deferred';

describe('memoize', () => {
  it('calls fn once per distinct arguments and counts hits and misses', () => {
    const calls: number[][] = [];
    const add = memoize(
      (a: number, b: number) => {
        calls.push([a, b]);
        return a + b;
      },
      { maxSize: 10 },
    );
    expect(add(1, 2)).to.equal(3);
    expect(add(1, 2)).to.equal(3);
    expect(add(2, 1)).to.equal(3);
    expect(calls).to.deep.equal([
      [1, 2],
      [2, 1],
    ]);
    expect(add.cacheInfo()).to.deep.equal({ hits: 1, misses: 2, maxSize: 10, currSize: 2 });
  });

  it('is LRU-bounded by maxSize', () => {
    let calls = 0;
    const square = memoize(
      (n: number) => {
        calls++;
        return n * n;
      },
      { maxSize: 2 },
    );
    square(1);
    square(2);
    square(1); // 1 is now most recent
    square(3); // evicts 2
    expect(calls).to.equal(3);
    square(1);
    expect(calls).to.equal(3);
    square(2);
    expect(calls).to.equal(4);
    expect(square.cacheInfo().currSize).to.equal(2);
  });

  it('caches undefined results and distinguishes argument types', () => {
    let calls = 0;
    const f = memoize(
      (x: unknown): undefined => {
        calls++;
        void x;
        return undefined;
      },
      { maxSize: 10 },
    );
    f(1);
    f(1);
    f('1');
    f(null);
    f(undefined);
    expect(calls).to.equal(4);
    expect(f.cacheInfo()).to.include({ hits: 1, misses: 4 });
  });

  it('cacheClear forgets results and zeroes counters', () => {
    let calls = 0;
    const f = memoize(() => ++calls, { maxSize: 1 });
    f();
    f();
    f.cacheClear();
    expect(f.cacheInfo()).to.deep.equal({ hits: 0, misses: 0, maxSize: 1, currSize: 0 });
    expect(f()).to.equal(2);
  });

  it('expires results after ttlMs on the injected clock', () => {
    const clock = new ManualClock();
    let calls = 0;
    const f = memoize(
      (n: number) => {
        calls++;
        return n;
      },
      { maxSize: 5, ttlMs: 100, now: clock.now },
    );
    f(1);
    clock.advance(99);
    f(1);
    expect(calls).to.equal(1);
    clock.advance(1);
    f(1);
    expect(calls).to.equal(2);
    expect(f.cacheInfo()).to.include({ hits: 1, misses: 2, currSize: 1 });
  });

  it('uses the key option to build the cache key', () => {
    let calls = 0;
    const byId = memoize(
      (user: { id: number; name: string }) => {
        calls++;
        return user.name.toUpperCase();
      },
      { maxSize: 5, key: (user) => user.id },
    );
    expect(byId({ id: 1, name: 'ada' })).to.equal('ADA');
    expect(byId({ id: 1, name: 'ignored' })).to.equal('ADA');
    expect(calls).to.equal(1);
  });

  it('rejects non-primitive arguments under the default key', () => {
    const f = memoize((o: object) => o, { maxSize: 5 });
    expect(() => f({})).to.throw(TypeError, /argument 0 .*key option/);
  });

  it('does not cache a synchronous throw', () => {
    let calls = 0;
    const f = memoize(
      () => {
        calls++;
        if (calls === 1) throw new Error('first call fails');
        return 'ok';
      },
      { maxSize: 5 },
    );
    expect(() => f()).to.throw('first call fails');
    expect(f()).to.equal('ok');
    expect(f.cacheInfo().currSize).to.equal(1);
  });

  it('passes this through to fn', () => {
    const counter = { base: 10, plus: memoize(function (this: { base: number }, n: number) { return this.base + n; }, { maxSize: 2 }) };
    expect(counter.plus(1)).to.equal(11);
  });

  describe('async functions', () => {
    it('shares one in-flight promise between concurrent calls with the same key', async () => {
      const pending = deferred<string>();
      let calls = 0;
      const load = memoize(
        (id: number) => {
          calls++;
          return pending.promise.then((v) => `${v}:${id}`);
        },
        { maxSize: 5 },
      );
      const first = load(7);
      const second = load(7);
      expect(second).to.equal(first);
      expect(calls).to.equal(1);
      pending.resolve('user');
      expect(await first).to.equal('user:7');
      expect(await load(7)).to.equal('user:7');
      expect(calls).to.equal(1);
      expect(load.cacheInfo()).to.include({ hits: 2, misses: 1 });
    });

    it('does not keep a rejected promise: the next call retries', async () => {
      const attempts = [deferred<number>(), deferred<number>()];
      let calls = 0;
      const load = memoize(() => attempts[calls++].promise, { maxSize: 5 });
      const a = load();
      const b = load();
      attempts[0].reject(new Error('boom'));
      for (const p of [a, b]) {
        try {
          await p;
          expect.fail('should reject');
        } catch (error) {
          expect((error as Error).message).to.equal('boom');
        }
      }
      expect(load.cacheInfo().currSize).to.equal(0);
      const retry = load();
      expect(calls).to.equal(2);
      attempts[1].resolve(42);
      expect(await retry).to.equal(42);
      expect(await load()).to.equal(42);
      expect(calls).to.equal(2);
    });

    it('a late rejection does not remove a newer result for the same key', async () => {
      const clock = new ManualClock();
      const old = deferred<number>();
      let calls = 0;
      const load = memoize(() => (++calls === 1 ? old.promise : Promise.resolve(2)), { maxSize: 5, ttlMs: 10, now: clock.now });
      const stale = load();
      clock.advance(10);
      const fresh = load();
      old.reject(new Error('late'));
      await stale.catch(() => undefined);
      expect(load()).to.equal(fresh);
      expect(await fresh).to.equal(2);
    });
  });

  it('validates its arguments, naming the parameter', () => {
    const fn = (x: number) => x;
    expect(() => memoize('nope' as unknown as typeof fn, { maxSize: 1 })).to.throw(TypeError, /fn/);
    expect(() => memoize(fn, undefined as unknown as { maxSize: number })).to.throw(TypeError, /options/);
    expect(() => memoize(fn, { maxSize: 0 })).to.throw(RangeError, /maxSize/);
    expect(() => memoize(fn, { maxSize: 1.5 })).to.throw(RangeError, /maxSize/);
    expect(() => memoize(fn, { maxSize: 1, ttlMs: -1 })).to.throw(RangeError, /ttlMs/);
    expect(() => memoize(fn, { maxSize: 1, ttlMs: Infinity })).to.throw(RangeError, /ttlMs/);
    expect(() => memoize(fn, { maxSize: 1, ttlMs: NaN })).to.throw(RangeError, /ttlMs/);
    expect(() => memoize(fn, { maxSize: 1, key: 3 as unknown as () => string })).to.throw(TypeError, /key/);
    expect(() => memoize(fn, { maxSize: 1, now: 3 as unknown as () => number })).to.throw(TypeError, /now/);
  });
});

describe('defaultMemoKey', () => {
  it('encodes type and value of each primitive argument', () => {
    expect(defaultMemoKey()).to.equal('');
    expect(defaultMemoKey(1, 'a', true, null, undefined, 10n)).to.equal('n:1,s:"a",b:true,null,u,i:10');
    expect(defaultMemoKey('a,b')).to.not.equal(defaultMemoKey('a', 'b'));
    expect(defaultMemoKey(1)).to.not.equal(defaultMemoKey('1'));
    expect(defaultMemoKey(1n)).to.not.equal(defaultMemoKey(1));
  });

  it('throws for objects, functions and symbols', () => {
    expect(() => defaultMemoKey(1, [])).to.throw(TypeError, /argument 1 is an object/);
    expect(() => defaultMemoKey(() => 1)).to.throw(TypeError, /argument 0 is a function/);
    expect(() => defaultMemoKey(Symbol('s'))).to.throw(TypeError, /symbol/);
  });
});
