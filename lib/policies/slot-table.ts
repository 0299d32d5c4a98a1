import { INITIAL_SLOTS, grownLength, growUint32 } from './grow';
import { KeyIndex } from './key-index';

/**
 * The storage the FIFO-family policies (FIFO, CLOCK, SIEVE, S3-FIFO) share: numbered slots
 * holding key, value, size and a small per-entry counter, a {@link KeyIndex} of slots, and circular
 * doubly linked queues of slot numbers (no `Map` insertion-order tricks: the order lives in the
 * links, so deletes leave no tombstones to skip).
 *
 * Layout: keys and values sit in two plain arrays; a slot's links, counter and queue share one
 * 16-byte record in `slots` (four 32-bit words per slot), so that what an eviction or a hit reads
 * and writes about one entry is one cache line, not one per array. Sizes are stored only in a
 * size-bounded table (`sized`); in a count-bounded one every entry weighs 1.
 *
 * Queue convention (libCacheSim's): slots `0 … queues-1` are sentinels, one per queue; a
 * sentinel's `next` is its queue's head (newest), its `prev` the tail (oldest); `next` walks
 * towards the tail, `prev` towards the head. Arrays grow geometrically as slots are handed out,
 * up to `entryLimit` entries, so an empty cache with a huge capacity costs nothing.
 *
 * Evicted entries are collected and reported to the listener by {@link flushEvictions}, after
 * the policy has finished its `set`, so a listener that reads or writes the cache sees a
 * consistent state.
 *
 * Ghosts (S3-FIFO's): a table built with `ghostSlots` > 0 makes its last queue a ghost queue,
 * whose slots hold keys that are remembered but not stored (no value; not counted in `count` or
 * `totalSize`; a ghost keeps the size its entry had). A ghost keeps its slot and its index
 * entry, so an entry evicted to the ghost costs no index operation, and a miss learns whether
 * the key is a ghost from the lookup it makes anyway. {@link slotOf} filters ghosts out; a policy
 * without a ghost may read `index` directly.
 */
export class SlotTable<K, V> {
  readonly index = new KeyIndex<K>();
  keyList: (K | undefined)[] = [];
  valueList: (V | undefined)[] = [];
  /** Sum of the entries' sizes (their number, in a count-bounded table). */
  totalSize = 0;
  /** Number of stored entries. */
  count = 0;
  evictions = 0;
  /** The ghost queue's number (the last queue), or -1 (matching no slot) in a table without ghosts. */
  readonly ghostQueue: number;
  /** `WORDS` words per slot: `NEXT`, `PREV`, `COUNTER`, `QUEUE` (see their notes). */
  private slots: Uint32Array;
  /** Each entry's size, in a size-bounded table only (empty otherwise). */
  private sizes: Uint32Array;
  private freeSlots: number[] = [];
  private highestSlot: number;
  private pendingKeys: K[] = [];
  private pendingValues: V[] = [];

  /**
   * @param queues - how many queues share the slots (each gets a sentinel).
   * @param entryLimit - the most entries the table may hold (arrays never grow past it).
   * @param listener - the cache's `onEvict`, if any.
   * @param sized - whether entries have sizes (a `maxSize` cache); if not, each weighs 1.
   * @param ghostSlots - the most ghosts the table will hold besides its entries; if positive,
   *   the last queue is the ghost queue.
   */
  constructor(
    private readonly queues: number,
    private readonly entryLimit: number,
    private readonly listener: ((key: K, value: V) => void) | undefined,
    private readonly sized: boolean,
    readonly ghostSlots = 0,
  ) {
    this.ghostQueue = ghostSlots > 0 ? queues - 1 : -1;
    const length = Math.min(INITIAL_SLOTS, entryLimit) + queues;
    this.slots = new Uint32Array(length * WORDS);
    this.sizes = new Uint32Array(sized ? length : 0);
    this.highestSlot = queues - 1;
    for (let q = 0; q < queues; q++) {
      this.keyList.push(undefined);
      this.valueList.push(undefined);
      this.slots[q * WORDS + NEXT] = q;
      this.slots[q * WORDS + PREV] = q;
    }
  }

  /** Empties the table (keeps the eviction count) and shrinks it back to its initial size. */
  clear(): void {
    const fresh = new SlotTable<K, V>(this.queues, this.entryLimit, this.listener, this.sized, this.ghostSlots);
    this.index.clear();
    this.keyList = fresh.keyList;
    this.valueList = fresh.valueList;
    this.slots = fresh.slots;
    this.sizes = fresh.sizes;
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
    } else {
      slot = ++this.highestSlot;
      if (slot * WORDS >= this.slots.length) this.grow(slot);
      // Filled by `store`; pushed in order so the arrays stay packed.
      this.keyList.push(undefined);
      this.valueList.push(undefined);
    }
    this.store(slot, key, value, size);
    this.index.set(key, slot);
    return slot;
  }

  /** The slot of a stored `key`, or `undefined` (also for a key the table holds only as a ghost). */
  slotOf(key: K): number | undefined {
    const slot = this.index.get(key);
    return slot !== undefined && this.slots[slot * WORDS + QUEUE] !== this.ghostQueue ? slot : undefined;
  }

  /** Replaces the value (and size) of a stored entry. */
  update(slot: number, value: V, size: number): void {
    this.valueList[slot] = value;
    if (!this.sized) return;
    this.totalSize += size - this.sizes[slot];
    this.sizes[slot] = size;
  }

  /** The size of the entry in `slot` (1 in a count-bounded table). */
  size(slot: number): number {
    return this.sized ? this.sizes[slot] : 1;
  }

  /** The policy's counter of the entry in `slot` (0 for a new entry). */
  counter(slot: number): number {
    return this.slots[slot * WORDS + COUNTER];
  }

  /** Sets the policy's counter of the entry in `slot` (a 32-bit unsigned integer). */
  setCounter(slot: number, value: number): void {
    this.slots[slot * WORDS + COUNTER] = value;
  }

  /** Which queue (its sentinel number) holds `slot`. */
  queueOf(slot: number): number {
    return this.slots[slot * WORDS + QUEUE];
  }

  /** The next newer slot of `slot`'s queue (towards the head; for a sentinel, the tail). */
  prev(slot: number): number {
    return this.slots[slot * WORDS + PREV];
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
   * Evicts the entry in `slot` (counted, queued for the listener) but keeps its key, its size
   * and its index entry: the slot becomes the newest ghost (the table must have a ghost queue).
   */
  evictToGhost(slot: number): void {
    this.recordEviction(slot);
    this.vacate(slot);
    this.pushHead(this.ghostQueue, slot);
  }

  /**
   * Stores a new entry in the ghost `slot` of the same key, which the caller has unlinked from
   * the ghost queue (the caller links it where the policy says): no index operation.
   */
  revive(slot: number, key: K, value: V, size: number): void {
    this.store(slot, key, value, size);
  }

  /** Forgets the ghost in `slot`, which the caller has unlinked from the ghost queue: its key leaves the index, the slot is freed. */
  forget(slot: number): void {
    this.index.delete(this.keyList[slot] as K);
    this.freeSlot(slot);
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
    this.slots[slot * WORDS + COUNTER] = 0;
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
    const slots = this.slots;
    const head = slots[queue * WORDS + NEXT];
    const at = slot * WORDS;
    slots[at + NEXT] = head;
    slots[at + PREV] = queue;
    slots[at + QUEUE] = queue;
    slots[head * WORDS + PREV] = slot;
    slots[queue * WORDS + NEXT] = slot;
  }

  /** Unlinks `slot` from its queue. */
  unlink(slot: number): void {
    const slots = this.slots;
    const older = slots[slot * WORDS + NEXT];
    const newer = slots[slot * WORDS + PREV];
    slots[newer * WORDS + NEXT] = older;
    slots[older * WORDS + PREV] = newer;
  }

  /** The tail (oldest entry) of `queue`, or the sentinel `queue` itself when it is empty. */
  tail(queue: number): number {
    return this.slots[queue * WORDS + PREV];
  }

  /** Keys of `queue` from head (newest) to tail (oldest). */
  *queueKeys(queue: number): IterableIterator<K> {
    const slots = this.slots;
    for (let slot = slots[queue * WORDS + NEXT]; slot !== queue; slot = slots[slot * WORDS + NEXT]) yield this.keyList[slot] as K;
  }

  /** Frees `slot`: out of its queue, key and value dropped, counts updated; the index is the caller's. */
  private release(slot: number): void {
    this.vacate(slot);
    this.freeSlot(slot);
  }

  /** Stores an entry in `slot` (its index entry is the caller's): key, value, size, a zero counter, and the counts. */
  private store(slot: number, key: K, value: V, size: number): void {
    this.keyList[slot] = key;
    this.valueList[slot] = value;
    if (this.sized) this.sizes[slot] = size;
    this.slots[slot * WORDS + COUNTER] = 0;
    this.totalSize += size;
    this.count++;
  }

  /** Takes the entry in `slot` out of its queue and out of the counts, dropping its value; its key and size stay. */
  private vacate(slot: number): void {
    this.unlink(slot);
    this.valueList[slot] = undefined;
    this.totalSize -= this.size(slot);
    this.count--;
  }

  /** Drops the key of `slot` and puts the slot on the free stack. */
  private freeSlot(slot: number): void {
    this.keyList[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private recordEviction(slot: number): void {
    this.evictions++;
    if (this.listener !== undefined) {
      this.pendingKeys.push(this.keyList[slot] as K);
      this.pendingValues.push(this.valueList[slot] as V);
    }
  }

  private grow(slot: number): void {
    const length = grownLength(this.slots.length / WORDS, slot, this.entryLimit + this.ghostSlots + this.queues - 1);
    this.slots = growUint32(this.slots, length * WORDS);
    if (this.sized) this.sizes = growUint32(this.sizes, length);
  }
}

/** Words per slot in `slots`: a power of two, so a record never straddles two cache lines. */
const WORDS = 4;
/** The slot's next older neighbour in its queue (for a sentinel: the queue's head). */
const NEXT = 0;
/** The slot's next newer neighbour in its queue (for a sentinel: the queue's tail). */
const PREV = 1;
/** The policy's per-entry counter: visited bit, clock bits, S3-FIFO frequency. */
const COUNTER = 2;
/** Which queue (its sentinel number) holds the slot. */
const QUEUE = 3;
