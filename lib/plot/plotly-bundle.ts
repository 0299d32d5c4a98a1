import { readFileSync } from 'fs';

let cachedBundle: string | undefined;

/** The plotly.js-dist-min bundle's source, read once from node_modules (no CDN: works offline). */
export function plotlyBundleSource(): string {
  if (cachedBundle === undefined) cachedBundle = readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  return cachedBundle;
}

/**
 * A `<script>` that defines `window.Plotly` in both JupyterLab and the classic Notebook.
 *
 * The classic Notebook loads require.js. Plotly 2.x's UMD header then registers the bundle as
 * an anonymous AMD module instead of setting `window.Plotly` (and require.js complains about a
 * mismatched anonymous define). The 3.x bundle installed here always sets `window.Plotly`, but
 * hiding `define` while the bundle runs keeps the helper safe for either major version.
 */
export function plotlyBundleHtml(): string {
  return scriptWithoutAmd(plotlyBundleSource());
}

/**
 * Wraps a UMD bundle in a `<script>` that hides `window.define` while it runs and restores it
 * afterwards, even if the bundle throws. Exported for tests, which use a tiny fake bundle.
 */
export function scriptWithoutAmd(bundle: string): string {
  // A literal "</script" inside an inline script would end it early.
  const source = bundle.replace(/<\/script/gi, '<\\/script');
  return [
    '<script type="text/javascript">',
    'var __cachecraftDefine = window.define; window.define = undefined;',
    'try {',
    source,
    '} finally { window.define = __cachecraftDefine; }',
    '</script>',
  ].join('\n');
}
