import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gradingBoundMs } from '../../scripts/grader/grade-folder';
import { selectExercises } from '../../scripts/grader/exercises';
import { GradeReport } from '../../scripts/grader/report';
import { RUN_TAG_ENV } from '../../scripts/grader/sandbox/process-tree';
import { REPO, WRONG, exercise, grade } from './grading';

const TAMPER = join(REPO, 'test', 'fixtures', 'tamper');
const STUBS = join(REPO, 'scripts', 'grader', 'stubs');

/** Each tampering fixture, and the honest folder it must not beat (report-file and fake-output: below, through the CLI). */
const KINDS: Array<{ kind: string; baseline: string }> = [
  { kind: 'ipc-send', baseline: STUBS },
  { kind: 'mocha-runner', baseline: STUBS },
  { kind: 'require-cache', baseline: STUBS },
  { kind: 'chai', baseline: STUBS },
  { kind: 'exit-at-import', baseline: STUBS },
  { kind: 'exit-after-first-call', baseline: STUBS },
  { kind: 'detached-child', baseline: STUBS },
  { kind: 'fake-clock', baseline: join(WRONG, 'lru-array') },
];

/** Grades every folder, a few at a time (each grading is a judge and a sandbox process). */
async function gradeAll(folders: string[], options: { allowImports?: boolean }): Promise<Map<string, GradeReport>> {
  const reports = new Map<string, GradeReport>();
  const queue = [...folders];
  const worker = async () => {
    for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
      reports.set(folder, await grade(folder, ['lru'], options));
    }
  };
  await Promise.all([worker(), worker()]);
  return reports;
}

/** Processes still carrying some grading run's tag (none should outlive its run). */
function taggedSleepers(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep\u0000600') && readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`${RUN_TAG_ENV}=`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('grader self-check: tampering can at most fail checks', function () {
  this.timeout(180_000);
  let reports: Map<string, GradeReport>;
  let detachedMs = 0;

  before(async function () {
    this.timeout(300_000);
    // Imports are allowed here, so what is shown is the sandbox's isolation, not the import scan.
    const started = Date.now();
    reports = await gradeAll([join(TAMPER, 'detached-child')], { allowImports: true });
    detachedMs = Date.now() - started;
    const rest = await gradeAll([...KINDS.map(({ kind }) => join(TAMPER, kind)), STUBS, join(WRONG, 'lru-array')], { allowImports: true });
    for (const [folder, report] of rest) reports.set(folder, report);
  });

  for (const { kind, baseline } of KINDS) {
    it(`${kind}: scores no more than ${baseline === STUBS ? 'the stub' : 'the same code without tampering'}`, () => {
      const tampered = exercise(reports.get(join(TAMPER, kind))!, 'lru-cache');
      const honest = exercise(reports.get(baseline)!, 'lru-cache');
      expect(tampered.points, `${kind} vs its baseline`).to.be.at.most(honest.points);
      expect(reports.get(join(TAMPER, kind))!.fullMarks).to.equal(false);
    });
  }

  it('fake-clock: the array LRU still fails the O(1) check, timed by the judge', () => {
    const check = exercise(reports.get(join(TAMPER, 'fake-clock'))!, 'lru-cache').checks.find((c) => c.title.includes('O(1)'));
    expect(check?.passed).to.equal(false);
    expect(check?.message).to.match(/× slower|as long as a straightforward O\(1\)/);
  });

  it('exit-at-import and exit-after-first-call: reported as ending the process, not as a grader error', () => {
    for (const kind of ['exit-at-import', 'exit-after-first-call']) {
      const report = reports.get(join(TAMPER, kind))!;
      expect(report.errors, kind).to.deep.equal([]);
      expect(exercise(report, 'lru-cache').flags, kind).to.include('crashed');
      expect(exercise(report, 'lru-cache').checks[0].message, kind).to.match(/ended its process .*\(exit code 0\)/);
    }
  });

  it('detached-child: grading ends well within its bound and leaves no process behind', () => {
    expect(detachedMs).to.be.below(gradingBoundMs(selectExercises(['lru'])));
    expect(detachedMs, 'a detached child must not hold the grader').to.be.below(60_000);
    expect(taggedSleepers(), 'tagged "sleep 600" processes still running').to.deep.equal([]);
  });

  it('report-file and fake-output: score no more than the stub; the printed grade and the JSON report are the grader’s', () => {
    const stub = exercise(reports.get(STUBS)!, 'lru-cache');
    const dir = mkdtempSync(join(tmpdir(), 'cachecraft-tamper-'));
    try {
      for (const kind of ['report-file', 'fake-output']) {
        const json = join(dir, `${kind}.json`);
        const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(REPO, 'scripts', 'grade.ts'), 'lru', '--target', join(TAMPER, kind), `--json=${json}`], {
          cwd: REPO,
          encoding: 'utf8',
          env: { ...process.env, GRADE_TARGET: '' },
          timeout: 120_000,
        });
        expect(run.status, kind).to.equal(1);
        expect(run.stdout + run.stderr, kind).to.not.include('forged');
        expect(run.stdout, kind).to.not.match(/119\/119|27\/27/);
        const report = JSON.parse(readFileSync(json, 'utf8')) as GradeReport;
        expect(report.points, kind).to.be.at.most(stub.points);
        expect(report.fullMarks, kind).to.equal(false);
        expect(report.exercises[0].checks.length, kind).to.be.greaterThan(9);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('grader self-check: copying scores 0 with a clear message', function () {
  this.timeout(180_000);

  const CASES = [
    { kind: 'copy-solutions', flag: 'copied: imports solutions/lru-cache', importsWritten: '../../../../solutions/lru-cache' },
    { kind: 'wrap-library', flag: 'copied: imports the course library (cachecraft)', importsWritten: 'cachecraft' },
  ];

  for (const { kind, flag, importsWritten } of CASES) {
    it(`${kind}: 0 points, every check says why, and the report lists the import`, async () => {
      const report = await grade(join(TAMPER, kind), ['lru'], { allowImports: false });
      const lru = exercise(report, 'lru-cache');
      expect(lru.points).to.equal(0);
      expect(lru.flags).to.include(flag);
      expect(lru.imports).to.include(importsWritten);
      for (const check of lru.checks) expect(check.message, check.title).to.match(/^scored 0: .*lru-cache\.ts imports .*--allow-imports/);
    });
  }

  it('an instructor can allow imports: the copy then earns what its behaviour earns, still flagged', async () => {
    const report = await grade(join(TAMPER, 'copy-solutions'), ['lru'], { allowImports: true });
    const lru = exercise(report, 'lru-cache');
    expect(lru.points).to.equal(lru.maxPoints);
    expect(lru.flags).to.include('copied: imports solutions/lru-cache');
  });
});
