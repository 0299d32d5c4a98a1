import { expect } from 'chai';
import fc from 'fast-check';
import { seededRandom } from '../../../lib/core/random';
import { EventQueue } from '../../../lib/sim/event-queue';
import { STAMPEDE_STRATEGIES, StampedeOptions, StampedeStrategy } from '../../../lib/sim/stampede-options';
import { simulateStampede } from '../../../lib/sim/stampede-simulator';

/** One hot key, 2,000 requests/s, TTL 1 s, 100 ms loads, 2.5 s. */
function hotKey(strategy: StampedeStrategy, overrides: Partial<StampedeOptions> = {}): StampedeOptions {
  return { strategy, random: seededRandom(1), requestsPerSecond: 2_000, durationMs: 2_500, ttlMs: 1_000, dbLatencyMs: 100, ...overrides };
}

describe('EventQueue', () => {
  it('runs events in time order, ties in scheduling order, and never goes back in time', () => {
    const queue = new EventQueue();
    const seen: string[] = [];
    queue.at(5, () => seen.push(`b@${queue.now}`));
    queue.at(1, () => {
      seen.push(`a@${queue.now}`);
      queue.at(0, () => seen.push(`late@${queue.now}`));
    });
    queue.at(5, () => seen.push(`c@${queue.now}`));
    queue.runUntil();
    expect(seen).to.deep.equal(['a@1', 'late@1', 'b@5', 'c@5']);
  });

  it('stops before events later than `until`', () => {
    const queue = new EventQueue();
    const seen: number[] = [];
    [1, 2, 3].forEach((time) => queue.at(time, () => seen.push(time)));
    queue.runUntil(2);
    expect(seen).to.deep.equal([1, 2]);
  });
});

describe('simulateStampede', () => {
  const reports = Object.fromEntries(STAMPEDE_STRATEGIES.map((strategy) => [strategy, simulateStampede(hotKey(strategy))]));

  it('counts each expiry once, and none when entries are refreshed ahead of time', () => {
    // Protected strategies reload in ~100 ms, so the key expires at 1 s and again at ~2.1 s.
    expect(reports.lock.expiries).to.equal(2);
    expect(reports.coalescing.expiries).to.equal(2);
    expect(reports.prewarm.expiries).to.equal(0);
    // The stampede's slow, contended loads push the second expiry past the end of the run.
    expect(reports.none.expiries).to.equal(1);
  });

  it('without protection, every request that misses during a load starts its own load', () => {
    // At 2,000 requests/s a 100 ms load window holds far more requests than one.
    expect(reports.none.dbLoads).to.be.greaterThan(50 * reports.none.expiries);
    expect(reports.none.peakConcurrentLoads).to.be.greaterThan(25);
  });

  it('coalescing makes at most one load per process per expiry', () => {
    expect(reports.coalescing.dbLoads).to.be.at.most(reports.coalescing.expiries * 4);
    expect(reports.coalescing.dbLoads).to.be.lessThan(reports.none.dbLoads);
  });

  it('a lock makes exactly one load per expiry across all processes', () => {
    expect(reports.lock.dbLoads).to.equal(reports.lock.expiries);
    expect(reports.lock.peakConcurrentLoads).to.equal(1);
  });

  it('pre-warming keeps every request a hit: the only loads are the background refreshes', () => {
    expect(reports.prewarm.hitRatio).to.equal(1);
    expect(reports.prewarm.dbLoads).to.equal(reports.prewarm.backgroundLoads);
    expect(reports.prewarm.latency.max).to.be.closeTo(1, 1e-9);
  });

  it('early refresh reloads before expiry, so almost every request hits', () => {
    expect(reports['early-refresh'].dbLoads).to.be.lessThan(reports.none.dbLoads / 5);
    expect(reports['early-refresh'].latency.p99).to.be.closeTo(1, 1e-9);
  });

  it('every fix cuts the tail latency of the stampede', () => {
    for (const strategy of ['coalescing', 'lock', 'prewarm', 'early-refresh'] as const) {
      expect(reports[strategy].latency.p99, strategy).to.be.lessThan(reports.none.latency.p99);
    }
  });

  it('jitter spreads expiries of keys loaded together, lowering the peak load on the database', () => {
    const manyKeys = { keys: 200, requestsPerSecond: 2_000, durationMs: 1_600, dbLatencyMs: 50, dbSlowdownPerLoad: 0.01 };
    const together = simulateStampede(hotKey('none', manyKeys));
    const jittered = simulateStampede(hotKey('jitter', manyKeys));
    expect(jittered.peakConcurrentLoads).to.be.lessThan(together.peakConcurrentLoads / 2);
  });

  it('is deterministic for a seed and answers every request (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAMPEDE_STRATEGIES), fc.integer(), (strategy, seed) => {
        const options = hotKey(strategy, { random: seededRandom(seed), durationMs: 1_200, requestsPerSecond: 500 });
        const first = simulateStampede(options);
        const again = simulateStampede({ ...options, random: seededRandom(seed) });
        expect(again).to.deep.equal(first);
        expect(first.loadStartTimes).to.have.length(first.dbLoads);
        expect(first.latency.p50).to.be.at.least(1 - 1e-9);
        expect(first.hitRatio).to.be.within(0, 1);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects bad options, naming the parameter', () => {
    expect(() => simulateStampede(hotKey('nope' as StampedeStrategy))).to.throw(RangeError, /strategy/);
    expect(() => simulateStampede(hotKey('none', { ttlMs: 0 }))).to.throw(RangeError, /ttlMs/);
    expect(() => simulateStampede(hotKey('none', { processes: 1.5 }))).to.throw(RangeError, /processes/);
    expect(() => simulateStampede(hotKey('none', { ttlJitter: 1 }))).to.throw(RangeError, /ttlJitter/);
    expect(() => simulateStampede(hotKey('none', { random: 1 as never }))).to.throw(TypeError, /random/);
    expect(() => simulateStampede(hotKey('none', { requestsPerSecond: 0.001, durationMs: 1 }))).to.throw(RangeError, /no request/);
  });
});
