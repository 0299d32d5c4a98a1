/** Putting an exercise file back to its pristine stub, keeping the learner's version as `.bak`. */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Exercise } from './exercises';

/** The state of an exercise file in `dir` compared with its stub. */
export function stubState(exercise: Exercise, dir: string): 'missing' | 'pristine' | 'changed' {
  const file = join(dir, exercise.file);
  if (!existsSync(file)) return 'missing';
  return readFileSync(file, 'utf8') === readFileSync(exercise.stub, 'utf8') ? 'pristine' : 'changed';
}

/**
 * Writes the pristine stub of `exercise` into `dir`; a changed file is first copied to
 * `<file>.bak`. Returns the backup's path, or undefined when there was nothing to keep.
 */
export function restoreStub(exercise: Exercise, dir: string): string | undefined {
  const file = join(dir, exercise.file);
  const backup = stubState(exercise, dir) === 'changed' ? `${file}.bak` : undefined;
  if (backup) copyFileSync(file, backup);
  writeFileSync(file, readFileSync(exercise.stub, 'utf8'));
  return backup;
}
