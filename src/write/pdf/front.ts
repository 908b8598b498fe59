/** The portal information block, the title and the source line. */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import { metaLineCount, metaRows, sourceFields, sourceLine } from '../../layout/meta-fields.js';
import type { Report } from '../../model/types.js';
import type { PdfContext, PdfRole } from './context.js';
import { titleLines } from '../../layout/title-lines.js';
import { lineRuns, runs, titleRuns } from './text.js';

/** The information block's table: no rules, no padding (one layout object for every document; pdfmake copies it). */
const BARE_LAYOUT = { defaultBorder: false, hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 };

export function front(ctx: PdfContext, report: Report): Content[] {
  const out: Content[] = [];
  const size = sizeOf('metaBlock');
  const meta = metaRows(report.meta, geometry.textWidth / 2 / size);
  if (meta.length) {
    // Two 小四 lines per grid line; the block is padded to whole grid lines so the body stays on the grid.
    const line = geometry.linePitch / 2;
    const style = { role: ELEMENTS.metaBlock.role, size, lineHeight: line };
    // a field alone in its row spans the width (layout/meta-fields.ts metaRows)
    const rows = meta.map((row): Content[] => (row.length === 2
      ? row.map((t) => ({ text: runs(ctx, t, style) }) as Content)
      : [{ text: runs(ctx, row[0]!, style), colSpan: 2 } as Content, {} as Content]));
    const lines = metaLineCount(meta, geometry.textWidth / 2 / size);
    const pad = (Math.ceil(lines / 2) * 2 - lines) * line;
    out.push({
      table: { widths: ['*', '*'], body: rows },
      layout: BARE_LAYOUT,
      margin: [0, 0, 0, pad + geometry.linePitch],
    } as Content);
  }
  const title = { role: ELEMENTS.title.role, size: sizeOf('title') };
  out.push({ text: titleRuns(ctx, report.meta.titleLines ?? report.meta.title, title), alignment: 'center' } as Content);
  const source = sourceLine(report.meta);
  const sourceStyle = { role: ELEMENTS.sourceLine.role, size: sizeOf('sourceLine') };
  // A source line too long for one line (a long organ's office) wraps two 小四 lines to a grid
  // line, as the information block does (on the grid's own pitch its halves stood a blank line
  // apart); what follows goes back on the grid.
  // (broken between its two fields, 来源 and 时间: never inside the date)
  const wraps = (ctx.glyphs.advance?.(sourceStyle.role, source, sourceStyle.size) ?? 0) > ctx.textWidth;
  out.push(wraps
    ? { text: lineRuns(ctx, sourceLines(ctx, report.meta, sourceStyle), { ...sourceStyle, lineHeight: geometry.linePitch / 2 }), alignment: 'center', margin: [0, 0, 0, geometry.linePitch], gridAfter: geometry.linePitch } as Content
    : { text: runs(ctx, source, sourceStyle), alignment: 'center', margin: [0, 0, 0, geometry.linePitch] } as Content);
  return out;
}

/**
 * The source line's lines where it does not fit one: 来源 and 时间 each on its own, and a 来源 too
 * long for a line of its own broken as a title is (layout/title-lines.ts: never inside a word —
 * 大数｜据管理局 it was, by pdfmake, a kitchen-sink audit).
 */
function sourceLines(ctx: PdfContext, meta: Report['meta'], style: { role: PdfRole; size: number }): string[] {
  const [from, when] = sourceFields(meta);
  const fits = (ctx.glyphs.advance?.(style.role, from, style.size) ?? 0) <= ctx.textWidth;
  return [...(fits ? [from] : titleLines(from, ctx.textWidth / style.size)), when];
}
