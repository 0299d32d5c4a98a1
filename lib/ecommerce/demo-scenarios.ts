import { assertNonNegativeDuration, assertPositiveInteger, assertPositiveSeconds } from '../core/validate';

/** One run of the guide's performance test. */
export interface DemoScenario {
  /** Heading printed before the run. */
  title: string;
  productId: number;
  userId: number;
  /** Base database latency in ms (users +50, orders +100, as in the guide). */
  dbDelayMs: number;
  /** Base cache TTL in seconds. */
  cacheTtlSeconds: number;
  /** After the run, wait for the product's TTL to pass and read it again to show it expire. */
  showExpiry?: boolean;
}

/** The guide's scenarios: `run_performance_test` defaults, `test_different_scenarios`, and the custom example. */
export const GUIDE_SCENARIOS = Object.freeze({
  normal: { title: 'Scenario 1: Normal E-commerce Operations', productId: 1, userId: 101, dbDelayMs: 100, cacheTtlSeconds: 60 },
  slowDatabase: { title: 'Scenario 2: Slow Database (300ms delays)', productId: 2, userId: 102, dbDelayMs: 300, cacheTtlSeconds: 60 },
  shortTtl: {
    title: 'Scenario 3: Short TTL (5 seconds)',
    productId: 3,
    userId: 103,
    dbDelayMs: 100,
    cacheTtlSeconds: 5,
    showExpiry: true,
  },
  custom: { title: 'Custom Test Example', productId: 5, userId: 103, dbDelayMs: 200, cacheTtlSeconds: 120 },
} satisfies Record<string, DemoScenario>);

/** Throws a RangeError naming the field if a scenario is unusable. */
export function validateScenario(scenario: DemoScenario): void {
  assertPositiveInteger('productId', scenario.productId);
  assertPositiveInteger('userId', scenario.userId);
  assertNonNegativeDuration('dbDelayMs', scenario.dbDelayMs);
  assertPositiveSeconds('cacheTtlSeconds', scenario.cacheTtlSeconds);
}
