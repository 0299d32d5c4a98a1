import type { Browser, Page } from 'playwright-core';
import { allCellsFinished, allPlotsDrawn, closeAndHalt, kernelReady, kernelTrouble, notebookHeight, PageCell, readCodeCells, recordReplies } from './live-notebook-page';

/** What a learner saw after opening one notebook in the live Notebook UI and running all cells. */
export interface LiveRun {
  notebook: string;
  /** Wall time from clicking Run All to the last cell finishing (or the timeout). */
  seconds: number;
  /** False when some cell was still running when the timeout hit, or the kernel died. */
  finished: boolean;
  /** False when some chart was still not drawn 15 s after the last cell finished. */
  plotsSettled: boolean;
  cells: PageCell[];
  /** The kernel dying or restarting during the run (empty when it stayed up). */
  kernelTrouble: string[];
  /** `console.error` messages and uncaught page errors, from opening the notebook on. */
  consoleErrors: string[];
  screenshot?: string;
}

/** Where the Notebook server is. */
export interface NotebookServerAddress {
  baseUrl: string;
  token: string;
}

/** A notebook open in its own tab, its kernel started and ready, nothing run yet. */
export interface OpenNotebook {
  notebook: string;
  page: Page;
  consoleErrors: string[];
}

/**
 * Opens `/notebooks/<notebook>` (a path relative to the server's notebook dir) in a fresh tab
 * and waits until its kernel has started and answered, as a learner waits for the kernel
 * indicator before running anything. Console errors are recorded from the first byte on.
 */
export async function openNotebookInLiveUi(browser: Browser, server: NotebookServerAddress, notebook: string): Promise<OpenNotebook> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  try {
    await page.goto(`${server.baseUrl}/notebooks/${notebook.split('/').map(encodeURIComponent).join('/')}?token=${server.token}`, { waitUntil: 'load' });
    await page.waitForFunction(kernelReady, undefined, { timeout: 90_000, polling: 100 });
    await page.evaluate(recordReplies);
    return { notebook, page, consoleErrors };
  } catch (error) {
    await page.close();
    throw error;
  }
}

/** How long the page keeps listening after the kernel went idle, for output that comes late. */
const lateOutputMs = 2_000;

/** Clicks Cell → Run All in the menu bar, as a learner does. */
async function clickRunAll(page: Page): Promise<void> {
  await page.click('#celllink');
  await page.click('#run_all_cells > a');
}

/** Grows the window to the whole notebook (classic Notebook scrolls inside `#site`) and captures it. */
async function screenshotWholeNotebook(page: Page, path: string): Promise<void> {
  // Chromium cannot capture much beyond 16k pixels in one image.
  const height = Math.min(await page.evaluate(notebookHeight), 16_000);
  await page.setViewportSize({ width: 1280, height: Math.max(height, 900) });
  await page.waitForTimeout(300); // the Notebook re-lays out #site on resize
  await page.screenshot({ path });
}

/**
 * Runs every cell of an open notebook through the Cell → Run All menu, waits until no cell is
 * queued or running and the kernel is idle (or `timeoutMs` passes), lets the charts draw, reads
 * each code cell, takes a screenshot and closes the tab with the kernel halted. Nothing is
 * saved (the server serves a scratch copy anyway).
 */
export async function runAllInLiveUi(open: OpenNotebook, options: { timeoutMs: number; screenshotPath?: string }): Promise<LiveRun> {
  const { page } = open;
  try {
    const started = Date.now();
    await clickRunAll(page);
    const finished = await page
      .waitForFunction(allCellsFinished, undefined, { timeout: options.timeoutMs, polling: 250 })
      .then(() => true)
      .catch(() => false);
    const seconds = (Date.now() - started) / 1000;
    // A chart's script waits for Plotly to load before drawing, so give it a moment after idle.
    // Output can also arrive after the last reply (an ioredis client retrying a stopped server
    // writes to stderr on its own schedule): the learner sees it, nbclient has stopped listening.
    const [plotsSettled] = await Promise.all([
      page
        .waitForFunction(allPlotsDrawn, undefined, { timeout: 15_000, polling: 250 })
        .then(() => true)
        .catch(() => false),
      page.waitForTimeout(lateOutputMs),
    ]);
    const cells = await page.evaluate(readCodeCells);
    const trouble = await page.evaluate(kernelTrouble);
    if (options.screenshotPath) await screenshotWholeNotebook(page, options.screenshotPath);
    await page.evaluate(closeAndHalt).catch(() => undefined);
    return { notebook: open.notebook, seconds, finished: finished && trouble.length === 0, plotsSettled, cells, kernelTrouble: trouble, consoleErrors: open.consoleErrors, screenshot: options.screenshotPath };
  } finally {
    await page.close();
  }
}
