#!/usr/bin/env node
/**
 * Builds the course as a static web site, the form an instructor publishes:
 *
 *   npm run export [-- --quick] [-- --out DIR]
 *
 * Executes every notebook in notebooks/ top to bottom (learner sizes; --quick for the small test
 * parameters), converts each to HTML with its outputs and interactive charts, and writes an
 * index with the chapter list (title and one-line summary, read from each notebook's first
 * cell). The pages need no network: require.js and Plotly are copied to assets/ (each chapter's
 * first chart carries the 4.8 MB Plotly bundle inline; the site swaps it for one shared file),
 * MathJax is left out (see scripts/jupyter/site-template/).
 * Default output: build/site/. Exit code 1 if a notebook fails.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { executeNotebook, describeFailure, findNotebookPython } = require('./jupyter/notebook-runner');
const { notebooks: notebooksDir, root } = require('./jupyter/paths');

const TEMPLATE = path.join(__dirname, 'jupyter', 'site-template', 'cachecraft-site.html.j2');

/** Every notebook, in chapter order (file-name order). */
function listNotebooks() {
  return fs
    .readdirSync(notebooksDir)
    .filter((name) => name.endsWith('.ipynb'))
    .sort()
    .map((name) => path.join(notebooksDir, name));
}

/** Markdown to plain text, enough for a one-line summary. */
function plainText(markdown) {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The chapter's title (its first heading) and summary (the first paragraph after it, first sentence or two). */
function describeChapter(file) {
  const notebook = JSON.parse(fs.readFileSync(file, 'utf8'));
  const first = notebook.cells.find((cell) => cell.cell_type === 'markdown');
  const source = first ? [].concat(first.source).join('') : '';
  const lines = source.split('\n');
  const headingIndex = lines.findIndex((line) => /^#\s+/.test(line));
  const title = headingIndex >= 0 ? plainText(lines[headingIndex].replace(/^#\s+/, '')) : path.basename(file, '.ipynb');
  const rest = lines.slice(headingIndex + 1).join('\n').split(/\n\s*\n/).map((p) => p.trim()).find((p) => p && !/^[#|\-\d]/.test(p));
  let summary = plainText(rest || '');
  const sentences = summary.match(/[^.!?]+[.!?]+(\s|$)/g);
  if (sentences) {
    summary = sentences[0].trim();
    if (summary.length < 80 && sentences[1]) summary += ` ${sentences[1].trim()}`;
  }
  return { file, page: `${path.basename(file, '.ipynb')}.html`, title, summary };
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function indexHtml(chapters, { quick }) {
  const items = chapters
    .map((c) => `    <li><a href="${escapeHtml(c.page)}">${escapeHtml(c.title)}</a><p>${escapeHtml(c.summary)}</p></li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cachecraft — caching, hands-on, in TypeScript</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 820px; margin: 2rem auto; padding: 0 1rem; color: #222; }
  h1 { margin-bottom: 0.2rem; }
  ol { padding-left: 1.4rem; }
  li { margin: 1rem 0; }
  li a { font-weight: 600; font-size: 1.1rem; }
  li p { margin: 0.2rem 0 0; color: #444; }
  footer { margin-top: 2rem; color: #666; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>cachecraft</h1>
<p>A hands-on course on caching for TypeScript developers. Each chapter below is a notebook, executed top to bottom with its outputs and interactive charts; to run and change the code yourself, clone the repository and run <code>npm install &amp;&amp; npm start</code>.</p>
<ol>
${items}
</ol>
<footer>Built ${new Date().toISOString().slice(0, 10)} by <code>npm run export</code>${quick ? ' in quick mode (small parameters: numbers differ from the full course)' : ''}.</footer>
</body>
</html>
`;
}

/**
 * Replaces the inline Plotly bundle of a chapter page (what the plot helper's first chart of a
 * session carries) by the shared assets/plotly.min.js, keeping the helper's AMD guard.
 * Returns true when the page carried it.
 */
function shareBundle(page, bundleHtml) {
  const html = fs.readFileSync(page, 'utf8');
  const at = html.indexOf(bundleHtml);
  if (at < 0) return false;
  const shared = [
    '<script type="text/javascript">var __cachecraftDefine = window.define; window.define = undefined;</script>',
    '<script type="text/javascript" src="assets/plotly.min.js"></script>',
    '<script type="text/javascript">window.define = __cachecraftDefine;</script>',
  ].join('\n');
  fs.writeFileSync(page, html.slice(0, at) + shared + html.slice(at + bundleHtml.length));
  return true;
}

/** Finds a local require.js to ship in assets/ (the notebook package's, or the one nbconvert points to). */
function findRequireJs() {
  const python = findNotebookPython();
  const candidates = [];
  if (python) {
    const probe = spawnSync(
      python,
      ['-c', "import os, notebook; print(os.path.join(os.path.dirname(notebook.__file__), 'static', 'components', 'requirejs', 'require.js'))\n" +
        'from nbconvert import HTMLExporter; print(HTMLExporter().require_js_url)'],
      { encoding: 'utf8' },
    );
    for (const line of (probe.stdout || '').split('\n')) {
      if (line.startsWith('file://')) candidates.push(decodeURI(line.slice('file://'.length).trim()));
      else if (line.startsWith('/')) candidates.push(line.trim());
    }
  }
  candidates.push('/usr/share/javascript/requirejs/require.min.js', path.join(root, 'node_modules', 'requirejs', 'require.js'));
  return candidates.find((file) => fs.existsSync(file));
}

function directorySize(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? directorySize(full) : fs.statSync(full).size);
  }, 0);
}

/**
 * Builds the site; resolves to `{ ok, out, chapters, failures, seconds, bytes }`.
 * @param {{ quick?: boolean, out?: string, log?: (line: string) => void }} [options]
 */
async function exportSite(options = {}) {
  const quick = Boolean(options.quick);
  const out = path.resolve(options.out || path.join(root, 'build', 'site'));
  const log = options.log || ((line) => console.log(line));
  const started = Date.now();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  const requireJs = findRequireJs();
  if (!requireJs) throw new Error('no require.js found to ship with the site (install jupyter-notebook)');
  fs.copyFileSync(requireJs, path.join(out, 'assets', 'require.js'));
  // The same files the notebooks' plot helper uses (lib/dist is built by npm install / npm run build).
  const { plotlyBundleHtml, plotlyBundleSource } = require(path.join(root, 'lib', 'dist', 'plot', 'plotly-bundle'));
  fs.writeFileSync(path.join(out, 'assets', 'plotly.min.js'), plotlyBundleSource());

  const chapters = listNotebooks().map(describeChapter);
  const failures = [];
  for (const chapter of chapters) {
    const summary = await executeNotebook(chapter.file, {
      quick,
      html: path.join(out, chapter.page),
      htmlTemplate: TEMPLATE,
      requireJsUrl: 'assets/require.js',
      timeoutSeconds: 600,
    });
    if (summary.ok) shareBundle(path.join(out, chapter.page), plotlyBundleHtml());
    if (summary.ok) log(`ok   ${path.basename(chapter.file)} (${summary.seconds} s) -> ${path.relative(root, path.join(out, chapter.page))}`);
    else {
      failures.push(describeFailure(summary));
      log(`FAIL ${describeFailure(summary)}`);
    }
  }
  fs.writeFileSync(path.join(out, 'index.html'), indexHtml(chapters, { quick }));
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const bytes = directorySize(out);
  log(`${failures.length === 0 ? 'site written' : 'site written WITH FAILURES'}: ${path.relative(root, out) || out}/index.html, ` +
    `${chapters.length} chapters, ${(bytes / 1e6).toFixed(1)} MB, ${seconds} s${quick ? ' (quick mode)' : ''}`);
  return { ok: failures.length === 0, out, chapters, failures, seconds, bytes };
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log('usage: npm run export [-- --quick] [-- --out DIR]');
    process.exit(0);
  }
  const outIndex = argv.indexOf('--out');
  exportSite({ quick: argv.includes('--quick'), out: outIndex >= 0 ? argv[outIndex + 1] : undefined }).then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}

module.exports = { exportSite, describeChapter, listNotebooks };
