/**
 * `npm run grade [-- <exercise>…] [--target <dir> | --class <dir>] [--json[=<file>]] [--exercism <dir>] …`
 *
 * Grades the exercises in a folder (default: GRADE_TARGET or exercises/), prints every check with
 * its points, a hint on each exercise's first failure and the total, and exits 0 only at full
 * marks. `--class` grades every learner folder of a class into a gradebook, and `--exercism`
 * writes an Exercism `results.json`; both exit 0 whatever the learners scored, as a test runner
 * should. Run with --help for details.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'fs';
import { dirname, isAbsolute, join, relative, resolve } from 'path';
import { EXERCISES, REPO_ROOT, selectExercises } from './grader/exercises';
import { formatReport, palette } from './grader/format';
import { gradeClass, learnerFolders } from './grader/grade-class';
import { gradeFolder } from './grader/grade-folder';
import { gradebookTable } from './grader/gradebook';

const HELP = `Usage: npm run grade -- [exercise…] [options]

Grades your exercise files and prints each check, the points per exercise and a total.
Exit code: 0 at full marks, 1 otherwise, 2 for bad usage. With --class or --exercism the
grader is a test runner: exit 0 whenever it graded (whatever the scores), 1 when it could not
grade a folder, 2 for bad usage.

Exercises (all when none is given):
${EXERCISES.map((e) => `  ${e.alias.padEnd(10)} ${e.name}.ts`).join('\n')}

Options:
  --target <dir>     folder to grade (default: $GRADE_TARGET, else exercises/)
  --json[=<file>]    also write a machine-readable report (default file: reports/grade.json)
  --timeout <ms>     time limit of each check that sets none (default 2000)
  --class <dir>      grade every sub-folder of <dir> (one learner each), in parallel; writes
                     <reports>/gradebook.csv and <reports>/<learner>.json and prints a table
  --reports <dir>    where --class writes (default: reports/)
  --jobs <n>         learners graded at the same time with --class (default: the core count)
  --exercism <dir>   write <dir>/results.json (Exercism test-runner interface v3) and exit 0
  --allow-imports    let learner files import solutions/, the course library or cache packages
  --no-color         plain output even on a terminal (colours are only used on a TTY anyway)
  -h, --help         show this help

Examples:
  npm run grade                    grade everything in exercises/
  npm run grade -- lru             grade only exercises/lru-cache.ts
  npm run grade -- --target solutions --json
  npm run grade -- --class submissions/      grade a class into reports/gradebook.csv
  npm run grade -- lru --target in/ --exercism out/   an Exercism-style run (run.sh slug in out)
`;

interface Args {
  names: string[];
  target: string;
  json?: string;
  timeoutMs: number;
  colour: boolean;
  help: boolean;
  classDir?: string;
  reportsDir: string;
  jobs?: number;
  exercism?: string;
  allowImports: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    names: [],
    target: process.env.GRADE_TARGET || 'exercises',
    timeoutMs: 2000,
    colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    help: false,
    reportsDir: 'reports',
    allowImports: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new RangeError(`${arg} needs a value`);
      return next;
    };
    if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--target') args.target = value();
    else if (arg.startsWith('--target=')) args.target = arg.slice('--target='.length);
    else if (arg === '--json') args.json = 'reports/grade.json';
    else if (arg.startsWith('--json=')) args.json = arg.slice('--json='.length);
    else if (arg === '--timeout' || arg.startsWith('--timeout=')) {
      const ms = Number(arg === '--timeout' ? value() : arg.slice('--timeout='.length));
      if (!Number.isInteger(ms) || ms < 1) throw new RangeError(`--timeout must be a positive integer of milliseconds`);
      args.timeoutMs = ms;
    } else if (arg === '--no-color') args.colour = false;
    else if (arg === '--class') args.classDir = value();
    else if (arg === '--reports') args.reportsDir = value();
    else if (arg === '--exercism') args.exercism = value();
    else if (arg === '--allow-imports') args.allowImports = true;
    else if (arg === '--jobs') {
      const jobs = Number(value());
      if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError('--jobs must be a positive integer');
      args.jobs = jobs;
    }
    else if (arg.startsWith('-')) throw new RangeError(`unknown option ${arg}`);
    else args.names.push(arg);
  }
  if (args.classDir !== undefined && args.exercism !== undefined) throw new RangeError('--class and --exercism cannot be combined');
  return args;
}

/** `path` from the current folder, absolute when it leaves it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

async function gradeAClass(args: Args): Promise<number> {
  const root = resolve(process.cwd(), args.classDir as string);
  if (!isFolder(root)) {
    console.error(`grade: the class folder ${root} does not exist`);
    return 2;
  }
  if (learnerFolders(root).length === 0) {
    console.error(`grade: ${root} holds no learner folders (one sub-folder per learner)`);
    return 2;
  }
  const exercises = selectExercises(args.names);
  console.log(`Grading the class in ${shown(root)} …`);
  const result = await gradeClass({
    root,
    exercises,
    reportsDir: resolve(process.cwd(), args.reportsDir),
    concurrency: args.jobs,
    timeoutMs: args.timeoutMs,
    allowImports: args.allowImports,
    onLearner: (learner, report) => console.log(`  ${learner}: ${report.points}/${report.maxPoints}${report.status === 'error' ? ' (grader error)' : ''}`),
  });
  console.log(`\n${gradebookTable(result.learners, exercises)}\n`);
  console.log(`Gradebook: ${shown(result.gradebookFile)}; one JSON report per learner in ${shown(dirname(result.gradebookFile))}/`);
  console.log(`Graded ${result.learners.length} learners in ${(result.wallMs / 1000).toFixed(1)} s (wall time, ${result.concurrency} at a time).`);
  return result.learners.some((l) => l.report.status === 'error') ? 1 : 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
    selectExercises(args.names);
  } catch (error) {
    console.error(`grade: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  if (args.classDir !== undefined) return gradeAClass(args);
  const target = isAbsolute(args.target) ? args.target : resolve(process.cwd(), args.target);
  if (!isFolder(target)) {
    console.error(`grade: the folder to grade, ${target}, does not exist`);
    return 2;
  }
  const report = await gradeFolder({
    target,
    exercises: selectExercises(args.names),
    timeoutMs: args.timeoutMs,
    allowImports: args.allowImports,
    onStart: ({ boundMs }) => console.log(`grading ends within ${Math.ceil(boundMs / 1000)} s`),
  });
  console.log(formatReport(report, palette(args.colour)));
  if (args.exercism !== undefined) {
    const file = join(resolve(process.cwd(), args.exercism), 'results.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Exercism results written to ${file}`);
  }
  if (args.json) {
    const file = resolve(REPO_ROOT, args.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`JSON report written to ${file}`);
  }
  if (args.exercism !== undefined) return report.status === 'error' ? 1 : 0;
  return report.fullMarks ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error('grade: the grader itself failed:', error);
    process.exitCode = 2;
  },
);
