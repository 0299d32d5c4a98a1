import { ModelBase, ModelEntry } from './model-entry';

/**
 * CLOCK as an array, newest first: a hit adds 1 to the counter (up to `maxCount`); to evict,
 * the last element with a non-zero counter loses 1 and moves to the front; the first last
 * element with counter 0 is evicted.
 */
export class ModelClock extends ModelBase {
  entries: ModelEntry[] = [];

  constructor(readonly capacity: number, readonly maxCount = 1) {
    super();
  }

  get(key: number): number | undefined {
    const entry = this.entries.find((e) => e.key === key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    entry.count = Math.min(entry.count + 1, this.maxCount);
    return entry.value;
  }

  set(key: number, value: number): void {
    const entry = this.entries.find((e) => e.key === key);
    if (entry !== undefined) {
      entry.value = value;
      entry.count = Math.min(entry.count + 1, this.maxCount);
      return;
    }
    if (this.entries.length === this.capacity) {
      for (;;) {
        const last = this.entries.pop()!;
        if (last.count === 0) {
          this.evicted.push([last.key, last.value]);
          break;
        }
        last.count--;
        this.entries.unshift(last);
      }
    }
    this.entries.unshift({ key, value, count: 0 });
  }

  has(key: number): boolean {
    return this.find(this.entries, key) >= 0;
  }

  peek(key: number): number | undefined {
    return this.entries.find((e) => e.key === key)?.value;
  }

  delete(key: number): boolean {
    const i = this.find(this.entries, key);
    if (i >= 0) this.entries.splice(i, 1);
    return i >= 0;
  }

  clear(): void {
    this.entries = [];
  }

  keys(): number[] {
    return this.entries.map((e) => e.key);
  }
}
