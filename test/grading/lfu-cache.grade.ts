/**
 * Graded checks for exercises/lfu-cache.ts. Loaded from GRADE_TARGET, see support/target.ts.
 */
import fc from 'fast-check';
import type * as Reference from '../../solutions/lfu-cache';
import { check } from './support/check';
import { expectModelAgreement, Script } from './support/model';
import { boundedCacheWorkload, expectConstantTime } from './support/scaling';
import { expectEvicted, fail, same, show, throwsRangeError } from './support/say';
import { loadExport, preload } from './support/target';
import { withHint } from './support/failure-hint';

type LFU<K, V> = Reference.LFUCache<K, V>;

function lfu<K, V>(capacity: number, onEvict?: (key: K, value: V) => void): LFU<K, V> {
  const LFUCache = loadExport<typeof Reference.LFUCache>('lfu-cache.ts', 'LFUCache');
  return new LFUCache<K, V>(capacity, onEvict);
}

/** A cache filled by `set(key, key.toUpperCase())` for each key, in order. */
function filled(capacity: number, keys: string[], onEvict?: (key: string, value: string) => void): LFU<string, string> {
  const cache = lfu<string, string>(capacity, onEvict);
  for (const key of keys) cache.set(key, key.toUpperCase());
  return cache;
}

describe('lfu-cache', () => {
  preload('lfu-cache.ts');

  check('rejects a capacity that is not a positive integer', { points: 1, hint: 'Check `capacity` in the constructor, before anything else: reject what is not a positive whole number with an error that names it.' }, () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) throwsRangeError(() => lfu(bad), `new LFUCache(${bad})`, 'capacity');
    lfu(1);
  });

  check('reports its capacity and starts empty', { points: 1 }, () => {
    const cache = lfu<string, number>(3);
    same(cache.capacity, 3, 'new LFUCache(3).capacity');
    same(cache.size, 0, 'new LFUCache(3).size');
  });

  check('get returns what set stored, and undefined for a missing key', { points: 2 }, () => {
    const cache = lfu<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    same(cache.get('a'), 1, "after set('a', 1); set('b', 2): get('a')");
    same(cache.get('b'), 2, "after set('a', 1); set('b', 2): get('b')");
    same(cache.get('zzz'), undefined, "get('zzz') of a key never set");
    same(cache.size, 2, "after set('a', 1); set('b', 2): size");
  });

  check('counts uses: a new key has 1, each get and each set of an existing key add 1', { points: 2, hint: 'Store a use count with each entry: 1 on insert, +1 on every hit and every update.' }, () => {
    const cache = lfu<string, number>(3);
    cache.set('a', 1);
    same(cache.frequency('a'), 1, "frequency('a') after set('a', 1)");
    cache.get('a');
    cache.get('a');
    same(cache.frequency('a'), 3, "frequency('a') after set('a', 1); get('a'); get('a')");
    cache.set('a', 2);
    same(cache.frequency('a'), 4, "frequency('a') after a further set('a', 2)");
    same(cache.get('a'), 2, "get('a') after set('a', 2)");
    same(cache.frequency('zzz'), undefined, "frequency('zzz') of a key never set");
    same(cache.size, 1, 'size');
  });

  check('evicts the least frequently used key when a new key arrives in a full cache', { points: 3, hint: 'Group keys by use count and remember the smallest count in use: the victim comes from that group.' }, () => {
    const cache = filled(3, ['a', 'b', 'c']);
    cache.get('a');
    cache.get('a');
    cache.get('b');
    cache.get('c');
    cache.get('c');
    cache.set('d', 'D');
    expectEvicted(cache, ['a', 'b', 'c', 'd'], 'b', 'it had the fewest uses: 2, against 3 for "a" and "c"', 'new LFUCache(3); set a, b, c; get a, a, b, c, c; set d');
  });

  check('breaks ties between equally used keys by evicting the least recently used', { points: 3, hint: 'Among keys used equally often, which was used least recently? Does your structure know?' }, () => {
    const cache = filled(3, ['a', 'b', 'c']);
    cache.get('c');
    cache.get('b');
    cache.get('a');
    cache.set('d', 'D');
    expectEvicted(cache, ['a', 'b', 'c', 'd'], 'c', 'all had 2 uses and "c" was used least recently', 'new LFUCache(3); set a, b, c; get c, b, a; set d');
    const second = filled(3, ['a', 'b', 'c']);
    second.set('d', 'D');
    expectEvicted(second, ['a', 'b', 'c', 'd'], 'a', 'all had 1 use and "a" was used least recently', 'new LFUCache(3); set a, b, c, d');
  });

  check('a newly inserted key is the next victim when nothing else has only one use', { points: 2, hint: 'After inserting a new key, the smallest use count in the cache is 1 again.' }, () => {
    const cache = filled(2, ['a', 'b']);
    cache.get('a');
    cache.get('b');
    cache.set('c', 'C'); // evicts a (2 uses, older than b)
    cache.set('d', 'D');
    expectEvicted(cache, ['b', 'c', 'd'], 'c', 'it had 1 use, against 2 for "b"', 'new LFUCache(2); set a, b; get a, b; set c; set d');
  });

  check('calls onEvict once with the evicted key and its value', { points: 1 }, () => {
    const evictions: Array<[string, string]> = [];
    const cache = filled(2, ['a', 'b'], (key, value) => evictions.push([key, value]));
    same(evictions, [], 'onEvict calls while the cache was not yet full');
    cache.get('a');
    cache.set('c', 'C');
    same(evictions, [['b', 'B']], "onEvict calls (as [key, value]) after set a, b; get('a'); set c");
  });

  check('has and peek count no use', { points: 2, hint: '`has` and `peek` only look: they must not change the use count or the recency.' }, () => {
    const cache = filled(2, ['a', 'b']);
    same(cache.peek('a'), 'A', "peek('a')");
    same(cache.has('a'), true, "has('a')");
    same(cache.peek('zzz'), undefined, "peek('zzz') of a key never set");
    same(cache.has('zzz'), false, "has('zzz') of a key never set");
    same(cache.frequency('a'), 1, "frequency('a') after set('a'); peek('a'); has('a')");
    cache.set('c', 'C');
    expectEvicted(cache, ['a', 'b', 'c'], 'a', 'peek and has are not uses, so "a" is still the least recently used of the keys with 1 use', "new LFUCache(2); set a, b; peek('a'); has('a'); set c");
  });

  check('delete removes a key, frees its slot and does not call onEvict', { points: 1 }, () => {
    const evicted: string[] = [];
    const cache = filled(2, ['a', 'b'], (key) => evicted.push(key));
    same(cache.delete('a'), true, "delete('a') of a cached key");
    same(cache.delete('a'), false, "a second delete('a')");
    same(cache.has('a'), false, "has('a') after delete('a')");
    same(cache.frequency('a'), undefined, "frequency('a') after delete('a')");
    same(cache.size, 1, "size after delete('a')");
    cache.set('c', 'C');
    same(evicted, [], 'keys passed to onEvict after delete a; set c (there was room)');
    cache.get('c');
    cache.set('d', 'D');
    expectEvicted(cache, ['b', 'c', 'd'], 'b', 'it had 1 use, against 2 for "c"', "set a, b; delete('a'); set c; get c; set d");
  });

  check('set on an existing key of a full cache evicts nothing', { points: 1 }, () => {
    const evicted: string[] = [];
    const cache = filled(2, ['a', 'b'], (key) => evicted.push(key));
    cache.set('a', 'A2');
    same(evicted, [], 'keys passed to onEvict after updating "a" in a full cache');
    same(cache.size, 2, 'size');
  });

  check('works with capacity 1', { points: 1 }, () => {
    const evicted: string[] = [];
    const cache = filled(1, ['a'], (key) => evicted.push(key));
    cache.get('a');
    cache.set('b', 'B');
    same(evicted, ['a'], 'keys passed to onEvict after set a; get a; set b in new LFUCache(1)');
    same(cache.get('b'), 'B', "get('b')");
    same(cache.frequency('b'), 2, "frequency('b') after set b; get b");
  });

  check('agrees with a reference model on random operation sequences', { points: 3, timeoutMs: 10_000, hint: 'Replay the reported sequence by hand and compare with what an LFU cache should do after each step: count uses, and break ties by recency.' }, () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(5), value: fc.nat(99) }),
      fc.record({ kind: fc.constantFrom('get' as const, 'peek' as const, 'has' as const, 'delete' as const, 'frequency' as const), key: fc.nat(5) }),
    );
    expectModelAgreement(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 30 })), ([capacity, ops]) => {
      const evicted: number[] = [];
      const cache = lfu<number, number>(capacity, (key) => evicted.push(key));
      const model = new Map<number, { value: number; uses: number; lastUsed: number }>();
      const modelEvicted: number[] = [];
      const script = new Script(`new LFUCache(${capacity})`);
      let tick = 0;
      const use = (key: number): void => {
        const entry = model.get(key);
        if (entry) Object.assign(entry, { uses: entry.uses + 1, lastUsed: ++tick });
      };
      for (const step of ops) {
        const entry = model.get(step.key);
        if (step.kind === 'set') {
          script.add(`set(${step.key}, ${step.value})`);
          cache.set(step.key, step.value);
          if (entry) {
            entry.value = step.value;
            use(step.key);
          } else {
            if (model.size === capacity) {
              const [victim] = [...model.entries()].sort(([, x], [, y]) => x.uses - y.uses || x.lastUsed - y.lastUsed)[0];
              model.delete(victim);
              modelEvicted.push(victim);
            }
            model.set(step.key, { value: step.value, uses: 1, lastUsed: ++tick });
          }
        } else {
          script.add(`${step.kind}(${step.key})`);
          const actual = cache[step.kind](step.key);
          const expected =
            step.kind === 'has' || step.kind === 'delete' ? entry !== undefined : step.kind === 'frequency' ? entry?.uses : entry?.value;
          if (actual !== expected) fail(`${script}: ${step.kind}(${step.key}) returned ${show(actual)}, expected ${show(expected)}`);
          if (step.kind === 'get') use(step.key);
          if (step.kind === 'delete') model.delete(step.key);
        }
        same(cache.size, model.size, `${script}: size`);
        same(evicted, modelEvicted, `${script}: keys passed to onEvict so far`);
      }
    });
  });

  check('get and set are O(1): their cost does not grow with the number of entries', { points: 3, timeoutMs: 20_000, hint: 'Finding the victim must not search: what could you keep up to date so that the least used key is always at hand?' }, () => {
    withHint('scanning the counts (or the keys) for the smallest is O(n); and a Set or Map per count used as a recency order can be too: its deletes leave tombstones that values().next() walks over.', () =>
      expectConstantTime('LFUCache get/set', boundedCacheWorkload((capacity) => lfu<number, number>(capacity))),
    );
  });
});
