import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RedisServerMissingError } from './errors';
import { defaultRedisBinary, freePort, RedisServerProcess, redisServerAvailable } from './redis-server-process';
import { createThrowawayTls, ThrowawayTls } from './throwaway-tls';

export { RedisServerMissingError } from './errors';
export { freePort, redisServerAvailable } from './redis-server-process';

/** Options for {@link startPrivateRedis}. */
export interface PrivateRedisOptions {
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Path or name of the redis-server binary (default `REDIS_SERVER` env or `redis-server`). */
  binary?: string;
  /** How long to wait for the server to accept connections, in ms (default 10 000). */
  startTimeoutMs?: number;
  /**
   * Keep redis-server's stock RDB snapshot rules (`save 3600 1 300 100 60 10000`) instead of
   * turning snapshots off: the dump goes to the temp dir, so a restart finds the data again.
   */
  snapshots?: boolean;
  /** ACL users to create besides `default` (which stays enabled without a password, for the owner). */
  users?: RedisAclUser[];
  /**
   * Serve TLS only: a throwaway CA and server certificate are made with openssl in the temp dir,
   * the plain port is closed and the URL becomes `rediss://`. Clients must trust {@link PrivateRedis.tls}`.ca`.
   */
  tls?: boolean;
}

/** An ACL user of a private server: allowed only the key patterns and commands listed. */
export interface RedisAclUser {
  /** User name (no spaces). */
  name: string;
  password: string;
  /** Key patterns the user may touch, e.g. `cache:*` (glob syntax; none = no keys). */
  keyPatterns: string[];
  /** Commands the user may run, e.g. `get`, `set`, or categories such as `@read`. */
  commands: string[];
}

/** A redis-server this process started; it owns its data and may flush it. */
export interface PrivateRedis {
  /** Connection URL, e.g. `redis://127.0.0.1:40123`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** True while the server process is running. */
  readonly running: boolean;
  /** The CA and certificate files when started with `tls: true`. */
  readonly tls?: ThrowawayTls;
  /** Stops the server (SIGTERM) and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** Kills the server abruptly (SIGKILL), keeping the port, to simulate a crash. */
  kill(): Promise<void>;
  /** Starts the server again on the same port after {@link kill} or {@link stop}. */
  restart(): Promise<void>;
}

/**
 * Starts a private, non-persistent redis-server on a free loopback port in a temp dir.
 * Non-persistent on purpose (`--save ''`, no AOF): a stock redis-server DOES write RDB
 * snapshots by default (`save 3600 1 300 100 60 10000`), which a throwaway server does not need.
 *
 * Tests and notebooks use this instead of the machine's shared Redis so they can flush,
 * kill and restart it without touching anyone else's data.
 *
 * @throws {RedisServerMissingError} when redis-server is not installed.
 * @throws {TypeError} when an ACL user is malformed.
 * @throws {OpensslError} when `tls` is asked for and openssl fails.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const binary = options.binary ?? defaultRedisBinary();
  if (!redisServerAvailable(binary)) throw new RedisServerMissingError(binary);
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cachecraft-redis-'));
  const users = options.users ?? [];
  users.forEach(checkAclUser);
  const tls = options.tls ? createThrowawayTls(dir) : undefined;
  const server = new RedisServerProcess({
    binary,
    port,
    dir,
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
    listenArgs: listenArgs(port, tls),
    keepSnapshots: options.snapshots === true,
    extraArgs: users.flatMap(aclArgs),
  });
  await server.launch();
  const host = '127.0.0.1';
  return {
    url: `${tls ? 'rediss' : 'redis'}://${host}:${port}`,
    host,
    port,
    tls,
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

/** The listening arguments: the plain port, or with TLS only the TLS port (plain port 0 = closed). */
function listenArgs(port: number, tls: ThrowawayTls | undefined): string[] {
  if (!tls) return ['--port', String(port)];
  return ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no'];
}

/** `--user name on >password ~pattern… +command…`: one ACL rule per argument (redis-server joins them). */
function aclArgs(user: RedisAclUser): string[] {
  return ['--user', user.name, 'on', `>${user.password}`, ...user.keyPatterns.map((p) => `~${p}`), ...user.commands.map((c) => `+${c}`)];
}

function checkAclUser(user: RedisAclUser): void {
  if (typeof user?.name !== 'string' || !/^[^\s]+$/.test(user.name)) throw new TypeError(`users[].name must be a string without spaces, got ${JSON.stringify(user?.name)}`);
  if (typeof user.password !== 'string' || user.password === '' || /\s/.test(user.password)) throw new TypeError(`users[].password of "${user.name}" must be a non-empty string without spaces`);
  for (const rule of [...user.keyPatterns, ...user.commands]) {
    if (typeof rule !== 'string' || rule === '' || /\s/.test(rule)) throw new TypeError(`users[] rules of "${user.name}" must be non-empty strings without spaces, got ${JSON.stringify(rule)}`);
  }
}
