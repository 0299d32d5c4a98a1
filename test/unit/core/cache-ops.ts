import { expect } from 'chai';
import fc from 'fast-check';

/** Operations that read (or remove) one key and return something to compare. */
export type KeyedOp = 'get' | 'has' | 'peek' | 'delete' | 'frequency';

/** One step of a random operation sequence on a cache of numbers. */
export type CacheOp<R extends KeyedOp> =
  | { op: R; key: number }
  | { op: 'set'; key: number; value: number }
  | { op: 'clear' };

/** Anything a sequence can be replayed on: the cache under test, a reference model, npm lru-cache. */
export type ReplayTarget<R extends KeyedOp> = { set(key: number, value: number): unknown; clear(): void } & {
  [op in R]: (key: number) => unknown;
};

/**
 * Random steps over few keys (0–9), so small caches keep hitting, evicting and reusing slots:
 * `set` and `get` weigh 40 each, the `probes` together `probeWeight`, `clear` 1.
 */
export function cacheOpArb<R extends KeyedOp>(probes: readonly [R, ...R[]], probeWeight: number): fc.Arbitrary<CacheOp<'get' | R>> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.nat(9), value: fc.nat(1000) }) },
    { weight: 40, arbitrary: fc.record({ op: fc.constant('get' as const), key: fc.nat(9) }) },
    { weight: probeWeight, arbitrary: fc.record({ op: fc.constantFrom(...probes), key: fc.nat(9) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  );
}

/**
 * Applies one step to both targets and, for a keyed read, asserts they return the same thing.
 * Returns the reference's result of a keyed read (undefined for `set` and `clear`).
 */
export function replayStep<R extends KeyedOp>(step: CacheOp<R>, subject: ReplayTarget<R>, reference: ReplayTarget<R>): unknown {
  if ('value' in step) {
    subject.set(step.key, step.value);
    reference.set(step.key, step.value);
    return undefined;
  }
  if (!('key' in step)) {
    subject.clear();
    reference.clear();
    return undefined;
  }
  const expected = reference[step.op](step.key);
  expect(subject[step.op](step.key), `${step.op}(${step.key})`).to.equal(expected);
  return expected;
}
