/**
 * The O(1) check when the cache lives in the sandbox. The judge cannot time single calls there
 * (each would be dominated by the trip between processes), so it times batches: one request
 * carries thousands of operations, drawn from a seed picked at grading time (nothing can be
 * precomputed), and the sandbox runs them in a tight loop and returns a checksum of every read's
 * answer. The judge replays the batch on the reference solution and compares checksums: skipping
 * the work gives wrong answers, not faster ones. Only the judge's clock is used.
 */
import { randomBytes } from 'crypto';
import { basename, join, resolve } from 'path';
import { CHECKSUM_SEED, mixChecksum } from '../../../scripts/grader/sandbox/codec';
import { remoteHandle } from '../../../scripts/grader/sandbox/proxies';
import { fail } from './say';

/** A bounded cache as the workload uses it. */
export interface BoundedCache {
  get(key: number): unknown;
  set(key: number, value: number): void;
}

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const MIN_SAMPLE_NS = 15_000_000;
const MIN_PAIRS = 1024;
const MAX_PAIRS = 200_000;

/** A fast seeded generator (xorshift32) for the keys a batch reads. */
function generator(seed: number): () => number {
  let state = seed | 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** A full sandbox cache of `size` entries, its twin made from the reference solution, and the batches run so far. */
export class TimedCache {
  private readonly remote: BoundedCache;
  private readonly reference: BoundedCache;
  private readonly label: string;
  private next: number;
  private value = 0;
  private readonly random = generator(randomBytes(4).readInt32LE(0));
  private pairs: number;

  /** `maxPairs` caps a batch's rounds, so a very slow cache is still measured within the check's time. */
  constructor(
    create: (capacity: number) => BoundedCache,
    private readonly size: number,
    private readonly maxPairs = MAX_PAIRS,
  ) {
    this.remote = create(size);
    const handle = remoteHandle(this.remote as unknown as object);
    if (handle?.origin === undefined) throw new Error('timing batches need a cache made by new of an export');
    this.label = handle.label;
    const solution = require(join(REPO_ROOT, 'solutions', basename(handle.origin.file).replace(/\.js$/, ''))) as Record<string, new (...args: unknown[]) => BoundedCache>;
    this.reference = new solution[handle.origin.name](...handle.origin.args);
    handle.sandbox.call({ op: 'fill', obj: handle.id, count: size }, `${this.label}.set() filling ${size} entries`);
    for (let key = 0; key < size; key++) this.reference.set(key, key);
    this.next = size;
    // Every timed batch inserts at least `size` new keys, so periodic costs (a hash table's
    // rehash or compaction) fall inside each measurement instead of between them.
    this.pairs = Math.min(maxPairs, Math.max(MIN_PAIRS, size));
  }

  /**
   * Runs `size` untimed rounds first, so the cache is timed in its steady state: a structure whose
   * cost creeps up as it churns (a Map used as the recency order fills with tombstones) shows it.
   */
  warmUp(what: string): void {
    this.run(Math.min(this.maxPairs, this.size), what);
  }

  /** Nanoseconds per operation of one batch, long enough for the clock to be precise (it grows until it is). */
  measure(what: string): number {
    for (;;) {
      const elapsed = this.run(this.pairs, what);
      if (elapsed >= MIN_SAMPLE_NS || this.pairs >= this.maxPairs) return elapsed / (2 * this.pairs);
      this.pairs = Math.min(this.maxPairs, this.pairs * Math.max(2, Math.ceil(MIN_SAMPLE_NS / Math.max(elapsed, 1))));
    }
  }

  /** Nanoseconds per operation of one short batch (1024 rounds): a first, rough look. */
  probe(what: string): number {
    return this.run(MIN_PAIRS, what) / (2 * MIN_PAIRS);
  }

  /** One checked batch of `pairs` insert-then-read rounds; returns its wall time in ns. */
  private run(pairs: number, what: string): number {
    const getKeys = new Int32Array(pairs);
    for (let j = 0; j < getKeys.length; j++) getKeys[j] = this.next + j - (this.random() % this.size);
    const handle = remoteHandle(this.remote as unknown as object)!;
    const start = process.hrtime.bigint();
    const checksum = handle.sandbox.call(
      { op: 'batch', obj: handle.id, firstKey: this.next, firstValue: this.value, getKeys },
      `${this.label}.get/set (a timing batch of ${2 * pairs} operations)`,
    );
    const elapsed = Number(process.hrtime.bigint() - start);
    if (checksum !== this.replay(getKeys)) {
      fail(
        `${what}: while timing ${2 * pairs} random operations on a full cache of ${this.size} entries, what get returned ` +
          `differs from what a correct ${this.label} returns. Skipping work gives wrong answers, not faster ones; ` +
          'the other checks show where the behaviour differs.',
      );
    }
    return elapsed;
  }

  /** Runs the batch on the reference, advancing the shared state; returns its checksum. */
  private replay(getKeys: Int32Array): number {
    let hash = CHECKSUM_SEED;
    for (let j = 0; j < getKeys.length; j++) {
      this.reference.set(this.next++, this.value);
      this.value += 2;
      hash = mixChecksum(hash, this.reference.get(getKeys[j]));
    }
    return hash;
  }

  /** Frees the sandbox's copy. */
  release(): void {
    const handle = remoteHandle(this.remote as unknown as object);
    if (handle?.sandbox.isAlive) handle.sandbox.call({ op: 'release', obj: handle.id }, 'release');
  }
}

/** Nanoseconds per operation of the reference solution itself at `size`, best of `runs`: the yardstick for absolute cost. */
export function referenceCost(create: (capacity: number) => BoundedCache, size: number, runs: number): number {
  const probe = create(1);
  const handle = remoteHandle(probe as unknown as object)!;
  handle.sandbox.call({ op: 'release', obj: handle.id }, 'release');
  const solution = require(join(REPO_ROOT, 'solutions', basename(handle.origin!.file).replace(/\.js$/, ''))) as Record<string, new (...args: unknown[]) => BoundedCache>;
  const Reference = solution[handle.origin!.name];
  const args = [...handle.origin!.args];
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    args[0] = size;
    const cache = new Reference(...args);
    for (let key = 0; key < size; key++) cache.set(key, key);
    const random = generator(randomBytes(4).readInt32LE(0));
    let next = size;
    let ops = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < MIN_SAMPLE_NS) {
      for (let j = 0; j < 1000; j++) {
        cache.set(next++, j);
        cache.get(next - 1 - (random() % size));
      }
      ops += 2000;
      elapsed = Number(process.hrtime.bigint() - start);
    }
    best = Math.min(best, elapsed / ops);
  }
  return best;
}
