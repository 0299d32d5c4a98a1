import { assertPositiveInteger } from '../core/validate';

/** Bit positions set per key. */
const HASHES = 4;

/**
 * TinyLFU's doorkeeper: a Bloom filter in front of the count-min sketch. A key's first
 * occurrence in a sample period only sets its bits here; only later occurrences reach the
 * sketch. Most keys of real traces are seen once ("one-hit wonders"), so the sketch's counters
 * are spent on keys that recur, and the estimate is `sketch + (doorkeeper has it ? 1 : 0)`.
 *
 * Sized at 8 bits per expected key (rounded up to a power of two) with 4 hash positions: about
 * 2.4 % false positives when full. Cleared with every aging step, so it never fills beyond one
 * sample period of keys.
 */
export class Doorkeeper {
  /** Number of bits. */
  readonly bits: number;
  private readonly mask: number;
  private readonly words: Uint32Array;

  /**
   * @param expectedKeys - distinct keys expected between two `clear`s.
   * @throws RangeError if `expectedKeys` is not a positive integer or exceeds 2²⁸.
   */
  constructor(expectedKeys: number) {
    assertPositiveInteger('expectedKeys', expectedKeys);
    if (expectedKeys > 1 << 28) throw new RangeError(`expectedKeys must be at most 2^28, got ${expectedKeys}`);
    let bits = 64;
    while (bits < expectedKeys * 8) bits *= 2;
    this.bits = bits;
    this.mask = bits - 1;
    this.words = new Uint32Array(bits / 32);
  }

  /** Whether `hash` may have been put since the last `clear` (never false for a key that was). */
  mightContain(hash: number): boolean {
    const mask = this.mask;
    const words = this.words;
    const step = stepOf(hash) & mask;
    let bit = hash & mask;
    for (let i = 0; i < HASHES; i += 1) {
      if ((words[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
      bit = nextBit(bit, step, mask);
    }
    return true;
  }

  /** Sets `hash`'s bits; returns whether any was clear (i.e. the key is new to the filter). */
  put(hash: number): boolean {
    // Runs on most cache hits: fields read once, small integers, no branch per bit.
    const mask = this.mask;
    const words = this.words;
    const step = stepOf(hash) & mask;
    let bit = hash & mask;
    let added = 0;
    for (let i = 0; i < HASHES; i += 1) {
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      added |= ~words[word] & flag;
      words[word] |= flag;
      bit = nextBit(bit, step, mask);
    }
    return added !== 0;
  }

  /** Forgets every key. */
  clear(): void {
    this.words.fill(0);
  }
}

/**
 * The next of a key's bit positions: position `i` is `(hash + i × step) mod bits`, and with a
 * power-of-two size adding `step` to the previous one gives exactly that, without a
 * multiplication or 32-bit overflow.
 */
function nextBit(bit: number, step: number, mask: number): number {
  return (bit + step) & mask;
}

/** Double-hashing offset from the high bits (a different mix than the sketch's, so the two collide independently). */
function stepOf(hash: number): number {
  return (Math.imul((hash >>> 13) | (hash << 19), 0x85ebca6b) | 1) >>> 0;
}
