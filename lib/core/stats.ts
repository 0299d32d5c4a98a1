/**
 * The counters every in-memory cache in `lib/core` reports, so notebooks and benchmarks can
 * compare caches through one shape.
 *
 * Vocabulary: the fraction of lookups that hit, `hits / (hits + misses)` in `[0, 1]`, is the
 * *hit ratio* (the simulators' `hitRatio`, next to `missRatio` and `byteMissRatio`); new code
 * names it `hitRatio`. A live cache's stats keep the field name `hitRate` (computed by
 * {@link hitRate} below): it is the exercises' API and the notebooks read it. `hitRatePercent`
 * (the e-commerce demo) is the same figure × 100, for printing.
 */

/** A snapshot of a cache's counters; `hitRate` is derived from `hits` and `misses`. */
export interface CacheStats {
  /** Lookups (`get`) that found a live entry. */
  readonly hits: number;
  /** Lookups (`get`) that found nothing (or only an expired entry). */
  readonly misses: number;
  /** `hits / (hits + misses)` in `[0, 1]`; `0` before the first lookup. */
  readonly hitRate: number;
  /** Entries currently stored. */
  readonly size: number;
  /** Entries removed to make room for a new one (capacity evictions only). */
  readonly evictions: number;
}

/** {@link CacheStats} plus the count of entries removed because their TTL ran out. */
export interface TTLCacheStats extends CacheStats {
  /** Entries removed because they expired (lazily, by `sweep()`, or when making room). */
  readonly expirations: number;
}

/**
 * The fraction of lookups that hit, in `[0, 1]`.
 * Returns `0` (not `NaN`) when there were no lookups, so a fresh cache prints cleanly.
 */
export function hitRate(hits: number, misses: number): number {
  const lookups = hits + misses;
  return lookups === 0 ? 0 : hits / lookups;
}
