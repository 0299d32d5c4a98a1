import { SizedRequest } from './simulate-sized';
import { TraceKey, traceKey } from './trace-key';

/**
 * Line parsers of the text trace formats. Each returns the request a line holds, or `null` for
 * a line that holds none (blank, separator, header), and throws a `RangeError` naming the line
 * for anything else: a silently dropped request would change every hit ratio.
 */

/** One integer key per line (the LIRS traces); blank lines and lone `*` separators hold no request. */
export function parseTextTraceLine(line: string, lineNumber: number): SizedRequest<TraceKey> | null {
  const text = line.trim();
  if (text === '' || text === '*') return null;
  if (!/^-?\d+$/.test(text)) throw new RangeError(`trace line ${lineNumber} is not an integer key: ${JSON.stringify(text)}`);
  return { key: traceKey(text), size: 1 };
}

/**
 * `key,size` per line; blank lines are skipped, and so is a first line reading `key,size`
 * (any case). Keys are taken as written (integers in canonical form become numbers, see
 * {@link traceKey}); sizes must be positive integers.
 */
export function parseCsvTraceLine(line: string, lineNumber: number): SizedRequest<TraceKey> | null {
  const text = line.trim();
  if (text === '') return null;
  const comma = text.lastIndexOf(',');
  if (comma < 0) throw new RangeError(`CSV trace line ${lineNumber} must be "key,size", got ${JSON.stringify(text)}`);
  const keyText = text.slice(0, comma).trim();
  const sizeText = text.slice(comma + 1).trim();
  if (lineNumber === 1 && keyText.toLowerCase() === 'key' && sizeText.toLowerCase() === 'size') return null;
  if (keyText === '') throw new RangeError(`CSV trace line ${lineNumber} has an empty key`);
  if (!/^\d+$/.test(sizeText) || Number(sizeText) < 1 || !Number.isSafeInteger(Number(sizeText))) {
    throw new RangeError(`CSV trace line ${lineNumber} size must be a positive integer, got ${JSON.stringify(sizeText)}`);
  }
  return { key: traceKey(keyText), size: Number(sizeText) };
}
