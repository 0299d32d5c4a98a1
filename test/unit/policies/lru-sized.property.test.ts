import { expect } from 'chai';
import fc from 'fast-check';
import { LRUCache as NpmLRU } from 'lru-cache';
import { LRUCache } from '../../../lib/core/lru-cache';
import { expectSame } from '../core/expect-same';

type Step = { op: 'set'; key: number; size: number } | { op: 'get' | 'peek' | 'delete'; key: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(11), size: fc.integer({ min: 1, max: 14 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), key: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('peek' as const, 'delete' as const), key: fc.nat(11) }) },
);

describe('LRUCache with maxSize/sizeOf (differential test against npm lru-cache maxSize/sizeCalculation)', () => {
  it('stores, evicts and refuses exactly as lru-cache does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(stepArb, { maxLength: 100, size: 'max' }), (maxSize, steps) => {
        const ours: number[] = [];
        const theirs: number[] = [];
        const cache = new LRUCache<number, number>({ maxSize, sizeOf: (size) => size, onEvict: (k) => ours.push(k) });
        const npm = new NpmLRU<number, number>({
          maxSize,
          sizeCalculation: (size) => size,
          dispose: (_v, k, reason) => {
            if (reason === 'evict') theirs.push(k);
          },
        });
        for (const step of steps) {
          if (step.op === 'set') {
            cache.set(step.key, step.size);
            npm.set(step.key, step.size);
          } else {
            expect(cache[step.op](step.key), `${step.op}(${step.key})`).to.equal(npm[step.op](step.key));
          }
          expectSame([...cache.keys()], [...npm.keys()], 'keys');
          expect(cache.totalSize).to.equal(npm.calculatedSize);
          expectSame(ours, theirs, 'evictions');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
