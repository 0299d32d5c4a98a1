/**
 * A binary heap ordered by a comparator: the smallest element (by `compare`) is on top.
 * Used by Bélády's optimal policy (a max-heap of next-use times) and by the stampede
 * simulator's event queue (a min-heap of event times); both need O(log n) push and pop.
 */
export class BinaryHeap<T> {
  private readonly items: T[] = [];

  /** @param compare - negative when `a` must come out before `b` (like `Array.prototype.sort`). */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  /** The number of elements in the heap. */
  get size(): number {
    return this.items.length;
  }

  /** The element that {@link pop} would return, without removing it. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds an element in O(log n). */
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(items[index], items[parent]) >= 0) break;
      [items[index], items[parent]] = [items[parent], items[index]];
      index = parent;
    }
  }

  /** Removes and returns the top element in O(log n); `undefined` when empty. */
  pop(): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as T;
    if (items.length > 0) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const items = this.items;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let best = index;
      if (left < items.length && this.compare(items[left], items[best]) < 0) best = left;
      if (right < items.length && this.compare(items[right], items[best]) < 0) best = right;
      if (best === index) return;
      [items[index], items[best]] = [items[best], items[index]];
      index = best;
    }
  }
}
