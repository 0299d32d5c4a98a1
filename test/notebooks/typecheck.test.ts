import { expect } from 'chai';
import { basename, join } from 'path';
import { typecheckNotebook } from '../support/notebook-typecheck';
import { Notebook, listNotebooks, notebooksDir, readNotebook } from '../support/notebooks';

function codeNotebook(...sources: string[]): Notebook {
  return {
    cells: sources.map((source) => ({ cell_type: 'code', source, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: 'tslab' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

describe('notebooks: code cells type-check under strict settings', function () {
  this.timeout(120_000);

  it('catches a strict-only error (implicit any) and names its cell and line', () => {
    const probe = codeNotebook("import { ManualClock } from 'cachecraft';\nconst clock = new ManualClock();", 'function twice(x) {\n  return x * 2;\n}');
    const errors = typecheckNotebook(probe, join(notebooksDir, 'probe.ipynb'));
    expect(errors).to.have.length.greaterThan(0);
    expect(errors[0]).to.include({ cell: 1, line: 1 });
    expect(errors[0]?.message).to.match(/implicitly has an 'any' type/);
  });

  it('accepts top-level await and library imports across cells', () => {
    const probe = codeNotebook("import { ManualClock } from 'cachecraft';", 'const clock = new ManualClock(1);\nawait Promise.resolve(clock.now());');
    expect(typecheckNotebook(probe, join(notebooksDir, 'probe.ipynb'))).to.deep.equal([]);
  });

  for (const path of listNotebooks()) {
    it(basename(path), () => {
      const errors = typecheckNotebook(readNotebook(path), path);
      const report = errors.map((error) => `cell ${error.cell}, line ${error.line}: ${error.message}`).join('\n');
      expect(errors, report).to.deep.equal([]);
    });
  }
});
