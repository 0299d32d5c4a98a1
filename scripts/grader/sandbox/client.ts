/**
 * The judge's side of the sandbox: starts the sandbox process, and makes calls into learner code
 * look synchronous. A call writes a request, then blocks reading the reply pipe; the judge keeps
 * its own clock through a watchdog thread (watchdog.ts): at the check's deadline it kills the
 * sandbox's process group, the read returns, the check fails with a timeout, and the next call
 * starts a fresh sandbox. While it waits it also answers the sandbox's callbacks (onEvict,
 * `now()`, SingleFlight's `fn`), which run here, in the judge, with the suite's own closures.
 * Between calls a 1 ms pump delivers settled promises and asynchronous callbacks.
 */
import { spawn, spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import ts from 'typescript';
import { SandboxOp, ToJudge, ToSandbox, decode, encode } from './codec';
import { FrameReader, frame } from './frames';
import { GRADE_TMP_ENV, killGroup, killTagged, RUN_TAG_ENV, zombieStatus } from './process-tree';
import { JudgePeer } from './judge-peer';
import { SandboxFailure } from './sandbox-failure';
import { asError } from './thrown-value';
import { Watchdog } from './watchdog';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export { SandboxFailure };

/** Where a grading run keeps its temporary files: the grader's own folder when it made one (it removes it, whatever happens to the judge). */
export function graderTmpdir(): string {
  return process.env[GRADE_TMP_ENV] || tmpdir();
}

/** Heap limit of the sandbox, in MB: beyond it the check fails with "ran out of memory". */
export const SANDBOX_HEAP_MB = 512;
const START_TIMEOUT_MS = 15_000;
const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/** The running check's time limit, set by `check()` and `preload()` (see test/grading/support). */
let deadline: { at: number; ms: number; extend?: (ms: number) => void } | undefined;

/** Told how long each (re)start of a sandbox took, e.g. to give the parent's watchdog that time too. */
let startupListener: ((ms: number) => void) | undefined;

/**
 * Starts the clock of a check (or set-up step) that may take `ms` in all; returns it for
 * {@link stopCheckClock}. Starting a fresh sandbox is not the learner's time: `extend` is told
 * how long it took, and the deadline moves by as much.
 */
export function startCheckClock(ms: number, extend?: (ms: number) => void): object {
  deadline = { at: Date.now() + ms, ms, extend };
  return deadline;
}

/** Registers the one listener told about sandbox start-up times and other extra time (the judge's reporter). */
export function onSandboxStartup(listener: (ms: number) => void): void {
  startupListener = listener;
}

/** Tells the listener (and so the parent's watchdog) that the current step may take `ms` longer than declared. */
export function grantExtraTime(ms: number): void {
  if (ms > 0) startupListener?.(ms);
}

/** Stops `clock` if it still runs (a check that ended late must not stop the next one's). */
export function stopCheckClock(clock: object): void {
  if (deadline === clock) deadline = undefined;
}

let runtimeMain: string | undefined;
/** Transpiles the sandbox's own three files once per judge process; returns the entry point. */
function sandboxRuntime(): string {
  if (runtimeMain === undefined) {
    const dir = mkdtempSync(join(graderTmpdir(), 'cachecraft-sandbox-'));
    for (const name of ['main', 'codec', 'frames']) {
      const source = readFileSync(join(__dirname, `${name}.ts`), 'utf8');
      const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
      writeFileSync(join(dir, `${name}.js`), output.outputText);
    }
    runtimeMain = join(dir, 'main.js');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return runtimeMain;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** One sandbox process and the judge's end of its three pipes. */
export class Sandbox {
  private static current: Sandbox | undefined;
  private static generation = 0;
  private static exitHooked = false;

  /** The live sandbox, started (or restarted after a kill) on demand. */
  static get(): Sandbox {
    if (Sandbox.current?.watchdog.fired) Sandbox.current.kill();
    if (Sandbox.current === undefined || !Sandbox.current.alive) {
      const started = Date.now();
      Sandbox.current = new Sandbox(++Sandbox.generation);
      const took = Date.now() - started;
      if (deadline !== undefined) {
        deadline.at += took;
        deadline.extend?.(took);
      }
      startupListener?.(took);
    }
    return Sandbox.current;
  }

  /** Kills the sandbox, if any, and every process of this run it left behind. */
  static shutdown(): void {
    Sandbox.current?.kill();
    Sandbox.current = undefined;
  }

  readonly generation: number;
  readonly pid: number;
  readonly tag: string;
  private alive = true;
  private readonly dir: string;
  private readonly requests: number;
  /** Non-blocking end of the reply pipe, for the pump and for start-up. */
  private readonly replies: number;
  /** Blocking end of the same pipe, for waiting on a reply (see watchdog.ts). */
  private repliesBlocking = -1;
  private readonly watchdog: Watchdog;
  /** Nesting depth of blocking calls (a callback may call back into the sandbox). */
  private armed = 0;
  private readonly answers: number;
  private readonly stderrFile: string;
  private readonly reader = new FrameReader();
  private readonly inbox: ToJudge[] = [];
  private readonly chunk = Buffer.alloc(1 << 16);
  private nextId = 1;
  /** > 0 while the sandbox blocks on one of our callbacks: requests then go on the answer pipe. */
  private blocked = 0;
  private readonly pump: NodeJS.Timeout;
  private readonly peer: JudgePeer;

  private constructor(generation: number) {
    this.generation = generation;
    this.tag = process.env[RUN_TAG_ENV] || randomUUID();
    this.dir = mkdtempSync(join(graderTmpdir(), 'cachecraft-run-'));
    const fifo = (name: string) => {
      const path = join(this.dir, name);
      const made = spawnSync('mkfifo', ['-m', '600', path]);
      if (made.status !== 0) throw new Error(`the grader could not create a pipe with mkfifo: ${made.stderr?.toString() ?? made.error}`);
      return path;
    };
    const paths = { requests: fifo('requests'), replies: fifo('replies'), answers: fifo('answers') };
    // O_RDWR never blocks on a FIFO and keeps our end open whatever the sandbox does.
    this.requests = openSync(paths.requests, constants.O_RDWR | constants.O_NONBLOCK);
    this.answers = openSync(paths.answers, constants.O_RDWR | constants.O_NONBLOCK);
    this.replies = openSync(paths.replies, constants.O_RDONLY | constants.O_NONBLOCK);
    this.stderrFile = join(this.dir, 'stderr');
    const stderr = openSync(this.stderrFile, 'w');
    const home = join(this.dir, 'home');
    mkdirSync(home);
    const config = { ...paths, ioredis: require.resolve('ioredis', { paths: [REPO_ROOT] }) };
    const child = spawn(process.execPath, ['--enable-source-maps', `--max-old-space-size=${SANDBOX_HEAP_MB}`, '--stack-trace-limit=30', sandboxRuntime(), JSON.stringify(config)], {
      cwd: home,
      detached: true,
      stdio: ['ignore', 'ignore', stderr],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        LANG: 'C.UTF-8',
        NODE_PATH: join(REPO_ROOT, 'node_modules'),
        [RUN_TAG_ENV]: this.tag,
      },
    });
    closeSync(stderr);
    child.on('error', () => undefined);
    child.unref(); // a plain mocha run may end while a sandbox is up: the exit hook kills it
    this.pid = child.pid ?? -1;
    this.peer = new JudgePeer(this, (promise, ok, value) => {
      if (this.alive) this.write(this.requests, { t: 'settle', promise, ok, value }, { at: Date.now() + DEFAULT_CALL_TIMEOUT_MS, ms: DEFAULT_CALL_TIMEOUT_MS }, 'settling a promise');
    });
    this.watchdog = new Watchdog(this.pid, RUN_TAG_ENV, process.env[RUN_TAG_ENV] ? undefined : this.tag);
    const started = this.poll({ at: Date.now() + START_TIMEOUT_MS, ms: START_TIMEOUT_MS }, 'starting the sandbox', true);
    if (started.t !== 'ready') throw new SandboxFailure(`the grader's sandbox did not start properly`);
    // The sandbox holds its write end now, so a blocking open returns at once; this end reads
    // end-of-file as soon as the sandbox is gone.
    this.repliesBlocking = openSync(paths.replies, constants.O_RDONLY);
    this.pump = setInterval(() => this.drain(), 1);
    this.pump.unref();
    if (!Sandbox.exitHooked) {
      Sandbox.exitHooked = true;
      process.once('exit', () => Sandbox.shutdown());
    }
  }

  /** Runs one request in the sandbox and returns its decoded result, or throws what it threw. */
  call(op: SandboxOp, what: string): unknown {
    if (!this.alive || this.watchdog.fired) throw new SandboxFailure(`this object belonged to an earlier sandbox, which the grader stopped`);
    const id = this.nextId++;
    const limit = deadline ?? { at: Date.now() + DEFAULT_CALL_TIMEOUT_MS, ms: DEFAULT_CALL_TIMEOUT_MS };
    // Armed only while we block: an asynchronous check waits with mocha's own timer, and the
    // sandbox, idle meanwhile, must survive it (its module state is part of what is graded).
    if (this.armed++ === 0) this.watchdog.arm(limit.at);
    try {
      this.write(this.blocked > 0 ? this.answers : this.requests, { t: 'call', id, op }, limit, what);
      for (;;) {
        const message = this.read(limit, what);
        if (message.t === 'reply' && message.id === id) {
          const value = decode(message.value, this.peer);
          if (message.ok) return value;
          throw asError(value);
        }
        this.dispatch(message);
      }
    } finally {
      if (--this.armed === 0) this.watchdog.disarm();
    }
  }

  /** The next message, blocking; the watchdog's kill or the sandbox's death ends the wait. */
  private read(limit: { at: number; ms: number }, what: string): ToJudge {
    if (this.inbox.length > 0) return this.inbox.shift() as ToJudge;
    for (;;) {
      const ready = this.reader.next() as ToJudge | undefined;
      if (ready !== undefined) return ready;
      const n = readSync(this.repliesBlocking, this.chunk, 0, this.chunk.length, null);
      if (n === 0) {
        if (this.watchdog.fired || Date.now() >= limit.at) {
          this.kill();
          throw new SandboxFailure(`timed out after ${limit.ms} ms in \`${what}\` — does your loop terminate?`);
        }
        this.died(what);
      }
      this.reader.push(this.chunk.subarray(0, n));
    }
  }

  /** Encodes a value for the sandbox (functions and promises become live links). */
  encode(value: unknown): unknown {
    return encode(value, this.peer);
  }

  /** Kills the sandbox's process group and anything else carrying the run's tag. */
  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    clearInterval(this.pump);
    this.watchdog?.stop();
    killGroup(this.pid);
    if (!process.env[RUN_TAG_ENV]) killTagged(this.tag);
    for (const fd of [this.requests, this.replies, this.answers, this.repliesBlocking]) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    const failure = new SandboxFailure('the sandbox running your code was stopped before this promise settled');
    this.peer.rejectAll(failure);
    rmSync(this.dir, { recursive: true, force: true });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Handles messages that arrive between calls (the 1 ms pump). */
  private drain(): void {
    if (!this.alive) return;
    try {
      for (let message = this.tryRead(); message !== undefined && this.alive; message = this.tryRead()) this.dispatch(message);
    } catch (error) {
      if (!(error instanceof SandboxFailure)) throw error;
    }
  }

  private dispatch(message: ToJudge): void {
    if (message.t === 'callback') {
      const fn = this.peer.callback(message.fn);
      let answer: ToSandbox;
      this.blocked++;
      try {
        if (fn === undefined) throw new Error('the grader no longer has this callback');
        const result = fn(...(decode(message.args, this.peer) as unknown[]));
        answer = { t: 'answer', id: message.id, ok: true, value: encode(result, this.peer) };
      } catch (error) {
        answer = { t: 'answer', id: message.id, ok: false, value: encode(error, this.peer) };
      } finally {
        this.blocked--;
      }
      if (this.alive) this.write(this.answers, answer, { at: Date.now() + DEFAULT_CALL_TIMEOUT_MS, ms: DEFAULT_CALL_TIMEOUT_MS }, 'a callback');
    } else if (message.t === 'settle') {
      this.peer.settle(message.promise, message.ok, decode(message.value, this.peer));
    }
  }

  /** The next message, waiting until `limit`; a timeout or the sandbox's death throws a SandboxFailure. */
  private poll(limit: { at: number; ms: number }, what: string, starting = false): ToJudge {
    let idle = 0;
    for (;;) {
      const message = this.tryRead(starting);
      if (message !== undefined) return message;
      if (Date.now() >= limit.at) {
        this.kill();
        throw new SandboxFailure(starting ? `the grader's sandbox did not start within ${limit.ms} ms` : `timed out after ${limit.ms} ms in \`${what}\` — does your loop terminate?`);
      }
      if (starting && zombieStatus(this.pid) !== undefined) this.died(what);
      // Spin briefly (a reply usually comes within microseconds), then sleep in short steps.
      idle++;
      if (idle > 200) Atomics.wait(sleeper, 0, 0, idle > 2000 ? 1 : 0.05);
    }
  }

  /** One message if a whole one is available, without blocking. */
  private tryRead(starting = false): ToJudge | undefined {
    if (this.inbox.length > 0) return this.inbox.shift();
    for (;;) {
      const ready = this.reader.next() as ToJudge | undefined;
      if (ready !== undefined) return ready;
      let n: number;
      try {
        n = readSync(this.replies, this.chunk, 0, this.chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return undefined;
        if (!this.alive) throw new SandboxFailure('the sandbox was stopped');
        throw error;
      }
      if (n === 0) {
        if (starting) return undefined; // no writer yet
        this.died('');
      }
      this.reader.push(this.chunk.subarray(0, n));
    }
  }

  /** Writes a message without blocking forever: a full pipe is drained into the inbox meanwhile. */
  private write(fd: number, message: ToSandbox, limit: { at: number; ms: number }, what: string): void {
    const bytes = frame(message);
    let written = 0;
    while (written < bytes.length) {
      try {
        written += writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        const incoming = this.tryRead();
        if (incoming !== undefined) this.inbox.push(incoming);
        if (Date.now() >= limit.at) {
          this.kill();
          throw new SandboxFailure(`timed out after ${limit.ms} ms in \`${what}\` — does your loop terminate?`);
        }
        Atomics.wait(sleeper, 0, 0, 0.1);
      }
    }
  }

  private died(what: string): never {
    let stderr = '';
    try {
      stderr = readFileSync(this.stderrFile, 'utf8').slice(-8000);
    } catch {
      // gone
    }
    let status = zombieStatus(this.pid);
    for (let waited = 0; status === undefined && waited < 100; waited++) {
      Atomics.wait(sleeper, 0, 0, 2);
      status = zombieStatus(this.pid);
    }
    this.kill();
    const during = what ? ` during \`${what}\`` : '';
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
      throw new SandboxFailure(
        `your code ran out of memory${during} (the grader gives it ${SANDBOX_HEAP_MB} MB of heap) — does it allocate room for the whole capacity up front, or keep entries it should drop?`,
      );
    }
    const how = status === undefined ? '' : status.signal !== null ? ` (killed by signal ${status.signal})` : ` (exit code ${status.code})`;
    throw new SandboxFailure(`your code ended its process${during}${how} — does it call process.exit() or crash Node?`);
  }
}
