/**
 * The DOCX writer on a second thread. The two writers share nothing but the report model, so
 * while this thread builds report k's DOCX the calling thread renders its PDF: a cold build of
 * both formats overlaps the DOCX code's loading and first run with the PDF's, and a batch keeps
 * both cores busy with one set of fonts (the DOCX writer needs only font names). The model is
 * copied to the thread (structured clone, ≈ 1–3 ms) and the bytes come back transferred.
 *
 * The thread's heap is limited like a batch worker's (io/worker-limits.ts); it is unref'd, so an idle
 * DOCX thread never keeps the process alive.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { InputError } from '../model/errors.js';
import type { Report } from '../model/types.js';
import type { FontNames } from '../write/docx/index.js';
import { startWorker } from './worker-file.js';
import type { DocxExtras } from './docx-build.js';
import { WORKER_HEAP_MB } from './worker-limits.js';

export interface DocxJob { id: number; report: Report; created: Date; fonts: FontNames; extras?: DocxExtras }
export type DocxReply = { id: number; ok: true; data: Uint8Array } | { id: number; ok: false; error: string };

export type DocxBuilder = (report: Report, created: Date, fonts: FontNames, extras?: DocxExtras) => Promise<Buffer>;

export class DocxThread {
  private worker!: Worker;
  private readonly waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void; dir: string }>();
  private next = 1;
  private failed: Error | undefined;

  constructor() {
    this.start();
  }

  private start(): void {
    const worker = startWorker('docx-worker');
    this.worker = worker;
    worker.unref();
    worker.on('message', (r: DocxReply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (this.waiting.size === 0) worker.unref();
      if (r.ok) w.resolve(Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength));
      else w.reject(new Error(`DOCX thread: ${r.error}`));
    });
    const fail = (e: Error) => {
      if (worker !== this.worker) return; // (a thread replaced after running out of memory)
      this.failed ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY' || worker !== this.worker) return fail(e);
      // a report too large for the thread's memory is that report's failure, said as one, and a
      // fresh thread builds the next (every later report failed as an internal error: review)
      for (const w of this.waiting.values()) {
        w.reject(new InputError({ file: path.join(w.dir, 'report.md') }, `building this report's Word draft took more than its thread's memory (${WORKER_HEAP_MB} MiB)`,
          'build its DOCX alone (--format docx, made without a thread of its own) and its PDF alone (--format pdf), or look for what makes it so large'));
      }
      this.waiting.clear();
      this.start();
    });
    worker.on('exit', (code) => fail(new Error(`the DOCX thread stopped (exit code ${code})`)));
  }

  /** Build a report's DOCX on the thread. */
  readonly build: DocxBuilder = (report, created, fonts, extras) => {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise<Buffer>((resolve, reject) => {
      // posted first: a model that cannot be copied (DataCloneError) rejects here and leaves nothing waiting
      this.worker.postMessage({ id, report, created, fonts, ...(extras ? { extras } : {}) } satisfies DocxJob);
      this.waiting.set(id, { resolve, reject, dir: report.dir });
      this.worker.ref(); // keep the process alive while a DOCX is under way
    });
  };

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A DOCX thread for builds of both formats (each DOCX is then built beside its PDF), else none. */
export const docxThreadFor = (formats: readonly string[]): DocxThread | undefined =>
  formats.includes('pdf') && formats.includes('docx') ? new DocxThread() : undefined;
