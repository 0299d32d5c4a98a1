import { expect } from 'chai';
import fc from 'fast-check';
import { CoalescingWriteQueue } from '../../../lib/patterns/coalescing-write-queue';
import { OneShotTimer } from '../../../lib/patterns/one-shot-timer';
import { retryWithBackoff } from '../../../lib/patterns/retry-with-backoff';
import { SerialJobs } from '../../../lib/patterns/serial-jobs';
import { WaitList } from '../../../lib/patterns/wait-list';
import { deferred } from '../../support/deferred';
import { FakeTimers, settle } from '../../support/fake-timers';

type QueueOp = { op: 'add'; key: number; value: number } | { op: 'take'; max: number } | { op: 'saved' } | { op: 'failed' };

/** The reference model: an array of [key, value] in order of first write, and the batch in flight. */
class QueueModel {
  queued: Array<[string, number]> = [];
  inFlight: Array<readonly [string, number]> = [];
  add(key: string, value: number): boolean {
    const entry = this.queued.find(([k]) => k === key);
    if (entry) entry[1] = value;
    else this.queued.push([key, value]);
    return entry !== undefined;
  }
  take(max: number): Array<readonly [string, number]> {
    this.inFlight = this.queued.splice(0, max);
    return this.inFlight;
  }
  failed(): void {
    const newer = new Map(this.queued);
    const front: Array<[string, number]> = this.inFlight.map(([k, v]) => [k, newer.has(k) ? (newer.get(k) as number) : v]);
    this.queued = [...front, ...this.queued.filter(([k]) => !this.inFlight.some(([f]) => f === k))];
    this.inFlight = [];
  }
  pendingValue(key: string): number | undefined {
    const queued = this.queued.find(([k]) => k === key);
    if (queued) return queued[1];
    return this.inFlight.find(([k]) => k === key)?.[1];
  }
}

const opArb: fc.Arbitrary<QueueOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('add' as const), key: fc.nat(6), value: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('take' as const), max: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'saved' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'failed' as const }) },
);

describe('write-behind parts', () => {
  describe('CoalescingWriteQueue', () => {
    it('agrees with a reference model: one entry per key, oldest first, failed batches back at the front under newer values', () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
          const queue = new CoalescingWriteQueue<number>();
          const model = new QueueModel();
          let batch: Array<readonly [string, number]> | undefined;
          for (const step of ops) {
            if (step.op === 'add') expect(queue.add(String(step.key), step.value)).to.equal(model.add(String(step.key), step.value));
            else if (step.op === 'take' && batch === undefined) {
              batch = queue.takeBatch(step.max);
              expect(batch).to.deep.equal(model.take(step.max));
            } else if (step.op === 'saved' && batch !== undefined) {
              queue.batchSaved();
              model.inFlight = [];
              batch = undefined;
            } else if (step.op === 'failed' && batch !== undefined) {
              queue.batchFailed(batch);
              model.failed();
              batch = undefined;
            }
            expect(queue.size).to.equal(model.queued.length);
            expect(queue.pending).to.equal(model.queued.length + model.inFlight.length);
            for (let key = 0; key <= 6; key++) expect(queue.pendingValue(String(key))?.value).to.equal(model.pendingValue(String(key)));
          }
        }),
      );
    });

    it('gives a requeued batch sequence 0, so a flush waiting for older writes still covers it', () => {
      const queue = new CoalescingWriteQueue<number>();
      queue.add('a', 1);
      queue.add('b', 1);
      const batch = queue.takeBatch(1);
      queue.batchFailed(batch);
      expect(queue.headSeq()).to.equal(0);
      expect(queue.lastSeq).to.equal(2);
    });
  });

  describe('retryWithBackoff', () => {
    it('waits base·2ⁿ capped at maxMs between attempts and rethrows after maxRetries', async () => {
      const waits: number[] = [];
      let calls = 0;
      const error = await retryWithBackoff(
        async () => {
          calls++;
          throw new Error(`failure ${calls}`);
        },
        { maxRetries: 4, baseMs: 50, maxMs: 300, sleep: async (ms) => void waits.push(ms) },
      ).catch((e: Error) => e);
      expect((error as Error).message).to.equal('failure 5');
      expect(waits).to.deep.equal([50, 100, 200, 300]);
    });

    it('returns the first success and counts the retries', async () => {
      let retries = 0;
      let calls = 0;
      const result = await retryWithBackoff(async () => (++calls < 3 ? Promise.reject(new Error('no')) : 'ok'), {
        maxRetries: 5, baseMs: 1, maxMs: 10, sleep: async () => undefined, onRetry: () => retries++,
      });
      expect([result, retries]).to.deep.equal(['ok', 2]);
    });
  });

  describe('SerialJobs, WaitList, OneShotTimer', () => {
    it('runs jobs one at a time, in order, past a failing one', async () => {
      const jobs = new SerialJobs();
      const gate = deferred<void>();
      const log: string[] = [];
      const first = jobs.run(async () => { log.push('1 start'); await gate.promise; log.push('1 end'); });
      const second = jobs.run(async () => { log.push('2'); throw new Error('2 failed'); });
      const third = jobs.run(async () => void log.push('3'));
      await settle();
      expect(log).to.deep.equal(['1 start']);
      gate.resolve();
      await first;
      expect(await second.catch((e: Error) => e.message)).to.equal('2 failed');
      await third;
      expect(log).to.deep.equal(['1 start', '1 end', '2', '3']);
    });

    it('wakes every waiter at once', async () => {
      const list = new WaitList();
      let woken = 0;
      const waits = [list.wait(), list.wait()].map((p) => p.then(() => woken++));
      expect(list.length).to.equal(2);
      list.wakeAll();
      await Promise.all(waits);
      expect([woken, list.length]).to.deep.equal([2, 0]);
    });

    it('keeps at most one timer armed, and can be cleared', () => {
      const timers = new FakeTimers();
      const timer = new OneShotTimer(timers);
      let fired = 0;
      timer.arm(() => fired++, 100);
      timer.arm(() => fired++, 100);
      expect(timers.armed()).to.deep.equal([100]);
      timers.fireAll();
      timer.arm(() => fired++, 50);
      timer.clear();
      timers.fireAll();
      expect(fired).to.equal(1);
    });
  });
});
