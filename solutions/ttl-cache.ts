/**
 * Reference solution: a cache whose entries expire after a time-to-live (TTL).
 *
 * Design: one `Map` from key to `{ value, expiresAt }`. Expiry is lazy: nothing runs in the
 * background; an entry is checked whenever it is touched and removed once it is found expired.
 * Time comes from an injected `now()` so that tests (and the grader) control it exactly.
 */

/** Options for {@link TTLCache}. */
export interface TTLCacheOptions {
  /** TTL used when `set` gets none; a positive, finite number of milliseconds. */
  defaultTtlMs: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

/** Hit/miss counters of a {@link TTLCache}. */
export interface TTLCacheStats {
  hits: number;
  misses: number;
  /** `hits / (hits + misses)`, in 0..1; 0 when there were no lookups. */
  hitRate: number;
}

interface Entry<V> {
  value: V;
  /** The first instant at which the entry is dead: live while `now() < expiresAt`. */
  expiresAt: number;
}

/** A key-value cache whose entries expire a fixed time after they were set. */
export class TTLCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly defaultTtlMs: number;
  private readonly now: () => number;
  private hits = 0;
  private misses = 0;

  /** @throws RangeError unless `defaultTtlMs` is a positive, finite number. */
  constructor(options: TTLCacheOptions) {
    assertPositiveTtl('defaultTtlMs', options.defaultTtlMs);
    this.defaultTtlMs = options.defaultTtlMs;
    // Look Date.now up on each call, so code that replaces it (fake timers) is honoured.
    this.now = options.now ?? (() => Date.now());
  }

  /** Stores `value` under `key` for `ttlMs` (default `defaultTtlMs`), replacing any old entry. */
  set(key: K, value: V, ttlMs: number = this.defaultTtlMs): void {
    assertPositiveTtl('ttlMs', ttlMs);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  /** The live value for `key` (a hit), or `undefined` (a miss). */
  get(key: K): V | undefined {
    const entry = this.liveEntry(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.value;
  }

  /** True when `key` has a live entry; not counted as a hit or a miss. */
  has(key: K): boolean {
    return this.liveEntry(key) !== undefined;
  }

  /** Removes `key`; true when it had a live entry (an expired one is removed too, but gives false). */
  delete(key: K): boolean {
    const live = this.liveEntry(key) !== undefined;
    this.entries.delete(key);
    return live;
  }

  /** Removes every entry and resets the statistics. */
  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }

  /** The number of live entries (expired ones are purged first, so this is O(n)). */
  get size(): number {
    for (const key of [...this.entries.keys()]) this.liveEntry(key);
    return this.entries.size;
  }

  /** Milliseconds until `key` expires, or `undefined` when it has no live entry. */
  ttl(key: K): number | undefined {
    const entry = this.liveEntry(key);
    return entry === undefined ? undefined : entry.expiresAt - this.now();
  }

  /** Hits, misses and hit rate since creation or the last {@link clear}. */
  stats(): TTLCacheStats {
    const lookups = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, hitRate: lookups === 0 ? 0 : this.hits / lookups };
  }

  /** The entry for `key` if it is still live; an expired entry is removed on the way. */
  private liveEntry(key: K): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() < entry.expiresAt) return entry;
    this.entries.delete(key);
    return undefined;
  }
}

function assertPositiveTtl(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive, finite number of milliseconds, got ${String(value)}`);
  }
}
