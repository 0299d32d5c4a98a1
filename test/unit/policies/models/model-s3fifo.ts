import { ModelBase, ModelEntry } from './model-entry';

/**
 * S3-FIFO as three arrays, newest first, written from the paper and libCacheSim's description
 * (count-based): small holds max(1, ⌊10 % C⌋), main the rest, ghost ⌊90 % C⌋ keys; frequency
 * saturates at 3; small's tail moves to main when its frequency is ≥ 2, else it is evicted to
 * the ghost; main's tail is reinserted with frequency − 1 while it has some; a ghost hit
 * inserts into main; before the first eviction a full small sends new keys to main.
 */
export class ModelS3FIFO extends ModelBase {
  small: ModelEntry[] = [];
  main: ModelEntry[] = [];
  ghost: number[] = [];
  hasEvicted = false;
  readonly smallLimit: number;
  readonly mainLimit: number;
  readonly ghostLimit: number;

  constructor(readonly capacity: number) {
    super();
    this.smallLimit = Math.max(1, Math.floor(capacity * 0.1));
    this.mainLimit = capacity - this.smallLimit;
    this.ghostLimit = Math.floor(capacity * 0.9);
  }

  get(key: number): number | undefined {
    const entry = this.entry(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    entry.count = Math.min(entry.count + 1, 3);
    return entry.value;
  }

  set(key: number, value: number): void {
    const entry = this.entry(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.count = Math.min(entry.count + 1, 3);
      return;
    }
    const ghostIndex = this.ghost.indexOf(key);
    if (ghostIndex >= 0) this.ghost.splice(ghostIndex, 1);
    while (this.small.length + this.main.length >= this.capacity) this.evict();
    const fresh = { key, value, count: 0 };
    if (ghostIndex >= 0 || (!this.hasEvicted && this.small.length >= this.smallLimit)) this.main.unshift(fresh);
    else this.small.unshift(fresh);
  }

  has(key: number): boolean {
    return this.entry(key) !== undefined;
  }

  peek(key: number): number | undefined {
    return this.entry(key)?.value;
  }

  delete(key: number): boolean {
    for (const list of [this.small, this.main]) {
      const i = this.find(list, key);
      if (i >= 0) {
        list.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.small = [];
    this.main = [];
    this.ghost = [];
    this.hasEvicted = false;
  }

  keys(): number[] {
    return [...this.small, ...this.main].map((e) => e.key);
  }

  private entry(key: number): ModelEntry | undefined {
    return this.small.find((e) => e.key === key) ?? this.main.find((e) => e.key === key);
  }

  private evict(): void {
    this.hasEvicted = true;
    if (this.main.length > this.mainLimit || this.small.length === 0) {
      for (;;) {
        const last = this.main.pop()!;
        if (last.count === 0) {
          this.evicted.push([last.key, last.value]);
          return;
        }
        last.count--;
        this.main.unshift(last);
      }
    }
    while (this.small.length > 0) {
      const last = this.small.pop()!;
      if (last.count >= 2) {
        last.count = 0;
        this.main.unshift(last);
      } else {
        this.evicted.push([last.key, last.value]);
        if (this.ghostLimit > 0 && !this.ghost.includes(last.key)) {
          if (this.ghost.length >= this.ghostLimit) this.ghost.pop();
          this.ghost.unshift(last.key);
        }
        return;
      }
    }
  }
}
