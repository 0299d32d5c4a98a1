import { expect } from 'chai';
import fc from 'fast-check';
import { seededRandom } from '../../../lib/core/random';
import {
  loopingWorkload,
  shiftingHotSetWorkload,
  temporalLocalityWorkload,
  uniformWorkload,
  zipfWorkload,
} from '../../../lib/sim/workloads';
import { ZipfSampler } from '../../../lib/sim/zipf-sampler';

function counts(keys: number[], keySpace: number): number[] {
  const result = new Array<number>(keySpace).fill(0);
  keys.forEach((key) => (result[key] += 1));
  return result;
}

describe('workload generators', () => {
  const generators = {
    uniform: (seed: number, keySpace: number, length: number) => uniformWorkload({ keySpace, length, random: seededRandom(seed) }),
    looping: (_seed: number, keySpace: number, length: number) => loopingWorkload({ keySpace, length }),
    zipf: (seed: number, keySpace: number, length: number) => zipfWorkload({ keySpace, length, random: seededRandom(seed), exponent: 0.9 }),
    shifting: (seed: number, keySpace: number, length: number) =>
      shiftingHotSetWorkload({ keySpace, length, random: seededRandom(seed), hotSetSize: Math.ceil(keySpace / 3), phaseLength: 50 }),
    temporal: (seed: number, keySpace: number, length: number) => temporalLocalityWorkload({ keySpace, length, random: seededRandom(seed) }),
  };

  for (const [name, generate] of Object.entries(generators)) {
    it(`${name}: right length, integer keys in [0, keySpace), same seed → same stream (property)`, () => {
      fc.assert(
        fc.property(fc.integer(), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 300 }), (seed, keySpace, length) => {
          const keys = generate(seed, keySpace, length);
          expect(keys).to.have.length(length);
          keys.forEach((key) => expect(Number.isInteger(key) && key >= 0 && key < keySpace).to.equal(true));
          expect(generate(seed, keySpace, length)).to.deep.equal(keys);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('looping scans the key space in order, again and again', () => {
    expect(loopingWorkload({ keySpace: 3, length: 7 })).to.deep.equal([0, 1, 2, 0, 1, 2, 0]);
  });

  it('uniform spreads requests evenly', () => {
    const c = counts(uniformWorkload({ keySpace: 10, length: 100_000, random: seededRandom(1) }), 10);
    c.forEach((count) => expect(count).to.be.within(9_500, 10_500));
  });

  it('shifting moves the hot set each phase', () => {
    const keys = shiftingHotSetWorkload({ keySpace: 100, length: 2_000, random: seededRandom(3), hotSetSize: 10, phaseLength: 1_000, hotFraction: 1 });
    expect(new Set(keys.slice(0, 1_000))).to.deep.equal(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(Math.min(...keys.slice(1_000))).to.equal(10);
    expect(Math.max(...keys.slice(1_000))).to.equal(19);
  });

  it('temporal locality repeats recent keys about as often as asked', () => {
    const keys = temporalLocalityWorkload({ keySpace: 1_000_000, length: 20_000, random: seededRandom(5), reuseProbability: 0.7, window: 10 });
    const repeats = keys.filter((key, i) => keys.slice(Math.max(0, i - 10), i).includes(key)).length;
    expect(repeats / keys.length).to.be.closeTo(0.7, 0.02);
  });

  it('rejects bad options, naming the parameter', () => {
    const random = seededRandom(1);
    expect(() => uniformWorkload({ keySpace: 0, length: 5, random })).to.throw(RangeError, /keySpace/);
    expect(() => loopingWorkload({ keySpace: 5, length: -1 })).to.throw(RangeError, /length/);
    expect(() => zipfWorkload({ keySpace: 5, length: 5, random: 'x' as never })).to.throw(TypeError, /random/);
    expect(() => shiftingHotSetWorkload({ keySpace: 5, length: 5, random, hotSetSize: 6, phaseLength: 1 })).to.throw(RangeError, /hotSetSize/);
    expect(() => temporalLocalityWorkload({ keySpace: 5, length: 5, random, reuseProbability: 2 })).to.throw(RangeError, /reuseProbability/);
  });
});

describe('ZipfSampler', () => {
  it('has probabilities ∝ 1/(r+1)^s that sum to 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 2, noNaN: true }), (n, s) => {
        const sampler = new ZipfSampler(n, s, seededRandom(1));
        const probabilities = Array.from({ length: n }, (_, r) => sampler.probability(r));
        expect(probabilities.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-9);
        if (n > 1) expect(probabilities[0] / probabilities[1]).to.be.closeTo(Math.pow(2, s), 1e-6);
      }),
    );
  });

  it('draws ranks with those probabilities (frequency within 3 standard errors)', () => {
    const n = 50;
    const draws = 200_000;
    const sampler = new ZipfSampler(n, 1.1, seededRandom(7));
    const c = counts(Array.from({ length: draws }, () => sampler.next()), n);
    for (let rank = 0; rank < n; rank += 1) {
      const p = sampler.probability(rank);
      const standardError = Math.sqrt((p * (1 - p)) / draws);
      expect(c[rank] / draws, `rank ${rank}`).to.be.closeTo(p, 3.5 * standardError);
    }
  });

  it('rejects bad parameters, naming them', () => {
    expect(() => new ZipfSampler(0, 1, seededRandom(1))).to.throw(RangeError, /n must/);
    expect(() => new ZipfSampler(5, -1, seededRandom(1))).to.throw(RangeError, /exponent/);
  });
});
