/** The pub/sub bus's message: who sent it, and which keys (or all) changed. */
export interface InvalidationMessage {
  /** The sender's instance id: an instance ignores its own messages. */
  readonly from: string;
  /** Keys that changed, or `null` for the whole namespace. */
  readonly keys: readonly string[] | null;
}

/** The wire form: JSON, small and readable with `redis-cli SUBSCRIBE`. */
export function encodeInvalidation(message: InvalidationMessage): string {
  return JSON.stringify(message.keys === null ? { from: message.from, clear: true } : { from: message.from, keys: message.keys });
}

/** Parses a message, or returns `undefined` for anything malformed (never throws: it comes off the network). */
export function decodeInvalidation(text: string): InvalidationMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { from, keys, clear } = parsed as { from?: unknown; keys?: unknown; clear?: unknown };
  if (typeof from !== 'string') return undefined;
  if (clear === true) return { from, keys: null };
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) return undefined;
  return { from, keys: keys as string[] };
}
