import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { plotlyBundleSource } from '../../lib/plot/plotly-bundle';
import { chromiumPath, inspectCharts, launchChromium } from '../support/chromium';
import { expectedChartCalls, listNotebooks } from '../support/notebooks';
import { requireProgram } from '../support/services';

interface ExportResult {
  ok: boolean;
  out: string;
  failures: string[];
  chapters: Array<{ file: string; page: string; title: string; summary: string }>;
  seconds: number;
  bytes: number;
}
// The CommonJS script behind `npm run export`, driven directly so the test controls mode and folder.
const site = require('../../scripts/export-site.js') as { exportSite(options: { quick?: boolean; out?: string; log?: (line: string) => void }): Promise<ExportResult> };
const runner = require('../../scripts/jupyter/notebook-runner.js') as { findNotebookPython(): string | undefined };

describe('npm run export: the static site, offline in headless Chromium', function () {
  this.timeout(1_800_000);
  let result: ExportResult;
  let browser: Browser | undefined;
  const out = mkdtempSync(join(tmpdir(), 'cachecraft-site-'));

  before(async function () {
    requireProgram(this, 'Jupyter with nbclient/nbconvert', runner.findNotebookPython() !== undefined, 'install it with `sudo apt-get install jupyter-notebook python3-nbconvert jupyter-nbconvert`.');
    const executable = chromiumPath();
    requireProgram(this, 'Chromium', executable !== undefined, 'install it with `sudo apt-get install chromium`.');
    result = await site.exportSite({ quick: true, out, log: () => undefined });
    console.log(`      site built in ${result.seconds} s (quick mode), ${(result.bytes / 1e6).toFixed(1)} MB`);
    browser = await launchChromium(executable as string);
  });
  after(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('executes every notebook and writes one page per chapter plus an index', () => {
    expect(result.failures, result.failures.join('\n\n')).to.deep.equal([]);
    const notebooks = listNotebooks();
    expect(result.chapters.map((c) => c.page)).to.deep.equal(notebooks.map((file) => `${basename(file, '.ipynb')}.html`));
    for (const chapter of result.chapters) {
      expect(existsSync(join(out, chapter.page)), chapter.page).to.equal(true);
      expect(chapter.title, `title of ${chapter.page}, from its first heading`).to.have.length.greaterThan(3).and.not.equal(chapter.page.replace(/\.html$/, ''));
      expect(chapter.summary.length, `summary of ${chapter.page}: "${chapter.summary}"`).to.be.within(20, 400);
    }
  });

  it('links every chapter from the index, with its title and summary, and every link resolves', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...index.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).to.deep.equal(result.chapters.map((c) => c.page));
    for (const link of links) expect(existsSync(join(out, link)), link).to.equal(true);
    for (const chapter of result.chapters) expect(index).to.include(chapter.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  });

  for (const page of ['index.html', ...listNotebooks().map((file) => `${basename(file, '.ipynb')}.html`)]) {
    it(`${page} loads offline, without console errors, and draws every chart`, async () => {
      const attempted: string[] = [];
      const consoleErrors: string[] = [];
      const rendered = await inspectCharts(browser as Browser, pathToFileURL(join(out, page)).href, undefined, async (tab) => {
        await tab.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
          attempted.push(url);
          return route.abort();
        });
        tab.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        tab.on('pageerror', (error) => consoleErrors.push(error.message));
      });
      expect(attempted, 'requests to the network').to.deep.equal([]);
      expect(consoleErrors, 'console errors').to.deep.equal([]);
      const notebook = listNotebooks().find((file) => `${basename(file, '.ipynb')}.html` === page);
      const expected = notebook ? expectedChartCalls(notebook) : 0;
      expect(rendered.charts.length, 'charts on the page').to.be.at.least(expected);
      for (const chart of rendered.charts) {
        expect(chart.hasPlotlyRoot, `chart ${chart.index + 1} was not drawn by Plotly`).to.equal(true);
        expect(chart.renderedTraces, `chart ${chart.index + 1} traces`).to.equal(chart.expectedTraces).and.be.greaterThan(0);
      }
      if (page !== 'index.html') {
        const html = readFileSync(join(out, page), 'utf8');
        expect(html, 'link back to the chapter list').to.include('href="index.html"');
        expect(html.includes(plotlyBundleSource().slice(0, 300)), 'an inline copy of the Plotly bundle (the site shares assets/plotly.min.js)').to.equal(false);
      }
    });
  }
});
