/**
 * Starts app instances of the two-tier tests as real child processes (`two-tier-worker.ts`,
 * transpiled once per test run, see `transpiled-worker.ts`) and talks to them over IPC.
 */
import { ChildProcess, fork } from 'child_process';
import { join } from 'path';
import { TranspiledWorker, transpileWorker } from './transpiled-worker';
import type { WorkerConfig } from './two-tier-worker';

let compiled: TranspiledWorker | undefined;

/** The transpiled worker, made on first use and removed when the test process exits. */
function workerScript(): TranspiledWorker {
  if (!compiled) {
    const made = transpileWorker(join(__dirname, 'two-tier-worker.ts'));
    process.once('exit', () => made.dispose());
    compiled = made;
  }
  return compiled;
}

/** One forked instance; `call` runs an operation in it and resolves with its result. */
export class TwoTierWorker {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess, readonly name: string) {
    child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      if (message.id === undefined) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`worker ${name} exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Forks a worker and sets it up with `config`. */
  static async start(config: WorkerConfig): Promise<TwoTierWorker> {
    const { script, env } = workerScript();
    const child = fork(script, [], { execArgv: [], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker ${config.name} exited before it was ready (${code})`)));
    });
    const worker = new TwoTierWorker(child, config.name);
    await worker.call('init', config);
    return worker;
  }

  /** Runs `op(...args)` in the worker. */
  call<T = any>(op: string, ...args: unknown[]): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, op, args });
    });
  }

  /** Closes the worker's connections and waits for it to exit (kills it if it does not). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }
}
