import { startCheckClock, stopCheckClock } from '../../../scripts/grader/sandbox/client';
import { asError } from '../../../scripts/grader/sandbox/thrown-value';

/**
 * `check` is mocha's `it` with grading metadata: the points a check is worth and a hint shown
 * to the learner when it fails. The grader's reporter reads both from the mocha test object.
 */

/** Grading metadata attached to a mocha test. */
export interface CheckMeta {
  /** Points awarded when the check passes (default 1). */
  points: number;
  /** A nudge towards the fix, shown on the first failure of an exercise. */
  hint?: string;
}

/** Options for {@link check}. */
export interface CheckOptions {
  points?: number;
  hint?: string;
  /** A longer time limit than the grader's default, for checks that measure or wait. */
  timeoutMs?: number;
}

/** Declares a graded check. */
export function check(
  title: string,
  options: CheckOptions,
  fn: (this: Mocha.Context) => void | Promise<void>,
): Mocha.Test {
  // The sandbox client times calls into learner code against the check's own limit.
  const test = it(title, function (this: Mocha.Context) {
    const clock = startCheckClock(this.timeout(), (ms) => this.timeout(this.timeout() + ms));
    const stop = () => stopCheckClock(clock);
    let result: void | Promise<void>;
    try {
      result = fn.call(this);
    } catch (error) {
      stop();
      throw asError(error);
    }
    if (result instanceof Promise) {
      return result.then(stop, (error: unknown) => {
        stop();
        throw asError(error);
      });
    }
    stop();
    return result;
  });
  if (options.timeoutMs !== undefined) test.timeout(options.timeoutMs);
  const meta: CheckMeta = { points: options.points ?? 1, hint: options.hint };
  Object.assign(test, { grading: meta });
  return test;
}

/** The grading metadata of a mocha test (1 point, no hint, when it was declared with plain `it`). */
export function checkMeta(test: Mocha.Runnable): CheckMeta {
  const meta = (test as unknown as { grading?: CheckMeta }).grading;
  return meta ?? { points: 1 };
}
