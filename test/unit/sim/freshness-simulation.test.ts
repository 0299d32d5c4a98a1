import { expect } from 'chai';
import fc from 'fast-check';
import { seededRandom } from '../../../lib/core/random';
import { FreshnessOptions, simulateFreshness } from '../../../lib/sim/freshness-simulation';

function options(overrides: Partial<FreshnessOptions> = {}): FreshnessOptions {
  return { ttlMs: 10_000, requestsPerSecond: 5, meanUpdateIntervalMs: 60_000, durationMs: 3_600_000, random: seededRandom(1), ...overrides };
}

describe('simulateFreshness', () => {
  it('hit ratio matches the renewal formula λT / (1 + λT) for Poisson reads', () => {
    const result = simulateFreshness(options());
    const lambdaT = 5 * 10;
    expect(result.hitRatio).to.be.closeTo(lambdaT / (1 + lambdaT), 0.005);
  });

  it('stale reads match the expected share for Poisson updates', () => {
    // A hit at age a since its load is stale with probability 1 − e^(−a/U); ages are uniform
    // on [0, T) for Poisson reads, so the stale share of all reads is hitRatio × (1 − U/T·(1 − e^(−T/U))).
    const ttl = 10_000;
    const interval = 20_000;
    const result = simulateFreshness(options({ ttlMs: ttl, meanUpdateIntervalMs: interval, durationMs: 36_000_000 }));
    const staleGivenHit = 1 - (interval / ttl) * (1 - Math.exp(-ttl / interval));
    expect(result.staleReadRatio).to.be.closeTo(result.hitRatio * staleGivenHit, 0.01);
  });

  it('never serves a value staler than the TTL, and longer TTLs are staler (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 100, max: 20_000 }), (seed, ttlMs) => {
        const result = simulateFreshness(options({ ttlMs, random: seededRandom(seed), durationMs: 120_000, meanUpdateIntervalMs: 5_000 }));
        expect(result.maxStalenessMs).to.be.at.most(ttlMs);
        expect(result.staleReads).to.be.at.most(result.hits);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects bad options, naming the parameter', () => {
    expect(() => simulateFreshness(options({ ttlMs: 0 }))).to.throw(RangeError, /ttlMs/);
    expect(() => simulateFreshness(options({ meanUpdateIntervalMs: -1 }))).to.throw(RangeError, /meanUpdateIntervalMs/);
    expect(() => simulateFreshness(options({ random: undefined as never }))).to.throw(TypeError, /random/);
  });
});
