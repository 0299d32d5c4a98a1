/** Messages between the grader and the child process that runs the graded suites. */

/** A check as declared in a graded suite. */
export interface PlannedCheck {
  /** Mocha's full title: unique, and what `grep` matches. */
  id: string;
  /** The exercise, i.e. the title of the top-level suite. */
  exercise: string;
  /** The title below the exercise, e.g. `SingleFlight › shares a rejection`. */
  title: string;
  points: number;
  hint?: string;
}

/** What the child tells the grader, in order. */
export type ChildEvent =
  | { type: 'plan'; checks: PlannedCheck[] }
  | { type: 'begin'; id: string; timeoutMs: number }
  | { type: 'hook'; title: string; exercise: string; timeoutMs: number }
  | { type: 'pass'; id: string; ms: number }
  | { type: 'fail'; id: string; message: string }
  | { type: 'hookFail'; title: string; message: string }
  /** A fresh sandbox took `ms` to start: not the learner's time, so the watchdog grants it. */
  | { type: 'extend'; ms: number }
  | { type: 'done' };

/** What the grader tells the child, in the `GRADER_CHILD_CONFIG` environment variable. */
export interface ChildConfig {
  /** Absolute paths of the graded suites to run. */
  suites: string[];
  /** Ids of checks already graded by an earlier child (after a hang or a crash). */
  skip: string[];
  /** Exercises not to run at all (they score 0 for copying); their checks are still planned. */
  skipExercises: string[];
  /** The time limit of a check that sets none, in ms. */
  timeoutMs: number;
}

/** The environment variable holding the {@link ChildConfig}. */
export const CHILD_CONFIG_ENV = 'GRADER_CHILD_CONFIG';
