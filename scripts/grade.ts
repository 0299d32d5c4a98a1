/**
 * `npm run grade [-- <exercise>…] [--target <dir>] [--json[=<file>]] [--timeout <ms>] [--no-color]`
 *
 * Grades the exercises in a folder (default: GRADE_TARGET or exercises/), prints every check with
 * its points, a hint on each exercise's first failure and the total, and exits 0 only at full
 * marks. Run with --help for details.
 */
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, isAbsolute, resolve } from 'path';
import { EXERCISES, REPO_ROOT, selectExercises } from './grader/exercises';
import { formatReport, palette } from './grader/format';
import { gradeFolder } from './grader/grade-folder';

const HELP = `Usage: npm run grade -- [exercise…] [options]

Grades your exercise files and prints each check, the points per exercise and a total.
Exit code: 0 at full marks, 1 otherwise, 2 for bad usage.

Exercises (all when none is given):
${EXERCISES.map((e) => `  ${e.alias.padEnd(10)} ${e.name}.ts`).join('\n')}

Options:
  --target <dir>     folder to grade (default: $GRADE_TARGET, else exercises/)
  --json[=<file>]    also write a machine-readable report (default file: reports/grade.json)
  --timeout <ms>     time limit of each check that sets none (default 2000)
  --no-color         plain output even on a terminal (colours are only used on a TTY anyway)
  -h, --help         show this help

Examples:
  npm run grade                    grade everything in exercises/
  npm run grade -- lru             grade only exercises/lru-cache.ts
  npm run grade -- --target solutions --json
`;

interface Args {
  names: string[];
  target: string;
  json?: string;
  timeoutMs: number;
  colour: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    names: [],
    target: process.env.GRADE_TARGET || 'exercises',
    timeoutMs: 2000,
    colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    help: false,
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
    else if (arg.startsWith('-')) throw new RangeError(`unknown option ${arg}`);
    else args.names.push(arg);
  }
  return args;
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
  const target = isAbsolute(args.target) ? args.target : resolve(process.cwd(), args.target);
  if (!existsSync(target)) {
    console.error(`grade: the folder to grade, ${target}, does not exist`);
    return 2;
  }
  const report = await gradeFolder({ target, exercises: selectExercises(args.names), timeoutMs: args.timeoutMs });
  console.log(formatReport(report, palette(args.colour)));
  if (args.json) {
    const file = resolve(REPO_ROOT, args.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`JSON report written to ${file}`);
  }
  return report.fullMarks ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error('grade: the grader itself failed:', error);
    process.exitCode = 2;
  },
);
