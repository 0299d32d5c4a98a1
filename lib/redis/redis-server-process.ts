import { spawn, spawnSync, ChildProcess } from 'child_process';
import { createConnection, createServer } from 'net';
import { realSleep } from '../core/clock';

/** Path or name of the redis-server binary: the `REDIS_SERVER` env, else `redis-server`. */
export function defaultRedisBinary(): string {
  return process.env.REDIS_SERVER || 'redis-server';
}

/** True when a redis-server binary can be run on this machine. */
export function redisServerAvailable(binary = defaultRedisBinary()): boolean {
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

/** How to launch one redis-server process. */
export interface RedisProcessSpec {
  binary: string;
  port: number;
  /** Working dir of the server (its `--dir`); cluster nodes keep their nodes.conf there. */
  dir: string;
  /** How the server listens (default `--port <port>`; a TLS-only server closes the plain port). */
  listenArgs?: string[];
  /** Keep redis-server's stock RDB snapshot rules instead of `--save ''` (default false). */
  keepSnapshots?: boolean;
  /** Extra command-line options, appended after the common ones. */
  extraArgs?: string[];
  /** How long to wait for the server to accept connections, in ms. */
  startTimeoutMs: number;
}

/**
 * One redis-server child process that can be launched, killed and launched again on the same
 * port and dir. Shared by the single private server and every node of a private cluster.
 */
export class RedisServerProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(readonly spec: RedisProcessSpec) {}

  /** True while the server process is running. */
  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** The last few KB of the server's own log, for error messages. */
  get log(): string {
    return this.output.slice(-4_000);
  }

  /** Starts the server and waits until it accepts connections. */
  async launch(): Promise<void> {
    const { binary, port, dir, startTimeoutMs } = this.spec;
    const listen = this.spec.listenArgs ?? ['--port', String(port)];
    const snapshots = this.spec.keepSnapshots ? [] : ['--save', ''];
    const args = [...listen, '--bind', '127.0.0.1', ...snapshots, '--appendonly', 'no', '--dir', dir, ...(this.spec.extraArgs ?? [])];
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = proc;
    const append = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-16_000));
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    const deadline = Date.now() + startTimeoutMs;
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited early (code ${proc.exitCode}): ${this.output.trim()}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not accept connections on port ${port} within ${startTimeoutMs} ms: ${this.log.trim()}`);
      }
      await realSleep(25);
    }
    // Once up, the server must not keep a notebook or script alive by itself; terminate() re-refs it.
    proc.unref();
    (proc.stdout as unknown as { unref?: () => void })?.unref?.();
    (proc.stderr as unknown as { unref?: () => void })?.unref?.();
  }

  /** Sends `signal` (SIGTERM: clean stop; SIGKILL: a crash) and waits for the process to exit. */
  async terminate(signal: NodeJS.Signals): Promise<void> {
    const proc = this.child;
    this.child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // The child is unref'd so it never keeps a process alive; while we wait for it to exit it
    // must, or Node ends a script mid-`await stop()` with nothing else pending.
    proc.ref();
    proc.kill(signal);
    await exited;
  }
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

