/** A batch worker thread: opens the fonts once, then builds the report folders it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildOne, type BuildSettings } from './build-one.js';
import { openFontSet, type FontConfig } from './fonts.js';

const { fonts: config, settings } = workerData as { fonts: FontConfig; settings: BuildSettings };
const fonts = openFontSet(config);

parentPort!.on('message', async (dir: string) => {
  try {
    parentPort!.postMessage(await buildOne(dir, fonts, settings));
  } catch (e) {
    parentPort!.postMessage({ dir, ok: false, internal: true, error: (e as Error).stack ?? String(e), ms: 0 });
  }
});
