import { AsyncCache } from '../cache/async-cache';
import { MemoryAsyncCache } from '../cache/memory-async-cache';
import { RedisCache } from '../cache/redis-cache';
import { Sleep } from '../core/clock';
import { clusterEndpoint, resolveRedis } from '../redis/redis-endpoint';
import { DemoScenario, GUIDE_SCENARIOS } from './demo-scenarios';
import { PerformanceRun, runPerformanceTest } from './performance-test';

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** The runs, in order (default: the guide's main: the normal run, then the custom example). */
  scenarios?: readonly DemoScenario[];
  /** Which cache the service uses (default `memory`). */
  cache?: 'memory' | 'redis';
  /**
   * Redis to use with `cache: 'redis'`; default `REDIS_CLUSTER_NODES` or `REDIS_URL`, else a
   * private redis-server started and stopped here.
   */
  redisUrl?: string;
  /** Seed nodes (`host:port`) of a Redis Cluster to use with `cache: 'redis'`, instead of `redisUrl`. */
  redisClusterNodes?: readonly string[];
  /** How latency is waited for (default real time); tests inject an instant one. */
  delay?: Sleep;
  /** Shipping calculation time in ms (default 50). */
  shippingDelayMs?: number;
}

/** The demo's measurements. */
export interface DemoReport {
  cache: 'memory' | 'redis';
  runs: PerformanceRun[];
  /** Mean speed-up of the last run's lookups (finite ones), as the guide's summary. */
  averageSpeedup: number;
  /** Hit rate of the last run, in percent. */
  hitRatePercent: number;
}

/** The guide's default sequence: `run_performance_test()` then the custom example. */
export const GUIDE_MAIN: readonly DemoScenario[] = [{ ...GUIDE_SCENARIOS.normal, title: 'Basic Performance Test' }, GUIDE_SCENARIOS.custom];

/** The guide's `test_different_scenarios()`. */
export const GUIDE_ALL_SCENARIOS: readonly DemoScenario[] = [GUIDE_SCENARIOS.normal, GUIDE_SCENARIOS.slowDatabase, GUIDE_SCENARIOS.shortTtl];

/**
 * The guide's complete example, working, over an in-memory cache or Redis: for each scenario a
 * fresh service and an empty cache, the HIT/MISS/SET/DELETE trace, miss vs. hit timing per
 * lookup type, the memoised shipping cost, invalidation and final statistics, then a summary.
 * Lines go to `log`; the measurements are returned for notebooks.
 */
export async function runDemo(options: DemoOptions = {}, log: (line: string) => void = console.log): Promise<DemoReport> {
  const kind = options.cache ?? 'memory';
  if (kind !== 'memory' && kind !== 'redis') throw new RangeError(`cache must be "memory" or "redis", got ${JSON.stringify(kind)}`);
  const scenarios = options.scenarios ?? GUIDE_MAIN;
  if (scenarios.length === 0) throw new RangeError('scenarios must not be empty');
  const redis =
    kind !== 'redis'
      ? undefined
      : options.redisClusterNodes
        ? clusterEndpoint(options.redisClusterNodes)
        : options.redisUrl
          ? undefined
          : await resolveRedis();
  const connection = redis?.connection ?? { url: options.redisUrl as string };
  const runId = `${process.pid}-${Date.now()}`;
  const runs: PerformanceRun[] = [];
  try {
    if (kind === 'redis') log(` Using ${redis?.description ?? `Redis at ${options.redisUrl}`}`);
    for (const [i, scenario] of scenarios.entries()) {
      log(`\n ${scenario.title}`);
      const cache: AsyncCache =
        kind === 'redis'
          ? new RedisCache({ ...connection, namespace: `cachecraft-demo:${runId}:${i}` })
          : new MemoryAsyncCache();
      try {
        runs.push(await runPerformanceTest(scenario, { cache, log, delay: options.delay, shippingDelayMs: options.shippingDelayMs }));
      } finally {
        // Leave nothing behind on a shared server.
        if (cache instanceof RedisCache) {
          await cache.clear();
          await cache.close();
        }
      }
    }
  } finally {
    await redis?.release();
  }
  const last = runs[runs.length - 1];
  const finite = last.lookups.map((l) => l.speedup).filter(Number.isFinite);
  const averageSpeedup = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : 0;
  log(`\n${'='.repeat(60)}\n Performance Summary:`);
  for (const run of runs) {
    const cells = run.lookups.map((l) => `${l.test} ${l.missMs.toFixed(1)}→${l.hitMs.toFixed(2)}ms${l.secondWasHit ? '' : ' (no hit)'}`).join(' | ');
    log(` ${run.scenario.title}: ${cells}`);
  }
  log(`Average Speedup: ${averageSpeedup.toFixed(1)}x`);
  log(`Cache Hit Rate: ${last.cacheStats.hitRatePercent.toFixed(1)}%`);
  return { cache: kind, runs, averageSpeedup, hitRatePercent: last.cacheStats.hitRatePercent };
}
