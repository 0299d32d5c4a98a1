import { expect } from 'chai';
import fc from 'fast-check';
import { CountMinSketch } from '../../../lib/policies/count-min-sketch';
import { hashKey } from '../../../lib/policies/key-hash';

describe('CountMinSketch (4-bit counters)', () => {
  it('rounds the width up to a power of two and rejects a bad one', () => {
    expect(new CountMinSketch(1000).width).to.equal(1024);
    expect(new CountMinSketch(1).width).to.equal(16);
    expect(() => new CountMinSketch(0)).to.throw(RangeError, /width/);
    expect(() => new CountMinSketch(2 ** 29)).to.throw(RangeError, /width/);
  });

  it('never under-estimates a count (up to the 4-bit cap of 15), on random multisets of keys', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(300), { maxLength: 600 }), fc.integer({ min: 1, max: 256 }), (keys, width) => {
        const sketch = new CountMinSketch(width);
        const counts = new Map<number, number>();
        for (const key of keys) {
          sketch.increment(hashKey(key, 0));
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        for (const [key, count] of counts) {
          const estimate = sketch.frequency(hashKey(key, 0));
          expect(estimate).to.be.at.least(Math.min(count, 15));
          expect(estimate).to.be.at.most(15);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is exact for a few keys in a wide sketch, and halving halves every estimate (rounding down)', () => {
    const sketch = new CountMinSketch(4096);
    const counts = [0, 1, 2, 3, 7, 8, 14, 15];
    counts.forEach((count, key) => {
      for (let i = 0; i < count; i++) sketch.increment(hashKey(key, 0));
    });
    expect(counts.map((_, key) => sketch.frequency(hashKey(key, 0)))).to.deep.equal(counts);
    sketch.halve();
    expect(counts.map((_, key) => sketch.frequency(hashKey(key, 0)))).to.deep.equal(counts.map((count) => Math.floor(count / 2)));
  });

  it('saturates at 15 and reports whether an increment changed anything', () => {
    const sketch = new CountMinSketch(64);
    const hash = hashKey('hot', 0);
    for (let i = 0; i < 15; i++) expect(sketch.increment(hash)).to.equal(true);
    expect(sketch.increment(hash)).to.equal(false);
    expect(sketch.frequency(hash)).to.equal(15);
    sketch.clear();
    expect(sketch.frequency(hash)).to.equal(0);
  });

  it('frequencyIfAtLeast gives the exact estimate when it reaches the floor, and something below the floor otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { maxLength: 400 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 16 }), (keys, width, floor) => {
        const sketch = new CountMinSketch(width);
        for (const key of keys) sketch.increment(hashKey(key, 0));
        for (let key = 0; key <= 100; key++) {
          const exact = sketch.frequency(hashKey(key, 0));
          const bounded = sketch.frequencyIfAtLeast(hashKey(key, 0), floor);
          if (exact >= floor) expect(bounded).to.equal(exact);
          else expect(bounded).to.be.below(floor).and.at.least(exact);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('over-estimates as theory says: rarely with 4 counters per key per row, often with 1', () => {
    // A key is over-estimated when each of its 4 counters is shared: (1 − e^(−keys/width))^4.
    const overEstimated = (width: number, keys: number): number => {
      const sketch = new CountMinSketch(width);
      for (let key = 0; key < keys; key++) sketch.increment(hashKey(key, 0));
      let over = 0;
      for (let key = 0; key < keys; key++) if (sketch.frequency(hashKey(key, 0)) > 1) over++;
      return over / keys;
    };
    expect(overEstimated(4096, 1024), 'TinyLfu’s sizing (theory 0.24 %)').to.be.below(0.01);
    expect(overEstimated(1024, 1024), 'one counter per key per row (theory 16 %)').to.be.within(0.1, 0.22);
  });
});
