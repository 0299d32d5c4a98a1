import { assertPositiveInteger } from '../core/validate';
import { LatencySummary, summarizeLatencies } from '../sim/percentile';
import type { AppFleet } from './app-fleet';

/** What {@link measureInvalidationDelay} found. */
export interface InvalidationDelayReport {
  /** Invalidation started in the writing instance (after its database write) → arrived in each other instance, in ms. */
  delaysMs: number[];
  summary: LatencySummary;
  /** Invalidations received by all instances together, per write (fills of L2 count too in tracking mode). */
  messagesPerWrite: number;
  /** Invalidations that never arrived within the timeout. */
  lost: number;
  /** Reads, after the invalidation arrived, that still returned the old price (must be 0). */
  staleAfterArrival: number;
}

/**
 * The first instance of `fleet` updates a product's price `writes` times; before each write every
 * other instance reads the product until it is held in its L1, and after it, each waits for the
 * invalidation to arrive, then reads again: that read must see the new price. Real processes,
 * real Redis, a clock shared by the processes of one machine.
 *
 * @throws {RangeError} when `writes` is not a positive integer or the fleet has one instance.
 */
export async function measureInvalidationDelay(fleet: AppFleet, writes: number, products = 20): Promise<InvalidationDelayReport> {
  assertPositiveInteger('writes', writes);
  const [writer, ...readers] = fleet.instances;
  if (readers.length === 0) throw new RangeError('the fleet needs at least 2 instances');
  const messagesBefore = await totalMessages(fleet);
  const delaysMs: number[] = [];
  let lost = 0;
  let staleAfterArrival = 0;
  for (let i = 0; i < writes; i++) {
    const id = (i % products) + 1;
    // Prime: a read that fills L1, then one that must be an L1 hit.
    await Promise.all(readers.map(async (reader) => {
      await reader.call('read', id);
      await reader.call('read', id);
      await reader.call('forgetArrivals');
    }));
    const price = 1_000 + i;
    const { startedAt } = await writer.call('write', id, price);
    await Promise.all(
      readers.map(async (reader) => {
        const arrivedAt: number | null = await reader.call('arrivalOf', id, 2_000);
        if (arrivedAt === null) {
          lost++;
          return;
        }
        delaysMs.push(arrivedAt - startedAt);
        const read: { price: number } = await reader.call('read', id);
        if (read.price !== price) staleAfterArrival++;
      }),
    );
  }
  const messages = (await totalMessages(fleet)) - messagesBefore;
  return {
    delaysMs,
    summary: summarizeLatencies(delaysMs.length > 0 ? delaysMs : [NaN]),
    messagesPerWrite: messages / writes,
    lost,
    staleAfterArrival,
  };
}

async function totalMessages(fleet: AppFleet): Promise<number> {
  const stats: Array<{ messagesReceived: number }> = await Promise.all(fleet.instances.map((i) => i.call('stats')));
  return stats.reduce((sum, s) => sum + s.messagesReceived, 0);
}
