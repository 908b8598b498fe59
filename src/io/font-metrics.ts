/**
 * In-memory metric normalisation of font files (never of the files on disk).
 *
 * pdfkit takes line boxes and baselines from the hhea table. CJK faces disagree there (Fandol
 * 880/−120, Noto 1160/−288, FandolSong-Regular even stores its descender as +200, see
 * library-notes §2.5), which would make a line that falls back to another face taller or shifted.
 * Every face gets the same ideographic em box instead: ascender 0.88 em, descender −0.12 em,
 * line gap 0, so that every line of the grid has the same baseline whatever faces it mixes.
 */
import { FACE_METRICS } from '../layout/gbt9704.js';
import { sfntTables } from './sfnt-tables.js';

function sfntOffsets(buf: Buffer): number[] {
  if (buf.toString('latin1', 0, 4) === 'ttcf') {
    const n = buf.readUInt32BE(8);
    return Array.from({ length: n }, (_, i) => buf.readUInt32BE(12 + 4 * i));
  }
  return [0];
}

/**
 * Every face's hhea ascender/descender/lineGap normalised, in place: give it a buffer of its own
 * (fresh from readFileSync), never the caller's shared copy.
 */
export function normaliseVerticalMetrics(font: Buffer): Buffer {
  const out = font;
  for (const sfnt of sfntOffsets(out)) {
    const tables = sfntTables(out, sfnt);
    const head = tables.get('head')?.offset;
    const hhea = tables.get('hhea')?.offset;
    if (head === undefined || hhea === undefined) throw new Error('not an OpenType/TrueType font (no head or hhea table)');
    const upem = out.readUInt16BE(head + 18);
    out.writeInt16BE(Math.round(FACE_METRICS.ascent * upem), hhea + 4);
    out.writeInt16BE(Math.round(FACE_METRICS.descent * upem), hhea + 6);
    out.writeInt16BE(0, hhea + 8);
  }
  return out;
}
