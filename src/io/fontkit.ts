/**
 * The one fontkit gongwen uses: the CommonJS build that pdfkit itself requires. Importing
 * 'fontkit' as ESM would load a second copy (the package ships both), costing start-up time and
 * making pdfkit's fonts instances of other classes than ours. Loaded when a face is first
 * opened, not when this module is imported: the main thread of a batch build never opens one.
 */
import './lazy-modules.js'; // before fontkit loads
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { readCffIndexesLazily } from './cff-lazy-index.js';

const require = createRequire(import.meta.url);
const pdfkitDir = path.dirname(require.resolve('pdfkit/package.json'));

let loaded: typeof Fontkit | undefined;
export function loadFontkit(): typeof Fontkit {
  if (!loaded) {
    const file = require.resolve('fontkit', { paths: [pdfkitDir] });
    readCffIndexesLazily(file); // before any face is opened (io/cff-lazy-index.ts)
    loaded = require(file) as typeof Fontkit;
  }
  return loaded;
}
export type { Font } from 'fontkit';
