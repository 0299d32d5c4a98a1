import { PlotSpec } from './plot-spec';

/** A unit in parentheses or brackets at the end of an axis title: `latency (ms)`, `size [entries]`. */
const UNIT = /[([][^()[\]]+[)\]]\s*$/;

/**
 * Checks a chart before it is drawn: a chart with an unlabelled axis, or a series whose x and
 * y lengths differ, is a bug that Plotly would draw silently.
 *
 * @throws TypeError when a field has the wrong type, RangeError when a value is out of range;
 *   the message names the field.
 */
export function validatePlotSpec(spec: PlotSpec): void {
  if (spec === null || typeof spec !== 'object') throw new TypeError('spec must be an object');
  for (const field of ['title', 'xTitle', 'yTitle'] as const) {
    if (typeof spec[field] !== 'string' || spec[field].trim() === '') throw new TypeError(`spec.${field} must be a non-empty string`);
  }
  for (const field of ['xTitle', 'yTitle'] as const) {
    if (!UNIT.test(spec[field])) throw new RangeError(`spec.${field} must end with its unit in parentheses, e.g. "latency (ms)", got ${JSON.stringify(spec[field])}`);
  }
  if (!Array.isArray(spec.traces) || spec.traces.length === 0) throw new RangeError('spec.traces must be a non-empty array');
  spec.traces.forEach((trace, index) => {
    const name = `spec.traces[${index}]`;
    if (trace === null || typeof trace !== 'object') throw new TypeError(`${name} must be an object`);
    if (typeof trace.name !== 'string') throw new TypeError(`${name}.name must be a string`);
    if (!Array.isArray(trace.x) || !Array.isArray(trace.y)) throw new TypeError(`${name}.x and .y must be arrays`);
    if (trace.x.length !== trace.y.length) throw new RangeError(`${name}: x has ${trace.x.length} values but y has ${trace.y.length}`);
    if (trace.y.some((value: unknown) => typeof value !== 'number')) throw new TypeError(`${name}.y must hold numbers only`);
  });
  if (spec.height !== undefined && (!Number.isFinite(spec.height) || spec.height < 100)) {
    throw new RangeError(`spec.height must be a number of pixels ≥ 100, got ${String(spec.height)}`);
  }
}
