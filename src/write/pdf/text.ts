/**
 * Text → pdfmake inlines in a font role, splitting off characters the role face lacks into the
 * fallback face, and recording characters that no face has (never silent).
 */
import type { Content } from 'pdfmake/interfaces.js';
import { geometry } from '../../layout/gbt9704.js';
import type { Inline, Loc } from '../../model/types.js';
import type { PdfContext, PdfRole } from './context.js';

const SKIP = /\s/u;

export interface RunStyle {
  role: PdfRole;
  size: number;
  /** Line cell height in pt; defaults to the grid pitch. */
  lineHeight?: number;
}

export type PdfInline = { text: string; font: string; fontSize: number; lineHeight: number };

/** Split `text` into inlines by glyph coverage. */
export function runs(ctx: PdfContext, text: string, style: RunStyle, loc: Loc): PdfInline[] {
  const out: PdfInline[] = [];
  // All faces are normalised to a 1 em line box, so this factor gives every inline the same cell.
  const lineHeight = (style.lineHeight ?? geometry.linePitch) / style.size;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let font: PdfRole = style.role;
    if (!SKIP.test(ch) && !ctx.glyphs.has(style.role, cp)) {
      if (ctx.glyphs.has('fallback', cp)) font = 'fallback';
      else ctx.missing.push({ char: ch, codePoint: cp, loc, role: style.role });
    }
    const last = out.at(-1);
    if (last && last.font === font) last.text += ch;
    else out.push({ text: ch, font, fontSize: style.size, lineHeight });
  }
  return out;
}

/** Markdown inlines → pdfmake inlines. **Bold** is set in 黑体 and *emphasis* in 楷体 (no faux bold). */
export function inlineRuns(ctx: PdfContext, inlines: Inline[], style: RunStyle, loc: Loc): Content[] {
  return inlines.flatMap((i) => {
    const role: PdfRole = i.bold ? 'hei' : i.italic ? 'kai' : style.role;
    return runs(ctx, i.text, { ...style, role }, loc);
  });
}
