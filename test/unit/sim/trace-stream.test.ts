import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { encodeOracleGeneral, withNextAccess } from '../../../lib/sim/oracle-general-format';
import { readTrace } from '../../../lib/sim/trace-reader';
import { traceFileKind } from '../../../lib/sim/trace-format';
import { readTraceRequests, streamTrace } from '../../../lib/sim/trace-stream';
import { commandWorks, requireProgram } from '../../support/services';

describe('streamTrace (text, key,size CSV and oracleGeneral; plain, gzip, zstd)', () => {
  let dir: string;
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const failure = async (path: string, options = {}): Promise<Error> => {
    try {
      await readTraceRequests(path, options);
    } catch (error) {
      return error as Error;
    }
    throw new Error(`reading ${path} did not fail`);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trace-stream-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('tells the format and compression from the file name', () => {
    expect(traceFileKind('data/gli.trace.gz')).to.deep.equal({ format: 'text', compression: 'gzip' });
    expect(traceFileKind('cdn.csv')).to.deep.equal({ format: 'csv', compression: 'none' });
    expect(traceFileKind('/x/w01.oracleGeneral.zst')).to.deep.equal({ format: 'oracleGeneral', compression: 'zstd' });
    expect(traceFileKind('a.oracleGeneral.bin')).to.deep.equal({ format: 'oracleGeneral', compression: 'none' });
    expect(() => traceFileKind('')).to.throw(TypeError, /path/);
  });

  it('reads text traces (plain and gzip) as size-1 requests, skipping blank lines and * separators', async () => {
    const text = '5\n\n6\r\n*\n 7 \n5\n';
    const expected = [5, 6, 7, 5].map((key) => ({ key, size: 1 }));
    expect(await readTraceRequests(file('a.trace', text))).to.deep.equal(expected);
    expect(await readTraceRequests(file('a.trace.gz', gzipSync(text)))).to.deep.equal(expected);
  });

  it('reads the shipped gli trace exactly as the array reader does', async () => {
    const path = join(__dirname, '..', '..', '..', 'data', 'traces', 'gli.trace.gz');
    const keys = (await readTraceRequests(path)).map((request) => request.key);
    expect(keys).to.deep.equal(readTrace(path));
  });

  it('names the line of a malformed text or CSV request', async () => {
    expect((await failure(file('bad.trace', '1\n2\nx\n'))).message).to.match(/line 3/);
    const csv = await failure(file('bad.csv', 'key,size\na,10\nb,0\n'));
    expect(csv).to.be.instanceOf(RangeError);
    expect(csv.message).to.match(/line 3 size must be a positive integer/);
    expect((await failure(file('nocomma.csv', 'a10\n'))).message).to.match(/line 1 must be "key,size"/);
  });

  it('reads key,size CSV with an optional header; integer keys become numbers, others stay text', async () => {
    const csv = 'Key,Size\n42,100\n\nuser:7,2048\n007,1\n18446744073709551615,5\n';
    expect(await readTraceRequests(file('t.csv', csv))).to.deep.equal([
      { key: 42, size: 100 },
      { key: 'user:7', size: 2048 },
      { key: '007', size: 1 },
      { key: '18446744073709551615', size: 5 },
    ]);
    expect(await readTraceRequests(file('t.csv.gz', gzipSync(csv)))).to.have.length(4);
  });

  it('reads oracleGeneral records (plain and gzip), ids beyond 2^53 as decimal strings', async () => {
    const records = withNextAccess([
      { timestamp: 1, id: 1, size: 10 },
      { timestamp: 2, id: '18446744073709551615', size: 4000000000 },
      { timestamp: 3, id: 1, size: 10 },
    ]);
    const bytes = encodeOracleGeneral(records);
    expect(bytes.length).to.equal(72);
    expect(bytes.readBigInt64LE(16)).to.equal(BigInt(2)); // next access of the first request
    const expected = [
      { key: 1, size: 10 },
      { key: '18446744073709551615', size: 4000000000 },
      { key: 1, size: 10 },
    ];
    expect(await readTraceRequests(file('t.oracleGeneral', bytes))).to.deep.equal(expected);
    expect(await readTraceRequests(file('t.oracleGeneral.gz', gzipSync(bytes)))).to.deep.equal(expected);
    expect(await readTraceRequests(file('t.bin', bytes), { format: 'oracleGeneral' })).to.deep.equal(expected);
  });

  it('reads records split across stream chunks (a trace larger than one chunk)', async () => {
    // 10,000 records = 240,000 bytes: several 64 KiB read chunks, none a multiple of 24 bytes.
    const records = Array.from({ length: 10_000 }, (_, index) => ({ id: index % 997, size: 1 + (index % 13) }));
    const path = file('big.oracleGeneral', encodeOracleGeneral(records));
    const keys: unknown[] = [];
    const sizes: number[] = [];
    for await (const request of streamTrace(path)) {
      keys.push(request.key);
      sizes.push(request.size);
    }
    expect(keys).to.deep.equal(records.map((record) => record.id));
    expect(sizes).to.deep.equal(records.map((record) => record.size));
  });

  it('fails on a truncated oracleGeneral record, naming it, after yielding the whole ones', async () => {
    const bytes = encodeOracleGeneral([{ id: 1 }, { id: 2 }]).subarray(0, 24 + 10);
    const seen: unknown[] = [];
    let error: Error | undefined;
    try {
      for await (const request of streamTrace(file('cut.oracleGeneral', bytes))) seen.push(request.key);
    } catch (caught) {
      error = caught as Error;
    }
    expect(seen).to.deep.equal([1]);
    expect(error).to.be.instanceOf(RangeError);
    expect(error?.message).to.match(/truncated: record 1 has 10 of 24 bytes/);
  });

  it('rejects out-of-range fields when encoding oracleGeneral', () => {
    expect(() => encodeOracleGeneral([{ id: -1 }])).to.throw(RangeError, /records\[0\]\.id/);
    expect(() => encodeOracleGeneral([{ id: 1, size: 2 ** 32 }])).to.throw(RangeError, /records\[0\]\.size/);
    expect(() => encodeOracleGeneral([{ id: 1, nextAccess: -2 }])).to.throw(RangeError, /nextAccess/);
  });

  it("fails with the file's error for a missing file and with zlib's for a corrupt .gz", async () => {
    expect((await failure(join(dir, 'missing.trace'))).message).to.match(/ENOENT/);
    expect((await failure(file('corrupt.trace.gz', Buffer.from('not gzip at all')))).message).to.match(/header|gzip|incorrect/i);
  });

  it('says clearly that .zst needs the zstd command when it is missing', async () => {
    const path = file('t.oracleGeneral.zst', Buffer.alloc(24));
    const error = await failure(path, { zstdCommand: 'zstd-not-installed-here' });
    expect(error.message).to.match(/no zstd decoder/).and.match(/not installed/).and.match(/apt-get install zstd/);
  });

  describe('zstd through the zstd CLI', function () {
    before(function () {
      requireProgram(this, 'zstd', commandWorks('zstd', ['--version']), 'apt-get install zstd (Debian/Ubuntu) or brew install zstd');
    });

    it('streams a .zst oracleGeneral trace, and fails on a corrupt one', async () => {
      const raw = file('z.oracleGeneral', encodeOracleGeneral([{ id: 5, size: 9 }, { id: 6, size: 1 }]));
      expect(spawnSync('zstd', ['-q', '-f', raw, '-o', `${raw}.zst`]).status).to.equal(0);
      expect(await readTraceRequests(`${raw}.zst`)).to.deep.equal([
        { key: 5, size: 9 },
        { key: 6, size: 1 },
      ]);
      expect((await failure(file('bad.oracleGeneral.zst', Buffer.from('garbage')))).message).to.match(/zstd -dc .* failed/);
    });
  });
});
