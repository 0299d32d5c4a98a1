/**
 * SieveCache against the npm package @neophi/sieve-cache, an independent SIEVE implementation:
 * on random operation sequences both must return the same values and evict the same keys in the
 * same order, and on a real trace both must get the same number of hits.
 */
import { ExistingSetBehavior, SieveCache as NpmSieveCache } from '@neophi/sieve-cache';
import { expect } from 'chai';
import fc from 'fast-check';
import { SieveCache } from '../../../lib/policies/sieve-cache';
import { bundledTracePath, readTrace } from '../../../lib/sim/trace-reader';
import { cacheOpArb, replayStep } from '../core/cache-ops';

/** Both caches of one capacity, each recording its evictions. */
function pair(capacity: number) {
  const evicted = { ours: [] as number[], theirs: [] as number[] };
  const ours = new SieveCache<number, number>({ capacity, onEvict: (key) => evicted.ours.push(key) });
  // Overwriting a key marks it visited in SIEVE as the paper and libCacheSim define it (and here).
  const theirs = new NpmSieveCache<number, number>(capacity, {
    existingSetBehavior: ExistingSetBehavior.VISITED_TRUE,
    evictHook: (key) => evicted.theirs.push(key),
  });
  return { ours, theirs, evicted };
}

describe('SieveCache against @neophi/sieve-cache (differential)', () => {
  it('returns the same values and evicts the same keys, in order, on random sequences (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(cacheOpArb(['delete'] as const, 10), { maxLength: 120 }), (capacity, steps) => {
        const { ours, theirs, evicted } = pair(capacity);
        for (const step of steps) {
          replayStep(step, ours, theirs);
          expect(ours.size, 'size').to.equal(theirs.size);
        }
        expect(evicted.ours, 'evicted keys, in order').to.deep.equal(evicted.theirs);
        expect([...ours.keys()].sort()).to.deep.equal([...theirs.keys()].sort());
      }),
      { numRuns: 1_000 },
    );
  });

  it('gets the same hits on the gli trace at several capacities', () => {
    const keys = readTrace(bundledTracePath('gli'));
    for (const capacity of [250, 1_000, 2_000]) {
      const { ours, theirs } = pair(capacity);
      let oursHits = 0;
      let theirsHits = 0;
      for (const key of keys) {
        if (ours.get(key) === undefined) ours.set(key, key);
        else oursHits += 1;
        if (theirs.get(key) === undefined) theirs.set(key, key);
        else theirsHits += 1;
      }
      expect(oursHits, `hits at capacity ${capacity}`).to.equal(theirsHits);
    }
  });
});
