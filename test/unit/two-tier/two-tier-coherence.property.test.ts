import { expect } from 'chai';
import fc from 'fast-check';
import { MemoryAsyncCache } from '../../../lib/cache/memory-async-cache';
import { ManualClock } from '../../../lib/core/clock';
import { TwoTierCache } from '../../../lib/two-tier/two-tier-cache';
import { MemoryInvalidationHub } from '../../support/memory-invalidation-hub';

const L1_TTL = 100;
const KEYS = ['a', 'b'];

/** One step of a random run over three instances sharing one L2. */
type Op =
  | { kind: 'set'; at: number; key: string; value: number }
  | { kind: 'delete'; at: number; key: string }
  | { kind: 'get'; at: number; key: string }
  | { kind: 'deliver' }
  | { kind: 'lose' }
  | { kind: 'outage'; at: number }
  | { kind: 'advance'; ms: number };

const key = fc.constantFrom(...KEYS);
const at = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('set' as const), at, key, value: fc.integer({ min: 0, max: 9 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at, key }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('get' as const), at, key }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'deliver' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'lose' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('outage' as const), at }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 40 }) }), weight: 1 },
);

describe('TwoTierCache coherence (property: random writes, reads, lost messages and outages over three instances)', () => {
  it('once every message is delivered, every instance reads what L2 holds; a lost message is forgotten within l1TtlMs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), async (ops) => {
        const clock = new ManualClock();
        const hub = new MemoryInvalidationHub();
        const l2 = new MemoryAsyncCache<number>({ now: clock.now, defaultTtlMs: 1e9 });
        const buses = ['A', 'B', 'C'].map((id) => hub.bus(id));
        const caches = buses.map((bus) => new TwoTierCache<number>({ l2, bus, l1TtlMs: L1_TTL, l2TtlMs: 1e9, now: clock.now }));
        for (const cache of caches) await cache.start();
        /** Until then, an instance may be stale because a message was lost. */
        let staleAllowedUntil = -1;
        const agree = async (story: string) => {
          for (const k of KEYS) {
            const truth = await l2.get(k);
            for (const [i, cache] of caches.entries()) expect(await cache.get(k), `${story}: instance ${i}, key ${k}`).to.equal(truth);
          }
        };
        for (const step of ops) {
          if (step.kind === 'set') await caches[step.at].set(step.key, step.value);
          else if (step.kind === 'delete') await caches[step.at].delete(step.key);
          else if (step.kind === 'get') await caches[step.at].get(step.key);
          else if (step.kind === 'advance') clock.advance(step.ms);
          else if (step.kind === 'outage') {
            // Toggles instance `at`'s subscription: what is delivered while it is down is lost for it.
            if (buses[step.at].connected) buses[step.at].disconnect();
            else buses[step.at].reconnect();
          } else if (step.kind === 'lose') {
            if (hub.pending > 0) staleAllowedUntil = clock.now() + L1_TTL;
            (hub as unknown as { queue: unknown[] }).queue = [];
          } else {
            hub.deliver();
            if (clock.now() >= staleAllowedUntil) await agree('after delivering every message');
          }
        }
        for (const bus of buses) if (!bus.connected) bus.reconnect();
        hub.deliver();
        clock.advance(L1_TTL);
        await agree(`${L1_TTL} ms after the end`);
      }),
      { numRuns: 500 },
    );
  });
});
