/**
 * Many report folders at once: worker threads (at most one per folder; the CLI chooses how many), each
 * with its own fonts loaded once, pulling folders from a shared queue. One failing report does not
 * stop the others. Progress is one updating line on a terminal and plain lines otherwise.
 * Each worker's heap is limited (io/worker-limits.ts).
 */
import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { BatchWorkerInit } from './batch-worker.js';
import type { BuildOutcome, BuildSettings } from './build-one.js';
import type { FontConfig } from './fonts.js';
import { WORKER_HEAP_MB } from './worker-limits.js';
import { dropPlacementCell, haltPlacements, newPlacementCell } from './placing.js';
import { startWorker } from './worker-file.js';
import { shellWord } from '../model/shell-word.js';

export interface BatchResult {
  outcomes: BuildOutcome[];
  ms: number;
  internalError?: string;
}

/**
 * How a worker ended before buildBatch listened to it (a worker started early that failed as it
 * loaded), kept on the worker under a registered symbol: bin/gongwen.mjs starts the worker with
 * this module as dist/io/batch.js, and buildBatch may run from the bundle's copy of it
 * (scripts/bundle.mjs).
 */
const ENDED_EARLY = Symbol.for('gongwen.batch.endedEarly');
type Ended = { error?: Error; exited?: boolean };
const endedEarly = (worker: Worker): Ended | undefined => (worker as unknown as Record<symbol, Ended | undefined>)[ENDED_EARLY];


/**
 * A batch worker thread, started before it has work: it loads its code meanwhile. Unref'd, so that
 * one never handed to buildBatch (a usage error, every folder up to date) keeps no process alive;
 * an error or exit before then is kept for buildBatch (an 'error' no one listens to would crash).
 */
export function startBatchWorker(): Worker {
  const worker = startWorker('batch-worker');
  worker.unref();
  const ended: Ended = {};
  (worker as unknown as Record<symbol, Ended>)[ENDED_EARLY] = ended;
  worker.on('error', (e) => { ended.error ??= e; });
  worker.once('exit', () => { ended.exited = true; });
  return worker;
}

/**
 * `early`: a worker from startBatchWorker, used as the first of the `jobs` (bin/gongwen.mjs starts
 * one while the command line's code loads: a batch takes ≈ 50 ms less).
 */
export async function buildBatch(dirs: string[], fonts: FontConfig, settings: BuildSettings,
  progress: (done: BuildOutcome, count: number, failed: number, elapsedMs: number) => void,
  jobs = availableParallelism(), early?: Worker): Promise<BatchResult> {
  const started = performance.now();
  const queue = [...dirs];
  const outcomes: BuildOutcome[] = [];
  let failed = 0;
  let internalError: string | undefined;
  const stopAll = (why: string) => {
    internalError ??= why;
    queue.length = 0;
    haltPlacements(); // (a worker is not terminated in the middle of placing a report's outputs)
    for (const w of workers) void w.terminate();
  };
  const start = (worker: Worker): Worker => {
    worker.ref();
    const placement = newPlacementCell();
    worker.once('exit', () => dropPlacementCell(placement));
    worker.postMessage({ init: { fonts, settings, placement } } satisfies BatchWorkerInit);
    workers.push(worker);
    return worker;
  };
  const record = (o: BuildOutcome) => {
    outcomes.push(o);
    if (!o.ok) failed++;
    progress(o, outcomes.length, failed, performance.now() - started);
  };
  const run = (worker: Worker) => new Promise<void>((resolve) => {
    let done = false;
    /** The folder the worker is building, and since when. */
    let building: { dir: string; since: number } | undefined;
    const finish = () => { if (!done) { done = true; resolve(); } };
    const next = () => {
      const dir = queue.shift();
      if (dir === undefined || internalError) { void worker.terminate().then(finish); return; }
      building = { dir, since: performance.now() };
      worker.postMessage(dir);
    };
    worker.on('message', (o: BuildOutcome & { internal?: boolean }) => {
      if (done) return;
      building = undefined;
      // a bug met by one report is that report's failure, reported as one; the others are built
      // (issue 6: one failing report does not stop the others) and the batch exits 1
      if (o.internal && !o.ok) o.error = `internal error (please report): ${o.error}`;
      record(o);
      next();
    });
    const crashed = (e: Error) => {
      // a report too large for a worker's memory is that report's failure: a fresh worker builds
      // the others (it stopped the whole batch with an internal error, failure audit)
      if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' && building && !done) {
        const { dir, since } = building;
        done = true;
        record({ dir, ok: false, warnings: [], ms: performance.now() - since,
          error: `${path.join(dir, 'report.md')}: building this report took more than a batch worker's memory (${WORKER_HEAP_MB} MiB)\n  fix: build it alone (gongwen build ${shellWord(dir)}), which may use the machine's memory, or look for what makes it so large` });
        void run(start(startBatchWorker())).then(resolve);
        return;
      }
      // any other crash, or an early exit, stops the batch (reported as an internal error)
      stopAll(e.stack ?? String(e));
      finish();
    };
    const exited = () => { if (!done && !internalError && queue.length) stopAll('a worker thread exited unexpectedly'); finish(); };
    worker.on('error', crashed);
    worker.on('exit', exited);
    // one started early may have ended already, before these listeners
    const ended = endedEarly(worker);
    if (ended?.error) crashed(ended.error);
    if (ended?.exited) exited();
    else next();
  });
  const n = Math.max(1, Math.min(jobs, dirs.length));
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) start(i === 0 && early ? early : startBatchWorker());
  // (a copy: a worker started in place of one that ran out of memory is added to `workers`)
  await Promise.all([...workers].map(run));
  return { outcomes, ms: performance.now() - started, internalError };
}
