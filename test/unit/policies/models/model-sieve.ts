import { ModelBase, ModelEntry } from './model-entry';

/**
 * SIEVE as an array, head (newest) first, with the hand as the key it points at (`undefined`:
 * start from the tail). A hit sets the visited bit; eviction walks from the hand towards the
 * head (lower indexes), clearing bits and wrapping to the tail, evicts the first unvisited
 * entry and leaves the hand on the next newer one.
 */
export class ModelSieve extends ModelBase {
  entries: ModelEntry[] = [];
  hand: number | undefined = undefined;

  constructor(readonly capacity: number) {
    super();
  }

  get(key: number): number | undefined {
    const entry = this.entries.find((e) => e.key === key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    entry.count = 1;
    return entry.value;
  }

  set(key: number, value: number): void {
    const entry = this.entries.find((e) => e.key === key);
    if (entry !== undefined) {
      entry.value = value;
      entry.count = 1;
      return;
    }
    if (this.entries.length === this.capacity) this.evict();
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
    if (i < 0) return false;
    if (this.hand === key) this.hand = i > 0 ? this.entries[i - 1].key : undefined;
    this.entries.splice(i, 1);
    return true;
  }

  clear(): void {
    this.entries = [];
    this.hand = undefined;
  }

  keys(): number[] {
    return this.entries.map((e) => e.key);
  }

  private evict(): void {
    let i = this.hand === undefined ? this.entries.length - 1 : this.find(this.entries, this.hand);
    while (this.entries[i].count === 1) {
      this.entries[i].count = 0;
      i = i > 0 ? i - 1 : this.entries.length - 1;
    }
    this.hand = i > 0 ? this.entries[i - 1].key : undefined;
    const [victim] = this.entries.splice(i, 1);
    this.evicted.push([victim.key, victim.value]);
  }
}
