import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GradeReport } from '../../scripts/grader/report';
import { REPO } from './grading';

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(REPO, 'scripts', script), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, GRADE_TARGET: '' },
    timeout: 90_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grader self-check: the command-line tools', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'cachecraft-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('grade: prints each check, the score, a hint, the total; --json writes the report; exit 1 below full marks', () => {
    const json = join(dir, 'report.json');
    const { status, stdout } = run('grade.ts', ['lru', '--target', 'test/fixtures/wrong/lru-fifo', `--json=${json}`, '--timeout', '1000']);
    expect(status).to.equal(1);
    expect(stdout).to.include('lru-cache (test/fixtures/wrong/lru-fifo/lru-cache.ts)');
    expect(stdout).to.include('  ✓ get returns what set stored, and undefined for a missing key [2/2]');
    expect(stdout).to.include('  ✗ get makes a key the most recently used [0/3]');
    expect(stdout).to.match(/expected "b" to be evicted \(it was used least recently: "a" was just read\), but "a" was evicted/);
    expect(stdout).to.match(/^ {2}lru-cache \d+\/29$/m);
    expect(stdout).to.match(/Hint for "get makes a key the most recently used": A hit is a use/);
    expect(stdout).to.match(/^Total: \d+\/29 \(\d+%\)$/m);
    expect(stdout, 'no colours when not on a TTY').to.not.include('\u001b[');
    const report = JSON.parse(readFileSync(json, 'utf8')) as GradeReport;
    expect(report.target).to.equal(join(REPO, 'test', 'fixtures', 'wrong', 'lru-fifo'));
    expect(new Date(report.timestamp).getTime()).to.be.closeTo(Date.now(), 120_000);
    expect(report.maxPoints).to.equal(29);
    expect(report.fullMarks).to.equal(false);
    const [lru] = report.exercises;
    expect(lru).to.include({ name: 'lru-cache', maxPoints: 29 });
    expect(lru.checks.find((c) => c.title === 'get makes a key the most recently used')).to.include({ passed: false, points: 3, earned: 0 });
  });

  it('grade: exit 0 at full marks', () => {
    const { status, stdout } = run('grade.ts', ['ttl', '--target', 'solutions']);
    expect(status, stdout).to.equal(0);
    expect(stdout).to.match(/Total: 27\/27 \(100%\) — full marks!/);
  });

  it('grade: --help exits 0, an unknown exercise exits 2 and lists the valid ones', () => {
    expect(run('grade.ts', ['--help']).status).to.equal(0);
    const bad = run('grade.ts', ['lur']);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.include('unknown exercise "lur"; choose from ttl (ttl-cache), lru (lru-cache)');
  });

  it('hint: prints progressive hints by level', () => {
    const first = run('hint.ts', ['lru']);
    expect(first.status).to.equal(0);
    expect(first.stdout).to.match(/^lru-cache — hint 1\/\d: /);
    expect(first.stdout).to.include('Still stuck? npm run hint -- lru 2');
    expect(run('hint.ts', ['lru', '99']).status).to.equal(2);
  });

  it('exercise:reset: restores the stub, keeps a .bak, and refuses to overwrite without --yes', () => {
    const file = join(dir, 'lfu-cache.ts');
    writeFileSync(file, '// my work\n');
    const refused = run('reset-exercise.ts', ['lfu', '--dir', dir, '--force']);
    expect(refused.status).to.equal(1);
    expect(readFileSync(file, 'utf8')).to.equal('// my work\n');
    expect(run('reset-exercise.ts', ['lfu', '--dir', dir, '--yes', '--force']).status).to.equal(0);
    expect(readFileSync(file, 'utf8')).to.equal(readFileSync(join(REPO, 'scripts', 'grader', 'stubs', 'lfu-cache.ts'), 'utf8'));
    expect(existsSync(`${file}.bak`)).to.equal(true);
  });
});
