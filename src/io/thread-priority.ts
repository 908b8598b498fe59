/**
 * A thread's scheduling priority. On Linux each thread is a task with its own nice value, which
 * `os.setPriority` sets when it is given the thread's id (read from /proc/thread-self). Elsewhere
 * threads share their process's priority, and nothing is changed.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The calling thread's id on Linux, else undefined. */
export function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Give the calling thread a lower priority (a higher nice value): under contention the
 * scheduler then serves the process's other threads first, and this one takes the time they
 * leave. Returns the thread's nice value afterwards, or undefined where this cannot be done.
 */
export function lowerThreadPriority(nice: number): number | undefined {
  const tid = threadId();
  if (tid === undefined) return undefined;
  try {
    setPriority(tid, Math.max(getPriority(tid), nice));
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
