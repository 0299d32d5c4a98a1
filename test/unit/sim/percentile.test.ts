import { expect } from 'chai';
import fc from 'fast-check';
import { percentile, summarizeLatencies } from '../../../lib/sim/percentile';

describe('percentile', () => {
  it('uses the nearest-rank method', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).to.equal(15);
    expect(percentile(values, 30)).to.equal(20);
    expect(percentile(values, 40)).to.equal(20);
    expect(percentile(values, 50)).to.equal(35);
    expect(percentile(values, 100)).to.equal(50);
  });

  it('returns a value from the sample with at least p % at or below it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (values, p) => {
        const result = percentile(values, p);
        expect(values).to.include(result);
        expect(values.filter((value) => value <= result).length / values.length).to.be.at.least(p / 100 - 1e-9);
      }),
    );
  });

  it('summarizes a sample without modifying it', () => {
    const values = [3, 1, 2, 100];
    expect(summarizeLatencies(values)).to.deep.equal({ mean: 26.5, p50: 2, p95: 100, p99: 100, max: 100 });
    expect(values).to.deep.equal([3, 1, 2, 100]);
  });

  it('rejects an empty sample or a bad p, naming it', () => {
    expect(() => percentile([], 50)).to.throw(RangeError, /values/);
    expect(() => percentile([1], 0)).to.throw(RangeError, /p must/);
    expect(() => percentile([1], 101)).to.throw(RangeError, /p must/);
    expect(() => summarizeLatencies([])).to.throw(RangeError, /values/);
  });
});
