/** The trace formats the streaming reader understands (see {@link streamTrace}). */
export type TraceFormat = 'text' | 'csv' | 'oracleGeneral';

/** Every {@link TraceFormat}, for messages and option checks. */
export const TRACE_FORMATS: readonly TraceFormat[] = ['text', 'csv', 'oracleGeneral'];

/** A compression layer the reader can undo. */
export type TraceCompression = 'none' | 'gzip' | 'zstd';

/** What a trace file's name says about it: `gli.trace.gz`, `w01.oracleGeneral.zst`, `cdn.csv`. */
export interface TraceFileKind {
  readonly format: TraceFormat;
  readonly compression: TraceCompression;
}

/**
 * Reads the format from a file name, the way libCacheSim's traces are named: a `.gz` or `.zst`
 * suffix is compression; then `.csv` is `key,size` CSV, a name containing `oracleGeneral` (or
 * ending in `.bin`) is the binary format, anything else one integer key per line.
 */
export function traceFileKind(path: string): TraceFileKind {
  if (typeof path !== 'string' || path === '') throw new TypeError('path must be a non-empty string');
  let name = path.toLowerCase();
  let compression: TraceCompression = 'none';
  if (name.endsWith('.gz')) {
    compression = 'gzip';
    name = name.slice(0, -3);
  } else if (name.endsWith('.zst')) {
    compression = 'zstd';
    name = name.slice(0, -4);
  }
  const base = name.slice(name.lastIndexOf('/') + 1);
  let format: TraceFormat = 'text';
  if (base.endsWith('.csv')) format = 'csv';
  else if (base.includes('oraclegeneral') || base.endsWith('.bin')) format = 'oracleGeneral';
  return { format, compression };
}
