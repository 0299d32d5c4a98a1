import { expect } from 'chai';
import { MemoryAsyncCache } from '../../../lib/cache/memory-async-cache';
import { ManualClock } from '../../../lib/core/clock';
import { GUIDE_SCENARIOS, runDemo, runPerformanceTest } from '../../../lib/ecommerce';

const instant = async () => undefined;

describe('runDemo (in-memory cache)', () => {
  it('runs the guide\'s main example and returns its measurements', async () => {
    const lines: string[] = [];
    const report = await runDemo({ delay: instant }, (line) => lines.push(line));
    expect(report.cache).to.equal('memory');
    expect(report.runs.map((r) => r.scenario.productId)).to.deep.equal([1, 5]);
    const run = report.runs[0];
    expect(run.lookups.map((l) => l.test)).to.deep.equal(['Product Lookups', 'User Lookups', 'User Orders']);
    expect(run.shipping.cost).to.equal(3.25);
    expect(run.shipping.cacheInfo).to.deep.include({ hits: 1, misses: 1, currSize: 1 });
    expect(run.invalidated).to.equal(2);
    expect(run.cacheStats).to.deep.include({ hits: 3, misses: 3, hitRatePercent: 50, totalKeys: 1 });
    expect(run.dbStats).to.deep.include({ reads: 3, writes: 1 });
    const text = lines.join('\n');
    for (const expected of ['Cache MISS: product:1', 'Cache HIT: product:1', 'Cache SET: user:101 (TTL: 30s)', 'Cache DELETE: user:101', 'Speedup:', 'LRU Cache Info: CacheInfo(hits=1, misses=1, maxsize=100, currsize=1)', 'Average Speedup:', 'Cache Hit Rate: 50.0%']) {
      expect(text).to.include(expected);
    }
  });

  it('runs any scenario list and rejects bad ones, naming the field', async () => {
    const report = await runDemo({ delay: instant, scenarios: [GUIDE_SCENARIOS.slowDatabase] }, () => undefined);
    expect(report.runs[0].scenario.dbDelayMs).to.equal(300);
    let error: Error | undefined;
    await runDemo({ delay: instant, scenarios: [{ ...GUIDE_SCENARIOS.normal, cacheTtlSeconds: 0 }] }, () => undefined).catch((e) => (error = e));
    expect(error?.message).to.match(/cacheTtlSeconds/);
  });
});

describe('runPerformanceTest: the short-TTL scenario shows expiry', () => {
  it('reads the product again after its TTL and reports a miss, on an injected clock', async () => {
    const clock = new ManualClock(1_000);
    const cache = new MemoryAsyncCache({ now: clock.now });
    const lines: string[] = [];
    const run = await runPerformanceTest(GUIDE_SCENARIOS.shortTtl, {
      cache,
      log: (l) => lines.push(l),
      delay: async (ms) => void clock.advance(ms),
    });
    expect(run.expiredAfterTtl).to.equal(true);
    expect(lines).to.include(' Cache SET: product:3 (TTL: 5s)');
    expect(lines.join('\n')).to.include('After its TTL the product was a MISS');
  });
});
