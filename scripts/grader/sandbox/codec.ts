/**
 * What crosses between the judge and the sandbox besides plain data: functions (callbacks both
 * ways), promises, errors, sandbox objects and Redis connections travel as small marker objects
 * that each side turns back into something live. Everything else is copied as structured clone
 * would copy it (class instances become plain objects: rule 1 of the graded suites).
 */

/** The property that makes a plain object a marker. */
export const MARK = '\u0000grader';

/** A marker: `{ [MARK]: kind, … }`. */
export type Marker = { [MARK]: string; [field: string]: unknown };

/** The side-specific half of the codec: what to make of special values and markers. */
export interface Peer {
  /** A marker for `value` when it is special on this side (a function, a promise, an error…). */
  encodeSpecial(value: object): Marker | undefined;
  /** The live value for a marker sent by the other side. */
  decodeMarker(marker: Marker): unknown;
}

const MAX_DEPTH = 64;

/** `value` made transportable: specials replaced by markers, the rest copied. */
export function encode(value: unknown, peer: Peer, depth = 0): unknown {
  if (typeof value === 'symbol') return { [MARK]: 'symbol', description: value.description ?? '' };
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (depth > MAX_DEPTH) throw new TypeError('a value nested deeper than 64 levels (or a cycle) cannot be passed to or from your code');
  const special = peer.encodeSpecial(value);
  if (special !== undefined) return special;
  if (typeof value === 'function') throw new TypeError('a function that cannot be passed');
  if (Array.isArray(value)) return value.map((item) => encode(item, peer, depth + 1));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [encode(k, peer, depth + 1), encode(v, peer, depth + 1)]));
  if (value instanceof Set) return new Set([...value].map((v) => encode(v, peer, depth + 1)));
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = encode((value as Record<string, unknown>)[key], peer, depth + 1);
  // Structured clone would give a null-prototype object a prototype; keep what it was.
  return Object.getPrototypeOf(value) === null ? { [MARK]: 'nullProto', value: copy } : copy;
}

/** The live value for something {@link encode}d on the other side. */
export function decode(value: unknown, peer: Peer): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i], peer);
    return value;
  }
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [decode(k, peer), decode(v, peer)]));
  if (value instanceof Set) return new Set([...value].map((v) => decode(v, peer)));
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp) return value;
  if (Object.prototype.hasOwnProperty.call(value, MARK)) {
    const marker = value as Marker;
    if (marker[MARK] === 'symbol') return Symbol(String(marker.description));
    if (marker[MARK] === 'nullProto') return Object.assign(Object.create(null), decode(marker.value, peer));
    return peer.decodeMarker(marker);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = decode(record[key], peer);
  return record;
}

const ERROR_CLASSES: Record<string, ErrorConstructor> = {
  RangeError,
  TypeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** An error as a marker: its class name, message and stack (the frames point into the sender's files). */
export function errorMarker(error: Error, extra: Record<string, unknown> = {}): Marker {
  let name = 'Error';
  let message = '';
  let stack = '';
  try {
    name = String(error.name);
    message = String(error.message);
    stack = String(error.stack ?? '');
  } catch {
    // a hostile getter: keep the defaults
  }
  const code = (error as { code?: unknown }).code;
  return { [MARK]: 'error', name, message, stack, ...(typeof code === 'string' ? { code } : {}), ...extra };
}

/** A real error rebuilt from {@link errorMarker}: a RangeError stays a RangeError. */
export function errorFromMarker(marker: Marker): Error {
  const name = String(marker.name);
  const Class = ERROR_CLASSES[name] ?? Error;
  const error = new Class(String(marker.message));
  if (error.name !== name) Object.defineProperty(error, 'name', { value: name, writable: true, configurable: true, enumerable: false });
  if (typeof marker.stack === 'string' && marker.stack !== '') error.stack = marker.stack;
  if (typeof marker.code === 'string') (error as { code?: string }).code = marker.code;
  return error;
}

/** Messages from the judge to the sandbox. */
export type ToSandbox =
  | { t: 'call'; id: number; op: SandboxOp }
  | { t: 'answer'; id: number; ok: boolean; value: unknown }
  | { t: 'settle'; promise: number; ok: boolean; value: unknown };

/** Messages from the sandbox to the judge. */
export type ToJudge =
  | { t: 'ready' }
  | { t: 'reply'; id: number; ok: boolean; value: unknown }
  | { t: 'callback'; id: number; fn: number; args: unknown[] }
  | { t: 'settle'; promise: number; ok: boolean; value: unknown };

/** What the judge asks the sandbox to do. */
export type SandboxOp =
  | { op: 'load'; file: string }
  | { op: 'construct'; file: string; name: string; args: unknown }
  | { op: 'apply'; file: string; name: string; args: unknown }
  | { op: 'invoke'; obj: number; prop: string; args: unknown }
  | { op: 'callFn'; fn: number; args: unknown }
  | { op: 'get'; obj: number; prop: string }
  | { op: 'release'; obj: number }
  | { op: 'fill'; obj: number; count: number }
  | { op: 'batch'; obj: number; firstKey: number; firstValue: number; getKeys: Int32Array }
  | { op: 'setGlobal'; path: string; fn: unknown }
  | { op: 'restoreGlobal'; path: string }
  /** Does nothing: its round trip lets the sandbox's event loop turn (see test/grading/support/settle.ts). */
  | { op: 'ping' };

/** How the sandbox and the judge fold every `get` result of a timing batch into one number. */
export function mixChecksum(hash: number, result: unknown): number {
  const value = result === undefined ? -1 : typeof result === 'number' ? result | 0 : -2;
  return Math.imul(hash ^ value, 16777619) | 0;
}

/** The starting value of {@link mixChecksum}. */
export const CHECKSUM_SEED = 0x811c9dc5 | 0;
