import { assertPositiveInteger } from '../core/validate';

/**
 * Invalidations a remote cache could not apply while it was unreachable. They are replayed
 * before the cache is used again, so a value that became stale during an outage is never
 * served after the server comes back. Bounded: past `maxKeys` keys it degrades to "clear the
 * whole namespace", which is always safe for a cache.
 */
export class PendingInvalidations {
  private readonly keys = new Set<string>();
  private readonly prefixes = new Set<string>();
  private clearAll = false;

  constructor(private readonly maxKeys = 10_000) {
    assertPositiveInteger('maxKeys', maxKeys);
  }

  /** True when nothing is waiting to be replayed. */
  get empty(): boolean {
    return !this.clearAll && this.keys.size === 0 && this.prefixes.size === 0;
  }

  /** How many invalidations are waiting (a pending clear counts as one). */
  get count(): number {
    return this.clearAll ? 1 : this.keys.size + this.prefixes.size;
  }

  /** Remembers that `key` (a full Redis key) must be deleted. */
  addKey(key: string): void {
    if (this.clearAll) return;
    this.keys.add(key);
    if (this.keys.size > this.maxKeys) this.addClear();
  }

  /** Remembers that every key starting with `prefix` (full) must be deleted. */
  addPrefix(prefix: string): void {
    if (this.clearAll) return;
    if (prefix === '') return this.addClear();
    this.prefixes.add(prefix);
    if (this.prefixes.size > this.maxKeys) this.addClear();
  }

  /** Remembers that the whole namespace must be cleared (supersedes everything else). */
  addClear(): void {
    this.clearAll = true;
    this.keys.clear();
    this.prefixes.clear();
  }

  /**
   * Replays everything with the given operations; on failure the invalidations stay pending
   * and the error propagates.
   */
  async replay(ops: { deleteKeys(keys: string[]): Promise<unknown>; deletePrefix(prefix: string): Promise<unknown> }): Promise<void> {
    if (this.clearAll) {
      await ops.deletePrefix('');
      this.clearAll = false;
    }
    for (const prefix of [...this.prefixes]) {
      await ops.deletePrefix(prefix);
      this.prefixes.delete(prefix);
    }
    if (this.keys.size > 0) {
      const keys = [...this.keys];
      await ops.deleteKeys(keys);
      for (const key of keys) this.keys.delete(key);
    }
  }
}
