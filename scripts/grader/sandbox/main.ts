/**
 * The sandbox: the only process that runs learner code. It loads the learner's (already
 * transpiled) files and does what the judge asks, one request at a time; it decides nothing.
 * Whatever learner code patches here (process.send, Date.now, the checksum loop…) changes only
 * the values the judge receives, and the judge checks those values itself.
 *
 * Plain Node, no imports beyond Node's own and the two wire files: the judge transpiles this
 * file and starts it with `node`, in its own process group, with a minimal environment.
 */
import { closeSync, openSync, readSync, writeSync, constants } from 'fs';
import { Socket } from 'net';
import { CHECKSUM_SEED, MARK, Marker, Peer, SandboxOp, ToJudge, ToSandbox, decode, encode, errorFromMarker, errorMarker, mixChecksum } from './codec';
import { FrameReader, frame } from './frames';

/** What the judge passes in `argv[2]`. */
export interface SandboxConfig {
  requests: string;
  replies: string;
  answers: string;
  /** The ioredis entry point, for connections made by `redisForLearner`. */
  ioredis: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as SandboxConfig;
// Keep our own references: learner code may replace these globals on its side.
const writeOut = writeSync;
const readIn = readSync;
const repliesFd = openSync(config.replies, constants.O_WRONLY);
const answersFd = openSync(config.answers, constants.O_RDONLY);
const JUDGE_REF = Symbol('judge error');

const modules = new Map<string, Record<string, unknown>>();
const objects = new Map<number, object>();
const objectIds = new WeakMap<object, number>();
const learnerFns = new Map<number, (...args: unknown[]) => unknown>();
const learnerFnIds = new WeakMap<object, number>();
const judgePromises = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
const judgeFns = new Map<number, (...args: unknown[]) => unknown>();
const savedGlobals = new Map<string, unknown>();
let nextId = 1;
let nextCallback = 1;

function send(message: ToJudge): void {
  const bytes = frame(message);
  let written = 0;
  while (written < bytes.length) written += writeOut(repliesFd, bytes, written, bytes.length - written);
}

const peer: Peer = {
  encodeSpecial(value) {
    if (typeof value === 'function') {
      let id = learnerFnIds.get(value);
      if (id === undefined) {
        id = nextId++;
        learnerFnIds.set(value, id);
        learnerFns.set(id, value as (...args: unknown[]) => unknown);
      }
      return { [MARK]: 'fn', id };
    }
    const known = objectIds.get(value);
    if (known !== undefined) return { [MARK]: 'obj', id: known };
    if (value instanceof Error) {
      const ref = (value as unknown as Record<symbol, unknown>)[JUDGE_REF];
      return errorMarker(value, typeof ref === 'number' ? { ref } : {});
    }
    if (typeof (value as { then?: unknown }).then === 'function') {
      const id = nextId++;
      Promise.resolve(value as PromiseLike<unknown>).then(
        (result) => settle(id, true, result),
        (error) => settle(id, false, error),
      );
      return { [MARK]: 'promise', id };
    }
    return undefined;
  },
  decodeMarker(marker: Marker) {
    switch (marker[MARK]) {
      case 'fn':
        return judgeFunction(Number(marker.id));
      case 'promise':
        return new Promise((resolve, reject) => judgePromises.set(Number(marker.id), { resolve, reject }));
      case 'error': {
        const error = errorFromMarker(marker);
        if (typeof marker.ref === 'number') Object.defineProperty(error, JUDGE_REF, { value: marker.ref });
        return error;
      }
      case 'obj':
        return objects.get(Number(marker.id));
      case 'lfn':
        return learnerFns.get(Number(marker.id));
      case 'redis': {
        const Redis = require(config.ioredis) as new (url: string, options: object) => unknown;
        // Lazy: the first command connects and waits in ioredis's queue until the ready check is
        // done. An eager connection races: a SUBSCRIBE sent between the TCP connect and the ready
        // check's INFO makes that INFO fail, ioredis reconnects, and the subscription is gone
        // for a while although subscribe() resolved.
        return new Redis(String(marker.url), { maxRetriesPerRequest: 1, lazyConnect: true });
      }
      default:
        return undefined;
    }
  },
};

function settle(promise: number, ok: boolean, value: unknown): void {
  send({ t: 'settle', promise, ok, value: safeEncode(value) });
}

/** Encodes a value, or an error describing why it cannot be sent. */
function safeEncode(value: unknown): unknown {
  try {
    return encode(value, peer);
  } catch (error) {
    return errorMarker(new TypeError(`your code produced a value the grader cannot read (${(error as Error).message})`));
  }
}

/**
 * A judge function as a local one. Calling it blocks until the judge answers: that is what keeps
 * `onEvict` and an injected `now()` synchronous. A judge function that returns a promise answers
 * with a promise marker, so async callbacks work too.
 */
function judgeFunction(id: number): (...args: unknown[]) => unknown {
  let fn = judgeFns.get(id);
  if (fn === undefined) {
    fn = (...args: unknown[]) => {
      const callId = nextCallback++;
      send({ t: 'callback', id: callId, fn: id, args: encode(args, peer) as unknown[] });
      for (;;) {
        const message = readAnswer();
        if (message.t === 'answer' && message.id === callId) {
          const value = decode(message.value, peer);
          if (message.ok) return value;
          throw value;
        }
        if (message.t === 'call') handleCall(message);
        if (message.t === 'settle') handleSettle(message);
      }
    };
    judgeFns.set(id, fn);
  }
  return fn;
}

const answers = new FrameReader();
const answerChunk = Buffer.alloc(64 * 1024);
function readAnswer(): ToSandbox {
  for (;;) {
    const message = answers.next() as ToSandbox | undefined;
    if (message !== undefined) return message;
    const n = readIn(answersFd, answerChunk, 0, answerChunk.length, null);
    if (n === 0) process.exit(70); // the judge is gone
    answers.push(answerChunk.subarray(0, n));
  }
}

function handleSettle(message: Extract<ToSandbox, { t: 'settle' }>): void {
  const waiting = judgePromises.get(message.promise);
  if (!waiting) return;
  judgePromises.delete(message.promise);
  const value = decode(message.value, peer);
  if (message.ok) waiting.resolve(value);
  else waiting.reject(value);
}

function register(object: object): number {
  const id = nextId++;
  objects.set(id, object);
  objectIds.set(object, id);
  return id;
}

function load(file: string): Record<string, unknown> {
  let module = modules.get(file);
  if (module === undefined) {
    module = require(file) as Record<string, unknown>;
    modules.set(file, module);
  }
  return module;
}

function target(id: number): Record<string, unknown> {
  const object = objects.get(id);
  if (object === undefined) throw new Error('this object no longer exists in the sandbox');
  return object as Record<string, unknown>;
}

function perform(request: SandboxOp): unknown {
  switch (request.op) {
    case 'load': {
      const module = load(request.file);
      const kinds: Record<string, string> = {};
      for (const key of Object.keys(module)) kinds[key] = typeof module[key];
      return kinds;
    }
    case 'construct': {
      const Class = load(request.file)[request.name] as new (...args: unknown[]) => object;
      const instance = new Class(...(decode(request.args, peer) as unknown[]));
      if (instance === null || (typeof instance !== 'object' && typeof instance !== 'function')) return instance;
      return { [MARK]: 'obj', id: objectIds.get(instance) ?? register(instance) };
    }
    case 'apply': {
      const fn = load(request.file)[request.name] as (...args: unknown[]) => unknown;
      return fn(...(decode(request.args, peer) as unknown[]));
    }
    case 'invoke': {
      const object = target(request.obj);
      return (object[request.prop] as (...args: unknown[]) => unknown)(...(decode(request.args, peer) as unknown[]));
    }
    case 'callFn': {
      const fn = learnerFns.get(request.fn);
      if (fn === undefined) throw new Error('this function no longer exists in the sandbox');
      return fn(...(decode(request.args, peer) as unknown[]));
    }
    case 'get': {
      const value = target(request.obj)[request.prop];
      return typeof value === 'function' ? { [MARK]: 'method' } : value;
    }
    case 'release':
      objects.delete(request.obj);
      return undefined;
    case 'fill': {
      const cache = target(request.obj) as unknown as BatchCache;
      for (let key = 0; key < request.count; key++) cache.set(key, key);
      return undefined;
    }
    case 'batch':
      return runBatch(target(request.obj) as unknown as BatchCache, request.firstKey, request.firstValue, request.getKeys);
    case 'setGlobal': {
      const [owner, prop] = globalSlot(request.path);
      if (!savedGlobals.has(request.path)) savedGlobals.set(request.path, owner[prop]);
      owner[prop] = decode(request.fn, peer);
      return undefined;
    }
    case 'ping':
      return undefined;
    case 'restoreGlobal': {
      const [owner, prop] = globalSlot(request.path);
      if (savedGlobals.has(request.path)) owner[prop] = savedGlobals.get(request.path);
      savedGlobals.delete(request.path);
      return undefined;
    }
  }
}

function globalSlot(path: string): [Record<string, unknown>, string] {
  const [object, prop] = path.split('.');
  const owners: Record<string, unknown> = { Date, Math, performance: globalThis.performance };
  const owner = owners[object];
  if (owner === undefined || prop === undefined) throw new RangeError(`the grader cannot fake ${path}`);
  return [owner as Record<string, unknown>, prop];
}

interface BatchCache {
  get(key: number): unknown;
  set(key: number, value: number): unknown;
}

/**
 * The timed loop of an O(1) check (see scaling.ts): alternately insert a new key and read the key
 * the judge chose; no messages inside, so the judge's clock times the cache, and every read's
 * answer goes into the checksum the judge compares with a correct cache's.
 */
function runBatch(cache: BatchCache, firstKey: number, firstValue: number, getKeys: Int32Array): number {
  let hash = CHECKSUM_SEED;
  let key = firstKey;
  let value = firstValue;
  for (let j = 0; j < getKeys.length; j++) {
    cache.set(key++, value);
    value += 2;
    hash = mixChecksum(hash, cache.get(getKeys[j]));
  }
  return hash;
}

function handleCall(message: Extract<ToSandbox, { t: 'call' }>): void {
  let reply: ToJudge;
  try {
    reply = { t: 'reply', id: message.id, ok: true, value: encode(perform(message.op), peer) };
  } catch (error) {
    reply = { t: 'reply', id: message.id, ok: false, value: safeEncode(error) };
  }
  send(reply);
}

function main(): void {
  const requests = new FrameReader();
  const fd = openSync(config.requests, constants.O_RDONLY | constants.O_NONBLOCK);
  const stream = new Socket({ fd, readable: true, writable: false });
  stream.on('data', (chunk: Buffer) => {
    requests.push(chunk);
    for (let message = requests.next() as ToSandbox | undefined; message !== undefined; message = requests.next() as ToSandbox | undefined) {
      if (message.t === 'call') handleCall(message);
      else if (message.t === 'settle') handleSettle(message);
    }
  });
  stream.on('end', () => process.exit(70));
  // Rejections of learner promises nobody awaits are the learner's business, not a crash.
  process.on('unhandledRejection', () => undefined);
  // Likewise an exception thrown from a learner's timer: the checks see its effects, if any.
  process.on('uncaughtException', (error) => {
    try {
      process.stderr.write(`uncaught in learner code: ${String((error as Error)?.stack ?? error)}\n`);
    } catch {
      // unprintable
    }
  });
  process.on('exit', () => {
    try {
      closeSync(repliesFd);
    } catch {
      // already closed
    }
  });
  send({ t: 'ready' });
}

main();
