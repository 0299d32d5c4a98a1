/**
 * Argument checks shared by the library: each throws a `RangeError` or `TypeError` that names
 * the offending parameter, so bad input fails fast instead of corrupting a cache.
 */

/** Throws `RangeError` unless `value` is an integer ≥ 1. */
export function assertPositiveInteger(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${describe(value)}`);
  }
}

/** Throws `RangeError` unless `value` is an integer ≥ 0. */
export function assertNonNegativeInteger(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${describe(value)}`);
  }
}

/** Throws `RangeError` unless `value` is a finite number > 0 (a duration in ms). */
export function assertPositiveDuration(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive, finite number of milliseconds, got ${describe(value)}`);
  }
}

/** Throws `RangeError` unless `value` is a finite number > 0 (a duration in seconds, e.g. a user-facing TTL). */
export function assertPositiveSeconds(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive, finite number of seconds, got ${describe(value)}`);
  }
}

/** Throws `RangeError` unless `value` is a finite number ≥ 0 (a duration in ms). */
export function assertNonNegativeDuration(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative, finite number of milliseconds, got ${describe(value)}`);
  }
}

/** Throws `RangeError` unless `value` is a finite number in `[min, max]`. */
export function assertInRange(name: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number in [${min}, ${max}], got ${describe(value)}`);
  }
}

/** Throws `TypeError` unless `value` is a function. */
export function assertFunction(name: string, value: unknown): asserts value is Function {
  if (typeof value !== 'function') {
    throw new TypeError(`${name} must be a function, got ${describe(value)}`);
  }
}

/** A short, readable rendering of a bad value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Throws `TypeError` unless `value` is a string (e.g. a cache key: `String({})` would collide). */
export function assertString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  }
}
