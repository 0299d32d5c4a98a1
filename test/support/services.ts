import { spawnSync } from 'child_process';
import { PrivateCluster, PrivateClusterOptions, startPrivateCluster } from '../../lib/redis/private-cluster';
import { PrivateRedis, redisServerAvailable, startPrivateRedis } from '../../lib/redis/private-redis';

/** True when running under CI, where a missing service is a failure and never a skip. */
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Makes a suite depend on an external program. Under `CI=true` a missing program fails the
 * suite; elsewhere the suite is skipped and a loud line says why and how to fix it.
 */
export function requireProgram(ctx: Mocha.Context, what: string, available: boolean, howToInstall: string): void {
  if (available) return;
  const message = `${what} is not available: ${howToInstall}`;
  if (inCI) throw new Error(`[CI] ${message}`);
  console.warn(`\n  !!! SKIPPING: ${message}\n`);
  ctx.skip();
}

/** True when `cmd args` runs and exits 0. */
export function commandWorks(cmd: string, args: string[]): boolean {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  return result.status === 0;
}

/**
 * Registers before/after hooks that start a private redis-server for the enclosing suite.
 * Returns a getter, since the server only exists once the `before` hook has run.
 */
export function usePrivateRedis(): () => PrivateRedis {
  let server: PrivateRedis | undefined;
  before(async function () {
    this.timeout(20_000);
    requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
    server = await startPrivateRedis();
  });
  after(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the private redis-server has not started');
    return server;
  };
}

/**
 * Registers before/after hooks that start one private Redis Cluster for the enclosing suite
 * (start-up takes seconds: share it across the suite's tests). Needs redis-server and redis-cli.
 */
export function usePrivateCluster(options: PrivateClusterOptions = {}): () => PrivateCluster {
  let cluster: PrivateCluster | undefined;
  before(async function () {
    this.timeout(60_000);
    const install = 'install it with `sudo apt-get install redis-server redis-tools`.';
    requireProgram(this, 'redis-server', redisServerAvailable(), install);
    requireProgram(this, 'redis-cli --cluster', redisCliCanCreateClusters(), install);
    cluster = await startPrivateCluster(options);
  });
  after(async function () {
    this.timeout(20_000);
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the private Redis Cluster has not started');
    return cluster;
  };
}

/** True when `redis-cli --cluster create` exists (redis-cli 5+; `--cluster help` exits 1 even then). */
export function redisCliCanCreateClusters(): boolean {
  const result = spawnSync('redis-cli', ['--cluster', 'help'], { encoding: 'utf8' });
  return result.error === undefined && /\bcreate\b/.test(`${result.stdout}${result.stderr}`);
}
