/**
 * Where the graded code lives, and how it is loaded.
 *
 * The graded suites never import an implementation directly: they load it from the folder named
 * by `GRADE_TARGET` (default `exercises`), so the same suite grades the stubs, the reference
 * solutions and any learner's folder.
 */
import { existsSync } from 'fs';
import { isAbsolute, join, relative, resolve } from 'path';

const repoRoot = resolve(__dirname, '..', '..', '..');

/** The absolute folder being graded. */
export function gradeTarget(): string {
  const target = process.env.GRADE_TARGET || 'exercises';
  return isAbsolute(target) ? target : resolve(process.cwd(), target);
}

/** `file` inside the graded folder, as a learner would write it (relative to the repo when possible). */
export function displayPath(file: string): string {
  const absolute = join(gradeTarget(), file);
  const rel = relative(repoRoot, absolute);
  return rel.startsWith('..') ? absolute : rel;
}

const loaded = new Map<string, { module?: Record<string, unknown>; error?: Error }>();

/**
 * Loads `file` from the graded folder once; every later call returns the same module or rethrows
 * the same load error, so a syntax error fails each check of that exercise and nothing else.
 */
export function loadModule(file: string): Record<string, unknown> {
  let entry = loaded.get(file);
  if (entry === undefined) {
    entry = tryLoad(file);
    loaded.set(file, entry);
  }
  if (entry.error) throw entry.error;
  return entry.module as Record<string, unknown>;
}

/** The export `name` of `file`, which must be a function (a class or a function). */
export function loadExport<T>(file: string, name: string): T {
  const value = loadModule(file)[name];
  if (typeof value !== 'function') {
    throw new Error(`${displayPath(file)} does not export ${name} (keep the exported names of the stub)`);
  }
  return value as T;
}

function tryLoad(file: string): { module?: Record<string, unknown>; error?: Error } {
  const path = join(gradeTarget(), file);
  if (!existsSync(path)) return { error: new Error(`${displayPath(file)} was not found`) };
  try {
    return { module: require(path) as Record<string, unknown> };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { error: new Error(`${displayPath(file)} could not be loaded: ${detail.trim()}`) };
  }
}

/**
 * Loads `file` before its checks run, keeping any load error for the checks to report.
 *
 * The grader loads it in a `before` hook: a file whose top-level code hangs then stalls a set-up
 * step, which the grader's watchdog charges to that exercise alone. Mutation testing sets
 * `GRADE_PRELOAD=eager` to load it while mocha loads the suites instead, so that Stryker sees
 * module-level code (constants, scripts) as shared by all checks, not as covered by one.
 */
export function preload(file: string): void {
  const load = () => {
    try {
      loadModule(file);
    } catch {
      // reported by each check that uses the file
    }
  };
  if (process.env.GRADE_PRELOAD === 'eager') load();
  else before(load);
}
