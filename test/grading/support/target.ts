/**
 * Where the graded code lives, and how it is loaded.
 *
 * The graded suites never import an implementation directly: they load it from the folder named
 * by `GRADE_TARGET` (default `exercises`), so the same suite grades the stubs, the reference
 * solutions and any learner's folder.
 *
 * Learner code runs in a separate sandbox process (scripts/grader/sandbox/): what `loadExport`
 * returns is a stand-in whose every use is a call into it, so the suites, mocha and chai run
 * where learner code cannot reach them. `GRADE_SANDBOX=off` loads the code in-process instead,
 * for mutation testing only; the grader's command line always uses the sandbox.
 */
import { existsSync, rmSync } from 'fs';
import { isAbsolute, join, relative, resolve } from 'path';
import { LearnerBuild } from '../../../scripts/grader/compile-learner';
import { scanImports } from '../../../scripts/grader/learner-imports';
import { Sandbox, SandboxFailure, grantExtraTime, startCheckClock } from '../../../scripts/grader/sandbox/client';
import { exportProxy } from '../../../scripts/grader/sandbox/proxies';

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
    throw new SandboxFailure(`${displayPath(file)} does not export ${name} (keep the exported names of the stub)`);
  }
  return value as T;
}

/** True when learner code runs in the sandbox (always, except for `GRADE_SANDBOX=off`). */
export function sandboxed(): boolean {
  return process.env.GRADE_SANDBOX !== 'off';
}

let build: LearnerBuild | undefined;

/** The least time loading a learner's file gets, in ms. */
const LOAD_TIMEOUT_MS = 5000;

function tryLoad(file: string): { module?: Record<string, unknown>; error?: Error } {
  const path = join(gradeTarget(), file);
  if (!existsSync(path)) return { error: new SandboxFailure(`${displayPath(file)} was not found`) };
  if (sandboxed()) return loadInSandbox(file, path);
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
  else
    before(function () {
      // The sandbox client enforces the limit on the load itself (and reports it as this
      // exercise's failure); mocha timing the hook afterwards would turn that into a set-up error.
      // Loading is not the learner's time either, and a busy machine can make it slow: it gets
      // at least LOAD_TIMEOUT_MS.
      const ms = this.timeout();
      this.timeout(0);
      const loadMs = Math.max(ms, LOAD_TIMEOUT_MS);
      startCheckClock(loadMs);
      grantExtraTime(loadMs - ms);
      load();
    });
}

/** Transpiles the file and its helpers, loads it in the sandbox and returns stand-ins for its exports. */
function loadInSandbox(file: string, path: string): { module?: Record<string, unknown>; error?: Error } {
  if (build === undefined) {
    const made = new LearnerBuild();
    process.once('exit', () => rmSync(made.root, { recursive: true, force: true }));
    build = made;
  }
  const repoRoot = resolve(__dirname, '..', '..', '..');
  for (const source of scanImports(path, repoRoot).files) {
    const compiled = build.compile(source, relative(process.cwd(), source) || source);
    if (compiled.errors) return { error: new SandboxFailure(`${displayPath(file)} could not be loaded: ${compiled.errors}`) };
  }
  const output = build.outputOf(path);
  const exercise = file.replace(/\.ts$/, '');
  try {
    const kinds = Sandbox.get().call({ op: 'load', file: output }, `loading ${displayPath(file)}`) as Record<string, string>;
    const module: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(kinds)) module[name] = kind === 'function' ? exportProxy(output, name, () => Sandbox.get()) : kind;
    return { module };
  } catch (error) {
    if (error instanceof SandboxFailure) {
      const message = /^timed out after (\d+) ms/.exec(error.message)
        ? `timed out after ${/^timed out after (\d+) ms/.exec(error.message)?.[1]} ms while preparing ${exercise} (loading your file) — does code at the top level of the file loop forever?`
        : error.message.replace(/ (?:in|during) `loading [^`]*`/, ` while preparing ${exercise} (loading your file)`).replace('does it call process.exit()', 'does your file call process.exit() when it loads');
      return { error: new SandboxFailure(message) };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return { error: new SandboxFailure(`${displayPath(file)} could not be loaded: ${detail.trim()}`) };
  }
}
