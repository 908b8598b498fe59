/**
 * Many report folders at once: worker threads (at most one per folder; the CLI chooses how many), each
 * with its own fonts loaded once, pulling folders from a shared queue. One failing report does not
 * stop the others. Progress is one updating line on a terminal and plain lines otherwise.
 *
 * Each worker's V8 old generation is limited to WORKER_HEAP_MB. A report needs far less (≈ 65 MiB
 * live between documents, ≈ 150 MiB at most while one is built), and V8 scales how far it lets the
 * heap grow between collections with the limit: under the default limit (≈ 4 GiB here) a batch's
 * process peaked at ≈ 430 MiB, with 1 GiB at ≈ 280 MiB, in the same time (README "Speed").
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BuildOutcome, BuildSettings } from './build-one.js';
import type { FontConfig } from './fonts.js';

export const WORKER_HEAP_MB = 1024;

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
  // compiled: dist/io/batch-worker.js; from the TypeScript sources (tests): through tsx
  const fromSource = import.meta.url.endsWith('.ts');
  const workerFile = new URL(fromSource ? './batch-worker.ts' : './batch-worker.js', import.meta.url);
  const execArgv = fromSource ? ['--import', 'tsx'] : [];
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
  for (let i = 0; i < n; i++) workers.push(new Worker(workerFile, { workerData: { fonts, settings }, execArgv, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
  await Promise.all(workers.map(run));
  return { outcomes, ms: performance.now() - started, internalError };
}
