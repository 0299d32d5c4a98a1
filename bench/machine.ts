import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The facts about the machine a benchmark reader needs to judge the numbers. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average: other processes compete for the same cores. */
  load1: number;
}

/** Reads the CPU model (from /proc/cpuinfo on Linux, else `os.cpus()`), cores, memory, Node. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} (${os.arch()})`,
    load1: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1].trim();
  } catch {
    // Not Linux: fall through to os.cpus().
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

/** The current 1-minute load average, rounded, for "load before/after" notes. */
export function currentLoad(): number {
  return Math.round(os.loadavg()[0] * 100) / 100;
}
