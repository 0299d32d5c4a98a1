/** The errors of the Redis room (locks, private servers, throwaway TLS), in one place. */

/** Thrown by {@link RedisLock.withLock} when the lock stayed taken for its whole `timeoutMs`. */
export class LockTimeoutError extends Error {
  constructor(readonly lockName: string, readonly timeoutMs: number) {
    super(`could not acquire lock "${lockName}" within ${timeoutMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

/** Thrown when redis-server is not installed, so callers can say so loudly. */
export class RedisServerMissingError extends Error {
  constructor(binary: string) {
    super(
      `redis-server not found (tried "${binary}"). Install it (Debian/Ubuntu: sudo apt-get install redis-server; ` +
        'macOS: brew install redis) or set REDIS_URL to a server you own.',
    );
    this.name = 'RedisServerMissingError';
  }
}

/** Thrown when `openssl` is missing or fails, with its output. */
export class OpensslError extends Error {
  constructor(step: string, output: string) {
    super(`openssl failed to ${step}: ${output.trim() || 'is it installed? (Debian/Ubuntu: sudo apt-get install openssl)'}`);
    this.name = 'OpensslError';
  }
}
