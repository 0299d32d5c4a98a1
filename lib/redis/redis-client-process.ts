import { ChildProcess, fork } from 'child_process';
import { join } from 'path';
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

type Reply = { id: number; reply?: unknown; error?: string };

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
  const typescript = __filename.endsWith('.ts');
  const worker = join(__dirname, `redis-client-worker.${typescript ? 'ts' : 'js'}`);
  const child: ChildProcess = fork(worker, [url], {
    execArgv: typescript ? ['-r', 'ts-node/register/transpile-only'] : [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    exited = true;
    for (const { reject } of pending.values()) reject(new Error(`the Redis client process exited (code ${code}) before replying${stderr ? `: ${stderr.trim()}` : ''}`));
    pending.clear();
  });
  child.on('message', (message: Reply) => {
    const waiter = pending.get(message.id);
    if (waiter === undefined) return;
    pending.delete(message.id);
    if (message.error !== undefined) waiter.reject(new Error(message.error));
    else waiter.resolve(message.reply);
  });

  const handle: RedisClientProcess = {
    pid: child.pid ?? -1,
    call(command, ...args) {
      if (exited) return Promise.reject(new Error('the Redis client process has stopped'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, command, args });
      });
    },
    async stop() {
      if (!exited && child.connected) child.disconnect();
      await exitedPromise;
    },
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Redis client process did not connect to ${url} within ${startTimeoutMs} ms${stderr ? `: ${stderr.trim()}` : ''}`));
    }, startTimeoutMs);
    const onReady = (message: { ready?: boolean }): void => {
      if (message.ready !== true) return;
      clearTimeout(timer);
      child.off('message', onReady);
      resolve(handle);
    };
    child.on('message', onReady);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Redis client process exited (code ${code}) before connecting${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });
}
