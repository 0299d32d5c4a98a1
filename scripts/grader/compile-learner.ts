/**
 * Turns a learner's TypeScript into the JavaScript the sandbox runs. The judge transpiles (the
 * sandbox loads no compiler, and a syntax error is reported without running anything), one file
 * at a time with `transpileModule`, into a private folder that mirrors the files' absolute paths
 * so relative imports keep working. Inline source maps keep stack traces on the learner's lines.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import ts from 'typescript';
import { GRADE_TMP_ENV } from './sandbox/process-tree';

/** The outcome for one source file. */
export interface CompiledFile {
  /** The JavaScript file to `require`. */
  output: string;
  /** `lru-cache.ts(3,7): error TS1005: ',' expected.` lines, when the file does not parse. */
  errors?: string;
}

/** A folder of transpiled learner files (see the file comment). */
export class LearnerBuild {
  readonly root: string;
  private readonly compiled = new Map<string, CompiledFile>();

  constructor(root = mkdtempSync(join(process.env[GRADE_TMP_ENV] || tmpdir(), 'cachecraft-build-'))) {
    this.root = root;
  }

  /** Where `source` (absolute) lands in the build. */
  outputOf(source: string): string {
    return join(this.root, source.replace(/\.(ts|tsx|mts|cts)$/, '.js'));
  }

  /** Transpiles `source` (once), reporting syntax errors instead of output. */
  compile(source: string, display: string = source): CompiledFile {
    let result = this.compiled.get(source);
    if (result === undefined) {
      result = this.transpile(source, display);
      this.compiled.set(source, result);
    }
    return result;
  }

  private transpile(source: string, display: string): CompiledFile {
    const output = this.outputOf(source);
    mkdirSync(dirname(output), { recursive: true });
    if (!/\.(ts|tsx|mts|cts)$/.test(source)) {
      copyFileSync(source, output);
      return { output };
    }
    const text = readFileSync(source, 'utf8');
    const result = ts.transpileModule(text, {
      fileName: source,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
        sourceRoot: `${dirname(source)}/`,
        jsx: ts.JsxEmit.React,
      },
    });
    const diagnostics = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (diagnostics.length > 0) {
      const errors = diagnostics
        .map((d) => {
          const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
          const position = where ? `(${where.line + 1},${where.character + 1})` : '';
          return `${display}${position}: error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        })
        .join('\n');
      return { output, errors };
    }
    // An absolute import points at a source file: point it at its transpiled twin in the build.
    const javascript = result.outputText.replace(/require\((["'])(\/[^"']+)\1\)/g, (_match, quote: string, path: string) => `require(${quote}${join(this.root, path)}${quote})`);
    writeFileSync(output, javascript);
    return { output };
  }
}

/** `file` relative to `base` when inside it, else absolute: how messages name a file. */
export function shortName(file: string, base: string): string {
  const rel = relative(base, file);
  return rel.startsWith('..') ? file : rel;
}
