/** Grades one folder of exercise files: the grader's programmatic entry point. */
import { join, relative } from 'path';
import { PrivateRedis, redisServerAvailable, startPrivateRedis } from '../../lib/redis/private-redis';
import { Exercise } from './exercises';
import { GradeReport, summarise } from './report';
import { runChecks } from './run-checks';

/** Options for {@link gradeFolder}. */
export interface GradeFolderOptions {
  /** The folder holding the learner's files (absolute). */
  target: string;
  exercises: Exercise[];
  /** Time limit of a check that sets none, in ms (default 2000). */
  timeoutMs?: number;
  /** Extra time before a hung check's process is killed, in ms (default 1500). */
  graceMs?: number;
}

/** Runs the graded suites of `exercises` against `target` and scores them. */
export async function gradeFolder(options: GradeFolderOptions): Promise<GradeReport> {
  const redis = options.exercises.some((e) => e.needsRedis) ? await startRedisIfPossible() : undefined;
  try {
    const run = await runChecks({
      suites: options.exercises.map((e) => e.suite),
      target: options.target,
      timeoutMs: options.timeoutMs ?? 2000,
      graceMs: options.graceMs,
      env: redis ? { GRADE_REDIS_URL: redis.url } : {},
    });
    const exercises = options.exercises.map((exercise) => ({
      name: exercise.name,
      file: displayFile(join(options.target, exercise.file)),
      checks: run.plan.filter((c) => c.exercise === exercise.name).map((c) => run.results.get(c.id)!),
    }));
    for (const e of exercises) {
      if (e.checks.length === 0) run.errors.push(`no checks ran for ${e.name}`);
    }
    return summarise(options.target, exercises, run.errors);
  } finally {
    if (redis) await redis.stop();
  }
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
