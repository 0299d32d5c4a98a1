/**
 * The open-addressing scheme {@link KeyIndex}'s integer table and `RingHashIndex` share: pairs of
 * int32 words in one `Int32Array` (position `p` at `2p` and `2p + 1`, so a probe reads one cache
 * line), the first word hashed to a home position by Fibonacci hashing, linear probing, a second
 * word of 0 marking an empty position, at most half full, and backward-shift deletion (no
 * tombstones, so churn never lengthens probes). Each table probes for its own kind of match;
 * these are the steps that do not depend on what the words mean.
 */

/** 2³² / φ, odd: Fibonacci hashing's multiplier (its high bits spread words whose low bits collide). */
const GOLDEN = 0x9e3779b9 | 0;

/** The home position of a pair whose first word is `word`, in a table of 2^(32 − `shift`) positions. */
export function homeOf(word: number, shift: number): number {
  return Math.imul(word, GOLDEN) >>> shift;
}

/** A table of `positions` (a power of two) empty positions. */
export function emptyPairs(positions: number): Int32Array {
  return new Int32Array(positions * 2);
}

/** `32 − log2(positions)`: the shift that maps a hash's top bits to one of `positions` positions. */
export function shiftFor(positions: number): number {
  return 32 - Math.log2(positions);
}

/**
 * Empties position `hole` (whose pair the caller removes), moving later pairs of its probe run
 * back so that every pair stays reachable from its home without tombstones.
 */
export function closeHole(table: Int32Array, hole: number, mask: number, shift: number): void {
  for (let at = (hole + 1) & mask; table[2 * at + 1] !== 0; at = (at + 1) & mask) {
    // A later pair may fill the hole only if the hole lies on its probe path (home … here).
    const home = homeOf(table[2 * at], shift);
    if (((at - home) & mask) >= ((at - hole) & mask)) {
      table[2 * hole] = table[2 * at];
      table[2 * hole + 1] = table[2 * at + 1];
      hole = at;
    }
  }
  table[2 * hole + 1] = 0;
}

/** A table of twice as many positions holding the pairs of `old` (whose shift is `shift`); its shift is `shift − 1`. */
export function doubledPairs(old: Int32Array, shift: number): Int32Array {
  const positions = old.length; // twice the old number of positions
  const table = emptyPairs(positions);
  const mask = positions - 1;
  for (let from = 0; from < old.length; from += 2) {
    if (old[from + 1] === 0) continue;
    let at = homeOf(old[from], shift - 1);
    while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
    table[2 * at] = old[from];
    table[2 * at + 1] = old[from + 1];
  }
  return table;
}
