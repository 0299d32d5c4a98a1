import { assertPositiveInteger } from '../core/validate';
import type { AppFleet } from './app-fleet';

/** How the instances defend a cold key (see {@link measureCrossInstanceStampede}). */
export type StampedeDefence = 'single-flight' | 'lock' | 'two-tier';

/**
 * Every instance of `fleet` asks for the same cold product at once, `concurrency` callers each,
 * defended by `defence`: `single-flight` (each process coalesces its own callers), `lock` (plus
 * a Redis lock, re-checking L2 once held), `two-tier` (the two-tier cache with its lock).
 * Returns the database loads, summed over the processes.
 *
 * @throws {RangeError} when `productId` or `concurrency` is not a positive integer.
 */
export async function measureCrossInstanceStampede(fleet: AppFleet, productId: number, concurrency: number, defence: StampedeDefence): Promise<number> {
  assertPositiveInteger('productId', productId);
  assertPositiveInteger('concurrency', concurrency);
  const results: Array<{ loads: number }> = await Promise.all(fleet.instances.map((instance) => instance.call('stampede', productId, concurrency, defence)));
  return results.reduce((sum, r) => sum + r.loads, 0);
}
