import { expect } from 'chai';
import fc from 'fast-check';
import { simulateTtl, ttlCurve } from '../../../lib/sim/ttl-simulation';

/** Reference model: a map of insertion times; a hit is a key inserted less than ttl ticks ago. */
function reference(keys: number[], ttl: number): { hits: number; meanEntries: number } {
  const insertedAt = new Map<number, number>();
  let hits = 0;
  let occupancy = 0;
  keys.forEach((key, tick) => {
    const at = insertedAt.get(key);
    if (at !== undefined && tick - at < ttl) hits += 1;
    else insertedAt.set(key, tick);
    // Entries alive after this request (inserted within the last ttl ticks).
    occupancy += [...insertedAt.values()].filter((time) => tick - time < ttl).length;
  });
  return { hits, meanEntries: keys.length === 0 ? 0 : occupancy / keys.length };
}

describe('simulateTtl', () => {
  it('matches a reference model of expiry and footprint (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), (keys, ttl) => {
        const result = simulateTtl(keys, ttl);
        const model = reference(keys, ttl);
        expect(result.hits).to.equal(model.hits);
        expect(result.meanEntries).to.be.closeTo(model.meanEntries, 1e-9);
      }),
    );
  });

  it('expires an entry exactly ttl requests after it was set', () => {
    expect(simulateTtl([1, 1, 1], 2).hits).to.equal(1);
    expect(simulateTtl([1, 2, 1], 2).hits).to.equal(0);
  });

  it('reports one point per TTL, in order', () => {
    const curve = ttlCurve([1, 2, 1, 2, 1, 2], [1, 3]);
    expect(curve.map((point) => [point.ttl, point.hits])).to.deep.equal([
      [1, 0],
      [3, 2],
    ]);
  });

  it('rejects a bad ttl, naming it', () => {
    expect(() => simulateTtl([1], 0)).to.throw(RangeError, /ttl/);
    expect(() => ttlCurve([1], [])).to.throw(RangeError, /ttls/);
  });
});
