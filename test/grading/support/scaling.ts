/**
 * A noise-tolerant test that an operation is O(1): it compares the average cost of one
 * operation on a small cache with that on a large one. An O(1) operation costs about the same
 * at both sizes; an O(n) one (an array scan, a loop to find the victim) costs ~`large / small`
 * times more. The limit sits far between the two, each size is measured several times keeping
 * the fastest run (noise only ever adds time), and a failure is re-measured before it counts.
 *
 * When the cache lives in the grader's sandbox, the same measurements are made on checked
 * batches of operations (timing-batch.ts), and the cost at the large size must also stay within
 * a generous factor of the reference solution's, so slowing the small cache down on purpose
 * cannot fake a flat ratio.
 */
import { isRemote } from '../../../scripts/grader/sandbox/proxies';
import { fail } from './say';
import { BoundedCache, TimedCache, referenceCost } from './timing-batch';

/** Builds a full cache of `size` entries and returns one operation on it, run with i = 0, 1, 2… */
export type Workload = (size: number) => (i: number) => void;

/** Sizes and limits of a scaling check. */
export interface ScalingOptions {
  small?: number;
  large?: number;
  /** The largest acceptable ratio of per-operation cost, large / small. */
  maxRatio?: number;
}

const MIN_SAMPLE_NS = 15_000_000;
const MAX_OPS = 400_000;
const BATCH = 250;

/** Average nanoseconds per operation, over a sample long enough for the timer to be precise. */
function costPerOperation(workload: Workload, size: number): number {
  const operation = workload(size);
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SAMPLE_NS && ops < MAX_OPS) {
    for (let j = 0; j < BATCH; j++) operation(ops++);
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return elapsed / ops;
}

function fastest(workload: Workload, size: number, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) best = Math.min(best, costPerOperation(workload, size));
  return best;
}

/** The longest a single timing batch should take, in ns. */
const BATCH_BUDGET_NS = 500_000_000;

/** How much slower than the reference solution a cache may be at the large size, in the sandbox. */
const MAX_SLOWDOWN = 30;

/** The `create` behind a {@link boundedCacheWorkload}, for timing in the sandbox. */
const BOUNDED = Symbol('bounded cache workload');

/**
 * Best-of-`runs` costs at both sizes, measured alternately on two live caches, so a burst of
 * load on the machine slows both sizes rather than one of them.
 */
function fastestRemote(create: (capacity: number) => BoundedCache, small: number, large: number, runs: number, what: string, maxPairs: number): [number, number] {
  const caches = [new TimedCache(create, small, maxPairs), new TimedCache(create, large, maxPairs)];
  try {
    for (const cache of caches) cache.warmUp(what);
    const best = [Infinity, Infinity];
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < 2; i++) best[i] = Math.min(best[i], caches[i].measure(what));
    }
    return [best[0], best[1]];
  } finally {
    for (const cache of caches) cache.release();
  }
}

/** Fails, with the measured costs, unless `workload` costs about the same at both sizes. */
export function expectConstantTime(what: string, workload: Workload, options: ScalingOptions = {}): void {
  const small = options.small ?? 500;
  const large = options.large ?? 16_000;
  const maxRatio = options.maxRatio ?? 6;
  const create = (workload as { [BOUNDED]?: (capacity: number) => BoundedCache })[BOUNDED];
  if (create !== undefined && isRemote(create(1))) {
    expectConstantTimeRemote(what, create, small, large, maxRatio);
    return;
  }
  fastest(workload, small, 1); // warm up the JIT before measuring anything
  let smallNs = 0;
  let largeNs = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    smallNs = fastest(workload, small, 3);
    largeNs = fastest(workload, large, 3);
    if (largeNs / smallNs <= maxRatio) return;
  }
  failRatio(what, smallNs, largeNs, small, large, maxRatio);
}

function expectConstantTimeRemote(what: string, create: (capacity: number) => BoundedCache, small: number, large: number, maxRatio: number): void {
  // A rough first look (best of three short batches per size): an implementation that is plainly
  // O(n) fails now, before long steady-state batches would take it past the check's time limit.
  const [probeSmall, probeLarge] = [small, large].map((size) => {
    const cache = new TimedCache(create, size);
    try {
      return Math.min(cache.probe(what), cache.probe(what), cache.probe(what));
    } finally {
      cache.release();
    }
  });
  if (probeLarge / probeSmall > 2 * maxRatio) failRatio(what, probeSmall, probeLarge, small, large, maxRatio);
  // Batches of at most ~0.5 s each, whatever the cache's speed.
  const maxPairs = Math.max(1024, Math.floor(BATCH_BUDGET_NS / (2 * probeLarge)));
  let smallNs = 0;
  let largeNs = 0;
  let referenceNs = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    [smallNs, largeNs] = fastestRemote(create, small, large, 5, what, maxPairs);
    // Re-measure only what noise could explain: far beyond the limit is not noise.
    if (largeNs / smallNs > 2 * maxRatio) break;
    if (largeNs / smallNs > maxRatio) continue;
    referenceNs = referenceCost(create, large, 3);
    if (largeNs <= MAX_SLOWDOWN * referenceNs) return;
  }
  if (largeNs / smallNs > maxRatio) failRatio(what, smallNs, largeNs, small, large, maxRatio);
  fail(
    `${what}: one operation took ${format(largeNs)} on average with ${large} entries, ${(largeNs / referenceNs).toFixed(0)}× as long as a ` +
      `straightforward O(1) implementation (${format(referenceNs)}); an O(1) cache stays within ${MAX_SLOWDOWN}×. ` +
      'Does something walk through the entries, or wait on purpose?',
  );
}

function failRatio(what: string, smallNs: number, largeNs: number, small: number, large: number, maxRatio: number): never {
  const ratio = largeNs / smallNs;
  fail(
    `${what}: one operation took ${format(largeNs)} on average with ${large} entries but ${format(smallNs)} ` +
      `with ${small} entries (${ratio.toFixed(1)}× slower; an O(1) operation stays within ${maxRatio}×). ` +
      'Does something walk through the entries, like an array indexOf/splice or a loop looking for the victim? ' +
      '(A Map or Set used as the recency order slows down too: V8 keeps deleted entries as tombstones ' +
      'that keys().next() walks over, so prefer a doubly linked list.)',
  );
}

function format(ns: number): string {
  return ns >= 1000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}

/** A fixed table of pseudo-random integers, so every run performs the same operations. */
export const RANDOM_INTS: readonly number[] = (() => {
  const values: number[] = [];
  let state = 0x2545f491;
  for (let i = 0; i < 4096; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    values.push(state >>> 8);
  }
  return values;
})();

/**
 * The standard workload for a bounded cache: fill it, then alternate inserting a new key (which
 * evicts) with reading one of the recently inserted keys (usually a hit).
 */
export function boundedCacheWorkload(create: (capacity: number) => BoundedCache): Workload {
  const workload: Workload = (size) => {
    const cache = create(size);
    for (let key = 0; key < size; key++) cache.set(key, key);
    let next = size;
    return (i) => {
      if (i % 2 === 0) {
        cache.set(next, i);
        next++;
      } else {
        cache.get(next - 1 - (RANDOM_INTS[i & 4095] % size));
      }
    };
  };
  return Object.assign(workload, { [BOUNDED]: create });
}
