/**
 * `npm run exercise:reset -- <exercise>… [--yes] [--dir <folder>] [--force]` restores exercise
 * files to their pristine stubs. Your current file is first copied to `<file>.bak`, and nothing
 * is overwritten without --yes or a "y" answer. Run with --help for details.
 *
 * The pristine stubs are the byte-identical copies in scripts/grader/stubs/ (a CI self-check
 * keeps them equal to exercises/), not `git show HEAD:exercises/<file>`: a learner who commits
 * their work makes HEAD hold their code rather than the stub, and a course downloaded as a zip
 * has no git at all. The copies carry no description of their own; the manifest does.
 */
import { existsSync, realpathSync, statSync } from 'fs';
import { isAbsolute, join, relative, resolve, sep } from 'path';
import { createInterface } from 'readline';
import { EXERCISES, Exercise, REPO_ROOT, selectExercises } from './grader/exercises';
import { restoreStub, stubState } from './grader/restore-stub';

const HELP = `Usage: npm run exercise:reset -- <exercise>… [--all] [--yes] [--dir <folder> [--force]]

Restores exercise files to the original stubs. Your current version is kept as <file>.bak.
Asks before overwriting unless --yes is given (without a terminal, --yes is required).

Exercises: ${EXERCISES.map((e) => `${e.alias} (${e.name})`).join(', ')}, or --all

Options:
  --yes, -y       do not ask
  --dir <folder>  reset files in <folder> (an existing folder inside the project) instead of exercises/
  --force         allow a --dir outside the project
  -h, --help      show this help

Example:
  npm run exercise:reset -- lru
`;

interface Args {
  names: string[];
  all: boolean;
  yes: boolean;
  dir: string;
  force: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { names: [], all: false, yes: false, dir: join(REPO_ROOT, 'exercises'), force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--yes' || arg === '-y') args.yes = true;
    else if (arg === '--all') args.all = true;
    else if (arg === '--force') args.force = true;
    else if (arg === '--dir') {
      const dir = argv[++i];
      if (dir === undefined) throw new RangeError('--dir needs a folder');
      args.dir = isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
    } else if (arg.startsWith('-')) throw new RangeError(`unknown option ${arg}`);
    else args.names.push(arg);
  }
  if (!args.all && args.names.length === 0) throw new RangeError('name an exercise to reset (or --all)');
  return args;
}

/**
 * Why `dir` may not be written to, or undefined when it may: it must be an existing folder, and
 * inside the project (symlinks resolved) unless `force` — so a typo such as `--dir ../../etc`
 * cannot drop a file anywhere on the machine.
 */
export function refuseDir(dir: string, force: boolean): string | undefined {
  if (!existsSync(dir)) return `the folder ${dir} does not exist`;
  if (!statSync(dir).isDirectory()) return `${dir} is not a folder`;
  const real = realpathSync(dir);
  const root = realpathSync(REPO_ROOT);
  if (!force && real !== root && !real.startsWith(root + sep)) {
    return `${dir} is outside the project (${root}); add --force to reset files there anyway`;
  }
  return undefined;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await new Promise<string>((resolveAnswer) => rl.question(question, resolveAnswer));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function reset(exercise: Exercise, args: Args): Promise<boolean> {
  const target = join(args.dir, exercise.file);
  const rel = relative(process.cwd(), target);
  const shown = rel.startsWith('..') ? target : rel;
  const state = stubState(exercise, args.dir);
  if (state === 'pristine') {
    console.log(`${shown} is already the original stub.`);
    return true;
  }
  if (state === 'changed' && !args.yes) {
    if (!process.stdin.isTTY) {
      console.error(`exercise:reset: ${shown} has your changes; run again with --yes to overwrite it (a .bak copy is kept).`);
      return false;
    }
    if (!(await confirm(`Overwrite ${shown} with the original stub? Your version goes to ${shown}.bak [y/N] `))) {
      console.log(`${shown} left as it was.`);
      return true;
    }
  }
  const backup = restoreStub(exercise, args.dir);
  console.log(`${shown} restored to the original stub${backup ? ` (your version: ${shown}.bak)` : ''}.`);
  return true;
}

async function main(argv: string[]): Promise<number> {
  let args: Args | 'help';
  let exercises: Exercise[];
  try {
    args = parseArgs(argv);
    if (args === 'help') {
      console.log(HELP);
      return 0;
    }
    exercises = args.all ? [...EXERCISES] : selectExercises(args.names);
  } catch (error) {
    console.error(`exercise:reset: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const refused = refuseDir(args.dir, args.force);
  if (refused !== undefined) {
    console.error(`exercise:reset: ${refused}`);
    return 2;
  }
  let ok = true;
  for (const exercise of exercises) ok = (await reset(exercise, args)) && ok;
  return ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`exercise:reset: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
