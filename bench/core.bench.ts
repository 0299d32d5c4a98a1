/**
 * Core section: the lib's in-memory caches (LRU, LFU, TTL and every eviction policy) against
 * npm `lru-cache` and `mnemonist` on the same seeded key streams, with a get-or-set loop (`get`,
 * on miss `set`). Each workload runs with integer keys and with string keys (`"key:123"`, the
 * common case), next to the ceiling of any cache built on a `Map`: an unbounded `Map` doing the
 * same get-or-set (the library's caches index integer keys in typed arrays, so with integer keys
 * they can pass it).
 *
 * Every (workload × key type × contender) is timed in a fresh child process
 * (`core-contender.ts`), one child at a time: caches timed in one process change each other's
 * speed through V8's shared type feedback and leftover heap state. (Quick mode, for the smoke
 * test, sends all jobs to one child: its numbers are meaningless and process starts cost about a
 * second each.) The contenders and workloads are defined once, in `core-contenders.ts`.
 *
 * Focused runs: run this file directly, optionally restricted with environment variables, e.g.
 *
 *     BENCH_WORKLOADS=Zipf \
 *     BENCH_CONTENDERS='LRUCache,SieveCache,S3FIFOCache,WTinyLFUCache,lru-cache,mnemonist,unbounded Map' \
 *     npx ts-node --transpile-only bench/core.bench.ts [--quick]
 *
 * `BENCH_CONTENDERS`: comma-separated; each entry selects the contenders whose name, with or
 * without the `cachecraft ` prefix, starts with it (`LRUCache` is cachecraft's, `lru-cache` the npm
 * package's). `BENCH_WORKLOADS`: comma-separated workload names (`Zipf`, `uniform`, `scan`).
 * The section is printed, BENCHMARKS.md is not touched. `npm run bench` ignores both variables
 * and always measures everything, so BENCHMARKS.md never holds a partial table.
 * (This replaces the former `bench/policy-speed.ts`: same measurement, fewer contenders.)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  parseResultLine,
  roundsFor,
  type ContenderJob,
  type ContenderRun,
  type Measurement,
} from './core-contender';
import {
  CONTENDERS,
  FULL,
  KEY_TYPES,
  QUICK,
  fmtInt,
  workloads,
  type Contender,
  type KeyType,
  type Sizes,
  type Workload,
} from './core-contenders';
import { currentLoad } from './machine';

/** The options every `bench/*.bench.ts` module's `run` receives. */
export interface BenchOptions {
  /** Tiny sizes for a smoke test; numbers are meaningless. */
  quick: boolean;
}

/** The core section's options: the common ones, plus an optional filter for focused runs. */
export interface CoreBenchOptions extends BenchOptions {
  /** Only the contenders whose name, with or without `cachecraft `, starts with one of these. */
  contenders?: readonly string[];
  /** Only the workloads with these names (case-insensitive). */
  workloads?: readonly string[];
}

/** One section of BENCHMARKS.md. */
export interface BenchSection {
  title: string;
  markdown: string;
}

const CHILD_ENTRY = path.join(__dirname, 'core-contender.ts');
/** The repo root: the children's working directory, where ts-node finds tsconfig.json. */
const REPO_ROOT = path.join(__dirname, '..');

/** A child that runs longer than this is killed and fails the bench (a hang must not stall CI). */
function childTimeoutMs(quick: boolean): number {
  return quick ? 60_000 : 10 * 60_000;
}

/**
 * Runs one child process (`core-contender.ts`) for `run` and returns its measurements, one per
 * job, in job order. Rejects with a message naming the contender (and workload and key type) if
 * the child cannot start, crashes, exits non-zero, times out, or prints anything but one valid
 * result per job, in job order. A child prints each result as soon as it has it, so when it dies
 * the job it was on is the first one without a result.
 */
function measureInChild(run: ContenderRun, timeoutMs: number): Promise<Measurement[]> {
  return new Promise((resolve, reject) => {
    // The same runtime and transpiler as `npm run bench` (ts-node, transpile only), resolved
    // here so the child finds it wherever the parent was started from.
    const args = ['-r', require.resolve('ts-node/register/transpile-only'), CHILD_ENTRY, JSON.stringify(run)];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const fail = (done: number, why: string) => {
      const job = run.jobs[Math.min(done, run.jobs.length - 1)];
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      const where = `contender "${job.contender}" (${job.workload}, ${job.keyType} keys)`;
      return new Error(`core bench: ${where}: ${why}${tail ? `\n--- child stderr (end) ---\n${tail}` : ''}`);
    };
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(fail(0, `could not run the child process: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const results: Measurement[] = [];
      let garbage: string | undefined;
      for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
        const job = run.jobs[results.length];
        try {
          if (!job) throw new Error(`printed more results than its ${run.jobs.length} job(s)`);
          const result = parseResultLine(line, roundsFor(job.contender, run.sizes));
          if (result.contender !== job.contender || result.workload !== job.workload || result.keyType !== job.keyType) {
            throw new Error(`printed the result of another job: ${result.contender} (${result.workload}, ${result.keyType} keys)`);
          }
          results.push(result);
        } catch (error) {
          garbage = error instanceof Error ? error.message : String(error);
          break;
        }
      }
      const done = results.length;
      if (timedOut) reject(fail(done, `timed out after ${timeoutMs / 1000} s`));
      else if (signal !== null) reject(fail(done, `child process killed by ${signal}`));
      else if (code !== 0) reject(fail(done, `child process exited with code ${code}`));
      else if (garbage !== undefined) reject(fail(done, garbage));
      else if (done < run.jobs.length) reject(fail(done, 'child process exited without printing its result'));
      else resolve(results);
    });
  });
}

/** The key under which one (workload, key type, contender) measurement is stored. */
function cellId(workload: string, keyType: KeyType, contender: string): string {
  return `${workload}\u0000${keyType}\u0000${contender}`;
}

/**
 * Measures every selected contender on every selected workload and key type, one child process
 * at a time (in parallel they would compete for the same cores). Full mode: `sizes.passes`
 * passes over every job, each job in a fresh process, the order reversed on every other pass so
 * no contender always runs first; a job's rounds from all its passes are pooled (the `once`
 * baseline runs in the first pass only). Quick mode: all jobs in one process; its numbers are
 * meaningless anyway, and 78 process starts (about a second each for ts-node) would make the
 * smoke test slow.
 */
async function measureAll(
  chosen: Workload[],
  contenders: readonly Contender[],
  sizes: Sizes,
  quick: boolean,
): Promise<Map<string, Measurement>> {
  const jobs: ContenderJob[] = chosen.flatMap((w) =>
    KEY_TYPES.flatMap((keyType) => contenders.map((c) => ({ contender: c.name, workload: w.name, keyType }))),
  );
  const cells = new Map<string, Measurement>();
  const record = (job: ContenderJob, result: Measurement) => {
    const id = cellId(job.workload, job.keyType, job.contender);
    const earlier = cells.get(id);
    cells.set(id, earlier ? { mops: [...earlier.mops, ...result.mops], hitRatio: result.hitRatio } : result);
  };
  if (quick) {
    const results = await measureInChild({ sizes, jobs }, childTimeoutMs(quick));
    jobs.forEach((job, i) => record(job, results[i]));
    return cells;
  }
  for (let pass = 0; pass < sizes.passes; pass++) {
    const ordered = pass % 2 === 0 ? jobs : [...jobs].reverse();
    for (const job of ordered) {
      if (pass > 0 && CONTENDERS.find((c) => c.name === job.contender)?.once) continue;
      const [result] = await measureInChild({ sizes, jobs: [job] }, childTimeoutMs(quick));
      record(job, result);
    }
  }
  return cells;
}

/** The contenders `filter` selects (all if none), in table order; throws on an entry matching nothing. */
function selectContenders(filter: readonly string[] | undefined): readonly Contender[] {
  if (!filter || filter.length === 0) return CONTENDERS;
  const matches = (c: Contender, entry: string) =>
    c.name.startsWith(entry) || c.name.replace(/^cachecraft /, '').startsWith(entry);
  for (const entry of filter) {
    if (!CONTENDERS.some((c) => matches(c, entry))) {
      throw new Error(`BENCH_CONTENDERS: "${entry}" matches no contender (${CONTENDERS.map((c) => c.name).join(', ')})`);
    }
  }
  return CONTENDERS.filter((c) => filter.some((entry) => matches(c, entry)));
}

/** The workloads `filter` names (all if none), in table order; throws on an unknown name. */
function selectWorkloads(all: Workload[], filter: readonly string[] | undefined): Workload[] {
  if (!filter || filter.length === 0) return all;
  const wanted = filter.map((name) => name.toLowerCase());
  for (const name of wanted) {
    if (!all.some((w) => w.name.toLowerCase() === name)) {
      throw new Error(`BENCH_WORKLOADS: "${name}" is not a workload (${all.map((w) => w.name).join(', ')})`);
    }
  }
  return all.filter((w) => wanted.includes(w.name.toLowerCase()));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One workload's table; `results` are aligned with `contenders`. A filtered run may lack peers or the ceiling: "–". */
function table(
  workload: Workload,
  keyType: KeyType,
  contenders: readonly Contender[],
  results: Measurement[],
): { markdown: string; bests: number[] } {
  const bests = results.map((r) => Math.max(...r.mops));
  const fastestPeer = Math.max(0, ...contenders.map((c, i) => (c.peer ? bests[i] : 0)));
  const ceilingAt = at(contenders, 'unbounded Map');
  const rows = contenders.map((c, i) => {
    const r = results[i];
    const vsPeer = fastestPeer > 0 ? `${(bests[i] / fastestPeer).toFixed(2)}×` : '–';
    const ofCeiling = ceilingAt >= 0 ? `${Math.round((100 * bests[i]) / bests[ceilingAt])} %` : '–';
    return (
      `| ${c.name} | ${bests[i].toFixed(2)} | ${median(r.mops).toFixed(2)} | ${Math.min(...r.mops).toFixed(2)} | ` +
      `${r.hitRatio.toFixed(4)} | ${vsPeer} | ${ofCeiling} |`
    );
  });
  const markdown = [
    `#### ${workload.name} (${keyType} keys): ${workload.description}`,
    '',
    '| Contender | Mops/s (best) | median | slowest | Hit ratio | vs fastest peer | of Map ceiling |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { markdown, bests };
}

/** The index in `contenders` of the one whose name starts with `name`, or -1. */
function at(contenders: readonly Contender[], name: string): number {
  return contenders.findIndex((c) => c.name.startsWith(name));
}

/**
 * Checks the issue's targets on the Zipf workload (one key type) and renders them as a list.
 * In a filtered run, a check whose contenders were not measured is left out.
 */
function targets(keyType: KeyType, contenders: readonly Contender[], results: Measurement[], bests: number[]): string {
  const lru = at(contenders, 'cachecraft LRUCache');
  if (lru < 0) return '';
  const npm = at(contenders, 'lru-cache');
  const peers = [npm, at(contenders, 'mnemonist')].filter((i) => i >= 0);
  const check = (ok: boolean) => (ok ? '✅' : '❌');
  const lines = [`Targets (Zipf, ${keyType} keys):`];
  if (peers.length > 0) {
    const lruVsPeer = bests[lru] / Math.max(...peers.map((i) => bests[i]));
    const lruTarget = keyType === 'string' ? 1.3 : 1.5;
    lines.push(`- ${check(lruVsPeer >= lruTarget)} LRUCache ≥ ${lruTarget}× the fastest peer: ${lruVsPeer.toFixed(2)}×`);
  }
  const versusLru: [string, number][] = [
    ['SieveCache', 1],
    ['S3FIFOCache', 1],
    ['WTinyLFUCache', 0.5],
    ['LFUCache', 0.5],
  ];
  for (const [name, target] of versusLru) {
    const i = at(contenders, `cachecraft ${name}`);
    if (i < 0) continue;
    const ratio = bests[i] / bests[lru];
    lines.push(`- ${check(ratio >= target)} ${name} ≥ ${target.toFixed(1)}× LRUCache: ${ratio.toFixed(2)}×`);
  }
  if (npm >= 0) {
    const sameHits = results[lru].hitRatio === results[npm].hitRatio;
    lines.push(
      `- ${check(sameHits)} LRUCache hit ratio equals lru-cache's: ${results[lru].hitRatio.toFixed(4)} vs ${results[npm].hitRatio.toFixed(4)}`,
    );
  }
  return lines.length > 1 ? lines.join('\n') : '';
}

/** Runs the core section; `quick` uses tiny sizes (for the smoke test); the filter restricts a focused run. */
export async function run(options: CoreBenchOptions): Promise<BenchSection> {
  const sizes = options.quick ? QUICK : FULL;
  const contenders = selectContenders(options.contenders);
  const chosen = selectWorkloads(workloads(sizes), options.workloads);
  const loadBefore = currentLoad();
  const cells = await measureAll(chosen, contenders, sizes, options.quick);
  const loadAfter = currentLoad();
  const parts: string[] = [];
  const targetNotes: string[] = [];
  for (const workload of chosen) {
    for (const keyType of KEY_TYPES) {
      const results = contenders.map((c) => cells.get(cellId(workload.name, keyType, c.name)) as Measurement);
      const { markdown, bests } = table(workload, keyType, contenders, results);
      parts.push(markdown);
      if (workload.name === 'Zipf') targetNotes.push(targets(keyType, contenders, results, bests));
    }
  }
  const isolation = options.quick
    ? 'Quick mode (tiny sizes, numbers meaningless) times all contenders in a single child process to keep the ' +
      'smoke test short; the full run gives each contender its own fresh Node process for each workload and key type, '
    : `Each contender is timed in fresh Node processes, ${sizes.passes} per workload and key type, interleaved with the ` +
      `other contenders' (every other pass in reverse order), `;
  const intro = [
    `Get-or-set loop (\`get\`; on a miss, \`set\`) over precomputed, seeded key streams of ` +
      `${fmtInt(sizes.ops)} operations, capacity ${fmtInt(sizes.capacity)}. ` +
      `${isolation}one process at a time: caches timed one after another in one process slow each other down ` +
      `(V8's type feedback for the code they share turns polymorphic, and one contender's garbage and heap ` +
      `growth are paid for by the next), so a number would depend on who ran before. ` +
      `The child rebuilds the seeded stream (the same keys for every contender), then runs ` +
      `${sizes.rounds} round${sizes.rounds === 1 ? '' : 's'}: each builds a fresh cache, warms it on the first ` +
      `quarter of the stream, then times the whole stream in CPU time of the child (user + system, so other ` +
      `processes on shared cores do not count). The fastest of all rounds of all processes is reported, and ` +
      `every ratio is taken between fastest rounds: interference (other processes on the shared cores and ` +
      `caches, a neighbour on the same host) only ever slows a round down, so the fastest round is the closest ` +
      `to what the code itself costs (the reasoning behind Python's \`timeit\` reporting the minimum); the ` +
      `median and the slowest round show how noisy the run was ` +
      `(the naive Map LRU, an order of magnitude slower and only there for scale, is timed once). ` +
      `Hit ratio is from the timed pass. "vs fastest peer" divides by the faster of lru-cache and mnemonist ` +
      `on the same workload; "of Map ceiling" by an unbounded \`Map\` doing the same get-or-set (it never evicts, ` +
      `so it hits more, but it ends up holding the whole key space): the limit of a cache whose index is a \`Map\`. ` +
      `The library's caches index integer keys, and strings of up to 12 UTF-16 units, in hash tables of typed ` +
      `arrays (\`lib/policies/key-index.ts\`, \`short-string-table.ts\`), so they can pass it; longer strings ` +
      `go to a \`Map\` like everyone else's (the benchmark's \`"key:<n>"\` keys are at most 9 units long). ` +
      `Every workload runs with integer keys and with string keys \`"key:<n>"\` (built before timing).`,
    '',
    `Load average (1 min): ${loadBefore} before, ${loadAfter} after — on a shared machine compare ratios within one run.`,
  ];
  if (options.contenders?.length || options.workloads?.length) {
    intro.push(
      '',
      `Focused run: ${contenders.map((c) => c.name).join(', ')} on ${chosen.map((w) => w.name).join(', ')}.`,
    );
  }
  const notes = targetNotes.filter((note) => note !== '');
  return { title: 'Core in-memory caches', markdown: [intro.join('\n'), ...notes, ...parts].join('\n\n') };
}

/** A comma-separated environment variable as a list (undefined when unset or empty). */
function listFromEnv(name: string): string[] | undefined {
  const list = (process.env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return list.length > 0 ? list : undefined;
}

// Run directly (not through bench/run.ts): a focused run, printed only.
if (require.main === module) {
  const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  run({ quick, contenders: listFromEnv('BENCH_CONTENDERS'), workloads: listFromEnv('BENCH_WORKLOADS') })
    .then((section) => console.log(`## ${section.title}\n\n${section.markdown}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
