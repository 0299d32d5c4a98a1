/**
 * An intrusive doubly linked list of {@link ListNode}s that keeps the total weight of its
 * members: the queues of ARC (T1, T2, B1, B2).
 * Every operation is O(1). The head is the most recently inserted end (MRU), the tail the
 * oldest (LRU); policies evict from the tail.
 */

/** A list member: an entry of a policy cache. `list` says which list holds it, if any. */
export interface ListNode<K, V> {
  key: K;
  /** `undefined` for a ghost (an entry remembered by key only, as ARC's B1 and B2 do). */
  value: V | undefined;
  /** 1 for count-based caches, `sizeOf(value, key)` for size-based ones. */
  weight: number;
  prev: ListNode<K, V> | null;
  next: ListNode<K, V> | null;
  list: RecencyList<K, V> | null;
}

/** Creates a node that is in no list yet. */
export function listNode<K, V>(key: K, value: V | undefined, weight: number): ListNode<K, V> {
  return { key, value, weight, prev: null, next: null, list: null };
}

/** See the file comment. */
export class RecencyList<K, V> {
  /** Most recently inserted or touched node. */
  head: ListNode<K, V> | null = null;
  /** Least recently inserted or touched node: the eviction end. */
  tail: ListNode<K, V> | null = null;
  /** Number of nodes. */
  length = 0;
  /** Sum of the nodes' weights. */
  weight = 0;

  /** Inserts `node` (in no list) at the head. */
  pushHead(node: ListNode<K, V>): void {
    node.list = this;
    node.prev = null;
    node.next = this.head;
    if (this.head !== null) this.head.prev = node;
    else this.tail = node;
    this.head = node;
    this.length += 1;
    this.weight += node.weight;
  }

  /** Unlinks `node`, which must be in this list. */
  remove(node: ListNode<K, V>): void {
    if (node.prev !== null) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
    node.list = null;
    this.length -= 1;
    this.weight -= node.weight;
  }

  /** Moves `node`, which must be in this list, to the head. */
  moveToHead(node: ListNode<K, V>): void {
    if (this.head === node) return;
    this.remove(node);
    this.pushHead(node);
  }

  /** Changes a member's weight, keeping the list's total right. */
  reweigh(node: ListNode<K, V>, weight: number): void {
    this.weight += weight - node.weight;
    node.weight = weight;
  }

  /** Forgets every node (the nodes themselves are left to the garbage collector). */
  clear(): void {
    this.head = null;
    this.tail = null;
    this.length = 0;
    this.weight = 0;
  }

  /** Nodes from head (most recent) to tail. */
  *nodes(): IterableIterator<ListNode<K, V>> {
    for (let node = this.head; node !== null; node = node.next) yield node;
  }
}
