/** The errors the async caches throw, in one place. */

/** Thrown by a fail-closed cache when its server cannot be reached or does not answer in time. */
export class CacheUnavailableError extends Error {
  constructor(readonly operation: string, override readonly cause: unknown) {
    super(`cache unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CacheUnavailableError';
  }
}

/** Thrown when a value would not come back equal from a JSON round trip (e.g. a Date or a Map). */
export class JsonRoundTripError extends TypeError {
  constructor(readonly path: string, reason: string) {
    super(`cache value cannot round-trip through JSON: ${path} ${reason}`);
    this.name = 'JsonRoundTripError';
  }
}
