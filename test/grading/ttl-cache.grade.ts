/**
 * Graded checks for exercises/ttl-cache.ts. Loaded from GRADE_TARGET, see support/target.ts.
 * Time is a variable the checks move by hand, so nothing here sleeps.
 */
import fc from 'fast-check';
import type * as Reference from '../../solutions/ttl-cache';
import { check } from './support/check';
import { fakeGlobal } from './support/globals';
import { expectModelAgreement, Script } from './support/model';
import { ensure, fail, near, same, show, throwsRangeError } from './support/say';
import { loadExport, preload } from './support/target';

type TTL<K, V> = Reference.TTLCache<K, V>;

/** A cache on a hand-driven clock that starts at `start`. */
function ttlCache<K, V>(defaultTtlMs: number, start = 1000): { cache: TTL<K, V>; clock: { now: number } } {
  const TTLCache = loadExport<typeof Reference.TTLCache>('ttl-cache.ts', 'TTLCache');
  const clock = { now: start };
  return { cache: new TTLCache<K, V>({ defaultTtlMs, now: () => clock.now }), clock };
}

describe('ttl-cache', () => {
  preload('ttl-cache.ts');

  check('rejects a defaultTtlMs that is not a positive, finite number', { points: 1, hint: 'Check `defaultTtlMs` in the constructor: reject what is not a positive, finite number with an error that names it.' }, () => {
    const TTLCache = loadExport<typeof Reference.TTLCache>('ttl-cache.ts', 'TTLCache');
    for (const bad of [0, -1, NaN, Infinity]) throwsRangeError(() => new TTLCache({ defaultTtlMs: bad }), `new TTLCache({ defaultTtlMs: ${bad} })`, 'defaultTtlMs');
    new TTLCache({ defaultTtlMs: 0.5 });
  });

  check('get returns what set stored, and undefined for a missing key', { points: 2, hint: 'Each entry needs its value and the moment it stops being live, computed with the injected clock.' }, () => {
    const { cache } = ttlCache<string, number>(100);
    cache.set('a', 1);
    cache.set('b', 2);
    same(cache.get('a'), 1, "after set('a', 1); set('b', 2): get('a')");
    same(cache.get('b'), 2, "after set('a', 1); set('b', 2): get('b')");
    same(cache.get('zzz'), undefined, "get('zzz') of a key never set");
  });

  check('an entry is live until exactly its TTL has passed, then expired', { points: 3, hint: 'An entry set at t with TTL d is live while `now() < t + d`: strictly less. At exactly t + d it has expired.' }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 1000);
    cache.set('a', 'A');
    clock.now = 1099;
    same(cache.get('a'), 'A', "set('a', 'A') at t=1000 with defaultTtlMs 100, then get('a') at t=1099 (1 ms before expiry)");
    clock.now = 1100;
    same(cache.get('a'), undefined, "set('a', 'A') at t=1000 with defaultTtlMs 100, then get('a') at t=1100 (live while now() < 1000 + 100)");
  });

  check('set uses defaultTtlMs unless it is given a ttlMs', { points: 2, hint: 'When set gets no ttlMs (or undefined), the cache’s default applies.' }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 0);
    cache.set('default', 'D');
    cache.set('short', 'S', 10);
    cache.set('long', 'L', 500);
    cache.set('explicit-undefined', 'U', undefined);
    clock.now = 10;
    same(cache.get('short'), undefined, "get('short') at t=10 after set('short', 'S', 10) at t=0");
    same(cache.get('default'), 'D', "get('default') at t=10 (defaultTtlMs 100)");
    clock.now = 100;
    same(cache.get('default'), undefined, "get('default') at t=100 (defaultTtlMs 100)");
    same(cache.get('explicit-undefined'), undefined, "get('explicit-undefined') at t=100 after set(key, value, undefined): ttlMs undefined means the default");
    same(cache.get('long'), 'L', "get('long') at t=100 after set('long', 'L', 500) at t=0");
  });

  check('set rejects a ttlMs that is not a positive, finite number', { points: 1 }, () => {
    const { cache } = ttlCache<string, string>(100);
    for (const bad of [0, -1, NaN, Infinity]) throwsRangeError(() => cache.set('a', 'A', bad), `set('a', 'A', ${bad})`, 'ttlMs');
  });

  check('set on an existing key replaces its value and restarts its TTL', { points: 2 }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 0);
    cache.set('a', 'A1');
    clock.now = 80;
    cache.set('a', 'A2');
    clock.now = 150;
    same(cache.get('a'), 'A2', "set('a', 'A1') at t=0, set('a', 'A2') at t=80, get('a') at t=150");
    same(cache.size, 1, 'size');
  });

  check('get removes an expired entry', { points: 1, hint: 'When `get` finds an expired entry, `delete` it from the Map, so expired entries do not pile up.' }, () => {
    const { cache, clock } = ttlCache<string, string>(10, 0);
    cache.set('a', 'A');
    clock.now = 10;
    cache.get('a');
    // Turning the clock back reveals whether the entry is still stored.
    clock.now = 5;
    same(cache.has('a'), false, "set('a') at t=0 with ttl 10, get('a') at t=10 (expired) must remove it; with the clock turned back to t=5, has('a')");
  });

  check('has reports live entries only and counts neither a hit nor a miss', { points: 2, hint: '`has` looks at expiry like `get`, but must not touch the hit/miss counters.' }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 0);
    cache.set('a', 'A');
    same(cache.has('a'), true, "has('a') right after set");
    same(cache.has('zzz'), false, "has('zzz') of a key never set");
    clock.now = 100;
    same(cache.has('a'), false, "has('a') at t=100 after set at t=0 with ttl 100");
    same(cache.stats(), { hits: 0, misses: 0, hitRate: 0 }, 'stats() after calling only set and has');
  });

  // Issue 8 §5: the stub states what delete returns for an expired entry; this grades it.
  check('delete of an expired entry removes it and returns false', { points: 1, hint: 'An expired entry is gone for every caller: delete should agree with get and has.' }, () => {
    const { cache, clock } = ttlCache<string, string>(100);
    cache.set('a', 'A');
    clock.now += 100;
    same(cache.delete('a'), false, "delete('a') at t=1100 of an entry set at t=1000 with TTL 100 (expired at t=1100)");
    same(cache.size, 0, 'size after deleting the expired entry');
  });

  check('delete removes a key and returns whether it was there', { points: 1 }, () => {
    const { cache } = ttlCache<string, string>(100);
    cache.set('a', 'A');
    same(cache.delete('a'), true, "delete('a') of a cached key");
    same(cache.delete('a'), false, "a second delete('a')");
    same(cache.get('a'), undefined, "get('a') after delete('a')");
  });

  check('size counts live entries only', { points: 2, hint: 'Expired entries may still sit in the Map: count only the live ones (or purge expired ones first).' }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 0);
    cache.set('a', 'A', 10);
    cache.set('b', 'B', 20);
    cache.set('c', 'C', 30);
    same(cache.size, 3, 'size after setting three keys');
    clock.now = 20;
    same(cache.size, 1, 'size at t=20 of keys set at t=0 with ttls 10, 20 and 30');
  });

  check('ttl(key) is the time left in ms, undefined when absent or expired', { points: 2, hint: 'ttl(key) is the time left before the entry expires, read on the same clock.' }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 0);
    cache.set('a', 'A');
    clock.now = 30;
    same(cache.ttl('a'), 70, "ttl('a') at t=30 after set at t=0 with ttl 100");
    same(cache.ttl('zzz'), undefined, "ttl('zzz') of a key never set");
    clock.now = 100;
    same(cache.ttl('a'), undefined, "ttl('a') at t=100, when it has expired");
  });

  check('stats counts hits and misses, and a get of an expired entry is a miss', { points: 2, hint: 'Count a hit when `get` returns a live value, a miss otherwise (missing or expired).' }, () => {
    const { cache, clock } = ttlCache<string, string>(100, 0);
    cache.set('a', 'A');
    cache.get('a');
    cache.get('a');
    cache.get('zzz');
    clock.now = 100;
    cache.get('a');
    const stats = cache.stats();
    same({ hits: stats.hits, misses: stats.misses }, { hits: 2, misses: 2 }, 'hits and misses after 2 hits, a miss on a missing key and a miss on an expired key');
    near(stats.hitRate, 0.5, 'hitRate after 2 hits and 2 misses');
  });

  check('hitRate is hits / (hits + misses), and 0 before any lookup', { points: 1 }, () => {
    const { cache } = ttlCache<string, string>(100);
    same(cache.stats(), { hits: 0, misses: 0, hitRate: 0 }, 'stats() of a new cache');
    cache.set('a', 'A');
    cache.get('a');
    cache.get('a');
    cache.get('a');
    cache.get('zzz');
    near(cache.stats().hitRate, 0.75, 'hitRate after 3 hits and 1 miss');
  });

  check('clear removes every entry and resets the statistics', { points: 1 }, () => {
    const { cache } = ttlCache<string, string>(100);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.get('a');
    cache.get('zzz');
    cache.clear();
    same(cache.stats(), { hits: 0, misses: 0, hitRate: 0 }, 'stats() after clear()');
    same(cache.size, 0, 'size after clear()');
    same(cache.get('a'), undefined, "get('a') after clear()");
  });

  check('uses Date.now when no clock is given', { points: 1, hint: 'Without a now option the cache must still tell the time: fall back to the system clock.' }, () => {
    const TTLCache = loadExport<typeof Reference.TTLCache>('ttl-cache.ts', 'TTLCache');
    let fakeNow = 5_000;
    const restore = fakeGlobal('Date.now', () => fakeNow);
    try {
      const cache = new TTLCache<string, string>({ defaultTtlMs: 100 });
      cache.set('a', 'A');
      fakeNow = 5_099;
      same(cache.get('a'), 'A', "get('a') 99 ms after set, by Date.now");
      fakeNow = 5_100;
      same(cache.get('a'), undefined, "get('a') 100 ms after set, by Date.now");
    } finally {
      restore();
    }
  });

  check('agrees with a reference model on random operations and clock moves', { points: 2, timeoutMs: 10_000, hint: 'Replay the reported sequence by hand: after each step, which entries are live (set at t with ttl d: live while now < t + d)?' }, () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(3), ttl: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constantFrom('get' as const, 'has' as const, 'delete' as const, 'ttl' as const), key: fc.nat(3) }),
    );
    expectModelAgreement(fc.array(op, { maxLength: 30 }), (ops) => {
      const { cache, clock } = ttlCache<number, number>(10, 0);
      const model = new Map<number, { value: number; expiresAt: number }>();
      const script = new Script('new TTLCache({ defaultTtlMs: 10 }) at t=0');
      let hits = 0;
      let misses = 0;
      let written = 0;
      for (const step of ops) {
        if (step.kind === 'advance') {
          clock.now += step.ms;
          script.add(`t=${clock.now}`);
          continue;
        }
        const live = model.get(step.key);
        const entry = live && clock.now < live.expiresAt ? live : undefined;
        if (step.kind === 'set') {
          const value = ++written;
          script.add(step.ttl === undefined ? `set(${step.key}, ${value})` : `set(${step.key}, ${value}, ${step.ttl})`);
          cache.set(step.key, value, step.ttl);
          model.set(step.key, { value, expiresAt: clock.now + (step.ttl ?? 10) });
        } else {
          script.add(`${step.kind}(${step.key})`);
          const actual = cache[step.kind](step.key);
          const expected =
            step.kind === 'has' ? entry !== undefined : step.kind === 'get' ? entry?.value : step.kind === 'ttl' ? entry && entry.expiresAt - clock.now : undefined;
          if (step.kind === 'get') entry ? hits++ : misses++;
          if (step.kind === 'delete') model.delete(step.key);
          else if (actual !== expected) fail(`${script}: ${step.kind}(${step.key}) returned ${show(actual)}, expected ${show(expected)}`);
        }
        const liveCount = [...model.values()].filter((e) => clock.now < e.expiresAt).length;
        same(cache.size, liveCount, `${script}: size`);
        const stats = cache.stats();
        ensure(stats.hits === hits && stats.misses === misses, `${script}: stats() counted ${stats.hits} hits and ${stats.misses} misses, expected ${hits} and ${misses}`);
      }
    });
  });
});
