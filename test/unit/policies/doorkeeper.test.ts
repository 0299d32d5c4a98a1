import { expect } from 'chai';
import fc from 'fast-check';
import { Doorkeeper } from '../../../lib/policies/doorkeeper';
import { hashKey } from '../../../lib/policies/key-hash';

describe('Doorkeeper (Bloom filter)', () => {
  it('never forgets a key it was given (no false negatives), and put says whether the key was new', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 200 }), (keys) => {
        const door = new Doorkeeper(100);
        for (const key of keys) door.put(hashKey(key, 0));
        for (const key of keys) expect(door.mightContain(hashKey(key, 0)), key).to.equal(true);
        for (const key of keys) expect(door.put(hashKey(key, 0))).to.equal(false);
      }),
      { numRuns: 100 },
    );
  });

  it('has few false positives at its design load, and clear forgets everything', () => {
    const door = new Doorkeeper(10_000);
    for (let key = 0; key < 10_000; key++) door.put(hashKey(key, 0));
    let falsePositives = 0;
    for (let key = 10_000; key < 20_000; key++) if (door.mightContain(hashKey(key, 0))) falsePositives++;
    expect(falsePositives / 10_000).to.be.below(0.04);
    door.clear();
    expect(door.mightContain(hashKey(1, 0))).to.equal(false);
  });

  it('rejects a bad size', () => {
    expect(() => new Doorkeeper(0)).to.throw(RangeError, /expectedKeys/);
  });
});
