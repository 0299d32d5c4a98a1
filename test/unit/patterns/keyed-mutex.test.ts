import { expect } from 'chai';
import { KeyedMutex } from '../../../lib/patterns/keyed-mutex';
import { deferred } from '../../support/deferred';
import { settle } from '../../support/fake-timers';

describe('KeyedMutex', () => {
  it('runs sections of one key one at a time, in order, and other keys in parallel', async () => {
    const mutex = new KeyedMutex();
    const gate = deferred<void>();
    const log: string[] = [];
    const a1 = mutex.run('a', async () => {
      log.push('a1 start');
      await gate.promise;
      log.push('a1 end');
    });
    const a2 = mutex.run('a', async () => void log.push('a2'));
    const b = mutex.run('b', async () => void log.push('b'));
    await b;
    expect(log).to.deep.equal(['a1 start', 'b']);
    gate.resolve();
    await Promise.all([a1, a2]);
    expect(log).to.deep.equal(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('a failing section rejects its caller only, and the key is forgotten afterwards', async () => {
    const mutex = new KeyedMutex();
    const failing = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 42);
    let error: unknown;
    await failing.catch((e) => (error = e));
    expect((error as Error).message).to.equal('boom');
    expect(await next).to.equal(42);
    await settle();
    expect(mutex.activeKeys).to.equal(0);
  });
});
