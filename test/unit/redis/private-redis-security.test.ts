import { expect } from 'chai';
import { PrivateRedis, redisServerAvailable, startPrivateRedis } from '../../../lib/redis/private-redis';
import { connectRedis } from '../../../lib/redis/redis-client';
import { commandWorks, requireProgram } from '../../support/services';

describe('startPrivateRedis with ACL users and TLS (real redis-server)', function () {
  this.timeout(30_000);
  let server: PrivateRedis | undefined;

  before(async function () {
    requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
    requireProgram(this, 'openssl', commandWorks('openssl', ['version']), 'install it with `sudo apt-get install openssl`.');
    server = await startPrivateRedis({ tls: true, users: [{ name: 'cache-app', password: 's3cret', keyPatterns: ['cache:*'], commands: ['get', 'set'] }] });
  });
  after(async () => {
    await server?.stop();
  });

  it('serves TLS only, on a rediss:// URL, with a CA the client can trust', async () => {
    const s = server as PrivateRedis;
    expect(s.url).to.match(/^rediss:\/\/127\.0\.0\.1:\d+$/);
    expect(s.tls?.ca).to.match(/BEGIN CERTIFICATE/);
    const client = connectRedis(s);
    try {
      expect(await client.ping()).to.equal('PONG');
      expect(await client.config('GET', 'port')).to.deep.equal(['port', '0']);
    } finally {
      client.disconnect();
    }
  });

  it('refuses a client that does not trust the throwaway CA', async () => {
    const errors: Error[] = [];
    const client = connectRedis((server as PrivateRedis).url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, onError: (e) => errors.push(e) });
    const outcome = await client.connect().then(
      () => 'connected',
      (error: Error) => error.message,
    );
    client.disconnect();
    expect(outcome).to.not.equal('connected');
    expect(errors.map((e) => e.message).join(' | ')).to.match(/self[- ]signed|unable to verify|certificate/i);
  });

  it('limits an ACL user to its key patterns and commands', async () => {
    // No ready check: it runs INFO, which this user may not run.
    const client = connectRedis(server as PrivateRedis, { username: 'cache-app', password: 's3cret', enableReadyCheck: false });
    try {
      expect(await client.set('cache:product:1', 'x')).to.equal('OK');
      expect(await client.get('cache:product:1')).to.equal('x');
      const outsideKeys = await client.set('user:1:email', 'x').catch((e: Error) => e.message);
      expect(outsideKeys).to.match(/NOPERM/);
      const forbiddenCommand = await client.del('cache:product:1').catch((e: Error) => e.message);
      expect(forbiddenCommand).to.match(/NOPERM.*del/i);
      const errors: Error[] = [];
      const wrongPassword = connectRedis(server as PrivateRedis, { username: 'cache-app', password: 'nope', lazyConnect: true, retryStrategy: () => null, onError: (e) => errors.push(e) });
      const refused = await wrongPassword.connect().then(() => 'connected', (e: Error) => e.message);
      wrongPassword.disconnect();
      expect(refused).to.not.equal('connected');
      expect(`${refused} | ${errors.map((e) => e.message).join(' | ')}`).to.match(/WRONGPASS/);
    } finally {
      client.disconnect();
    }
  });

  it('rejects malformed ACL users before starting anything', async () => {
    let thrown: unknown;
    try {
      await startPrivateRedis({ users: [{ name: 'two words', password: 'p', keyPatterns: [], commands: [] }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TypeError);
    expect((thrown as Error).message).to.match(/users\[\]\.name/);
  });
});

describe('startPrivateRedis snapshots (real redis-server)', function () {
  this.timeout(30_000);
  before(function () {
    requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
  });

  it('has no snapshots by default, so a restart empties it; with `snapshots: true` the stock rules save on shutdown', async () => {
    for (const snapshots of [false, true]) {
      const server = await startPrivateRedis({ snapshots });
      const client = connectRedis(server, { retryStrategy: () => 20 });
      try {
        const [, save] = (await client.config('GET', 'save')) as string[];
        expect(save).to.equal(snapshots ? '3600 1 300 100 60 10000' : '');
        await client.set('survives', 'yes');
        await server.restart();
        for (let i = 0; i < 50 && client.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
        expect(await client.get('survives'), `snapshots: ${snapshots}`).to.equal(snapshots ? 'yes' : null);
      } finally {
        client.disconnect();
        await server.stop();
      }
    }
  });
});
