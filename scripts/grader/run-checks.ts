/**
 * Runs graded suites in a child process (the judge) under a watchdog.
 *
 * The judge never loads learner code: the graded suites drive it in a sandbox process of the
 * judge's own (scripts/grader/sandbox/), so learner code cannot reach mocha, chai, the reporter
 * or the IPC channel that carries the verdicts. Every process of a run carries a tag in its
 * environment; when a judge ends, whatever still carries the tag is killed.
 *
 * A synchronous infinite loop in learner code blocks the child's event loop, so mocha's own
 * timeout can never fire. The parent therefore times every check itself: if a check runs past
 * its limit plus a grace period, the child is killed, that check fails with a timeout message,
 * and a fresh child carries on with the checks not graded yet. A child that crashes is handled
 * the same way, so nothing a learner writes can take the grader down.
 */
import { ChildProcess, fork } from 'child_process';
import { join } from 'path';
import { CheckResult } from './report';
import { CHILD_CONFIG_ENV, ChildConfig, ChildEvent, PlannedCheck } from './protocol';
import { REPO_ROOT } from './exercises';
import { killTagged, RUN_TAG_ENV } from './sandbox/process-tree';

/** Options for {@link runChecks}. */
export interface RunChecksOptions {
  /** Absolute paths of the graded suites. */
  suites: string[];
  /** Exercises (suite titles) whose checks are planned but not run. */
  skipExercises?: string[];
  /** The graded folder (absolute), passed on as `GRADE_TARGET`. */
  target: string;
  /** Time limit of a check that sets none, in ms. */
  timeoutMs: number;
  /** Extra time the watchdog grants past a check's limit before killing the child, in ms. */
  graceMs?: number;
  /** How long the child may be silent outside a check (loading, compiling), in ms. */
  idleMs?: number;
  /** Extra environment for the child (e.g. `GRADE_REDIS_URL`). */
  env?: Record<string, string>;
  /** The run's tag (see process-tree.ts); every process of the run inherits it. */
  tag: string;
  /** When grading must be over (ms since the epoch): past it the judge is killed and the checks not yet run fail. */
  deadlineAt: number;
  /** When grading started (ms since the epoch), for messages. */
  startedAt: number;
}

/** The outcome: every planned check with its result, keyed by exercise. */
export interface RunChecksResult {
  plan: PlannedCheck[];
  results: Map<string, CheckResult>;
  errors: string[];
}

const MAX_CHILDREN = 50;
const DEADLINE = 'the time limit of the whole grading run';

/** Runs the suites to completion, restarting the child after each hang or crash. */
export async function runChecks(options: RunChecksOptions): Promise<RunChecksResult> {
  const results = new Map<string, CheckResult>();
  const errors: string[] = [];
  const setupFailures: string[] = [];
  let plan: PlannedCheck[] | undefined;
  let outOfTime = false;
  for (let child = 0; child < MAX_CHILDREN; child++) {
    if (Date.now() >= options.deadlineAt) {
      outOfTime = true;
      break;
    }
    const run = await runChild(options, [...results.keys()]);
    killTagged(options.tag);
    setupFailures.push(...run.setupFailures);
    plan ??= run.plan;
    if (plan === undefined) {
      errors.push(`the grader's test process failed before it listed any check${run.stderr ? `:\n${run.stderr}` : ''}`);
      break;
    }
    for (const [id, result] of run.results) if (!results.has(id)) results.set(id, withMeta(plan, id, result));
    if (run.finished) break;
    if (run.exitReason === DEADLINE) {
      outOfTime = true;
      break;
    }
    if (run.interrupted !== undefined) {
      results.set(run.interrupted.id, withMeta(plan, run.interrupted.id, { passed: false, message: run.interrupted.message }));
    } else if (run.interruptedSetup !== undefined) {
      // A set-up step hung or crashed (e.g. top-level code of the learner's file loops): every
      // check of that exercise still to run fails with the reason; the other exercises go on.
      const { exercise, message } = run.interruptedSetup;
      for (const check of plan) {
        if (check.exercise === exercise && !results.has(check.id)) results.set(check.id, withMeta(plan, check.id, { passed: false, message }));
      }
      if (!plan.some((check) => check.exercise === exercise)) {
        errors.push(`${message}${run.stderr ? `:\n${run.stderr}` : ''}`);
        break;
      }
    } else {
      errors.push(`the grader's test process stopped outside any check (${run.exitReason})${run.stderr ? `:\n${run.stderr}` : ''}`);
      break;
    }
    if (plan.every((check) => results.has(check.id) || options.skipExercises?.includes(check.exercise))) break;
  }
  const limitS = Math.round((options.deadlineAt - options.startedAt) / 1000);
  if (outOfTime && plan === undefined) errors.push(`grading stopped at its time limit (${limitS} s) before any check ran`);
  for (const check of plan ?? []) {
    if (!results.has(check.id)) {
      const last = setupFailures[setupFailures.length - 1];
      const why = outOfTime
        ? `not graded: grading stopped at its time limit (${limitS} s)`
        : last === undefined
          ? 'this check did not run'
          : `not run, because a set-up step failed: ${last}`;
      results.set(check.id, withMeta(plan ?? [], check.id, { passed: false, message: why }));
    }
  }
  return { plan: plan ?? [], results, errors };
}

interface ChildRun {
  plan?: PlannedCheck[];
  results: Map<string, { passed: boolean; message?: string; durationMs?: number }>;
  finished: boolean;
  /** The check that was running when the child was killed or died. */
  interrupted?: { id: string; message: string };
  /** The set-up step (mocha hook) that was running when the child was killed or died. */
  interruptedSetup?: { exercise: string; message: string };
  exitReason: string;
  stderr: string;
  /** Messages of failed set-up steps (mocha hooks); their suites' checks do not run. */
  setupFailures: string[];
}

function withMeta(plan: PlannedCheck[], id: string, result: { passed: boolean; message?: string; durationMs?: number }): CheckResult {
  const check = plan.find((c) => c.id === id);
  const points = check?.points ?? 1;
  return {
    id,
    title: check?.title ?? id,
    passed: result.passed,
    points,
    earned: result.passed ? points : 0,
    message: result.message,
    hint: check?.hint,
    durationMs: result.durationMs,
  };
}

function runChild(options: RunChecksOptions, skip: string[]): Promise<ChildRun> {
  const graceMs = options.graceMs ?? 1500;
  const idleMs = options.idleMs ?? 30_000;
  const config: ChildConfig = { suites: options.suites, skip, skipExercises: options.skipExercises ?? [], timeoutMs: options.timeoutMs };
  const run: ChildRun = { results: new Map(), finished: false, exitReason: '', stderr: '', setupFailures: [] };
  return new Promise((resolve) => {
    const child: ChildProcess = fork(join(__dirname, 'child.ts'), [], {
      cwd: REPO_ROOT,
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env: {
        ...process.env,
        ...options.env,
        TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
        GRADE_TARGET: options.target,
        // The grader always runs learner code in the sandbox, whatever the caller's environment says.
        GRADE_SANDBOX: 'on',
        GRADE_PRELOAD: '',
        [RUN_TAG_ENV]: options.tag,
        [CHILD_CONFIG_ENV]: JSON.stringify(config),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stdout?.resume(); // learner console.log output is not part of the grade
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));

    let running: { id: string; timeoutMs: number } | undefined;
    let setup: { title: string; exercise: string; timeoutMs: number } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let killedFor: string | undefined;
    const arm = (ms: number, why: () => string) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        killedFor = why();
        child.kill('SIGKILL');
      }, ms);
    };
    const idle = () => arm(idleMs, () => `it was silent for ${idleMs} ms outside any check`);
    idle();
    const overall = setTimeout(() => {
      killedFor = DEADLINE;
      child.kill('SIGKILL');
    }, Math.max(0, options.deadlineAt - Date.now()));

    child.on('message', (event: ChildEvent) => {
      switch (event.type) {
        case 'plan':
          run.plan = event.checks;
          idle();
          break;
        case 'begin':
          setup = undefined;
          running = { id: event.id, timeoutMs: event.timeoutMs };
          arm(event.timeoutMs + graceMs, () => 'timeout');
          break;
        case 'hook':
          running = undefined;
          setup = event;
          arm(event.timeoutMs + graceMs, () => 'timeout');
          break;
        case 'pass':
        case 'fail':
          if (!run.results.has(event.id)) {
            run.results.set(event.id, event.type === 'pass' ? { passed: true, durationMs: event.ms } : { passed: false, message: event.message });
          }
          if (running?.id === event.id) running = undefined;
          idle();
          break;
        case 'extend':
          if (running !== undefined) arm(running.timeoutMs + graceMs + event.ms, () => 'timeout');
          else if (setup !== undefined) arm(setup.timeoutMs + graceMs + event.ms, () => 'timeout');
          break;
        case 'hookFail':
          run.setupFailures.push(event.message);
          idle();
          break;
        case 'done':
          run.finished = true;
          break;
      }
    });

    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(overall);
      run.stderr = stderr.trim();
      run.exitReason = killedFor ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
      if (killedFor === DEADLINE) {
        resolve(run);
        return;
      }
      if (!run.finished && running !== undefined && !run.results.has(running.id)) {
        const where = `\`${running.id.replace(/^(\S+) /, '$1: ')}\``;
        run.interrupted = {
          id: running.id,
          message:
            killedFor === 'timeout'
              ? `timed out after ${running.timeoutMs} ms in ${where} — does your loop terminate?`
              : `the test process died during ${where} (${run.exitReason}) — does your code call process.exit() or crash Node?`,
        };
      }
      if (!run.finished && running === undefined && setup !== undefined) {
        run.interruptedSetup = {
          exercise: setup.exercise,
          message:
            killedFor === 'timeout'
              ? `timed out after ${setup.timeoutMs} ms while preparing ${setup.exercise} (loading your file) — does code at the top level of the file loop forever?`
              : `the test process died while preparing ${setup.exercise} (${run.exitReason}) — does your file call process.exit() when it loads?`,
        };
      }
      resolve(run);
    });
  });
}
