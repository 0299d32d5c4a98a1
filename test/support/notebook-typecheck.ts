import * as ts from 'typescript';
import { dirname, join } from 'path';
import { Notebook, codeCells, root } from './notebooks';

/** One strict-mode type error, located by notebook cell and line. */
export interface CellDiagnostic {
  cell: number;
  line: number;
  message: string;
}

/**
 * Type-checks a notebook's code cells with the project's strict settings.
 *
 * tslab is not strict, and it evaluates cells in one shared scope, so the cells are joined
 * into one module (in cell order) and checked as a whole; each error is mapped back to the
 * cell and line it came from. Module kind is ESNext because cells use top-level await.
 */
export function typecheckNotebook(notebook: Notebook, notebookPath: string): CellDiagnostic[] {
  const cells = codeCells(notebook);
  const starts: Array<{ cell: number; firstLine: number }> = [];
  let text = '';
  let line = 0;
  for (const { index, source } of cells) {
    starts.push({ cell: index, firstLine: line });
    const body = source.endsWith('\n') ? source : `${source}\n`;
    text += body;
    line += body.split('\n').length - 1;
  }
  // `export {}` makes the file a module even when no cell imports anything.
  text += 'export {};\n';

  // The virtual file sits beside the notebook so `cachecraft` resolves as it does for tslab.
  const fileName = join(dirname(notebookPath), '__notebook_typecheck__.ts');
  const options = strictNotebookOptions();
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === fileName ? text : readFile(name));
  host.fileExists = (name) => name === fileName || fileExists(name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    name === fileName
      ? ts.createSourceFile(name, text, languageVersion, true)
      : getSourceFile(name, languageVersion, onError, shouldCreate);

  const program = ts.createProgram([fileName], options, host);
  const source = program.getSourceFile(fileName);
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  return diagnostics.map((diagnostic) => {
    const position = diagnostic.start ?? 0;
    const lineOfFile = source ? source.getLineAndCharacterOfPosition(position).line : 0;
    const owner = [...starts].reverse().find((start) => start.firstLine <= lineOfFile) ?? { cell: -1, firstLine: 0 };
    return {
      cell: owner.cell,
      line: lineOfFile - owner.firstLine + 1,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    };
  });
}

/** The project's tsconfig.json, adjusted for notebook code (top-level await, no unused checks). */
function strictNotebookOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return {
    ...parsed.options,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
    noEmit: true,
    // A notebook may define a helper and use it only in a later, optional cell.
    noUnusedLocals: false,
    noUnusedParameters: false,
    strict: true,
  };
}
