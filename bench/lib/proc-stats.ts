import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
  ppid: number;
  cpuSeconds: number;
}

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat) and the parent pid; null once the process is gone. */
function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** Resident set size of a process in MB (VmRSS), or 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function cpuSeconds(pid: number): number {
  return readStat(pid)?.cpuSeconds ?? 0;
}

/**
 * CPU of a process and its children over a phase (Postgres: the postmaster and one backend per connection).
 * Backends come and go, so it is sampled: each pid counts from its first sample (0 if it appeared during the
 * phase) to its last one. The last interval of a backend that exits between samples is lost; sample often.
 */
export class TreeCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(private readonly rootPid: number) {
    this.sample(true);
  }

  sample(initial = false): void {
    const root = readStat(this.rootPid);
    if (root) this.record(this.rootPid, root.cpuSeconds, initial);
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === this.rootPid) continue;
      const stat = readStat(pid);
      if (stat?.ppid === this.rootPid) this.record(pid, stat.cpuSeconds, initial);
    }
  }

  /** CPU seconds used since construction. */
  total(): number {
    let sum = 0;
    for (const [pid, last] of this.last) sum += last - (this.first.get(pid) ?? 0);
    return sum;
  }

  private record(pid: number, seconds: number, initial: boolean): void {
    if (initial || !this.last.has(pid)) this.first.set(pid, initial ? seconds : 0);
    this.last.set(pid, seconds);
  }
}

/** CPU seconds the whole machine has spent busy (every state but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}
