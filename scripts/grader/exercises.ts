/**
 * The catalogue of graded exercises, read from the one manifest `exercises/exercises.json`.
 *
 * Everything else about an exercise is found by convention from its name N: the stub a learner
 * edits is `exercises/N.ts` (pristine copy `scripts/grader/stubs/N.ts`), the reference answer
 * `solutions/N.ts`, the graded suite `test/grading/N.grade.ts`, the wrong implementations
 * `test/fixtures/wrong/<case>/N.ts`. Adding an exercise = one manifest entry plus those files.
 */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The manifest's path. */
export const MANIFEST = join(REPO_ROOT, 'exercises', 'exercises.json');

/** One progressive hint: a short title and a Markdown body. */
export interface Hint {
  readonly title: string;
  readonly body: string;
}

/** One manifest entry, as written in `exercises/exercises.json`. */
export interface ManifestEntry {
  /** The canonical name: the file name without `.ts` and the graded suite's top-level title. */
  readonly name: string;
  /** The short name accepted on the command line, e.g. `lru`. */
  readonly alias: string;
  /** The file a learner edits, relative to the graded folder. */
  readonly file: string;
  /** One line saying what the learner builds. */
  readonly title: string;
  /** The names the file must export (the graded API). */
  readonly exports: readonly string[];
  /** The chapter notebook that introduces it, relative to `notebooks/`. */
  readonly chapter: string;
  /** The sum of its graded checks' points. */
  readonly points: number;
  /** True when its checks need a real Redis. */
  readonly needsRedis: boolean;
  /** Progressive hints: the first nudges, the later ones get concrete. */
  readonly hints: readonly Hint[];
}

/** One graded exercise: its manifest entry plus the paths derived from its name. */
export interface Exercise extends ManifestEntry {
  /** Its position in course order, from 1 (the Exercism `task_id`). */
  readonly index: number;
  /** The absolute path of the graded mocha suite. */
  readonly suite: string;
  /** The absolute path of the pristine stub (never edited by a learner). */
  readonly stub: string;
  /** The absolute path of the reference solution. */
  readonly solution: string;
  /** The absolute path of the chapter notebook. */
  readonly notebook: string;
}

/**
 * The manifest's entries, validated. Notebooks may call this (or read the JSON themselves) to
 * render a "your turn" cell from the same description the grader uses.
 *
 * @throws Error naming the entry and the field when the manifest is malformed.
 */
export function readManifest(file: string = MANIFEST): ManifestEntry[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { exercises?: unknown };
  if (!Array.isArray(parsed.exercises)) throw new Error(`${file}: "exercises" must be an array`);
  return parsed.exercises.map((entry: unknown, i: number) => validateEntry(entry, `${file}: exercises[${i}]`));
}

function validateEntry(raw: unknown, where: string): ManifestEntry {
  const entry = raw as Record<string, unknown>;
  const fail = (field: string, want: string) => {
    throw new Error(`${where}.${field} must be ${want}, got ${JSON.stringify(entry?.[field])}`);
  };
  for (const field of ['name', 'alias', 'file', 'title', 'chapter']) {
    if (typeof entry?.[field] !== 'string' || entry[field] === '') fail(field, 'a non-empty string');
  }
  if (entry.file !== `${entry.name}.ts`) fail('file', `"${entry.name}.ts" (the name plus .ts)`);
  if (!Array.isArray(entry.exports) || !entry.exports.every((e) => typeof e === 'string')) fail('exports', 'an array of strings');
  if (!Number.isInteger(entry.points) || (entry.points as number) <= 0) fail('points', 'a positive integer');
  if (typeof entry.needsRedis !== 'boolean') fail('needsRedis', 'true or false');
  const hints = entry.hints;
  if (!Array.isArray(hints) || !hints.every((h) => typeof h?.title === 'string' && typeof h?.body === 'string')) {
    fail('hints', 'an array of { title, body } strings');
  }
  return entry as unknown as ManifestEntry;
}

function withPaths(entry: ManifestEntry, i: number): Exercise {
  return {
    ...entry,
    index: i + 1,
    suite: join(REPO_ROOT, 'test', 'grading', `${entry.name}.grade.ts`),
    stub: join(REPO_ROOT, 'scripts', 'grader', 'stubs', entry.file),
    solution: join(REPO_ROOT, 'solutions', entry.file),
    notebook: join(REPO_ROOT, 'notebooks', entry.chapter),
  };
}

/** Every exercise, in course order. */
export const EXERCISES: readonly Exercise[] = readManifest().map(withPaths);

/**
 * The Markdown of a chapter's "your turn" cell for `exercise`: what to build, where, and the
 * commands to grade it and get hints, all from the manifest. (Notebooks cannot import this file,
 * tslab compiles them under notebooks/; they read exercises/exercises.json with `fs` and render
 * the same fields. This is the reference rendering.)
 */
export function yourTurnMarkdown(exercise: ManifestEntry): string {
  return [
    `### Your turn: ${exercise.title}`,
    '',
    `Open \`exercises/${exercise.file}\` and replace each \`TODO\`; it exports ${exercise.exports.map((e) => `\`${e}\``).join(', ')}.`,
    `Grade it with \`npm run grade -- ${exercise.alias}\` (${exercise.points} points${exercise.needsRedis ? '; the grader starts its own redis-server' : ''}),`,
    `or let \`npm run watch\` grade it each time you save. Stuck? \`npm run hint -- ${exercise.alias}\` (${exercise.hints.length} hints, one at a time).`,
  ].join('\n');
}

/** The exercise called `nameOrAlias` (`lru`, `lru-cache` or `lru-cache.ts`), if any. */
export function findExercise(nameOrAlias: string): Exercise | undefined {
  const wanted = nameOrAlias.toLowerCase().replace(/\.ts$/, '');
  return EXERCISES.find((e) => e.name === wanted || e.alias === wanted);
}

/** The exercises named by `names` (all when empty); throws a `RangeError` listing valid names otherwise. */
export function selectExercises(names: readonly string[]): Exercise[] {
  if (names.length === 0) return [...EXERCISES];
  return names.map((name) => {
    const found = findExercise(name);
    if (!found) throw new RangeError(`unknown exercise "${name}"; choose from ${EXERCISES.map((e) => `${e.alias} (${e.name})`).join(', ')}`);
    return found;
  });
}
