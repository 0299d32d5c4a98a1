/** Renders a grade for a terminal: plain text, with colours only when writing to a TTY. */
import { relative } from 'path';
import { findExercise } from './exercises';
import { ExerciseReport, GradeReport } from './report';

/** ANSI colouring, or none. */
export interface Palette {
  pass(text: string): string;
  fail(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

/** Colours when `enabled`, else identity functions. */
export function palette(enabled: boolean): Palette {
  const plain = (text: string) => text;
  return enabled
    ? { pass: ansi(32), fail: ansi(31), dim: ansi(2), bold: ansi(1) }
    : { pass: plain, fail: plain, dim: plain, bold: plain };
}

/** The whole report, ending with the total. */
export function formatReport(report: GradeReport, colours: Palette): string {
  const rel = relative(process.cwd(), report.target);
  const lines: string[] = [`Grading ${rel === '' ? '.' : rel.startsWith('..') ? report.target : `${rel}/`}`, ''];
  for (const exercise of report.exercises) lines.push(...formatExercise(exercise, colours), '');
  for (const error of report.errors) lines.push(colours.fail(`grader error: ${error}`), '');
  const percent = report.maxPoints === 0 ? 0 : (100 * report.points) / report.maxPoints;
  const total = `Total: ${report.points}/${report.maxPoints} (${percent.toFixed(0)}%)`;
  lines.push(colours.bold(report.fullMarks ? colours.pass(`${total} — full marks!`) : total));
  return lines.join('\n');
}

function formatExercise(exercise: ExerciseReport, colours: Palette): string[] {
  const lines = [colours.bold(`${exercise.name} (${exercise.file})`)];
  let previousMessage: string | undefined;
  for (const check of exercise.checks) {
    const points = `[${check.earned}/${check.points}]`;
    if (check.passed) {
      lines.push(`  ${colours.pass('✓')} ${check.title} ${colours.dim(points)}`);
    } else {
      lines.push(`  ${colours.fail('✗')} ${check.title} ${colours.dim(points)}`);
      // Collapse repeats (a stub fails every check the same way) so the output stays readable.
      const message = check.message ?? '';
      if (message === previousMessage) lines.push(`      ${colours.dim('(same error as above)')}`);
      else for (const line of message.split('\n')) lines.push(`      ${colours.fail(line)}`);
      previousMessage = message;
    }
  }
  const firstFailure = exercise.checks.find((c) => !c.passed);
  const score = `${exercise.name} ${exercise.points}/${exercise.maxPoints}`;
  lines.push(`  ${colours.bold(firstFailure ? score : colours.pass(score))}`);
  if (firstFailure) {
    const alias = findExercise(exercise.name)?.alias ?? exercise.name;
    // The failure's own hint when it carries one (see report.ts), else the check's nudge.
    if (firstFailure.hint) lines.push(`  Hint for "${firstFailure.title}": ${firstFailure.hint}`);
    lines.push(colours.dim(`  More hints: npm run hint -- ${alias}`));
  }
  return lines;
}
