import { expect } from 'chai';
import { expectSame } from './expect-same';
import { cacheOpArb, replayStep } from './cache-ops';
import fc from 'fast-check';
import { LRUCache as NpmLRU } from 'lru-cache';
import { LRUCache } from '../../../lib/core/lru-cache';

const opArb = cacheOpArb(['has', 'peek', 'delete'], 10);

/** The obviously-correct LRU: an array in recency order (most recent first), linear scans. */
class ModelLRU {
  entries: { key: number; value: number }[] = [];
  evicted: [number, number][] = [];
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {}

  get(key: number): number | undefined {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    const [entry] = this.entries.splice(i, 1);
    this.entries.unshift(entry);
    return entry.value;
  }

  set(key: number, value: number): void {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i >= 0) this.entries.splice(i, 1);
    else if (this.entries.length === this.capacity) {
      const victim = this.entries.pop()!;
      this.evicted.push([victim.key, victim.value]);
    }
    this.entries.unshift({ key, value });
  }

  has(key: number): boolean {
    return this.entries.some((e) => e.key === key);
  }

  peek(key: number): number | undefined {
    return this.entries.find((e) => e.key === key)?.value;
  }

  delete(key: number): boolean {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i >= 0) this.entries.splice(i, 1);
    return i >= 0;
  }

  clear(): void {
    this.entries = [];
  }
}

describe('LRUCache (property-based)', () => {
  it('matches a linear-scan reference model on thousands of random operation sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(opArb, { maxLength: 80, size: 'max' }), (capacity, ops) => {
        const evicted: [number, number][] = [];
        const cache = new LRUCache<number, number>({ capacity, onEvict: (k, v) => evicted.push([k, v]) });
        const model = new ModelLRU(capacity);
        for (const step of ops) {
          replayStep(step, cache, model);
          expect(cache.size).to.equal(model.entries.length);
          expectSame([...cache.keys()], model.entries.map((e) => e.key));
          expectSame(evicted, model.evicted);
        }
        expectSame([...cache.entries()], model.entries.map((e) => [e.key, e.value]));
        expect(cache.stats()).to.deep.include({ hits: model.hits, misses: model.misses, evictions: model.evicted.length });
      }),
      { numRuns: 3000 },
    );
  });

  it('behaves exactly like npm lru-cache (differential test)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(opArb, { maxLength: 120, size: 'max' }), (capacity, ops) => {
        const ours: [number, number][] = [];
        const theirs: [number, number][] = [];
        const cache = new LRUCache<number, number>({ capacity, onEvict: (k, v) => ours.push([k, v]) });
        const npm = new NpmLRU<number, number>({
          max: capacity,
          dispose: (v, k, reason) => {
            if (reason === 'evict') theirs.push([k, v]);
          },
        });
        for (const step of ops) {
          replayStep(step, cache, npm);
          expect(cache.size).to.equal(npm.size);
          expectSame([...cache.keys()], [...npm.keys()]);
          expectSame(ours, theirs);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with npm lru-cache on a long Zipf-like stream at realistic capacity', () => {
    const capacity = 500;
    const cache = new LRUCache<number, number>({ capacity });
    const npm = new NpmLRU<number, number>({ max: capacity });
    let seed = 12345;
    for (let i = 0; i < 100_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const key = Math.floor(5000 * Math.pow(seed / 2 ** 32, 3)); // skewed towards small keys
      const got = cache.get(key);
      expect(got).to.equal(npm.get(key));
      if (got === undefined) {
        cache.set(key, i);
        npm.set(key, i);
      }
    }
    expectSame([...cache.keys()], [...npm.keys()]);
  });
});
