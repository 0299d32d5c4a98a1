/**
 * Assertions that explain themselves to a learner: every failure says what was done, what was
 * expected and what happened, in the learner's terms (keys, values, times), not chai's.
 */
import { expect } from 'chai';
import { isDeepStrictEqual, inspect } from 'util';
import { SandboxFailure } from '../../../scripts/grader/sandbox/client';
import { ThrownValue, describeThrown } from '../../../scripts/grader/sandbox/thrown-value';

/** A short rendering of a value for a message: strings quoted, arrays and objects compact. */
export function show(value: unknown): string {
  try {
    return inspect(value, { depth: 3, breakLength: Infinity, maxArrayLength: 20 }).replace(/'/g, '"');
  } catch {
    return 'a value that cannot be displayed';
  }
}

/** Fails with exactly `message`. */
export function fail(message: string): never {
  expect.fail(message);
  throw new Error(message); // unreachable: expect.fail throws; keeps the type checker honest
}

/** Fails unless `actual` deep-equals `expected`: "<what>: expected <expected>, got <actual>". */
export function same<T>(actual: T, expected: T, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Fails unless `condition` holds. */
export function ensure(condition: boolean, message: string): void {
  if (!condition) fail(message);
}

/** Fails unless `actual` is within `tolerance` of `expected`. */
export function near(actual: number, expected: number, what: string, tolerance = 1e-9): void {
  const ok = typeof actual === 'number' && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
  if (!ok) fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/**
 * Fails unless `fn` throws a `RangeError` whose message names `parameter`; `call` describes the
 * call, e.g. `new LRUCache(0)`.
 */
export function throwsRangeError(fn: () => unknown, call: string, parameter: string): void {
  let thrown: unknown;
  let threw = false;
  try {
    fn();
  } catch (error) {
    // A timeout, a crash or a file that does not load is reported as itself.
    if (error instanceof SandboxFailure) throw error;
    thrown = error instanceof ThrownValue ? error.value : error;
    threw = true;
  }
  if (!threw) fail(`${call} should throw a RangeError, but it did not throw`);
  if (!(thrown instanceof RangeError)) fail(`${call} should throw a RangeError, but it threw ${describeError(thrown)}`);
  if (!thrown.message.includes(parameter)) {
    fail(`${call} threw a RangeError, but its message should name the parameter \`${parameter}\`; it was ${show(thrown.message)}`);
  }
}

/** "TypeError: message" for an error, or the shown value for anything else thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ThrownValue) return describeThrown(error.value);
  return error instanceof Error ? `${error.name}: ${error.message}` : describeThrown(error);
}

/** Which of `keys` a cache no longer has, by its own `has`. */
export function missingKeys<K>(cache: { has(key: K): boolean }, keys: K[]): K[] {
  return keys.filter((key) => !cache.has(key));
}

/** "a" / "a" and "b" / nothing — for messages about evicted keys. */
export function listKeys(keys: unknown[]): string {
  if (keys.length === 0) return 'nothing';
  return keys.map(show).join(' and ');
}

/**
 * Fails unless exactly `expected` of `keys` was evicted, explaining why with `reason`, e.g.
 * `expected "b" to be evicted (it was used least recently), but "a" was evicted`.
 */
export function expectEvicted<K>(cache: { has(key: K): boolean }, keys: K[], expected: K, reason: string, story: string): void {
  const evicted = missingKeys(cache, keys);
  if (evicted.length === 1 && evicted[0] === expected) return;
  fail(`after ${story}: expected ${show(expected)} to be evicted (${reason}), but ${listKeys(evicted)} was evicted`);
}
