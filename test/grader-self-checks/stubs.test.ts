import { expect } from 'chai';
import { readFileSync } from 'fs';
import { join } from 'path';
import { EXERCISES } from '../../scripts/grader/exercises';
import { inCI } from '../support/services';
import { REPO, exercise, grade, requireRedisFor } from './grading';

/** The pristine stubs: exercises/ may hold a learner's work, these never do. */
const STUBS = join(REPO, 'scripts', 'grader', 'stubs');

describe('grader self-check: the exercise stubs', function () {
  this.timeout(120_000);
  before(function () {
    requireRedisFor(this, []);
  });

  it('fail every graded check (no check passes vacuously)', async () => {
    const report = await grade(STUBS);
    expect(report.errors).to.deep.equal([]);
    for (const { name } of EXERCISES) {
      const passed = exercise(report, name).checks.filter((c) => c.passed).map((c) => c.title);
      expect(passed, `checks of ${name} that pass against the stub`).to.deep.equal([]);
      expect(exercise(report, name).checks.length, `checks of ${name}`).to.be.greaterThan(0);
    }
    expect(report.points).to.equal(0);
  });

  it('explain that the code is not implemented yet', async () => {
    const report = await grade(STUBS);
    const check = exercise(report, 'lru-cache').checks.find((c) => c.title.startsWith('get returns'));
    expect(check?.message).to.match(/not implemented yet/);
  });

  it('have the same exports as the solutions, and TODOs describing the tasks', () => {
    for (const { file } of EXERCISES) {
      const stub = require(join(STUBS, file)) as Record<string, unknown>;
      const solution = require(join(REPO, 'solutions', file)) as Record<string, unknown>;
      expect(Object.keys(stub).sort(), `runtime exports of ${file}`).to.deep.equal(Object.keys(solution).sort());
      const source = readFileSync(join(STUBS, file), 'utf8');
      expect(source, `${file} describes its tasks`).to.match(/TODO/);
    }
  });

  it('are what exercises/ ships with (checked under CI; learners edit exercises/ locally)', function () {
    if (!inCI) this.skip();
    for (const { file } of EXERCISES) {
      expect(readFileSync(join(REPO, 'exercises', file), 'utf8'), `exercises/${file}`).to.equal(readFileSync(join(STUBS, file), 'utf8'));
    }
  });
});
