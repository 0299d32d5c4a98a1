import { assertPositiveInteger } from '../core/validate';
import { CountMinSketch } from './count-min-sketch';
import { Doorkeeper } from './doorkeeper';
import { hashKeyMixed, mix32 } from './key-hash';

/**
 * What recording a key told a caller in the current epoch, for {@link TinyLfu.admitHashKnowing}:
 * nothing known (not recorded in this epoch, or not remembered)…
 */
export const RECORDED_UNKNOWN = 0;
/** … recorded (`recordHash`, `recordHashAgain` or `recordCapped`) in this epoch… */
export const RECORDED_SEEN = 1;
/** … or reported capped by `recordHash`/`recordHashAgain` in this epoch. */
export const RECORDED_CAPPED = 2;

/** Options of {@link TinyLfu}. */
export interface TinyLfuOptions {
  /** Distinct keys the sketch should tell apart (it gets 4 counters per row for each). */
  readonly expectedKeys: number;
  /** Accesses per sample period: after this many `record`s every count is halved. */
  readonly samplePeriod: number;
  /** Put a {@link Doorkeeper} in front of the sketch (default true). */
  readonly doorkeeper?: boolean;
  /** Hash seed: changes which keys collide, nothing else (default 0). */
  readonly seed?: number;
}

/**
 * TinyLFU's frequency filter (Einziger, Friedman & Manes, 2017): approximate access counts of
 * the recent past in a few bytes per key, for deciding whether a new entry deserves the place of
 * an old one. A {@link CountMinSketch} of 4-bit counters, optionally behind a {@link Doorkeeper},
 * aged by halving every count (and clearing the doorkeeper) once per sample period — so a key
 * that was popular long ago loses to one that is popular now.
 */
export class TinyLfu {
  /** Distinct keys the sketch was sized for. */
  readonly expectedKeys: number;
  private readonly sketch: CountMinSketch;
  private readonly gate: Doorkeeper | undefined;
  private readonly samplePeriod: number;
  /** `mix32(seed)`, kept so that hashing a key finalises once, not twice. */
  private readonly mixedSeed: number;
  private samples = 0;
  private epochs = 0;

  /** @throws RangeError if `expectedKeys` or `samplePeriod` is not a positive integer. */
  constructor(options: TinyLfuOptions) {
    assertPositiveInteger('expectedKeys', options.expectedKeys);
    assertPositiveInteger('samplePeriod', options.samplePeriod);
    this.expectedKeys = options.expectedKeys;
    // Four counters per quarter per key, sixteen in all (8 bytes per key, as Caffeine): then a
    // key's four counters are all shared with other keys for ~0.3 % of keys, against ~16 % with
    // one per quarter.
    this.sketch = new CountMinSketch(Math.min(4 * options.expectedKeys, 1 << 28));
    // A period of n accesses holds at most n distinct keys; real traces repeat, so size for half.
    this.gate = options.doorkeeper === false ? undefined : new Doorkeeper(Math.max(1, Math.ceil(options.samplePeriod / 2)));
    this.samplePeriod = options.samplePeriod;
    this.mixedSeed = mix32(options.seed ?? 0);
  }

  /** The hash this filter uses for `key` (seeded): callers that keep it avoid rehashing. */
  hashOf(key: unknown): number {
    return hashKeyMixed(key, this.mixedSeed);
  }

  /** Counts one access to `key`; ends the sample period (halving) every `samplePeriod` calls. */
  record(key: unknown): void {
    this.recordHash(hashKeyMixed(key, this.mixedSeed));
  }

  /**
   * Sample periods ended (or `clear`s) so far. Within one epoch counts only grow and doorkeeper
   * bits stay set, so what {@link recordHash} reports about a key holds until this changes.
   */
  get epoch(): number {
    return this.epochs;
  }

  /**
   * {@link record} for a key whose {@link hashOf} is `hash`. Returns whether the key is now
   * *capped* for the rest of the current epoch: its doorkeeper bits set and its four counters at
   * 15, so recording it again until {@link epoch} changes would only count the sample — which
   * {@link recordCapped} does without reading the sketch. (False when this call ended the epoch.)
   */
  recordHash(hash: number): boolean {
    // The doorkeeper absorbs a key's first access in the period; later ones reach the sketch.
    return this.countSample((this.gate === undefined || !this.gate.put(hash)) && !this.sketch.increment(hash));
  }

  /**
   * {@link recordHash} for a key that `recordHash` was already called for in the current
   * {@link epoch}: the same effect and result, without touching the doorkeeper. Its bits were set
   * then and stay set until the epoch ends, so `put` would change nothing and report the key
   * known; skipping it spares a cache line on most hits.
   */
  recordHashAgain(hash: number): boolean {
    return this.countSample(!this.sketch.increment(hash));
  }

  /**
   * {@link recordHash} for a key it reported capped in the current {@link epoch}: the same
   * effect (the sample is counted, nothing else would change) without touching the sketch or the
   * doorkeeper — a cache's hottest keys are capped most of the time.
   */
  recordCapped(): void {
    this.countSample(true);
  }

  /** Counts one sample, ending the epoch when the period is full; returns `capped`, or false if the epoch ended. */
  private countSample(capped: boolean): boolean {
    this.samples += 1;
    if (this.samples < this.samplePeriod) return capped;
    this.age();
    return false;
  }

  /** Estimated accesses to `key` in the recent past (0 to 16). */
  frequency(key: unknown): number {
    return this.frequencyOfHash(hashKeyMixed(key, this.mixedSeed));
  }

  /** {@link frequency} for a key whose {@link hashOf} is `hash`. */
  frequencyOfHash(hash: number): number {
    const seen = this.gate !== undefined && this.gate.mightContain(hash) ? 1 : 0;
    return this.sketch.frequency(hash) + seen;
  }

  /** TinyLFU's admission rule: the candidate replaces the victim only if it is more popular. */
  admit(candidate: unknown, victim: unknown): boolean {
    return this.frequency(candidate) > this.frequency(victim);
  }

  /** {@link admit} for keys whose hashes are known. */
  admitHash(candidate: number, victim: number): boolean {
    return this.admitHashKnowing(candidate, RECORDED_UNKNOWN, victim, RECORDED_UNKNOWN);
  }

  /**
   * {@link admitHash} for a caller that remembers what recording each key told it in the current
   * {@link epoch} (`RECORDED_*`): the same answer, reading less — a key recorded in this epoch
   * has its doorkeeper bits set, and a capped victim (every counter at 15) cannot be beaten.
   */
  admitHashKnowing(candidate: number, candidateRecorded: number, victim: number, victimRecorded: number): boolean {
    if (victimRecorded === RECORDED_CAPPED) return false;
    // The victim's estimate sets the bar; the candidate's counters are read only while it can
    // still clear it (its doorkeeper bit adds at most 1, so it matters only on a tie).
    const gate = this.gate;
    const victimSeen = gate === undefined ? 0 : victimRecorded !== RECORDED_UNKNOWN || gate.mightContain(victim) ? 1 : 0;
    const bar = this.sketch.frequency(victim) + victimSeen;
    const count = this.sketch.frequencyIfAtLeast(candidate, bar);
    if (count !== bar) return count > bar;
    return gate !== undefined && (candidateRecorded !== RECORDED_UNKNOWN || gate.mightContain(candidate));
  }

  /** Forgets all counts (and starts a new {@link epoch}). */
  clear(): void {
    this.sketch.clear();
    if (this.gate !== undefined) this.gate.clear();
    this.samples = 0;
    this.epochs += 1;
  }

  /** Ends the sample period: halves every count and clears the doorkeeper. */
  private age(): void {
    this.samples = 0;
    this.sketch.halve();
    if (this.gate !== undefined) this.gate.clear();
    this.epochs += 1;
  }
}
