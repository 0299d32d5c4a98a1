import { describe } from './validate';

/**
 * Throws `TypeError` unless `value` is a plain options object (not `null`, not an array), so
 * `new LRUCache(100)` fails with a message pointing at the real mistake.
 */
export function assertOptionsObject(name: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
}
