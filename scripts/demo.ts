/**
 * `npm run demo [-- flags]`: the guide's complete e-commerce caching example, working.
 * The logic lives in lib/ecommerce/demo.ts (`runDemo`) so notebooks can run it too.
 */
import { parseArgs } from 'util';
import { DemoScenario, GUIDE_ALL_SCENARIOS, GUIDE_MAIN, GUIDE_SCENARIOS, runDemo } from '../lib/ecommerce';

const HELP = `Usage: npm run demo -- [options]

The guide's e-commerce caching demo over a real SQLite database, with an in-memory cache
(default) or Redis.

  (no options)           the guide's main: basic performance test, then the custom example
  --scenarios            the guide's three scenarios: normal, slow database (300 ms),
                         short TTL (5 s, waits for the product to expire)
  --scenario NAME        one scenario: normal | slow-db | short-ttl | custom
  --product ID           custom run: product id (1-5, default 1)
  --user ID              custom run: user id (101-103, default 101)
  --db-delay MS          custom run: base database latency in ms (default 100)
  --ttl SECONDS          custom run: base cache TTL in seconds (default 60)
  --redis                use Redis as the cache: REDIS_URL if set, else a private
                         redis-server on a free port, stopped at the end
  -h, --help             this help

Examples:
  npm run demo
  npm run demo -- --redis
  npm run demo -- --scenarios
  npm run demo -- --product 4 --user 102 --db-delay 250 --ttl 30 --redis
`;

const NAMED: Record<string, DemoScenario> = {
  normal: GUIDE_SCENARIOS.normal,
  'slow-db': GUIDE_SCENARIOS.slowDatabase,
  'short-ttl': GUIDE_SCENARIOS.shortTtl,
  custom: GUIDE_SCENARIOS.custom,
};

function integer(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${flag} must be a non-negative number, got ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      redis: { type: 'boolean' },
      scenarios: { type: 'boolean' },
      scenario: { type: 'string' },
      product: { type: 'string' },
      user: { type: 'string' },
      'db-delay': { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  let scenarios: readonly DemoScenario[] = GUIDE_MAIN;
  if (values.scenarios) scenarios = GUIDE_ALL_SCENARIOS;
  if (values.scenario !== undefined) {
    const named = NAMED[values.scenario];
    if (!named) throw new RangeError(`--scenario must be one of ${Object.keys(NAMED).join(', ')}, got ${JSON.stringify(values.scenario)}`);
    scenarios = [named];
  }
  if ([values.product, values.user, values['db-delay'], values.ttl].some((v) => v !== undefined)) {
    const base = GUIDE_SCENARIOS.normal;
    scenarios = [
      {
        title: 'Custom Parameters',
        productId: integer('product', values.product, base.productId),
        userId: integer('user', values.user, base.userId),
        dbDelayMs: integer('db-delay', values['db-delay'], base.dbDelayMs),
        cacheTtlSeconds: integer('ttl', values.ttl, base.cacheTtlSeconds),
      },
    ];
  }
  await runDemo({ scenarios, cache: values.redis ? 'redis' : 'memory' });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`demo: ${error.message}\n\n${HELP}`);
    process.exit(2);
  },
);
