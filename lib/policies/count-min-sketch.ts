import { assertPositiveInteger } from '../core/validate';

/** Largest value a 4-bit counter holds. */
const MAX_COUNT = 15;
/** A block is 16 32-bit words: 64 bytes, one CPU cache line, 128 counters. */
const BLOCK_WORDS_LOG2 = 4;
/** Fewest blocks: two, so that a block number always takes at least one bit of the hash. */
const MIN_WIDTH = 64;
/** Picks a key's block (Fibonacci hashing: the product's high bits depend on every bit of the hash). */
const BLOCK_MULTIPLIER = 0x9e3779b1;

/**
 * A count-min sketch with 4-bit counters, the frequency estimator of TinyLFU (Einziger, Friedman
 * & Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", 2017), *blocked* as Caffeine's
 * `FrequencySketch` is since version 3: `4 × width` counters (`width` a power of two ≥ the
 * requested width), eight per 32-bit word, each saturating at 15, grouped in 64-byte blocks.
 *
 * Layout: a key's hash picks one block, and its four counters all live in that block, one in
 * each 16-byte quarter (so a key's counters never collide with each other), each chosen among
 * the quarter's 32 counters by 5 bits of the hash. Why: a textbook count-min sketch puts a key's
 * counters in 4 separate rows, i.e. 4 random cache lines per access; TinyLFU updates the sketch
 * on nearly every cache hit, so those misses were a quarter of a hit's time. Blocked, an access
 * touches one line. The price is a little accuracy: keys crowd unevenly into blocks, so a key's
 * counters are all shared slightly more often than with independent rows (the tests measure it).
 *
 * `frequency` never under-estimates a key's count (until a `halve`), and over-estimates only
 * when all four of its counters are shared with busier keys.
 *
 * Aging is the caller's choice: {@link halve} divides every counter by two (Caffeine's "reset"),
 * so old popularity fades; TinyLFU calls it once per sample period.
 *
 * Works on 32-bit hashes (see `hashKey`), so it is independent of the key type. O(1) per call;
 * `halve` is O(width), amortised to O(1) per increment by a sample period ≥ width.
 */
export class CountMinSketch {
  /** A quarter of the counters: the sketch holds `4 × width`, as many as 4 rows of `width`. */
  readonly width: number;
  /** `32 − log2(blocks)`: the block number is the top bits of the hash's product. */
  private readonly blockShift: number;
  /** The counters, eight per word (counter `n` of a word in bits `4n` to `4n + 3`). */
  private readonly table: Int32Array;

  /**
   * @param width - a quarter of the counters wanted; rounded up to a power of two (≥ 64).
   * @throws RangeError if `width` is not a positive integer or exceeds 2²⁸.
   */
  constructor(width: number) {
    assertPositiveInteger('width', width);
    if (width > 1 << 28) throw new RangeError(`width must be at most 2^28, got ${width}`);
    let rounded = MIN_WIDTH;
    while (rounded < width) rounded *= 2;
    this.width = rounded;
    // 4 × width counters, 8 per word, 16 words per block.
    const words = rounded / 2;
    this.blockShift = 32 - Math.log2(words >>> BLOCK_WORDS_LOG2);
    this.table = new Int32Array(words);
  }

  /** Adds one to `hash`'s counters (each saturating at 15). Returns whether any changed. */
  increment(hash: number): boolean {
    // A loop over the quarters, not four unrolled steps: this runs on most cache hits, inside
    // the cache's hot path, and V8 inlines only compact code. The block number comes from the
    // product's high bits, the counters from the hash's low 20 bits (5 per quarter: 2 pick one
    // of the quarter's 4 words, 3 one of its 8 counters), so two keys in one block still pick
    // their counters independently.
    const table = this.table;
    const block = (Math.imul(hash, BLOCK_MULTIPLIER) >>> this.blockShift) << BLOCK_WORDS_LOG2;
    let changed = 0;
    for (let quarter = 0, bits = hash; quarter < 16; quarter += 4, bits >>>= 5) {
      const word = block + quarter + (bits & 3);
      const shift = bits & 0x1c;
      const value = table[word];
      // 1, or 0 for a counter at 15 (adding to it would carry into its neighbour): no branch.
      const room = ((((value >>> shift) & MAX_COUNT) + 1) >>> 4) ^ 1;
      table[word] = (value + (room << shift)) | 0;
      changed |= room;
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
   * at the first counter under it.
   */
  frequencyIfAtLeast(hash: number, floor: number): number {
    const table = this.table;
    const block = (Math.imul(hash, BLOCK_MULTIPLIER) >>> this.blockShift) << BLOCK_WORDS_LOG2;
    let min = MAX_COUNT;
    for (let quarter = 0, bits = hash; quarter < 16; quarter += 4, bits >>>= 5) {
      min = Math.min(min, (table[block + quarter + (bits & 3)] >>> (bits & 0x1c)) & MAX_COUNT);
      // The minimum can only fall further: below `floor` already, the rest is not needed.
      if (min < floor) return min;
    }
    return min;
  }

  /** Halves every counter (rounding down): the aging step. */
  halve(): void {
    const table = this.table;
    // Shifting the word right moves each counter's lowest bit into the counter below; the mask drops it.
    for (let index = 0; index < table.length; index += 1) table[index] = (table[index] >>> 1) & 0x77777777;
  }

  /** Sets every counter to zero. */
  clear(): void {
    this.table.fill(0);
  }
}
