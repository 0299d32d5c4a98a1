/**
 * `npm run demo [-- flags]`: the guide's complete e-commerce caching example, working.
 * The logic lives in lib/ecommerce/demo.ts (`runDemo`) so notebooks can run it too.
 */
import { parseArgs } from 'util';
import { DemoScenario, GUIDE_ALL_SCENARIOS, GUIDE_MAIN, GUIDE_SCENARIOS, runDemo } from '../lib/ecommerce';
import { parseClusterNodes } from '../lib/redis/redis-endpoint';

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
  --redis                use Redis as the cache: REDIS_CLUSTER_NODES or REDIS_URL if
                         set, else a private redis-server on a free port, stopped at the end
  --redis-cluster NODES  use your Redis Cluster as the cache: seed nodes as
                         host:port,host:port (keys go under cachecraft-demo:*, removed at the end)
  -h, --help             this help

Examples:
  npm run demo
  npm run demo -- --redis
  npm run demo -- --scenarios
  npm run demo -- --product 4 --user 102 --db-delay 250 --ttl 30 --redis
  npm run demo -- --redis-cluster 127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002
`;

const NAMED: Record<string, DemoScenario> = {
  normal: GUIDE_SCENARIOS.normal,
  'slow-db': GUIDE_SCENARIOS.slowDatabase,
  'short-ttl': GUIDE_SCENARIOS.shortTtl,
  custom: GUIDE_SCENARIOS.custom,
};

/** A flag's number, checked by `ok`; the error names the flag and what it must be, in its unit. */
function numberFlag(flag: string, text: string | undefined, fallback: number, ok: (value: number) => boolean, what: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !ok(value)) throw new RangeError(`--${flag} must be ${what}, got ${JSON.stringify(text)}`);
  return value;
}

const isId = (value: number) => Number.isInteger(value) && value >= 1;

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
      'redis-cluster': { type: 'string' },
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
        productId: numberFlag('product', values.product, base.productId, isId, 'a product id (a whole number, 1 or more)'),
        userId: numberFlag('user', values.user, base.userId, isId, 'a user id (a whole number, 1 or more)'),
        dbDelayMs: numberFlag('db-delay', values['db-delay'], base.dbDelayMs, (v) => v >= 0, 'a number of milliseconds, 0 or more'),
        cacheTtlSeconds: numberFlag('ttl', values.ttl, base.cacheTtlSeconds, (v) => v > 0, 'a number of seconds greater than 0'),
      },
    ];
  }
  const clusterText = values['redis-cluster'];
  const redisClusterNodes = clusterText === undefined ? undefined : parseClusterNodes('--redis-cluster', clusterText);
  await runDemo({ scenarios, cache: values.redis || redisClusterNodes ? 'redis' : 'memory', redisClusterNodes });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`demo: ${error.message}\n\n${HELP}`);
    process.exit(2);
  },
);
