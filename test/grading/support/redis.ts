/**
 * The real Redis the RedisLock checks run against: the grader starts a private redis-server and
 * passes its URL in `GRADE_REDIS_URL`; run on its own (mocha, Stryker), the suite starts one.
 * Checks use fresh key names instead of flushing, so nothing else on the server is touched.
 */
import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { redisForLearner } from './remote-redis';
import { PrivateRedis, redisServerAvailable, startPrivateRedis } from '../../../lib/redis/private-redis';

/** Registers hooks that connect to the grading Redis; returns a getter for the client. */
export function useGradingRedis(): () => Redis {
  let server: PrivateRedis | undefined;
  let client: Redis | undefined;
  before(async function () {
    this.timeout(20_000);
    let url = process.env.GRADE_REDIS_URL;
    if (!url) {
      if (!redisServerAvailable()) {
        throw new Error('redis-server is not installed, so RedisLock cannot be graded: sudo apt-get install redis-server');
      }
      server = await startPrivateRedis();
      url = server.url;
    }
    // Made by redisForLearner so that, handed to learner code, it crosses into the sandbox.
    client = redisForLearner(url);
    await client.ping();
  });
  after(async () => {
    await client?.quit().catch(() => undefined);
    await server?.stop();
  });
  return () => {
    if (!client) throw new Error('the grading Redis is not connected');
    return client;
  };
}

/** A lock name no other check uses. */
export function freshName(label: string): string {
  return `grade:${label}:${randomUUID()}`;
}

/** How many Lua scripts the server has run so far (EVAL, EVALSHA, FCALL and their _RO forms). */
export async function scriptCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_(eval|evalsha|eval_ro|evalsha_ro|fcall|fcall_ro):calls=(\d+)/gm)) {
    total += Number(match[2]);
  }
  return total;
}

/** How many times the server has run `command` (lower case, e.g. `set`) so far. */
export async function commandCalls(redis: Redis, command: string): Promise<number> {
  const info = await redis.info('commandstats');
  const match = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info);
  return match ? Number(match[1]) : 0;
}
