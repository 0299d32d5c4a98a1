import { join } from 'path';

/**
 * The path of the program `name` (no extension) in the folder of `callerFile` (pass
 * `__filename`), with the caller's own extension: `.ts` when the library runs from source under
 * ts-node (tests, benchmarks), `.js` when it runs compiled (`lib/dist`, the notebooks).
 */
export function siblingProgram(callerFile: string, name: string): string {
  const extension = callerFile.endsWith('.ts') ? '.ts' : '.js';
  return join(callerFile, '..', `${name}${extension}`);
}

/**
 * The Node flags that run `program` in a child process: ts-node (transpile-only) for a
 * TypeScript source, which costs a second or so per process; none for compiled JavaScript.
 */
export function nodeFlagsFor(program: string): string[] {
  return program.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
}
