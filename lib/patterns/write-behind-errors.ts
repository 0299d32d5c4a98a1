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
