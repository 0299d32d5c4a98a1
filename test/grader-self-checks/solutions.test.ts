import { expect } from 'chai';
import { join } from 'path';
import { EXERCISES } from '../../scripts/grader/exercises';
import { REPO, failedTitles, grade, requireRedisFor } from './grading';

describe('grader self-check: the reference solutions', function () {
  this.timeout(120_000);
  before(function () {
    requireRedisFor(this, []);
  });

  it('score full marks on every exercise', async () => {
    const report = await grade(join(REPO, 'solutions'));
    expect(report.errors).to.deep.equal([]);
    for (const exercise of EXERCISES) {
      expect(failedTitles(report, exercise.name), `failed checks of ${exercise.name}`).to.deep.equal([]);
    }
    expect(report.fullMarks).to.equal(true);
    expect(report.points).to.equal(report.maxPoints);
  });

  it('every exercise has several checks worth points', async () => {
    const report = await grade(join(REPO, 'solutions'));
    for (const exercise of report.exercises) {
      expect(exercise.checks.length, exercise.name).to.be.greaterThan(9);
      for (const check of exercise.checks) expect(check.points, check.title).to.be.greaterThan(0);
    }
  });
});
