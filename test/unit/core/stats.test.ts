import { expect } from 'chai';
import { hitRate } from '../../../lib/core/stats';

describe('hitRate', () => {
  it('is 0 (not NaN) before any lookup', () => {
    expect(hitRate(0, 0)).to.equal(0);
  });

  it('is hits / (hits + misses)', () => {
    expect(hitRate(3, 1)).to.equal(0.75);
    expect(hitRate(0, 5)).to.equal(0);
    expect(hitRate(5, 0)).to.equal(1);
  });
});
