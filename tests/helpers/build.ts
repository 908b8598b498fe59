import path from 'node:path';
import { buildReport, loadReport } from '../../src/build.js';
import { openFontSet } from '../../src/io/fonts.js';
import type { Report } from '../../src/model/types.js';
import { InputError, throwAll } from '../../src/model/errors.js';

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

/**
 * A folder loaded, its transform chain's problems (Report.problems: a reference to an empty cell)
 * thrown as the read's errors are, for tests of their messages: a build and `check` report them
 * with the other checks' findings.
 */
export function loadChecked(dir: string): Report {
  const report = loadReport(dir);
  throwAll((report.problems ?? []).map((p) => new InputError(p.loc, p.message, p.hint)));
  return report;
}
