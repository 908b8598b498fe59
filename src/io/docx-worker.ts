/** The DOCX thread (io/docx-thread.ts): builds the DOCX of each report model it is sent. */
import { parentPort } from 'node:worker_threads';
import type { DocxJob, DocxReply } from './docx-thread.js';
import { buildDocx } from './docx-build.js';
import { lowerThreadPriority } from './thread-priority.js';

/**
 * This thread yields to the rest of the process (nice +10 on Linux). It builds each DOCX beside
 * a PDF that takes three to four times as long, so it has time to spare; in a batch on two cores
 * it shares them with the PDF thread, the batch's critical path, and V8's background thread, and
 * at equal priority it took CPU from the PDF thread when all three were busy. Batch of 100 units:
 * 10.1–10.7 s against 10.4–11.9 s at equal priority (four alternating runs, each faster).
 */
const DOCX_THREAD_NICE = 10;
lowerThreadPriority(DOCX_THREAD_NICE);

parentPort!.on('message', async (job: DocxJob) => {
  let reply: DocxReply;
  try {
    const data = await buildDocx(job.report, job.created, job.fonts);
    reply = { id: job.id, ok: true, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (e) {
    reply = { id: job.id, ok: false, error: (e as Error).stack ?? String(e) };
  }
  parentPort!.postMessage(reply, reply.ok ? [reply.data.buffer as ArrayBuffer] : []);
});
