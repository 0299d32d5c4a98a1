import Redis, { RedisOptions } from 'ioredis';
import type { PrivateRedis } from './private-redis';

/** Options for {@link connectRedis}: ioredis options plus where connection errors go. */
export interface ConnectRedisOptions extends RedisOptions {
  /**
   * Receives connection-level errors (ECONNREFUSED while Redis is down, TLS failures…). The
   * default keeps the last one in {@link lastConnectionError} and stays quiet: commands still
   * reject with their own errors, so nothing is hidden from the code that issued them.
   */
  onError?: (error: Error) => void;
}

const lastErrors = new WeakMap<Redis, Error>();

/**
 * An ioredis client that always has an `error` listener.
 *
 * ioredis emits connection errors as `error` events; an EventEmitter without a listener prints
 * `[ioredis] Unhandled error event: …` to stderr on every reconnection attempt while Redis is
 * down. A {@link PrivateRedis} target also brings its TLS settings (the throwaway CA) along.
 */
export function connectRedis(target: string | PrivateRedis, options: ConnectRedisOptions = {}): Redis {
  const { onError, ...redisOptions } = options;
  const url = typeof target === 'string' ? target : target.url;
  const tls = typeof target === 'string' || target.tls === undefined ? undefined : { ca: target.tls.ca, ...redisOptions.tls };
  const client = tls === undefined ? new Redis(url, redisOptions) : new Redis(url, { ...redisOptions, tls });
  client.on('error', (error: Error) => {
    lastErrors.set(client, error);
    onError?.(error);
  });
  return client;
}

/** The last connection error a {@link connectRedis} client reported, if any. */
export function lastConnectionError(client: Redis): Error | undefined {
  return lastErrors.get(client);
}
