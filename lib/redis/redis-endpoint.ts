import { PrivateRedisOptions, PrivateRedis, startPrivateRedis } from './private-redis';

/** A Redis to use as a cache: either the one `REDIS_URL` names, or a private one started for us. */
export interface RedisEndpoint {
  readonly url: string;
  /** The private server when this process started one (it may be killed/restarted), else undefined. */
  readonly server: PrivateRedis | undefined;
  /** Stops the private server, if any; never touches a server named by `REDIS_URL`. */
  release(): Promise<void>;
}

/**
 * The Redis for demos and notebooks: `REDIS_URL` when set (the user's own server, used as is),
 * otherwise a private redis-server on a free port via {@link startPrivateRedis}. Tests use
 * `usePrivateRedis()` instead, so they never touch a server they did not start.
 */
export async function resolveRedis(options: PrivateRedisOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<RedisEndpoint> {
  const url = (options.env ?? process.env).REDIS_URL;
  if (url) return { url, server: undefined, release: async () => undefined };
  const server = await startPrivateRedis(options);
  return { url: server.url, server, release: () => server.stop() };
}
