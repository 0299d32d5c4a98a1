import { expect } from 'chai';
import { expectSame } from './expect-same';
import fc from 'fast-check';
import { ManualClock } from '../../../lib/core/clock';
import { TTLCache, type TTLEvictionReason } from '../../../lib/core/ttl-cache';

type Op =
  | { op: 'set'; key: number; value: number; ttlMs: number | undefined }
  | { op: 'get' | 'has' | 'peek' | 'delete' | 'ttl'; key: number }
  | { op: 'advance'; ms: number }
  | { op: 'sweep' | 'size' | 'keys' | 'clear' };

const key = fc.nat(11);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      key,
      value: fc.nat(1000),
      ttlMs: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined, freq: 2 }),
    }),
  },
  { weight: 30, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
  {
    weight: 15,
    arbitrary: fc.record({ op: fc.constantFrom('has' as const, 'peek' as const, 'delete' as const, 'ttl' as const), key }),
  },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('sweep' as const, 'size' as const, 'keys' as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

interface ModelEntry {
  key: number;
  value: number;
  expiresAt: number;
}

type Event = [number, number, TTLEvictionReason];

/**
 * The obviously-correct TTL cache: an array in recency order (most recent first); any entry
 * touched after its expiry is removed as expired, and every "purge" scans the whole array.
 */
class ModelTTL {
  entries: ModelEntry[] = [];
  events: Event[] = [];
  hits = 0;
  misses = 0;
  evictions = 0;
  expirations = 0;
  now = 0;

  constructor(
    readonly capacity: number,
    readonly defaultTtlMs: number,
  ) {}

  private live(key: number): ModelEntry | undefined {
    const entry = this.entries.find((e) => e.key === key);
    if (entry && this.now >= entry.expiresAt) {
      this.entries.splice(this.entries.indexOf(entry), 1);
      this.expirations++;
      this.events.push([entry.key, entry.value, 'expired']);
      return undefined;
    }
    return entry;
  }

  get(key: number): number | undefined {
    const entry = this.live(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.entries.unshift(entry);
    return entry.value;
  }

  set(key: number, value: number, ttlMs: number | undefined): void {
    const expiresAt = this.now + (ttlMs ?? this.defaultTtlMs);
    const entry = this.live(key);
    if (entry) this.entries.splice(this.entries.indexOf(entry), 1);
    let victim: ModelEntry | undefined;
    if (!entry && this.entries.length >= this.capacity) {
      this.sweep();
      if (this.entries.length >= this.capacity) victim = this.entries.pop();
    }
    this.entries.unshift({ key, value, expiresAt });
    if (victim) {
      this.evictions++;
      this.events.push([victim.key, victim.value, 'evicted']);
    }
  }

  has(key: number): boolean {
    return this.live(key) !== undefined;
  }

  peek(key: number): number | undefined {
    return this.live(key)?.value;
  }

  ttl(key: number): number | undefined {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.now : undefined;
  }

  delete(key: number): boolean {
    const entry = this.live(key);
    if (!entry) return false;
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.events.push([entry.key, entry.value, 'deleted']);
    return true;
  }

  /** Removes expired entries, least recently used (end of the array) first. */
  sweep(): number {
    const expired = this.entries.filter((e) => this.now >= e.expiresAt).reverse();
    this.entries = this.entries.filter((e) => this.now < e.expiresAt);
    for (const e of expired) this.events.push([e.key, e.value, 'expired']);
    this.expirations += expired.length;
    return expired.length;
  }

  size(): number {
    this.sweep();
    return this.entries.length;
  }

  keys(): number[] {
    this.sweep();
    return this.entries.map((e) => e.key);
  }

  clear(): void {
    this.entries = [];
  }
}

const optionsArb = fc.record({
  capacity: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined, freq: 2 }),
  defaultTtlMs: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined, freq: 2 }),
});

describe('TTLCache (property-based)', () => {
  it('matches a linear-scan reference model on thousands of random operation sequences', () => {
    fc.assert(
      fc.property(optionsArb, fc.array(opArb, { maxLength: 100, size: 'max' }), (options, ops) => {
        const clock = new ManualClock();
        const events: Event[] = [];
        const cache = new TTLCache<number, number>({ ...options, now: clock.now, onEvict: (k, v, r) => events.push([k, v, r]) });
        const model = new ModelTTL(options.capacity ?? Infinity, options.defaultTtlMs ?? Infinity);
        for (const step of ops) {
          switch (step.op) {
            case 'set':
              cache.set(step.key, step.value, step.ttlMs);
              model.set(step.key, step.value, step.ttlMs);
              break;
            case 'advance':
              clock.advance(step.ms);
              model.now += step.ms;
              break;
            case 'clear':
              cache.clear();
              model.clear();
              break;
            case 'sweep':
              expect(cache.sweep(), 'sweep()').to.equal(model.sweep());
              break;
            case 'size':
              expect(cache.size, 'size').to.equal(model.size());
              break;
            case 'keys':
              expectSame([...cache.keys()], model.keys(), 'keys()');
              break;
            default:
              expect(cache[step.op](step.key), `${step.op}(${step.key})`).to.equal(model[step.op](step.key));
          }
          expectSame(events, model.events);
        }
        expectSame([...cache.keys()], model.keys());
        expectSame(events, model.events);
        expect(cache.stats()).to.deep.equal({
          hits: model.hits,
          misses: model.misses,
          hitRate: model.hits + model.misses === 0 ? 0 : model.hits / (model.hits + model.misses),
          size: model.entries.length,
          evictions: model.evictions,
          expirations: model.expirations,
        });
      }),
      { numRuns: 3000 },
    );
  });
});
