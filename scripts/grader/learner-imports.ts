/**
 * Originality: what a learner's file imports, read from its syntax tree (import declarations,
 * `export … from`, `require()`, `import()`), following its own helper files. Imports of the
 * answers, the course library or a cache package make the exercise score 0 unless the
 * instructor allows them; a `require`/`import` of a computed name, `eval` and friends are flagged
 * too, since they could hide such an import.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { builtinModules } from 'module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'path';
import ts from 'typescript';
import { CACHE_PACKAGES, COURSE_PACKAGE, FORBIDDEN_FOLDERS } from './forbidden-imports';

/** What {@link scanImports} found for one graded file. */
export interface ImportScan {
  /** Module specifiers of runtime imports, as written, in the order met, without repeats. */
  imports: string[];
  /** Absolute paths of the local files that run: the graded file first, then its helpers. */
  files: string[];
  /** Imports that make the exercise score 0, e.g. `imports solutions/lru-cache`. */
  copied: string[];
  /** Places that load code by a computed name or evaluate strings, e.g. `lru-cache.ts:12: require(name)`. */
  dynamic: string[];
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.cjs', '.mjs', '.json'];
const BUILTINS = new Set(builtinModules);
/** Built-in modules that load or evaluate code given as data: as good as a computed import. */
const CODE_LOADERS = new Set(['vm', 'module', 'repl', 'inspector']);

/** Scans `entry` and the local files it imports, transitively. */
export function scanImports(entry: string, repoRoot: string): ImportScan {
  const scan: ImportScan = { imports: [], files: [], copied: [], dynamic: [] };
  // Files reached through a forbidden import still have to run when the instructor allows it,
  // but what *they* import is not the learner's doing.
  const queue: Array<{ file: string; learners: boolean }> = [{ file: entry, learners: true }];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { file, learners } = queue.shift() as { file: string; learners: boolean };
    if (seen.has(file)) continue;
    seen.add(file);
    scan.files.push(file);
    if (!/\.[cm]?[tj]sx?$/.test(file)) continue;
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const found of specifiersOf(file, source)) {
      const specifier = found.specifier;
      const verdict = specifier === undefined ? {} : classify(specifier, file, repoRoot);
      if (verdict.local) queue.push({ file: verdict.local, learners: learners && !verdict.copied });
      if (!learners) continue;
      if (specifier === undefined) {
        scan.dynamic.push(`${relative(dirname(entry), file) || file}:${found.line}: ${found.text}`);
        continue;
      }
      if (!scan.imports.includes(specifier)) scan.imports.push(specifier);
      if (verdict.copied && !scan.copied.includes(verdict.copied)) scan.copied.push(verdict.copied);
      if (CODE_LOADERS.has(specifier.replace(/^node:/, ''))) {
        scan.dynamic.push(`${relative(dirname(entry), file) || file}:${found.line}: imports ${specifier}, which runs code no scan can see`);
      }
    }
  }
  return scan;
}

interface Found {
  /** The literal module name, or undefined when it is computed. */
  specifier?: string;
  line: number;
  /** The code, for a dynamic load. */
  text: string;
}

/** Every runtime import of `source` (type-only ones do not load code). */
function specifiersOf(file: string, source: string): Found[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const at = (node: ts.Node) => tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
  const text = (node: ts.Node) => node.getText(tree).replace(/\s+/g, ' ').slice(0, 80);
  const literal = (node: ts.Node | undefined) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const specifier = literal(node.moduleSpecifier);
      if (specifier !== undefined) found.push({ specifier, line: at(node), text: text(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      const specifier = literal(node.moduleSpecifier);
      if (specifier !== undefined) found.push({ specifier, line: at(node), text: text(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && !node.isTypeOnly) {
      found.push({ specifier: literal(node.moduleReference.expression), line: at(node), text: text(node) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) {
        found.push({ specifier: literal(node.arguments[0]), line: at(node), text: text(node) });
      } else if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'Function')) {
        found.push({ line: at(node), text: text(node) });
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
      found.push({ line: at(node), text: text(node) });
    } else if (ts.isIdentifier(node) && isSuspiciousIdentifier(node)) {
      found.push({ line: at(node), text: text(node.parent ?? node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** `require` used other than as a call (aliased, `require.cache`, `module.require`), or `createRequire`. */
function isSuspiciousIdentifier(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (node.text === 'createRequire' || node.text === 'mainModule') return true;
  if (node.text !== 'require') return false;
  if (ts.isCallExpression(parent) && parent.expression === node) return false;
  if (ts.isExternalModuleReference(parent)) return false;
  // a property or a declaration merely named `require` is not the loader
  if ((ts.isPropertyAccessExpression(parent) && parent.name === node && !(ts.isIdentifier(parent.expression) && parent.expression.text === 'module'))) return false;
  if ((ts.isMethodDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  return true;
}

interface Verdict {
  /** Why this import copies, if it does. */
  copied?: string;
  /** The local file it loads, if it is one. */
  local?: string;
}

function classify(specifier: string, from: string, repoRoot: string): Verdict {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const resolved = resolveLocal(resolve(dirname(from), specifier));
    const path = resolved ?? resolve(dirname(from), specifier);
    const inRepo = relative(repoRoot, path);
    for (const folder of FORBIDDEN_FOLDERS) {
      if (inRepo === folder || inRepo.startsWith(folder + sep)) {
        const shown = inRepo.replace(/\.[cm]?[tj]sx?$/, '').split(sep).join('/');
        return { copied: folder === 'lib' ? `imports the course library (${shown})` : `imports ${shown}`, local: resolved };
      }
    }
    return { local: resolved };
  }
  const bare = specifier.replace(/^node:/, '');
  if (BUILTINS.has(bare) || BUILTINS.has(bare.split('/')[0])) return {};
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  if (name === COURSE_PACKAGE) return { copied: `imports the course library (${specifier})` };
  if (CACHE_PACKAGES.includes(name)) return { copied: `imports ${name} (a cache package)` };
  return {};
}

/** The file a relative import loads, trying the extensions and `index` files Node and TypeScript try. */
export function resolveLocal(path: string): string | undefined {
  const isFile = (candidate: string) => existsSync(candidate) && statSync(candidate).isFile();
  if (isFile(path)) return path;
  const base = path.replace(/\.[cm]?js$/, '');
  for (const extension of SOURCE_EXTENSIONS) if (isFile(base + extension)) return base + extension;
  for (const extension of SOURCE_EXTENSIONS) if (isFile(join(path, `index${extension}`))) return join(path, `index${extension}`);
  return undefined;
}
