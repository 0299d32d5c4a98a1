/**
 * Geometric growth for the typed arrays that hold a cache's links: caches allocate as they
 * fill instead of reserving `capacity` slots up front (a `capacity` of 10⁸ must not cost gigabytes
 * before the first `set`). Doubling keeps the copying amortized O(1) per insert.
 */

/** Initial number of slots a cache reserves (or fewer, if its capacity is smaller). */
export const INITIAL_SLOTS = 64;

/** The next length for arrays that must hold index `needed`, at most `limit` + 1 slots. */
export function grownLength(current: number, needed: number, limit: number): number {
  let length = Math.max(current, 1);
  while (length <= needed) length *= 2;
  return Math.min(length, limit + 1);
}

/** A copy of `array` with `length` elements (new ones zero). */
export function growUint32(array: Uint32Array, length: number): Uint32Array {
  const grown = new Uint32Array(length);
  grown.set(array);
  return grown;
}

/** A copy of `array` with `length` elements (new ones zero). */
export function growFloat64(array: Float64Array, length: number): Float64Array {
  const grown = new Float64Array(length);
  grown.set(array);
  return grown;
}
