/**
 * Length-prefixed frames of `v8.serialize`d messages: the wire between the judge and the sandbox.
 * Structured clone keeps Map, Set, undefined, NaN and typed arrays as they are.
 */
import { deserialize, serialize } from 'v8';

/** One message as bytes: a 4-byte little-endian length, then the serialized value. */
export function frame(message: unknown): Buffer {
  const body = serialize(message);
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Accumulates bytes and yields the complete messages among them, in order. */
export class FrameReader {
  private buffer = Buffer.alloc(0);

  /** Adds bytes read from the wire. */
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete message, or undefined when more bytes are needed. */
  next(): unknown {
    if (this.buffer.length < 4) return undefined;
    const length = this.buffer.readUInt32LE(0);
    if (this.buffer.length < 4 + length) return undefined;
    const body = this.buffer.subarray(4, 4 + length);
    this.buffer = this.buffer.subarray(4 + length);
    return deserialize(body);
  }
}
