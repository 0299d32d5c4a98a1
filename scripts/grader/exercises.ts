/** The catalogue of graded exercises: names, short aliases, files and graded suites. */
import { join, resolve } from 'path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** One graded exercise. */
export interface Exercise {
  /** The canonical name, also the exercise's file name without `.ts` and its top-level suite title. */
  readonly name: string;
  /** The short name accepted on the command line, e.g. `lru`. */
  readonly alias: string;
  /** The file a learner edits, relative to the graded folder. */
  readonly file: string;
  /** The absolute path of the graded mocha suite. */
  readonly suite: string;
  /** True when its checks need a real Redis. */
  readonly needsRedis: boolean;
}

function exercise(name: string, alias: string, needsRedis = false): Exercise {
  return { name, alias, file: `${name}.ts`, suite: join(REPO_ROOT, 'test', 'grading', `${name}.grade.ts`), needsRedis };
}

/** Every exercise, in course order. */
export const EXERCISES: readonly Exercise[] = [
  exercise('ttl-cache', 'ttl'),
  exercise('lru-cache', 'lru'),
  exercise('lfu-cache', 'lfu'),
  exercise('stampede', 'stampede', true),
  exercise('two-tier-cache', 'two-tier', true),
];

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
