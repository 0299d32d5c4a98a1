import { expect } from 'chai';
import { startRedisClientProcess } from '../../../lib/redis/redis-client-process';
import { usePrivateRedis } from '../../support/services';

describe('startRedisClientProcess (a real child process against a private redis-server)', function () {
  this.timeout(30_000);
  const server = usePrivateRedis();

  it('runs commands in a separate process whose writes another process reads', async () => {
    const [a, b] = await Promise.all([startRedisClientProcess(server().url), startRedisClientProcess(server().url)]);
    try {
      expect(a.pid).to.not.equal(process.pid).and.not.equal(b.pid);
      expect(await a.call('set', 'shared', 'from A', 'PX', 5_000)).to.equal('OK');
      expect(await b.call('get', 'shared')).to.equal('from A');
      expect(await b.call('eval', "return redis.call('incr', KEYS[1])", 1, 'counter')).to.equal(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("rejects with Redis's message when a command fails, and refuses calls after stop()", async () => {
    const client = await startRedisClientProcess(server().url);
    let error: unknown;
    await client.call('nosuchcommand').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/unknown command/i);
    await client.stop();
    await client.stop();
    error = undefined;
    await client.call('ping').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/stopped/);
  });

  it('rejects a bad URL, naming it', () => {
    expect(() => startRedisClientProcess('localhost:6379')).to.throw(TypeError, /url/);
  });
});
