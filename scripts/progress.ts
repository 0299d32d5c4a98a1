/** `npm run progress [-- --progress <file>]` prints what `npm run watch` remembers: exercises done, current, points. */
import { resolve } from 'path';
import { PROGRESS_FILE, formatProgress, readProgress } from './grader/progress';

function main(argv: string[]): number {
  let file = PROGRESS_FILE;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-h' || argv[i] === '--help') {
      console.log('Usage: npm run progress [-- --progress <file>]\n\nPrints your progress as remembered by `npm run watch` (default file: .cachecraft-progress.json).');
      return 0;
    }
    if (argv[i] === '--progress' && argv[i + 1] !== undefined) file = resolve(process.cwd(), argv[++i]);
    else {
      console.error(`progress: unknown argument ${argv[i]} (see --help)`);
      return 2;
    }
  }
  console.log(formatProgress(readProgress(file)));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
