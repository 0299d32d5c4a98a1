/**
 * A mocha reporter for the grader's child process: instead of printing, it sends each event to
 * the parent over IPC, so the parent knows which check is running if the child has to be killed.
 */
import Mocha from 'mocha';
import { relative } from 'path';
import { checkMeta } from '../../test/grading/support/check';
import { gradeTarget } from '../../test/grading/support/target';
import { ChildEvent, PlannedCheck } from './protocol';
import { SandboxFailure, onSandboxStartup } from './sandbox/client';
import { ThrownValue, describeThrown } from './sandbox/thrown-value';

const { EVENT_RUN_BEGIN, EVENT_TEST_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_HOOK_BEGIN } = Mocha.Runner.constants;

function send(event: ChildEvent): void {
  if (process.send) process.send(event);
  else console.log(JSON.stringify(event));
}

/** Titles from the exercise (top-level suite) down, e.g. ['stampede', 'SingleFlight', 'shares…']. */
function titlePath(test: Mocha.Runnable): string[] {
  return test.titlePath();
}

function plan(suite: Mocha.Suite, into: PlannedCheck[]): PlannedCheck[] {
  for (const test of suite.tests) {
    const [exercise, ...rest] = titlePath(test);
    const meta = checkMeta(test);
    into.push({ id: test.fullTitle(), exercise, title: rest.join(' › '), points: meta.points, hint: meta.hint });
  }
  for (const child of suite.suites) plan(child, into);
  return into;
}

/** Turns a mocha failure into one message a learner understands. */
export function explainFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof SandboxFailure || error instanceof ThrownValue) return error.message;
  if (!(error instanceof Error)) return `your code threw ${describeThrown(error)}, which is not an Error`;
  if (/^Timeout of \d+ms exceeded/.test(error.message)) {
    return `timed out after ${timeoutMs} ms — does a promise never settle? Every path must resolve or reject.`;
  }
  if (error.name === 'AssertionError') return error.message;
  return `your code threw ${error.name}: ${error.message}${whereInTarget(error)}`;
}

/** " (at exercises/lru-cache.ts:42:11)" for the first stack frame in the graded folder. */
function whereInTarget(error: Error): string {
  const target = gradeTarget();
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    // The stubs' shared notImplemented() helper is never the interesting frame: its caller is.
    if (/^\s*at notImplemented /.test(line)) continue;
    const match = /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match && match[1].startsWith(target)) {
      return ` (at ${relative(process.cwd(), match[1])}:${match[2]}:${match[3]})`;
    }
  }
  return '';
}

/** The reporter class handed to mocha. */
export class GraderReporter {
  constructor(runner: Mocha.Runner) {
    onSandboxStartup((ms) => send({ type: 'extend', ms }));
    runner.once(EVENT_RUN_BEGIN, () => send({ type: 'plan', checks: plan(runner.suite, []) }));
    runner.on(EVENT_HOOK_BEGIN, (hook: Mocha.Hook) =>
      send({ type: 'hook', title: hook.fullTitle(), exercise: titlePath(hook)[0] ?? '', timeoutMs: hook.timeout() }),
    );
    runner.on(EVENT_TEST_BEGIN, (test: Mocha.Test) => send({ type: 'begin', id: test.fullTitle(), timeoutMs: test.timeout() }));
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => send({ type: 'pass', id: test.fullTitle(), ms: test.duration ?? 0 }));
    runner.on(EVENT_TEST_FAIL, (runnable: Mocha.Runnable, error: unknown) => {
      const message = explainFailure(error, runnable.timeout());
      if (runnable instanceof Mocha.Hook) send({ type: 'hookFail', title: runnable.fullTitle(), message });
      else send({ type: 'fail', id: runnable.fullTitle(), message });
    });
  }
}
