import { assertOptionsObject } from '../core/options';
import { Random } from '../core/random';
import { assertFunction, assertInRange, assertPositiveInteger } from '../core/validate';
import { ZipfSampler } from './zipf-sampler';

/**
 * Key-stream generators for the hit-rate chapters. Each returns `length` integer keys in
 * `[0, keySpace)`, and each takes a seeded `random`, so a notebook shows the same numbers on
 * every run and a test can pin them down.
 */

/** Options shared by every generator. */
export interface WorkloadOptions {
  /** Number of distinct keys that may be requested (integer ≥ 1). */
  keySpace: number;
  /** Number of requests to generate (integer ≥ 1). */
  length: number;
}

/** Options of generators that draw random numbers. */
export interface RandomWorkloadOptions extends WorkloadOptions {
  /** A seeded source of uniform numbers in [0, 1), e.g. `seededRandom(42)`. */
  random: Random;
}

function checkBase(options: WorkloadOptions): void {
  assertOptionsObject('options', options);
  assertPositiveInteger('keySpace', options.keySpace);
  assertPositiveInteger('length', options.length);
}

function checkRandom(options: RandomWorkloadOptions): void {
  checkBase(options);
  assertFunction('random', options.random);
}

/** Every key equally likely: the worst case for any cache smaller than the key space. */
export function uniformWorkload(options: RandomWorkloadOptions): number[] {
  checkRandom(options);
  const keys = new Array<number>(options.length);
  for (let i = 0; i < options.length; i += 1) keys[i] = Math.floor(options.random() * options.keySpace);
  return keys;
}

/**
 * A loop: 0, 1, …, keySpace-1, 0, 1, … — a table scan repeated. LRU gets no hits at all while
 * the loop is longer than the cache, however close the two sizes are.
 */
export function loopingWorkload(options: WorkloadOptions): number[] {
  checkBase(options);
  return Array.from({ length: options.length }, (_, i) => i % options.keySpace);
}

/** Options of {@link zipfWorkload}. */
export interface ZipfWorkloadOptions extends RandomWorkloadOptions {
  /** The skew s: P(rank r) ∝ 1/(r+1)^s (default 1). */
  exponent?: number;
}

/** A few keys get most requests (product pages, hashtags, files): a Zipf(s) popularity law. */
export function zipfWorkload(options: ZipfWorkloadOptions): number[] {
  checkRandom(options);
  const sampler = new ZipfSampler(options.keySpace, options.exponent ?? 1, options.random);
  return Array.from({ length: options.length }, () => sampler.next());
}

/** Options of {@link shiftingHotSetWorkload}. */
export interface ShiftingHotSetOptions extends RandomWorkloadOptions {
  /** Keys in the hot set (integer ≥ 1, at most `keySpace`). */
  hotSetSize: number;
  /** Share of requests that go to the hot set, in [0, 1] (default 0.9). */
  hotFraction?: number;
  /** Requests per phase; each new phase moves the hot set to different keys. */
  phaseLength: number;
}

/**
 * A hot set that moves: yesterday's trending products are not today's. Within a phase,
 * `hotFraction` of requests pick uniformly from the hot set and the rest from all keys; each
 * phase the hot set slides to the next block of keys. Frequency counts from an old phase
 * mislead LFU here.
 */
export function shiftingHotSetWorkload(options: ShiftingHotSetOptions): number[] {
  checkRandom(options);
  assertPositiveInteger('hotSetSize', options.hotSetSize);
  assertInRange('hotSetSize', options.hotSetSize, 1, options.keySpace);
  assertPositiveInteger('phaseLength', options.phaseLength);
  const hotFraction = options.hotFraction ?? 0.9;
  assertInRange('hotFraction', hotFraction, 0, 1);
  const { keySpace, hotSetSize, phaseLength, random } = options;
  return Array.from({ length: options.length }, (_, i) => {
    const phase = Math.floor(i / phaseLength);
    if (random() < hotFraction) {
      return (phase * hotSetSize + Math.floor(random() * hotSetSize)) % keySpace;
    }
    return Math.floor(random() * keySpace);
  });
}

/** Options of {@link temporalLocalityWorkload}. */
export interface TemporalLocalityOptions extends RandomWorkloadOptions {
  /** Chance that a request repeats one of the last `window` requests, in [0, 1] (default 0.8). */
  reuseProbability?: number;
  /** How far back a repeat may reach, in requests (default 50). */
  window?: number;
}

/**
 * Recently used keys come back soon (a user browsing, a session being read): with probability
 * `reuseProbability` a request repeats one of the last `window` requests, otherwise it picks
 * any key. No key is popular in the long run, which is where LRU shines and LFU does not.
 */
export function temporalLocalityWorkload(options: TemporalLocalityOptions): number[] {
  checkRandom(options);
  const reuseProbability = options.reuseProbability ?? 0.8;
  assertInRange('reuseProbability', reuseProbability, 0, 1);
  const window = options.window ?? 50;
  assertPositiveInteger('window', window);
  const { keySpace, random } = options;
  const keys = new Array<number>(options.length);
  for (let i = 0; i < options.length; i += 1) {
    const reach = Math.min(i, window);
    keys[i] = reach > 0 && random() < reuseProbability ? keys[i - 1 - Math.floor(random() * reach)] : Math.floor(random() * keySpace);
  }
  return keys;
}
