/**
 * Reference solution: a least-frequently-used (LFU) cache with O(1) operations
 * (after Shah, Mitra and Matani, "An O(1) algorithm for implementing the LFU cache eviction
 * scheme", 2010).
 *
 * Entries are grouped in buckets by use count. Each bucket is a doubly linked list ordered by
 * recency: an entry joins the newest end of its bucket when it reaches that count, so the oldest
 * end of a bucket is the least recently used entry of that count, which is the tie-break we want.
 * `minFrequency` tracks the lowest non-empty bucket, so the victim is found without searching:
 * - a use moves the entry from bucket f to f + 1; if bucket f emptied and was the minimum, the
 *   minimum is now f + 1;
 * - a new entry always joins bucket 1, which becomes the minimum.
 * (Plain `Set`s as buckets would read more simply, but V8 makes "first element of a Set after
 * many deletions" slower the bigger the Set: see lru-cache.ts.)
 */

/** Called with the entry a full cache pushed out to make room. */
export type EvictionListener<K, V> = (key: K, value: V) => void;

interface Node<K, V> {
  key: K;
  value: V;
  frequency: number;
  newer: Node<K, V> | undefined;
  older: Node<K, V> | undefined;
}

/** The entries with one use count, from most (newest) to least (oldest) recently used. */
interface Bucket<K, V> {
  newest: Node<K, V> | undefined;
  oldest: Node<K, V> | undefined;
}

/** A fixed-capacity cache that evicts the least frequently used entry (LRU among ties). */
export class LFUCache<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  /** Use count → its non-empty bucket. */
  private readonly buckets = new Map<number, Bucket<K, V>>();
  private minFrequency = 0;
  private readonly maxEntries: number;
  private readonly onEvict: EvictionListener<K, V> | undefined;

  /**
   * @param capacity - the maximum number of entries, a positive integer.
   * @param onEvict - told about every entry evicted for lack of room (not about `delete`).
   * @throws RangeError unless `capacity` is a positive integer.
   */
  constructor(capacity: number, onEvict?: EvictionListener<K, V>) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${String(capacity)}`);
    }
    this.maxEntries = capacity;
    this.onEvict = onEvict;
  }

  /** The value for `key`, counting one more use; `undefined` on a miss. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    this.countUse(node);
    return node.value;
  }

  /**
   * Inserts `key` with one use, or gives an existing key the new value and one more use.
   * Inserting into a full cache first evicts the least frequently used key.
   */
  set(key: K, value: V): void {
    const existing = this.nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.countUse(existing);
      return;
    }
    if (this.nodes.size === this.maxEntries) this.evict();
    const node: Node<K, V> = { key, value, frequency: 1, newer: undefined, older: undefined };
    this.nodes.set(key, node);
    this.join(node);
    this.minFrequency = 1;
  }

  /** True when `key` is cached; no use is counted. */
  has(key: K): boolean {
    return this.nodes.has(key);
  }

  /** The value for `key` without counting a use. */
  peek(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Removes `key` (without calling `onEvict`); true when it was cached. */
  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.nodes.delete(key);
    this.leave(node);
    // minFrequency may now name an empty bucket. That is harmless: the cache is no longer full,
    // and the insertion that fills it again resets minFrequency to 1 before any eviction.
    return true;
  }

  /** The number of cached entries. */
  get size(): number {
    return this.nodes.size;
  }

  /** The maximum number of entries. */
  get capacity(): number {
    return this.maxEntries;
  }

  /** How many uses `key` has had, or `undefined` when it is not cached. */
  frequency(key: K): number | undefined {
    return this.nodes.get(key)?.frequency;
  }

  private countUse(node: Node<K, V>): void {
    const from = node.frequency;
    this.leave(node);
    node.frequency = from + 1;
    this.join(node);
    if (this.minFrequency === from && !this.buckets.has(from)) this.minFrequency = from + 1;
  }

  private evict(): void {
    const victim = (this.buckets.get(this.minFrequency) as Bucket<K, V>).oldest as Node<K, V>;
    this.nodes.delete(victim.key);
    this.leave(victim);
    this.onEvict?.(victim.key, victim.value);
  }

  /** Adds `node` at the newest end of the bucket for its frequency. */
  private join(node: Node<K, V>): void {
    const bucket = this.buckets.get(node.frequency);
    node.newer = undefined;
    node.older = bucket?.newest;
    if (bucket === undefined) {
      this.buckets.set(node.frequency, { newest: node, oldest: node });
      return;
    }
    (bucket.newest as Node<K, V>).newer = node;
    bucket.newest = node;
  }

  /** Takes `node` out of its bucket, dropping the bucket once empty. */
  private leave(node: Node<K, V>): void {
    const bucket = this.buckets.get(node.frequency) as Bucket<K, V>;
    if (node.newer !== undefined) node.newer.older = node.older;
    else bucket.newest = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    else bucket.oldest = node.newer;
    if (bucket.newest === undefined) this.buckets.delete(node.frequency);
  }
}
