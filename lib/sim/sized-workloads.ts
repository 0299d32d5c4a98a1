import { assertOptionsObject } from '../core/options';
import { Random } from '../core/random';
import { assertFunction, assertPositiveInteger } from '../core/validate';
import { SizedRequest } from './simulate-sized';

/** Options of {@link withObjectSizes}. */
export interface ObjectSizeOptions {
  /** A seeded source of uniform numbers in [0, 1), e.g. `seededRandom(42)`. */
  random: Random;
  /** Smallest object size (integer ≥ 1, default 1). */
  minSize?: number;
  /** Largest object size (integer ≥ minSize, default 1,000,000). */
  maxSize?: number;
}

/**
 * Gives every distinct key of a stream one size, drawn log-uniformly in `[minSize, maxSize]`
 * (web objects span orders of magnitude: many small, a few huge), and returns the stream as
 * size-aware requests for `simulateSized`. The same key always has the same size.
 *
 * @throws TypeError if `keys` is not an array or `random` is not a function.
 * @throws RangeError if `minSize`/`maxSize` are not positive integers with minSize ≤ maxSize.
 */
export function withObjectSizes<K>(keys: readonly K[], options: ObjectSizeOptions): SizedRequest<K>[] {
  if (!Array.isArray(keys)) throw new TypeError('keys must be an array of keys');
  assertOptionsObject('options', options);
  assertFunction('random', options.random);
  const minSize = options.minSize ?? 1;
  const maxSize = options.maxSize ?? 1_000_000;
  assertPositiveInteger('minSize', minSize);
  assertPositiveInteger('maxSize', maxSize);
  if (maxSize < minSize) throw new RangeError(`maxSize must be ≥ minSize (${minSize}), got ${maxSize}`);
  const sizes = new Map<K, number>();
  const span = Math.log(maxSize + 1) - Math.log(minSize);
  return keys.map((key) => {
    let size = sizes.get(key);
    if (size === undefined) {
      size = Math.min(maxSize, Math.floor(minSize * Math.exp(options.random() * span)));
      sizes.set(key, size);
    }
    return { key, size };
  });
}
