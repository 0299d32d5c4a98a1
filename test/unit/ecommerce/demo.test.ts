import { expect } from 'chai';
import { spawnSync } from 'child_process';
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

describe('the demo reports only what happened', () => {
  it('a lookup whose row does not exist is two misses: no "Cache HIT time", no speed-up', async () => {
    const lines: string[] = [];
    const run = await runPerformanceTest({ ...GUIDE_SCENARIOS.normal, userId: 999 }, { cache: new MemoryAsyncCache(), log: (l) => lines.push(l), delay: instant });
    const user = run.lookups.find((l) => l.test === 'User Lookups');
    expect(user?.secondWasHit).to.equal(false);
    expect(Number.isNaN(user?.speedup)).to.equal(true);
    const section = lines.slice(lines.findIndex((l) => l.includes('Testing: User Lookups')), lines.findIndex((l) => l.includes('Testing: User Orders')));
    expect(section.join('\n')).not.to.include('Cache HIT time');
    expect(section.join('\n')).not.to.include('Speedup:');
    expect(section.join('\n')).to.include('MISS again');
    expect(run.lookups.find((l) => l.test === 'Product Lookups')?.secondWasHit).to.equal(true);
  });

  it('the summary leaves a lookup without a hit out of the average speed-up', async () => {
    const lines: string[] = [];
    const report = await runDemo({ delay: instant, scenarios: [{ ...GUIDE_SCENARIOS.normal, userId: 999 }] }, (l) => lines.push(l));
    expect(Number.isFinite(report.averageSpeedup)).to.equal(true);
    expect(lines.join('\n')).to.include('(no hit)');
  });

  it('a product that is not in the catalog is refused before anything is measured', async () => {
    const lines: string[] = [];
    let error: Error | undefined;
    await runDemo({ delay: instant, scenarios: [{ ...GUIDE_SCENARIOS.normal, productId: 99 }] }, (l) => lines.push(l)).catch((e) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    expect(error?.message).to.equal('product 99 is not in the catalog (products 1 to 5)');
    expect(lines.join('\n')).not.to.include('Speedup');
  });

  it('a TTL is checked in seconds, the unit the demo takes it in', async () => {
    let error: Error | undefined;
    await runDemo({ delay: instant, scenarios: [{ ...GUIDE_SCENARIOS.normal, cacheTtlSeconds: 0 }] }, () => undefined).catch((e) => (error = e));
    expect(error?.message).to.equal('cacheTtlSeconds must be a positive, finite number of seconds, got 0');
  });
});

describe('npm run demo: flag errors name the flag and its unit', function () {
  this.timeout(60_000);
  const run = (...args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/demo.ts', ...args], { encoding: 'utf8' });

  it('--ttl 0 says "--ttl … seconds", not an internal option in milliseconds', () => {
    const result = run('--ttl', '0');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include('demo: --ttl must be a number of seconds greater than 0, got "0"');
    expect(result.stderr).not.to.match(/milliseconds|cacheTtlSeconds/);
  });

  it('--product 99 is refused with the catalog\'s range, and no speed-up is printed', () => {
    const result = run('--product', '99', '--db-delay', '0');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include('demo: product 99 is not in the catalog (products 1 to 5)');
    expect(result.stdout).not.to.include('Speedup');
  });

  it('--redis-cluster needs host:port pairs', () => {
    const result = run('--redis-cluster', 'localhost');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include('--redis-cluster must be a comma-separated list of host:port, got "localhost"');
  });
});
