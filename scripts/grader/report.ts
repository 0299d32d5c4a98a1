/** The result of grading a folder: what the terminal output and the `--json` file are made of. */

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
  hint?: string;
  durationMs?: number;
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

/** The grade of one folder. */
export interface GradeReport {
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

/** Sums points per exercise and overall. */
export function summarise(target: string, exercises: Array<Omit<ExerciseReport, 'points' | 'maxPoints'>>, errors: string[]): GradeReport {
  const scored = exercises.map((e) => ({
    ...e,
    points: sum(e.checks.map((c) => c.earned)),
    maxPoints: sum(e.checks.map((c) => c.points)),
  }));
  const points = sum(scored.map((e) => e.points));
  const maxPoints = sum(scored.map((e) => e.maxPoints));
  return {
    target,
    timestamp: new Date().toISOString(),
    exercises: scored,
    points,
    maxPoints,
    fullMarks: errors.length === 0 && maxPoints > 0 && points === maxPoints,
    errors,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
