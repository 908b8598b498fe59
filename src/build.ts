/**
 * One report folder → output bytes: read, transform, write. Validation happens before any writer
 * runs, and nothing is written to disk here.
 */
import { readReport } from './read/report.js';
import { transformReport } from './transform/index.js';
import { pdfDefinition, type MissingGlyph } from './write/pdf/index.js';
import { InputError, InputErrors } from './model/errors.js';
import type { Report } from './model/types.js';
import type { FontSet } from './io/fonts.js';
import { renderPdf } from './io/pdf-render.js';

export type Format = 'pdf';
export const FORMATS: readonly Format[] = ['pdf'];

export interface BuildOptions {
  fonts: FontSet;
  formats: readonly Format[];
  creator?: string;
}

export interface BuildResult {
  report: Report;
  outputs: Partial<Record<Format, Buffer>>;
}

export function loadReport(dir: string): Report {
  return transformReport(readReport(dir));
}

export function missingGlyphErrors(missing: MissingGlyph[]): InputError[] {
  const seen = new Set<string>();
  const errors: InputError[] = [];
  for (const m of missing) {
    const key = `${m.char}@${m.loc.file}:${m.loc.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cp = `U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    errors.push(new InputError(m.loc, `character "${m.char}" (${cp}) is in no configured font (role ${m.role}, nor the fallback)`,
      'configure a fallback font that has it (gongwen.yaml fonts.fallback), or replace the character'));
  }
  return errors;
}

/** Dash centre of the song face, for the page-number position. */
function dashCentre(fonts: FontSet): number {
  const font = fonts.face('song').font;
  const g = font.glyphForCodePoint(0x2014);
  return (g.bbox.minY + g.bbox.maxY) / 2 / font.unitsPerEm;
}

export async function buildReport(dir: string, options: BuildOptions): Promise<BuildResult> {
  const report = loadReport(dir);
  const outputs: BuildResult['outputs'] = {};
  if (options.formats.includes('pdf')) {
    const glyphs = { has: options.fonts.has, dashCentre: dashCentre(options.fonts) };
    const { definition, missing } = pdfDefinition(report, { glyphs, creator: options.creator });
    const errors = missingGlyphErrors(missing);
    if (errors.length) throw errors.length === 1 ? errors[0] : new InputErrors(errors);
    outputs.pdf = await renderPdf(definition, options.fonts);
  }
  return { report, outputs };
}
