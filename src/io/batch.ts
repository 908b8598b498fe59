/**
 * Many report folders at once: worker threads (at most one per folder; the CLI chooses how many), each
 * with its own fonts loaded once, pulling folders from a shared queue. One failing report does not
 * stop the others. Progress is one updating line on a terminal and plain lines otherwise.
 * Each worker's heap is limited (io/worker-limits.ts).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { BuildOutcome, BuildSettings } from './build-one.js';
import type { FontConfig } from './fonts.js';
import { WORKER_HEAP_MB } from './worker-limits.js';
import { startWorker } from './worker-file.js';

export interface BatchResult {
  outcomes: BuildOutcome[];
  ms: number;
  internalError?: string;
}

export async function buildBatch(dirs: string[], fonts: FontConfig, settings: BuildSettings,
  progress: (done: BuildOutcome, count: number, failed: number, elapsedMs: number) => void,
  jobs = availableParallelism()): Promise<BatchResult> {
  const started = performance.now();
  const queue = [...dirs];
  const outcomes: BuildOutcome[] = [];
  let failed = 0;
  let internalError: string | undefined;
  const stopAll = (why: string) => {
    internalError ??= why;
    queue.length = 0;
    for (const w of workers) void w.terminate();
  };
  const run = (worker: Worker) => new Promise<void>((resolve) => {
    let done = false;
    const finish = () => { if (!done) { done = true; resolve(); } };
    const next = () => {
      const dir = queue.shift();
      if (dir === undefined || internalError) { void worker.terminate().then(finish); return; }
      worker.postMessage(dir);
    };
    worker.on('message', (o: BuildOutcome & { internal?: boolean }) => {
      if (done) return;
      if (o.internal && !o.ok) { stopAll(o.error); finish(); return; }
      outcomes.push(o);
      if (!o.ok) failed++;
      progress(o, outcomes.length, failed, performance.now() - started);
      next();
    });
    // a worker that crashes or exits early stops the batch (reported as an internal error)
    worker.on('error', (e) => {
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      stopAll(oom ? `a worker thread ran out of memory (${WORKER_HEAP_MB} MiB heap); build the largest reports one at a time` : e.stack ?? String(e));
      finish();
    });
    worker.on('exit', () => { if (!done && !internalError && queue.length) stopAll('a worker thread exited unexpectedly'); finish(); });
    next();
  });
  const n = Math.max(1, Math.min(jobs, dirs.length));
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) workers.push(startWorker('batch-worker', { workerData: { fonts, settings } }));
  await Promise.all(workers.map(run));
  return { outcomes, ms: performance.now() - started, internalError };
}
