import type { AsyncCacheStats } from '../cache/async-cache';

/**
 * Counters of a {@link TwoTierCache}, per tier. `hits` = `l1Hits + l2Hits` and `misses` count
 * reads that found neither tier, so it reads as any {@link AsyncCacheStats}.
 */
export interface TwoTierStats extends AsyncCacheStats {
  /** Reads answered by a fresh in-process entry. */
  l1Hits: number;
  /** Reads answered by L2 (which then filled L1). */
  l2Hits: number;
  /** Loader calls. */
  loads: number;
  /** Loader calls that threw. */
  loadErrors: number;
  /** `getOrLoad` calls that joined a refresh already in flight in this process (single-flight). */
  coalesced: number;
  /** In-grace values returned instead of waiting for (or after a failure of) a refresh. */
  staleServed: number;
  /** Of those, the ones returned because the refresh outlasted `softTimeoutMs`. */
  softTimeouts: number;
  /** Loads skipped because, once the cross-instance lock was ours, L2 already held the value. */
  lockSavedLoads: number;
  /** Lock waits that timed out or hit a Redis error (the caller then loaded without the lock). */
  lockFailures: number;
  /** Loaded values not cached because their key was invalidated while loading (they may be old). */
  discardedLoads: number;
  /** Invalidation messages this instance published. */
  invalidationsSent: number;
  /** Invalidations received from other instances (one per message; a clear counts once). */
  invalidationsReceived: number;
  /** Keys dropped from L1 by those invalidations. */
  l1Invalidated: number;
  /** Reads that skipped L1 because the bus was not connected (its entries might be stale). */
  l1Bypassed: number;
  /** Times the bus came back and L1 was cleared. */
  resyncs: number;
  /** Live entries in L1. */
  l1Size: number;
}
