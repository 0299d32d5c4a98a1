/**
 * A learner's progress through the exercises, remembered between `npm run watch` sessions in a
 * git-ignored file (`.cachecraft-progress.json` at the project root by default).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EXERCISES, Exercise, REPO_ROOT } from './exercises';

/** The default progress file (listed in .gitignore). */
export const PROGRESS_FILE = join(REPO_ROOT, '.cachecraft-progress.json');

/** What is remembered. */
export interface Progress {
  /** The exercise the learner is on (its name). */
  current: string;
  /** Names of the exercises that reached full marks. */
  done: string[];
  /** Points of each exercise's last grade, by name. */
  points: Record<string, number>;
  /** How many hints the learner has opened, by exercise name. */
  hintLevel: Record<string, number>;
  /** When it was last saved, ISO 8601. */
  updatedAt?: string;
}

/** A fresh start: on the first exercise, nothing done. */
export function freshProgress(): Progress {
  return { current: EXERCISES[0].name, done: [], points: {}, hintLevel: {} };
}

/**
 * The progress saved in `file`, or a fresh start when there is none. A file that is not valid
 * (hand-edited, or from an older course with other exercises) is read as far as it makes sense.
 */
export function readProgress(file: string = PROGRESS_FILE): Progress {
  if (!existsSync(file)) return freshProgress();
  let raw: Partial<Progress>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Progress>;
  } catch {
    return freshProgress();
  }
  const known = (name: unknown): name is string => typeof name === 'string' && EXERCISES.some((e) => e.name === name);
  const numbers = (record: unknown): Record<string, number> =>
    Object.fromEntries(Object.entries(typeof record === 'object' && record !== null ? record : {}).filter(([k, v]) => known(k) && Number.isFinite(v)));
  return {
    current: known(raw.current) ? raw.current : freshProgress().current,
    done: Array.isArray(raw.done) ? raw.done.filter(known) : [],
    points: numbers(raw.points),
    hintLevel: numbers(raw.hintLevel),
    updatedAt: typeof raw.updatedAt === 'string' ? raw.updatedAt : undefined,
  };
}

/** Saves `progress` to `file` (atomically: a crash mid-write leaves the old file). */
export function writeProgress(progress: Progress, file: string = PROGRESS_FILE): void {
  const text = `${JSON.stringify({ ...progress, updatedAt: new Date().toISOString() }, null, 2)}\n`;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** The exercise after `exercise` in course order, if any. */
export function nextExercise(exercise: Exercise): Exercise | undefined {
  return EXERCISES[exercise.index];
}

/** A short report: exercises done, the current one, points per exercise and in total. */
export function formatProgress(progress: Progress): string {
  const total = EXERCISES.reduce((sum, e) => sum + e.points, 0);
  const earned = EXERCISES.reduce((sum, e) => sum + (progress.points[e.name] ?? 0), 0);
  const allDone = EXERCISES.every((e) => progress.done.includes(e.name));
  const lines = [
    `Exercises done: ${progress.done.length}/${EXERCISES.length}`,
    `Current: ${allDone ? 'none — every exercise is done' : progress.current}`,
    `Points: ${earned}/${total} (last grade of each exercise)`,
    '',
  ];
  for (const e of EXERCISES) {
    const mark = progress.done.includes(e.name) ? '✓' : e.name === progress.current && !allDone ? '→' : ' ';
    const points = progress.points[e.name] === undefined ? '-' : String(progress.points[e.name]);
    const hints = progress.hintLevel[e.name] ? `, ${progress.hintLevel[e.name]} hint${progress.hintLevel[e.name] > 1 ? 's' : ''} opened` : '';
    lines.push(`  ${mark} ${e.alias.padEnd(9)} ${`${points}/${e.points}`.padStart(6)}  ${e.title}${hints}`);
  }
  return lines.join('\n');
}
