/**
 * Judge-side stand-ins for learner code: a class, a function or an object living in the sandbox.
 * They look and behave like the real thing to a graded suite (`new LRUCache(2)`, `cache.get(k)`,
 * `cache.size`), but every use is a call into the sandbox (see client.ts).
 */
import type { Sandbox } from './client';

/** The reply of a property read that found a method: the proxy then returns a caller. */
export const METHOD = Symbol('method');

/** What a proxy stands for. */
export interface RemoteHandle {
  sandbox: Sandbox;
  kind: 'obj' | 'fn';
  id: number;
  /** How messages name it, e.g. `LRUCache`. */
  label: string;
  /** For an object made by `new` of an export: which one, and with what. */
  origin?: { file: string; name: string; args: unknown[] };
}

const handles = new WeakMap<object, RemoteHandle>();

/** True for a proxy of something in the sandbox. */
export function isRemote(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && handles.has(value);
}

/** The handle behind a proxy. */
export function remoteHandle(value: object): RemoteHandle | undefined {
  return handles.get(value);
}

/** Properties a proxy answers itself: probes by promises, inspectors and test libraries. */
const LOCAL_UNDEFINED = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'inspect', 'constructor']);

/** A stand-in for the sandbox object `id`. */
export function objectProxy(sandbox: Sandbox, id: number, label = 'object'): object {
  const handle: RemoteHandle = { sandbox, kind: 'obj', id, label };
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  const proxy = new Proxy(
    {},
    {
      get(_target, prop) {
        if (typeof prop === 'symbol' || LOCAL_UNDEFINED.has(prop)) return undefined;
        const known = methods.get(prop);
        if (known !== undefined) return known;
        const value = sandbox.call({ op: 'get', obj: id, prop }, `${handle.label}.${prop}`);
        if (value !== METHOD) return value;
        const method = (...args: unknown[]) => sandbox.call({ op: 'invoke', obj: id, prop, args: sandbox.encode(args) }, `${handle.label}.${prop}()`);
        methods.set(prop, method);
        return method;
      },
      set(_target, prop) {
        throw new TypeError(`the grader does not assign ${String(prop)} on objects of your code`);
      },
    },
  );
  handles.set(proxy, handle);
  return proxy;
}

/** A stand-in for a function your code returned. */
export function functionProxy(sandbox: Sandbox, id: number): (...args: unknown[]) => unknown {
  const fn = (...args: unknown[]) => sandbox.call({ op: 'callFn', fn: id, args: sandbox.encode(args) }, 'a function your code returned');
  handles.set(fn, { sandbox, kind: 'fn', id, label: 'function' });
  return fn;
}

/**
 * A stand-in for the export `name` of the learner's module `file` (its transpiled path): a class
 * to `new` or a function to call. It outlives sandboxes: after a restart it loads the module in
 * the fresh one.
 */
export function exportProxy(file: string, name: string, current: () => Sandbox): (...args: unknown[]) => unknown {
  const stub = function (this: unknown) {} as unknown as (...args: unknown[]) => unknown;
  Object.defineProperty(stub, 'name', { value: name });
  return new Proxy(stub, {
    construct(_target, args) {
      const sandbox = current();
      const made = sandbox.call({ op: 'construct', file, name, args: sandbox.encode(args) }, `new ${name}()`);
      const handle = isRemote(made) ? remoteHandle(made) : undefined;
      if (handle === undefined) throw new TypeError(`new ${name}() did not return an object`);
      handle.label = name;
      handle.origin = { file, name, args };
      return made as object;
    },
    apply(_target, _this, args) {
      const sandbox = current();
      return sandbox.call({ op: 'apply', file, name, args: sandbox.encode(args) }, `${name}()`);
    },
  });
}
