/**
 * Forking a TypeScript worker through ts-node costs seconds per process (each one loads the
 * compiler and compiles its imports again). This transpiles `lib/` and the worker once, in the
 * test process (which has TypeScript loaded already), into a temp dir with the same layout, so
 * workers start as plain Node in a fraction of that.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

const REPO = resolve(__dirname, '..', '..');

/** A transpiled copy of `lib/` plus `worker` (a path under the repo); `dispose` removes it. */
export interface TranspiledWorker {
  /** The compiled worker's path, to `fork`. */
  readonly script: string;
  /** Environment for the fork: bare imports (`ioredis`) resolve from the repo's node_modules. */
  readonly env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function transpileWorker(worker: string): TranspiledWorker {
  const out = mkdtempSync(join(tmpdir(), 'cachecraft-worker-'));
  const sources = [...tsFiles(join(REPO, 'lib')), resolve(worker)];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: source,
    });
    const target = join(out, relative(REPO, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return {
    script: join(out, relative(REPO, resolve(worker))).replace(/\.ts$/, '.js'),
    env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') },
    dispose: () => rmSync(out, { recursive: true, force: true }),
  };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
