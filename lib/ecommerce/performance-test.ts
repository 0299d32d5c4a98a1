import { MemoCacheInfo } from '../core/memoize';
import { AsyncCache } from '../cache/async-cache';
import { realSleep, Sleep } from '../core/clock';
import { guideLatency } from '../db/latency';
import { DatabaseCounters } from '../db/shop-database';
import { openDatabase } from '../db/shop-database';
import { DemoScenario, validateScenario } from './demo-scenarios';
import { ECommerceService, ServiceCacheStats } from './ecommerce-service';

/** Miss vs. hit timing of one lookup type. */
export interface LookupTiming {
  test: string;
  missMs: number;
  hitMs: number;
  /** missMs / hitMs (`Infinity` if the hit took no measurable time; `NaN` when the second call was no hit). */
  speedup: number;
  /** False when the second call missed too (e.g. nothing to cache: the row does not exist). */
  secondWasHit: boolean;
}

/** Everything one performance test measured, for notebooks to tabulate or plot. */
export interface PerformanceRun {
  scenario: DemoScenario;
  cacheKind: string;
  lookups: LookupTiming[];
  shipping: LookupTiming & { cost: number; cacheInfo: MemoCacheInfo };
  /** Entries removed by `updateUser`. */
  invalidated: number;
  /** Present when the scenario showed expiry: whether the product read after its TTL was a miss. */
  expiredAfterTtl?: boolean;
  cacheStats: ServiceCacheStats;
  dbStats: DatabaseCounters;
}

/** What {@link runPerformanceTest} needs besides the scenario. */
export interface PerformanceTestDeps {
  /** A fresh, empty cache for this run. */
  cache: AsyncCache;
  log: (line: string) => void;
  /** How latency is waited for (default real time: the point of the demo). */
  delay?: Sleep;
  /** Shipping calculation time in ms (default 50). */
  shippingDelayMs?: number;
}

const RULE = '='.repeat(60);
const THIN = '-'.repeat(40);

/** The guide's `run_performance_test`: miss vs. hit per lookup type, memoised shipping, invalidation, stats. */
export async function runPerformanceTest(scenario: DemoScenario, deps: PerformanceTestDeps): Promise<PerformanceRun> {
  validateScenario(scenario);
  const { log } = deps;
  const delay = deps.delay ?? realSleep;
  const db = openDatabase({ latencyMs: guideLatency(scenario.dbDelayMs), delay });
  const products = db.productCount();
  if (scenario.productId > products) {
    db.close();
    throw new RangeError(`product ${scenario.productId} is not in the catalog (products 1 to ${products})`);
  }
  const service = new ECommerceService({
    db,
    cache: deps.cache,
    cacheTtlSeconds: scenario.cacheTtlSeconds,
    log,
    delay,
    shippingDelayMs: deps.shippingDelayMs,
  });
  try {
    log(`\n${RULE}\n E-COMMERCE CACHING PERFORMANCE TEST (${deps.cache.kind} cache)\n${RULE}`);
    log(` product=${scenario.productId} user=${scenario.userId} db delay=${scenario.dbDelayMs}ms ttl=${scenario.cacheTtlSeconds}s`);
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['Product Lookups', () => service.getProduct(scenario.productId)],
      ['User Lookups', () => service.getUser(scenario.userId)],
      ['User Orders', () => service.getUserOrders(scenario.userId)],
    ];
    const lookups: LookupTiming[] = [];
    for (const [test, call] of cases) {
      log(`\n Testing: ${test}\n${THIN}`);
      lookups.push(await timeMissThenHit(test, call, () => service.cache.stats().hits, log));
    }

    log(`\n Testing: LRU Cache (Shipping Calculations)\n${THIN}`);
    const ship = () => service.calculateShippingCost(2.5, 100, 'express');
    const first = await timed(ship);
    const second = await timed(ship);
    const shipping = { ...timing('Shipping Calculations', first.ms, second.ms, true), cost: second.value, cacheInfo: service.calculateShippingCost.cacheInfo() };
    log(`First calculation: ${first.ms.toFixed(1)}ms (result: $${first.value})`);
    log(`Cache HIT time: ${second.ms.toFixed(3)}ms`);
    log(`Speedup: ${formatSpeedup(shipping.speedup)}`);

    log(`\n Testing: Cache Invalidation\n${THIN}`);
    const { invalidated } = await service.updateUser(scenario.userId, { name: 'John Updated' });

    let expiredAfterTtl: boolean | undefined;
    if (scenario.showExpiry) {
      log(`\n Testing: TTL Expiry\n${THIN}`);
      log(` Waiting ${scenario.cacheTtlSeconds}s for product:${scenario.productId} to expire...`);
      await delay(service.ttls.product + 50);
      const misses = service.cache.stats().misses;
      await service.getProduct(scenario.productId);
      expiredAfterTtl = service.cache.stats().misses > misses;
      log(` After its TTL the product was a ${expiredAfterTtl ? 'MISS (expired, reloaded from the database)' : 'HIT'}`);
    }

    await service.close();
    const cacheStats = await service.cacheStats();
    const dbStats = db.stats();
    log(`\n Final Cache Statistics:\n${THIN}`);
    log(`Hits: ${cacheStats.hits}`);
    log(`Misses: ${cacheStats.misses}`);
    log(`Hit Rate: ${cacheStats.hitRatePercent.toFixed(1)}%`);
    log(`Total Keys: ${cacheStats.totalKeys}`);
    if (cacheStats.warnings > 0) log(`Cache Warnings: ${cacheStats.warnings}`);
    log(`Database Reads: ${dbStats.reads}, Writes: ${dbStats.writes}`);
    const info = shipping.cacheInfo;
    log(`LRU Cache Info: CacheInfo(hits=${info.hits}, misses=${info.misses}, maxsize=${info.maxSize}, currsize=${info.currSize})`);
    return { scenario, cacheKind: deps.cache.kind, lookups, shipping, invalidated, expiredAfterTtl, cacheStats, dbStats };
  } finally {
    db.close();
  }
}

/** Times a lookup twice; the second is reported as a hit only if the cache counted one. */
async function timeMissThenHit(test: string, call: () => Promise<unknown>, cacheHits: () => number, log: (line: string) => void): Promise<LookupTiming> {
  const miss = await timed(call);
  const hitsBefore = cacheHits();
  const second = await timed(call);
  const secondWasHit = cacheHits() > hitsBefore;
  const result = timing(test, miss.ms, second.ms, secondWasHit);
  log(`Cache MISS time: ${miss.ms.toFixed(1)}ms`);
  if (secondWasHit) {
    log(`Cache HIT time: ${second.ms.toFixed(3)}ms`);
    log(`Speedup: ${formatSpeedup(result.speedup)}`);
  } else {
    const why = miss.value === undefined ? 'not found in the database, so there was nothing to cache' : 'the cache did not keep the value';
    log(`Second call: MISS again, ${second.ms.toFixed(1)}ms (${why}); no speed-up to report`);
  }
  return result;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

function timing(test: string, missMs: number, hitMs: number, secondWasHit: boolean): LookupTiming {
  const speedup = !secondWasHit ? NaN : hitMs > 0 ? missMs / hitMs : Infinity;
  return { test, missMs, hitMs, speedup, secondWasHit };
}

/** `123.4x faster`, `∞ faster` when the hit was too quick to measure, `n/a (no hit)` for `NaN`. */
export function formatSpeedup(speedup: number): string {
  if (Number.isNaN(speedup)) return 'n/a (no hit)';
  return Number.isFinite(speedup) ? `${speedup.toFixed(1)}x faster` : '∞ faster';
}
