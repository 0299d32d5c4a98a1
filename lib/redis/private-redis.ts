import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { defaultRedisBinary, freePort, RedisServerMissingError, RedisServerProcess, redisServerAvailable } from './redis-server-process';

export { freePort, RedisServerMissingError, redisServerAvailable } from './redis-server-process';

/** Options for {@link startPrivateRedis}. */
export interface PrivateRedisOptions {
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Path or name of the redis-server binary (default `REDIS_SERVER` env or `redis-server`). */
  binary?: string;
  /** How long to wait for the server to accept connections, in ms (default 10 000). */
  startTimeoutMs?: number;
}

/** A redis-server this process started; it owns its data and may flush it. */
export interface PrivateRedis {
  /** Connection URL, e.g. `redis://127.0.0.1:40123`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** True while the server process is running. */
  readonly running: boolean;
  /** Stops the server (SIGTERM) and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** Kills the server abruptly (SIGKILL), keeping the port, to simulate a crash. */
  kill(): Promise<void>;
  /** Starts the server again on the same port after {@link kill} or {@link stop}. */
  restart(): Promise<void>;
}

/**
 * Starts a private, non-persistent redis-server on a free loopback port in a temp dir.
 *
 * Tests and notebooks use this instead of the machine's shared Redis so they can flush,
 * kill and restart it without touching anyone else's data.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const binary = options.binary ?? defaultRedisBinary();
  if (!redisServerAvailable(binary)) throw new RedisServerMissingError(binary);
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cachecraft-redis-'));
  const server = new RedisServerProcess({ binary, port, dir, startTimeoutMs: options.startTimeoutMs ?? 10_000 });
  await server.launch();
  const host = '127.0.0.1';
  return {
    url: `redis://${host}:${port}`,
    host,
    port,
    get running() {
      return server.running;
    },
    async stop() {
      await server.terminate('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => server.terminate('SIGKILL'),
    async restart() {
      await server.terminate('SIGTERM');
      await server.launch();
    },
  };
}
