/**
 * Text → pdfmake inlines in a font role, splitting off characters the role face lacks into the
 * fallback face. (Characters that no face has were rejected before any writer ran:
 * transform/glyph-check.ts.)
 */
import { geometry } from '../../layout/gbt9704.js';
import type { Inline } from '../../model/types.js';
import { HEAVY_ROLES } from '../../layout/faux-bold.js';
import { TITLE_EXTRA_LINE_COST, titleLines } from '../../layout/title-lines.js';
import { inlineRole } from '../../transform/glyph-check.js';
import { linkPieces } from '../../transform/web-links.js';
import type { PdfContext, PdfRole } from './context.js';

const SKIP = /\s/u;

/** The inline property that holds a link's target (a plain name: pdfmake copies an inline's properties to the pieces it breaks it into). */
export const LINK = 'gwLink';

/** The text of an empty line in a paragraph (a line break typed twice, write/pdf/blocks.ts): a blank of the run's face, no line of text. */
export const EMPTY_LINE = '\u3000';

/** The inline property that holds a page probe (io/pdfmake-page-probes.ts), shared by pdfmake's copies of the inline. */
export const PAGE_PROBE = 'gwPageProbe';
/** Where the line holding a probe landed: its page (1-based; 0 where it was not laid out), and whether it opens that page. */
export interface PageProbe {
  page: number;
  opensPage: boolean;
}

export interface RunStyle {
  role: PdfRole;
  size: number;
  /** Line cell height in pt; defaults to the grid pitch. */
  lineHeight?: number;
}

export type PdfInline = {
  text: string; font: string; fontSize: number; lineHeight: number;
  /** Set on lines broken by write/pdf/lines.ts. */
  noWrap?: boolean; noNewLine?: boolean; lineEnd?: boolean; characterSpacing?: number;
  /** A space that takes a loose line's room after a pause mark (write/pdf/lines.ts TRACK_EM): no text of the report's. */
  spacer?: true;
  /** A character of a heavy role drawn from the fallback face: emboldened (layout/faux-bold.ts, io/pdfkit-fast-text.ts). */
  bold?: true;
  /** The target of a web or e-mail address this inline is (part of): a link over it (io/pdfmake-links.ts). */
  [LINK]?: string;
};

/** Split `text` into inlines by glyph coverage. */
export function runs(ctx: PdfContext, text: string, style: RunStyle): PdfInline[] {
  const out: PdfInline[] = [];
  // All faces are normalised to a 1 em line box, so this factor gives every inline the same cell.
  const lineHeight = (style.lineHeight ?? geometry.linePitch) / style.size;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let font: PdfRole = style.role;
    if (!SKIP.test(ch) && !ctx.glyphs.has(style.role, cp)) font = 'fallback';
    const last = out.at(-1);
    if (last && last.font === font) last.text += ch;
    else if (font === 'fallback' && style.role !== 'fallback' && HEAVY_ROLES.has(style.role)) out.push({ text: ch, font, fontSize: style.size, lineHeight, bold: true });
    else out.push({ text: ch, font, fontSize: style.size, lineHeight });
  }
  return out;
}

/** A title (the report's, an attachment's) in the lines layout/title-lines.ts chooses, centred by the caller. */
export const titleRuns = (ctx: PdfContext, title: string | string[], style: RunStyle): PdfInline[] =>
  lineRuns(ctx, titleLines(title, ctx.textWidth / style.size, undefined, TITLE_EXTRA_LINE_COST), style);

/** Lines of text → runs with a line break between each two. */
export const lineRuns = (ctx: PdfContext, lines: string[], style: RunStyle): PdfInline[] =>
  lines.flatMap((line, k) => [...(k ? runs(ctx, '\n', style) : []), ...runs(ctx, line, style)]);

/**
 * Markdown inlines → pdfmake inlines. **Bold** is set in 黑体 and *emphasis* in 楷体 (no faux bold).
 * A web or e-mail address is an inline of its own that links to it (transform/web-links.ts).
 */
export function inlineRuns(ctx: PdfContext, inlines: Inline[], style: RunStyle): PdfInline[] {
  return inlines.flatMap((i) => {
    const runStyle: RunStyle = { ...style, role: style.role === 'fallback' ? 'fallback' : inlineRole(i, style.role) };
    return linkPieces(i.text).flatMap((p) => (p.href ? runs(ctx, p.text, runStyle).map((r) => ({ ...r, [LINK]: p.href })) : runs(ctx, p.text, runStyle)));
  });
}
