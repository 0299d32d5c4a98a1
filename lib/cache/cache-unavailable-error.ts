/** Thrown by a fail-closed cache when its server cannot be reached or does not answer in time. */
export class CacheUnavailableError extends Error {
  constructor(readonly operation: string, override readonly cause: unknown) {
    super(`cache unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CacheUnavailableError';
  }
}
