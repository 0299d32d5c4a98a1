import { expect } from 'chai';
import fc from 'fast-check';
import { hashKey } from '../../../lib/policies/key-hash';
import { RECORDED_CAPPED, RECORDED_SEEN, RECORDED_UNKNOWN, TinyLfu } from '../../../lib/policies/tiny-lfu';

describe('TinyLfu (sketch + doorkeeper + aging)', () => {
  it('counts a first access in the doorkeeper only, later ones in the sketch', () => {
    const filter = new TinyLfu({ expectedKeys: 1000, samplePeriod: 10_000 });
    expect(filter.frequency('a')).to.equal(0);
    filter.record('a');
    expect(filter.frequency('a')).to.equal(1);
    filter.record('a');
    filter.record('a');
    expect(filter.frequency('a')).to.equal(3);
    const plain = new TinyLfu({ expectedKeys: 1000, samplePeriod: 10_000, doorkeeper: false });
    plain.record('a');
    expect(plain.frequency('a')).to.equal(1);
  });

  it('halves every count and clears the doorkeeper once per sample period', () => {
    const filter = new TinyLfu({ expectedKeys: 1000, samplePeriod: 20 });
    for (let i = 0; i < 9; i++) filter.record('hot'); // doorkeeper 1 + sketch 8
    filter.record('once');
    expect(filter.frequency('hot')).to.equal(9);
    expect(filter.frequency('once')).to.equal(1);
    for (let i = 0; i < 10; i++) filter.record(`filler-${i}`); // the 20th record ends the period
    expect(filter.frequency('hot')).to.equal(4); // sketch 8 → 4, doorkeeper cleared
    expect(filter.frequency('once')).to.equal(0);
  });

  it('admits a candidate only when strictly more popular than the victim', () => {
    const filter = new TinyLfu({ expectedKeys: 1000, samplePeriod: 10_000 });
    filter.record('x');
    filter.record('y');
    expect(filter.admit('x', 'y')).to.equal(false);
    filter.record('x');
    expect(filter.admit('x', 'y')).to.equal(true);
    expect(filter.admit('y', 'x')).to.equal(false);
  });

  it('reports a key capped once its doorkeeper bit and counters are full, and recordCapped then counts the sample only', () => {
    const filter = new TinyLfu({ expectedKeys: 1000, samplePeriod: 40 });
    const hot = filter.hashOf('hot');
    const reports: boolean[] = [];
    for (let i = 0; i < 17; i++) reports.push(filter.recordHash(hot)); // doorkeeper 1, sketch 15, then one more
    expect(reports.indexOf(true)).to.equal(16);
    expect(filter.frequency('hot')).to.equal(16);
    const epoch = filter.epoch;
    for (let i = 0; i < 22; i++) filter.recordCapped(); // samples 18 … 39
    expect(filter.epoch).to.equal(epoch);
    expect(filter.frequency('hot')).to.equal(16);
    filter.recordCapped(); // the 40th sample ends the period: halved, doorkeeper cleared
    expect(filter.epoch).to.equal(epoch + 1);
    expect(filter.frequency('hot')).to.equal(7);
    filter.clear();
    expect(filter.epoch).to.equal(epoch + 2);
  });

  it('reports nothing capped from a record that ends the sample period', () => {
    const filter = new TinyLfu({ expectedKeys: 1000, samplePeriod: 17 });
    const hot = filter.hashOf('hot');
    for (let i = 0; i < 16; i++) expect(filter.recordHash(hot)).to.equal(false);
    expect(filter.recordHash(hot)).to.equal(false); // capped, but its 17th record also aged the filter
    expect(filter.frequency('hot')).to.equal(7);
  });

  it('recordHashAgain, for a key already recorded in the epoch, has recordHash’s effect and result', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { maxLength: 400 }), fc.boolean(), fc.integer({ min: 5, max: 200 }), (keys, doorkeeper, samplePeriod) => {
        const plain = new TinyLfu({ expectedKeys: 8, samplePeriod, doorkeeper });
        const skipping = new TinyLfu({ expectedKeys: 8, samplePeriod, doorkeeper });
        const seenIn = new Map<number, number>();
        for (const key of keys) {
          const hash = plain.hashOf(key);
          const again = seenIn.get(key) === skipping.epoch;
          seenIn.set(key, skipping.epoch);
          expect(again ? skipping.recordHashAgain(hash) : skipping.recordHash(hash)).to.equal(plain.recordHash(hash));
          expect(skipping.epoch).to.equal(plain.epoch);
        }
        for (let key = 0; key <= 30; key++) expect(skipping.frequency(key), `key ${key}`).to.equal(plain.frequency(key));
      }),
      { numRuns: 100 },
    );
  });

  it('admitHash answers as comparing both frequencies does', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 300 }), fc.boolean(), (keys, doorkeeper) => {
        const filter = new TinyLfu({ expectedKeys: 8, samplePeriod: 1000, doorkeeper });
        for (const key of keys) filter.record(key);
        for (let candidate = 0; candidate <= 40; candidate += 3) {
          for (let victim = 0; victim <= 40; victim += 2) {
            const expected = filter.frequency(candidate) > filter.frequency(victim);
            expect(filter.admitHash(filter.hashOf(candidate), filter.hashOf(victim))).to.equal(expected);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('admitHashKnowing answers as admitHash does, given what recording each key reported in the epoch', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 400 }), fc.boolean(), fc.integer({ min: 20, max: 300 }), (keys, doorkeeper, samplePeriod) => {
        const filter = new TinyLfu({ expectedKeys: 8, samplePeriod, doorkeeper });
        // What a cache would remember: the epoch of each key's last record and what it reported.
        const known = new Map<number, { epoch: number; capped: boolean }>();
        // Key 0 recorded often enough to be capped (unless the period ends first).
        for (const key of [...new Array<number>(17).fill(0), ...keys]) {
          const epoch = filter.epoch;
          const capped = filter.recordHash(filter.hashOf(key));
          known.set(key, { epoch, capped });
        }
        const recorded = (key: number): number => {
          const entry = known.get(key);
          if (entry === undefined || entry.epoch !== filter.epoch) return RECORDED_UNKNOWN;
          return entry.capped ? RECORDED_CAPPED : RECORDED_SEEN;
        };
        for (let candidate = 0; candidate <= 40; candidate += 3) {
          for (let victim = 0; victim <= 40; victim += 2) {
            const [c, v] = [filter.hashOf(candidate), filter.hashOf(victim)];
            expect(filter.admitHashKnowing(c, recorded(candidate), v, recorded(victim)), `${candidate} vs ${victim}`).to.equal(filter.admitHash(c, v));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad options, naming them', () => {
    expect(() => new TinyLfu({ expectedKeys: 0, samplePeriod: 10 })).to.throw(RangeError, /expectedKeys/);
    expect(() => new TinyLfu({ expectedKeys: 10, samplePeriod: 0.5 })).to.throw(RangeError, /samplePeriod/);
  });
});

describe('hashKey', () => {
  it('gives equal keys (as a Map sees them) equal hashes, and depends on the seed', () => {
    expect(hashKey(NaN, 1)).to.equal(hashKey(Number('x'), 1));
    expect(hashKey(-0, 1)).to.equal(hashKey(0, 1));
    expect(hashKey('abc', 1)).to.equal(hashKey('ab' + 'c', 1));
    const object = {};
    expect(hashKey(object, 1)).to.equal(hashKey(object, 1));
    expect(hashKey(object, 1)).to.not.equal(hashKey({}, 1));
    expect(hashKey('abc', 1)).to.not.equal(hashKey('abc', 2));
    for (const key of [1.5, 2 ** 40, BigInt(7), true, null, undefined, Symbol('s')]) expect(hashKey(key, 0)).to.be.within(0, 2 ** 32 - 1);
  });

  it('spreads consecutive integers and similar strings evenly over the low bits', () => {
    for (const make of [(i: number) => i, (i: number) => `key:${i}`]) {
      const buckets = new Array<number>(16).fill(0);
      for (let i = 0; i < 16_000; i++) buckets[hashKey(make(i), 0) & 15]++;
      for (const count of buckets) expect(count).to.be.within(850, 1150);
    }
  });
});
