/**
 * A batch worker thread: opens the fonts once, then builds the report folders it is sent, one at a
 * time (the DOCX beside it: io/docx-thread.ts). Its fonts and settings come as its first message,
 * not as workerData, so that the thread can be started — and load its code on the other core —
 * before the command line is parsed (bin/gongwen.mjs, io/batch.ts `startBatchWorker`).
 */
import './use-code-cache.js'; // first: before any library loads
import { parentPort } from 'node:worker_threads';
import { saveCodeCache } from './code-cache.js';
import { buildOne, type BuildSettings } from './build-one.js';
import { openFontSet, type FontConfig, type FontSet } from './fonts.js';
import { docxThreadFor, type DocxThread } from './docx-thread.js';
import { Halted, usePlacementCell } from './placing.js';

export interface BatchWorkerInit { init: { fonts: FontConfig; settings: BuildSettings; placement: SharedArrayBuffer } }

let saved = false;
let ready: { fonts: FontSet; settings: BuildSettings; docx: DocxThread | undefined } | undefined;

parentPort!.on('message', async (message: string | BatchWorkerInit) => {
  if (typeof message !== 'string') {
    const { fonts, settings, placement } = message.init;
    usePlacementCell(placement); // (io/placing.ts: a stopped batch never ends this thread mid-placement)
    // with both formats, each report's DOCX is built on a thread of its own while this one renders the PDF
    ready = { fonts: openFontSet(fonts), settings, docx: docxThreadFor(settings.formats) };
    return;
  }
  const dir = message;
  try {
    if (!ready) throw new Error('a batch worker was sent a folder before its settings');
    const outcome = await buildOne(dir, ready.fonts, ready.settings, ready.docx?.build);
    // after the first report built: the libraries' code then holds what a report compiles
    if (outcome.ok && !saved) { saved = true; saveCodeCache(); }
    parentPort!.postMessage(outcome);
  } catch (e) {
    if (e instanceof Halted) return; // (the batch is ending: nothing to report, io/placing.ts)
    parentPort!.postMessage({ dir, ok: false, internal: true, error: (e as Error).stack ?? String(e), warnings: [], ms: 0 });
  }
});
