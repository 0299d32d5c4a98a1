import { expect } from 'chai';
import { join } from 'path';
import { WRONG, exercise, failedTitles, grade, requireRedisFor } from './grading';

interface WrongCase {
  folder: string;
  exercise: string;
  /** Checks that must fail (title fragments). */
  mustFail: string[];
  /** When set, exactly these fail: the grader must not punish what is right. */
  only?: boolean;
  /** A fragment the first failure message must contain. */
  message?: RegExp;
}

const CASES: WrongCase[] = [
  {
    folder: 'lru-fifo',
    exercise: 'lru-cache',
    mustFail: ['get makes a key the most recently used', 'set on an existing key makes it the most recently used'],
    message: /expected "b" to be evicted \(it was used least recently: "a" was just read\), but "a" was evicted/,
  },
  { folder: 'lru-array', exercise: 'lru-cache', mustFail: ['O(1)'], only: true, message: /× slower/ },
  { folder: 'lfu-no-tiebreak', exercise: 'lfu-cache', mustFail: ['breaks ties', 'O(1)'], message: /expected "c" to be evicted/ },
  { folder: 'ttl-late', exercise: 'ttl-cache', mustFail: ['live until exactly its TTL'], message: /at t=1100.*expected undefined, got "A"/ },
  {
    folder: 'ttl-has-counts',
    exercise: 'ttl-cache',
    mustFail: ['has reports live entries only', 'agrees with a reference model'],
    only: true,
    message: /stats\(\) after calling only set and has/,
  },
  { folder: 'lock-no-token', exercise: 'stampede', mustFail: ['release with another token'], only: true, message: /wrong token\): expected false, got true/ },
  { folder: 'lock-get-del', exercise: 'stampede', mustFail: ['atomic compare-and-delete'], only: true, message: /did not run a Lua script/ },
  { folder: 'singleflight-forever', exercise: 'stampede', mustFail: ['forgets a key once its call settles'], message: /fn must run again/ },
  {
    folder: 'jitter-one-sided',
    exercise: 'stampede',
    mustFail: ['maps random() linearly', 'uses Math.random by default'],
    only: true,
    message: /jitteredTtl\(1000, 0.2, \(\) => 0\) returned 1000; random\(\) = 0 should give an end of the range \[ 800, 1200 \]/,
  },
  // two-tier-cache (capstone): delivery is asynchronous, so these name the checks they must fail, not all they may.
  {
    folder: 'twotier-no-publish',
    exercise: 'two-tier-cache',
    mustFail: ['a write reaches the other instances', 'delete removes the key from Redis and from every instance'],
    message: /B held "price" = 10 in L1 when A set it to 12/,
  },
  { folder: 'twotier-drops-own', exercise: 'two-tier-cache', mustFail: ['the sender ignores its own message'], message: /should be an L1 hit/ },
  { folder: 'twotier-ignores-ttl', exercise: 'two-tier-cache', mustFail: ['L1 serves without Redis until l1TtlMs'], only: true, message: /exactly l1TtlMs/ },
  { folder: 'twotier-no-singleflight', exercise: 'two-tier-cache', mustFail: ['share one loader call'], only: true, message: /loader calls for five concurrent/ },
  // SIEVE (policies-arc): each mistake loses the check that names it (and, through the model and gli checks, more).
  { folder: 'sieve-hand-reset', exercise: 'sieve-cache', mustFail: ['the hand stays where it stopped'], message: /expected "c" to be evicted .*but "a" was evicted/ },
  { folder: 'sieve-get-moves', exercise: 'sieve-cache', mustFail: ['get marks a key visited but does not move it'], message: /keys\(\) after set a, b, c; get\('a'\): expected \[ "c", "b", "a" \], got \[ "a", "c", "b" \]/ },
  { folder: 'sieve-tail-insert', exercise: 'sieve-cache', mustFail: ['inserts new keys at the head'], message: /keys\(\) after set a, b, c: expected \[ "c", "b", "a" \], got \[ "a", "b", "c" \]/ },
  // write-behind
  { folder: 'wb-no-coalesce', exercise: 'write-behind', mustFail: ['coalesces writes per key'], message: /stats\(\).queued after enqueuing a, b, a, a, c, b: expected 3, got 6/ },
  {
    folder: 'wb-drop-on-failure',
    exercise: 'write-behind',
    mustFail: ['gives up after maxRetries retries', 'close() rejects when a batch cannot be written', 'never overwrites a newer value', 'the interval flushes the requeued batch'],
    only: true,
    message: /flush\(\) should reject after 1 \+ maxRetries \(2\) failed attempts, but it resolved/,
  },
  { folder: 'wb-close-without-flush', exercise: 'write-behind', mustFail: ['close() writes every acknowledged write'], message: /the database after close\(\)/ },
  { folder: 'wb-unbounded', exercise: 'write-behind', mustFail: ['applies back-pressure'], only: true, message: /should wait for space, but it resolved at once/ },
];

describe('grader self-check: deliberately wrong implementations lose points', function () {
  this.timeout(120_000);

  for (const wrong of CASES) {
    it(`${wrong.folder}: ${wrong.mustFail.join(' + ')} fail${wrong.only ? ', nothing else' : ''}`, async function () {
      requireRedisFor(this, [wrong.exercise]);
      const report = await grade(join(WRONG, wrong.folder), [wrong.exercise]);
      expect(report.errors).to.deep.equal([]);
      const graded = exercise(report, wrong.exercise);
      expect(graded.points, 'points').to.be.lessThan(graded.maxPoints);
      expect(report.fullMarks).to.equal(false);
      const failed = failedTitles(report, wrong.exercise);
      for (const fragment of wrong.mustFail) {
        expect(failed.some((title) => title.includes(fragment)), `a failed check titled "…${fragment}…" among ${JSON.stringify(failed)}`).to.equal(true);
      }
      if (wrong.only) expect(failed, 'failed checks').to.have.length(wrong.mustFail.length);
      if (wrong.message) {
        const first = graded.checks.find((c) => !c.passed && c.title.includes(wrong.mustFail[0]));
        expect(first?.message).to.match(wrong.message);
      }
    });
  }
});
