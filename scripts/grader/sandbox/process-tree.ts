/**
 * Ending everything learner code started. The sandbox leads its own process group, so one
 * signal reaches it and the children it forked; a child spawned with `detached: true` leads a
 * new group, but it inherits the run's tag in its environment, so a scan of /proc finds it.
 * (Code that clears its environment and calls setsid escapes both: see the README's
 * "Grading untrusted code".)
 */
import { readFileSync, readdirSync } from 'fs';

/** The environment variable naming the folder a grading run keeps its temporary files in. */
export const GRADE_TMP_ENV = 'CACHECRAFT_GRADE_TMP';

/** The environment variable that marks every process of one grading run. */
export const RUN_TAG_ENV = 'CACHECRAFT_GRADE_RUN';

/** Sends SIGKILL to the process group led by `pid`, and to `pid` itself; ignores what is gone. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined || pid <= 0) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Pids of the processes whose environment holds `RUN_TAG_ENV=tag` (never this process). */
export function taggedProcesses(tag: string): number[] {
  const wanted = `${RUN_TAG_ENV}=${tag}`;
  const found: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // not Linux: the process groups are all we have
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(wanted)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Kills every process carrying the run's tag, repeating until none is left (a fork may race us). */
export function killTagged(tag: string): void {
  for (let round = 0; round < 5; round++) {
    const pids = taggedProcesses(tag);
    if (pids.length === 0) return;
    for (const pid of pids) killGroup(pid);
  }
}

/** The exit status of a dead child not yet reaped (a zombie), from /proc; undefined if unknown. */
export function zombieStatus(pid: number): { code: number | null; signal: number | null } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z') return undefined;
    const status = Number(fields[fields.length - 1]);
    if (!Number.isFinite(status)) return { code: null, signal: null };
    return (status & 0x7f) === 0 ? { code: (status >> 8) & 0xff, signal: null } : { code: null, signal: status & 0x7f };
  } catch {
    return undefined;
  }
}
