import { assertPositiveInteger } from '../core/validate';

/** A block is 16 32-bit words: 64 bytes, one CPU cache line, 512 bits. */
const BLOCK_WORDS_LOG2 = 4;
/** Bits set per key: one in each quarter (4 words) of its block. */
const HASHES = 4;
/** Fewest bits: two blocks, so that a block number always takes at least one bit of the hash. */
const MIN_BITS = 1024;
/**
 * Picks a key's block. Not the sketch's multiplier, so that keys sharing a sketch block do not
 * also share a doorkeeper block.
 */
const BLOCK_MULTIPLIER = 0x85ebca6b;

/**
 * TinyLFU's doorkeeper: a Bloom filter in front of the count-min sketch. A key's first
 * occurrence in a sample period only sets its bits here; only later occurrences reach the
 * sketch. Most keys of real traces are seen once ("one-hit wonders"), so the sketch's counters
 * are spent on keys that recur, and the estimate is `sketch + (doorkeeper has it ? 1 : 0)`.
 *
 * A *blocked* Bloom filter (Putze, Sanders & Singler, "Cache-, Hash- and Space-Efficient Bloom
 * Filters", 2007), laid out as the sketch is: a key's hash picks one 64-byte block and its 4 bits
 * all live there, one in each 16-byte quarter. Why: `put` runs on most cache hits, and 4 bits at
 * random positions of the whole filter meant up to 4 cache misses; in one block it is one. Keys
 * crowd unevenly into blocks, so it has slightly more false positives than a classic Bloom filter
 * of the same size (the tests measure it).
 *
 * Sized at 8 bits per expected key (rounded up to a power of two): about 2.5 % false positives
 * when full. Cleared with every aging step, so it never fills beyond one sample period of keys.
 */
export class Doorkeeper {
  /** Number of bits. */
  readonly bits: number;
  /** `32 − log2(blocks)`: the block number is the top bits of the hash's product. */
  private readonly blockShift: number;
  private readonly words: Int32Array;

  /**
   * @param expectedKeys - distinct keys expected between two `clear`s.
   * @throws RangeError if `expectedKeys` is not a positive integer or exceeds 2²⁸.
   */
  constructor(expectedKeys: number) {
    assertPositiveInteger('expectedKeys', expectedKeys);
    if (expectedKeys > 1 << 28) throw new RangeError(`expectedKeys must be at most 2^28, got ${expectedKeys}`);
    let bits = MIN_BITS;
    while (bits < expectedKeys * 8) bits *= 2;
    this.bits = bits;
    const words = bits / 32;
    this.blockShift = 32 - Math.log2(words >>> BLOCK_WORDS_LOG2);
    this.words = new Int32Array(words);
  }

  /** Whether `hash` may have been put since the last `clear` (never false for a key that was). */
  mightContain(hash: number): boolean {
    const words = this.words;
    let at = (Math.imul(hash, BLOCK_MULTIPLIER) >>> this.blockShift) << BLOCK_WORDS_LOG2;
    // Rotated: the first bits are picked by the hash's top bits, the sketch's first counters by
    // its bottom ones, so keys that share a counter there rarely share a bit here.
    let select = (hash >>> 20) | (hash << 12);
    for (let i = 0; i < HASHES; i += 1) {
      // 2 bits pick one of the quarter's 4 words, 5 more one of its 32 bits.
      if ((words[at + (select & 3)] & (1 << (select >>> 2))) === 0) return false;
      at += 4;
      select >>>= 7;
    }
    return true;
  }

  /** Sets `hash`'s bits; returns whether any was clear (i.e. the key is new to the filter). */
  put(hash: number): boolean {
    // Runs on most cache hits: locals, small integers, no branch per bit.
    const words = this.words;
    let at = (Math.imul(hash, BLOCK_MULTIPLIER) >>> this.blockShift) << BLOCK_WORDS_LOG2;
    let select = (hash >>> 20) | (hash << 12);
    let added = 0;
    for (let i = 0; i < HASHES; i += 1) {
      const word = at + (select & 3);
      const flag = 1 << (select >>> 2);
      const value = words[word];
      added |= ~value & flag;
      words[word] = value | flag;
      at += 4;
      select >>>= 7;
    }
    return added !== 0;
  }

  /** Forgets every key. */
  clear(): void {
    this.words.fill(0);
  }
}
