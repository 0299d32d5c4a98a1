import { ChildProcess, spawn } from 'child_process';
import { openSync } from 'fs';
import { join } from 'path';
import { freePort } from '../../lib/redis/private-redis';
import { root } from './notebooks';
import { waitForJson } from './wait-for-json';

/** A running `npm start` Notebook server that a test started and must stop. */
export interface CourseServer {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  token: string;
  /** The server's own output (Jupyter's log and the kernels' stderr), for diagnosing failures. */
  logFile: string;
  stop(): Promise<void>;
}

/** What the server is started with beyond what `npm start` does on its own. */
export interface CourseServerOptions {
  notebookDir: string;
  /** Extra environment for the server and so for every kernel it starts (e.g. CACHECRAFT_QUICK). */
  env?: Record<string, string>;
  logFile: string;
  startTimeoutMs?: number;
}

/**
 * Starts the course's classic Notebook exactly as `npm start -- --no-browser --port P` does
 * (scripts/start.js: the project's .jupyter/ kernelspec, lib/ compiled if stale), on a free port
 * with a token the test knows, and waits until its API answers.
 */
export async function startCourseServer(options: CourseServerOptions): Promise<CourseServer> {
  const port = await freePort();
  const token = `cachecraft-live-ui-${port}`;
  const log = openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'scripts', 'start.js'), '--no-browser', `--port=${port}`, '--ip=127.0.0.1', `--notebook-dir=${options.notebookDir}`],
    {
      env: { ...process.env, ...options.env, JUPYTER_TOKEN: token, CACHECRAFT_UI: 'notebook' },
      stdio: ['ignore', log, log],
      // Its own process group, so stopping it also stops Jupyter and every kernel it started.
      detached: true,
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]);
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForJson(`${baseUrl}/api/status?token=${token}`, options.startTimeoutMs ?? 60_000),
      exited.then(() => {
        throw new Error(`npm start exited before its server answered; see ${options.logFile}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, token, logFile: options.logFile, stop };
}
