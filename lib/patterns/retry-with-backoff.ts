import { Sleep } from '../core/clock';

/** How {@link retryWithBackoff} retries. */
export interface BackoffOptions {
  /** Retries after the first attempt (0 = one attempt). */
  maxRetries: number;
  /** Wait before retry n (0-based) is `min(baseMs · 2ⁿ, maxMs)`. */
  baseMs: number;
  maxMs: number;
  sleep: Sleep;
  /** Called before each retry's wait. */
  onRetry?: () => void;
}

/** Runs `attempt` until it resolves, retrying with exponential backoff; rethrows the last error. */
export async function retryWithBackoff<T>(attempt: () => Promise<T>, options: BackoffOptions): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= options.maxRetries) throw error;
      options.onRetry?.();
      await options.sleep(Math.min(options.baseMs * 2 ** n, options.maxMs));
    }
  }
}
