import { expect } from 'chai';
import fc from 'fast-check';
import { KeyIndex } from '../../../lib/policies/key-index';

const OBJECT = { id: 1 };
/** Integers near each other and at the int32 edges, multiples of 2¹⁶ (same low bits), and keys that must go to the Map. */
const keyArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -40, max: 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: -8, max: 8 }).map((k) => k * 65536) },
  { weight: 2, arbitrary: fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -0, NaN, 0.5, -1.5, Infinity) },
  { weight: 2, arbitrary: fc.constantFrom('1', '0', 'a', '', OBJECT, null, undefined, true, 1n) },
  // Short strings (the string table), strings at and past its 12-unit limit (the Map), and
  // strings that differ only in a trailing NUL or a surrogate half.
  { weight: 4, arbitrary: fc.string({ maxLength: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom('key:1', 'key:10', 'a\0', '\0', 'abcdefghijkl', 'abcdefghijklm', 'abcdefghijklmnopq', '\ud83d', '\ud83d\ude00') },
);

type Op = { op: 'set'; key: unknown; slot: number } | { op: 'delete'; key: unknown } | { op: 'clear' };
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key: keyArbitrary, slot: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), key: keyArbitrary }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('KeyIndex (a Map<K, slot> with an open-addressing table for int32 keys)', () => {
  it('answers get, has, delete and size exactly as a Map on random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 300 }), fc.array(keyArbitrary, { maxLength: 30 }), (ops, probes) => {
        const index = new KeyIndex<unknown>();
        const model = new Map<unknown, number>();
        for (const step of ops) {
          if (step.op === 'set') {
            index.set(step.key, step.slot);
            model.set(step.key, step.slot);
          } else if (step.op === 'delete') {
            expect(index.delete(step.key), `delete(${String(step.key)})`).to.equal(model.delete(step.key));
          } else {
            index.clear();
            model.clear();
          }
          expect(index.size).to.equal(model.size);
        }
        for (const key of [...model.keys(), ...probes]) {
          expect(index.get(key), `get(${String(key)})`).to.equal(model.get(key));
          expect(index.has(key)).to.equal(model.has(key));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every key while growing to 100,000 integer keys and churning half of them', () => {
    const index = new KeyIndex<number>();
    for (let key = 0; key < 100_000; key++) index.set(key * 7919 - 50_000, key + 1);
    for (let key = 0; key < 100_000; key += 2) expect(index.delete(key * 7919 - 50_000)).to.equal(true);
    expect(index.size).to.equal(50_000);
    for (let key = 0; key < 100_000; key++) expect(index.get(key * 7919 - 50_000)).to.equal(key % 2 === 1 ? key + 1 : undefined);
  });
});
