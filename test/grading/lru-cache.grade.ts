/**
 * Graded checks for exercises/lru-cache.ts. Loaded from GRADE_TARGET, see support/target.ts.
 */
import fc from 'fast-check';
import type * as Reference from '../../solutions/lru-cache';
import { check } from './support/check';
import { expectModelAgreement, Script } from './support/model';
import { boundedCacheWorkload, expectConstantTime } from './support/scaling';
import { ensure, expectEvicted, fail, same, show, throwsRangeError } from './support/say';
import { loadExport, preload } from './support/target';
import { withHint } from './support/failure-hint';

type LRU<K, V> = Reference.LRUCache<K, V>;

function lru<K, V>(capacity: number, onEvict?: (key: K, value: V) => void): LRU<K, V> {
  const LRUCache = loadExport<typeof Reference.LRUCache>('lru-cache.ts', 'LRUCache');
  return new LRUCache<K, V>(capacity, onEvict);
}

/** A cache filled by `set(key, key.toUpperCase())` for each key, in order. */
function filled(capacity: number, keys: string[], onEvict?: (key: string, value: string) => void): LRU<string, string> {
  const cache = lru<string, string>(capacity, onEvict);
  for (const key of keys) cache.set(key, key.toUpperCase());
  return cache;
}

describe('lru-cache', () => {
  preload('lru-cache.ts');

  check('rejects a capacity that is not a positive integer', { points: 1, hint: 'Check `capacity` in the constructor, before anything else: reject what is not a positive whole number with an error that names it.' }, () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) throwsRangeError(() => lru(bad), `new LRUCache(${bad})`, 'capacity');
    lru(1);
  });

  check('reports its capacity and starts empty', { points: 1 }, () => {
    const cache = lru<string, number>(3);
    same(cache.capacity, 3, 'new LRUCache(3).capacity');
    same(cache.size, 0, 'new LRUCache(3).size');
  });

  check('get returns what set stored, and undefined for a missing key', { points: 2, hint: 'Something must find a key’s entry in one step, whatever the size of the cache.' }, () => {
    const cache = lru<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    same(cache.get('a'), 1, "after set('a', 1); set('b', 2): get('a')");
    same(cache.get('b'), 2, "after set('a', 1); set('b', 2): get('b')");
    same(cache.get('zzz'), undefined, "get('zzz') of a key never set");
    same(cache.size, 2, "after set('a', 1); set('b', 2): size");
  });

  check('set on an existing key replaces its value without adding an entry', { points: 1 }, () => {
    const cache = lru<string, number>(3);
    cache.set('a', 1);
    cache.set('a', 2);
    same(cache.get('a'), 2, "after set('a', 1); set('a', 2): get('a')");
    same(cache.size, 1, "after set('a', 1); set('a', 2): size");
  });

  check('evicts the least recently used key when a set goes beyond capacity', { points: 2, hint: 'When a new key arrives in a full cache, which key has gone unused the longest, and how do you find it without searching?' }, () => {
    const cache = filled(2, ['a', 'b', 'c']);
    expectEvicted(cache, ['a', 'b', 'c'], 'a', 'it was used least recently', 'new LRUCache(2); set a, b, c');
    same(cache.size, 2, 'size after inserting 3 keys into a cache of capacity 2');
  });

  check('get makes a key the most recently used', { points: 3, hint: 'A hit is a use: does your structure remember that "a" was just read?' }, () => {
    const cache = filled(3, ['a', 'b', 'c']);
    same(cache.get('a'), 'A', "get('a')");
    cache.set('d', 'D');
    expectEvicted(cache, ['a', 'b', 'c', 'd'], 'b', 'it was used least recently: "a" was just read', "new LRUCache(3); set a, b, c; get('a'); set d");
  });

  check('set on an existing key makes it the most recently used', { points: 2, hint: 'Updating a key is a use too, not just a new value.' }, () => {
    const cache = filled(2, ['a', 'b']);
    cache.set('a', 'A2');
    cache.set('c', 'C');
    expectEvicted(cache, ['a', 'b', 'c'], 'b', 'it was used least recently: "a" was just updated', "new LRUCache(2); set a, b; set('a', 'A2'); set c");
    same(cache.get('a'), 'A2', "get('a') after the update");
  });

  check('calls onEvict once with the evicted key and its value', { points: 2, hint: 'onEvict reports an eviction: the key and value that left to make room, once each.' }, () => {
    const evictions: Array<[string, string]> = [];
    const cache = filled(2, ['a', 'b'], (key, value) => evictions.push([key, value]));
    same(evictions, [], 'onEvict calls while the cache was not yet full');
    cache.set('c', 'C');
    same(evictions, [['a', 'A']], 'onEvict calls (as [key, value]) after set c in a full cache holding a, b');
    cache.set('c', 'C2');
    withHint('an update needs no room: is the key already cached? Look before you make room.', () =>
      same(evictions, [['a', 'A']], 'onEvict calls after updating "c", which needs no room'),
    );
  });

  // Issue 8 §5: an LRU that evicts before looking the key up was caught only through onEvict.
  check('set on an existing key of a full cache evicts nothing', { points: 2, hint: 'Only a new key needs room.' }, () => {
    const evicted: string[] = [];
    const cache = filled(2, ['a', 'b'], (key) => evicted.push(key));
    cache.set('a', 'A2');
    withHint('an update needs no room: is the key already cached? Look before you make room.', () => {
      const keys = cache.keys();
      ensure(
        evicted.length === 0 && cache.size === 2 && cache.has('a') && cache.has('b'),
        `new LRUCache(2); set a, b; set('a', 'A2'): expected nothing evicted and both "a" and "b" cached, got onEvict calls for ${show(evicted)} and keys ${show(keys)}`,
      );
    });
    same(cache.get('a'), 'A2', "get('a') after set('a', 'A2')");
    same(cache.get('b'), 'B', "get('b') after set('a', 'A2')");
  });

  check('has and peek do not change recency', { points: 2, hint: '`has` and `peek` only look: they must not move the key to the most recently used end.' }, () => {
    const cache = filled(2, ['a', 'b']);
    same(cache.peek('a'), 'A', "peek('a')");
    same(cache.has('a'), true, "has('a')");
    same(cache.peek('zzz'), undefined, "peek('zzz') of a key never set");
    same(cache.has('zzz'), false, "has('zzz') of a key never set");
    cache.set('c', 'C');
    expectEvicted(cache, ['a', 'b', 'c'], 'a', 'peek and has are not uses, so "a" is still the least recently used', "new LRUCache(2); set a, b; peek('a'); has('a'); set c");
  });

  check('delete removes a key, frees its slot and does not call onEvict', { points: 2, hint: '`delete` returns whether the key was there; deleting is not an eviction, so no onEvict.' }, () => {
    const evicted: string[] = [];
    const cache = filled(2, ['a', 'b'], (key) => evicted.push(key));
    same(cache.delete('a'), true, "delete('a') of a cached key");
    same(cache.delete('a'), false, "a second delete('a')");
    same(cache.has('a'), false, "has('a') after delete('a')");
    same(cache.size, 1, "size after delete('a')");
    cache.set('c', 'C');
    same(evicted, [], 'keys passed to onEvict after delete a; set c (there was room)');
    ensure(cache.has('b') && cache.has('c'), `after delete('a'); set('c'): expected "b" and "c" to be cached, got keys ${show(cache.keys())}`);
  });

  check('keys() lists keys from most to least recently used', { points: 2, hint: 'Walk your list from the most recently used end, following the links, and collect the keys.' }, () => {
    const cache = filled(4, ['a', 'b', 'c', 'd']);
    same(cache.keys(), ['d', 'c', 'b', 'a'], 'keys() after set a, b, c, d');
    cache.get('b');
    cache.set('a', 'A2');
    same(cache.keys(), ['a', 'b', 'd', 'c'], "keys() after set a, b, c, d; get('b'); set('a', 'A2')");
  });

  check('works with capacity 1', { points: 1 }, () => {
    const evicted: string[] = [];
    const cache = filled(1, ['a', 'b'], (key) => evicted.push(key));
    same(cache.keys(), ['b'], 'keys() of new LRUCache(1) after set a, b');
    same(evicted, ['a'], 'keys passed to onEvict');
    same(cache.get('b'), 'B', "get('b')");
  });

  check('agrees with a reference model on random operation sequences', { points: 3, timeoutMs: 10_000, hint: 'Replay the reported sequence by hand (or in the notebook) and compare with what an LRU cache should do after each step.' }, () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(5), value: fc.nat(99) }),
      fc.record({ kind: fc.constantFrom('get' as const, 'peek' as const, 'has' as const, 'delete' as const), key: fc.nat(5) }),
    );
    expectModelAgreement(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 30 })), ([capacity, ops]) => {
      const evicted: number[] = [];
      const cache = lru<number, number>(capacity, (key) => evicted.push(key));
      const model: Array<[number, number]> = []; // most recently used first
      const modelEvicted: number[] = [];
      const script = new Script(`new LRUCache(${capacity})`);
      const find = (key: number): number => model.findIndex(([k]) => k === key);
      for (const step of ops) {
        const index = find(step.key);
        if (step.kind === 'set') {
          script.add(`set(${step.key}, ${step.value})`);
          cache.set(step.key, step.value);
          if (index >= 0) model.splice(index, 1);
          else if (model.length === capacity) modelEvicted.push((model.pop() as [number, number])[0]);
          model.unshift([step.key, step.value]);
        } else {
          script.add(`${step.kind}(${step.key})`);
          const actual = cache[step.kind](step.key);
          const entry = index >= 0 ? model[index] : undefined;
          const expected = step.kind === 'has' || step.kind === 'delete' ? entry !== undefined : entry?.[1];
          if (actual !== expected) fail(`${script}: ${step.kind}(${step.key}) returned ${show(actual)}, expected ${show(expected)}`);
          if (entry && step.kind === 'get') model.unshift(...model.splice(index, 1));
          if (entry && step.kind === 'delete') model.splice(index, 1);
        }
        same(cache.keys(), model.map(([k]) => k), `${script}: keys()`);
        same(evicted, modelEvicted, `${script}: keys passed to onEvict so far`);
      }
    });
  });

  check('get and set are O(1): their cost does not grow with the number of entries', { points: 3, timeoutMs: 20_000, hint: 'Which step of get or set walks over entries? Each must take the same time whatever the size of the cache, finding the victim included.' }, () => {
    withHint('arrays you search or splice are O(n); a Map used as the recency order is too in practice: its deletes leave tombstones that keys().next() walks over.', () =>
      expectConstantTime('LRUCache get/set', boundedCacheWorkload((capacity) => lru<number, number>(capacity))),
    );
  });
});
