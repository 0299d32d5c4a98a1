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
