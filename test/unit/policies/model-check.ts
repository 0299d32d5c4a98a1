import { expect } from 'chai';
import fc from 'fast-check';
import type { PolicyCache } from '../../../lib/policies/policy-cache';
import { CacheOp, replayStep } from '../core/cache-ops';
import { expectSame } from '../core/expect-same';
import type { ModelBase } from './models/model-entry';

/** A reference model: the replay surface plus its keys in the cache's `keys()` order. */
export type Model = ModelBase & {
  get(key: number): number | undefined;
  set(key: number, value: number): void;
  has(key: number): boolean;
  peek(key: number): number | undefined;
  delete(key: number): boolean;
  clear(): void;
  keys(): number[];
};

/** Random steps over keys `0 … keySpace-1`: set 40, get 40, has/peek/delete 10, clear 1. */
export function policyOpArb(keySpace: number): fc.Arbitrary<CacheOp<'get' | 'has' | 'peek' | 'delete'>> {
  const key = fc.nat(keySpace - 1);
  return fc.oneof(
    { weight: 40, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.nat(1000) }) },
    { weight: 40, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
    { weight: 10, arbitrary: fc.record({ op: fc.constantFrom('has' as const, 'peek' as const, 'delete' as const), key }) },
    { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  );
}

/**
 * Replays random operation sequences on a cache and its reference model; after every step
 * compares results, size, key order, evictions (via `onEvict`) and `extra` (hand, queues…),
 * and at the end the stats.
 */
export function expectMatchesModel<C extends PolicyCache<number, number>, M extends Model>(
  make: (capacity: number, onEvict: (key: number, value: number) => void) => C,
  model: (capacity: number) => M,
  options: { maxCapacity: number; runs: number; extra?: (cache: C, model: M) => void },
): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: options.maxCapacity }).chain((capacity) =>
        fc.tuple(fc.constant(capacity), fc.array(policyOpArb(2 * capacity + 3), { maxLength: 12 * capacity + 40, size: 'max' })),
      ),
      ([capacity, ops]) => {
        const evicted: [number, number][] = [];
        const cache = make(capacity, (k, v) => evicted.push([k, v]));
        const reference = model(capacity);
        for (const step of ops) {
          replayStep(step, cache, reference);
          expect(cache.size).to.equal(reference.keys().length);
          expectSame([...cache.keys()], reference.keys(), 'keys()');
          expectSame(evicted, reference.evicted, 'evictions');
          options.extra?.(cache, reference);
        }
        expect(cache.stats()).to.deep.include({ hits: reference.hits, misses: reference.misses, evictions: reference.evicted.length });
      },
    ),
    { numRuns: options.runs },
  );
}
