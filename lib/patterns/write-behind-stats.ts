/** Counters of a {@link WriteBehind}. */
export interface WriteBehindStats {
  /** Writes acknowledged. */
  writes: number;
  /** Acknowledged writes not yet in the database (queued or in flight): what a crash now would lose. */
  queued: number;
  /** Writes merged into a queued write of the same key (last write wins). */
  coalesced: number;
  /** Entries persisted. */
  flushed: number;
  /** Successful database batch writes. */
  batches: number;
  /** Failed batch attempts that were retried. */
  retries: number;
  /** Flushes that gave up after `maxRetries` (their entries stayed queued). */
  failedFlushes: number;
  /** Writes that had to wait for queue space (back-pressure). */
  blockedWrites: number;
  /** Acknowledged writes discarded by {@link WriteBehind.abandon} (a simulated crash). */
  dropped: number;
  /** Largest `queued` seen. */
  maxQueued: number;
}

/** The counters a {@link WriteBehind} keeps itself (`queued` is computed from its queue). */
export type WriteBehindCounters = Omit<WriteBehindStats, 'queued'>;

/** All counters at zero. */
export function zeroWriteBehindCounters(): WriteBehindCounters {
  return { writes: 0, coalesced: 0, flushed: 0, batches: 0, retries: 0, failedFlushes: 0, blockedWrites: 0, dropped: 0, maxQueued: 0 };
}
