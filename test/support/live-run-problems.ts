import type { PageCell, PageOutput } from './live-notebook-page';
import type { LiveRun } from './live-notebook-run';

/** The text of a stream output (nbformat allows a string or a list of lines). */
function streamText(output: PageOutput): string {
  return Array.isArray(output.text) ? output.text.join('') : output.text ?? '';
}

/** How many charts a cell's outputs hold (lib/plot's `<div class="cachecraft-plot">`). */
export function chartOutputs(cell: PageCell): number {
  return cell.outputs.reduce((count, output) => {
    const html = output.data?.['text/html'];
    const text = Array.isArray(html) ? html.join('') : typeof html === 'string' ? html : '';
    return count + (text.match(/class="cachecraft-plot"/g) ?? []).length;
  }, 0);
}

/** True when a learner's Run All never reached the cell (no prompt number, no reply). */
function neverRan(cell: PageCell): boolean {
  return cell.source.trim() !== '' && cell.replyStatus === undefined && (cell.prompt === null || cell.prompt === undefined || cell.prompt === ' ');
}

/** At most `lines` lines of `text`, saying how many were left out (a retry loop repeats itself). */
function firstLines(text: string, lines = 6): string {
  const all = text.trim().split('\n');
  return all.length <= lines ? all.join('\n') : `${all.slice(0, lines).join('\n')}\n  … (${all.length - lines} more lines)`;
}

/** What is wrong with one cell, as a learner would notice it; empty when the cell is clean. */
export function cellProblems(cell: PageCell): string[] {
  const problems: string[] = [];
  if (cell.prompt === '*') problems.push('still running');
  if (neverRan(cell)) problems.push('never ran');
  if (cell.replyStatus === 'error') problems.push(`the kernel reported an error${cell.replyError ? ` (${cell.replyError})` : ''}`);
  for (const output of cell.outputs) {
    if (output.output_type === 'error') problems.push(`error output: ${[output.ename, output.evalue].filter(Boolean).join(': ') || '(empty)'}`);
    if (output.output_type === 'stream' && output.name === 'stderr') problems.push(`stderr: ${firstLines(streamText(output))}`);
  }
  const charts = Math.max(chartOutputs(cell), cell.plots);
  if (cell.drawnPlots < charts) problems.push(`${charts - cell.drawnPlots} of ${charts} chart(s) not drawn by Plotly (no .js-plotly-plot .main-svg)`);
  return problems;
}

/** The first cell that failed: the one to fix (tslab aborts the cells queued after it). */
export function firstFailingCell(run: LiveRun): { cell: PageCell; problems: string[] } | undefined {
  for (const cell of run.cells) {
    const problems = cellProblems(cell);
    if (problems.length > 0) return { cell, problems };
  }
  return undefined;
}

/** Cells that never ran because the kernel aborted them after an earlier failure. */
export function abortedCells(run: LiveRun): number[] {
  // The protocol says `aborted`; tslab replies `abort`.
  return run.cells.filter((cell) => cell.replyStatus === 'aborted' || cell.replyStatus === 'abort').map((cell) => cell.index);
}

/**
 * A readable account of everything wrong with a run, first failing cell first with its source:
 * what a reviewer needs to fix the notebook without re-running it. Empty when the run is clean.
 */
export function describeLiveRunProblems(run: LiveRun): string {
  const lines: string[] = [];
  if (run.kernelTrouble.length > 0) lines.push(`the kernel died or restarted while running (${run.kernelTrouble.join(', ')})`);
  else if (!run.finished) lines.push(`did not finish within the timeout (${run.seconds.toFixed(0)} s)`);
  const first = firstFailingCell(run);
  if (first) {
    lines.push(`first failing cell: ${first.cell.index} (In [${first.cell.prompt ?? ' '}])`);
    lines.push(...first.problems.map((problem) => `  ${problem}`));
    lines.push('  --- cell source ---', ...first.cell.source.split('\n').map((line) => `  | ${line}`));
    for (const cell of run.cells.filter((other) => other !== first.cell)) {
      const problems = cellProblems(cell);
      if (problems.length > 0) lines.push(`cell ${cell.index}: ${problems.join('; ')}`);
    }
  }
  const aborted = abortedCells(run);
  if (aborted.length > 0) lines.push(`aborted by the kernel after the failure (never ran): cells ${aborted.join(', ')}`);
  if (!run.plotsSettled && !first) lines.push('some chart was not drawn 15 s after the last cell finished');
  for (const message of run.consoleErrors) lines.push(`browser console error: ${message}`);
  return lines.join('\n');
}
