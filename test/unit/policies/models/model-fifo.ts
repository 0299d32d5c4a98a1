import { ModelBase, ModelEntry } from './model-entry';

/** FIFO as an array, newest first: hits change nothing; the last element is evicted. */
export class ModelFIFO extends ModelBase {
  entries: ModelEntry[] = [];

  constructor(readonly capacity: number) {
    super();
  }

  get(key: number): number | undefined {
    const entry = this.entries.find((e) => e.key === key);
    if (entry === undefined) this.misses++;
    else this.hits++;
    return entry?.value;
  }

  set(key: number, value: number): void {
    const entry = this.entries.find((e) => e.key === key);
    if (entry !== undefined) {
      entry.value = value;
      return;
    }
    if (this.entries.length === this.capacity) {
      const victim = this.entries.pop()!;
      this.evicted.push([victim.key, victim.value]);
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
