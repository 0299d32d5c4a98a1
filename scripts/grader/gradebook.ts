/** A class's grades as a CSV gradebook and as a table for the terminal. */
import { Exercise } from './exercises';
import { GradeReport, reportFlags } from './report';

/** One gradebook row: what the CSV and the table show for a learner. */
export interface GradebookRow {
  learner: string;
  /** Points per exercise, in the order of the graded exercises. */
  points: number[];
  total: number;
  /** The exercises' flags and the grader's own errors, e.g. `lru-cache: imports solutions/…`. */
  flags: string[];
}

/** The gradebook row of one learner. */
export function gradebookRow(learner: string, report: GradeReport, exercises: readonly Exercise[]): GradebookRow {
  const points = exercises.map((e) => report.exercises.find((r) => r.name === e.name)?.points ?? 0);
  const flags = [...reportFlags(report), ...report.errors.map((error) => `grader error: ${error.split('\n')[0]}`)];
  return { learner, points, total: points.reduce((a, b) => a + b, 0), flags };
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `learner,<exercise>…,total,flags` then one line per learner; flags are joined with `; `.
 * A learner's name that starts with `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
 * does not run it as a formula.
 */
export function gradebookCsv(grades: ReadonlyArray<{ learner: string; report: GradeReport }>, exercises: readonly Exercise[]): string {
  const header = ['learner', ...exercises.map((e) => e.name), 'total', 'flags'];
  const lines = [header.map(csvField).join(',')];
  for (const { learner, report } of grades) {
    const row = gradebookRow(learner, report, exercises);
    const name = /^[=+\-@]/.test(learner) ? `'${learner}` : learner;
    lines.push([name, ...row.points, row.total, row.flags.join('; ')].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A fixed-width summary table: learner, points per exercise (by alias), total, flags. */
export function gradebookTable(grades: ReadonlyArray<{ learner: string; report: GradeReport }>, exercises: readonly Exercise[]): string {
  const header = ['learner', ...exercises.map((e) => `${e.alias}/${e.points}`), `total/${exercises.reduce((a, e) => a + e.points, 0)}`, 'flags'];
  const rows = grades.map(({ learner, report }) => {
    const row = gradebookRow(learner, report, exercises);
    return [learner, ...row.points.map(String), String(row.total), row.flags.join('; ')];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === header.length - 1 ? 0 : r[i].length))));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)].join('\n');
}
