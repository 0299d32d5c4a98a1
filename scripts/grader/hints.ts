/** Progressive hints per exercise, read from the manifest (`exercises/exercises.json`). */
import { Exercise, Hint } from './exercises';

export type { Hint } from './exercises';

/** The hints of `exercise`, in order (hint 1, a nudge, first). */
export function readHints(exercise: Exercise): Hint[] {
  return [...exercise.hints];
}
