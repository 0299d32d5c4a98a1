/**
 * The contract every bounded cache in the library keeps (LRUCache, LFUCache and each policy in
 * `lib/policies/`), written once and run against each of them — as mnemonist's `makeTests` or
 * bentocache's driver suite do. A new policy gets the whole suite with one line:
 *
 *     describePolicyContract('SieveCache', SieveCache);
 *
 * What is checked: the shared surface, option validation (errors naming the parameter),
 * `onEvict` semantics, the size rules (`maxSize`/`sizeOf`, with npm lru-cache's rule that an
 * entry larger than `maxSize` is not stored and removes an older value under its key), lazy
 * allocation (a huge capacity costs nothing up front), and amortized O(1) measured at two sizes
 * as the grader does (a ratio of best-of-N timings, never an absolute time).
 *
 * The policy's own eviction order is not checked here: each policy has a property-based test
 * against a reference model of that policy.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import type { PolicyCache } from '../../../lib/policies/policy-cache';
import type { PolicyCacheClass } from '../../../lib/sim/policies';
import { MAX_CACHE_ENTRIES } from '../../../lib/policies/policy-options';
import { boundedCacheWorkload, expectConstantTime } from '../../grading/support/scaling';

/** A random step for the size invariants: keys 0–11, sizes 1–12 (some larger than small caches). */
type SizedOp = { op: 'set'; key: number; size: number } | { op: 'get' | 'delete'; key: number };

const sizedOpArb: fc.Arbitrary<SizedOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(11), size: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), key: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.nat(11) }) },
);

/** Runs the shared contract against one cache class. */
export function describePolicyContract(name: string, Cache: PolicyCacheClass): void {
  describe(`${name} (policy contract)`, () => {
    describe('surface', () => {
      it('gets, sets, peeks, checks, deletes and clears like a Map bounded by capacity', () => {
        const cache = new Cache<string, number>({ capacity: 3 });
        expect(cache.capacity).to.equal(3);
        expect(cache.maxSize).to.equal(3);
        expect(cache.set('a', 1)).to.equal(cache);
        cache.set('b', 2);
        expect(cache.get('a')).to.equal(1);
        expect(cache.get('zz')).to.equal(undefined);
        expect(cache.peek('b')).to.equal(2);
        expect(cache.has('b')).to.equal(true);
        expect(cache.has('zz')).to.equal(false);
        expect(cache.size).to.equal(2);
        expect(cache.totalSize).to.equal(2);
        cache.set('a', 10);
        expect(cache.peek('a')).to.equal(10);
        expect(cache.size).to.equal(2);
        expect([...cache.keys()].sort()).to.deep.equal(['a', 'b']);
        expect(cache.delete('a')).to.equal(true);
        expect(cache.delete('a')).to.equal(false);
        expect(cache.has('a')).to.equal(false);
        expect(cache.size).to.equal(1);
        cache.clear();
        expect(cache.size).to.equal(0);
        expect([...cache.keys()]).to.deep.equal([]);
        expect(cache.get('b')).to.equal(undefined);
      });

      it('counts hits and misses of get only; clear keeps stats, resetStats zeroes them', () => {
        const cache = new Cache<number, number>({ capacity: 2 });
        cache.set(1, 1).set(2, 2);
        cache.get(1);
        cache.get(3);
        cache.has(2);
        cache.peek(2);
        cache.set(3, 3);
        expect(cache.stats()).to.deep.equal({ hits: 1, misses: 1, hitRate: 0.5, size: 2, evictions: 1 });
        cache.clear();
        expect(cache.stats()).to.include({ hits: 1, misses: 1, size: 0, evictions: 1 });
        cache.resetStats();
        expect(cache.stats()).to.deep.equal({ hits: 0, misses: 0, hitRate: 0, size: 0, evictions: 0 });
      });

      it('stores undefined-free values of any kind under any key (objects, NaN, -0)', () => {
        const cache = new Cache<unknown, unknown>({ capacity: 4 });
        const objectKey = { id: 1 };
        cache.set(objectKey, 'o').set(NaN, 'nan').set(-0, 'zero');
        expect(cache.get(objectKey)).to.equal('o');
        expect(cache.get({ id: 1 })).to.equal(undefined);
        expect(cache.get(NaN)).to.equal('nan');
        expect(cache.get(0)).to.equal('zero');
      });

      it('works again after clear, including evictions', () => {
        const evicted: number[] = [];
        const cache = new Cache<number, number>({ capacity: 2, onEvict: (k) => evicted.push(k) });
        for (let i = 0; i < 5; i++) cache.set(i, i);
        cache.clear();
        for (let i = 10; i < 15; i++) cache.set(i, i);
        expect(cache.size).to.equal(2);
        expect(evicted.filter((k) => k >= 10)).to.have.length(3);
        for (const key of cache.keys()) expect(cache.peek(key)).to.equal(key);
      });
    });

    describe('validation', () => {
      const make = (options: unknown) => () => new Cache(options as { capacity: number });

      it('rejects a bad capacity with a RangeError naming it', () => {
        for (const capacity of [0, -1, 1.5, NaN, Infinity, '10', MAX_CACHE_ENTRIES + 1]) {
          expect(make({ capacity }), String(capacity)).to.throw(RangeError, /capacity/);
        }
        expect(make({})).to.throw(RangeError, /capacity/);
      });

      it('rejects a bad maxSize or sizeOf, and mixing capacity with maxSize', () => {
        const sizeOf = () => 1;
        for (const maxSize of [0, -5, 2.5, NaN, '100']) {
          expect(make({ maxSize, sizeOf }), String(maxSize)).to.throw(RangeError, /maxSize/);
        }
        expect(make({ maxSize: 10 })).to.throw(TypeError, /sizeOf/);
        expect(make({ maxSize: 10, sizeOf: 3 })).to.throw(TypeError, /sizeOf/);
        expect(make({ capacity: 10, sizeOf })).to.throw(TypeError, /sizeOf/);
        expect(make({ capacity: 10, maxSize: 10, sizeOf })).to.throw(TypeError, /capacity.*maxSize/);
      });

      it('rejects a non-function onEvict and a non-object options', () => {
        expect(make({ capacity: 1, onEvict: 'nope' })).to.throw(TypeError, /onEvict/);
        for (const options of [undefined, null, 10, 'x', [1]]) expect(make(options), String(options)).to.throw(TypeError, /options/);
      });

      it('rejects a sizeOf result that is not a positive integer, naming sizeOf, and stores nothing', () => {
        for (const bad of [0, -1, 1.5, NaN, '3', undefined]) {
          const cache = new Cache<string, unknown>({ maxSize: 10, sizeOf: () => bad as number });
          expect(() => cache.set('k', 1), String(bad)).to.throw(TypeError, /sizeOf/);
          expect(cache.has('k')).to.equal(false);
          expect(cache.totalSize).to.equal(0);
        }
      });
    });

    describe('onEvict', () => {
      it('reports each evicted entry once, after the new entry is in place; never for delete, clear or overwrite', () => {
        const calls: [number, number, boolean][] = [];
        const cache: PolicyCache<number, number> = new Cache<number, number>({
          capacity: 3,
          onEvict: (key, value) => calls.push([key, value, cache.has(key)]),
        });
        for (let i = 0; i < 3; i++) cache.set(i, i * 10);
        cache.set(0, 5); // overwrite
        cache.delete(1);
        expect(calls).to.deep.equal([]);
        cache.set(3, 30);
        expect(calls).to.deep.equal([]); // room was made by delete
        let newest = 3;
        for (let i = 4; i < 40; i++) {
          cache.set(i, i * 10);
          newest = i;
          expect(cache.has(newest), 'the new entry is in place when onEvict runs').to.equal(true);
        }
        expect(calls.length).to.equal(36 - 0);
        for (const [key, value, stillThere] of calls) {
          expect(stillThere, `key ${key} gone when reported`).to.equal(false);
          expect(value).to.equal(key === 0 ? 5 : key * 10);
        }
        expect(new Set(calls.map((c) => c[0])).size).to.equal(calls.length);
        expect(cache.stats().evictions).to.equal(calls.length);
        cache.clear();
        expect(calls.length).to.equal(36);
      });

      it('lets a listener write to the cache without corrupting it', () => {
        const cache: PolicyCache<number, number> = new Cache<number, number>({
          capacity: 4,
          onEvict: (key) => {
            if (key % 3 === 0) cache.set(1000 + key, key);
          },
        });
        for (let i = 0; i < 200; i++) {
          cache.set(i, i);
          if (i % 2 === 0) cache.get(i - 1);
        }
        expect(cache.size).to.be.at.most(4);
        expect([...cache.keys()]).to.have.length(cache.size);
        for (const key of cache.keys()) expect(cache.has(key)).to.equal(true);
      });
    });

    describe('bounds and sizes', () => {
      it('never holds more than capacity entries, and fills up to it', () => {
        const cache = new Cache<number, number>({ capacity: 50 });
        for (let i = 0; i < 1000; i++) {
          cache.set(i % 173, i);
          if (i % 3 === 0) cache.get((i * 7) % 173);
          expect(cache.size).to.be.at.most(50);
        }
        expect(cache.size).to.equal(50);
        expect(new Set(cache.keys()).size).to.equal(50);
      });

      it('keeps totalSize equal to the sum of sizes and within maxSize on random operations', () => {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 30 }), fc.array(sizedOpArb, { maxLength: 80 }), (maxSize, ops) => {
            const evicted: string[] = [];
            const cache = new Cache<number, { size: number }>({
              maxSize,
              sizeOf: (value) => value.size,
              onEvict: (key, value) => evicted.push(`${key}:${value.size}`),
            });
            const sizes = new Map<number, number>();
            for (const step of ops) {
              if (step.op === 'set') {
                cache.set(step.key, { size: step.size });
                if (step.size > maxSize) expect(cache.has(step.key), 'an oversized entry is not stored').to.equal(false);
              } else if (step.op === 'get') {
                cache.get(step.key);
              } else {
                cache.delete(step.key);
              }
              let sum = 0;
              let count = 0;
              sizes.clear();
              for (const key of cache.keys()) {
                const value = cache.peek(key) as { size: number };
                sum += value.size;
                count++;
                sizes.set(key, value.size);
              }
              expect(count).to.equal(cache.size);
              expect(cache.totalSize).to.equal(sum);
              expect(sum).to.be.at.most(maxSize);
            }
            expect(cache.stats().evictions).to.equal(evicted.length);
          }),
          { numRuns: 400 },
        );
      });

      it('does not store an entry larger than maxSize and removes the older value under its key, without onEvict', () => {
        // Entries stay under 10 % of maxSize: S3-FIFO (as libCacheSim) refuses larger ones.
        const evicted: string[] = [];
        const cache = new Cache<string, number>({ maxSize: 100, sizeOf: (n) => n, onEvict: (k) => evicted.push(k) });
        expect(cache.capacity).to.equal(Infinity);
        expect(cache.maxSize).to.equal(100);
        cache.set('a', 3).set('b', 4);
        expect(cache.totalSize).to.equal(7);
        cache.set('huge', 101);
        expect(cache.has('huge')).to.equal(false);
        expect(cache.totalSize).to.equal(7);
        cache.set('a', 101);
        expect(cache.has('a')).to.equal(false);
        expect(cache.totalSize).to.equal(4);
        expect(evicted).to.deep.equal([]);
        cache.set('b', 2);
        expect(cache.totalSize).to.equal(2);
      });

      it('evicts until a new entry fits', () => {
        const cache = new Cache<number, number>({ maxSize: 100, sizeOf: (n) => n });
        for (let key = 0; key < 200; key++) {
          cache.set(key, 1 + (key % 9));
          expect(cache.totalSize).to.be.at.most(100);
        }
        expect(cache.totalSize, 'a full cache stays nearly full').to.be.at.least(100 - 9 - 9);
      });

      it('passes value and key to sizeOf', () => {
        const seen: [unknown, unknown][] = [];
        const cache = new Cache<string, string>({
          maxSize: 100,
          sizeOf: (value, key) => {
            seen.push([value, key]);
            return value.length;
          },
        });
        cache.set('k', 'hello');
        expect(seen).to.deep.equal([['hello', 'k']]);
        expect(cache.totalSize).to.equal(5);
      });

      it('allocates as it grows: a capacity of 2²⁴ costs nothing up front', () => {
        const before = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
        const caches = [1, 2, 3].map(() => new Cache<number, number>({ capacity: MAX_CACHE_ENTRIES }));
        for (const cache of caches) for (let i = 0; i < 1000; i++) cache.set(i, i);
        const grown = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed - before;
        expect(grown, 'bytes allocated by three huge, nearly empty caches').to.be.below(64 * 2 ** 20);
        expect(caches[0].size).to.equal(1000);
      });
    });

    describe('cost', () => {
      it('get and set are amortized O(1): about as fast with 32,000 entries as with 1,000', function () {
        this.timeout(60_000);
        expectConstantTime(`${name} get/set`, boundedCacheWorkload((capacity) => new Cache<number, number>({ capacity })), {
          small: 1_000,
          large: 32_000,
        });
      });
    });
  });
}
