/**
 * The judge's alarm clock. While the judge blocks in a read, waiting for the sandbox's reply, its
 * own timers cannot run; this worker thread can. At the deadline it kills the sandbox's process
 * group (and the run's tagged processes), which closes the reply pipe, so the judge's read
 * returns and the judge reports the timeout. Blocking reads wake within microseconds of a reply,
 * where polling would cost a timer tick per call.
 */
import { Worker } from 'worker_threads';

// Plain JavaScript, evaluated in the worker: no compiler needed there.
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { readdirSync, readFileSync } = require('fs');
const control = new Int32Array(workerData.shared, 0, 4);
const deadline = new Float64Array(workerData.shared, 16, 1);
const kill = (pid) => { for (const target of [-pid, pid]) { try { process.kill(target, 'SIGKILL'); } catch {} } };
const killTagged = () => {
  if (!workerData.tag) return;
  const wanted = workerData.tagEnv + '=' + workerData.tag;
  let entries = [];
  try { entries = readdirSync('/proc'); } catch { return; }
  for (const entry of entries) {
    if (!/^\\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try { if (readFileSync('/proc/' + entry + '/environ', 'latin1').split('\\0').includes(wanted)) kill(Number(entry)); } catch {}
  }
};
for (;;) {
  if (Atomics.load(control, 2) === 1) break;
  if (Atomics.load(control, 0) === 0) { Atomics.wait(control, 0, 0, 200); continue; }
  const left = deadline[0] - Date.now();
  if (left > 0) { Atomics.wait(control, 0, 1, Math.min(left, 200)); continue; }
  Atomics.store(control, 1, 1);
  Atomics.store(control, 0, 0);
  kill(workerData.pid);
  killTagged();
}
`;

/** An alarm for one sandbox process. */
export class Watchdog {
  private readonly shared = new SharedArrayBuffer(24);
  private readonly control = new Int32Array(this.shared, 0, 4);
  private readonly deadline = new Float64Array(this.shared, 16, 1);
  private readonly worker: Worker;

  /** Watches `pid`; `tag` (with `tagEnv`) also finds the processes it spawned. */
  constructor(pid: number, tagEnv: string, tag: string | undefined) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared: this.shared, pid, tagEnv, tag } });
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  /** Kills the sandbox at `at` (ms since the epoch) unless disarmed first. */
  arm(at: number): void {
    this.deadline[0] = at;
    Atomics.store(this.control, 0, 1);
    Atomics.notify(this.control, 0);
  }

  disarm(): void {
    Atomics.store(this.control, 0, 0);
    Atomics.notify(this.control, 0);
  }

  /** True once the alarm has gone off. */
  get fired(): boolean {
    return Atomics.load(this.control, 1) === 1;
  }

  stop(): void {
    Atomics.store(this.control, 2, 1);
    Atomics.notify(this.control, 0);
    void this.worker.terminate();
  }
}
