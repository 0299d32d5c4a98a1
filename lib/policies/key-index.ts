import { MAX_SHORT_STRING, ShortStringTable } from './short-string-table';

/**
 * The index of a slot-based cache: finds the slot number (≥ 1) of a key. It behaves as a
 * `Map<K, number>` (keys compared by SameValueZero) and is one, except for keys that are 32-bit
 * integers — the common case of ids — which live in an open-addressing table of typed arrays,
 * and strings of up to 12 code units (`"user:4711"`), which live in a {@link ShortStringTable}.
 *
 * Why: for integer keys a `Map` lookup is a call into V8's runtime that walks a chained table of
 * boxed entries; a linear-probing table of `Int32Array` keys is inlined into the cache's own
 * code and usually touches one cache line (a key and its slot sit side by side). Measured on the benchmark's get-or-set churn (Zipf,
 * 10,000 entries, evicting one key per miss) it is about 2× faster than `Map`. For short strings
 * the gain is smaller (the key must be hashed on each call) and comes from comparing stored
 * hashes instead of stored key strings (see {@link ShortStringTable}). Other keys (longer
 * strings, floats, objects…) cost a `typeof` test or two more than a plain `Map`.
 *
 * Integer table: Fibonacci hashing (the high bits of `key × 2³²/φ`, so keys that differ only in
 * their high bits still spread), linear probing, at most half full, backward-shift deletion (no
 * tombstones, so churn never slows lookups down); it doubles as it fills and shrinks only on
 * `clear`. `-0` is the key `0`, as in a `Map`.
 */
export class KeyIndex<K> {
  private readonly others = new Map<K, number>();
  /** Short string keys, until the table reports itself overloaded (then they live in `others`). */
  private strings: ShortStringTable | undefined;
  /**
   * The integer table: position `p` holds its key at `2p` and the key's slot at `2p + 1`, side
   * by side so that a probe reads one cache line, not two; slot 0 marks an empty position.
   */
  private table: Int32Array;
  /** `32 − log2(positions)`: a hash's top bits pick the home position. */
  private shift: number;
  private mask: number;
  private intCount = 0;

  /** @param stringSeed - seed of the short-string table's hash (random by default; see {@link ShortStringTable}). */
  constructor(stringSeed?: number) {
    this.strings = new ShortStringTable(stringSeed);
    this.table = new Int32Array(INITIAL_LENGTH * 2);
    this.mask = INITIAL_LENGTH - 1;
    this.shift = 32 - Math.log2(INITIAL_LENGTH);
  }

  /** Number of keys indexed. */
  get size(): number {
    return this.intCount + (this.strings === undefined ? 0 : this.strings.size) + this.others.size;
  }

  /** The slot of `key`, or `undefined`. */
  get(key: K): number | undefined {
    if (typeof key === 'number' && (key | 0) === key) {
      const table = this.table;
      const mask = this.mask;
      for (let at = Math.imul(key, GOLDEN) >>> this.shift; ; at = (at + 1) & mask) {
        const slot = table[2 * at + 1];
        if (slot === 0) return undefined;
        if (table[2 * at] === key) return slot;
      }
    }
    return this.getOther(key);
  }

  /** Whether `key` is indexed. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Indexes `key` at `slot` (a positive integer below 2³¹), replacing an earlier slot. */
  set(key: K, slot: number): this {
    if (typeof key === 'number' && (key | 0) === key) {
      if ((this.intCount + 1) * 2 > this.mask + 1) this.grow();
      const table = this.table;
      const mask = this.mask;
      let at = Math.imul(key, GOLDEN) >>> this.shift;
      for (; table[2 * at + 1] !== 0; at = (at + 1) & mask) {
        if (table[2 * at] === key) {
          table[2 * at + 1] = slot;
          return this;
        }
      }
      table[2 * at] = key;
      table[2 * at + 1] = slot;
      this.intCount++;
      return this;
    }
    this.setOther(key, slot);
    return this;
  }

  /** Removes `key`; returns whether it was indexed. */
  delete(key: K): boolean {
    if (typeof key === 'number' && (key | 0) === key) {
      const table = this.table;
      const mask = this.mask;
      const shift = this.shift;
      let hole = Math.imul(key, GOLDEN) >>> shift;
      for (; ; hole = (hole + 1) & mask) {
        if (table[2 * hole + 1] === 0) return false;
        if (table[2 * hole] === key) break;
      }
      this.closeHole(hole);
      this.intCount--;
      return true;
    }
    return this.deleteOther(key);
  }

  /** Whether short string keys are in their own table (false once it was overloaded; for tests). */
  get hashesShortStrings(): boolean {
    return this.strings !== undefined;
  }

  /** Forgets every key and shrinks back to the initial size. */
  clear(): void {
    this.others.clear();
    if (this.strings !== undefined) this.strings.clear();
    this.table = new Int32Array(INITIAL_LENGTH * 2);
    this.mask = INITIAL_LENGTH - 1;
    this.shift = 32 - Math.log2(INITIAL_LENGTH);
    this.intCount = 0;
  }

  /**
   * Empties position `hole` of the integer table, moving later keys of its cluster back
   * (backward-shift deletion: no tombstones, so lookups never slow down with deletes).
   */
  private closeHole(hole: number): void {
    const table = this.table;
    const mask = this.mask;
    const shift = this.shift;
    for (let at = (hole + 1) & mask; table[2 * at + 1] !== 0; at = (at + 1) & mask) {
      // A later key may fill the hole only if the hole lies on its probe path (home … here).
      const home = Math.imul(table[2 * at], GOLDEN) >>> shift;
      if (((at - home) & mask) >= ((at - hole) & mask)) {
        table[2 * hole] = table[2 * at];
        table[2 * hole + 1] = table[2 * at + 1];
        hole = at;
      }
    }
    table[2 * hole + 1] = 0;
  }

  // The non-integer halves of get, set and delete live apart, so that the integer paths stay
  // small enough for V8 to inline them into the caches' hot paths (its budget counts bytecode).

  private getOther(key: K): number | undefined {
    if (typeof key === 'string' && key.length <= MAX_SHORT_STRING && this.strings !== undefined) return this.strings.get(key);
    return this.others.get(key);
  }

  private setOther(key: K, slot: number): void {
    if (typeof key === 'string' && key.length <= MAX_SHORT_STRING && this.strings !== undefined) {
      this.strings.set(key, slot);
      if (this.strings.overloaded) this.abandonStringTable();
      return;
    }
    this.others.set(key, slot);
  }

  private deleteOther(key: K): boolean {
    if (typeof key === 'string' && key.length <= MAX_SHORT_STRING && this.strings !== undefined) return this.strings.delete(key);
    return this.others.delete(key);
  }

  /** Moves the short string keys to the `Map` for good: their table is being flooded (see {@link ShortStringTable}). */
  private abandonStringTable(): void {
    const strings = this.strings as ShortStringTable;
    this.strings = undefined;
    strings.forEach((key, slot) => this.others.set(key as K, slot));
  }

  /** Doubles the integer table and reinserts its keys. */
  private grow(): void {
    const old = this.table;
    const positions = (this.mask + 1) * 2;
    const table = new Int32Array(positions * 2);
    const mask = positions - 1;
    const shift = this.shift - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue;
      let at = Math.imul(old[from], GOLDEN) >>> shift;
      while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
      table[2 * at] = old[from];
      table[2 * at + 1] = old[from + 1];
    }
    this.table = table;
    this.mask = mask;
    this.shift = shift;
  }
}

/** 2³² / φ, odd: Fibonacci hashing's multiplier. */
const GOLDEN = 0x9e3779b9 | 0;
/** Positions an empty index starts with (a power of two). */
const INITIAL_LENGTH = 16;
