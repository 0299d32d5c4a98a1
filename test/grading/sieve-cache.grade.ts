/**
 * Graded checks for exercises/sieve-cache.ts. Loaded from GRADE_TARGET, see support/target.ts.
 */
import fc from 'fast-check';
import { join } from 'path';
import { SieveCache as LibrarySieveCache } from '../../lib/policies/sieve-cache';
import { readTrace } from '../../lib/sim/trace-reader';
import type * as Reference from '../../solutions/sieve-cache';
import { check } from './support/check';
import { expectModelAgreement, Script } from './support/model';
import { boundedCacheWorkload, expectConstantTime } from './support/scaling';
import { ensure, expectEvicted, fail, same, show, throwsRangeError } from './support/say';
import { loadExport, preload } from './support/target';

type Sieve<K, V> = Reference.SieveCache<K, V>;

function sieve<K, V>(capacity: number, onEvict?: (key: K, value: V) => void): Sieve<K, V> {
  const SieveCache = loadExport<typeof Reference.SieveCache>('sieve-cache.ts', 'SieveCache');
  return new SieveCache<K, V>(capacity, onEvict);
}

/** A cache filled by `set(key, key.toUpperCase())` for each key, in order. */
function filled(capacity: number, keys: string[], onEvict?: (key: string, value: string) => void): Sieve<string, string> {
  const cache = sieve<string, string>(capacity, onEvict);
  for (const key of keys) cache.set(key, key.toUpperCase());
  return cache;
}

/** Hits of a get-then-set-on-miss replay of `keys`. */
function replayHits(cache: { get(key: number): unknown; set(key: number, value: number): unknown }, keys: readonly number[]): number {
  let hits = 0;
  for (const key of keys) {
    if (cache.get(key) !== undefined) hits++;
    else cache.set(key, 1);
  }
  return hits;
}

describe('sieve-cache', () => {
  preload('sieve-cache.ts');

  check('rejects a capacity that is not a positive integer', { points: 1, hint: 'Check `capacity` in the constructor, before anything else: reject what is not a positive whole number with an error that names it.' }, () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) throwsRangeError(() => sieve(bad), `new SieveCache(${bad})`, 'capacity');
    sieve(1);
  });

  check('reports its capacity and starts empty', { points: 1 }, () => {
    const cache = sieve<string, number>(3);
    same(cache.capacity, 3, 'new SieveCache(3).capacity');
    same(cache.size, 0, 'new SieveCache(3).size');
    same(cache.keys(), [], 'new SieveCache(3).keys()');
  });

  check('get returns what set stored, and undefined for a missing key', { points: 2, hint: 'Index entries by key in a `Map` (key → list node): `set` adds or updates the node, `get` looks it up.' }, () => {
    const cache = sieve<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    same(cache.get('a'), 1, "after set('a', 1); set('b', 2): get('a')");
    same(cache.get('b'), 2, "after set('a', 1); set('b', 2): get('b')");
    same(cache.get('zzz'), undefined, "get('zzz') of a key never set");
    same(cache.size, 2, "after set('a', 1); set('b', 2): size");
  });

  check('set on an existing key replaces its value in place, without adding an entry', { points: 1 }, () => {
    const cache = filled(3, ['a', 'b']);
    cache.set('a', 'A2');
    same(cache.get('a'), 'A2', "after set a, b; set('a', 'A2'): get('a')");
    same(cache.keys(), ['b', 'a'], "keys() after set a, b; set('a', 'A2') (an update does not move the key)");
  });

  check('inserts new keys at the head: keys() lists them newest first', { points: 2, hint: 'New keys go in at the head of the queue; the hand starts from the tail, where the oldest keys are.' }, () => {
    const cache = filled(4, ['a', 'b', 'c']);
    same(cache.keys(), ['c', 'b', 'a'], 'keys() after set a, b, c');
  });

  check('get marks a key visited but does not move it', { points: 2, hint: 'A hit only sets the node’s `visited` flag: no unlinking, no moving to the head. That is what makes SIEVE cheaper than LRU.' }, () => {
    const cache = filled(3, ['a', 'b', 'c']);
    same(cache.get('a'), 'A', "get('a')");
    same(cache.keys(), ['c', 'b', 'a'], "keys() after set a, b, c; get('a')");
  });

  check('evicts the first unvisited entry from the tail, clearing visited bits on the way', { points: 3, hint: 'Start at the tail; while the entry is visited, clear its flag and step to the next newer entry; evict the first unvisited one.' }, () => {
    const cache = filled(3, ['a', 'b', 'c']);
    cache.get('a');
    cache.get('b');
    cache.set('d', 'D');
    expectEvicted(cache, ['a', 'b', 'c', 'd'], 'c', '"a" and "b" were visited: the hand clears their bits and passes on', "new SieveCache(3); set a, b, c; get a; get b; set d");
    same(cache.keys(), ['d', 'b', 'a'], 'keys() after that eviction (survivors do not move)');
    cache.set('e', 'E');
    expectEvicted(cache, ['a', 'b', 'd', 'e'], 'a', 'its visited bit was cleared by the previous sweep, and the hand starts at the tail again because the last victim was the head', '… then set e');
  });

  check('wraps around from the head to the tail when every entry was visited', { points: 2, hint: 'When the hand passes the head, continue from the tail: the entries it cleared are now unvisited.' }, () => {
    const cache = filled(2, ['a', 'b']);
    cache.get('a');
    cache.get('b');
    cache.set('c', 'C');
    expectEvicted(cache, ['a', 'b', 'c'], 'a', 'both were visited: the hand clears a, then b, wraps to the tail and evicts a, now unvisited', 'new SieveCache(2); set a, b; get a; get b; set c');
    same(cache.keys(), ['c', 'b'], 'keys() after that eviction');
  });

  check('the hand stays where it stopped: the next eviction continues from there', { points: 3, hint: 'Keep the hand between evictions: after evicting, point it at the entry just newer than the victim (or at nothing when the victim was the head, meaning "start at the tail").' }, () => {
    const cache = filled(3, ['a', 'b', 'c']);
    cache.get('a');
    cache.set('d', 'D'); // clears a, evicts b; the hand rests on c
    expectEvicted(cache, ['a', 'b', 'c', 'd'], 'b', '"a" was visited', 'new SieveCache(3); set a, b, c; get a; set d');
    cache.set('e', 'E');
    expectEvicted(cache, ['a', 'c', 'd', 'e'], 'c', 'the hand stopped on "c", just newer than the evicted "b", and continues from there — not from the tail, where "a" is', '… then set e');
  });

  check('set on an existing key marks it visited', { points: 2, hint: 'An update is a use too: set the visited flag (but do not move the node).' }, () => {
    const cache = filled(2, ['a', 'b']);
    cache.set('a', 'A2');
    cache.set('c', 'C');
    expectEvicted(cache, ['a', 'b', 'c'], 'b', '"a" was updated, so visited', "new SieveCache(2); set a, b; set('a', 'A2'); set c");
  });

  check('has and peek do not mark a key visited', { points: 2, hint: '`has` and `peek` only look: they must not set the visited flag.' }, () => {
    const cache = filled(2, ['a', 'b']);
    same(cache.peek('a'), 'A', "peek('a')");
    same(cache.has('a'), true, "has('a')");
    same(cache.peek('zzz'), undefined, "peek('zzz') of a key never set");
    same(cache.has('zzz'), false, "has('zzz') of a key never set");
    cache.set('c', 'C');
    expectEvicted(cache, ['a', 'b', 'c'], 'a', 'peek and has are not uses, so "a" is unvisited at the tail', "new SieveCache(2); set a, b; peek('a'); has('a'); set c");
  });

  check('calls onEvict once with the evicted key and its value', { points: 2, hint: 'Call `onEvict?.(key, value)` for the victim, once per eviction, and never for updates or deletes.' }, () => {
    const evictions: Array<[string, string]> = [];
    const cache = filled(2, ['a', 'b'], (key, value) => evictions.push([key, value]));
    same(evictions, [], 'onEvict calls while the cache was not yet full');
    cache.set('c', 'C');
    same(evictions, [['a', 'A']], 'onEvict calls (as [key, value]) after set c in a full cache holding a, b');
    cache.set('c', 'C2');
    same(evictions, [['a', 'A']], 'onEvict calls after updating "c", which needs no room');
  });

  check('delete removes a key without onEvict, and moves the hand off a deleted entry', { points: 2, hint: '`delete` returns whether the key was there. If the hand points at the node you delete, move the hand to the next newer node first.' }, () => {
    const evicted: string[] = [];
    const cache = filled(3, ['a', 'b', 'c'], (key) => evicted.push(key));
    cache.get('a');
    cache.set('d', 'D'); // evicts b; the hand rests on c
    same(cache.delete('c'), true, "delete('c') of a cached key");
    same(cache.delete('c'), false, "a second delete('c')");
    same(cache.has('c'), false, "has('c') after delete('c')");
    same(cache.size, 2, "size after delete('c')");
    cache.set('e', 'E');
    same(evicted, ['b'], 'keys passed to onEvict (delete is not an eviction, and there was room for e)');
    cache.set('f', 'F');
    same(evicted, ['b', 'd'], 'keys passed to onEvict after set f: the hand, moved from the deleted "c" to "d", evicts "d"');

    const others: string[] = [];
    const other = filled(3, ['a', 'b', 'c'], (key) => others.push(key));
    other.get('a');
    other.set('d', 'D'); // evicts b; the hand rests on c
    other.delete('d'); // not the hand's entry: the hand stays on c
    other.set('e', 'E');
    other.set('f', 'F');
    same(others, ['b', 'c'], "keys passed to onEvict after set a, b, c; get a; set d; delete('d'); set e; set f (deleting another entry must not move the hand off \"c\")");
  });

  check('works with capacity 1', { points: 1 }, () => {
    const evicted: string[] = [];
    const cache = filled(1, ['a', 'b'], (key) => evicted.push(key));
    same(cache.keys(), ['b'], 'keys() of new SieveCache(1) after set a, b');
    same(evicted, ['a'], 'keys passed to onEvict');
    same(cache.get('b'), 'B', "get('b')");
    cache.set('c', 'C');
    same(cache.keys(), ['c'], "keys() after get('b'); set c (the hand clears b, wraps around, and evicts it)");
  });

  check('agrees with a reference model on random operation sequences', { points: 3, timeoutMs: 10_000, hint: 'Replay the reported sequence by hand: the queue (head first), the visited bits and where the hand is, after each step.' }, () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(5), value: fc.nat(99) }),
      fc.record({ kind: fc.constantFrom('get' as const, 'peek' as const, 'has' as const, 'delete' as const), key: fc.nat(5) }),
    );
    expectModelAgreement(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 30 })), ([capacity, ops]) => {
      const evicted: number[] = [];
      const cache = sieve<number, number>(capacity, (key) => evicted.push(key));
      const model: Array<{ key: number; value: number; visited: boolean }> = []; // head first
      let hand: number | undefined; // the key the hand points at; undefined: the tail
      const modelEvicted: number[] = [];
      const script = new Script(`new SieveCache(${capacity})`);
      const find = (key: number): number => model.findIndex((e) => e.key === key);
      for (const step of ops) {
        const index = find(step.key);
        if (step.kind === 'set') {
          script.add(`set(${step.key}, ${step.value})`);
          cache.set(step.key, step.value);
          if (index >= 0) {
            model[index].value = step.value;
            model[index].visited = true;
          } else {
            if (model.length === capacity) {
              let i = hand === undefined ? model.length - 1 : find(hand);
              while (model[i].visited) {
                model[i].visited = false;
                i = i > 0 ? i - 1 : model.length - 1;
              }
              hand = i > 0 ? model[i - 1].key : undefined;
              modelEvicted.push(model.splice(i, 1)[0].key);
            }
            model.unshift({ key: step.key, value: step.value, visited: false });
          }
        } else {
          script.add(`${step.kind}(${step.key})`);
          const actual = cache[step.kind](step.key);
          const entry = index >= 0 ? model[index] : undefined;
          const expected = step.kind === 'has' || step.kind === 'delete' ? entry !== undefined : entry?.value;
          if (actual !== expected) fail(`${script}: ${step.kind}(${step.key}) returned ${show(actual)}, expected ${show(expected)}`);
          if (entry && step.kind === 'get') entry.visited = true;
          if (entry && step.kind === 'delete') {
            if (hand === entry.key) hand = index > 0 ? model[index - 1].key : undefined;
            model.splice(index, 1);
          }
        }
        same(cache.keys(), model.map((e) => e.key), `${script}: keys()`);
        same(evicted, modelEvicted, `${script}: keys passed to onEvict so far`);
      }
    });
  });

  check('hit ratios on the gli trace equal SIEVE’s at 500, 1000 and 1500 entries', { points: 3, timeoutMs: 30_000, hint: 'A real trace exercises every corner at once. If the small examples pass but this fails, check where the hand goes after an eviction and after a delete.' }, () => {
    const keys = readTrace(join(__dirname, '..', '..', 'data', 'traces', 'gli.trace.gz'));
    for (const capacity of [500, 1000, 1500]) {
      // The library's SieveCache: its miss ratios equal libCacheSim's (test/unit/policies/golden-miss-ratios.test.ts).
      const expected = replayHits(new LibrarySieveCache<number, number>({ capacity }), keys);
      const actual = replayHits(sieve<number, number>(capacity), keys);
      ensure(
        actual === expected,
        `replaying gli (${keys.length} requests: get, and set on a miss) through new SieveCache(${capacity}): expected ${expected} hits (hit ratio ${(expected / keys.length).toFixed(4)}), got ${actual} (${(actual / keys.length).toFixed(4)})`,
      );
    }
  });

  check('get and set are O(1) amortized: their cost does not grow with the number of entries', { points: 3, timeoutMs: 20_000, hint: 'Use a Map for lookup and a doubly linked list for the queue, with the hand as a node reference: arrays you search or splice are O(n).' }, () => {
    expectConstantTime('SieveCache get/set', boundedCacheWorkload((capacity) => sieve<number, number>(capacity)));
  });
});
