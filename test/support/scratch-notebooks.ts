import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'fs';
import { join } from 'path';
import { notebooksDir, root } from './notebooks';

/** Where the live-UI test serves its copy of the notebooks from (under the git-ignored build/). */
export const scratchRoot = join(root, 'build', 'live-ui');

/**
 * Copies notebooks/ to `build/live-ui/notebooks/` and returns that folder, so a Notebook server
 * can run (and autosave) them without ever writing the committed, output-free files.
 *
 * The copy stays inside the project, so `import … from 'cachecraft'` still resolves through the
 * project's node_modules and `bundledTracePath` still finds data/traces by walking up from
 * lib/dist; `data` is linked next to the copy so a notebook path relative to its folder
 * (`../data/…`) resolves as it does under `npm start`.
 */
export function copyNotebooksToScratch(): string {
  const target = join(scratchRoot, 'notebooks');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(scratchRoot, { recursive: true });
  cpSync(notebooksDir, target, {
    recursive: true,
    filter: (source) => !source.includes('.ipynb_checkpoints'),
  });
  const data = join(scratchRoot, 'data');
  if (!existsSync(data)) symlinkSync(join(root, 'data'), data, 'dir');
  return target;
}
