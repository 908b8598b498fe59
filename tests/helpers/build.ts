import path from 'node:path';
import { buildReport, loadReport } from '../../src/build.js';
import { openFontSet } from '../../src/io/fonts.js';
import type { Report } from '../../src/model/types.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLE = path.join(ROOT, 'content/shangqiu-2017');

const cache = new Map<string, Promise<Buffer>>();

/** Build a report folder to PDF bytes in this process (cached per folder). */
export function buildPdf(dir: string = SAMPLE): Promise<Buffer> {
  let p = cache.get(dir);
  if (!p) {
    p = buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] }).then((r) => r.outputs.pdf!);
    cache.set(dir, p);
  }
  return p;
}

export const sampleReport = (): Report => loadReport(SAMPLE);
