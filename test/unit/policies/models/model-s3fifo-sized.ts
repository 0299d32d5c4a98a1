/**
 * Size-aware S3-FIFO as arrays, newest first, written from libCacheSim's byte-mode rules: small
 * holds max(1, ⌊10 % M⌋) bytes, main the rest, the ghost ⌊90 % M⌋ bytes of keys; a new entry
 * larger than small is refused outright; one as large as small is refused after making room
 * unless the ghost remembered it; evict from main when main is over its share or small is empty.
 */
export interface SizedModelEntry {
  key: number;
  size: number;
  count: number;
}

export class ModelS3FIFOSized {
  small: SizedModelEntry[] = [];
  main: SizedModelEntry[] = [];
  ghost: { key: number; size: number }[] = [];
  evicted: number[] = [];
  hasEvicted = false;
  readonly smallLimit: number;
  readonly mainLimit: number;
  readonly ghostLimit: number;

  constructor(readonly maxSize: number) {
    this.smallLimit = Math.max(1, Math.floor(maxSize * 0.1));
    this.mainLimit = maxSize - this.smallLimit;
    this.ghostLimit = Math.floor(maxSize * 0.9);
  }

  get(key: number): boolean {
    const entry = this.small.find((e) => e.key === key) ?? this.main.find((e) => e.key === key);
    if (entry === undefined) return false;
    entry.count = Math.min(entry.count + 1, 3);
    return true;
  }

  /** Inserts a key that is not stored (the simulator's step after a miss). */
  insert(key: number, size: number): void {
    const ghostIndex = this.ghost.findIndex((g) => g.key === key);
    if (ghostIndex >= 0) this.ghost.splice(ghostIndex, 1);
    if (size > this.smallLimit || size > this.maxSize) return;
    while (this.bytes(this.small) + this.bytes(this.main) + size > this.maxSize) this.evict();
    const fresh = { key, size, count: 0 };
    if (ghostIndex >= 0) this.main.unshift(fresh);
    else if (size >= this.smallLimit) return;
    else if (!this.hasEvicted && this.bytes(this.small) >= this.smallLimit) this.main.unshift(fresh);
    else this.small.unshift(fresh);
  }

  keys(): number[] {
    return [...this.small, ...this.main].map((e) => e.key);
  }

  private bytes(list: { size: number }[]): number {
    return list.reduce((sum, e) => sum + e.size, 0);
  }

  private evict(): void {
    this.hasEvicted = true;
    if (this.bytes(this.main) > this.mainLimit || this.small.length === 0) {
      for (;;) {
        const last = this.main.pop()!;
        if (last.count === 0) {
          this.evicted.push(last.key);
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
        this.evicted.push(last.key);
        if (this.ghostLimit > 0 && last.size <= this.ghostLimit) {
          while (this.bytes(this.ghost) + last.size > this.ghostLimit) this.ghost.pop();
          this.ghost.unshift({ key: last.key, size: last.size });
        }
        return;
      }
    }
  }
}
