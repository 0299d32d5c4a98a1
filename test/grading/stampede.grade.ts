/**
 * Graded checks for exercises/stampede.ts. Loaded from GRADE_TARGET, see support/target.ts.
 * The RedisLock checks run against a real, private redis-server (support/redis.ts).
 */
import type * as Reference from '../../solutions/stampede';
import { check } from './support/check';
import { fakeGlobal } from './support/globals';
import { commandCalls, freshName, scriptCalls, useGradingRedis } from './support/redis';
import { describeError, ensure, fail, near, same, show, throwsRangeError } from './support/say';
import { loadExport, preload } from './support/target';
import { deferred } from '../support/deferred';

const FILE = 'stampede.ts';

function singleFlight(): Reference.SingleFlight {
  const SingleFlight = loadExport<typeof Reference.SingleFlight>(FILE, 'SingleFlight');
  return new SingleFlight();
}

const jitteredTtl: typeof Reference.jitteredTtl = (...args) => loadExport<typeof Reference.jitteredTtl>(FILE, 'jitteredTtl')(...args);
const shouldRefreshEarly: typeof Reference.shouldRefreshEarly = (...args) =>
  loadExport<typeof Reference.shouldRefreshEarly>(FILE, 'shouldRefreshEarly')(...args);

/** Resolves to how `promise` settled, so a check can compare rejections. */
async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

describe('stampede', () => {
  preload('stampede.ts');

  describe('SingleFlight', () => {
    check('concurrent calls with one key share a single call of fn and its result', { points: 3, hint: 'A second caller for the same key should wait for the call already running rather than start its own.' }, async () => {
      const flight = singleFlight();
      const load = deferred<string>();
      let calls = 0;
      const fn = () => {
        calls++;
        return load.promise;
      };
      const results = [flight.run('k', fn), flight.run('k', fn), flight.run('k', fn)];
      same(calls, 1, 'calls of fn after three concurrent run("k", fn)');
      load.resolve('value');
      same(await Promise.all(results), ['value', 'value', 'value'], 'what the three concurrent callers received');
    });

    check('concurrent calls with one key share its rejection', { points: 2 }, async () => {
      const flight = singleFlight();
      const load = deferred<string>();
      let calls = 0;
      const fn = () => {
        calls++;
        return load.promise;
      };
      const results = [flight.run('k', fn), flight.run('k', fn)].map(outcome);
      const failure = new Error('database down');
      load.reject(failure);
      const [first, second] = await Promise.all(results);
      same(calls, 1, 'calls of fn after two concurrent run("k", fn)');
      ensure(first.error === failure && second.error === failure, `both callers should be rejected with fn's error ("database down"), got ${show([first, second])}`);
    });

    check('forgets a key once its call settles, so the next call runs fn again', { points: 3, hint: 'This is deduplication, not caching: once a call settles (success or failure), its key must be free again.' }, async () => {
      const flight = singleFlight();
      let calls = 0;
      const ok = () => Promise.resolve(++calls);
      same(await flight.run('k', ok), 1, 'first run("k") result');
      same(await flight.run('k', ok), 2, 'a run("k") after the first one settled (fn must run again, not return the old result)');
      same(flight.inFlight, 0, 'inFlight after both calls settled');
      const failing = () => Promise.reject(new Error(`failure ${++calls}`));
      await outcome(flight.run('bad', failing));
      const retry = await outcome(flight.run('bad', failing));
      ensure(retry.error instanceof Error && retry.error.message === 'failure 4', `a run("bad") after a failed one must call fn again, got ${show(retry)}`);
      same(flight.inFlight, 0, 'inFlight after the failed calls settled');
    });

    // Issue 8 §5: the stub states what happens when fn throws synchronously; this grades it.
    check('a fn that throws instead of returning a promise gives a rejected promise, and nothing stays in flight', { points: 1, hint: 'A caller awaits run: how does a synchronous throw from fn reach them?' }, async () => {
      const flight = singleFlight();
      let returned: Promise<unknown> | undefined;
      try {
        returned = flight.run('k', () => {
          throw new Error('sync failure');
        });
      } catch (error) {
        // Only fn's own error, thrown on through run, is this check's failure; anything else
        // (e.g. "not implemented yet") is reported as the code's own error.
        if (!(error instanceof Error && error.message === 'sync failure')) throw error;
        fail(`run("k", fn) threw ${describeError(error)} when fn threw; it should return a promise rejected with fn's error\nhint: run must never throw itself: turn fn's synchronous throw into a rejection.`);
      }
      const settled = await outcome(returned as Promise<unknown>);
      ensure(settled.error instanceof Error && settled.error.message === 'sync failure', `run("k", fn) where fn throws "sync failure": expected a rejection with that error, got ${show(settled)}`);
      same(flight.inFlight, 0, 'inFlight after fn threw');
      same(await flight.run('k', () => Promise.resolve('again')), 'again', 'a run("k") after fn threw (fn must run again)');
    });

    check('calls with different keys run independently', { points: 1 }, async () => {
      const flight = singleFlight();
      const a = deferred<string>();
      let calls = 0;
      const first = flight.run('a', () => {
        calls++;
        return a.promise;
      });
      const second = flight.run('b', () => {
        calls++;
        return Promise.resolve('B');
      });
      same(calls, 2, 'calls of fn after run("a", …) and run("b", …)');
      same(await second, 'B', 'run("b") result while "a" is still in flight');
      a.resolve('A');
      same(await first, 'A', 'run("a") result');
    });

    check('inFlight counts the keys with a call in flight', { points: 1 }, async () => {
      const flight = singleFlight();
      same(flight.inFlight, 0, 'inFlight of a new SingleFlight');
      const a = deferred<number>();
      const b = deferred<number>();
      const calls = [flight.run('a', () => a.promise), flight.run('a', () => a.promise), flight.run('b', () => b.promise)];
      same(flight.inFlight, 2, 'inFlight with calls in flight for "a" (twice) and "b"');
      a.resolve(1);
      await calls[0];
      same(flight.inFlight, 1, 'inFlight once "a" settled');
      b.resolve(2);
      await Promise.all(calls);
      same(flight.inFlight, 0, 'inFlight once everything settled');
    });
  });

  describe('jitteredTtl', () => {
    check('maps random() linearly onto [baseMs·(1 − spread), baseMs·(1 + spread)]', { points: 3, hint: 'random() = 0 and random() close to 1 must give the two ends of the range: how wide is the range?' }, () => {
      for (const [base, spread] of [
        [1000, 0.2],
        [60_000, 0.5],
        [7, 0.9],
      ]) {
        const low = base * (1 - spread);
        const width = 2 * spread * base;
        const at = (r: number) => jitteredTtl(base, spread, () => r);
        // Either direction is uniform; the check accepts random() mapped up or down.
        const atZero = at(0);
        const upward = Math.abs(atZero - low) < 1e-9 * base;
        const downward = Math.abs(atZero - (low + width)) < 1e-9 * base;
        if (!upward && !downward) {
          fail(`jitteredTtl(${base}, ${spread}, () => 0) returned ${show(atZero)}; random() = 0 should give an end of the range ${show([low, low + width])}`);
        }
        for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
          const expected = upward ? low + width * r : low + width * (1 - r);
          near(at(r), expected, `jitteredTtl(${base}, ${spread}, () => ${r}) (range ${show([low, low + width])})`);
        }
      }
      same(jitteredTtl(500, 0, () => 0.7), 500, 'jitteredTtl(500, 0, () => 0.7) (spread 0: no jitter)');
    });

    check('uses Math.random by default', { points: 1 }, () => {
      const restore = fakeGlobal('Math.random', () => 0.5);
      try {
        near(jitteredTtl(1000, 0.2), 1000, 'jitteredTtl(1000, 0.2) with Math.random() returning 0.5');
      } finally {
        restore();
      }
      for (let i = 0; i < 200; i++) {
        const ttl = jitteredTtl(1000, 0.2);
        ensure(ttl >= 800 && ttl <= 1200, `jitteredTtl(1000, 0.2) returned ${ttl}, outside [800, 1200]`);
      }
    });

    check('rejects a baseMs ≤ 0 or a spread outside [0, 1) with a RangeError', { points: 1, hint: 'Validate both arguments before computing; remember that NaN compares false with everything.' }, () => {
      for (const spread of [-0.1, 1, 1.5, NaN]) throwsRangeError(() => jitteredTtl(1000, spread, () => 0.5), `jitteredTtl(1000, ${spread})`, 'spread');
      for (const base of [0, -5, NaN, Infinity]) throwsRangeError(() => jitteredTtl(base, 0.1, () => 0.5), `jitteredTtl(${base}, 0.1)`, 'baseMs');
    });
  });

  describe('shouldRefreshEarly', () => {
    check('is true exactly when now − computeMs·beta·ln(random()) ≥ expiresAt', { points: 3, hint: '`Math.log(random())` is ≤ 0: which way does it move the time you compare with expiresAt, and is equality a refresh?' }, () => {
      const cases: Array<[number, number, number, number, number, boolean]> = [
        // expiresAt, computeMs, now, beta, random, expected
        [1000, 100, 999, 1, 1, false], // ln(1) = 0: refresh only once expired
        [1000, 100, 1000, 1, 1, true], // at expiry: ≥
        [1000, 100, 900, 1, Math.exp(-1), true], // 900 + 100 = 1000 ≥ 1000
        [1000, 100, 899, 1, Math.exp(-1), false],
        [1000, 100, 800, 2, Math.exp(-1), true], // beta doubles the head start: 800 + 200
        [1000, 100, 799, 2, Math.exp(-1), false],
        [1000, 50, 900, 1, Math.exp(-2), true], // 900 + 50·2
        [1000, 50, 850, 1, Math.exp(-2), false],
        [5000, 0, 4999, 1, 0.01, false], // free to compute: never early
      ];
      for (const [expiresAt, computeMs, now, beta, r, expected] of cases) {
        const gap = -computeMs * beta * Math.log(r);
        same(
          shouldRefreshEarly(expiresAt, computeMs, now, beta, () => r),
          expected,
          `shouldRefreshEarly(expiresAt ${expiresAt}, computeMs ${computeMs}, now ${now}, beta ${beta}, random() = ${r.toFixed(4)}); ` +
            `now − computeMs·beta·ln(random()) = ${now + gap} vs expiresAt ${expiresAt}`,
        );
      }
    });

    check('beta defaults to 1 and random to Math.random', { points: 1 }, () => {
      same(shouldRefreshEarly(1000, 100, 900, undefined, () => Math.exp(-1)), true, 'shouldRefreshEarly(1000, 100, 900, undefined, () => e^-1)');
      same(shouldRefreshEarly(1000, 100, 899, undefined, () => Math.exp(-1)), false, 'shouldRefreshEarly(1000, 100, 899, undefined, () => e^-1)');
      const restore = fakeGlobal('Math.random', () => Math.exp(-1));
      try {
        same(shouldRefreshEarly(1000, 100, 900), true, 'shouldRefreshEarly(1000, 100, 900) with Math.random() = e^-1');
        same(shouldRefreshEarly(1000, 100, 899), false, 'shouldRefreshEarly(1000, 100, 899) with Math.random() = e^-1');
      } finally {
        restore();
      }
    });
  });

  describe('RedisLock', () => {
    const redis = useGradingRedis();

    function lock(options?: Reference.RedisLockOptions): Reference.RedisLock {
      const RedisLock = loadExport<typeof Reference.RedisLock>(FILE, 'RedisLock');
      return new RedisLock(redis(), options);
    }

    check('acquire takes a free lock and returns a token; a taken lock gives null', { points: 2, hint: 'Taking a lock means creating a key only if it does not exist yet, in one command.' }, async () => {
      const name = freshName('acquire');
      const token = await lock().acquire(name);
      ensure(typeof token === 'string' && token.length > 0, `acquire on a free lock should resolve to a token string, got ${show(token)}`);
      same(await redis().get(name), token, 'the value stored in Redis under the lock name (the token)');
      same(await lock().acquire(name), null, 'acquire of a lock that is already held');
    });

    check('the lock expires after ttlMs (SET … NX PX)', { points: 1, hint: 'A crashed holder must not keep the lock forever: give the key an expiry in the same command that creates it.' }, async () => {
      const name = freshName('ttl');
      await lock({ ttlMs: 3000 }).acquire(name);
      const pttl = await redis().pttl(name);
      ensure(pttl > 0 && pttl <= 3000, `PTTL of the lock key after acquire with ttlMs 3000: expected between 1 and 3000 ms, got ${pttl}` + (pttl === -1 ? ' (no expiry set)' : ''));
    });

    check('every acquisition gets a unique token', { points: 1, hint: 'A token must be unguessable and never repeat: Node’s crypto module has a function for exactly that.' }, async () => {
      const locks = lock();
      const tokens = new Set<string | null>();
      for (let i = 0; i < 5; i++) tokens.add(await locks.acquire(freshName('unique')));
      same(tokens.size, 5, 'distinct tokens from 5 acquisitions');
    });

    check("release with the owner's token frees the lock and returns true", { points: 2 }, async () => {
      const name = freshName('release');
      const locks = lock();
      const token = (await locks.acquire(name)) as string;
      same(await locks.release(name, token), true, "release(name, owner's token)");
      same(await redis().exists(name), 0, 'whether the lock key still exists after release');
      ensure((await locks.acquire(name)) !== null, 'acquire after release should succeed');
    });

    check('release with another token leaves the lock alone and returns false', { points: 3, hint: 'Only the owner may release: delete the key only if it still holds your token. Otherwise a slow client whose lock expired would release someone else’s lock.' }, async () => {
      const name = freshName('foreign');
      const locks = lock();
      const token = (await locks.acquire(name)) as string;
      same(await locks.release(name, 'not-the-token'), false, 'release(name, a wrong token)');
      same(await redis().get(name), token, 'the lock value after a release with a wrong token (the owner must keep it)');
      // The lock expired and someone else took it: the old owner must not release the new one.
      await redis().set(name, 'new-owner');
      same(await locks.release(name, token), false, 'release by the old owner after the lock passed to a new owner');
      same(await redis().get(name), 'new-owner', "the new owner's lock after the old owner's release attempt");
      same(await locks.release(freshName('absent'), token), false, 'release of a lock nobody holds');
    });

    check('release is an atomic compare-and-delete in a Lua script', { points: 2, hint: 'GET then DEL from the client can race (the lock may change hands in between): the comparison and the delete must happen in one step on the server.' }, async () => {
      const name = freshName('atomic');
      const locks = lock();
      const token = (await locks.acquire(name)) as string;
      const before = await scriptCalls(redis());
      await locks.release(name, token);
      const after = await scriptCalls(redis());
      ensure(after > before, 'release did not run a Lua script (no EVAL/EVALSHA/FCALL reached Redis), so the token check and the delete are not atomic');
      same(await redis().exists(name), 0, 'whether the lock key still exists after release');
    });

    check('withLock runs fn under the lock, returns its result and releases', { points: 2 }, async () => {
      const name = freshName('with');
      let heldDuringFn: unknown;
      const result = await lock().withLock(name, async () => {
        heldDuringFn = await redis().exists(name);
        return 42;
      });
      same(result, 42, 'withLock result (what fn returned)');
      same(heldDuringFn, 1, 'whether the lock key existed while fn ran');
      same(await redis().exists(name), 0, 'whether the lock key still exists after withLock');
    });

    check('withLock releases the lock when fn throws, and rejects with that error', { points: 2, hint: 'The lock must be released on every way out of fn, a throw included.' }, async () => {
      const name = freshName('throws');
      const failure = new Error('boom');
      const result = await outcome(lock().withLock(name, () => Promise.reject(failure)));
      ensure(result.error === failure, `withLock should reject with fn's error "boom", got ${result.error === undefined ? show(result) : describeError(result.error)}`);
      same(await redis().exists(name), 0, 'whether the lock key still exists after fn threw');
    });

    check('withLock waits for a held lock, retrying until it is free', { points: 2, hint: 'A lock held by someone else is not a failure yet: try again after a pause, until the deadline.' }, async () => {
      const name = freshName('wait');
      const locks = lock({ retryDelayMs: 5, timeoutMs: 3000 });
      const holder = (await locks.acquire(name)) as string;
      setTimeout(() => void locks.release(name, holder), 60);
      const started = Date.now();
      const result = await outcome(locks.withLock(name, async () => 'got it'));
      ensure(result.value === 'got it', `withLock on a lock released after ~60 ms should wait and then run fn, got ${result.error === undefined ? show(result) : describeError(result.error)}`);
      ensure(Date.now() - started >= 40, 'withLock ran fn while the lock was still held by someone else');
    });

    check("withLock gives up after timeoutMs with an error named 'LockTimeoutError'", { points: 2, hint: "Reject with an Error whose `name` is 'LockTimeoutError' once `timeoutMs` has passed without acquiring." }, async () => {
      const name = freshName('timeout');
      await lock({ ttlMs: 10_000 }).acquire(name);
      let ran = false;
      const setsBefore = await commandCalls(redis(), 'set');
      const started = Date.now();
      const result = await outcome(
        lock({ retryDelayMs: 10, timeoutMs: 150 }).withLock(name, async () => {
          ran = true;
        }),
      );
      const waited = Date.now() - started;
      same(ran, false, 'whether fn ran although the lock was held');
      ensure(result.error instanceof Error && result.error.name === 'LockTimeoutError', `withLock on a held lock should reject with an error named "LockTimeoutError", got ${result.error === undefined ? show(result) : describeError(result.error)}`);
      ensure(waited >= 100, `withLock gave up after ${waited} ms, before timeoutMs (150 ms)`);
      ensure(waited < 1500, `withLock gave up after ${waited} ms, long after timeoutMs (150 ms)`);
      const attempts = (await commandCalls(redis(), 'set')) - setsBefore;
      ensure(
        attempts >= 5 && attempts <= 40,
        `withLock tried to acquire ${attempts} times in 150 ms with retryDelayMs 10; expected about 15 (one attempt, then one every retryDelayMs)`,
      );
    });

    check('concurrent withLock calls on one name never overlap', { points: 2 }, async () => {
      const name = freshName('mutex');
      const locks = lock({ retryDelayMs: 2, timeoutMs: 5000 });
      let inside = 0;
      let maxInside = 0;
      let runs = 0;
      await Promise.all(
        Array.from({ length: 5 }, () =>
          locks.withLock(name, async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await new Promise((resolve) => setTimeout(resolve, 5));
            inside--;
            runs++;
          }),
        ),
      );
      same(runs, 5, 'how many of the 5 concurrent withLock calls ran fn');
      if (maxInside > 1) fail(`${maxInside} withLock callers were inside fn at the same time; a lock admits one`);
    });
  });
});
