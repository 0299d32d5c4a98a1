/**
 * The exercise manifest's `dev check` (after rustlings): every entry of exercises/exercises.json
 * is complete and true, and no exercise file exists without an entry.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { redisServerAvailable } from '../../lib/redis/private-redis';
import { EXERCISES, MANIFEST, REPO_ROOT, readManifest, yourTurnMarkdown } from '../../scripts/grader/exercises';
import { gradeFolder } from '../../scripts/grader/grade-folder';
import { GradeReport } from '../../scripts/grader/report';
import { requireProgram } from '../support/services';

const STUBS = join(REPO_ROOT, 'scripts', 'grader', 'stubs');
const FAST = { timeoutMs: 1000, graceMs: 700 };

/** The runtime exports of a module (type-only exports vanish at run time, as they should). */
function runtimeExports(file: string): string[] {
  return Object.keys(require(file) as Record<string, unknown>).sort();
}

/** Names (without `.ts` / `.grade.ts`) of the TypeScript files directly in `dir`. */
function exerciseFilesIn(dir: string, suffix = '.ts'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

describe('grader self-check: the exercise manifest (dev check)', function () {
  this.timeout(180_000);
  let stubs: GradeReport;
  let solutions: GradeReport;

  before(async function () {
    if (EXERCISES.some((e) => e.needsRedis)) {
      requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
    }
    [stubs, solutions] = await Promise.all([
      gradeFolder({ target: STUBS, exercises: [...EXERCISES], ...FAST }),
      gradeFolder({ target: join(REPO_ROOT, 'solutions'), exercises: [...EXERCISES], ...FAST }),
    ]);
  });

  it('is valid JSON with unique names and aliases, read by the grader in course order', () => {
    const entries = readManifest(MANIFEST);
    expect(EXERCISES.map((e) => e.name)).to.deep.equal(entries.map((e) => e.name));
    expect(new Set(entries.map((e) => e.name)).size, 'unique names').to.equal(entries.length);
    // Each exercise answers to its name and its alias; no word may point at two exercises.
    const words = entries.flatMap((e) => [...new Set([e.name, e.alias])]);
    expect(new Set(words).size, 'names and aliases that point at two exercises').to.equal(words.length);
    expect(EXERCISES.map((e) => e.index)).to.deep.equal(entries.map((_, i) => i + 1));
  });

  for (const exercise of EXERCISES) {
    describe(exercise.name, () => {
      it('has a stub in exercises/ and a pristine copy, a solution and a graded suite', () => {
        for (const path of [join(REPO_ROOT, 'exercises', exercise.file), exercise.stub, exercise.solution, exercise.suite]) {
          expect(existsSync(path), path).to.equal(true);
        }
      });

      it('its stub scores 0: every check fails', () => {
        const graded = stubs.exercises.find((e) => e.name === exercise.name);
        expect(graded?.checks.length, 'checks').to.be.greaterThan(0);
        expect(graded?.checks.filter((c) => c.passed).map((c) => c.title), 'checks the stub passes').to.deep.equal([]);
      });

      it('its solution scores full marks', () => {
        const graded = solutions.exercises.find((e) => e.name === exercise.name);
        expect(graded?.checks.filter((c) => !c.passed).map((c) => `${c.title}: ${c.message}`), 'checks the solution fails').to.deep.equal([]);
      });

      it('its points are the sum of its suite’s check points', () => {
        expect(solutions.exercises.find((e) => e.name === exercise.name)?.maxPoints).to.equal(exercise.points);
      });

      it('has at least three hints, none empty', () => {
        expect(exercise.hints.length).to.be.at.least(3);
        for (const hint of exercise.hints) {
          expect(hint.title.trim(), 'hint title').to.not.equal('');
          expect(hint.body.trim(), `body of hint "${hint.title}"`).to.not.equal('');
        }
      });

      it(`its chapter exists and sends the learner to \`npm run grade -- ${exercise.alias}\``, () => {
        expect(existsSync(exercise.notebook), exercise.notebook).to.equal(true);
        expect(readFileSync(exercise.notebook, 'utf8')).to.include(`npm run grade -- ${exercise.alias}`);
        expect(yourTurnMarkdown(exercise), 'the reference "your turn" text').to.include(`\`npm run grade -- ${exercise.alias}\``);
      });

      it('its stub and its solution export exactly the manifest’s exports', () => {
        expect(runtimeExports(exercise.stub), 'stub').to.deep.equal([...exercise.exports].sort());
        expect(runtimeExports(exercise.solution), 'solution').to.deep.equal([...exercise.exports].sort());
      });
    });
  }

  it('no exercise file exists without a manifest entry', () => {
    const names = EXERCISES.map((e) => e.name).sort();
    expect(exerciseFilesIn(join(REPO_ROOT, 'exercises')), 'exercises/').to.deep.equal(names);
    expect(exerciseFilesIn(STUBS), 'scripts/grader/stubs/').to.deep.equal(names);
    expect(exerciseFilesIn(join(REPO_ROOT, 'solutions')), 'solutions/').to.deep.equal(names);
    expect(exerciseFilesIn(join(REPO_ROOT, 'test', 'grading'), '.grade.ts'), 'test/grading/').to.deep.equal(names);
    const wrong = join(REPO_ROOT, 'test', 'fixtures', 'wrong');
    for (const folder of readdirSync(wrong).filter((f) => !f.includes('.'))) {
      const stray = exerciseFilesIn(join(wrong, folder)).filter((name) => !names.includes(name) && !name.startsWith('_'));
      expect(stray, `files of test/fixtures/wrong/${folder}/ that belong to no exercise`).to.deep.equal([]);
    }
  });
});
