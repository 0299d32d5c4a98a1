/**
 * Builds a class of learner folders for the class-grading self-check, from what the repository
 * already has: the reference solutions, the pristine stubs, the deliberately wrong
 * implementations, a hanging file, a tampering file and a copying file.
 *
 * Every learner folder is self-contained, as a real submission is: where a wrong fixture imports
 * the reference solution, the solution's text is copied next to it as `_ref-<name>.ts` and the
 * import rewritten, so only the copying learner imports anything from outside their folder.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EXERCISES } from '../../scripts/grader/exercises';

export const REPO = join(__dirname, '..', '..');
const WRONG = join(REPO, 'test', 'fixtures', 'wrong');

/** The wrong-implementation cases used, each `folder: exercise` of test/fixtures/wrong/. */
export const WRONG_CASES: Record<string, string> = {
  'lru-fifo': 'lru-cache',
  'lru-array': 'lru-cache',
  'lfu-no-tiebreak': 'lfu-cache',
  'ttl-late': 'ttl-cache',
  'ttl-has-counts': 'ttl-cache',
  'lock-no-token': 'stampede',
  'lock-get-del': 'stampede',
  'singleflight-forever': 'stampede',
  'jitter-one-sided': 'stampede',
};

/**
 * The tampering block of issue 8: it wraps `process.send` and turns every failure the grader's
 * child reports into a pass. Before the grader ran learner code in a sandbox this gave full marks
 * on top of an untouched stub.
 */
export const TAMPER_BLOCK = `// Tampering: rewrite failures into passes on their way to the grader.
const realSend = process.send?.bind(process);
if (realSend) {
  (process as unknown as { send: unknown }).send = (event: { type?: string; id?: string }, ...rest: unknown[]) =>
    (realSend as (...args: unknown[]) => boolean)(event && event.type === 'fail' ? { type: 'pass', id: event.id, ms: 1 } : event, ...rest);
}
`;

function solutionText(name: string): string {
  return readFileSync(join(REPO, 'solutions', `${name}.ts`), 'utf8');
}

function stubText(name: string): string {
  return readFileSync(join(REPO, 'scripts', 'grader', 'stubs', `${name}.ts`), 'utf8');
}

/** Copies a fixture file into `dir`, replacing imports of the solutions by local copies. */
function copyFixture(source: string, dir: string, name: string): void {
  const text = readFileSync(source, 'utf8').replace(/(['"])(?:\.\.\/)+solutions\/([\w-]+)\1/g, (_m, quote: string, ref: string) => {
    writeFileSync(join(dir, `_ref-${ref}.ts`), solutionText(ref));
    return `${quote}./_ref-${ref}${quote}`;
  });
  writeFileSync(join(dir, `${name}.ts`), text);
}

/** A learner whose every file is the reference solution's text, except those in `overrides`. */
function learner(root: string, folder: string, overrides: Record<string, (dir: string) => void> = {}): void {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  for (const { name } of EXERCISES) {
    if (overrides[name]) overrides[name](dir);
    else writeFileSync(join(dir, `${name}.ts`), solutionText(name));
  }
}

/** Writes the class into `root` and returns the learners' folder names. */
export function generateClass(root: string): string[] {
  learner(root, 'correct-solutions');
  const stubs = Object.fromEntries(EXERCISES.map(({ name }) => [name, (dir: string) => writeFileSync(join(dir, `${name}.ts`), stubText(name))]));
  learner(root, 'untouched-stubs', stubs);
  for (const [wrongCase, name] of Object.entries(WRONG_CASES)) {
    learner(root, `wrong-${wrongCase}`, { [name]: (dir) => copyFixture(join(WRONG, wrongCase, `${name}.ts`), dir, name) });
  }
  // Hangs: LRUCache.keys loops forever, SingleFlight.run never settles, TTLCache.clear exits.
  const hostile = Object.fromEntries(
    readdirSync(join(WRONG, 'hostile')).map((file) => {
      const name = file.replace(/\.ts$/, '');
      return [name, (dir: string) => copyFixture(join(WRONG, 'hostile', file), dir, name)];
    }),
  );
  learner(root, 'hanging', hostile);
  learner(root, 'tampering', { 'lru-cache': (dir) => writeFileSync(join(dir, 'lru-cache.ts'), TAMPER_BLOCK + stubText('lru-cache')) });
  learner(root, 'copying', {
    'lru-cache': (dir) => writeFileSync(join(dir, 'lru-cache.ts'), `export * from ${JSON.stringify(join(REPO, 'solutions', 'lru-cache'))};\n`),
  });
  return readdirSync(root).sort();
}
