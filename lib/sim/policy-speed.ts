import { execFileSync } from 'child_process';
import { nodeFlagsFor, siblingProgram } from '../core/child-program';
import { seededRandom } from '../core/random';
import { assertInRange, assertNonNegativeInteger, assertPositiveInteger } from '../core/validate';
import { POLICY_CACHES } from './policies';
import { zipfWorkload } from './workloads';
import { freshGetOrSetLoop, freshGetsOnlyLoop, type TimedCache, type TimingLoop } from './timing-loops';

/** The stream and cache a speed measurement uses: Zipf keys, one cache size. */
export interface PolicySpeedOptions {
  /** Distinct keys the stream draws from. */
  keySpace: number;
  /** Requests in the stream. */
  length: number;
  /** Zipf exponent (0 is uniform). */
  exponent: number;
  /** Seed of the stream: the same seed gives every policy the same requests. */
  seed: number;
  /** Entries the cache holds. */
  capacity: number;
  /** Timed passes per mode; the best is kept (default 3). */
  rounds?: number;
}

/** One policy's speed on one stream. */
export interface PolicySpeed {
  /** Gets per second over a cache already warmed by the stream: hits and plain misses, nothing inserted. */
  hitsPerSecond: number;
  /** Operations per second of get, then set on a miss, from an empty cache. */
  getOrSetPerSecond: number;
  /** Share of the get-or-set requests that missed. */
  missRatio: number;
}

interface SpeedCache extends TimedCache<number> {
  stats(): { hitRate: number };
}

/** Checks `policy` and `options`; returns the rounds to run. */
function checkSpeedArguments(policy: string, options: PolicySpeedOptions): number {
  if (typeof policy !== 'string' || !Object.prototype.hasOwnProperty.call(POLICY_CACHES, policy)) {
    throw new RangeError(`policy must be one of ${Object.keys(POLICY_CACHES).join(', ')}, got ${String(policy)}`);
  }
  assertPositiveInteger('keySpace', options.keySpace);
  assertPositiveInteger('length', options.length);
  assertInRange('exponent', options.exponent, 0, 10);
  assertNonNegativeInteger('seed', options.seed);
  assertPositiveInteger('capacity', options.capacity);
  const rounds = options.rounds ?? 3;
  assertPositiveInteger('rounds', rounds);
  return rounds;
}

/**
 * Times `policy` (a name of `POLICY_CACHES`) in this process: the best of `rounds` passes of
 * get-or-set from an empty cache, and of gets only over a warmed cache. In a process that has
 * run other code (a notebook), the numbers also reflect what that left behind — prefer
 * {@link measurePolicySpeedIsolated}.
 * @throws RangeError / TypeError naming the bad argument.
 */
export function measurePolicySpeed(policy: string, options: PolicySpeedOptions): PolicySpeed {
  const rounds = checkSpeedArguments(policy, options);
  const Cache = POLICY_CACHES[policy];
  const keys = zipfWorkload({ keySpace: options.keySpace, length: options.length, exponent: options.exponent, random: seededRandom(options.seed) });
  const fresh = (): SpeedCache => new Cache<number, number>({ capacity: options.capacity });
  const best = (loop: TimingLoop<number>, cacheFor: () => SpeedCache, after?: (cache: SpeedCache) => void): number => {
    let rate = 0;
    for (let round = 0; round < rounds; round += 1) {
      const cache = cacheFor();
      const start = process.hrtime.bigint();
      loop(cache, keys, 0, keys.length);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      rate = Math.max(rate, keys.length / seconds);
      after?.(cache);
    }
    return rate;
  };
  let missRatio = 0;
  const getOrSetPerSecond = best(freshGetOrSetLoop(), fresh, (cache) => {
    missRatio = 1 - cache.stats().hitRate;
  });
  const warm = fresh();
  freshGetOrSetLoop<number>()(warm, keys, 0, keys.length);
  // A get-only pass changes no membership, so every round times the same warm cache.
  const hitsPerSecond = best(freshGetsOnlyLoop(), () => warm);
  return { hitsPerSecond, getOrSetPerSecond, missRatio };
}

/**
 * {@link measurePolicySpeed} in a fresh Node process of its own, so that no other policy's code,
 * garbage or type feedback weighs on the numbers: how `npm run bench` measures, and what a
 * fair comparison of policies needs. Synchronous; takes about a second per million requests.
 * @throws RangeError / TypeError naming the bad argument; Error if the child process fails.
 */
export function measurePolicySpeedIsolated(policy: string, options: PolicySpeedOptions): PolicySpeed {
  checkSpeedArguments(policy, options);
  const program = siblingProgram(__filename, 'policy-speed-process');
  let output: string;
  try {
    output = execFileSync(process.execPath, [...nodeFlagsFor(program), program, JSON.stringify({ policy, options })], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`measuring ${policy} in its own process failed: ${stderr || (error as Error).message}`);
  }
  return JSON.parse(output) as PolicySpeed;
}
