/**
 * `npm run watch` driven as a learner drives it: in a real pseudo-terminal (util-linux
 * `script`), keys written to the terminal, exercise files saved in a temp folder, the screen
 * read back. Nothing here calls the watcher's internals. Set WATCH_TRANSCRIPT=<file> to keep
 * the session's screen output (colours stripped).
 */
import { expect } from 'chai';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXERCISES, findExercise } from '../../scripts/grader/exercises';
import { Progress } from '../../scripts/grader/progress';
import { commandWorks, requireProgram } from '../support/services';
import { REPO } from './generated-class';

const STUBS = join(REPO, 'scripts', 'grader', 'stubs');
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A program running in a pseudo-terminal, whose screen output we can wait on. */
class Terminal {
  private output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(command: string) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '' } });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The screen so far, without colours, with the terminal's CR LF turned into LF. */
  get screen(): string {
    return this.output.replace(ANSI, '').replace(/\r\n/g, '\n');
  }

  type(keys: string): void {
    this.child.stdin?.write(keys);
  }

  /** Resolves once `pattern` matched the screen `times` times in all; fails after `timeoutMs`. */
  async waitFor(pattern: RegExp, times = 1, timeoutMs = 90_000): Promise<void> {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    const deadline = Date.now() + timeoutMs;
    while ((this.screen.match(global)?.length ?? 0) < times) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} ×${times}; the screen so far:\n${this.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

describe('npm run watch, in a pseudo-terminal', function () {
  this.timeout(300_000);
  let dir: string;
  let target: string;
  let progressFile: string;
  const terminals: Terminal[] = [];
  const open = (command: string): Terminal => {
    const terminal = new Terminal(command);
    terminals.push(terminal);
    return terminal;
  };

  before(function () {
    requireProgram(this, 'script (util-linux)', commandWorks('script', ['--version']), 'install util-linux (`sudo apt-get install util-linux`).');
    dir = mkdtempSync(join(tmpdir(), 'cachecraft-watch-'));
    target = join(dir, 'exercises');
    mkdirSync(target);
    for (const file of readdirSync(STUBS)) copyFileSync(join(STUBS, file), join(target, file));
    progressFile = join(dir, 'progress.json');
  });
  after(() => {
    for (const terminal of terminals) terminal.kill();
    if (process.env.WATCH_TRANSCRIPT) writeFileSync(process.env.WATCH_TRANSCRIPT, terminals.map((t) => t.screen).join('\n––– (a second session) –––\n'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('grades on save, shows the first failure and hint levels, moves on, resets, quits, and remembers progress', async () => {
    const watch = `${process.execPath} -r ts-node/register/transpile-only scripts/watch.ts --target ${target} --progress ${progressFile} --timeout 1000`;
    const t = open(watch);
    const n = EXERCISES.length;
    const [ttl, lru] = [findExercise('ttl')!, findExercise('lru')!];
    const total = EXERCISES.reduce((sum, e) => sum + e.points, 0);

    // Starts on the first exercise, graded at once: only the first failing check, and its hint.
    await t.waitFor(new RegExp(`Exercise 1/${n}: ttl-cache \\(.*ttl-cache\\.ts\\) — 0/${ttl.points} points`));
    expect(t.screen).to.match(/0 of \d+ checks pass; the first that fails:\n✗ rejects a defaultTtlMs that is not a positive, finite number \[0\/1\]/);
    expect(t.screen.match(/^✗ /gm), 'failed checks shown').to.have.length(1);
    expect(t.screen).to.include(`Hint level 0/${ttl.hints.length}: press h for the first hint.`);

    // h opens the next hint level.
    t.type('h');
    await t.waitFor(new RegExp(`Hint 1/${ttl.hints.length} — ${ttl.hints[0].title}`));
    t.type('h');
    await t.waitFor(new RegExp(`Hint 2/${ttl.hints.length} — ${ttl.hints[1].title}`));

    // n on an exercise that does not pass asks first; anything but y cancels.
    t.type('n');
    await t.waitFor(/ttl-cache does not pass yet\. Skip to the next exercise anyway\? \[y\/N\]/);
    t.type('x');
    await t.waitFor(/Cancelled\./);

    // Saving a passing file grades it and moves on to the next exercise.
    writeFileSync(join(target, 'ttl-cache.ts'), readFileSync(join(REPO, 'solutions', 'ttl-cache.ts')));
    await t.waitFor(new RegExp(`ttl-cache \\(.*\\) — ${ttl.points}/${ttl.points} points\n✓ every check passes — ttl-cache is done!`));
    await t.waitFor(/→ Next: lru-cache/);
    await t.waitFor(new RegExp(`Exercise 2/${n}: lru-cache \\(.*\\) — 0/${lru.points} points`));

    // A wrong save: the first failing check with its own message.
    const fifo = readFileSync(join(REPO, 'test', 'fixtures', 'wrong', 'lru-fifo', 'lru-cache.ts'), 'utf8');
    writeFileSync(join(target, 'lru-cache.ts'), fifo);
    // (19 points, or 16 if the O(1) timing flips on a loaded machine: the first failure is the same.)
    const lruRender = new RegExp(`Exercise 2/${n}: lru-cache \\(.*\\) — \\d+/${lru.points} points`);
    await t.waitFor(lruRender, 2);
    expect(t.screen).to.match(new RegExp(`lru-cache \\(.*\\) — (${lru.points - 10}|${lru.points - 13})/${lru.points} points\n.*\n✗ get makes a key the most recently used \\[0/3\\]\n {4}.*expected "b" to be evicted`));

    // r asks, then restores the stub (keeping a .bak); the save triggers a new grade.
    t.type('r');
    await t.waitFor(/Reset .*lru-cache\.ts to the original stub\? .*\[y\/N\]/);
    t.type('y');
    await t.waitFor(/restored to the original stub/);
    await t.waitFor(lruRender, 3);
    expect(t.screen).to.match(new RegExp(`restored to the original stub[^]*Exercise 2/${n}: lru-cache \\(.*\\) — 0/${lru.points} points`));
    expect(readFileSync(join(target, 'lru-cache.ts'), 'utf8')).to.equal(readFileSync(join(STUBS, 'lru-cache.ts'), 'utf8'));
    expect(readFileSync(join(target, 'lru-cache.ts.bak'), 'utf8')).to.equal(fifo);

    // q quits cleanly.
    t.type('q');
    await t.waitFor(/Bye! Progress saved/);
    expect(await t.exited).to.equal(0);

    const progress = JSON.parse(readFileSync(progressFile, 'utf8')) as Progress;
    expect(progress).to.deep.include({ current: 'lru-cache', done: ['ttl-cache'], points: { 'ttl-cache': ttl.points, 'lru-cache': 0 }, hintLevel: { 'ttl-cache': 2 } });

    const printed = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/progress.ts', '--progress', progressFile], { cwd: REPO, encoding: 'utf8' });
    expect(printed.status).to.equal(0);
    expect(printed.stdout).to.include(`Exercises done: 1/${n}\nCurrent: lru-cache\nPoints: ${ttl.points}/${total}`);
    expect(printed.stdout).to.match(new RegExp(`✓ ttl +${ttl.points}/${ttl.points} .*2 hints opened`));
    expect(printed.stdout).to.match(new RegExp(`→ lru +0/${lru.points} `));
  });

  it('starts where the learner left off', async () => {
    expect(existsSync(progressFile)).to.equal(true);
    const t = open(`${process.execPath} -r ts-node/register/transpile-only scripts/watch.ts --target ${target} --progress ${progressFile} --timeout 1000`);
    await t.waitFor(new RegExp(`Exercise 2/${EXERCISES.length}: lru-cache`));
    t.type('q');
    expect(await t.exited).to.equal(0);
  });
});
