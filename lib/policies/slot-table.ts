import { GHOST_TAG } from './ghost-queue';
import { INITIAL_SLOTS, grownLength, growUint32, growUint8 } from './grow';
import { KeyIndex } from './key-index';

/**
 * The storage the FIFO-family policies (FIFO, CLOCK, SIEVE, S3-FIFO) share: numbered slots
 * holding key, value, size and a small per-entry counter, a {@link KeyIndex} of slots, and circular
 * doubly linked queues of slot numbers in `Uint32Array`s (no `Map` insertion-order tricks: the
 * order lives in the links, so deletes leave no tombstones to skip).
 *
 * Queue convention (libCacheSim's): slots `0 … queues-1` are sentinels, one per queue;
 * `next[q]` is the queue's head (newest), `prev[q]` its tail (oldest); `next` walks towards
 * the tail, `prev` towards the head. Arrays grow geometrically as slots are handed out, up to
 * `entryLimit` entries, so an empty cache with a huge capacity costs nothing.
 *
 * Evicted entries are collected and reported to the listener by {@link flushEvictions}, after
 * the policy has finished its `set`, so a listener that reads or writes the cache sees a
 * consistent state.
 *
 * The index may also hold keys that are not stored: S3-FIFO's ghost records its keys there with
 * values of `GHOST_TAG` and up (see `GhostQueue`). {@link slotOf} filters them out; a policy
 * without a ghost may read `index` directly.
 */
export class SlotTable<K, V> {
  readonly index = new KeyIndex<K>();
  keyList: (K | undefined)[] = [];
  valueList: (V | undefined)[] = [];
  /** Size of each entry (1 in a count-bounded cache). */
  sizes: Uint32Array;
  /** A per-entry counter for the policy: visited bit, clock bits, S3-FIFO frequency. */
  counter: Uint8Array;
  /** A per-entry hash for the policy: S3-FIFO keeps its ghost's hash of each key here (see `GhostQueue.hashOf`). */
  hashes: Uint32Array;
  /** Which queue (sentinel number) holds each slot. */
  queueOf: Uint8Array;
  next: Uint32Array;
  prev: Uint32Array;
  /** Sum of `sizes` over stored entries. */
  totalSize = 0;
  /** Number of stored entries. */
  count = 0;
  evictions = 0;
  private freeSlots: number[] = [];
  private highestSlot: number;
  private pendingKeys: K[] = [];
  private pendingValues: V[] = [];

  /**
   * @param queues - how many queues share the slots (each gets a sentinel).
   * @param entryLimit - the most entries the table may hold (arrays never grow past it).
   * @param listener - the cache's `onEvict`, if any.
   */
  constructor(
    private readonly queues: number,
    private readonly entryLimit: number,
    private readonly listener: ((key: K, value: V) => void) | undefined,
  ) {
    const length = Math.min(INITIAL_SLOTS, entryLimit) + queues;
    this.sizes = new Uint32Array(length);
    this.counter = new Uint8Array(length);
    this.hashes = new Uint32Array(length);
    this.queueOf = new Uint8Array(length);
    this.next = new Uint32Array(length);
    this.prev = new Uint32Array(length);
    this.highestSlot = queues - 1;
    for (let q = 0; q < queues; q++) {
      this.keyList.push(undefined);
      this.valueList.push(undefined);
      this.next[q] = q;
      this.prev[q] = q;
    }
  }

  /** Empties the table (keeps the eviction count) and shrinks it back to its initial size. */
  clear(): void {
    const fresh = new SlotTable<K, V>(this.queues, this.entryLimit, this.listener);
    fresh.evictions = this.evictions;
    this.index.clear();
    this.keyList = fresh.keyList;
    this.valueList = fresh.valueList;
    this.sizes = fresh.sizes;
    this.counter = fresh.counter;
    this.hashes = fresh.hashes;
    this.queueOf = fresh.queueOf;
    this.next = fresh.next;
    this.prev = fresh.prev;
    this.totalSize = 0;
    this.count = 0;
    this.freeSlots = [];
    this.highestSlot = this.queues - 1;
  }

  /** Stores a new entry in a fresh slot (not yet in any queue) and returns the slot. */
  allocate(key: K, value: V, size: number): number {
    let slot: number;
    if (this.freeSlots.length > 0) {
      slot = this.freeSlots.pop() as number;
      this.keyList[slot] = key;
      this.valueList[slot] = value;
    } else {
      slot = ++this.highestSlot;
      if (slot >= this.next.length) this.grow(slot);
      this.keyList.push(key);
      this.valueList.push(value);
    }
    this.sizes[slot] = size;
    this.counter[slot] = 0;
    this.totalSize += size;
    this.count++;
    this.index.set(key, slot);
    return slot;
  }

  /** The slot of a stored `key`, or `undefined` (also for a key the index holds only as a ghost). */
  slotOf(key: K): number | undefined {
    const slot = this.index.get(key);
    return slot !== undefined && slot < GHOST_TAG ? slot : undefined;
  }

  /** Replaces the value (and size) of a stored entry. */
  update(slot: number, value: V, size: number): void {
    this.valueList[slot] = value;
    this.totalSize += size - this.sizes[slot];
    this.sizes[slot] = size;
  }

  /** Removes a stored entry from its queue, the index and its slot (no listener call). */
  remove(slot: number): void {
    this.index.delete(this.keyList[slot] as K);
    this.release(slot);
  }

  /** Removes an entry as an eviction: counted, and queued for the listener. */
  evict(slot: number): void {
    this.recordEviction(slot);
    this.remove(slot);
  }

  /**
   * {@link evict} for an entry whose index entry the caller has already taken over (S3-FIFO's
   * ghost re-points or deletes it, see `GhostQueue.push`): the index is left alone.
   */
  evictReindexed(slot: number): void {
    this.recordEviction(slot);
    this.release(slot);
  }

  /** Frees `slot`: out of its queue, key and value dropped, counts updated; the index is the caller's. */
  private release(slot: number): void {
    this.unlink(slot);
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.totalSize -= this.sizes[slot];
    this.count--;
    this.freeSlots.push(slot);
  }

  private recordEviction(slot: number): void {
    this.evictions++;
    if (this.listener !== undefined) {
      this.pendingKeys.push(this.keyList[slot] as K);
      this.pendingValues.push(this.valueList[slot] as V);
    }
  }

  /**
   * Evicts the entry in `slot` and stores a new one of size 1 in the same slot, unlinked (the
   * caller links it): a count-bounded cache's "one out, one in" without the free-slot round trip.
   */
  replace(slot: number, key: K, value: V): void {
    const evictedKey = this.keyList[slot] as K;
    this.recordEviction(slot);
    this.unlink(slot);
    this.index.delete(evictedKey);
    this.keyList[slot] = key;
    this.valueList[slot] = value;
    this.counter[slot] = 0;
    this.index.set(key, slot);
  }

  /** Reports the evictions collected since the last call to the listener, oldest first. */
  flushEvictions(): void {
    if (this.pendingKeys.length === 0 || this.listener === undefined) return;
    const keys = this.pendingKeys;
    const values = this.pendingValues;
    this.pendingKeys = [];
    this.pendingValues = [];
    for (let i = 0; i < keys.length; i++) this.listener(keys[i], values[i]);
  }

  /** Links `slot` at the head (newest end) of queue `queue`. */
  pushHead(queue: number, slot: number): void {
    const head = this.next[queue];
    this.next[slot] = head;
    this.prev[slot] = queue;
    this.prev[head] = slot;
    this.next[queue] = slot;
    this.queueOf[slot] = queue;
  }

  /** Unlinks `slot` from its queue. */
  unlink(slot: number): void {
    const older = this.next[slot];
    const newer = this.prev[slot];
    this.next[newer] = older;
    this.prev[older] = newer;
  }

  /** The tail (oldest entry) of `queue`, or the sentinel `queue` itself when it is empty. */
  tail(queue: number): number {
    return this.prev[queue];
  }

  /** Keys of `queue` from head (newest) to tail (oldest). */
  *queueKeys(queue: number): IterableIterator<K> {
    for (let slot = this.next[queue]; slot !== queue; slot = this.next[slot]) yield this.keyList[slot] as K;
  }

  private grow(slot: number): void {
    const length = grownLength(this.next.length, slot, this.entryLimit + this.queues - 1);
    this.sizes = growUint32(this.sizes, length);
    this.counter = growUint8(this.counter, length);
    this.hashes = growUint32(this.hashes, length);
    this.queueOf = growUint8(this.queueOf, length);
    this.next = growUint32(this.next, length);
    this.prev = growUint32(this.prev, length);
  }
}
