import { expect } from 'chai';
import { runInNewContext } from 'vm';
import { plot, plotHtml, plotlyFigure, resetPlotBundle } from '../../../lib/plot/plot';
import { PlotSpec } from '../../../lib/plot/plot-spec';
import { plotlyBundleHtml, scriptWithoutAmd } from '../../../lib/plot/plotly-bundle';

const spec: PlotSpec = {
  title: 'Hit ratio by size',
  xTitle: 'cache size (entries)',
  yTitle: 'hit ratio (%)',
  traces: [
    { name: 'LRU', x: [100, 200], y: [10, 20] },
    { name: 'OPT', x: [100, 200], y: [30, 40], dash: 'dash' },
  ],
};

/** Runs the chart's inline script against a fake page and returns what reached Plotly.newPlot. */
function drawInFakePage(html: string, id: string): { div: unknown; data: unknown; layout: { [key: string]: unknown } } {
  const script = /<script type="text\/javascript">\n\(function[\s\S]*?<\/script>/.exec(html);
  expect(script, 'chart script').to.not.equal(null);
  const div = { id };
  const calls: Array<{ div: unknown; data: unknown; layout: { [key: string]: unknown } }> = [];
  const window = { Plotly: { newPlot: (d: unknown, data: unknown, layout: { [key: string]: unknown }) => calls.push({ div: d, data, layout }) } };
  const document = { getElementById: (wanted: string) => (wanted === id ? div : null) };
  runInNewContext(script![0].replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''), { window, document, setTimeout });
  expect(calls).to.have.length(1);
  expect(calls[0].div).to.equal(div);
  return calls[0];
}

describe('plotHtml', () => {
  it('marks the chart div with a class and the number of series, for the browser test', () => {
    const html = plotHtml(spec, { id: 'chart-1' });
    expect(html).to.contain('<div id="chart-1" class="cachecraft-plot" data-traces="2"');
    expect(html).to.contain('Plotly.newPlot');
  });

  it('draws the spec with axis titles as { text } objects (plotly.js 3)', () => {
    const call = drawInFakePage(plotHtml(spec, { id: 'chart-2' }), 'chart-2');
    expect(call.layout.xaxis).to.deep.include({ title: { text: 'cache size (entries)' } });
    expect(call.layout.yaxis).to.deep.include({ title: { text: 'hit ratio (%)' } });
    expect(call.data).to.have.length(2);
  });

  it('keeps a hostile title from closing the script', () => {
    const html = plotHtml({ ...spec, title: '</script><b>x' }, { id: 'chart-3' });
    expect(html.match(/<\/script>/g)).to.have.length(1);
    expect(drawInFakePage(html, 'chart-3').layout.title).to.deep.equal({ text: '</script><b>x' });
  });

  it('uses a fresh random id by default', () => {
    const ids = [plotHtml(spec), plotHtml(spec)].map((html) => /id="([^"]+)"/.exec(html)![1]);
    expect(ids[0]).to.match(/^cachecraft-plot-[0-9a-f]{12}$/);
    expect(ids[0]).to.not.equal(ids[1]);
  });

  it('embeds the offline bundle only when asked, with require.js define hidden', () => {
    expect(plotHtml(spec)).to.not.contain('__cachecraftDefine');
    const bundled = plotHtml(spec, { includeBundle: true });
    expect(bundled.indexOf('window.define = undefined')).to.be.lessThan(bundled.indexOf('Plotly.newPlot'));
    expect(bundled).to.contain('window.define = __cachecraftDefine');
    expect(bundled.length).to.be.greaterThan(1_000_000);
  });

  it('a UMD bundle sets window.Plotly even where require.js defines `define` (classic Notebook)', () => {
    // A typical UMD header: AMD first, then CommonJS, then a browser global.
    const fakeUmd =
      "(function (root, factory) { if (typeof define === 'function' && define.amd) { define([], factory); } " +
      "else if (typeof module === 'object' && module.exports) { module.exports = factory(); } else { root.Plotly = factory(); } })" +
      "(this, function () { return { newPlot: function () {} }; });";
    const script = scriptWithoutAmd(fakeUmd).replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    const registered: unknown[] = [];
    const define = Object.assign((...args: unknown[]) => registered.push(args), { amd: {} });
    const page: { [key: string]: unknown } = { define };
    page.window = page;
    runInNewContext(script, page);
    expect(registered, 'AMD registrations').to.deep.equal([]);
    expect(typeof (page.Plotly as { newPlot?: unknown } | undefined)?.newPlot).to.equal('function');
    expect(page.define, 'define restored').to.equal(define);
  });

  it('restores define even when the bundle throws', () => {
    const define = (): void => undefined;
    const page: { [key: string]: unknown } = { define };
    page.window = page;
    const script = scriptWithoutAmd("throw new Error('boom');").replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    expect(() => runInNewContext(script, page)).to.throw(/boom/);
    expect(page.define).to.equal(define);
  });

  it('embeds the real plotly.js bundle, which assigns window.Plotly itself', () => {
    const html = plotlyBundleHtml();
    expect(html).to.contain('plotly.js v3');
    expect(html).to.contain('window.Plotly = Plotly');
    expect(html.match(/<\/script>/g)).to.have.length(1);
  });
});

describe('plot', () => {
  it('sends the bundle with the first chart of a session only', () => {
    resetPlotBundle();
    const shown: string[] = [];
    plot(spec, { display: (html) => shown.push(html) });
    plot(spec, { display: (html) => shown.push(html) });
    expect(shown[0]).to.contain('__cachecraftDefine');
    expect(shown[1]).to.not.contain('__cachecraftDefine');
  });

  it('explains itself outside a notebook', () => {
    expect(() => plot(spec)).to.throw(/tslab notebook; elsewhere use plotHtml/);
  });
});

describe('chart validation', () => {
  it('demands a unit on both axis titles, naming the field', () => {
    expect(() => plotlyFigure({ ...spec, xTitle: 'cache size' })).to.throw(RangeError, /spec\.xTitle.*unit/);
    expect(() => plotlyFigure({ ...spec, yTitle: '' })).to.throw(TypeError, /spec\.yTitle/);
  });

  it('rejects mismatched series and empty charts', () => {
    expect(() => plotlyFigure({ ...spec, traces: [{ name: 'a', x: [1, 2], y: [1] }] })).to.throw(RangeError, /traces\[0\].*x has 2/);
    expect(() => plotlyFigure({ ...spec, traces: [] })).to.throw(RangeError, /traces/);
    expect(() => plotlyFigure({ ...spec, height: 10 })).to.throw(RangeError, /height/);
  });
});
