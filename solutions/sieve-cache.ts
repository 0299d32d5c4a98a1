/**
 * Reference solution: a SIEVE cache (Zhang et al., "SIEVE is Simpler than LRU", NSDI 2024).
 *
 * One queue from head (newest) to tail (oldest), a visited bit per entry and a hand. A hit only
 * sets the bit, so reads never touch the list. Eviction walks the hand from where it last
 * stopped towards the head (wrapping to the tail), clearing bits, and evicts the first
 * unvisited entry; the hand then rests on the next newer entry. New keys enter at the head, so
 * the hand sweeps older entries first and newcomers must earn a visit before it reaches them —
 * a quick demotion of one-hit wonders that keeps popular entries without moving them.
 *
 * O(1) amortized: each step of the hand that does not evict clears a bit some hit had set.
 */

/** Called with the entry a full cache pushed out to make room. */
export type EvictionListener<K, V> = (key: K, value: V) => void;

interface Node<K, V> {
  key: K;
  value: V;
  visited: boolean;
  /** Towards the head (newest). */
  newer: Node<K, V> | undefined;
  /** Towards the tail (oldest). */
  older: Node<K, V> | undefined;
}

/** A fixed-capacity cache with SIEVE eviction: one FIFO queue, a visited bit, a moving hand. */
export class SieveCache<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  private head: Node<K, V> | undefined;
  private tail: Node<K, V> | undefined;
  /** Where the next eviction starts; `undefined` means the tail. */
  private hand: Node<K, V> | undefined;
  private readonly maxEntries: number;
  private readonly onEvict: EvictionListener<K, V> | undefined;

  /**
   * @param capacity - the maximum number of entries, a positive integer.
   * @param onEvict - told about every entry evicted for lack of room (not about `delete`).
   * @throws RangeError unless `capacity` is a positive integer.
   */
  constructor(capacity: number, onEvict?: EvictionListener<K, V>) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${String(capacity)}`);
    this.maxEntries = capacity;
    this.onEvict = onEvict;
  }

  /** The value for `key`, marking the entry visited; `undefined` on a miss. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    node.visited = true;
    return node.value;
  }

  /** Updates `key` in place (visited), or inserts it at the head, evicting first when full. */
  set(key: K, value: V): void {
    const existing = this.nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.visited = true;
      return;
    }
    let evicted: Node<K, V> | undefined;
    if (this.nodes.size >= this.maxEntries) evicted = this.evict();
    const node: Node<K, V> = { key, value, visited: false, newer: undefined, older: this.head };
    if (this.head !== undefined) this.head.newer = node;
    else this.tail = node;
    this.head = node;
    this.nodes.set(key, node);
    if (evicted !== undefined) this.onEvict?.(evicted.key, evicted.value);
  }

  /** Whether `key` is cached; does not mark it. */
  has(key: K): boolean {
    return this.nodes.has(key);
  }

  /** The value for `key` without marking it. */
  peek(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Removes `key` (no `onEvict`); the hand moves on if it pointed at it. */
  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    if (this.hand === node) this.hand = node.newer;
    this.unlink(node);
    this.nodes.delete(key);
    return true;
  }

  /** Number of cached entries. */
  get size(): number {
    return this.nodes.size;
  }

  /** The maximum number of entries. */
  get capacity(): number {
    return this.maxEntries;
  }

  /** Keys from head (newest) to tail (oldest). */
  keys(): K[] {
    const keys: K[] = [];
    for (let node = this.head; node !== undefined; node = node.older) keys.push(node.key);
    return keys;
  }

  /** Moves the hand to the first unvisited entry (clearing bits on the way), removes it, returns it. */
  private evict(): Node<K, V> {
    let node = (this.hand ?? this.tail) as Node<K, V>;
    while (node.visited) {
      node.visited = false;
      node = node.newer ?? (this.tail as Node<K, V>);
    }
    this.hand = node.newer;
    this.unlink(node);
    this.nodes.delete(node.key);
    return node;
  }

  private unlink(node: Node<K, V>): void {
    if (node.newer !== undefined) node.newer.older = node.older;
    else this.head = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    else this.tail = node.newer;
  }
}
