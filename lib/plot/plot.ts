import { randomBytes } from 'crypto';
import { plotlyBundleHtml } from './plotly-bundle';
import { PlotSpec } from './plot-spec';
import { validatePlotSpec } from './validate-plot-spec';

/** Options for {@link plotHtml}. */
export interface PlotHtmlOptions {
  /** Prepend the Plotly bundle (≈ 4.8 MB) so the HTML works on its own (default false). */
  includeBundle?: boolean;
  /** The chart div's id (default: random, so re-run cells never collide with old outputs). */
  id?: string;
}

/** Options for {@link plot}. */
export interface PlotOptions {
  /** Where the HTML goes (default: tslab's `display.html`). Injected by tests. */
  display?: (html: string) => void;
}

/** Plotly's JSON for a spec: data, layout (titles always as `{ text }`, as plotly.js 3 requires) and config. */
export function plotlyFigure(spec: PlotSpec): { data: unknown[]; layout: Record<string, unknown>; config: Record<string, unknown> } {
  validatePlotSpec(spec);
  const data = spec.traces.map((trace) => ({
    name: trace.name,
    x: trace.x,
    y: trace.y,
    type: trace.type ?? 'scatter',
    ...((trace.type ?? 'scatter') === 'scatter' ? { mode: trace.mode ?? 'lines+markers', line: { dash: trace.dash ?? 'solid' } } : {}),
  }));
  const axis = (title: string, type: string | undefined, range: readonly [number, number] | undefined): Record<string, unknown> => ({
    title: { text: title },
    ...(type === undefined ? {} : { type }),
    ...(range === undefined ? {} : { range: [...range] }),
    automargin: true,
  });
  return {
    data,
    layout: {
      title: { text: spec.title },
      xaxis: axis(spec.xTitle, spec.xType, spec.xRange),
      yaxis: axis(spec.yTitle, spec.yType, spec.yRange),
      barmode: spec.barMode ?? 'group',
      height: spec.height ?? 420,
      margin: { t: 60, r: 20 },
      legend: { orientation: 'h', y: -0.25 },
    },
    config: { responsive: true, displaylogo: false },
  };
}

/**
 * The HTML of one interactive chart: a `<div class="cachecraft-plot" data-traces="N">` and a
 * script that draws into it with `Plotly.newPlot`. The script waits (up to 10 s) for
 * `window.Plotly`, so it also works when the bundle arrives in an earlier output, and says
 * what to do in the div if it never does. The class and `data-traces` let a headless-browser
 * test check that every chart rendered all its series.
 */
export function plotHtml(spec: PlotSpec, options: PlotHtmlOptions = {}): string {
  const figure = plotlyFigure(spec);
  const id = options.id ?? `cachecraft-plot-${randomBytes(6).toString('hex')}`;
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new RangeError(`options.id must be a simple HTML id, got ${JSON.stringify(id)}`);
  // JSON may hold "</script>" inside a title; \u003c keeps the script element intact.
  const json = JSON.stringify(figure).replace(/</g, '\\u003c');
  const height = spec.height ?? 420;
  const chart = [
    `<div id="${id}" class="cachecraft-plot" data-traces="${spec.traces.length}" style="width:100%;min-height:${height}px;"></div>`,
    '<script type="text/javascript">',
    '(function () {',
    `  var figure = ${json};`,
    '  var tries = 0;',
    '  function draw() {',
    `    var div = document.getElementById(${JSON.stringify(id)});`,
    '    if (!div) return;',
    '    if (window.Plotly) { window.Plotly.newPlot(div, figure.data, figure.layout, figure.config); return; }',
    '    if (++tries < 100) { setTimeout(draw, 100); return; }',
    "    div.textContent = 'Plotly did not load: restart the kernel and run all cells (the first chart of a session carries the Plotly library).';",
    '  }',
    '  draw();',
    '})();',
    '</script>',
  ].join('\n');
  return options.includeBundle ? `${plotlyBundleHtml()}\n${chart}` : chart;
}

let bundleShown = false;

/**
 * Displays an interactive chart in a tslab notebook. The first chart of a kernel session
 * carries the Plotly bundle (offline, no CDN); later charts reuse the `window.Plotly` it
 * defined. Returns nothing, so a call as a cell's last line does not also print the HTML;
 * use {@link plotHtml} to get the HTML.
 *
 * @example
 * plot({ title: 'Hit ratio', xTitle: 'cache size (entries)', yTitle: 'hit ratio (%)',
 *        traces: [{ name: 'LRU', x: [100, 200], y: [40, 55] }] });
 */
export function plot(spec: PlotSpec, options: PlotOptions = {}): void {
  const display = options.display ?? tslabDisplay();
  display(plotHtml(spec, { includeBundle: !bundleShown }));
  bundleShown = true;
}

/** Makes the next {@link plot} carry the bundle again (e.g. after the page was reloaded). */
export function resetPlotBundle(): void {
  bundleShown = false;
}

function tslabDisplay(): (html: string) => void {
  // Loaded lazily: tslab brings its own TypeScript, which plain library users should not pay for.
  const tslab = require('tslab') as typeof import('tslab');
  return (html) => {
    try {
      tslab.display.html(html);
    } catch (error) {
      throw new Error(`plot() displays charts in a tslab notebook; elsewhere use plotHtml(). (${(error as Error).message})`);
    }
  };
}
