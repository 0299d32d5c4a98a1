/** Thrown by {@link RedisLock.withLock} when the lock stayed taken for its whole `timeoutMs`. */
export class LockTimeoutError extends Error {
  constructor(readonly lockName: string, readonly timeoutMs: number) {
    super(`could not acquire lock "${lockName}" within ${timeoutMs} ms`);
    this.name = 'LockTimeoutError';
  }
}
