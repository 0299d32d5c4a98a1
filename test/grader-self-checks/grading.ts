/**
 * Helpers for the grader's self-checks: grade a folder (memoised, since several checks look at
 * the same run) and look results up by title.
 */
import { expect } from 'chai';
import { join, resolve } from 'path';
import { redisServerAvailable } from '../../lib/redis/private-redis';
import { requireProgram } from '../support/services';
import { Exercise, selectExercises } from '../../scripts/grader/exercises';
import { gradeFolder } from '../../scripts/grader/grade-folder';
import { CheckResult, ExerciseReport, GradeReport } from '../../scripts/grader/report';

export const REPO = resolve(__dirname, '..', '..');
export const WRONG = join(REPO, 'test', 'fixtures', 'wrong');

/** Tight limits keep hanging fixtures cheap; checks that measure or wait set their own. */
const FAST = { timeoutMs: 1000, graceMs: 700 };

const runs = new Map<string, Promise<GradeReport>>();

/**
 * Grades `target` (absolute) for the named exercises, once per process. The wrong-implementation
 * fixtures are built on the solutions by design, so grading them allows imports.
 */
export function grade(target: string, names: string[] = [], options: { allowImports?: boolean } = {}): Promise<GradeReport> {
  const allowImports = options.allowImports ?? target.startsWith(WRONG);
  const key = `${target}|${names.join(',')}|${allowImports}`;
  let run = runs.get(key);
  if (!run) {
    run = gradeFolder({ target, exercises: selectExercises(names), allowImports, ...FAST });
    runs.set(key, run);
  }
  return run;
}

/** Skips (or, under CI, fails) the suite when the exercises include one that needs Redis and it is missing. */
export function requireRedisFor(ctx: Mocha.Context, names: string[]): void {
  const exercises: Exercise[] = selectExercises(names);
  if (exercises.some((e) => e.needsRedis)) {
    requireProgram(ctx, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
  }
}

/** The exercise `name` in `report`. */
export function exercise(report: GradeReport, name: string): ExerciseReport {
  const found = report.exercises.find((e) => e.name === name);
  expect(found, `exercise ${name} in the report`).to.not.equal(undefined);
  return found as ExerciseReport;
}

/** The check whose title contains `text` (exactly one must). */
export function checkTitled(report: GradeReport, name: string, text: string): CheckResult {
  const matches = exercise(report, name).checks.filter((c) => c.title.includes(text));
  expect(matches.map((c) => c.title), `checks of ${name} titled "…${text}…"`).to.have.length(1);
  return matches[0];
}

/** Titles of the failed checks of exercise `name`. */
export function failedTitles(report: GradeReport, name: string): string[] {
  return exercise(report, name)
    .checks.filter((c) => !c.passed)
    .map((c) => c.title);
}
