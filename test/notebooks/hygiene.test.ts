import { expect } from 'chai';
import { basename } from 'path';
import { cellSource, listNotebooks, readNotebook } from '../support/notebooks';

describe('notebooks: committed hygiene', () => {
  const notebooks = listNotebooks();

  it('includes the start-here notebook', () => {
    expect(notebooks.map((path) => basename(path))).to.include('00-start-here.ipynb');
  });

  for (const path of notebooks) {
    describe(basename(path), () => {
      const notebook = readNotebook(path);

      it('is nbformat 4 with the TypeScript (tslab) kernel', () => {
        expect(notebook.nbformat).to.equal(4);
        expect(notebook.metadata.kernelspec?.name).to.equal('tslab');
      });

      it('carries no outputs or execution counts', () => {
        const dirty = notebook.cells
          .map((cell, index) => ({ cell, index }))
          .filter(({ cell }) => cell.cell_type === 'code' && ((cell.outputs ?? []).length > 0 || cell.execution_count != null))
          .map(({ index }) => index);
        expect(dirty, `cells with outputs; strip them with: jupyter nbconvert --clear-output --inplace ${path}`).to.deep.equal([]);
      });

      it('imports the library as `cachecraft`, never by a relative path out of notebooks/', () => {
        const offenders = notebook.cells
          .filter((cell) => cell.cell_type === 'code')
          .map(cellSource)
          .filter((source) => /from\s+['"]\.\.\//.test(source) || /require\(\s*['"]\.\.\//.test(source));
        expect(offenders).to.deep.equal([]);
      });

      it('opens with a title and ends with what to try next', () => {
        const markdown = notebook.cells.filter((cell) => cell.cell_type === 'markdown').map(cellSource);
        expect(markdown[0] ?? '', 'first markdown cell').to.match(/^# /);
        expect(markdown.join('\n'), 'a "What to try next" section').to.match(/#+ .*(try next|Next steps)/i);
      });
    });
  }
});
