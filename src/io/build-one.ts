/** Build one report folder and write its outputs atomically: the unit of work of the CLI, a batch worker and --watch. */
import path from 'node:path';
import { buildReport, type Format } from '../build.js';
import { FindingErrors, formatFinding, isInputError } from '../model/errors.js';
import { writeFileAtomic } from './files.js';
import type { FontSet } from './fonts.js';
import type { DocxBuilder } from './docx-thread.js';

export interface BuildSettings {
  outDir: string;
  formats: Format[];
  pdfa: boolean;
  strict: boolean;
  allowMissingGlyphs: boolean;
  creator: string;
}

export type BuildOutcome =
  | { dir: string; ok: true; files: { file: string; bytes: number }[]; warnings: string[]; ms: number }
  | { dir: string; ok: false; error: string; warnings: string[]; ms: number };

/** Input errors become a failed outcome; anything else (a bug) is thrown. */
export async function buildOne(dir: string, fonts: FontSet, s: BuildSettings, docx?: DocxBuilder): Promise<BuildOutcome> {
  const started = performance.now();
  try {
    const { outputs, warnings } = await buildReport(dir, {
      fonts, formats: s.formats, pdfa: s.pdfa, strict: s.strict, allowMissingGlyphs: s.allowMissingGlyphs, creator: s.creator, docx,
    });
    const name = path.basename(path.resolve(dir));
    const files = Object.entries(outputs).map(([format, data]) => {
      const file = path.join(s.outDir, `${name}.${format}`);
      writeFileAtomic(file, data);
      return { file, bytes: data.length };
    });
    return { dir, ok: true, files, warnings: warnings.map(formatFinding), ms: performance.now() - started };
  } catch (e) {
    if (!isInputError(e)) throw e;
    const warnings = e instanceof FindingErrors ? e.warnings.map(formatFinding) : [];
    return { dir, ok: false, error: (e as Error).message, warnings, ms: performance.now() - started };
  }
}
