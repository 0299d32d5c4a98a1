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
