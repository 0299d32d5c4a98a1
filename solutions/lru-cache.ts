/**
 * Reference solution: a least-recently-used (LRU) cache with O(1) operations.
 *
 * The classic structure: a hash map from key to node, plus a doubly linked list of the nodes in
 * recency order. The map finds a node in O(1); the list moves it to the front, or drops the
 * node at the back, in O(1) by relinking its neighbours.
 *
 * Why not just a `Map` in insertion order (delete + set to "touch", first key = victim)? It reads
 * well, but V8 leaves a tombstone for each deleted entry until the table is rebuilt, and finding
 * the first live key walks over them, so evictions degrade with the size of the cache.
 */

/** Called with the entry a full cache pushed out to make room. */
export type EvictionListener<K, V> = (key: K, value: V) => void;

interface Node<K, V> {
  key: K;
  value: V;
  /** Towards the most recently used end. */
  newer: Node<K, V> | undefined;
  /** Towards the least recently used end. */
  older: Node<K, V> | undefined;
}

/** A fixed-capacity cache that evicts the least recently used entry when full. */
export class LRUCache<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  /** The most recently used node. */
  private newest: Node<K, V> | undefined;
  /** The least recently used node: the next victim. */
  private oldest: Node<K, V> | undefined;
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

  /** The value for `key`, which becomes the most recently used; `undefined` on a miss. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    this.moveToNewest(node);
    return node.value;
  }

  /** Inserts or updates `key`, making it the most recently used; evicts the LRU entry if full. */
  set(key: K, value: V): void {
    const existing = this.nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.moveToNewest(existing);
      return;
    }
    if (this.nodes.size === this.maxEntries) this.evictOldest();
    const node: Node<K, V> = { key, value, newer: undefined, older: undefined };
    this.nodes.set(key, node);
    this.pushNewest(node);
  }

  /** True when `key` is cached; recency is unchanged. */
  has(key: K): boolean {
    return this.nodes.has(key);
  }

  /** The value for `key` without changing its recency. */
  peek(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Removes `key` (without calling `onEvict`); true when it was cached. */
  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.nodes.delete(key);
    this.unlink(node);
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

  /** The keys from most to least recently used (O(n), unlike the other operations). */
  keys(): K[] {
    const keys: K[] = [];
    for (let node = this.newest; node !== undefined; node = node.older) keys.push(node.key);
    return keys;
  }

  private moveToNewest(node: Node<K, V>): void {
    this.unlink(node);
    this.pushNewest(node);
  }

  private pushNewest(node: Node<K, V>): void {
    node.older = this.newest;
    node.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = node;
    this.newest = node;
    if (this.oldest === undefined) this.oldest = node;
  }

  /** Takes `node` out of the list, joining its neighbours. */
  private unlink(node: Node<K, V>): void {
    if (node.newer !== undefined) node.newer.older = node.older;
    else this.newest = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    else this.oldest = node.newer;
  }

  private evictOldest(): void {
    const victim = this.oldest as Node<K, V>;
    this.nodes.delete(victim.key);
    this.unlink(victim);
    this.onEvict?.(victim.key, victim.value);
  }
}
