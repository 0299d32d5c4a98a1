/**
 * The result of grading a folder: what the terminal output, the `--json` file, the class
 * gradebook and the Exercism `results.json` are made of.
 *
 * The JSON report is a superset of the Exercism test-runner interface, version 3
 * (https://exercism.org/docs/building/tooling/test-runners/interface): `version`, `status`,
 * `message`, `tests[]` with `name`, `status`, `message`, `output`, `task_id`, so tools written
 * for Exercism read it as is; the grader's own fields (points, checks, flags…) sit alongside.
 */
import { splitFailureHint } from '../../test/grading/support/failure-hint';
import { findExercise } from './exercises';

/** One graded check. */
export interface CheckResult {
  /** Mocha's full title, unique across exercises. */
  id: string;
  title: string;
  passed: boolean;
  points: number;
  /** `points` when passed, else 0. */
  earned: number;
  /** Why it failed, for the learner. */
  message?: string;
  /** The hint shown under a failure: the failure's own when it carries one, else the check's. */
  hint?: string;
  durationMs?: number;
  /** What the learner's code printed during this check, when the grader captured it. */
  output?: string;
}

/** One exercise's checks and points. */
export interface ExerciseReport {
  name: string;
  /** The graded file, as given to the grader. */
  file: string;
  points: number;
  maxPoints: number;
  checks: CheckResult[];
  /** Module specifiers the learner's file (and its own helper files) import or require, as written. */
  imports: string[];
  /**
   * What an instructor should look at, e.g. `copied: imports solutions/lru-cache`,
   * `dynamic import: lru-cache.ts:12: require(name)`, `timeout`, `crashed`, `out of memory`.
   */
  flags: string[];
}

/** Exercism's overall and per-test status. */
export type ExercismStatus = 'pass' | 'fail' | 'error';

/** One check in Exercism's per-test format. */
export interface ExercismTest {
  /** `<exercise> › <check title>`. */
  name: string;
  status: ExercismStatus;
  /** Why it failed; null when it passed. */
  message: string | null;
  /** The learner's own output during the check, at most {@link OUTPUT_LIMIT} characters. */
  output?: string;
  /** The exercise's 1-based position in the course (its "task"). */
  task_id: number;
}

/** The grade of one folder. */
export interface GradeReport {
  /** Exercism test-runner interface version. */
  version: 3;
  /** `pass` at full marks, `fail` when a check failed, `error` when the grader could not grade. */
  status: ExercismStatus;
  /** What went wrong when `status` is `error`, else null. */
  message: string | null;
  /** Every check, in suite order, in Exercism's format. */
  tests: ExercismTest[];
  /** The graded folder (absolute). */
  target: string;
  /** When grading finished, ISO 8601. */
  timestamp: string;
  exercises: ExerciseReport[];
  points: number;
  maxPoints: number;
  /** True when every check of every graded exercise passed. */
  fullMarks: boolean;
  /** Problems of the grader itself (not of the graded code), e.g. a child that would not start. */
  errors: string[];
}

/** Exercism caps a test's `output` at 500 characters. */
export const OUTPUT_LIMIT = 500;
const TRUNCATED = '\n…Output was truncated. Please limit to 500 chars';

/** An exercise as the grading run produced it, before points are summed. */
export type UnscoredExercise = Omit<ExerciseReport, 'points' | 'maxPoints' | 'imports' | 'flags'> &
  Partial<Pick<ExerciseReport, 'imports' | 'flags'>>;

/** Sums points per exercise and overall, and derives the Exercism view. */
export function summarise(target: string, exercises: UnscoredExercise[], errors: string[]): GradeReport {
  const scored: ExerciseReport[] = exercises.map((e) => ({
    ...e,
    checks: e.checks.map(preferFailureHint),
    imports: e.imports ?? [],
    flags: e.flags ?? [],
    points: sum(e.checks.map((c) => c.earned)),
    maxPoints: sum(e.checks.map((c) => c.points)),
  }));
  const points = sum(scored.map((e) => e.points));
  const maxPoints = sum(scored.map((e) => e.maxPoints));
  const fullMarks = errors.length === 0 && maxPoints > 0 && points === maxPoints;
  return {
    version: 3,
    status: errors.length > 0 ? 'error' : fullMarks ? 'pass' : 'fail',
    message: errors.length > 0 ? errors.join('\n') : null,
    tests: scored.flatMap((e) => e.checks.map((c) => exercismTest(e.name, c))),
    target,
    timestamp: new Date().toISOString(),
    exercises: scored,
    points,
    maxPoints,
    fullMarks,
    errors,
  };
}

/** A failed check whose message carries a `hint:` line shows that hint rather than the check's. */
function preferFailureHint(check: CheckResult): CheckResult {
  if (check.passed || check.message === undefined) return check;
  const { message, hint } = splitFailureHint(check.message);
  return hint === undefined ? check : { ...check, message, hint };
}

function exercismTest(exercise: string, check: CheckResult): ExercismTest {
  const test: ExercismTest = {
    name: `${exercise} › ${check.title}`,
    status: check.passed ? 'pass' : 'fail',
    message: check.passed ? null : (check.message ?? 'failed'),
    task_id: findExercise(exercise)?.index ?? 1,
  };
  if (check.output) test.output = capOutput(check.output);
  return test;
}

/** `text` cut to Exercism's 500-character limit, saying so when it was cut. */
export function capOutput(text: string): string {
  return text.length <= OUTPUT_LIMIT ? text : text.slice(0, OUTPUT_LIMIT - TRUNCATED.length) + TRUNCATED;
}

/** Every flag of the report, each prefixed by its exercise's name. */
export function reportFlags(report: GradeReport): string[] {
  return report.exercises.flatMap((e) => e.flags.map((flag) => `${e.name}: ${flag}`));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
