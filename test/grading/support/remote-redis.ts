/**
 * A Redis connection for a graded suite to hand to learner code.
 *
 * The grader runs learner code in a separate sandbox process, so a connection object cannot be
 * passed to it as is. A connection made here carries its server's URL under
 * {@link REDIS_URL_TAG}: when it crosses into the sandbox, the sandbox opens its own connection
 * to the same server, while the suite keeps this one to inspect what the learner's code did.
 */
import Redis from 'ioredis';

/** The property under which a connection made by {@link redisForLearner} keeps its URL. */
export const REDIS_URL_TAG = Symbol.for('cachecraft.grader.redisUrl');

/** A connection to `url` that can be passed to learner code (see the file comment). */
export function redisForLearner(url: string): Redis {
  // Lazy for the same reason as the sandbox's copy (scripts/grader/sandbox/main.ts): a SUBSCRIBE
  // racing ioredis's ready check would drop the subscription after subscribe() resolved.
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  Object.defineProperty(client, REDIS_URL_TAG, { value: url });
  return client;
}

/** The URL a connection made by {@link redisForLearner} points to, else undefined. */
export function learnerRedisUrl(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const url = (value as Record<symbol, unknown>)[REDIS_URL_TAG];
  return typeof url === 'string' ? url : undefined;
}
