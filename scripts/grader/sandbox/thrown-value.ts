/**
 * Something learner code threw that is not an Error (`throw undefined`, `throw 'oops'`, an
 * `Object.create(null)`): wrapped, so mocha and the reporter can handle it, and explained as what
 * it was instead of "did not throw" or a crashed test process.
 */
import { inspect } from 'util';

/** A non-Error value thrown by learner code; `value` is what was thrown. */
export class ThrownValue extends Error {
  constructor(readonly value: unknown) {
    super(`your code threw ${describeThrown(value)}, which is not an Error`);
    this.name = 'ThrownValue';
  }
}

/** A short, safe rendering of any thrown value (never throws itself, even for a null-prototype object). */
export function describeThrown(value: unknown): string {
  try {
    return inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10 });
  } catch {
    return 'a value that cannot be displayed';
  }
}

/** `error` if it is an Error, else wrapped in a {@link ThrownValue}. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new ThrownValue(error);
}
