import { spawn, spawnSync, ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createConnection, createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { createThrowawayTls, ThrowawayTls } from './throwaway-tls';

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

/** Thrown when redis-server is not installed, so callers can say so loudly. */
export class RedisServerMissingError extends Error {
  constructor(binary: string) {
    super(
      `redis-server not found (tried "${binary}"). Install it (Debian/Ubuntu: sudo apt-get install redis-server; ` +
        'macOS: brew install redis) or set REDIS_URL to a server you own.',
    );
    this.name = 'RedisServerMissingError';
  }
}

/** True when a redis-server binary can be run on this machine. */
export function redisServerAvailable(binary = defaultBinary()): boolean {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
  const binary = options.binary ?? defaultBinary();
  if (!redisServerAvailable(binary)) throw new RedisServerMissingError(binary);
  const port = options.port ?? (await freePort());
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'cachecraft-redis-'));
  const users = options.users ?? [];
  users.forEach(checkAclUser);
  const tls = options.tls ? createThrowawayTls(dir) : undefined;
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const args = [...listenArgs(port, tls), '--bind', '127.0.0.1', ...(options.snapshots ? [] : ['--save', '']), '--appendonly', 'no', '--dir', dir, ...users.flatMap(aclArgs)];
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + startTimeoutMs;
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited early (code ${proc.exitCode}): ${output.trim()}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not accept connections on port ${port} within ${startTimeoutMs} ms`);
      }
      await delay(25);
    }
    // Once up, the server must not keep a notebook or script alive by itself; stop() re-refs it.
    proc.unref();
    (proc.stdout as unknown as { unref?: () => void })?.unref?.();
    (proc.stderr as unknown as { unref?: () => void })?.unref?.();
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // The child is unref'd so it never keeps a process alive; while we wait for it to exit it
    // must, or Node ends a script mid-`await stop()` with nothing else pending.
    proc.ref();
    proc.kill(signal);
    await exited;
  };

  await launch();
  const host = '127.0.0.1';
  return {
    url: `${tls ? 'rediss' : 'redis'}://${host}:${port}`,
    host,
    port,
    tls,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      await terminate('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => terminate('SIGKILL'),
    async restart() {
      await terminate('SIGTERM');
      await launch();
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

function defaultBinary(): string {
  return process.env.REDIS_SERVER || 'redis-server';
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
