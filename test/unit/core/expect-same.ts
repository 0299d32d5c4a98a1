import { expect } from 'chai';

/**
 * Deep equality for plain data, fast enough to run after every step of thousands of random
 * sequences: compares JSON first and only falls back to chai (for its readable diff) on a mismatch.
 * Only for JSON-safe values (no `undefined` inside arrays, no `NaN`).
 */
export function expectSame(actual: unknown, expected: unknown, label?: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual, label).to.deep.equal(expected);
}
