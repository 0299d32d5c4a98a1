import { spawn } from 'child_process';
import { createReadStream } from 'fs';
import { PassThrough, Readable } from 'stream';
import { createGunzip } from 'zlib';
import { TraceCompression } from './trace-format';

/** Options of {@link openTraceBytes}. */
export interface TraceBytesOptions {
  /**
   * The `zstd` command used for `.zst` files (default `'zstd'`). Node 20's zlib has no zstd
   * decoder, so a `.zst` trace is streamed through the zstd CLI (`zstd -dc`), which Debian
   * ships as the `zstd` package.
   */
  readonly zstdCommand?: string;
}

/**
 * The decompressed bytes of a trace file as a stream, in chunks, never the whole file at once:
 * plain, gzip (zlib), or zstd (through the `zstd` CLI; a clear error when it is not installed).
 * The stream fails with the file's own error (e.g. ENOENT) or a decoder's error.
 */
export function openTraceBytes(path: string, compression: TraceCompression, options: TraceBytesOptions = {}): Readable {
  if (compression === 'none') return createReadStream(path);
  if (compression === 'gzip') {
    const file = createReadStream(path);
    const gunzip = createGunzip();
    file.on('error', (error) => gunzip.destroy(error));
    return file.pipe(gunzip);
  }
  return zstdStream(path, options.zstdCommand ?? 'zstd');
}

function zstdStream(path: string, command: string): Readable {
  const child = spawn(command, ['-dc', '--', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Ends only when zstd exits cleanly, so a corrupt file fails the stream instead of ending it early.
  const output = new PassThrough();
  (child.stdout as Readable).pipe(output, { end: false });
  let stderr = '';
  (child.stderr as Readable).setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < 2000) stderr += text;
  });
  child.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'ENOENT'
        ? `cannot read ${path}: Node's zlib has no zstd decoder and the '${command}' command is not installed (Debian/Ubuntu: apt-get install zstd; macOS: brew install zstd), or decompress it first: zstd -d ${path}`
        : `cannot run '${command}' for ${path}: ${error.message}`;
    output.destroy(new Error(reason));
  });
  child.on('close', (code) => {
    if (code === 0) output.end();
    else if (!output.destroyed) output.destroy(new Error(`${command} -dc ${path} failed (exit ${String(code)}): ${stderr.trim()}`));
  });
  // A reader that stops early (break) must not leave zstd running.
  output.on('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return output;
}
