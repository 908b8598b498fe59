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

const require = createRequire(import.meta.url);
const pdfkitDir = path.dirname(require.resolve('pdfkit/package.json'));

let loaded: typeof Fontkit | undefined;
export function loadFontkit(): typeof Fontkit {
  return (loaded ??= require(require.resolve('fontkit', { paths: [pdfkitDir] })) as typeof Fontkit);
}
export type { Font } from 'fontkit';
