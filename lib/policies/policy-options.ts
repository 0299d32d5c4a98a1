import { assertOptionsObject } from '../core/options';
import { assertFunction, assertPositiveInteger } from '../core/validate';

/**
 * INTERIM (policies-arc): replaced by the shared `policy-options.ts` of branch policies-fifo at
 * merge. Options of every policy cache: a count capacity, or a byte budget with a size function.
 */
export type PolicyCacheOptions<K, V> = (
  | { capacity: number; maxSize?: undefined; sizeOf?: undefined }
  | { maxSize: number; sizeOf: (value: V, key: K) => number; capacity?: undefined }
) & {
  /** Called after an entry was pushed out to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
};

/** Validated options: `limit` is the capacity or maxSize, `weigh` gives an entry's share of it. */
export interface ResolvedPolicyOptions<K, V> {
  readonly limit: number;
  readonly sized: boolean;
  readonly weigh: (value: V, key: K) => number;
  readonly onEvict: ((key: K, value: V) => void) | undefined;
}

/** Validates {@link PolicyCacheOptions}. */
export function resolvePolicyOptions<K, V>(options: PolicyCacheOptions<K, V>): ResolvedPolicyOptions<K, V> {
  assertOptionsObject('options', options);
  const { capacity, maxSize, sizeOf, onEvict } = options as { capacity?: unknown; maxSize?: unknown; sizeOf?: unknown; onEvict?: unknown };
  if (onEvict !== undefined) assertFunction('onEvict', onEvict);
  const listener = onEvict as ((key: K, value: V) => void) | undefined;
  if (capacity !== undefined) {
    if (maxSize !== undefined) throw new TypeError('options must give capacity or maxSize, not both');
    assertPositiveInteger('capacity', capacity);
    return { limit: capacity, sized: false, weigh: () => 1, onEvict: listener };
  }
  if (maxSize === undefined) throw new TypeError('options must give capacity (a number of entries) or maxSize with sizeOf');
  assertPositiveInteger('maxSize', maxSize);
  assertFunction('sizeOf', sizeOf);
  const measure = sizeOf as (value: V, key: K) => number;
  return {
    limit: maxSize,
    sized: true,
    weigh: (value, key) => {
      const size = measure(value, key);
      assertPositiveInteger('sizeOf(value, key)', size);
      return size;
    },
    onEvict: listener,
  };
}
