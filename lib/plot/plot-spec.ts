/** One series on a chart. */
export interface PlotTrace {
  /** Legend label. */
  name: string;
  /** x values: numbers, or labels for a categorical axis. */
  x: ReadonlyArray<number | string>;
  /** y values, one per x. */
  y: readonly number[];
  /** `scatter` (default) draws lines and/or markers; `bar` draws bars. */
  type?: 'scatter' | 'bar';
  /** For `scatter`: what to draw (default `lines+markers`). */
  mode?: 'lines' | 'markers' | 'lines+markers';
  /** Line style, to tell a bound or a reference apart from measured series (default `solid`). */
  dash?: 'solid' | 'dash' | 'dot';
}

/** A whole chart. Axis titles must name the unit, e.g. `cache size (entries)`, `hit ratio (%)`. */
export interface PlotSpec {
  title: string;
  /** x-axis title with its unit in parentheses. */
  xTitle: string;
  /** y-axis title with its unit in parentheses. */
  yTitle: string;
  traces: readonly PlotTrace[];
  /** Axis scales (default `linear`; a string x axis is categorical automatically). */
  xType?: 'linear' | 'log' | 'category';
  yType?: 'linear' | 'log';
  /** Fixed axis ranges, e.g. `[0, 100]` for percentages. */
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
  /** Bars side by side (`group`, default) or on top of each other (`stack`). */
  barMode?: 'group' | 'stack';
  /** Chart height in px (default 420). */
  height?: number;
}
