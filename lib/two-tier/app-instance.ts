import { ChildProcess, fork } from 'child_process';
import { nodeFlagsFor } from '../core/child-program';

/** How {@link AppInstance.fork} starts the child. */
export interface ForkInstanceOptions {
  /**
   * Node flags of the child. Default: none for a `.js` program; ts-node (transpile-only) for a
   * `.ts` one, which costs seconds per process — the tests fork a program transpiled once instead.
   */
  execArgv?: string[];
  /** Environment of the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long the child may take to say it is ready, in ms; then it is killed (default: no limit). */
  readyTimeoutMs?: number;
}

/**
 * The parent's handle on one app instance running in its own Node process (a program that
 * answers with {@link serveInstanceOps}); `call` runs an operation in it over IPC.
 */
export class AppInstance {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();

  constructor(private readonly child: ChildProcess, readonly name: string) {
    child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      if (message.id === undefined) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(`${name}: ${message.error}`));
      else waiter?.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`instance ${name} exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Forks `program` and resolves once it has said it is ready (before any `init`). */
  static async fork(program: string, name: string, options: ForkInstanceOptions = {}): Promise<AppInstance> {
    const execArgv = options.execArgv ?? nodeFlagsFor(program);
    const child = fork(program, [], { execArgv, env: options.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      const timer =
        options.readyTimeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              child.kill('SIGKILL');
              reject(new Error(`instance ${name} was not ready within ${options.readyTimeoutMs} ms`));
            }, options.readyTimeoutMs);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`instance ${name} exited before it was ready (${code})`));
      });
    });
    return new AppInstance(child, name);
  }

  /** The process id of the instance. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs `op(...args)` in the instance's process; rejects once the process has exited. */
  call<T = any>(op: string, ...args: unknown[]): Promise<T> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return Promise.reject(new Error(`instance ${this.name} has stopped`));
    }
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, op, args });
    });
  }

  /** Closes the instance's connections and waits for its process to exit (kills it after 2 s). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await this.call('close').catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }
}

/** The operations an app instance program answers, by name. */
export type InstanceOps = Record<string, (...args: any[]) => unknown>;

/**
 * The child's side of {@link AppInstance}: answers each IPC request `{ id, op, args }` with
 * `{ id, result }` or `{ id, error }`, then tells the parent it is ready.
 */
export function serveInstanceOps(ops: InstanceOps): void {
  process.on('message', (message: { id: number; op: string; args: unknown[] }) => {
    void (async () => {
      try {
        const op = ops[message.op];
        if (!op) throw new Error(`unknown op ${message.op}`);
        const result = await op(...message.args);
        process.send?.({ id: message.id, result: result ?? null });
      } catch (error) {
        process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.send?.({ ready: true });
}
