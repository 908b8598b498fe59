/** A batch worker thread: opens the fonts once, then builds the report folders it is sent, one at a time (the DOCX beside it: io/docx-thread.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { buildOne, type BuildSettings } from './build-one.js';
import { openFontSet, type FontConfig } from './fonts.js';
import { docxThreadFor } from './docx-thread.js';

const { fonts: config, settings } = workerData as { fonts: FontConfig; settings: BuildSettings };
const fonts = openFontSet(config);
// with both formats, each report's DOCX is built on a thread of its own while this one renders the PDF
const docx = docxThreadFor(settings.formats);

parentPort!.on('message', async (dir: string) => {
  try {
    parentPort!.postMessage(await buildOne(dir, fonts, settings, docx?.build));
  } catch (e) {
    parentPort!.postMessage({ dir, ok: false, internal: true, error: (e as Error).stack ?? String(e), ms: 0 });
  }
});
