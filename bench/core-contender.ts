/**
 * Child-process entry of the core section: times one contender, alone in a fresh Node process
 * (the full bench starts one per workload, key type and contender).
 *
 * Why a process of its own: caches timed one after another in one process change each other's
 * speed. V8's inline caches and type feedback in code they share (helper modules, `Map` call
 * sites) turn polymorphic once several caches have run through them, and the garbage and heap
 * growth one contender leaves behind are collected on the next one's time. A fresh process per
 * contender (what JMH does with forks) gives every contender the same clean start.
 *
 * Protocol: `core.bench.ts` runs
 * `node -r ts-node/register/transpile-only bench/core-contender.ts '<ContenderRun as JSON>'`;
 * the child rebuilds each job's seeded stream itself (same seed, same keys as every other
 * contender), times it, and prints one line per job, `RESULT_PREFIX` + `ResultLine` as JSON, and
 * nothing else on stdout. Errors go to stderr with a non-zero exit code.
 */
import {
  CONTENDERS,
  KEY_TYPES,
  compileLoop,
  keysOf,
  workloads,
  type CacheFactory,
  type Key,
  type KeyType,
  type Sizes,
} from './core-contenders';

/** What one child process is asked to time. */
export interface ContenderRun {
  sizes: Sizes;
  /**
   * Timed in this order, in this one process. The full bench sends exactly one job per process;
   * quick mode (the smoke test) sends them all to one process, where isolation buys nothing.
   */
  jobs: ContenderJob[];
}

/** One table row: a contender on a workload with one key type. */
export interface ContenderJob {
  /** The contender's full name, as in `CONTENDERS`. */
  contender: string;
  /** The workload's name, as in `workloads()`. */
  workload: string;
  keyType: KeyType;
}

/** One contender's timings on one job. */
export interface Measurement {
  /** Million operations per CPU second, one entry per round. */
  mops: number[];
  /** Hits / operations in the (last) timed pass. */
  hitRatio: number;
}

/** One stdout line of the child, after `RESULT_PREFIX`. */
export interface ResultLine extends ContenderJob, Measurement {}

/** Starts every result line, so stray output can never be mistaken for a result. */
export const RESULT_PREFIX = '@cachecraft-core-result ';

/**
 * Times `rounds` rounds: each builds a fresh cache, warms it (and the JIT) on the first quarter of
 * the stream, then times the whole stream in CPU time of this process (user + system). CPU time,
 * not wall time: on shared cores, time spent running other processes must not count.
 */
function measure(create: CacheFactory, capacity: number, stream: ArrayLike<Key>, rounds: number): Measurement {
  const loop = compileLoop();
  const warmup = Math.floor(stream.length / 4);
  const mops: number[] = [];
  let hitRatio = 0;
  for (let round = 0; round < rounds; round++) {
    const cache = create(capacity);
    loop(cache, stream, 0, warmup);
    const start = process.cpuUsage();
    const hits = loop(cache, stream, 0, stream.length);
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    mops.push(stream.length / seconds / 1e6);
    hitRatio = hits / stream.length;
  }
  return { mops, hitRatio };
}

/** The number of rounds a contender runs: the `once` baseline is timed in one round only. */
export function roundsFor(contenderName: string, sizes: Sizes): number {
  return CONTENDERS.find((c) => c.name === contenderName)?.once ? 1 : sizes.rounds;
}

/**
 * Parses and checks one stdout line of a child; throws a message saying what is wrong with it.
 * Strict on purpose: a result that is not exactly what `measure` produces means the child (or
 * something it loaded) misbehaved, and its numbers should not reach a table.
 */
export function parseResultLine(line: string, expectedRounds: number): ResultLine {
  if (!line.startsWith(RESULT_PREFIX)) throw new Error(`printed unexpected output: ${excerpt(line)}`);
  let value: unknown;
  try {
    value = JSON.parse(line.slice(RESULT_PREFIX.length));
  } catch {
    throw new Error(`printed a result that is not JSON: ${excerpt(line)}`);
  }
  const r = value as Partial<ResultLine> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    typeof r.contender === 'string' &&
    typeof r.workload === 'string' &&
    KEY_TYPES.includes(r.keyType as KeyType) &&
    Array.isArray(r.mops) &&
    r.mops.length === expectedRounds &&
    r.mops.every((m) => typeof m === 'number' && Number.isFinite(m) && m > 0) &&
    typeof r.hitRatio === 'number' &&
    r.hitRatio >= 0 &&
    r.hitRatio <= 1;
  if (!ok) throw new Error(`printed an invalid result (expected ${expectedRounds} finite Mops/s and a hit ratio): ${excerpt(line)}`);
  return r as ResultLine;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** Reads the `ContenderRun` from argv, times each job and prints its result line as soon as it is done. */
async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('usage: core-contender.ts <ContenderRun as JSON>');
  const spec = JSON.parse(arg) as ContenderRun;
  const all = workloads(spec.sizes);
  const factories = new Map<string, CacheFactory>();
  for (const job of spec.jobs) {
    const contender = CONTENDERS.find((c) => c.name === job.contender);
    if (!contender) throw new Error(`unknown contender ${JSON.stringify(job.contender)}`);
    const workload = all.find((w) => w.name === job.workload);
    if (!workload) throw new Error(`unknown workload ${JSON.stringify(job.workload)}`);
    if (!KEY_TYPES.includes(job.keyType)) throw new Error(`unknown key type ${JSON.stringify(job.keyType)}`);
    const create = factories.get(contender.name) ?? (await contender.load());
    factories.set(contender.name, create);
    const stream = keysOf(workload.stream(), job.keyType);
    const result = measure(create, workload.capacity, stream, roundsFor(contender.name, spec.sizes));
    const line: ResultLine = { contender: contender.name, workload: workload.name, keyType: job.keyType, ...result };
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(line)}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
