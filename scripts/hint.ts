/**
 * `npm run hint -- <exercise> [level | --all]` prints progressive hints: level 1 is a nudge,
 * the last one nearly the answer. Run with --help for details.
 */
import { EXERCISES, findExercise } from './grader/exercises';

const HELP = `Usage: npm run hint -- <exercise> [level | --all]

Prints hint <level> (default 1) for an exercise; ask for the next level only when stuck.
Exercises: ${EXERCISES.map((e) => `${e.alias} (${e.name})`).join(', ')}

Examples:
  npm run hint -- lru        the first LRU hint
  npm run hint -- lru 2      the second one
  npm run hint -- lfu --all  every LFU hint
`;

function main(argv: string[]): number {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const [name, level = '1'] = argv.filter((arg) => arg !== '--all');
  const exercise = findExercise(name);
  if (!exercise) {
    console.error(`hint: unknown exercise "${name}"\n\n${HELP}`);
    return 2;
  }
  const hints = exercise.hints; // from exercises/exercises.json
  const all = argv.includes('--all');
  const n = Number(level);
  if (!all && (!Number.isInteger(n) || n < 1 || n > hints.length)) {
    console.error(`hint: level must be a whole number from 1 to ${hints.length}, got "${level}"`);
    return 2;
  }
  const shown = all ? hints.map((hint, i) => ({ hint, i })) : [{ hint: hints[n - 1], i: n - 1 }];
  for (const { hint, i } of shown) {
    console.log(`${exercise.name} — hint ${i + 1}/${hints.length}: ${hint.title}\n\n${hint.body}\n`);
  }
  if (!all && n < hints.length) console.log(`Still stuck? npm run hint -- ${exercise.alias} ${n + 1}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
