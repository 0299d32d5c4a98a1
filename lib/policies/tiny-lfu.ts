import { assertPositiveInteger } from '../core/validate';
import { CountMinSketch } from './count-min-sketch';
import { Doorkeeper } from './doorkeeper';
import { hashKey } from './key-hash';

/** Options of {@link TinyLfu}. */
export interface TinyLfuOptions {
  /** Distinct keys the sketch should tell apart: its width. */
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
  private readonly seed: number;
  private samples = 0;

  /** @throws RangeError if `expectedKeys` or `samplePeriod` is not a positive integer. */
  constructor(options: TinyLfuOptions) {
    assertPositiveInteger('expectedKeys', options.expectedKeys);
    assertPositiveInteger('samplePeriod', options.samplePeriod);
    this.expectedKeys = options.expectedKeys;
    this.sketch = new CountMinSketch(options.expectedKeys);
    // A period of n accesses holds at most n distinct keys; real traces repeat, so size for half.
    this.gate = options.doorkeeper === false ? undefined : new Doorkeeper(Math.max(1, Math.ceil(options.samplePeriod / 2)));
    this.samplePeriod = options.samplePeriod;
    this.seed = options.seed ?? 0;
  }

  /** Counts one access to `key`; ends the sample period (halving) every `samplePeriod` calls. */
  record(key: unknown): void {
    const hash = hashKey(key, this.seed);
    // The doorkeeper absorbs a key's first access in the period; later ones reach the sketch.
    if (this.gate === undefined || !this.gate.put(hash)) this.sketch.increment(hash);
    this.samples += 1;
    if (this.samples >= this.samplePeriod) {
      this.samples = 0;
      this.sketch.halve();
      if (this.gate !== undefined) this.gate.clear();
    }
  }

  /** Estimated accesses to `key` in the recent past (0 to 16). */
  frequency(key: unknown): number {
    const hash = hashKey(key, this.seed);
    const seen = this.gate !== undefined && this.gate.mightContain(hash) ? 1 : 0;
    return this.sketch.frequency(hash) + seen;
  }

  /** TinyLFU's admission rule: the candidate replaces the victim only if it is more popular. */
  admit(candidate: unknown, victim: unknown): boolean {
    return this.frequency(candidate) > this.frequency(victim);
  }

  /** Forgets all counts. */
  clear(): void {
    this.sketch.clear();
    if (this.gate !== undefined) this.gate.clear();
    this.samples = 0;
  }
}
