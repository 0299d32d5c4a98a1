/**
 * The learner's and instructor's commands around the grader: exercise:reset's folder checks,
 * the Exercism results.json, failure-specific hints, hints from the manifest, and the small
 * pure helpers behind the gradebook and the report.
 */
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { EXERCISES, findExercise } from '../../scripts/grader/exercises';
import { gradebookCsv } from '../../scripts/grader/gradebook';
import { reportFileName } from '../../scripts/grader/grade-class';
import { GradeReport, OUTPUT_LIMIT, capOutput, summarise } from '../../scripts/grader/report';
import { splitFailureHint, withHint } from '../grading/support/failure-hint';
import { redisServerAvailable } from '../../lib/redis/private-redis';
import { requireProgram } from '../support/services';
import { REPO } from './generated-class';

function run(script: string, args: string[], cwd = REPO): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(REPO, 'scripts', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GRADE_TARGET: '' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grader self-check: learner and instructor commands', function () {
  this.timeout(180_000);
  let outside: string;
  before(() => (outside = mkdtempSync(join(tmpdir(), 'cachecraft-commands-'))));
  after(() => rmSync(outside, { recursive: true, force: true }));

  describe('exercise:reset --dir', () => {
    it('a missing folder gets a one-line error, exit 2, no stack trace', () => {
      const missing = join(outside, 'no-such-folder');
      const result = run('reset-exercise.ts', ['lru', '--dir', missing, '--yes']);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.equal(`exercise:reset: the folder ${missing} does not exist\n`);
      expect(existsSync(missing)).to.equal(false);
    });

    it('refuses a folder outside the project, even by a relative path that climbs out (../../…), and writes nothing', () => {
      const victim = mkdtempSync(join(outside, 'climb-'));
      const climbing = relative(REPO, victim); // e.g. ../../tmp/cachecraft-commands-xyz/climb-abc
      expect(climbing.startsWith('..')).to.equal(true);
      const result = run('reset-exercise.ts', ['lru', '--dir', climbing, '--yes']);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.match(/^exercise:reset: \S+ is outside the project \(.+\); add --force to reset files there anyway\n$/);
      expect(readdirSync(victim)).to.deep.equal([]);
    });

    it('resets a folder outside the project with --force', () => {
      const result = run('reset-exercise.ts', ['lru', '--dir', outside, '--yes', '--force']);
      expect(result.status, result.stderr).to.equal(0);
      expect(readFileSync(join(outside, 'lru-cache.ts'), 'utf8')).to.equal(readFileSync(findExercise('lru')!.stub, 'utf8'));
    });

    it('resets a folder inside the project without --force; a file given as --dir is refused', () => {
      const inside = mkdtempSync(join(REPO, 'test', '.reset-'));
      try {
        writeFileSync(join(inside, 'ttl-cache.ts'), '// my work\n');
        expect(run('reset-exercise.ts', ['ttl', '--dir', inside, '--yes']).status).to.equal(0);
        expect(readFileSync(join(inside, 'ttl-cache.ts.bak'), 'utf8')).to.equal('// my work\n');
        const notAFolder = run('reset-exercise.ts', ['ttl', '--dir', join(inside, 'ttl-cache.ts'), '--yes']);
        expect(notAFolder.status).to.equal(2);
        expect(notAFolder.stderr).to.match(/^exercise:reset: .*ttl-cache\.ts is not a folder\n$/);
      } finally {
        rmSync(inside, { recursive: true, force: true });
      }
    });
  });

  describe('grade --exercism (test-runner interface v3)', () => {
    it('writes results.json with version 3, status, per-test name/status/message/task_id, and exits 0 below full marks', () => {
      const out = join(outside, 'exercism-out');
      const result = run('grade.ts', ['lru', '--target', 'test/fixtures/wrong/lru-fifo', '--exercism', out, '--timeout', '1000']);
      expect(result.status, result.stderr).to.equal(0);
      const report = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as GradeReport;
      expect(report).to.include({ version: 3, status: 'fail', message: null, fullMarks: false });
      const lru = report.exercises[0];
      expect(report.tests.map((t) => t.name)).to.deep.equal(lru.checks.map((c) => `lru-cache › ${c.title}`));
      for (const test of report.tests) expect(test.task_id).to.equal(2);
      const failed = report.tests.find((t) => t.name === 'lru-cache › get makes a key the most recently used');
      expect(failed).to.include({ status: 'fail' });
      expect(failed?.message).to.match(/expected "b" to be evicted/);
      expect(report.tests.find((t) => t.status === 'pass')?.message).to.equal(null);
      expect(lru).to.include.keys('imports', 'flags');
    });

    it('status pass at full marks, still exit 0', () => {
      const out = join(outside, 'exercism-pass');
      expect(run('grade.ts', ['ttl', '--target', 'solutions', '--exercism', out]).status).to.equal(0);
      expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).to.include({ version: 3, status: 'pass' });
    });

    it('status error with a message when the grader could not grade; output is capped at 500 characters', () => {
      const report = summarise('/x', [], ['the test process failed before it listed any check']);
      expect(report).to.include({ status: 'error', message: 'the test process failed before it listed any check' });
      expect(capOutput('x'.repeat(499))).to.have.length(499);
      const capped = capOutput('x'.repeat(2000));
      expect(capped.length).to.equal(OUTPUT_LIMIT);
      expect(capped).to.match(/Output was truncated\. Please limit to 500 chars$/);
      const withOutput = summarise('/x', [{ name: 'lfu-cache', file: 'f', checks: [{ id: 'i', title: 't', passed: true, points: 1, earned: 1, output: 'y'.repeat(900) }] }], []);
      expect(withOutput.tests[0]).to.include({ task_id: 3, status: 'pass' });
      expect(withOutput.tests[0].output).to.have.length(OUTPUT_LIMIT);
    });
  });

  describe('hints', () => {
    it('a failure that carries its own hint shows it instead of the check’s (LRU that evicts before looking the key up)', () => {
      const json = join(outside, 'evict-first.json');
      const result = run('grade.ts', ['lru', '--target', 'test/fixtures/wrong/lru-evict-before-lookup', `--json=${json}`, '--timeout', '1000']);
      expect(result.status).to.equal(1);
      expect(result.stdout).to.include('✗ set on an existing key of a full cache evicts nothing [0/2]');
      expect(result.stdout).to.include('Hint for "calls onEvict once with the evicted key and its value": an update needs no room: is the key already cached? Look before you make room.');
      const report = JSON.parse(readFileSync(json, 'utf8')) as GradeReport;
      const check = report.exercises[0].checks.find((c) => c.title === 'set on an existing key of a full cache evicts nothing');
      expect(check?.hint).to.match(/^an update needs no room/);
      expect(check?.message).to.not.include('hint:');
    });

    it('a SingleFlight whose run lets fn’s synchronous throw escape loses exactly that check, with its own hint', function () {
      requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
      const json = join(outside, 'sync-throw.json');
      // The fixture re-exports the solution for the rest of stampede.ts: an import only an instructor may allow.
      const result = run('grade.ts', ['stampede', '--target', 'test/fixtures/wrong/singleflight-sync-throw', `--json=${json}`, '--timeout', '1000', '--allow-imports']);
      expect(result.status).to.equal(1);
      const report = JSON.parse(readFileSync(json, 'utf8')) as GradeReport;
      const failed = report.exercises[0].checks.filter((c) => !c.passed);
      expect(failed.map((c) => c.title)).to.deep.equal(['SingleFlight › a fn that throws instead of returning a promise gives a rejected promise, and nothing stays in flight']);
      expect(failed[0].message).to.equal('run("k", fn) threw Error: sync failure when fn threw; it should return a promise rejected with fn\'s error');
      expect(failed[0].hint).to.equal('run must never throw itself: turn fn\'s synchronous throw into a rejection.');
    });

    it('withHint attaches a hint to a failing assertion, sync or async; splitFailureHint takes it off', async () => {
      expect(() => withHint('look here', () => { throw new Error('boom'); })).to.throw('boom\nhint: look here');
      const rejected = await withHint('async too', () => Promise.reject(new Error('late'))).catch((e: Error) => e.message);
      expect(rejected).to.equal('late\nhint: async too');
      expect(withHint('unused', () => 42)).to.equal(42);
      expect(splitFailureHint('expected 1, got 2\nhint: count again')).to.deep.equal({ message: 'expected 1, got 2', hint: 'count again' });
      expect(splitFailureHint('no hint here')).to.deep.equal({ message: 'no hint here' });
    });

    it('npm run hint reads the manifest (hints/ is gone)', () => {
      expect(existsSync(join(REPO, 'hints'))).to.equal(false);
      const lru = findExercise('lru')!;
      const result = run('hint.ts', ['lru', '2']);
      expect(result.stdout).to.include(`lru-cache — hint 2/${lru.hints.length}: ${lru.hints[1].title}\n\n${lru.hints[1].body}\n`);
    });
  });

  describe('gradebook helpers', () => {
    it('quotes CSV fields that need it and defuses spreadsheet formulas in learner names', () => {
      const report = summarise('/x', [{ name: 'ttl-cache', file: 'f', checks: [{ id: 'i', title: 't', passed: true, points: 3, earned: 3 }], flags: ['imports "x", then y'] }], []);
      const csv = gradebookCsv([{ learner: '=cmd()', report }], EXERCISES.slice(0, 1));
      expect(csv).to.equal(`learner,ttl-cache,total,flags\n'=cmd(),3,3,"ttl-cache: imports ""x"", then y"\n`);
    });

    it('report file names stay inside the reports folder', () => {
      expect(reportFileName('alice')).to.equal('alice.json');
      expect(reportFileName('../evil')).to.equal('__evil.json');
      expect(reportFileName('gradebook')).to.equal('_gradebook.json');
      expect(reportFileName('a b/c')).to.equal('a_b_c.json');
    });
  });

  it('the class folder must exist', () => {
    const result = run('grade.ts', ['--class', join(outside, 'nobody')]);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.match(/the class folder .* does not exist/);
    mkdirSync(join(outside, 'empty-class'));
    const empty = run('grade.ts', ['--class', join(outside, 'empty-class'), '--reports', join(outside, 'r')]);
    expect(empty.status).to.equal(2);
    expect(empty.stderr).to.match(/holds no learner folders/);
  });
});
