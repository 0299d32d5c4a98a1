import { INITIAL_SLOTS, grownLength, growUint32 } from './grow';
import { KeyIndex } from './key-index';

/**
 * A ghost queue: keys recently evicted from a cache (no values), each with its size, oldest
 * forgotten first — S3-FIFO's ghost. It answers "is this key remembered?" in O(1) and is exact
 * (keys are compared as a `Map` compares them), so miss ratios stay those of libCacheSim's
 * exact ghost.
 *
 * Why not keep ghost keys in the cache's own index: the ghost holds up to 90 % of the cache's
 * key count, so that index would nearly double, and every `get` — hits included — would pay
 * for the larger table in memory traffic (measured on Zipf: S3-FIFO ran about 1.5× slower with
 * integer keys and 2× with string keys than with the ghost kept apart). Here the ghost is
 * consulted only on a miss.
 *
 * Layout: numbered slots (0 is the sentinel), the key in a plain array and its FIFO links and
 * size in one record of three 32-bit words per slot (one cache line per entry touched); the
 * FIFO order is a circular doubly linked list; a {@link KeyIndex} finds a key's slot. Arrays
 * grow geometrically up to `limit` keys, so a huge cache costs nothing until its ghost fills.
 */
export class GhostQueue<K> {
  /** Number of keys remembered. */
  count = 0;
  /** Sum of the sizes of the keys remembered. */
  totalSize = 0;
  private keyList: (K | undefined)[] = [undefined];
  /** Per slot: `[older, newer, size]`; slot 0's links are the list's ends. */
  private records: Uint32Array;
  private readonly index = new KeyIndex<K>();
  private freeSlots: number[] = [];
  private highestSlot = 0;

  /** @param limit - the most keys the ghost will ever hold (its arrays never grow past it). */
  constructor(private readonly limit: number) {
    this.records = new Uint32Array((Math.min(INITIAL_SLOTS, limit) + 1) * RECORD);
  }

  /** Remembers `key` (not already remembered) with `size`, as the newest key. */
  push(key: K, size: number): void {
    const slot = this.freshSlot();
    const records = this.records;
    const at = slot * RECORD;
    const head = records[OLDER];
    records[at + OLDER] = head;
    records[at + NEWER] = 0;
    records[at + SIZE] = size;
    records[head * RECORD + NEWER] = slot;
    records[OLDER] = slot;
    this.keyList[slot] = key;
    this.index.set(key, slot);
    this.count++;
    this.totalSize += size;
  }

  /** Whether `key` is remembered. */
  has(key: K): boolean {
    return this.index.has(key);
  }

  /** Forgets `key` if remembered and returns its size; returns -1 if it was not remembered. */
  take(key: K): number {
    const slot = this.index.get(key);
    if (slot === undefined) return -1;
    const size = this.records[slot * RECORD + SIZE];
    this.remove(slot);
    return size;
  }

  /** Forgets the oldest key (the ghost must not be empty). */
  dropOldest(): void {
    this.remove(this.records[NEWER]);
  }

  /** Keys from newest to oldest. */
  *keys(): IterableIterator<K> {
    for (let slot = this.records[OLDER]; slot !== 0; slot = this.records[slot * RECORD + OLDER]) yield this.keyList[slot] as K;
  }

  /** Forgets every key and shrinks back to the initial size. */
  clear(): void {
    this.keyList = [undefined];
    this.records = new Uint32Array((Math.min(INITIAL_SLOTS, this.limit) + 1) * RECORD);
    this.index.clear();
    this.freeSlots = [];
    this.highestSlot = 0;
    this.count = 0;
    this.totalSize = 0;
  }

  /** Unlinks `slot`, unindexes its key and frees it. */
  private remove(slot: number): void {
    const records = this.records;
    const at = slot * RECORD;
    const older = records[at + OLDER];
    const newer = records[at + NEWER];
    records[newer * RECORD + OLDER] = older;
    records[older * RECORD + NEWER] = newer;
    this.count--;
    this.totalSize -= records[at + SIZE];
    this.index.delete(this.keyList[slot] as K);
    this.keyList[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private freshSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop() as number;
    const slot = ++this.highestSlot;
    if (slot * RECORD >= this.records.length) {
      this.records = growUint32(this.records, grownLength(this.records.length / RECORD, slot, this.limit) * RECORD);
    }
    this.keyList.push(undefined);
    return slot;
  }
}

/** Words per slot record, and their offsets: `OLDER` walks from the newest key (slot 0's `OLDER`) towards the oldest. */
const RECORD = 3;
const OLDER = 0;
const NEWER = 1;
const SIZE = 2;
