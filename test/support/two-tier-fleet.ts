/**
 * Starts app instances of the two-tier tests as real child processes (`two-tier-worker.ts`,
 * transpiled once per test run, see `transpiled-worker.ts`) and talks to them over IPC through
 * the library's {@link AppInstance}, the same handle chapter 11's fleet uses.
 */
import { join } from 'path';
import { AppInstance } from '../../lib/two-tier/app-instance';
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

/** One forked worker: `call` runs an operation in it, `stop` closes it. */
export type TwoTierWorker = AppInstance;

export const TwoTierWorker = {
  /** Forks a worker (plain Node, no ts-node: the fast start-up) and sets it up with `config`. */
  async start(config: WorkerConfig): Promise<TwoTierWorker> {
    const { script, env } = workerScript();
    const worker = await AppInstance.fork(script, config.name, { execArgv: [], env });
    await worker.call('init', config);
    return worker;
  },
};
