import { existsSync } from 'fs';
import { chromium, Browser, Page } from 'playwright-core';

// These callbacks run in the page, where `document` exists; the test project has no DOM lib.
declare const document: { querySelectorAll(selector: string): ArrayLike<unknown> };

/** Where Debian's chromium lives; CHROMIUM_PATH overrides. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

/**
 * Launches headless Chromium with the flags this sandbox needs (no sandbox as root, no
 * background network traffic that the closed network would refuse).
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the page says about one chart container. */
export interface RenderedChart {
  index: number;
  expectedTraces: number;
  renderedTraces: number;
  hasPlotlyRoot: boolean;
}

/** What a page shows: its charts, and whether require.js (AMD) was loaded as in classic Notebook. */
export interface RenderedPage {
  charts: RenderedChart[];
  /** True when `window.define.amd` exists: the environment where a UMD bundle hides from `window`. */
  amdLoaded: boolean;
}

/**
 * Opens an exported notebook page and waits until every `.cachecraft-plot` container has been
 * drawn by Plotly (`_fullData` is set on the graph div once Plotly has laid it out).
 * `prepare` runs before the page loads, e.g. to block the network or collect console errors.
 */
export async function inspectCharts(
  browser: Browser,
  url: string,
  screenshotPrefix?: string,
  prepare?: (page: Page) => Promise<void> | void,
): Promise<RenderedPage> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await prepare?.(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page
      .waitForFunction(
        () =>
          Array.from(document.querySelectorAll('.cachecraft-plot')).every(
            (div) => (div as { _fullData?: unknown[] })._fullData !== undefined,
          ),
        undefined,
        { timeout: 15_000 },
      )
      .catch(() => undefined);
    const charts = await page.$$eval('.cachecraft-plot', (divs) =>
      divs.map((div, index) => ({
        index,
        expectedTraces: Number(div.getAttribute('data-traces') ?? '0'),
        renderedTraces: ((div as unknown as { _fullData?: unknown[] })._fullData ?? []).length,
        hasPlotlyRoot: div.classList.contains('js-plotly-plot') || div.querySelector('.js-plotly-plot') !== null,
      })),
    );
    const amdLoaded = await page.evaluate(
      () => typeof (globalThis as { define?: { amd?: unknown } }).define?.amd === 'object',
    );
    if (screenshotPrefix) {
      const handles = await page.$$('.cachecraft-plot');
      for (const [index, handle] of handles.entries()) {
        await handle.scrollIntoViewIfNeeded();
        await handle.screenshot({ path: `${screenshotPrefix}-${index + 1}.png` });
      }
    }
    if (pageErrors.length > 0 && charts.some((chart) => chart.renderedTraces === 0)) {
      throw new Error(`page errors while rendering ${url}:\n${pageErrors.join('\n')}`);
    }
    return { charts, amdLoaded };
  } finally {
    await page.close();
  }
}
