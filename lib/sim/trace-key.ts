/**
 * A request's key as the trace readers give it: a `number` for an integer id that fits exactly
 * in a double (every key of the shipped traces), otherwise the text (or decimal id) as a string.
 * One id always maps to one key, so a cache sees the same object as the same key.
 */
export type TraceKey = number | string;

/** The key for a trace field: an integer in canonical form within 2⁵³ becomes a number. */
export function traceKey(text: string): TraceKey {
  if (/^(0|-?[1-9]\d{0,15})$/.test(text)) {
    const value = Number(text);
    if (Number.isSafeInteger(value)) return value;
  }
  return text;
}
