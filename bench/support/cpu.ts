/**
 * CPU time of local processes, read from /proc (Linux), for the benchmarks' CPU per request.
 */
import { readFileSync } from 'node:fs';

/**
 * CPU time of a single-threaded local process in ms (schedstat: ns on CPU; else utime + stime in
 * clock ticks), or null when it is gone. For PostgreSQL backends: schedstat covers the main thread
 * only, so use processCpuMs for a Node process.
 */
export function cpuMsOf(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return processCpuMs(pid);
  }
}

/**
 * CPU time of a whole local process in ms, all its threads (a Node process's GC and libuv threads
 * included): utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms. Null when it is gone.
 */
export function processCpuMs(pid: number): number | null {
  try {
    // The command name in parentheses may hold spaces: the fields after it are split on ') '.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / 100;
  } catch {
    return null;
  }
}
