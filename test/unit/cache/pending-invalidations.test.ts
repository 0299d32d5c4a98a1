import { expect } from 'chai';
import { PendingInvalidations } from '../../../lib/cache/pending-invalidations';

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    ops: {
      deleteKeys: async (keys: string[]) => void calls.push(`del ${keys.join(',')}`),
      deletePrefix: async (prefix: string) => void calls.push(`prefix ${prefix}`),
    },
  };
}

describe('PendingInvalidations', () => {
  it('replays prefixes, then keys, and is empty afterwards', async () => {
    const pending = new PendingInvalidations();
    pending.addKey('ns:a');
    pending.addKey('ns:a');
    pending.addPrefix('ns:user:');
    expect(pending.count).to.equal(2);
    const { calls, ops } = recorder();
    await pending.replay(ops);
    expect(calls).to.deep.equal(['prefix ns:user:', 'del ns:a']);
    expect(pending.empty).to.equal(true);
  });

  it('degrades to one full clear past maxKeys, which is always safe', async () => {
    const pending = new PendingInvalidations(2);
    pending.addKey('a');
    pending.addKey('b');
    pending.addKey('c');
    expect(pending.count).to.equal(1);
    const { calls, ops } = recorder();
    await pending.replay(ops);
    expect(calls).to.deep.equal(['prefix ']);
  });

  it('keeps everything pending when the replay fails', async () => {
    const pending = new PendingInvalidations();
    pending.addKey('a');
    let error: unknown;
    await pending
      .replay({ deleteKeys: async () => Promise.reject(new Error('down')), deletePrefix: async () => undefined })
      .catch((e) => (error = e));
    expect((error as Error).message).to.equal('down');
    expect(pending.count).to.equal(1);
  });

  it('validates maxKeys', () => {
    expect(() => new PendingInvalidations(0)).to.throw(RangeError, /maxKeys/);
  });
});
