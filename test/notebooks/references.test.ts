import { expect } from 'chai';
import { join } from 'path';
import { cellSource, notebooksDir, readNotebook } from '../support/notebooks';

/**
 * Further reading is cited where its idea is taught (issue 11 §3): each reference below must
 * appear in the Markdown of every chapter listed for it. Add a row when a chapter teaches from
 * a new source.
 */
const REFERENCES: Array<{ reference: RegExp; chapters: string[] }> = [
  { reference: /Bélády.*1966/, chapters: ['07-hit-rate-simulation'] },
  { reference: /LIRS.*SIGMETRICS 2002/, chapters: ['06-lfu', '07-hit-rate-simulation'] },
  { reference: /ARC: A Self-Tuning, Low Overhead Replacement Cache.*FAST 2003/, chapters: ['06-lfu', '07-hit-rate-simulation'] },
  { reference: /TinyLFU: A Highly Efficient Cache Admission Policy.*2017/, chapters: ['06-lfu', '07-hit-rate-simulation'] },
  { reference: /S3-FIFO.*SOSP 2023/, chapters: ['07-hit-rate-simulation'] },
  { reference: /SIEVE.*NSDI 2024/, chapters: ['07-hit-rate-simulation'] },
  { reference: /Che, Tung and Wang/, chapters: ['07-hit-rate-simulation'] },
  { reference: /Vattani, Chierichetti and Lowenstein.*VLDB 2015/, chapters: ['09-stampede'] },
  { reference: /Kleppmann, "How to do distributed locking", 2016/, chapters: ['09-stampede'] },
  { reference: /Scaling Memcache at Facebook", NSDI 2013/, chapters: ['02-patterns', '09-stampede'] },
  { reference: /https:\/\/redis\.io\/docs\/latest\/commands\/set\//, chapters: ['09-stampede'] },
  { reference: /https:\/\/redis\.io\/docs\/latest\/commands\/eval\//, chapters: ['02-patterns'] },
  { reference: /https:\/\/redis\.io\/docs\/latest\/develop\/reference\/eviction\//, chapters: ['00-start-here', '06-lfu'] },
  { reference: /https:\/\/redis\.io\/docs\/latest\/commands\/expire\//, chapters: ['04-ttl'] },
  { reference: /Deterministic hash tables/, chapters: ['05-lru'] },
];

function markdownOf(chapter: string): string {
  return readNotebook(join(notebooksDir, `${chapter}.ipynb`))
    .cells.filter((cell) => cell.cell_type === 'markdown')
    .map(cellSource)
    .join('\n');
}

describe('notebooks: references are cited where their idea is taught', () => {
  for (const { reference, chapters } of REFERENCES) {
    for (const chapter of chapters) {
      it(`${chapter} cites ${reference.source}`, () => {
        expect(markdownOf(chapter)).to.match(reference);
      });
    }
  }

  it('every chapter owned by this table has a "Further reading" section', () => {
    const chapters = [...new Set(REFERENCES.flatMap((row) => row.chapters))];
    for (const chapter of chapters) expect(markdownOf(chapter), chapter).to.match(/#+ Further reading/);
  });
});
