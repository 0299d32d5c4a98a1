/**
 * The measuring loop and table cells the Redis benchmarks share: keep `inFlight` calls of
 * `read(i)` outstanding until `ops` have been issued (how redis-benchmark's `-c 50` loads a
 * server), timing each call, and the figures' formatting, so every row of every table is
 * measured and printed the same way.
 */
import { cpus, loadavg } from 'os';

/** What one in-flight run measured. */
export interface InFlightRun {
  /** One latency per call, in ms. */
  latenciesMs: number[];
  /** Wall time of the whole run, in ms. */
  elapsedMs: number;
  /** This process's CPU time (user + system) during the run, in µs. */
  cpuUs: number;
}

/** Calls `read(i)` for `i` = 0 … `count` − 1, one at a time: a warm-up for the JIT and connections. */
export async function warmUp(read: (i: number) => Promise<unknown>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await read(i);
}

/** Runs `ops` calls of `read(i)` with `inFlight` of them outstanding at any time. */
export async function runInFlight(read: (i: number) => Promise<unknown>, ops: number, inFlight: number): Promise<InFlightRun> {
  const latenciesMs: number[] = [];
  let issued = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (issued < ops) {
        const i = issued++;
        const t = performance.now();
        await read(i);
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { latenciesMs, elapsedMs, cpuUs: cpu.user + cpu.system };
}

/** A count or a rate for a table cell: rounded, with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A latency in ms shown in whole µs (`n/a` when it was not measured). */
export function formatMicros(ms: number): string {
  return Number.isFinite(ms) ? (ms * 1_000).toFixed(0) : 'n/a';
}

/** The 1-minute load average, for the "at start" half of {@link machineLoadNote}. */
export function loadNow(): string {
  return loadavg()[0].toFixed(2);
}

/** "load average (1 min) X at start, Y at the end on N cores": how busy the shared machine was. */
export function machineLoadNote(loadAtStart: string): string {
  return `load average (1 min) ${loadAtStart} at start, ${loadNow()} at the end on ${cpus().length} cores`;
}
