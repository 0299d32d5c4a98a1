import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { scanImports } from '../../scripts/grader/learner-imports';
import { REPO } from './grading';

describe('grader self-check: the import scan behind the originality rule', () => {
  let dir: string;
  const scan = (source: string, helpers: Record<string, string> = {}) => {
    for (const [name, text] of Object.entries(helpers)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'lru-cache.ts'), source);
    return scanImports(join(dir, 'lru-cache.ts'), REPO);
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cachecraft-scan-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists runtime imports as written and ignores type-only ones', () => {
    const result = scan(`import type { X } from 'lru-cache';\nimport { randomUUID } from 'crypto';\nexport type { Y } from 'mnemonist';\nconst fs = require('fs');\nexport {};\n`);
    expect(result.imports).to.deep.equal(['crypto', 'fs']);
    expect(result.copied).to.deep.equal([]);
    expect(result.dynamic).to.deep.equal([]);
  });

  it('flags the solutions, the course library and cache packages, however they are imported', () => {
    const result = scan(
      [
        `export * from '${join(REPO, 'solutions', 'lru-cache')}';`,
        `import { LRUCache } from 'cachecraft';`,
        `const q = require('quick-lru');`,
        `import('@isaacs/ttlcache');`,
        `import x = require('mnemonist/lru-cache');`,
        `export { LRUCache, q, x };`,
      ].join('\n'),
    );
    expect(result.copied).to.deep.equal([
      'imports solutions/lru-cache',
      'imports the course library (cachecraft)',
      'imports quick-lru (a cache package)',
      'imports @isaacs/ttlcache (a cache package)',
      'imports mnemonist (a cache package)',
    ]);
  });

  it("follows the learner's own helper files, and flags what they import", () => {
    mkdirSync(join(dir, 'util'));
    writeFileSync(join(dir, 'util', 'index.ts'), `export { LRUCache } from '${join(REPO, 'lib', 'core', 'lru-cache')}';\n`);
    const result = scan(`import { helper } from './helper';\nexport const x = helper;\n`, { 'helper.ts': `import './util';\nexport const helper = 1;\n` });
    const own = result.files.filter((f) => f.startsWith(dir)).map((f) => f.slice(dir.length + 1));
    expect(own).to.deep.equal(['lru-cache.ts', 'helper.ts', 'util/index.ts']);
    expect(result.copied).to.deep.equal(['imports the course library (lib/core/lru-cache)']);
  });

  it('flags loading by a computed name and evaluating strings as dynamic', () => {
    const result = scan(
      ['const name = "lru" + "-cache";', 'require(name);', 'import(name);', 'const r = require;', 'eval("1");', 'new Function("return 1");', "import * as vm from 'vm';", 'export { r, vm };'].join('\n'),
    );
    expect(result.dynamic.map((d) => d.replace(/^lru-cache\.ts:\d+: /, ''))).to.deep.equal([
      'require(name)',
      'import(name)',
      'r = require',
      'eval("1")',
      'new Function("return 1")',
      "imports vm, which runs code no scan can see",
    ]);
  });
});
