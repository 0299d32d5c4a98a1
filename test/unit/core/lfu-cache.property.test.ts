import { expect } from 'chai';
import { expectSame } from './expect-same';
import { CacheOp, cacheOpArb, replayStep } from './cache-ops';
import fc from 'fast-check';
import { LFUCache } from '../../../lib/core/lfu-cache';

type Op = CacheOp<'get' | 'has' | 'peek' | 'delete' | 'frequency'>;

const opArb = cacheOpArb(['has', 'peek', 'delete', 'frequency'], 12);

interface ModelEntry {
  key: number;
  value: number;
  frequency: number;
  /** Tick of the last use: smaller means used longer ago. */
  lastUse: number;
}

/** The obviously-correct LFU: an unordered array; the victim is found by a linear scan. */
class ModelLFU {
  entries: ModelEntry[] = [];
  evicted: [number, number][] = [];
  tick = 0;

  constructor(readonly capacity: number) {}

  private find(key: number): ModelEntry | undefined {
    return this.entries.find((e) => e.key === key);
  }

  get(key: number): number | undefined {
    const entry = this.find(key);
    if (!entry) return undefined;
    entry.frequency++;
    entry.lastUse = ++this.tick;
    return entry.value;
  }

  set(key: number, value: number): void {
    const entry = this.find(key);
    if (entry) {
      entry.value = value;
      entry.frequency++;
      entry.lastUse = ++this.tick;
      return;
    }
    if (this.entries.length === this.capacity) {
      const victim = this.entries.reduce((a, b) => (b.frequency < a.frequency || (b.frequency === a.frequency && b.lastUse < a.lastUse) ? b : a));
      this.entries.splice(this.entries.indexOf(victim), 1);
      this.evicted.push([victim.key, victim.value]);
    }
    this.entries.push({ key, value, frequency: 1, lastUse: ++this.tick });
  }

  has(key: number): boolean {
    return this.find(key) !== undefined;
  }

  peek(key: number): number | undefined {
    return this.find(key)?.value;
  }

  frequency(key: number): number {
    return this.find(key)?.frequency ?? 0;
  }

  delete(key: number): boolean {
    const entry = this.find(key);
    if (entry) this.entries.splice(this.entries.indexOf(entry), 1);
    return entry !== undefined;
  }

  clear(): void {
    this.entries = [];
  }

  /** Reverse eviction order: highest frequency first, then most recent first. */
  keys(): number[] {
    return [...this.entries].sort((a, b) => b.frequency - a.frequency || b.lastUse - a.lastUse).map((e) => e.key);
  }
}

describe('LFUCache (property-based)', () => {
  it('matches a linear-scan reference model on thousands of random operation sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(opArb, { maxLength: 100, size: 'max' }), (capacity, ops) => {
        const evicted: [number, number][] = [];
        const cache = new LFUCache<number, number>({ capacity, onEvict: (k, v) => evicted.push([k, v]) });
        const model = new ModelLFU(capacity);
        let hits = 0;
        let misses = 0;
        for (const step of ops) {
          const expected = replayStep(step, cache, model);
          if (step.op === 'get') expected === undefined ? misses++ : hits++;
          expect(cache.size).to.equal(model.entries.length);
          expectSame([...cache.keys()], model.keys());
          expectSame(evicted, model.evicted);
        }
        for (const entry of model.entries) expect(cache.frequency(entry.key)).to.equal(entry.frequency);
        expect(cache.stats()).to.deep.include({ hits, misses, evictions: model.evicted.length });
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the model at larger capacities over longer sequences', () => {
    const wideOp: fc.Arbitrary<Op> = fc.oneof(
      { weight: 1, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(60), value: fc.nat(1000) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('get' as const), key: fc.nat(60) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.nat(60) }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(wideOp, { maxLength: 400, size: 'max' }), (capacity, ops) => {
        const evicted: number[] = [];
        const cache = new LFUCache<number, number>({ capacity, onEvict: (k) => evicted.push(k) });
        const model = new ModelLFU(capacity);
        for (const step of ops) {
          if (step.op === 'set') {
            cache.set(step.key, step.value);
            model.set(step.key, step.value);
          } else if (step.op === 'get' || step.op === 'delete') {
            expect(cache[step.op](step.key)).to.equal(model[step.op](step.key));
          }
        }
        expectSame(evicted, model.evicted.map(([k]) => k));
        expectSame([...cache.keys()], model.keys());
      }),
      { numRuns: 300 },
    );
  });
});
