import { cpSync, mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import { notebooksDir, root } from './notebooks';

/** Where the live-UI test keeps its server log and run records (git-ignored build/). */
export const scratchRoot = join(root, 'build', 'live-ui');

/** The scratch copy of notebooks/: a sibling of it, git-ignored. */
export const scratchNotebooksDir = join(root, '.live-ui-notebooks');

/**
 * Copies notebooks/ to `.live-ui-notebooks/` and returns that folder, so a Notebook server can
 * run (and autosave) them without ever writing the committed, output-free files.
 *
 * The copy is a sibling of notebooks/, so everything a notebook resolves from its folder is
 * what it resolves under `npm start`: `cachecraft` through the project's node_modules (and the
 * same module lookups for tslab's TypeScript to watch), data/traces found by walking up from
 * lib/dist, and any `../data/…` path.
 */
export function copyNotebooksToScratch(): string {
  rmSync(scratchNotebooksDir, { recursive: true, force: true });
  mkdirSync(scratchRoot, { recursive: true });
  cpSync(notebooksDir, scratchNotebooksDir, {
    recursive: true,
    filter: (source) => !source.includes('.ipynb_checkpoints'),
  });
  return scratchNotebooksDir;
}
