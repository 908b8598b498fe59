/** The DOCX thread (io/docx-thread.ts): builds the DOCX of each report model it is sent. */
import { parentPort } from 'node:worker_threads';
import type { DocxJob, DocxReply } from './docx-thread.js';
import { buildDocx } from './docx-build.js';

parentPort!.on('message', async (job: DocxJob) => {
  let reply: DocxReply;
  try {
    const data = await buildDocx(job.report, job.created, job.fonts, job.extras);
    reply = { id: job.id, ok: true, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (e) {
    reply = { id: job.id, ok: false, error: (e as Error).stack ?? String(e) };
  }
  parentPort!.postMessage(reply, reply.ok ? [reply.data.buffer as ArrayBuffer] : []);
});
