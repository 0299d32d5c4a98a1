/**
 * What the test reads from, and does to, a notebook open in the classic Notebook UI. These
 * functions run inside the page (Playwright serializes them), where `window.Jupyter` is the
 * Notebook's own front end; the test project has no DOM lib, hence the small declarations.
 */

/** One output as nbformat stores it (the fields the test looks at). */
export interface PageOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}

/** One code cell as the learner sees it after Run All. */
export interface PageCell {
  /** Index among all cells, as in the .ipynb. */
  index: number;
  source: string;
  /** The `In [ ]` prompt: a number when done, `*` while running, null/undefined when never run. */
  prompt: number | string | null | undefined;
  /** The kernel's execute_reply status (`ok`, `error`, `aborted`; tslab says `abort`), undefined without a reply. */
  replyStatus?: string;
  replyError?: string;
  outputs: PageOutput[];
  /** Plot containers in this cell's output, and how many of them Plotly drew (`.main-svg`). */
  plots: number;
  drawnPlots: number;
}

interface JupyterCell {
  cell_type: string;
  get_text(): string;
  input_prompt_number?: number | string | null;
  last_msg_id?: string | null;
  output_area?: { outputs: PageOutput[] };
  element: Array<{ querySelectorAll(selector: string): ArrayLike<PageElement> }>;
}
interface PageElement {
  classList: { contains(name: string): boolean };
  querySelector(selector: string): unknown;
}
interface JupyterFrontEnd {
  notebook?: {
    _fully_loaded?: boolean;
    get_cells(): JupyterCell[];
    kernel?: { info_reply?: Record<string, unknown>; is_connected(): boolean };
    events: { on(event: string, handler: (event: { type: string }, data: ShellReplyEvent) => void): void };
    session?: { delete(onSuccess: () => void, onError: () => void): void };
  };
}
interface ShellReplyEvent {
  reply: { parent_header: { msg_id: string }; content: { status: string; ename?: string; evalue?: string } };
}
interface PageWindow {
  Jupyter?: JupyterFrontEnd;
  cachecraftReplies?: Record<string, { status: string; error?: string }>;
  cachecraftKernelTrouble?: string[];
}
declare const window: PageWindow;
declare const document: {
  querySelector(selector: string): { className: string } | null;
};

/** True once the notebook is loaded and its kernel has answered kernel_info (ready to run). */
export function kernelReady(): boolean {
  const notebook = window.Jupyter?.notebook;
  const kernel = notebook?.kernel;
  return Boolean(notebook?._fully_loaded && kernel?.is_connected() && kernel.info_reply && Object.keys(kernel.info_reply).length > 0);
}

/**
 * Records every execute_reply's status by message id (tslab reports a failing cell with status
 * `error` and its message on stderr, and the cells it then aborts with status `abort`), and
 * every sign that the kernel died or restarted (the learner sees a dialog; the cells never end).
 */
export function recordReplies(): void {
  const notebook = window.Jupyter?.notebook;
  if (!notebook) throw new Error('the Notebook front end is not loaded');
  window.cachecraftReplies = {};
  window.cachecraftKernelTrouble = [];
  for (const event of ['kernel_dead.Kernel', 'kernel_restarting.Kernel', 'kernel_autorestarting.Kernel', 'kernel_connection_failed.Kernel']) {
    notebook.events.on(event, () => (window.cachecraftKernelTrouble ??= []).push(event.replace('.Kernel', '').replace(/_/g, ' ')));
  }
  notebook.events.on('shell_reply.Kernel', (_event, data) => {
    const { status, ename, evalue } = data.reply.content;
    const error = status === 'error' ? [ename, evalue].filter(Boolean).join(': ') : undefined;
    (window.cachecraftReplies ??= {})[data.reply.parent_header.msg_id] = { status, error };
  });
}

/** The kernel's deaths and restarts seen since `recordReplies`, e.g. `kernel autorestarting`. */
export function kernelTrouble(): string[] {
  return window.cachecraftKernelTrouble ?? [];
}

/**
 * True when no code cell shows `*` (queued or running) and the kernel indicator says idle, or
 * when the kernel died or restarted: its queued cells will never finish, so waiting is pointless.
 */
export function allCellsFinished(): boolean {
  if ((window.cachecraftKernelTrouble ?? []).length > 0) return true;
  const cells = window.Jupyter?.notebook?.get_cells() ?? [];
  const running = cells.some((cell) => cell.cell_type === 'code' && cell.input_prompt_number === '*');
  return !running && document.querySelector('#kernel_indicator_icon')?.className === 'kernel_idle_icon';
}

/** True when every plot container on the page has been drawn by Plotly. */
export function allPlotsDrawn(): boolean {
  const plots = Array.from(
    (document as unknown as { querySelectorAll(selector: string): ArrayLike<PageElement> }).querySelectorAll('.cachecraft-plot'),
  );
  return plots.every((plot) => plot.classList.contains('js-plotly-plot') && plot.querySelector('.main-svg') !== null);
}

/** Every code cell with its prompt, reply status, outputs and plots. */
export function readCodeCells(): PageCell[] {
  const cells = window.Jupyter?.notebook?.get_cells() ?? [];
  const replies = window.cachecraftReplies ?? {};
  return cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type === 'code')
    .map(({ cell, index }) => {
      const reply = cell.last_msg_id ? replies[cell.last_msg_id] : undefined;
      const plots = Array.from(cell.element[0].querySelectorAll('.output_area .cachecraft-plot'));
      return {
        index,
        source: cell.get_text(),
        prompt: cell.input_prompt_number,
        replyStatus: reply?.status,
        replyError: reply?.error,
        outputs: JSON.parse(JSON.stringify(cell.output_area?.outputs ?? [])) as PageOutput[],
        plots: plots.length,
        drawnPlots: plots.filter((plot) => plot.classList.contains('js-plotly-plot') && plot.querySelector('.main-svg') !== null).length,
      };
    });
}

/**
 * The height the page needs to show the whole notebook at once: classic Notebook scrolls inside
 * `#site`, so a full-page screenshot shows only the first screen unless the window grows.
 */
export function notebookHeight(): number {
  const site = document.querySelector('#site') as unknown as { scrollHeight: number; getBoundingClientRect(): { top: number } } | null;
  return site ? Math.ceil(site.getBoundingClientRect().top + site.scrollHeight) : 900;
}

/** Shuts the notebook's kernel down and ends its session, as File → Close and Halt does. */
export function closeAndHalt(): Promise<void> {
  return new Promise((resolve) => {
    const session = window.Jupyter?.notebook?.session;
    if (!session) return resolve();
    session.delete(resolve, resolve);
  });
}
