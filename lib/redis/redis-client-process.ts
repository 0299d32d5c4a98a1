import { extname, join } from 'path';
import { AppInstance } from '../two-tier/app-instance';
import { assertPositiveDuration } from '../core/validate';

/** A separate Node process holding its own Redis connection: one application instance. */
export interface RedisClientProcess {
  /** The operating-system process id of the child (not this process's). */
  readonly pid: number;
  /**
   * Runs one Redis command in the child process and resolves to its reply
   * (e.g. `call('set', 'k', 'v', 'PX', 1000)`, `call('eval', script, 1, key, arg)`).
   * @throws Error with Redis's message when the command fails.
   */
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  /** Closes the connection and ends the child process. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options for {@link startRedisClientProcess}. */
export interface RedisClientProcessOptions {
  /** How long to wait for the child to connect, in ms (default 10 000). */
  startTimeoutMs?: number;
}

/** The environment variable that hands the child its Redis URL. */
export const REDIS_CLIENT_URL_ENV = 'CACHECRAFT_REDIS_CLIENT_URL';

/**
 * Starts a child Node process with its own connection to the Redis at `url`, and lets this
 * process drive it command by command. Two of them are two application instances: races between
 * processes can then be shown with real processes and a real server, in an order chosen step by
 * step (each `call` completes before the next one is sent).
 *
 * @throws TypeError when `url` is not a redis:// URL; Error when the child cannot connect in time.
 */
export function startRedisClientProcess(url: string, options: RedisClientProcessOptions = {}): Promise<RedisClientProcess> {
  if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) throw new TypeError(`url must be a redis:// URL, got ${JSON.stringify(url)}`);
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  assertPositiveDuration('startTimeoutMs', startTimeoutMs);
  // Run the worker next to this file: compiled .js from lib/dist, or .ts under ts-node in tests.
  const worker = join(__dirname, `redis-client-worker${extname(__filename)}`);
  const env = { ...process.env, [REDIS_CLIENT_URL_ENV]: url };
  return AppInstance.fork(worker, `Redis client of ${url}`, { env, readyTimeoutMs: startTimeoutMs }).then((instance) => ({
    pid: instance.pid ?? -1,
    call: (command: string, ...args: Array<string | number>) => instance.call('command', command, ...args),
    stop: () => instance.stop(),
  }));
}
