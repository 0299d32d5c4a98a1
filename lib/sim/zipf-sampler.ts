import { Random } from '../core/random';
import { assertFunction, assertInRange, assertPositiveInteger } from '../core/validate';

/**
 * Draws ranks 0…n-1 from a Zipf distribution: P(rank r) ∝ 1 / (r + 1)^s. Rank 0 is the most
 * popular key. Exact for any s ≥ 0: the cumulative distribution is tabulated once (O(n)) and
 * each draw is a binary search over it (O(log n)), so the popularity skew that the hit-rate
 * chapters rely on is the one the formula promises.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  /**
   * @param n - number of distinct keys (integer ≥ 1).
   * @param exponent - the skew s (0 = uniform; ~0.6–1.2 is typical of web and file traffic).
   * @param random - a seeded source of uniform numbers in [0, 1).
   */
  constructor(readonly n: number, readonly exponent: number, private readonly random: Random) {
    assertPositiveInteger('n', n);
    assertInRange('exponent', exponent, 0, 10);
    assertFunction('random', random);
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank += 1) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < n; rank += 1) this.cumulative[rank] /= total;
  }

  /** The probability of drawing `rank`. */
  probability(rank: number): number {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.n) return 0;
    return this.cumulative[rank] - (rank === 0 ? 0 : this.cumulative[rank - 1]);
  }

  /** Draws one rank. */
  next(): number {
    const u = this.random();
    // First rank whose cumulative probability exceeds u.
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > u) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
