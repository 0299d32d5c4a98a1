import { JsonRoundTripError } from './errors';

/**
 * Serialises a cache value, refusing anything `JSON.parse(JSON.stringify(v))` would not give
 * back equal: silently turning a Date into a string or a Map into `{}` in the cache would serve
 * different data on a hit than on a miss.
 */
export function encodeJson(value: unknown): string {
  check(value, 'value', new Set());
  return JSON.stringify(value);
}

/** The inverse of {@link encodeJson}. */
export function decodeJson<V>(text: string): V {
  return JSON.parse(text) as V;
}

function check(value: unknown, path: string, ancestors: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JsonRoundTripError(path, `is ${value} (JSON turns it into null)`);
    if (Object.is(value, -0)) throw new JsonRoundTripError(path, 'is -0 (JSON turns it into 0)');
    return;
  }
  if (typeof value !== 'object') throw new JsonRoundTripError(path, `is a ${typeof value}`);
  if (ancestors.has(value)) throw new JsonRoundTripError(path, 'is a circular reference');
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new JsonRoundTripError(`${path}[${i}]`, 'is a hole in a sparse array');
      check(value[i], `${path}[${i}]`, ancestors);
    }
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new JsonRoundTripError(path, `is a ${(value as object).constructor?.name ?? 'non-plain object'}, not a plain object`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new JsonRoundTripError(path, 'has symbol keys');
    for (const [key, child] of Object.entries(value)) check(child, `${path}.${key}`, ancestors);
  }
  ancestors.delete(value);
}
