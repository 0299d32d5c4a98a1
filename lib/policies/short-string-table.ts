import { FNV_BASIS, hashString } from './key-hash';

/**
 * Longest string (in UTF-16 code units) the table takes; longer keys belong in a `Map`.
 *
 * Why a limit: a `Map` hashes a string once and keeps the hash in the string itself, while this
 * table hashes the key on every call, at about 1 ns per code unit, and more for a *cons string*
 * (the rope V8 makes by concatenating strings of 13 units or more), which `charCodeAt` must walk.
 * Strings of 12 units or fewer are always flat. Measured in the benchmark's get-or-set loop
 * (`LRUCache`, Zipf, 10,000 entries): with 7-unit keys the table made the loop about 20 % faster than
 * with a `Map`; with flat 15-unit keys about 3 %; with 19-unit keys or cons strings the `Map` was faster.
 */
export const MAX_SHORT_STRING = 12;

/**
 * Longest probe sequence an insert may walk before the table gives up (see {@link overloaded}).
 * With random hashes and the table at most half full, the chance that an insert walks past k
 * occupied positions falls about as (½·e^½)^k ≈ 0.82^k (Knuth's analysis of linear probing):
 * about 10⁻²² for 256, so only keys made to collide (hash flooding) get there.
 */
const MAX_PROBE = 256;

/** Positions an empty table starts with (a power of two). */
const INITIAL_POSITIONS = 16;

/** 2³² / φ, odd: Fibonacci hashing's multiplier. */
const GOLDEN = 0x9e3779b9 | 0;

/**
 * An open-addressing hash table from short strings to slot numbers (positive int32s), the string
 * part of `KeyIndex`. It exists because a `Map` lookup walks a chain of entries and compares the
 * probe with each entry's key string — one more random memory access per entry walked — while
 * here a probe compares 32-bit hashes stored beside the slots and reads a stored key only when
 * the hashes match: a lookup usually reads one line of the table and the key itself.
 *
 * Layout as `KeyIndex`'s integer table: position `p` holds the key's hash at `2p` and its slot at
 * `2p + 1` (slot 0: empty) in one `Int32Array`, the key at `keys[p]`; linear probing, at most half
 * full, backward-shift deletion (no tombstones), doubling as it fills.
 *
 * Hash flooding: the hash is seeded (by default at random, per table), so an attacker cannot
 * choose colliding keys offline; should keys collide anyway, an insert that probes too far sets
 * {@link overloaded}, and the owner moves the keys to a `Map` (V8 seeds its string hashes too).
 */
export class ShortStringTable {
  /** Set once an insert probed more than `MAX_PROBE` positions: the owner should stop using the table. */
  overloaded = false;
  private hashes: Int32Array;
  private keys: (string | undefined)[];
  private shift: number;
  private mask: number;
  private count = 0;
  private readonly seed: number;

  /** @param seed - hash seed (any 32-bit integer); random unless a test needs repeatable collisions. */
  constructor(seed: number = (Math.random() * 2 ** 32) | 0) {
    this.seed = seed | 0;
    this.hashes = new Int32Array(INITIAL_POSITIONS * 2);
    this.keys = emptyKeys(INITIAL_POSITIONS);
    this.mask = INITIAL_POSITIONS - 1;
    this.shift = 32 - Math.log2(INITIAL_POSITIONS);
  }

  /** Number of keys stored. */
  get size(): number {
    return this.count;
  }

  /** The slot of `key` (at most {@link MAX_SHORT_STRING} units long), or `undefined`. */
  get(key: string): number | undefined {
    const hash = hashShortString(key, this.seed);
    const hashes = this.hashes;
    const mask = this.mask;
    for (let at = Math.imul(hash, GOLDEN) >>> this.shift; ; at = (at + 1) & mask) {
      const slot = hashes[2 * at + 1];
      if (slot === 0) return undefined;
      if (hashes[2 * at] === hash && this.keys[at] === key) return slot;
    }
  }

  /** Stores `key` at `slot` (a positive integer below 2³¹), replacing an earlier slot. */
  set(key: string, slot: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const hash = hashShortString(key, this.seed);
    const hashes = this.hashes;
    const mask = this.mask;
    let at = Math.imul(hash, GOLDEN) >>> this.shift;
    let probes = 0;
    for (; hashes[2 * at + 1] !== 0; at = (at + 1) & mask) {
      if (hashes[2 * at] === hash && this.keys[at] === key) {
        hashes[2 * at + 1] = slot;
        return;
      }
      probes += 1;
    }
    hashes[2 * at] = hash;
    hashes[2 * at + 1] = slot;
    this.keys[at] = key;
    this.count += 1;
    if (probes > MAX_PROBE) this.overloaded = true;
  }

  /** Removes `key`; returns whether it was stored. */
  delete(key: string): boolean {
    const hash = hashShortString(key, this.seed);
    const hashes = this.hashes;
    const keys = this.keys;
    const mask = this.mask;
    const shift = this.shift;
    let hole = Math.imul(hash, GOLDEN) >>> shift;
    for (; ; hole = (hole + 1) & mask) {
      if (hashes[2 * hole + 1] === 0) return false;
      if (hashes[2 * hole] === hash && keys[hole] === key) break;
    }
    for (let at = (hole + 1) & mask; hashes[2 * at + 1] !== 0; at = (at + 1) & mask) {
      // A later key may fill the hole only if the hole lies on its probe path (home … here).
      const home = Math.imul(hashes[2 * at], GOLDEN) >>> shift;
      if (((at - home) & mask) >= ((at - hole) & mask)) {
        hashes[2 * hole] = hashes[2 * at];
        hashes[2 * hole + 1] = hashes[2 * at + 1];
        keys[hole] = keys[at];
        hole = at;
      }
    }
    hashes[2 * hole + 1] = 0;
    keys[hole] = undefined;
    this.count -= 1;
    return true;
  }

  /** Calls `visit` with every key and its slot, in no particular order. */
  forEach(visit: (key: string, slot: number) => void): void {
    for (let at = 0; at < this.keys.length; at += 1) {
      if (this.hashes[2 * at + 1] !== 0) visit(this.keys[at] as string, this.hashes[2 * at + 1]);
    }
  }

  /** Forgets every key and shrinks back to the initial size (an overloaded table stays overloaded). */
  clear(): void {
    this.hashes = new Int32Array(INITIAL_POSITIONS * 2);
    this.keys = emptyKeys(INITIAL_POSITIONS);
    this.mask = INITIAL_POSITIONS - 1;
    this.shift = 32 - Math.log2(INITIAL_POSITIONS);
    this.count = 0;
  }

  /** Doubles the table and reinserts its keys. */
  private grow(): void {
    const oldHashes = this.hashes;
    const oldKeys = this.keys;
    const positions = oldKeys.length * 2;
    const hashes = new Int32Array(positions * 2);
    const keys = emptyKeys(positions);
    const mask = positions - 1;
    const shift = this.shift - 1;
    for (let from = 0; from < oldKeys.length; from += 1) {
      if (oldHashes[2 * from + 1] === 0) continue;
      let at = Math.imul(oldHashes[2 * from], GOLDEN) >>> shift;
      while (hashes[2 * at + 1] !== 0) at = (at + 1) & mask;
      hashes[2 * at] = oldHashes[2 * from];
      hashes[2 * at + 1] = oldHashes[2 * from + 1];
      keys[at] = oldKeys[from];
    }
    this.hashes = hashes;
    this.keys = keys;
    this.mask = mask;
    this.shift = shift;
  }
}

/**
 * A seeded 32-bit hash of a short string: FNV-1a ({@link hashString}) from a basis moved by
 * `seed`. The table takes the product's high bits (Fibonacci hashing), which depend on every bit
 * of the hash. Measured against a two-units-per-step multiply-rotate hash with a final mix, FNV-1a
 * made the benchmark's get-or-set loop a few per cent faster on 9-unit keys.
 */
export function hashShortString(text: string, seed: number): number {
  return hashString(text, FNV_BASIS ^ seed);
}

/** A key array of `positions` holes, filled so that V8 keeps it a packed array. */
function emptyKeys(positions: number): (string | undefined)[] {
  return new Array<string | undefined>(positions).fill(undefined);
}
