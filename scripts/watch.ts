/**
 * `npm run watch` — the learner's loop, after rustlings' watch mode: grades the exercise you are
 * on each time you save it, shows only the first failing check with its hint, and moves on to
 * the next exercise once it passes. Keys: h = next hint, n = next exercise, r = reset the
 * exercise to its stub, q = quit. Progress is kept in .cachecraft-progress.json (git-ignored);
 * `npm run progress` prints it. Run with --help for details.
 */
import { FSWatcher, existsSync, statSync, watch } from 'fs';
import { join, relative, resolve } from 'path';
import { EXERCISES, Exercise, findExercise } from './grader/exercises';
import { palette } from './grader/format';
import { gradeFolder } from './grader/grade-folder';
import { PROGRESS_FILE, Progress, nextExercise, readProgress, writeProgress } from './grader/progress';
import { ExerciseReport } from './grader/report';
import { restoreStub, stubState } from './grader/restore-stub';

const HELP = `Usage: npm run watch [-- [exercise] [--target <dir>] [--progress <file>]]

Grades the exercise you are on whenever you save its file and shows the first failing check.
When every check passes you move on to the next exercise.

Keys:  h  next hint level        n  next exercise (asks first if this one does not pass yet)
       r  reset to the stub (asks first; your version is kept as .bak)        q  quit

Options:
  [exercise]          start on this exercise (ttl, lru, lfu, stampede) instead of the remembered one
  --target <dir>      the folder holding your files (default: exercises/)
  --progress <file>   where progress is remembered (default: .cachecraft-progress.json)
  --debounce <ms>     wait this long after a save before grading (default 150)
  --timeout <ms>      time limit of each check that sets none (default 2000)
  -h, --help          show this help
`;

interface Options {
  target: string;
  progressFile: string;
  debounceMs: number;
  timeoutMs: number;
  start?: Exercise;
}

function parseArgs(argv: string[]): Options | 'help' {
  const options: Options = { target: resolve('exercises'), progressFile: PROGRESS_FILE, debounceMs: 150, timeoutMs: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new RangeError(`${arg} needs a value`);
      return next;
    };
    const ms = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`${arg} must be a positive whole number of milliseconds`);
      return n;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--target') options.target = resolve(value());
    else if (arg === '--progress') options.progressFile = resolve(value());
    else if (arg === '--debounce') options.debounceMs = ms();
    else if (arg === '--timeout') options.timeoutMs = ms();
    else if (arg.startsWith('-')) throw new RangeError(`unknown option ${arg}`);
    else {
      const found = findExercise(arg);
      if (!found) throw new RangeError(`unknown exercise "${arg}"; choose from ${EXERCISES.map((e) => e.alias).join(', ')}`);
      options.start = found;
    }
  }
  if (!existsSync(options.target) || !statSync(options.target).isDirectory()) throw new RangeError(`the folder ${options.target} does not exist`);
  return options;
}

/** `path` relative to the current folder, or absolute when it lies outside. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

/** What the watcher waits for after a key that needs confirming. */
type Confirming = 'reset' | 'skip' | undefined;

/** One watch session: the state, the grading, the keys and the screen. */
class WatchSession {
  private readonly colours = palette(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  private readonly progress: Progress;
  private exercise: Exercise;
  private last: ExerciseReport | undefined;
  private grading = false;
  private regradeAfter = false;
  private confirming: Confirming;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private finished = false;

  constructor(private readonly options: Options) {
    this.progress = readProgress(options.progressFile);
    this.exercise = options.start ?? findExercise(this.progress.current) ?? EXERCISES[0];
    this.progress.current = this.exercise.name;
  }

  start(): void {
    this.watcher = watch(this.options.target, (_event, file) => {
      if (file !== null && String(file) !== this.exercise.file) return;
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.grade(), this.options.debounceMs);
    });
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      for (const key of chunk) this.onKey(key);
    });
    void this.grade();
  }

  private file(): string {
    return shown(join(this.options.target, this.exercise.file));
  }

  private save(): void {
    writeProgress(this.progress, this.options.progressFile);
  }

  /** Grades the current exercise; a save during a grade asks for one more grade after it. */
  private async grade(): Promise<void> {
    if (this.finished) return;
    if (this.grading) {
      this.regradeAfter = true;
      return;
    }
    this.grading = true;
    this.write(`\n${this.colours.dim(`Grading ${this.file()} …`)}\n`);
    const report = await gradeFolder({ target: this.options.target, exercises: [this.exercise], timeoutMs: this.options.timeoutMs });
    this.grading = false;
    if (this.finished) return;
    this.last = report.exercises[0];
    this.progress.points[this.exercise.name] = this.last.points;
    const passed = report.errors.length === 0 && this.last.points === this.last.maxPoints && this.last.maxPoints > 0;
    if (passed && !this.progress.done.includes(this.exercise.name)) this.progress.done.push(this.exercise.name);
    this.save();
    this.render(report.errors, !(passed && !this.regradeAfter));
    if (this.regradeAfter) {
      this.regradeAfter = false;
      void this.grade();
    } else if (passed) {
      this.moveOn();
    }
  }

  private render(errors: string[], withPrompt: boolean): void {
    const c = this.colours;
    const e = this.last as ExerciseReport;
    const lines = ['', c.bold(`Exercise ${this.exercise.index}/${EXERCISES.length}: ${this.exercise.name} (${this.file()}) — ${e.points}/${e.maxPoints} points`)];
    for (const error of errors) lines.push(c.fail(`grader error: ${error}`));
    const failure = e.checks.find((check) => !check.passed);
    if (failure) {
      const passedCount = e.checks.filter((check) => check.passed).length;
      const tally = `${passedCount} of ${e.checks.length} checks pass`;
      lines.push(`${passedCount > 0 ? c.pass(`✓ ${tally}`) : tally}; the first that fails:`);
      lines.push(`${c.fail('✗')} ${failure.title} [0/${failure.points}]`);
      for (const line of (failure.message ?? '').split('\n')) lines.push(`    ${c.fail(line)}`);
      if (failure.hint) lines.push(`Hint: ${failure.hint}`);
      lines.push(...this.hintLines());
    } else {
      lines.push(c.pass(`✓ every check passes — ${this.exercise.name} is done!`));
    }
    this.write(`${lines.join('\n')}\n`);
    if (withPrompt) this.prompt();
  }

  /** The hints opened so far for this exercise (the last one in full). */
  private hintLines(): string[] {
    const level = this.progress.hintLevel[this.exercise.name] ?? 0;
    const hints = this.exercise.hints;
    if (level === 0) return [this.colours.dim(`Hint level 0/${hints.length}: press h for the first hint.`)];
    const hint = hints[level - 1];
    return ['', this.colours.bold(`Hint ${level}/${hints.length} — ${hint.title}`), hint.body];
  }

  private prompt(): void {
    const passed = this.progress.done.includes(this.exercise.name);
    const keys = ['h hint', passed ? 'n next' : 'n skip', 'r reset', 'q quit'];
    this.write(`\n${this.colours.dim(`Save ${this.file()} to grade again · ${keys.join(' · ')}`)}\n`);
  }

  private onKey(key: string): void {
    if (this.finished) return;
    if (key === '\u0003' || (key === 'q' && this.confirming === undefined)) return this.quit();
    if (this.confirming !== undefined) {
      const what = this.confirming;
      this.confirming = undefined;
      this.write(`${key === '\r' || key === '\n' ? '' : key}\n`); // raw mode does not echo the answer
      if (key !== 'y' && key !== 'Y') {
        this.write('Cancelled.\n');
        return this.prompt();
      }
      return what === 'reset' ? this.reset() : this.moveOn();
    }
    switch (key) {
      case 'h':
        return this.nextHint();
      case 'n':
        if (this.progress.done.includes(this.exercise.name)) return this.moveOn();
        this.confirming = 'skip';
        this.write(`${this.exercise.name} does not pass yet. Skip to the next exercise anyway? [y/N] `);
        return;
      case 'r':
        this.confirming = 'reset';
        this.write(`Reset ${this.file()} to the original stub? Your version goes to ${this.file()}.bak [y/N] `);
        return;
      case '\r':
      case '\n':
        return;
      default:
        this.write(`Unknown key ${JSON.stringify(key)}: h hint · n next · r reset · q quit\n`);
    }
  }

  private nextHint(): void {
    const level = this.progress.hintLevel[this.exercise.name] ?? 0;
    if (level >= this.exercise.hints.length) {
      this.write(`That was the last hint (${level}/${this.exercise.hints.length}); \`npm run hint -- ${this.exercise.alias} --all\` prints them all.\n`);
      return this.prompt();
    }
    this.progress.hintLevel[this.exercise.name] = level + 1;
    this.save();
    this.write(`${this.hintLines().join('\n')}\n`);
    this.prompt();
  }

  private reset(): void {
    if (stubState(this.exercise, this.options.target) === 'pristine') {
      this.write(`${this.file()} is already the original stub.\n`);
      return this.prompt();
    }
    const backup = restoreStub(this.exercise, this.options.target); // the file watcher grades it again
    this.write(`${this.file()} restored to the original stub${backup ? ` (your version: ${shown(backup)})` : ''}.\n`);
  }

  /** Goes to the next exercise in course order, or ends when there is none. */
  private moveOn(): void {
    const next = nextExercise(this.exercise);
    if (next === undefined) {
      const allDone = EXERCISES.every((e) => this.progress.done.includes(e.name));
      this.write(allDone ? `\n${this.colours.pass('Every exercise is done. Well played!')} (npm run progress shows the points)\n` : '\nThat was the last exercise; `npm run progress` shows what is left.\n');
      return this.prompt();
    }
    this.exercise = next;
    this.last = undefined;
    this.progress.current = next.name;
    this.save();
    this.write(`\n${this.colours.bold(`→ Next: ${next.name} — ${next.title}`)}\n`);
    void this.grade();
  }

  private quit(): void {
    this.finished = true;
    this.save();
    this.watcher?.close();
    if (this.debounce) clearTimeout(this.debounce);
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdin.pause();
    this.write(`\nBye! Progress saved in ${shown(this.options.progressFile)}; \`npm run progress\` shows it.\n`);
    process.exitCode = 0;
  }

  private write(text: string): void {
    process.stdout.write(text);
  }
}

function main(argv: string[]): void {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`watch: ${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  new WatchSession(options).start();
}

main(process.argv.slice(2));
