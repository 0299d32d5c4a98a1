/**
 * Exercise: a write-behind queue — the guide's riskiest pattern.
 *
 * With write-behind (write-back) a write is acknowledged as soon as it is queued in memory; the
 * database gets it later, in batches. That makes writes fast and turns many small writes into
 * few large ones, but every acknowledged write that is not yet in the database lives only in
 * this queue: lose it and you lose data the caller was told was saved. So the queue must
 *
 * 1. coalesce per key: while a key waits in the queue, a new value replaces the old one (the
 *    latest value wins; the key keeps its place). A key that is already being written (in
 *    flight) is queued again, so its newer value is written after;
 * 2. flush by size: as soon as `maxBatchSize` distinct keys are queued, a flush starts;
 * 3. flush by interval: no queued write waits longer than `flushIntervalMs` for a flush to start
 *    (wait with ONE `sleep(flushIntervalMs)` when a write lands in an empty queue, not one per
 *    write; and after a flush that gave up, make sure one is pending again);
 * 4. write in batches of at most `maxBatchSize` entries, one batch at a time, oldest first, each
 *    key at most once per batch, until the queue is empty;
 * 5. retry a failed batch with exponential backoff: before retry n (1-based) wait
 *    `sleep(retryBaseMs · 2^(n−1))`, i.e. retryBaseMs, 2·retryBaseMs, 4·retryBaseMs, …;
 *    after `maxRetries` failed retries give up on the batch: count it in `stats().failed`, put
 *    its entries back at the front of the queue (never over a newer value queued meanwhile)
 *    and reject the flush. Nothing is ever dropped;
 * 6. apply back-pressure: `enqueue` of a NEW key waits while `maxQueueSize` distinct keys are
 *    queued, until a batch leaves the queue (a key already queued is replaced at once);
 * 7. lose nothing on `close()`: refuse new enqueues (reject them with an Error), then write
 *    everything queued and wait for the batch in flight; reject if a batch is given up on (its
 *    entries stay queued).
 *
 * Time has ONE seam: the injected async `sleep(ms)` (default: a real `setTimeout`). Wait only
 * through it — never call `setTimeout` or `Date.now()` yourself — so the grader drives time
 * with a fake clock.
 *
 * Data structures: a `Map<string, V>` is the queue (insertion order = oldest first, and
 * `set` on an existing key keeps its position); an array of resolve functions holds the writers
 * waiting for space; one promise remembers the flush in progress, so flushes never overlap.
 *
 * Exact API (keep these names; the grader calls them):
 *
 *   new WriteBehindQueue<V>({ write, maxBatchSize, flushIntervalMs, maxQueueSize, maxRetries,
 *                             retryBaseMs, sleep? })
 *     write(batch: Array<{ key: string; value: V }>): Promise<void>  the database; may reject
 *     maxBatchSize     integer ≥ 1
 *     flushIntervalMs  finite number > 0
 *     maxQueueSize     integer ≥ maxBatchSize
 *     maxRetries       integer ≥ 0 (0 = one attempt, no retry)
 *     retryBaseMs      finite number > 0
 *     sleep(ms)        optional function; default waits with real timers
 *     Bad options: TypeError (options not an object, write or sleep not a function) or
 *     RangeError, the message naming the parameter, e.g. "maxBatchSize must be an integer ≥ 1, got 0".
 *   enqueue(key: string, value: V): Promise<void>  resolves once queued; rejects with a TypeError
 *     naming `key` (not a non-empty string) or `value` (undefined), or with an Error after close()
 *   flush(): Promise<void>   resolves when the queue is empty and nothing is in flight; rejects
 *     when a batch is given up on (a flush already running is shared, never doubled)
 *   close(): Promise<void>   as in 7
 *   stats(): { queued, inFlight, written, batches, coalesced, retries, failed }  (numbers)
 *     queued     distinct keys waiting in the queue
 *     inFlight   entries of the batch being written (0 when none)
 *     written    entries the database accepted
 *     batches    successful write calls
 *     coalesced  enqueues that replaced the value of a key already queued
 *     retries    failed write calls that were retried
 *     failed     batches given up on after maxRetries retries
 *
 * Grade it with `npm run grade -- write-behind`; stuck? `npm run hint -- write-behind`.
 * Parameters start with `_` only so the stub compiles (unused parameters are errors in this
 * project): rename them when you use them.
 */

/** One entry of a batch handed to the database. */
export interface WriteBehindEntry<V> {
  key: string;
  value: V;
}

/** Options for {@link WriteBehindQueue} (see the header for each one's range). */
export interface WriteBehindOptions<V> {
  write: (batch: Array<WriteBehindEntry<V>>) => Promise<void>;
  maxBatchSize: number;
  flushIntervalMs: number;
  maxQueueSize: number;
  maxRetries: number;
  retryBaseMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Counters of a {@link WriteBehindQueue} (see the header). */
export interface WriteBehindStats {
  queued: number;
  inFlight: number;
  written: number;
  batches: number;
  coalesced: number;
  retries: number;
  failed: number;
}

/** A write-behind queue: coalescing, batching, retrying, back-pressured, lossless on close. */
export class WriteBehindQueue<V> {
  /** TODO: validate the options (see the header), keep them, default `sleep` to real timers. */
  constructor(_options: WriteBehindOptions<V>) {
    throw notImplemented('the WriteBehindQueue constructor');
  }

  /**
   * TODO: check the arguments; refuse after close(); wait while the queue is full (new keys
   * only); replace or add the value; start a flush at maxBatchSize keys, else make sure a
   * `sleep(flushIntervalMs)` will start one.
   */
  enqueue(_key: string, _value: V): Promise<void> {
    throw notImplemented('WriteBehindQueue.enqueue');
  }

  /**
   * TODO: if a flush is running, return its promise; otherwise write batches (with retries
   * and backoff) until the queue is empty. On giving up: count it, requeue, reject.
   */
  flush(): Promise<void> {
    throw notImplemented('WriteBehindQueue.flush');
  }

  /** TODO: refuse new enqueues, then flush until nothing is queued or in flight. */
  close(): Promise<void> {
    throw notImplemented('WriteBehindQueue.close');
  }

  /** TODO: a fresh object with the counters listed in the header. */
  stats(): WriteBehindStats {
    throw notImplemented('WriteBehindQueue.stats');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/write-behind.ts`);
}
