/**
 * Graded checks for exercises/write-behind.ts. Loaded from GRADE_TARGET, see support/target.ts.
 *
 * Time is a fake clock: the queue waits only through the `sleep(ms)` the suite passes in, and
 * the suite moves the clock. The database is a fake whose `write` records every batch, can be
 * held (a gate) and fails on cue. Both are plain functions defined here, so they can cross into
 * the grader's sandbox.
 */
import type * as Reference from '../../solutions/write-behind';
import { check } from './support/check';
import { describeError, ensure, fail, same, show } from './support/say';
import { loadExport, preload } from './support/target';
import { Deferred, deferred } from '../support/deferred';
import { settle } from './support/settle';

const FILE = 'write-behind.ts';

type Entry = { key: string; value: number };
type Options = Reference.WriteBehindOptions<number>;
type Queue = Reference.WriteBehindQueue<number>;


/** A fake clock whose `sleep` resolves only when the suite moves time past its deadline. */
function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  /** Every `sleep(ms)` the queue asked for, in order. */
  const sleeps: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    sleeps.push(ms);
    return new Promise<void>((wake) => timers.push({ at: now + ms, wake }));
  };
  /** Wakes the earliest sleeper due by `limit`; false when none is. */
  const wakeNext = (limit: number): boolean => {
    let next = -1;
    for (let i = 0; i < timers.length; i++) if (timers[i].at <= limit && (next < 0 || timers[i].at < timers[next].at)) next = i;
    if (next < 0) return false;
    const [timer] = timers.splice(next, 1);
    now = Math.max(now, timer.at);
    timer.wake();
    return true;
  };
  /** Moves time forward by `ms`, waking sleepers in deadline order and letting each react. */
  const advance = async (ms: number): Promise<void> => {
    const target = now + ms;
    await settle();
    while (wakeNext(target)) await settle();
    now = target;
    await settle();
  };
  /** Runs time forward, sleeper by sleeper, until `promise` settles; fails if it waits for nothing. */
  const drive = async <T>(promise: Promise<T>, what: string): Promise<{ value?: T; error?: unknown }> => {
    let result: { value?: T; error?: unknown } | undefined;
    promise.then(
      (value) => (result = { value }),
      (error) => (result = { error }),
    );
    for (let step = 0; step < 500; step++) {
      await settle();
      if (result) return result;
      if (!wakeNext(Infinity)) {
        await settle(30);
        if (result) return result;
        fail(`${what} never settled: it waits, but no sleep(ms) is pending that could wake it (at t=${now} ms)`);
      }
    }
    return fail(`${what} did not settle after 500 sleeps (at t=${now} ms): is something retrying forever?`);
  };
  return { sleep, sleeps, advance, drive, now: () => now };
}

/** A fake database: records every write call, holds writes behind a gate, fails on cue. */
function fakeDatabase(clock: { now(): number }) {
  const rows = new Map<string, number>();
  const calls: Array<{ at: number; batch: Entry[]; ok: boolean }> = [];
  let failuresToCome = 0;
  let gate: Deferred<void> | undefined;
  const write = async (batch: Entry[]): Promise<void> => {
    const call = { at: clock.now(), batch: batch.map(({ key, value }) => ({ key, value })), ok: false };
    calls.push(call);
    if (gate) await gate.promise;
    if (failuresToCome > 0) {
      failuresToCome--;
      throw new Error('database unavailable (injected failure)');
    }
    for (const { key, value } of call.batch) rows.set(key, value);
    call.ok = true;
  };
  return {
    write,
    rows,
    calls,
    /** The next `n` write calls fail. */
    failNext(n: number) {
      failuresToCome = n;
    },
    /** Write calls wait until `open()`. */
    hold() {
      gate = deferred<void>();
    },
    open() {
      gate?.resolve();
      gate = undefined;
    },
    /** The rows as a plain sorted object, for messages. */
    table(): Record<string, number> {
      return Object.fromEntries([...rows.entries()].sort(([a], [b]) => a.localeCompare(b)));
    },
  };
}

type Clock = ReturnType<typeof fakeClock>;
type Database = ReturnType<typeof fakeDatabase>;

const DEFAULTS = { maxBatchSize: 10, flushIntervalMs: 60_000, maxQueueSize: 20, maxRetries: 3, retryBaseMs: 100 };

/** A fresh queue over a fresh fake clock and database. */
function setUp(overrides: Partial<Omit<Options, 'write' | 'sleep'>> = {}): { queue: Queue; clock: Clock; db: Database; options: typeof DEFAULTS } {
  const WriteBehindQueue = loadExport<typeof Reference.WriteBehindQueue>(FILE, 'WriteBehindQueue');
  const clock = fakeClock();
  const db = fakeDatabase(clock);
  const options = { ...DEFAULTS, ...overrides };
  const queue = new WriteBehindQueue<number>({ ...options, write: db.write, sleep: clock.sleep });
  return { queue, clock, db, options };
}

/** Whether `promise` settles while the clock stands still; returns how, or undefined if pending. */
async function settlesNow<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown } | undefined> {
  let result: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (result = { value }),
    (error) => (result = { error }),
  );
  await settle(30);
  return result;
}

/** Calls `fn`, turning a synchronous throw into a rejection. */
function attempt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Enqueues and fails unless the enqueue is acknowledged without the clock moving. */
async function enqueued(queue: Queue, key: string, value: number): Promise<void> {
  const result = await settlesNow(attempt(() => queue.enqueue(key, value)));
  if (result === undefined) fail(`enqueue(${show(key)}, ${value}) should resolve at once (the queue is not full), but it is still waiting`);
  if ('error' in result) fail(`enqueue(${show(key)}, ${value}) rejected: ${describeError(result.error)}`);
}

/** Fails unless no batch written holds a key twice or more than `max` entries. */
function wellFormedBatches(db: Database, max: number): void {
  for (const { batch } of db.calls) {
    const keys = batch.map((e) => e.key);
    ensure(new Set(keys).size === keys.length, `a batch passed to write() holds a key twice (coalesce per key): ${show(batch)}`);
    ensure(batch.length <= max, `a batch of ${batch.length} entries was written, more than maxBatchSize ${max}: ${show(batch)}`);
  }
}

describe('write-behind', () => {
  preload(FILE);

  check('coalesces writes per key: one entry per key, the latest value wins', { points: 3, hint: 'Two writes to one key before a flush need only one database write: what structure keeps one entry per key and remembers the order?' }, async () => {
    const { queue, clock, db } = setUp();
    for (const [key, value] of [['a', 1], ['b', 1], ['a', 2], ['a', 3], ['c', 1], ['b', 2]] as const) await enqueued(queue, key, value);
    same(queue.stats().queued, 3, 'stats().queued after enqueuing a, b, a, a, c, b');
    same(queue.stats().coalesced, 3, 'stats().coalesced after enqueuing a, b, a, a, c, b');
    const flushed = await clock.drive(attempt(() => queue.flush()), 'flush()');
    if (flushed.error !== undefined) fail(`flush() rejected: ${describeError(flushed.error)}`);
    same(db.calls.length, 1, 'write() calls for 3 distinct keys with maxBatchSize 10');
    wellFormedBatches(db, 10);
    same(db.table(), { a: 3, b: 2, c: 1 }, 'the database after flush() (a=1, b=1, a=2, a=3, c=1, b=2 were enqueued)');
    same(db.calls[0].batch.map((e) => e.key), ['a', 'b', 'c'], 'order of the keys in the batch (oldest first; a replaced value keeps its place)');
    same(queue.stats().written, 3, 'stats().written after flush()');
    same(queue.stats().batches, 1, 'stats().batches after flush()');
  });

  check('a key enqueued while its batch is in flight is queued again, and its newer value is written after', { points: 2, hint: 'Take a batch OUT of the queue before writing it: a later enqueue of the same key then lands in the queue and goes in the next batch.' }, async () => {
    const { queue, clock, db } = setUp({ maxBatchSize: 2, maxQueueSize: 4 });
    db.hold();
    await enqueued(queue, 'a', 1);
    await enqueued(queue, 'b', 1);
    await settle();
    same(db.calls.map((c) => c.batch), [[{ key: 'a', value: 1 }, { key: 'b', value: 1 }]], 'write() calls once a and b are queued (maxBatchSize 2)');
    await enqueued(queue, 'a', 2);
    same([queue.stats().inFlight, queue.stats().queued], [2, 1], '[stats().inFlight, stats().queued] while [a=1, b=1] is being written and a=2 was enqueued');
    db.open();
    const flushed = await clock.drive(attempt(() => queue.flush()), 'flush()');
    if (flushed.error !== undefined) fail(`flush() rejected: ${describeError(flushed.error)}`);
    same(db.table(), { a: 2, b: 1 }, 'the database at the end (a=2 was enqueued while a=1 was being written)');
  });

  check('flushes by size: maxBatchSize distinct keys start a write at once, in batches of at most maxBatchSize', { points: 3, hint: 'A full batch should not wait for the interval: when does `enqueue` know there is one?' }, async () => {
    const { queue, clock, db } = setUp({ maxBatchSize: 3, maxQueueSize: 6 });
    await enqueued(queue, 'a', 1);
    await enqueued(queue, 'b', 1);
    await settle();
    same(db.calls.length, 0, 'write() calls with 2 keys queued (maxBatchSize 3, the interval not reached)');
    await enqueued(queue, 'c', 1);
    await settle();
    same(db.calls.map((c) => [c.at, c.batch.map((e) => e.key).sort()]), [[0, ['a', 'b', 'c']]], '[time, keys] of write() calls once a third key is queued (maxBatchSize 3), with the clock at t=0');
    for (const key of ['d', 'e', 'f', 'g', 'h']) {
      const result = await clock.drive(attempt(() => queue.enqueue(key, 1)), `enqueue(${show(key)}, 1)`);
      if (result.error !== undefined) fail(`enqueue(${show(key)}, 1) rejected: ${describeError(result.error)}`);
    }
    const flushed = await clock.drive(attempt(() => queue.flush()), 'flush()');
    if (flushed.error !== undefined) fail(`flush() rejected: ${describeError(flushed.error)}`);
    wellFormedBatches(db, 3);
    same(Object.keys(db.table()), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 'keys in the database after flush()');
  });

  check('flushes by interval: a lone write reaches the database flushIntervalMs after it was queued', { points: 3, hint: 'A lone write must still reach the database after flushIntervalMs: who starts that flush? Wait only through the injected `sleep` (the grader moves a fake clock).' }, async () => {
    const { queue, clock, db } = setUp({ flushIntervalMs: 1000 });
    await enqueued(queue, 'a', 1);
    await enqueued(queue, 'x', 1);
    await enqueued(queue, 'y', 1);
    same(clock.sleeps.filter((ms) => ms === 1000).length, 1, 'sleep(flushIntervalMs) calls after three enqueues into an empty queue (one pending timer, not one per write)');
    await clock.advance(999);
    same(db.calls.length, 0, 'write() calls at t=999 ms after enqueue("a", 1) at t=0 (flushIntervalMs 1000, maxBatchSize 10)');
    await clock.advance(1);
    same(db.calls.map((c) => [c.at, c.batch.map((e) => e.key)]), [[1000, ['a', 'x', 'y']]], '[time, keys] of write() calls by t=1000 ms');
    await clock.advance(500);
    await enqueued(queue, 'b', 2);
    await clock.advance(1000);
    same(db.table(), { a: 1, b: 2, x: 1, y: 1 }, 'the database at t=2500 ms (b was enqueued at t=1500 ms)');
  });

  check('retries a failed batch with exponential backoff: waits retryBaseMs, then 2×, then 4×', { points: 3, hint: 'A failed batch is tried again after retryBaseMs, then twice that, then four times: where does the waiting happen, and with which clock?' }, async () => {
    const { queue, clock, db } = setUp({ retryBaseMs: 100, maxRetries: 5 });
    await enqueued(queue, 'a', 1);
    db.failNext(3);
    const flushed = await clock.drive(attempt(() => queue.flush()), 'flush() while the database fails 3 times');
    if (flushed.error !== undefined) fail(`flush() rejected although maxRetries is 5 and the database failed only 3 times: ${describeError(flushed.error)}`);
    same(db.calls.map((c) => c.at), [0, 100, 300, 700], 'times of the write() attempts (ms; retryBaseMs 100: waits of 100, 200, 400)');
    same(db.calls.map((c) => c.batch), [[{ key: 'a', value: 1 }], [{ key: 'a', value: 1 }], [{ key: 'a', value: 1 }], [{ key: 'a', value: 1 }]], 'batches of the write() attempts (the same batch, retried)');
    same(clock.sleeps.filter((ms) => ms !== 60_000), [100, 200, 400], 'sleep(ms) calls for backoff');
    const stats = queue.stats();
    same([stats.retries, stats.written, stats.failed], [3, 1, 0], '[stats().retries, stats().written, stats().failed]');
  });

  check('gives up after maxRetries retries: flush rejects, stats().failed counts it, and the batch stays queued', { points: 3, hint: 'Giving up must not drop data: put the batch back in the queue (in front), count it in `failed`, and rethrow so the caller of flush() knows.' }, async () => {
    const { queue, clock, db } = setUp({ maxRetries: 2, retryBaseMs: 50 });
    await enqueued(queue, 'a', 1);
    await enqueued(queue, 'b', 2);
    db.failNext(3);
    const failing = attempt(() => queue.flush());
    await settle();
    await enqueued(queue, 'c', 3); // queued while [a, b] is failing
    const flushed = await clock.drive(failing, 'flush() while the database keeps failing');
    ensure(flushed.error !== undefined, `flush() should reject after 1 + maxRetries (2) failed attempts, but it resolved; write() was called ${db.calls.length} times`);
    same(db.calls.length, 3, 'write() attempts before giving up (1 + maxRetries 2)');
    same([queue.stats().failed, queue.stats().queued], [1, 3], '[stats().failed, stats().queued] after giving up on the batch [a, b] (c was enqueued meanwhile)');
    const retried = await clock.drive(attempt(() => queue.flush()), 'flush() once the database is back');
    if (retried.error !== undefined) fail(`flush() rejected once the database was back: ${describeError(retried.error)}`);
    same(db.table(), { a: 1, b: 2, c: 3 }, 'the database after a second flush() (the batch given up on must not be lost)');
    same(db.calls[3].batch.map((e) => e.key), ['a', 'b', 'c'], 'keys of the first batch after the failure (the failed batch goes back to the FRONT: it is older than c)');
  });

  check('a batch given up on never overwrites a newer value queued meanwhile', { points: 2, hint: 'When you requeue a failed batch, skip (keep) any key that was enqueued again while the batch was in flight: the queued value is newer.' }, async () => {
    const { queue, clock, db } = setUp({ maxRetries: 1, retryBaseMs: 50 });
    await enqueued(queue, 'a', 1);
    db.hold();
    db.failNext(2);
    const first = attempt(() => queue.flush());
    await settle();
    await enqueued(queue, 'a', 2);
    db.open();
    const flushed = await clock.drive(first, 'flush() while the database fails twice');
    ensure(flushed.error !== undefined, 'flush() should reject: the database failed on both attempts (maxRetries 1)');
    const retried = await clock.drive(attempt(() => queue.flush()), 'flush() once the database is back');
    if (retried.error !== undefined) fail(`flush() rejected once the database was back: ${describeError(retried.error)}`);
    same(db.table(), { a: 2 }, 'the database at the end (a=2 was enqueued while the batch [a=1] was failing)');
  });

  check('applies back-pressure: enqueue of a new key waits while the queue is full, and the queue never grows past maxQueueSize', { points: 4, hint: 'When the queue is full, a new key must wait (back-pressure), and be woken when room appears: where does room appear?' }, async () => {
    const { queue, clock, db } = setUp({ maxBatchSize: 2, maxQueueSize: 4 });
    db.hold();
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) await enqueued(queue, key, 1);
    same(queue.stats().queued, 4, 'stats().queued with [a, b] in flight (held) and c, d, e, f enqueued (maxQueueSize 4)');
    const waiting = attempt(() => queue.enqueue('g', 1));
    const early = await settlesNow(waiting);
    ensure(early === undefined, `enqueue("g", 1) into a full queue (4 keys, maxQueueSize 4) should wait for space, but it ${early && 'error' in early ? `rejected: ${describeError(early.error)}` : 'resolved at once'}; stats().queued is ${queue.stats().queued}`);
    ensure(queue.stats().queued <= 4, `stats().queued is ${queue.stats().queued}, more than maxQueueSize 4`);
    await enqueued(queue, 'c', 2);
    db.open();
    const admitted = await clock.drive(waiting, 'enqueue("g", 1) once the database is writing again');
    if (admitted.error !== undefined) fail(`enqueue("g", 1) rejected: ${describeError(admitted.error)}`);
    const flushed = await clock.drive(attempt(() => queue.flush()), 'flush()');
    if (flushed.error !== undefined) fail(`flush() rejected: ${describeError(flushed.error)}`);
    same(db.table(), { a: 1, b: 1, c: 2, d: 1, e: 1, f: 1, g: 1 }, 'the database at the end (c=2 replaced c=1 while the queue was full)');
  });

  check('close() writes every acknowledged write: the database ends with the latest value of every key', { points: 4, hint: '`close()` must leave nothing unsaved: what can still be queued, or in flight, when it is called?' }, async () => {
    const { queue, clock, db } = setUp({ maxBatchSize: 3, maxQueueSize: 4, flushIntervalMs: 500, maxRetries: 3, retryBaseMs: 20 });
    const latest = new Map<string, number>();
    let seed = 7;
    for (let i = 1; i <= 60; i++) {
      seed = (seed * 48271) % 2147483647;
      const key = `k${seed % 7}`;
      if (i % 9 === 0) db.failNext(1);
      const result = await clock.drive(attempt(() => queue.enqueue(key, i)), `enqueue(${show(key)}, ${i})`);
      if (result.error !== undefined) fail(`enqueue(${show(key)}, ${i}) rejected: ${describeError(result.error)}`);
      latest.set(key, i);
    }
    const closed = await clock.drive(attempt(() => queue.close()), 'close()');
    if (closed.error !== undefined) fail(`close() rejected: ${describeError(closed.error)}`);
    wellFormedBatches(db, 3);
    const expected = Object.fromEntries([...latest.entries()].sort(([a], [b]) => a.localeCompare(b)));
    same(db.table(), expected, 'the database after close() (the latest value enqueued for each key)');
    same([queue.stats().queued, queue.stats().inFlight], [0, 0], '[stats().queued, stats().inFlight] after close()');
  });

  check('close() waits for the batch in flight', { points: 1, hint: 'A batch being written is not in the queue any more, but it is not saved yet either: `close()` must await the running flush too.' }, async () => {
    const { queue, clock, db } = setUp({ maxBatchSize: 2, maxQueueSize: 4 });
    db.hold();
    await enqueued(queue, 'a', 1);
    await enqueued(queue, 'b', 1);
    await settle();
    const closing = attempt(() => queue.close());
    const early = await settlesNow(closing);
    ensure(early === undefined, `close() settled while the batch [a, b] was still being written (${early && 'error' in early ? describeError(early.error) : 'resolved'})`);
    db.open();
    const closed = await clock.drive(closing, 'close()');
    if (closed.error !== undefined) fail(`close() rejected: ${describeError(closed.error)}`);
    same(db.table(), { a: 1, b: 1 }, 'the database once close() resolved');
  });

  check('refuses enqueue after close()', { points: 1 }, async () => {
    const { queue, clock } = setUp();
    await enqueued(queue, 'a', 1);
    const closed = await clock.drive(attempt(() => queue.close()), 'close()');
    if (closed.error !== undefined) fail(`close() rejected: ${describeError(closed.error)}`);
    const late = await settlesNow(attempt(() => queue.enqueue('b', 1)));
    ensure(late !== undefined && late.error instanceof Error, `enqueue("b", 1) after close() should reject with an Error, but it ${late === undefined ? 'is still pending' : 'resolved'}`);
    same(queue.stats().queued, 0, 'stats().queued after an enqueue refused by a closed queue');
  });

  check('close() rejects when a batch cannot be written, and keeps it queued', { points: 2, hint: 'Let the flush rejection reach the caller of `close()`; the batch goes back into the queue, so `stats().queued` shows what is still unsaved.' }, async () => {
    const { queue, clock, db } = setUp({ maxRetries: 1, retryBaseMs: 10 });
    await enqueued(queue, 'a', 1);
    db.failNext(1000);
    const closed = await clock.drive(attempt(() => queue.close()), 'close() while the database is down');
    ensure(closed.error !== undefined, `close() should reject while the database is down (maxRetries 1), but it resolved after ${db.calls.length} write() calls`);
    same([queue.stats().queued, queue.stats().failed >= 1], [1, true], '[stats().queued, stats().failed ≥ 1] after close() failed');
  });

  check('after giving up, the interval flushes the requeued batch by itself once the database is back', { points: 1, hint: 'When a flush ends with entries still queued (it gave up), make sure a `sleep(flushIntervalMs)` is pending that will start the next flush.' }, async () => {
    // The retries (at t=0, 600 and 1800 ms) outlast the first interval timer (t=1000 ms).
    const { queue, clock, db } = setUp({ maxRetries: 2, retryBaseMs: 600, flushIntervalMs: 1000 });
    await enqueued(queue, 'a', 1);
    db.failNext(3);
    const flushed = await clock.drive(attempt(() => queue.flush()), 'flush() while the database fails three times');
    ensure(flushed.error !== undefined, 'flush() should reject: the database failed on all 3 attempts (maxRetries 2)');
    await clock.advance(1000);
    same(db.table(), { a: 1 }, `the database 1000 ms after the failed flush ended at t=1800 ms (nobody called flush() again)`);
  });

  check('waits with real timers when no sleep is given', { points: 1, timeoutMs: 5000, hint: 'Without an injected `sleep`, the queue must still wait in real time.' }, async () => {
    const WriteBehindQueue = loadExport<typeof Reference.WriteBehindQueue>(FILE, 'WriteBehindQueue');
    const rows: string[] = [];
    const queue = new WriteBehindQueue<number>({ ...DEFAULTS, flushIntervalMs: 150, write: async (batch) => void rows.push(...batch.map((e) => e.key)) });
    await queue.enqueue('a', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    same(rows, [], 'keys written 20 ms after enqueue("a", 1) with flushIntervalMs 150 and the real clock');
    for (let waited = 0; waited < 3000 && rows.length === 0; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    same(rows, ['a'], 'keys written within 3 s of enqueue("a", 1) with flushIntervalMs 150 and the real clock');
  });

  check('rejects bad options with a TypeError or RangeError naming the parameter', { points: 2, hint: 'Check every option in the constructor, before anything else: reject what is not valid with an error that names it (and note how maxQueueSize relates to maxBatchSize).' }, () => {
    const WriteBehindQueue = loadExport<typeof Reference.WriteBehindQueue>(FILE, 'WriteBehindQueue');
    const write = async (): Promise<void> => undefined;
    const good = { ...DEFAULTS, write };
    const cases: Array<[string, Record<string, unknown>, 'RangeError' | 'TypeError']> = [
      ['maxBatchSize', { maxBatchSize: 0 }, 'RangeError'],
      ['maxBatchSize', { maxBatchSize: 2.5 }, 'RangeError'],
      ['flushIntervalMs', { flushIntervalMs: 0 }, 'RangeError'],
      ['flushIntervalMs', { flushIntervalMs: NaN }, 'RangeError'],
      ['maxQueueSize', { maxQueueSize: 5, maxBatchSize: 10 }, 'RangeError'],
      ['maxQueueSize', { maxQueueSize: 0 }, 'RangeError'],
      ['maxRetries', { maxRetries: -1 }, 'RangeError'],
      ['maxRetries', { maxRetries: 1.5 }, 'RangeError'],
      ['retryBaseMs', { retryBaseMs: -10 }, 'RangeError'],
      ['write', { write: 'not a function' }, 'TypeError'],
      ['sleep', { sleep: 42 }, 'TypeError'],
    ];
    for (const edge of [{ maxBatchSize: 1, maxQueueSize: 1, maxRetries: 0 }, { flushIntervalMs: 0.5, retryBaseMs: 0.5 }]) {
      try {
        new WriteBehindQueue({ ...good, ...edge } as unknown as Options);
      } catch (error) {
        fail(`new WriteBehindQueue({ …, ${Object.entries(edge).map(([k, v]) => `${k}: ${v}`).join(', ')} }) is valid but threw ${describeError(error)}`);
      }
    }
    for (const options of [null, undefined, 42]) {
      let thrown: unknown;
      try {
        new WriteBehindQueue(options as unknown as Options);
      } catch (error) {
        thrown = error;
      }
      ensure(thrown instanceof Error && thrown.name === 'TypeError' && thrown.message.includes('options'), `new WriteBehindQueue(${String(options)}) should throw a TypeError naming \`options\`, but it ${thrown === undefined ? 'did not throw' : `threw ${describeError(thrown)}`}`);
    }
    for (const [parameter, bad, kind] of cases) {
      const call = `new WriteBehindQueue({ …, ${Object.entries(bad).map(([k, v]) => `${k}: ${show(v)}`).join(', ')} })`;
      let thrown: unknown;
      try {
        new WriteBehindQueue({ ...good, ...bad } as unknown as Options);
      } catch (error) {
        thrown = error;
      }
      if (thrown === undefined) fail(`${call} should throw a ${kind}, but it did not throw`);
      ensure(thrown instanceof Error && thrown.name === kind, `${call} should throw a ${kind}, but it threw ${describeError(thrown)}`);
      ensure((thrown as Error).message.includes(parameter), `${call} threw a ${kind}, but its message should name \`${parameter}\`; it was ${show((thrown as Error).message)}`);
    }
  });

  check('enqueue rejects an empty key or an undefined value with a TypeError naming it', { points: 1 }, async () => {
    const { queue } = setUp();
    for (const [key, value, parameter] of [['', 1, 'key'], [42, 1, 'key'], ['a', undefined, 'value']] as Array<[unknown, unknown, string]>) {
      const call = `enqueue(${show(key)}, ${show(value)})`;
      const result = await settlesNow(attempt(() => queue.enqueue(key as string, value as number)));
      ensure(result !== undefined && result.error instanceof TypeError, `${call} should reject with a TypeError, but it ${result === undefined ? 'is still pending' : 'error' in result ? `rejected with ${describeError(result.error)}` : 'resolved'}`);
      ensure((result?.error as Error).message.includes(parameter), `${call} rejected with a TypeError whose message should name \`${parameter}\`; it was ${show((result?.error as Error).message)}`);
    }
    same(queue.stats().queued, 0, 'stats().queued after only bad enqueues');
  });
});
