import { expect } from 'chai';
import { basename } from 'path';
import { Notebook, cellSource, listNotebooks, readNotebook } from '../support/notebooks';

/**
 * The course's "predict before running" convention, machine-checked (issue 11 §2):
 * a Markdown cell starting with `**Predict.**`, immediately followed by a code cell whose first
 * line starts with `// Your guess:`, then at least one code cell that measures, then a Markdown
 * cell starting with `**Reveal.**`. Every chapter has at least two, and ends with "What to try next".
 */
export const MIN_PREDICTIONS = 2;

/** One complete Predict → guess → measure → Reveal sequence, by cell index. */
export interface Prediction {
  predict: number;
  guess: number;
  reveal: number;
}

/** Finds the complete predictions of a notebook, and describes every incomplete one. */
export function findPredictions(notebook: Notebook): { complete: Prediction[]; problems: string[] } {
  const cells = notebook.cells.map((cell) => ({ type: cell.cell_type, text: cellSource(cell).trimStart() }));
  const complete: Prediction[] = [];
  const problems: string[] = [];
  cells.forEach((cell, index) => {
    if (cell.type !== 'markdown' || !cell.text.startsWith('**Predict.**')) return;
    const guess = cells[index + 1];
    if (guess?.type !== 'code' || !guess.text.split('\n', 1)[0].startsWith('// Your guess:')) {
      problems.push(`cell ${index}: a Predict cell must be followed at once by a code cell starting with "// Your guess:"`);
      return;
    }
    const reveal = cells.findIndex((c, i) => i > index + 1 && c.type === 'markdown');
    if (reveal < 0 || !cells[reveal].text.startsWith('**Reveal.**')) {
      problems.push(`cell ${index}: the first Markdown cell after the guess must start with "**Reveal.**"`);
      return;
    }
    if (!cells.slice(index + 2, reveal).some((c) => c.type === 'code')) {
      problems.push(`cell ${index}: no code cell measures the prediction between the guess and the Reveal`);
      return;
    }
    complete.push({ predict: index, guess: index + 1, reveal });
  });
  return { complete, problems };
}

describe('notebooks: learners predict before running (issue 11 §2)', () => {
  it('the checker recognises a complete prediction and rejects a Reveal without measurement', () => {
    const md = (source: string) => ({ cell_type: 'markdown' as const, source });
    const code = (source: string) => ({ cell_type: 'code' as const, source, outputs: [], execution_count: null });
    const good: Notebook = { cells: [md('**Predict.** How many?'), code('// Your guess:\nconst g = 1;'), code('console.log(2);'), md('**Reveal.** Two.')], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    expect(findPredictions(good).complete).to.have.length(1);
    const noMeasure: Notebook = { ...good, cells: [good.cells[0], good.cells[1], good.cells[3]] };
    expect(findPredictions(noMeasure).complete).to.have.length(0);
    expect(findPredictions(noMeasure).problems[0]).to.match(/no code cell measures/);
  });

  // The list comes from the folder, so a new chapter is checked as soon as it exists.
  for (const path of listNotebooks()) {
    const name = basename(path);
    it(`${name}: at least ${MIN_PREDICTIONS} Predict / guess / Reveal sequences, and "What to try next"`, () => {
      const notebook = readNotebook(path);
      const { complete, problems } = findPredictions(notebook);
      expect(problems, problems.join('\n')).to.deep.equal([]);
      expect(complete.length, `complete predictions in ${name}`).to.be.at.least(MIN_PREDICTIONS);
      const markdown = notebook.cells.filter((cell) => cell.cell_type === 'markdown').map(cellSource).join('\n');
      expect(markdown).to.match(/#+ What to try next/);
    });
  }
});
