// CPU seconds of the processes under test, read from /proc (Linux): the API's whole process group (the primary and
// any cluster workers), the PostgreSQL server processes, and the machine, so a figure can be given per request.
import { readdir, readFile } from 'node:fs/promises';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux the harness targets. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  comm: string;
  pgrp: number;
  cpuSeconds: number;
}

async function statOf(pid: string): Promise<ProcStat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: the fields after it start behind the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // after comm: state(0) ppid(1) pgrp(2) … utime(11) stime(12)
    return { comm, pgrp: Number(fields[2]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined; // the process ended while we looked
  }
}

async function allStats(): Promise<ProcStat[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  return (await Promise.all(pids.map(statOf))).filter((stat): stat is ProcStat => stat !== undefined);
}

export interface CpuSample {
  /** the API's process group: the primary and its workers */
  api: number;
  /** every process named postgres (the server's backends and helpers; other databases' work included) */
  postgres: number;
  /** the whole machine, busy time only (from /proc/stat) */
  machineBusy: number;
  /** the harness itself (the load generator) */
  harness: number;
}

async function machineBusySeconds(): Promise<number> {
  const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const values = (cpu ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait
  const busy = values.reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  return busy / TICKS_PER_SECOND;
}

export async function sampleCpu(apiProcessGroup: number | undefined): Promise<CpuSample> {
  const stats = await allStats();
  const sum = (filter: (stat: ProcStat) => boolean) => stats.filter(filter).reduce((total, stat) => total + stat.cpuSeconds, 0);
  const harness = process.cpuUsage();
  return {
    api: apiProcessGroup === undefined ? 0 : sum((stat) => stat.pgrp === apiProcessGroup),
    postgres: sum((stat) => stat.comm === 'postgres'),
    machineBusy: await machineBusySeconds(),
    harness: (harness.user + harness.system) / 1e6,
  };
}

export function cpuDelta(before: CpuSample, after: CpuSample): CpuSample {
  return {
    api: after.api - before.api,
    postgres: after.postgres - before.postgres,
    machineBusy: after.machineBusy - before.machineBusy,
    harness: after.harness - before.harness,
  };
}
