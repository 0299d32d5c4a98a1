/** Grades one folder of exercise files: the grader's programmatic entry point. */
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { PrivateRedis, redisServerAvailable, startPrivateRedis } from '../../lib/redis/private-redis';
import { Exercise, REPO_ROOT } from './exercises';
import { scanImports } from './learner-imports';
import { CheckResult, GradeReport, summarise } from './report';
import { runChecks } from './run-checks';
import { GRADE_TMP_ENV, killTagged } from './sandbox/process-tree';

/** Options for {@link gradeFolder}. */
export interface GradeFolderOptions {
  /** The folder holding the learner's files (absolute). */
  target: string;
  exercises: Exercise[];
  /** Time limit of a check that sets none, in ms (default 2000). */
  timeoutMs?: number;
  /** Extra time before a hung check's process is killed, in ms (default 1500). */
  graceMs?: number;
  /**
   * Instructor's flag: let graded files import the solutions, the course library or cache
   * packages (they are still listed in `imports`). Off by default: such an exercise scores 0.
   */
  allowImports?: boolean;
  /** The longest grading may take, in ms (default: {@link gradingBoundMs}); past it everything is killed. */
  boundMs?: number;
  /** Told the bound before grading starts, so a front end can print "grading ends within N s". */
  onStart?(info: { boundMs: number }): void;
}

/** Time for start-up (a Redis, the judge, the sandbox) in the bound on a whole run. */
const STARTUP_BOUND_MS = 20_000;
/** Time per exercise in the bound: enough for every check of a hanging submission to time out in turn. */
const EXERCISE_BOUND_MS = 60_000;

/** The time within which grading `exercises` always ends, in ms. */
export function gradingBoundMs(exercises: readonly Exercise[]): number {
  return STARTUP_BOUND_MS + EXERCISE_BOUND_MS * exercises.length;
}

/** Runs the graded suites of `exercises` against `target` and scores them. */
export async function gradeFolder(options: GradeFolderOptions): Promise<GradeReport> {
  const startedAt = Date.now();
  const boundMs = options.boundMs ?? gradingBoundMs(options.exercises);
  options.onStart?.({ boundMs });
  const tag = randomUUID();
  // One folder for the run's temporary files, removed here even if the judge is killed.
  const tmp = mkdtempSync(join(tmpdir(), 'cachecraft-grade-'));
  const scans = new Map(options.exercises.map((exercise) => [exercise.name, scanImports(join(options.target, exercise.file), REPO_ROOT)]));
  const copying = (name: string): string[] => {
    const scan = scans.get(name)!;
    return options.allowImports ? [] : [...scan.copied, ...scan.dynamic.map((where) => `loads code by a computed name (${where})`)];
  };
  // An exercise that scores 0 for copying is not run: its checks are listed, with the reason.
  const skipExercises = options.exercises.filter((e) => copying(e.name).length > 0).map((e) => e.name);
  const redis = options.exercises.some((e) => e.needsRedis && !skipExercises.includes(e.name)) ? await startRedisIfPossible() : undefined;
  try {
    const run = await runChecks({
      skipExercises,
      suites: options.exercises.map((e) => e.suite),
      target: options.target,
      timeoutMs: options.timeoutMs ?? 2000,
      graceMs: options.graceMs,
      env: { ...(redis ? { GRADE_REDIS_URL: redis.url } : {}), [GRADE_TMP_ENV]: tmp },
      tag,
      startedAt,
      deadlineAt: startedAt + boundMs,
    });
    const exercises = options.exercises.map((exercise) => {
      const file = join(options.target, exercise.file);
      const scan = scans.get(exercise.name)!;
      const why = copying(exercise.name);
      let checks = run.plan.filter((c) => c.exercise === exercise.name).map((c) => run.results.get(c.id)!);
      if (why.length > 0) checks = checks.map((check) => zeroForCopying(check, exercise, why));
      return {
        name: exercise.name,
        file: displayFile(file),
        checks,
        imports: scan.imports,
        flags: [...scan.copied.map((why) => `copied: ${why}`), ...scan.dynamic.map((where) => `dynamic import: ${where}`), ...behaviourFlags(checks)],
      };
    });
    for (const e of exercises) {
      if (e.checks.length === 0) run.errors.push(`no checks ran for ${e.name}`);
    }
    return summarise(options.target, exercises, run.errors);
  } finally {
    killTagged(tag);
    rmSync(tmp, { recursive: true, force: true });
    if (redis) await redis.stop();
  }
}

/** A check's result when its exercise imports what it should implement. */
function zeroForCopying(check: CheckResult, exercise: Exercise, why: string[]): CheckResult {
  const message =
    `scored 0: ${exercise.file} ${why.join('; ')}. Write the ${exercise.name} yourself: importing the answers, the course ` +
    'library or a cache package does not count (an instructor can allow it with --allow-imports).';
  return { ...check, passed: false, earned: 0, message };
}

/** Flags for how learner code behaved: it hung, crashed its process, or ran out of memory. */
function behaviourFlags(checks: CheckResult[]): string[] {
  const flags = new Set<string>();
  for (const check of checks) {
    const message = check.message ?? '';
    if (/^timed out after/.test(message)) flags.add('timeout');
    if (/ended its process/.test(message)) flags.add('crashed');
    if (/ran out of memory/.test(message)) flags.add('out of memory');
  }
  return [...flags];
}

/**
 * A private redis-server for the RedisLock checks. When it cannot start, the suite tries on its
 * own and its checks fail with the reason, so a missing Redis costs points rather than passing.
 */
async function startRedisIfPossible(): Promise<PrivateRedis | undefined> {
  if (!redisServerAvailable()) return undefined;
  try {
    return await startPrivateRedis();
  } catch {
    return undefined;
  }
}

function displayFile(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
