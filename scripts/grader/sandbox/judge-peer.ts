/**
 * The judge's half of the codec (codec.ts): what the suites pass to learner code (their
 * functions, promises, errors, Redis connections made by `redisForLearner`) becomes a marker the
 * sandbox turns into a live stand-in, and what comes back (objects, functions, promises, errors
 * of learner code) becomes a proxy, a promise or a real error here. An error the judge sent comes
 * back as the very same object, so a suite may compare rejections by identity.
 */
import { learnerRedisUrl } from '../../../test/grading/support/remote-redis';
import type { Sandbox } from './client';
import { MARK, Marker, Peer, encode, errorFromMarker, errorMarker } from './codec';
import { isRemote, METHOD, functionProxy, objectProxy, remoteHandle } from './proxies';
import { SandboxFailure } from './sandbox-failure';
import { asError } from './thrown-value';

/** See the file comment. */
export class JudgePeer implements Peer {
  private nextId = 1;
  private readonly fns = new Map<number, (...args: unknown[]) => unknown>();
  private readonly fnIds = new WeakMap<object, number>();
  private readonly errors = new Map<number, unknown>();
  private readonly errorIds = new WeakMap<object, number>();
  private readonly promises = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  private readonly proxies = new Map<number, object>();

  /** `sendSettle` tells the sandbox how a judge promise it was given settled. */
  constructor(
    private readonly sandbox: Sandbox,
    private readonly sendSettle: (promise: number, ok: boolean, value: unknown) => void,
  ) {}

  /** The judge function the sandbox calls back as `id`, if it was sent. */
  callback(id: number): ((...args: unknown[]) => unknown) | undefined {
    return this.fns.get(id);
  }

  /** Settles the judge-side promise standing for the learner promise `id`. */
  settle(id: number, ok: boolean, value: unknown): void {
    const waiting = this.promises.get(id);
    if (waiting === undefined) return;
    this.promises.delete(id);
    if (ok) waiting.resolve(value);
    else waiting.reject(asError(value));
  }

  /** Rejects every promise still waiting on learner code (its sandbox is gone). */
  rejectAll(failure: Error): void {
    for (const waiting of this.promises.values()) waiting.reject(failure);
    this.promises.clear();
  }

  encodeSpecial(value: object): Marker | undefined {
    const handle = isRemote(value) ? remoteHandle(value) : undefined;
    if (handle !== undefined) {
      if (handle.sandbox !== this.sandbox) throw new SandboxFailure('an object from an earlier sandbox was passed to your code');
      return handle.kind === 'obj' ? { [MARK]: 'obj', id: handle.id } : { [MARK]: 'lfn', id: handle.id };
    }
    const url = learnerRedisUrl(value);
    if (url !== undefined) return { [MARK]: 'redis', url };
    if (typeof value === 'function') return { [MARK]: 'fn', id: this.idOf(value, this.fnIds, this.fns) };
    if (value instanceof Error) return errorMarker(value, { ref: this.idOf(value, this.errorIds, this.errors) });
    if (typeof (value as { then?: unknown }).then === 'function') {
      const id = this.nextId++;
      const send = (ok: boolean, result: unknown) => {
        let payload: unknown;
        try {
          payload = encode(result, this);
        } catch (error) {
          payload = errorMarker(asError(error));
        }
        this.sendSettle(id, ok, payload);
      };
      Promise.resolve(value as PromiseLike<unknown>).then(
        (result) => send(true, result),
        (error) => send(false, error),
      );
      return { [MARK]: 'promise', id };
    }
    if (!isPlainData(value)) {
      throw new TypeError(`the grader cannot pass a ${value.constructor?.name ?? 'special object'} to learner code (see "Graded suites and the grader sandbox")`);
    }
    return undefined;
  }

  decodeMarker(marker: Marker): unknown {
    switch (marker[MARK]) {
      case 'obj': {
        const id = Number(marker.id);
        let proxy = this.proxies.get(id);
        if (proxy === undefined) {
          proxy = objectProxy(this.sandbox, id);
          this.proxies.set(id, proxy);
        }
        return proxy;
      }
      case 'fn':
        return functionProxy(this.sandbox, Number(marker.id));
      case 'method':
        return METHOD;
      case 'promise':
        return new Promise((resolve, reject) => this.promises.set(Number(marker.id), { resolve, reject }));
      case 'error':
        if (typeof marker.ref === 'number' && this.errors.has(marker.ref)) return this.errors.get(marker.ref);
        return errorFromMarker(marker);
      default:
        return undefined;
    }
  }

  /** A stable id for `value`, registering it on first sight. */
  private idOf<T extends object>(value: T, ids: WeakMap<object, number>, byId: Map<number, T> | Map<number, unknown>): number {
    let id = ids.get(value);
    if (id === undefined) {
      id = this.nextId++;
      ids.set(value, id);
      (byId as Map<number, T>).set(id, value);
    }
    return id;
  }
}

/** Plain data: what structured clone copies faithfully (class instances are not). */
function isPlainData(value: object): boolean {
  if (Array.isArray(value) || value instanceof Map || value instanceof Set || value instanceof Date || value instanceof RegExp) return true;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
