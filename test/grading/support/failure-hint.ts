/**
 * A failure may carry its own hint, tied to what went wrong, which the grader shows instead of
 * the check's general one: the failure message ends with a line `hint: …`. Checks attach one
 * with {@link withHint}; the grader splits it off with {@link splitFailureHint}.
 */

/** What separates a failure message from its hint. */
export const FAILURE_HINT_MARKER = '\nhint: ';

function attach(error: unknown, hint: string): unknown {
  if (error instanceof Error && !error.message.includes(FAILURE_HINT_MARKER)) error.message += `${FAILURE_HINT_MARKER}${hint}`;
  return error;
}

/** Runs `fn`; if it fails (throws or rejects), the failure carries `hint`. */
export function withHint<T>(hint: string, fn: () => T): T {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    throw attach(error, hint);
  }
  if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(attach(error, hint))) as T;
  return result;
}

/** A failure message without its hint, and the hint (undefined when it carries none). */
export function splitFailureHint(message: string): { message: string; hint?: string } {
  const at = message.lastIndexOf(FAILURE_HINT_MARKER);
  if (at < 0) return { message };
  return { message: message.slice(0, at), hint: message.slice(at + FAILURE_HINT_MARKER.length).trim() };
}
