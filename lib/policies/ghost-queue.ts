import type { KeyIndex } from './key-index';

/**
 * Index values from here up mark ghost keys: a ghost shares its cache's {@link KeyIndex}, and a
 * ghost key's entry there is `GHOST_TAG + its sequence number` (cache slots stay below 2³¹).
 */
export const GHOST_TAG = 0x80000000;

/**
 * A ghost queue: keys recently evicted from a cache (no values), each with its size, oldest
 * forgotten first — S3-FIFO's ghost. It answers "is this key remembered?" in O(1) and is exact
 * (keys are compared as a `Map` compares them; a key taken out makes room, so the oldest stays
 * longer), so miss ratios stay those of libCacheSim's exact ghost.
 *
 * Its keys live in the cache's own {@link KeyIndex}, tagged (see {@link GHOST_TAG}). Why share:
 * S3-FIFO's misses are what make it costlier than LRU, and with one index a miss finds out
 * whether the key is a ghost in the lookup it makes anyway; an entry evicted to the ghost has
 * its index entry re-pointed in place (one probe) instead of being deleted from one table and
 * inserted into another; a revived key's tag is overwritten by its new slot.
 *
 * Layout: a ring of keys and sizes in push order. Each push takes the next sequence number; a
 * key's position in the ring is its sequence number modulo the ring's length (a power of two),
 * and its tag in the index carries the sequence number, so growing the ring moves no tag. A key
 * taken out of the middle leaves a hole (size 0) that `dropOldest` skips: no links to maintain,
 * and pushes and drops walk memory in order. Holes are squeezed out (and tags renumbered) when
 * they fill half the ring, so the ring stays within twice the ghost's largest count.
 */
export class GhostQueue<K> {
  /** Number of keys remembered. */
  count = 0;
  /** Sum of the sizes of the keys remembered. */
  totalSize = 0;
  private ringKeys: (K | undefined)[];
  /** The size of the key in each ring position; 0 marks a hole (taken or dropped). */
  private ringSizes: Uint32Array;
  private mask: number;
  /** Sequence number of the oldest position still in the ring (it may be a hole). */
  private tail = 0;
  /** Sequence number the next push takes. Sequence numbers wrap at 2³¹. */
  private head = 0;

  /**
   * @param limit - the most keys the ghost will ever hold.
   * @param index - the index the ghost records its keys in (shared with the cache's entries).
   */
  constructor(
    private readonly limit: number,
    private readonly index: KeyIndex<K>,
  ) {
    this.ringKeys = new Array<K | undefined>(INITIAL_LENGTH).fill(undefined);
    this.ringSizes = new Uint32Array(INITIAL_LENGTH);
    this.mask = INITIAL_LENGTH - 1;
  }

  /**
   * Remembers `key` (not already remembered) with `size` (a positive integer), as the newest
   * key. Its index entry, if any (the cache's slot of the entry being evicted), is overwritten
   * with the ghost's tag.
   */
  push(key: K, size: number): void {
    if (((this.head - this.tail) & SEQUENCE_MASK) > this.mask) this.makeRoom();
    const seq = this.head;
    const at = seq & this.mask;
    this.ringKeys[at] = key;
    this.ringSizes[at] = size;
    this.head = (seq + 1) & SEQUENCE_MASK;
    this.index.set(key, GHOST_TAG + seq);
    this.count++;
    this.totalSize += size;
  }

  /** Whether `key` is remembered. */
  has(key: K): boolean {
    const value = this.index.get(key);
    return value !== undefined && value >= GHOST_TAG;
  }

  /** Forgets `key` if remembered (index entry included) and returns its size; returns -1 if it was not remembered. */
  take(key: K): number {
    const value = this.index.get(key);
    if (value === undefined || value < GHOST_TAG) return -1;
    this.index.delete(key);
    return this.hole((value - GHOST_TAG) & this.mask);
  }

  /**
   * Forgets the key whose index value is `tagged` (≥ {@link GHOST_TAG}, as the caller just read
   * it) and returns its size, but leaves the key's index entry for the caller to overwrite at
   * once (the cache storing that key again): until then the entry is stale and must not be read.
   */
  forgetTagged(tagged: number): number {
    return this.hole((tagged - GHOST_TAG) & this.mask);
  }

  /** Forgets the oldest key (the ghost must not be empty). */
  dropOldest(): void {
    const sizes = this.ringSizes;
    const mask = this.mask;
    let seq = this.tail;
    while (sizes[seq & mask] === 0) seq = (seq + 1) & SEQUENCE_MASK;
    const at = seq & mask;
    this.index.delete(this.ringKeys[at] as K);
    this.hole(at);
    this.tail = (seq + 1) & SEQUENCE_MASK;
  }

  /** Keys from newest to oldest. */
  *keys(): IterableIterator<K> {
    for (let seq = this.head; seq !== this.tail; ) {
      seq = (seq - 1) & SEQUENCE_MASK;
      const at = seq & this.mask;
      if (this.ringSizes[at] !== 0) yield this.ringKeys[at] as K;
    }
  }

  /** Forgets every key (removing them from the index) and shrinks back to the initial size. */
  clear(): void {
    for (const key of this.keys()) this.index.delete(key);
    this.ringKeys = new Array<K | undefined>(INITIAL_LENGTH).fill(undefined);
    this.ringSizes = new Uint32Array(INITIAL_LENGTH);
    this.mask = INITIAL_LENGTH - 1;
    this.tail = 0;
    this.head = 0;
    this.count = 0;
    this.totalSize = 0;
  }

  /** Turns ring position `at` (holding a key) into a hole; returns the key's size. */
  private hole(at: number): number {
    const size = this.ringSizes[at];
    this.ringSizes[at] = 0;
    this.ringKeys[at] = undefined;
    this.count--;
    this.totalSize -= size;
    return size;
  }

  /**
   * The ring is full: skip the holes at the tail; if that is not enough, squeeze all holes out
   * when they are at least half the ring (renumbering the keys' tags), else double the ring.
   */
  private makeRoom(): void {
    const sizes = this.ringSizes;
    while (this.tail !== this.head && sizes[this.tail & this.mask] === 0) this.tail = (this.tail + 1) & SEQUENCE_MASK;
    const used = (this.head - this.tail) & SEQUENCE_MASK;
    if (used <= this.mask) return;
    const length = this.count * 2 <= used ? used : Math.min(used * 2, ringLengthFor(this.limit));
    this.rebuild(length, this.count * 2 <= used);
  }

  /** Copies the keys into a ring of `length` positions; with `squeeze`, without holes, each re-tagged. */
  private rebuild(length: number, squeeze: boolean): void {
    const keys = new Array<K | undefined>(length).fill(undefined);
    const sizes = new Uint32Array(length);
    const mask = length - 1;
    let next = this.tail;
    for (let seq = this.tail; seq !== this.head; seq = (seq + 1) & SEQUENCE_MASK) {
      const at = seq & this.mask;
      const size = this.ringSizes[at];
      if (size === 0 && squeeze) continue;
      const to = (squeeze ? next : seq) & mask;
      keys[to] = this.ringKeys[at];
      sizes[to] = size;
      if (squeeze) {
        this.index.set(this.ringKeys[at] as K, GHOST_TAG + next);
        next = (next + 1) & SEQUENCE_MASK;
      }
    }
    if (squeeze) this.head = next;
    this.ringKeys = keys;
    this.ringSizes = sizes;
    this.mask = mask;
  }
}

/** Sequence numbers wrap here (2³¹), so a tag stays below 2³² and a ring position is `seq & mask`. */
const SEQUENCE_MASK = 0x7fffffff;
/** Ring positions an empty ghost starts with (a power of two). */
const INITIAL_LENGTH = 64;

/** The largest ring a ghost of `limit` keys needs: twice its count, rounded up to a power of two (holes fill at most half). */
function ringLengthFor(limit: number): number {
  let length = INITIAL_LENGTH;
  while (length < limit * 2) length *= 2;
  return length;
}
