import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';

/**
 * Writes a small tslab notebook with one code cell per source, output-free, at `path`: a probe
 * that makes a notebook check prove it notices what it is meant to notice.
 */
export function writeProbeNotebook(path: string, sources: string[]): string {
  mkdirSync(dirname(path), { recursive: true });
  const notebook = {
    cells: sources.map((source, index) => ({ cell_type: 'code', id: `c${index}`, metadata: {}, source, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript (cachecraft)', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(notebook, null, 1));
  return path;
}
