import { assertPositiveInteger } from '../core/validate';

/** Rows of the sketch: each key has one counter per row; its estimate is the smallest. */
const DEPTH = 4;
/** Largest value a 4-bit counter holds. */
const MAX_COUNT = 15;

/**
 * A count-min sketch with 4-bit counters, the frequency estimator of TinyLFU (Einziger, Friedman
 * & Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", 2017) as Caffeine builds it:
 * 4 rows of `width` counters (a power of two ≥ the requested width), two counters per byte,
 * each saturating at 15. `frequency` never under-estimates a key's count (until a `halve`), and
 * over-estimates only when all four of its counters collide with busier keys.
 *
 * Aging is the caller's choice: {@link halve} divides every counter by two (Caffeine's "reset"),
 * so old popularity fades; TinyLFU calls it once per sample period.
 *
 * Works on 32-bit hashes (see `hashKey`), so it is independent of the key type. O(1) per call;
 * `halve` is O(width), amortised to O(1) per increment by a sample period ≥ width.
 */
export class CountMinSketch {
  /** Counters per row. */
  readonly width: number;
  private readonly mask: number;
  /** `DEPTH × width` 4-bit counters, two per byte (low nibble first). */
  private readonly counters: Uint8Array;

  /**
   * @param width - counters per row wanted; rounded up to a power of two (≥ 16).
   * @throws RangeError if `width` is not a positive integer or exceeds 2²⁸.
   */
  constructor(width: number) {
    assertPositiveInteger('width', width);
    if (width > 1 << 28) throw new RangeError(`width must be at most 2^28, got ${width}`);
    let rounded = 16;
    while (rounded < width) rounded *= 2;
    this.width = rounded;
    this.mask = rounded - 1;
    this.counters = new Uint8Array((DEPTH * rounded) / 2);
  }

  /** Adds one to `hash`'s counters (each saturating at 15). Returns whether any changed. */
  increment(hash: number): boolean {
    // Fields read once and small-integer arithmetic only: this runs on cache hits.
    const mask = this.mask;
    const width = this.width;
    const counters = this.counters;
    const end = DEPTH * width;
    const step = stepOf(hash) & mask;
    let column = hash & mask;
    let changed = 0;
    for (let row = 0; row < end; row += width) {
      const counter = row + column;
      const byte = counter >>> 1;
      const shift = (counter & 1) << 2;
      const add = ((counters[byte] >>> shift) & 0xf) < MAX_COUNT ? 1 << shift : 0;
      counters[byte] += add;
      changed |= add;
      column = nextColumn(column, step, mask);
    }
    return changed !== 0;
  }

  /** The estimated count of `hash`, in [0, 15]: the minimum of its four counters. */
  frequency(hash: number): number {
    return this.frequencyIfAtLeast(hash, 0);
  }

  /**
   * {@link frequency} for a caller that only needs estimates of at least `floor` (an admission
   * duel): the exact estimate when it is `floor` or more, else some value below `floor`, found
   * at the first counter under it — fewer memory reads for an unpopular key.
   */
  frequencyIfAtLeast(hash: number, floor: number): number {
    const mask = this.mask;
    const width = this.width;
    const counters = this.counters;
    const end = DEPTH * width;
    const step = stepOf(hash) & mask;
    let column = hash & mask;
    let min = MAX_COUNT;
    for (let row = 0; row < end; row += width) {
      const counter = row + column;
      const value = (counters[counter >>> 1] >>> ((counter & 1) << 2)) & 0xf;
      if (value < min) {
        min = value;
        // The minimum can only fall further: below `floor` already, the rest is not needed.
        if (min < floor) break;
      }
      column = nextColumn(column, step, mask);
    }
    return min;
  }

  /** Halves every counter (rounding down): the aging step. */
  halve(): void {
    const counters = this.counters;
    // Shifting the byte right moves each nibble's lowest bit into the nibble below; 0x77 drops it.
    for (let index = 0; index < counters.length; index += 1) counters[index] = (counters[index] >>> 1) & 0x77;
  }

  /** Sets every counter to zero. */
  clear(): void {
    this.counters.fill(0);
  }
}

/**
 * The column of a key's counter in the next row: row `r` uses column `(hash + r × step) mod
 * width` (double hashing), and with a power-of-two width adding `step` to the previous column
 * gives exactly that, without a multiplication or 32-bit overflow.
 */
function nextColumn(column: number, step: number, mask: number): number {
  return (column + step) & mask;
}

/**
 * The offset between a key's counters in successive rows (double hashing), drawn from the high
 * bits of the hash: two keys that share a counter in one row (same low bits) almost always
 * part in the others, which is what makes the minimum a good estimate.
 */
function stepOf(hash: number): number {
  return (Math.imul(hash >>> 16 | hash << 16, 0x9e3779b1) | 1) >>> 0;
}
