import { spawnSync } from 'child_process';
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
