/**
 * The child side of {@link startRedisClientProcess}: a separate Node process with its own Redis
 * connection, running the commands its parent sends (over {@link serveInstanceOps}), one reply
 * per command. It says it is ready once its connection is.
 */
import { serveInstanceOps } from '../two-tier/app-instance';
import { connectRedis } from './redis-client';
import { REDIS_CLIENT_URL_ENV } from './redis-client-process';

// Connection errors reach the parent as failed replies or a failed start, never as stray stderr.
const redis = connectRedis(process.env[REDIS_CLIENT_URL_ENV] ?? '', { maxRetriesPerRequest: 1 });
redis.once('ready', () =>
  serveInstanceOps({
    command: (name: string, ...args: Array<string | number>) => redis.call(name, ...args),
    close: () => {
      redis.disconnect();
      setImmediate(() => process.exit(0));
    },
  }),
);
