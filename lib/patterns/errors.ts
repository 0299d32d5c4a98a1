/** The errors the caching patterns throw, in one place (callers `instanceof`-check them). */

/**
 * Thrown when the database accepted a write but the cache could neither take the new value nor
 * drop the old one: the cache may serve a stale value for `keys` until their TTL ends, and the
 * caller must know (the write itself is durable: `databaseCommitted` is always true).
 */
export class StaleCacheError extends Error {
  readonly databaseCommitted = true;

  constructor(readonly keys: readonly string[], override readonly cause: unknown) {
    super(
      `database updated but the cache could not be invalidated for ${keys.join(', ')}: ` +
        `${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'StaleCacheError';
  }
}

/** Thrown by `flush()`/`close()` when the database kept failing past the retry limit. */
export class WriteBehindFlushError extends Error {
  constructor(readonly pending: number, override readonly cause: unknown) {
    super(
      `write-behind could not flush after retries; ${pending} acknowledged writes are still queued ` +
        `(nothing was dropped): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'WriteBehindFlushError';
  }
}

/** Thrown by `write()` when the queue is full and the overflow policy is `reject`. */
export class WriteBehindQueueFullError extends Error {
  constructor(readonly maxQueueSize: number) {
    super(`write-behind queue is full (maxQueueSize ${maxQueueSize}); the database is not keeping up`);
    this.name = 'WriteBehindQueueFullError';
  }
}

/** Thrown by `write()` after `close()` or `abandon()`. */
export class WriteBehindClosedError extends Error {
  constructor() {
    super('write-behind is closed');
    this.name = 'WriteBehindClosedError';
  }
}
