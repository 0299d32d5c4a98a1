/**
 * Class grading end to end: `npm run grade -- --class DIR` on a generated class of 14 learners
 * (correct, untouched stubs, nine wrong implementations, hanging, tampering, copying), through
 * the real command line, with the expected gradebook asserted row by row.
 */
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { redisServerAvailable } from '../../lib/redis/private-redis';
import { EXERCISES } from '../../scripts/grader/exercises';
import { GradeReport } from '../../scripts/grader/report';
import { inCI, requireProgram } from '../support/services';
import { REPO, generateClass } from './generated-class';

/** Points per exercise, in manifest order (ttl, lru, lfu, stampede), and why. */
const EXPECTED: Record<string, { points: [number, number, number, number]; why: string }> = {
  'correct-solutions': { points: [27, 29, 26, 41], why: 'full marks' },
  'untouched-stubs': { points: [0, 0, 0, 0], why: 'every check fails' },
  'wrong-jitter-one-sided': { points: [27, 29, 26, 37], why: 'jitter range (3) and Math.random default (1)' },
  'wrong-lfu-no-tiebreak': { points: [27, 29, 17, 41], why: 'tie-break (3), model (3), O(1) (3)' },
  'wrong-lock-get-del': { points: [27, 29, 26, 39], why: 'Lua compare-and-delete (2)' },
  'wrong-lock-no-token': { points: [27, 29, 26, 38], why: 'release with a foreign token (3)' },
  'wrong-lru-array': { points: [27, 26, 26, 41], why: 'O(1) (3)' },
  'wrong-lru-fifo': { points: [27, 19, 26, 41], why: 'get recency (3), set recency (2), keys order (2), model (3)' },
  'wrong-singleflight-forever': { points: [27, 29, 26, 36], why: 'forgets a key (3), synchronous throw (1), inFlight (1)' },
  'wrong-ttl-has-counts': { points: [23, 29, 26, 41], why: 'has counts (2), model (2)' },
  'wrong-ttl-late': { points: [9, 29, 26, 41], why: 'one tick late: 10 checks worth 18' },
  hanging: { points: [26, 27, 26, 38], why: 'TTLCache.clear exits (1), LRUCache.keys loops (2), SingleFlight.run never settles (3)' },
};

/**
 * Rows whose expected values need the sandboxing grader (branch grader-core): before it, the
 * tampering file rewrites its failures into passes and the copied solution is not detected.
 */
const EXPECTED_WITH_SANDBOX: Record<string, { points: [number, number, number, number]; flags?: RegExp; why: string }> = {
  tampering: { points: [27, 0, 26, 41], why: 'its lru-cache.ts is the stub plus a process.send patch: it scores what the stub scores' },
  copying: { points: [27, 0, 26, 41], flags: /^lru-cache: .*solutions\/lru-cache/, why: 'its lru-cache.ts re-exports solutions/lru-cache: 0 and flagged' },
};

interface Row {
  points: number[];
  total: number;
  flags: string;
}

/** Parses the gradebook (no quoted fields are expected from these learners except in flags). */
function parseGradebook(csv: string): { header: string[]; rows: Map<string, Row> } {
  const [headerLine, ...lines] = csv.trimEnd().split('\n');
  const rows = new Map<string, Row>();
  for (const line of lines) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')) ?? [];
    const [learner, ...rest] = cells;
    const points = rest.slice(0, EXERCISES.length).map(Number);
    rows.set(learner, { points, total: Number(rest[EXERCISES.length]), flags: rest[EXERCISES.length + 1] ?? '' });
  }
  return { header: headerLine.split(','), rows };
}

describe('grader self-check: grading a class (--class)', function () {
  this.timeout(600_000);
  let work: string;
  let learners: string[];
  let run: { status: number | null; stdout: string; stderr: string };
  let gradebook: ReturnType<typeof parseGradebook>;
  const reports = () => join(work, 'reports');

  before(function () {
    requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
    work = mkdtempSync(join(tmpdir(), 'cachecraft-class-'));
    learners = generateClass(join(work, 'submissions'));
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(REPO, 'scripts', 'grade.ts'), '--class', join(work, 'submissions'), '--reports', reports(), '--timeout', '1000'],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, GRADE_TARGET: '' }, timeout: 540_000 },
    );
    run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
    gradebook = parseGradebook(readFileSync(join(reports(), 'gradebook.csv'), 'utf8'));
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  it('grades at least 12 learners and exits 0 although most are below full marks', () => {
    expect(learners.length).to.be.at.least(12);
    expect(run.status, run.stderr).to.equal(0);
  });

  it('writes gradebook.csv: learner, each exercise’s points, total, flags; one row per learner', () => {
    expect(gradebook.header).to.deep.equal(['learner', ...EXERCISES.map((e) => e.name), 'total', 'flags']);
    expect([...gradebook.rows.keys()]).to.deep.equal(learners);
  });

  for (const [learner, expected] of Object.entries(EXPECTED)) {
    it(`${learner}: ${expected.points.join(' + ')} (${expected.why}), not flagged`, () => {
      const row = gradebook.rows.get(learner);
      expect(row?.points, `${learner}: points per exercise`).to.deep.equal(expected.points);
      expect(row?.total).to.equal(expected.points.reduce((a, b) => a + b, 0));
      expect(row?.flags).to.equal('');
    });
  }

  for (const [learner, expected] of Object.entries(EXPECTED_WITH_SANDBOX)) {
    it(`${learner}: ${expected.points.join(' + ')} (${expected.why}) — needs the sandboxing grader`, function () {
      const report = JSON.parse(readFileSync(join(reports(), 'copying.json'), 'utf8')) as GradeReport;
      const sandboxed = report.exercises.some((e) => e.imports.length > 0);
      if (!sandboxed && !inCI) this.skip(); // the grader does not record imports yet: branch grader-core
      const row = gradebook.rows.get(learner);
      expect(row?.points, `${learner}: points per exercise`).to.deep.equal(expected.points);
      if (expected.flags) expect(row?.flags).to.match(expected.flags);
    });
  }

  it('writes one JSON report per learner, in the Exercism v3 format plus the grader’s fields', () => {
    for (const learner of learners) {
      const file = join(reports(), `${learner}.json`);
      expect(existsSync(file), file).to.equal(true);
      const report = JSON.parse(readFileSync(file, 'utf8')) as GradeReport;
      expect(report.version).to.equal(3);
      expect(report.target).to.equal(join(work, 'submissions', learner));
      const checks = report.exercises.flatMap((e) => e.checks);
      expect(report.tests).to.have.length(checks.length);
      expect(report.status).to.equal(report.fullMarks ? 'pass' : 'fail');
      for (const test of report.tests) {
        expect(test.status).to.be.oneOf(['pass', 'fail']);
        expect(test.task_id).to.be.within(1, EXERCISES.length);
      }
    }
    const stubs = JSON.parse(readFileSync(join(reports(), 'untouched-stubs.json'), 'utf8')) as GradeReport;
    expect(stubs.tests[0]).to.include({ status: 'fail', task_id: 1 });
    expect(stubs.tests[0].name).to.match(/^ttl-cache › /);
    expect(stubs.tests[0].message).to.match(/not implemented yet/);
  });

  it('prints a summary table and the wall time', () => {
    expect(run.stdout).to.match(/^learner +ttl\/27 +lru\/29 +lfu\/26 +stampede\/41 +total\/123 +flags$/m);
    expect(run.stdout).to.match(/^correct-solutions +27 +29 +26 +41 +123$/m);
    expect(run.stdout).to.match(/^Graded 14 learners in \d+\.\d s \(wall time, \d+ at a time\)\.$/m);
  });
});
