import { closeHole, doubledPairs, emptyPairs, homeOf, shiftFor } from './pair-table';

/**
 * Finds keys in a ring (see `GhostQueue`) by a 32-bit hash of the key: an open-addressing table
 * of `(hash, sequence number)` pairs in one `Int32Array`, linear probing, at most half full,
 * backward-shift deletion. Several keys may share a hash (the table is a multimap); a lookup
 * confirms a match by comparing the key stored in the ring at that sequence number, so answers
 * are exact (SameValueZero, as a `Map` compares keys), never "probably".
 *
 * Why not a `Map`: S3-FIFO's ghost of string keys churns (one key in, one out, per eviction from
 * small), and each `Map` operation on a key string evicted long ago reads that cold string again
 * (and walks a chain of cold entries). Here a lookup hashes the key in hand once, probes
 * integers that usually share a cache line, and reads a stored key only on a hash match; a
 * removal needs the hash and sequence number alone, never the key.
 */
export class RingHashIndex<K> {
  /** Position `p` holds a hash at `2p` and its sequence number + 1 at `2p + 1` (0 marks empty). */
  private table: Int32Array;
  private mask: number;
  private shift: number;
  private count = 0;

  constructor() {
    this.table = emptyPairs(INITIAL_POSITIONS);
    this.mask = INITIAL_POSITIONS - 1;
    this.shift = shiftFor(INITIAL_POSITIONS);
  }

  /** Number of pairs held. */
  get size(): number {
    return this.count;
  }

  /**
   * The sequence number of `key` (hashing to `hash`), confirmed against `ringKeys[seq & ringMask]`,
   * or -1 if no pair with that hash holds that key.
   */
  find(hash: number, key: K, ringKeys: readonly (K | undefined)[], ringMask: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let at = homeOf(hash, this.shift); ; at = (at + 1) & mask) {
      const stored = table[2 * at + 1];
      if (stored === 0) return -1;
      if (table[2 * at] !== (hash | 0)) continue;
      const seq = (stored - 1) & SEQUENCE_BITS;
      const candidate = ringKeys[seq & ringMask];
      // SameValueZero: NaN finds NaN.
      if (candidate === key || (candidate !== candidate && key !== key)) return seq;
    }
  }

  /** Adds the pair `(hash, seq)`; `seq` is a sequence number below 2³¹. */
  insert(hash: number, seq: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const table = this.table;
    const mask = this.mask;
    let at = homeOf(hash, this.shift);
    while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
    table[2 * at] = hash;
    table[2 * at + 1] = seq + 1;
    this.count++;
  }

  /** Removes the pair `(hash, seq)`, which must be held. */
  remove(hash: number, seq: number): void {
    const table = this.table;
    const mask = this.mask;
    const stored = (seq + 1) | 0;
    let hole = homeOf(hash, this.shift);
    while (table[2 * hole + 1] !== stored) hole = (hole + 1) & mask;
    closeHole(table, hole, mask, this.shift);
    this.count--;
  }

  /** Removes every pair and shrinks back to the initial size. */
  clear(): void {
    this.table = emptyPairs(INITIAL_POSITIONS);
    this.mask = INITIAL_POSITIONS - 1;
    this.shift = shiftFor(INITIAL_POSITIONS);
    this.count = 0;
  }

  /** Doubles the table and reinserts its pairs. */
  private grow(): void {
    this.table = doubledPairs(this.table, this.shift);
    this.mask = this.mask * 2 + 1;
    this.shift--;
  }
}

/** Sequence numbers are below 2³¹ (stored + 1, so 2³¹ − 1 is stored as −2³¹). */
const SEQUENCE_BITS = 0x7fffffff;
/** Positions an empty table starts with (a power of two). */
const INITIAL_POSITIONS = 16;
