import { hashKeyMixed } from './key-hash';
import { isInlineKey, type KeyIndex } from './key-index';
import { RingHashIndex } from './ring-hash-index';

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
 * Where its keys are found depends on where the cache's {@link KeyIndex} keeps them:
 * - **Integer keys** (held inline in the index's typed-array table) live in that same index,
 *   tagged (see {@link GHOST_TAG}). Why share: S3-FIFO's misses are what make it costlier than
 *   LRU, and with one index a miss finds out whether the key is a ghost in the lookup it makes
 *   anyway; an entry evicted to the ghost has its index entry re-pointed in place (one probe)
 *   instead of being deleted from one table and inserted into another; a revived key's tag is
 *   overwritten by its new slot.
 * - **Other keys** (strings…, which the index keeps in a `Map`) are found by their hash in the
 *   ghost's own {@link RingHashIndex}, and leave the cache's index when pushed. Why not tag them
 *   in the `Map` too: every ghost push and drop would then be a `Map` operation on a key string
 *   evicted long ago (cold in the CPU cache); here a drop reads no key at all, and a lookup
 *   hashes the key in hand.
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
  /** The hash of the key in each ring position, for keys found through `hashed` (else unused). */
  private ringHashes: Int32Array;
  /** 1 where the ring position's key is found through `hashed`, 0 where it is tagged in the index. */
  private ringHashed: Uint8Array;
  /** Finds the keys the cache's index does not hold inline. */
  private readonly hashed = new RingHashIndex<K>();
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
    this.ringHashes = new Int32Array(INITIAL_LENGTH);
    this.ringHashed = new Uint8Array(INITIAL_LENGTH);
    this.mask = INITIAL_LENGTH - 1;
  }

  /**
   * Remembers `key` (not already remembered) with `size` (a positive integer), as the newest
   * key. The ghost takes over the key's index entry, if any (the cache's slot of the entry being
   * evicted): an integer key's is overwritten with the ghost's tag, another key's is deleted.
   * `hash` must be {@link hashOf}(`key`): a cache that kept it from the key's insertion saves
   * reading a key string that has long left the CPU cache.
   */
  push(key: K, size: number, hash: number = this.hashOf(key)): void {
    if (((this.head - this.tail) & SEQUENCE_MASK) > this.mask) this.makeRoom();
    const seq = this.head;
    const at = seq & this.mask;
    this.ringKeys[at] = key;
    this.ringSizes[at] = size;
    this.head = (seq + 1) & SEQUENCE_MASK;
    if (isInlineKey(key)) {
      this.ringHashed[at] = 0;
      this.index.set(key, GHOST_TAG + seq);
    } else {
      this.ringHashed[at] = 1;
      this.ringHashes[at] = hash;
      this.hashed.insert(hash, seq);
      this.index.delete(key);
    }
    this.count++;
    this.totalSize += size;
  }

  /**
   * The hash the ghost finds `key` by: 0 for an integer key (found through its tag in the index),
   * else a 32-bit hash of it.
   */
  hashOf(key: K): number {
    return isInlineKey(key) ? 0 : hashKeyMixed(key, HASH_SEED);
  }

  /** Whether `key` is remembered. */
  has(key: K): boolean {
    return this.seqOf(key, this.index.get(key), this.hashOf(key)) !== -1;
  }

  /**
   * Forgets `key` if remembered (index entry included) and returns its size; returns -1 if it was
   * not remembered. `hash` must be {@link hashOf}(`key`).
   */
  take(key: K, hash: number = this.hashOf(key)): number {
    const indexed = this.index.get(key);
    const seq = this.seqOf(key, indexed, hash);
    if (seq === -1) return -1;
    if (indexed !== undefined) this.index.delete(key);
    return this.forget(seq);
  }

  /**
   * Forgets the integer key whose index value is `tagged` (≥ {@link GHOST_TAG}, as the caller
   * just read it) and returns its size, but leaves the key's index entry for the caller to
   * overwrite at once (the cache storing that key again): until then it is stale and must not be read.
   */
  forgetTagged(tagged: number): number {
    return this.forget(tagged - GHOST_TAG);
  }

  /**
   * Forgets `key`, a key the index does not hold inline (not an integer), if remembered, and
   * returns its size; returns -1 if it was not remembered. `hash` must be {@link hashOf}(`key`).
   */
  takeHashed(key: K, hash: number): number {
    if (this.hashed.size === 0) return -1;
    const seq = this.hashed.find(hash, key, this.ringKeys, this.mask);
    return seq === -1 ? -1 : this.forget(seq);
  }

  /** Forgets the oldest key (the ghost must not be empty). */
  dropOldest(): void {
    const sizes = this.ringSizes;
    const mask = this.mask;
    let seq = this.tail;
    while (sizes[seq & mask] === 0) seq = (seq + 1) & SEQUENCE_MASK;
    const at = seq & mask;
    if (this.ringHashed[at] === 1) this.hashed.remove(this.ringHashes[at], seq);
    else this.index.delete(this.ringKeys[at] as K);
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
    for (const key of this.keys()) if (isInlineKey(key)) this.index.delete(key);
    this.hashed.clear();
    this.ringKeys = new Array<K | undefined>(INITIAL_LENGTH).fill(undefined);
    this.ringSizes = new Uint32Array(INITIAL_LENGTH);
    this.ringHashes = new Int32Array(INITIAL_LENGTH);
    this.ringHashed = new Uint8Array(INITIAL_LENGTH);
    this.mask = INITIAL_LENGTH - 1;
    this.tail = 0;
    this.head = 0;
    this.count = 0;
    this.totalSize = 0;
  }

  /**
   * The sequence number of `key` if remembered, else -1, given what the index holds for it
   * (`indexed`: a tag for an integer key, nothing for another) and its `hash`.
   */
  private seqOf(key: K, indexed: number | undefined, hash: number): number {
    if (indexed !== undefined) return indexed >= GHOST_TAG ? indexed - GHOST_TAG : -1;
    if (this.hashed.size === 0 || isInlineKey(key)) return -1;
    return this.hashed.find(hash, key, this.ringKeys, this.mask);
  }

  /** Forgets the key with sequence number `seq`: out of the hash index if found there, then a hole. */
  private forget(seq: number): number {
    const at = seq & this.mask;
    if (this.ringHashed[at] === 1) this.hashed.remove(this.ringHashes[at], seq);
    return this.hole(at);
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

  /** Copies the keys into a ring of `length` positions; with `squeeze`, without holes, each renumbered. */
  private rebuild(length: number, squeeze: boolean): void {
    const keys = new Array<K | undefined>(length).fill(undefined);
    const sizes = new Uint32Array(length);
    const hashes = new Int32Array(length);
    const hashedFlags = new Uint8Array(length);
    const mask = length - 1;
    // Renumbering changes the sequence numbers the hash index holds: it is refilled below.
    if (squeeze) this.hashed.clear();
    let next = this.tail;
    for (let seq = this.tail; seq !== this.head; seq = (seq + 1) & SEQUENCE_MASK) {
      const at = seq & this.mask;
      const size = this.ringSizes[at];
      if (size === 0 && squeeze) continue;
      const to = (squeeze ? next : seq) & mask;
      keys[to] = this.ringKeys[at];
      sizes[to] = size;
      hashes[to] = this.ringHashes[at];
      hashedFlags[to] = this.ringHashed[at];
      if (squeeze) {
        if (this.ringHashed[at] === 1) this.hashed.insert(this.ringHashes[at], next);
        else this.index.set(this.ringKeys[at] as K, GHOST_TAG + next);
        next = (next + 1) & SEQUENCE_MASK;
      }
    }
    if (squeeze) this.head = next;
    this.ringKeys = keys;
    this.ringSizes = sizes;
    this.ringHashes = hashes;
    this.ringHashed = hashedFlags;
    this.mask = mask;
  }
}

/** Sequence numbers wrap here (2³¹), so a tag stays below 2³² and a ring position is `seq & mask`. */
const SEQUENCE_MASK = 0x7fffffff;
/** Seed of the hashes of keys found through the hash index (any fixed value: lookups confirm the key). */
const HASH_SEED = 0x2545f491;
/** Ring positions an empty ghost starts with (a power of two). */
const INITIAL_LENGTH = 64;

/** The largest ring a ghost of `limit` keys needs: twice its count, rounded up to a power of two (holes fill at most half). */
function ringLengthFor(limit: number): number {
  let length = INITIAL_LENGTH;
  while (length < limit * 2) length *= 2;
  return length;
}
