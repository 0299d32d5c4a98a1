import { createInterface } from 'readline';
import { oracleGeneralRecords } from './oracle-general-records';
import { SizedRequest } from './simulate-sized';
import { openTraceBytes } from './trace-bytes';
import { TRACE_FORMATS, TraceFormat, traceFileKind } from './trace-format';
import { TraceKey } from './trace-key';
import { parseCsvTraceLine, parseTextTraceLine } from './trace-line-parsers';

/** Options of {@link streamTrace}. */
export interface StreamTraceOptions {
  /** The format, when the file name does not say it (see `traceFileKind`). */
  readonly format?: TraceFormat;
  /** The `zstd` command for `.zst` files (default `'zstd'`; see `openTraceBytes`). */
  readonly zstdCommand?: string;
}

/**
 * Streams a trace file's requests as `{ key, size }`, in order, in constant memory — for traces
 * far larger than the shipped ones. Formats: one integer key per line (size 1), `key,size` CSV,
 * and libCacheSim's `oracleGeneral` binary records; each plain, gzip'd (`.gz`) or zstd'd (`.zst`,
 * through the zstd CLI, since Node 20's zlib cannot decode zstd). Feed the requests to
 * `simulateSized`, or `key`s alone to `simulate`.
 *
 * @example
 * for await (const { key, size } of streamTrace('w01.oracleGeneral.zst')) { … }
 * @throws TypeError for a bad path; the iteration fails with a RangeError naming the line or
 *   record of malformed input (including a truncated binary file), or the file's own error.
 */
export async function* streamTrace(path: string, options: StreamTraceOptions = {}): AsyncGenerator<SizedRequest<TraceKey>> {
  const kind = traceFileKind(path);
  const format = options.format ?? kind.format;
  if (!TRACE_FORMATS.includes(format)) throw new RangeError(`format must be one of ${TRACE_FORMATS.join(', ')}, got ${String(format)}`);
  const bytes = openTraceBytes(path, kind.compression, { zstdCommand: options.zstdCommand });
  try {
    if (format === 'oracleGeneral') {
      for await (const record of oracleGeneralRecords(bytes)) yield { key: record.id, size: record.size };
      return;
    }
    const parse = format === 'csv' ? parseCsvTraceLine : parseTextTraceLine;
    const lines = createInterface({ input: bytes, crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      const request = parse(line, lineNumber);
      if (request !== null) yield request;
    }
  } finally {
    bytes.destroy();
  }
}

/** All of a trace's requests in an array (for traces that fit in memory, as the shipped ones do). */
export async function readTraceRequests(path: string, options: StreamTraceOptions = {}): Promise<SizedRequest<TraceKey>[]> {
  const requests: SizedRequest<TraceKey>[] = [];
  for await (const request of streamTrace(path, options)) requests.push(request);
  return requests;
}
