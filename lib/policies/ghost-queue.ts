import { INITIAL_SLOTS, grownLength, growUint32 } from './grow';
import { hashKey } from './key-hash';

/**
 * A ghost queue: keys recently evicted from a cache (no values), each with its size, oldest
 * forgotten first — S3-FIFO's ghost. It answers "is this key remembered?" in O(1) and is exact:
 * a hash match is confirmed by comparing keys (SameValueZero, as a `Map` does), so a collision
 * never readmits the wrong key and miss ratios stay those of libCacheSim's exact ghost.
 *
 * Why not keep ghost keys in the cache's own `Map`: the ghost holds up to 90 % of the cache's
 * key count, so that `Map` would nearly double, and every `get` — hits included — pays for the
 * larger table in memory traffic (measured on Zipf: S3-FIFO ran about 1.5× slower with integer
 * keys and 2× with string keys than with the ghost kept apart). Here the ghost is consulted
 * only on a miss, and its memory is a few typed arrays.
 *
 * Layout: numbered slots (0 is the sentinel), the key in a plain array and everything else in
 * one record of four 32-bit words per slot — newer and older neighbour in the FIFO (a circular
 * doubly linked list), 32-bit hash (`hashKey`), size — so touching a ghost entry costs one
 * cache line, not four (the ghost is touched on every miss, in random places). An
 * open-addressing table of slot numbers (linear probing, at most half full, backward-shift
 * deletion so no tombstones accumulate) finds a key's slot. Arrays grow geometrically up to
 * `limit` keys, so a huge cache costs nothing until its ghost fills.
 */
export class GhostQueue<K> {
  /** Number of keys remembered. */
  count = 0;
  /** Sum of the sizes of the keys remembered. */
  totalSize = 0;
  private keyList: (K | undefined)[] = [undefined];
  /** Per slot: `[older, newer, hash, size]` (see the offsets below); slot 0's links are the list's ends. */
  private records: Uint32Array;
  /** Open-addressing table of slot numbers (0 = empty); its length is a power of two. */
  private buckets: Uint32Array;
  private mask: number;
  private freeSlots: number[] = [];
  private highestSlot = 0;

  /** @param limit - the most keys the ghost will ever hold (its arrays never grow past it). */
  constructor(private readonly limit: number) {
    const slots = Math.min(INITIAL_SLOTS, limit) + 1;
    this.records = new Uint32Array(slots * RECORD);
    this.buckets = new Uint32Array(bucketsFor(slots));
    this.mask = this.buckets.length - 1;
  }

  /** Remembers `key` (not already remembered) with `size`, as the newest key. */
  push(key: K, size: number): void {
    const slot = this.freshSlot();
    const hash = hashKey(key, 0);
    const records = this.records;
    const at = slot * RECORD;
    const head = records[OLDER];
    records[at + OLDER] = head;
    records[at + NEWER] = 0;
    records[at + HASH] = hash;
    records[at + SIZE] = size;
    records[head * RECORD + NEWER] = slot;
    records[OLDER] = slot;
    this.keyList[slot] = key;
    const buckets = this.buckets;
    const mask = this.mask;
    let bucket = hash & mask;
    while (buckets[bucket] !== 0) bucket = (bucket + 1) & mask;
    buckets[bucket] = slot;
    this.count++;
    this.totalSize += size;
  }

  /** Whether `key` is remembered. */
  has(key: K): boolean {
    return this.find(key, hashKey(key, 0)) !== -1;
  }

  /** Forgets `key` if remembered and returns its size; returns -1 if it was not remembered. */
  take(key: K): number {
    const bucket = this.find(key, hashKey(key, 0));
    if (bucket === -1) return -1;
    const slot = this.buckets[bucket];
    const size = this.records[slot * RECORD + SIZE];
    this.removeAt(bucket, slot);
    return size;
  }

  /** Forgets the oldest key (the ghost must not be empty). */
  dropOldest(): void {
    const slot = this.records[NEWER];
    const buckets = this.buckets;
    const mask = this.mask;
    let bucket = this.records[slot * RECORD + HASH] & mask;
    while (buckets[bucket] !== slot) bucket = (bucket + 1) & mask;
    this.removeAt(bucket, slot);
  }

  /** Keys from newest to oldest. */
  *keys(): IterableIterator<K> {
    for (let slot = this.records[OLDER]; slot !== 0; slot = this.records[slot * RECORD + OLDER]) yield this.keyList[slot] as K;
  }

  /** Forgets every key and shrinks back to the initial size. */
  clear(): void {
    const fresh = new GhostQueue<K>(this.limit);
    this.keyList = fresh.keyList;
    this.records = fresh.records;
    this.buckets = fresh.buckets;
    this.mask = fresh.mask;
    this.freeSlots = [];
    this.highestSlot = 0;
    this.count = 0;
    this.totalSize = 0;
  }

  /** The bucket holding `key`'s slot, or -1. */
  private find(key: K, hash: number): number {
    const buckets = this.buckets;
    const records = this.records;
    const mask = this.mask;
    for (let bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      const slot = buckets[bucket];
      if (slot === 0) return -1;
      if (records[slot * RECORD + HASH] === hash) {
        const stored = this.keyList[slot];
        // SameValueZero, as a Map compares keys (NaN is one key; hashKey already maps -0 to 0).
        if (stored === key || (stored !== stored && key !== key)) return bucket;
      }
    }
  }

  /** Unlinks `slot`, frees it and empties `bucket`, shifting later entries of its probe run back. */
  private removeAt(bucket: number, slot: number): void {
    const records = this.records;
    const at = slot * RECORD;
    const older = records[at + OLDER];
    const newer = records[at + NEWER];
    records[newer * RECORD + OLDER] = older;
    records[older * RECORD + NEWER] = newer;
    this.count--;
    this.totalSize -= records[at + SIZE];
    this.keyList[slot] = undefined;
    this.freeSlots.push(slot);
    const buckets = this.buckets;
    const mask = this.mask;
    let hole = bucket;
    for (let probe = (bucket + 1) & mask; buckets[probe] !== 0; probe = (probe + 1) & mask) {
      const moved = buckets[probe];
      // An entry may fill the hole only if the hole lies on its probe path (from its home bucket to here).
      if (((probe - (records[moved * RECORD + HASH] & mask)) & mask) >= ((probe - hole) & mask)) {
        buckets[hole] = moved;
        hole = probe;
      }
    }
    buckets[hole] = 0;
  }

  private freshSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop() as number;
    const slot = ++this.highestSlot;
    if (slot * RECORD >= this.records.length) this.grow(slot);
    this.keyList.push(undefined);
    return slot;
  }

  /** Grows the records to hold `slot`, and the table with them (rehashing every key). */
  private grow(slot: number): void {
    const slots = grownLength(this.records.length / RECORD, slot, this.limit);
    this.records = growUint32(this.records, slots * RECORD);
    const buckets = new Uint32Array(bucketsFor(slots));
    const mask = buckets.length - 1;
    const records = this.records;
    for (let used = records[OLDER]; used !== 0; used = records[used * RECORD + OLDER]) {
      let bucket = records[used * RECORD + HASH] & mask;
      while (buckets[bucket] !== 0) bucket = (bucket + 1) & mask;
      buckets[bucket] = used;
    }
    this.buckets = buckets;
    this.mask = mask;
  }
}

/** Words per slot record, and their offsets: `OLDER` walks from the newest key (slot 0's `OLDER`) towards the oldest. */
const RECORD = 4;
const OLDER = 0;
const NEWER = 1;
const HASH = 2;
const SIZE = 3;

/** A power-of-two table length at least twice `slots`: linear probing stays short at load ≤ ½. */
function bucketsFor(slots: number): number {
  let length = 16;
  while (length < 2 * slots) length *= 2;
  return length;
}
