import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

/** The project root and the notebooks folder. */
export const root = resolve(__dirname, '..', '..');
export const notebooksDir = join(root, 'notebooks');

/** The parts of an nbformat-4 cell the tests look at. */
export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
}

/** The parts of an nbformat-4 notebook the tests look at. */
export interface Notebook {
  cells: NotebookCell[];
  metadata: { kernelspec?: { name?: string; language?: string }; [key: string]: unknown };
  nbformat: number;
  nbformat_minor: number;
}

/** Every committed notebook, sorted by file name (their chapter order). */
export function listNotebooks(): string[] {
  return readdirSync(notebooksDir)
    .filter((name) => name.endsWith('.ipynb'))
    .sort()
    .map((name) => join(notebooksDir, name));
}

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, 'utf8')) as Notebook;
}

/** A cell's source as one string (nbformat allows a string or a list of lines). */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** The code cells with their index in the notebook, for messages that name the cell. */
export function codeCells(notebook: Notebook): Array<{ index: number; source: string }> {
  return notebook.cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type === 'code')
    .map(({ cell, index }) => ({ index, source: cellSource(cell) }));
}

/** How many charts a notebook draws: one per call of the plot helper in its code. */
export function expectedChartCalls(path: string): number {
  return readNotebook(path)
    .cells.filter((cell) => cell.cell_type === 'code')
    .map(cellSource)
    .reduce((count, source) => count + (source.match(/\bplot\(/g) ?? []).length, 0);
}
