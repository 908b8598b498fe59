/** The portal information block, the title and the source line (same content as the PDF's). */
import { BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { metaLineCount, metaRows, sourceFields, sourceLine } from '../../layout/meta-fields.js';
import type { Report } from '../../model/types.js';
import { glyphGapPt, LINE_TWIP, META_ROW_TWIP, STYLE, TEXT_WIDTH_TWIP } from './styles.js';
import { ELEMENTS } from '../../layout/gbt9704.js';
import { ptToTwip, twipToPt, ZIHAO } from '../../layout/units.js';
import { titleRuns } from './text.js';
import { estimatedWidthEm } from '../../layout/kinsoku.js';

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

export function front(report: Report): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const halfEm = twipToPt(TEXT_WIDTH_TWIP) / 2 / ZIHAO[ELEMENTS.metaBlock.zihao];
  const meta = metaRows(report.meta, halfEm);
  if (meta.length) {
    const half = Math.floor(TEXT_WIDTH_TWIP / 2);
    // The page's top margin is set for the body's 三号 lines (MARGIN_TWIP), whose characters start
    // further down their line than the block's 小四 ones do in theirs: the first row starts that
    // much lower, so the block's characters start at 37 mm as in the PDF (they printed ≈ 8 pt above).
    const drop = ptToTwip(glyphGapPt(LINE_TWIP, ZIHAO.三号) - glyphGapPt(META_ROW_TWIP, ZIHAO[ELEMENTS.metaBlock.zihao]));
    // a field alone in its row spans the width (layout/meta-fields.ts metaRows)
    const rows = meta.map((row, i) => new TableRow({
      children: row.map((text) => new TableCell({
        width: { size: row.length === 2 ? half : half * 2, type: WidthType.DXA },
        ...(row.length === 2 ? {} : { columnSpan: 2 }),
        margins: { top: i === 0 ? drop : 0, bottom: 0, left: 0, right: 0 },
        children: [new Paragraph({ style: STYLE.metaBlock.id, text })],
      })),
    }));
    out.push(new Table({ layout: TableLayoutType.FIXED, width: { size: half * 2, type: WidthType.DXA }, columnWidths: [half, half], borders: NO_BORDERS, rows }));
    // pad the block to whole grid lines, plus one blank line: its rows are META_ROW_TWIP each
    // (half a grid line, rounded up to 290) and the first drops, so the pad is what is left of the
    // lines they take (one row: 161 + 290 + 707 = 2 × 579; a block 1 twip taller than its lines
    // made LibreOffice set only 21 lines on page 1)
    const lines = metaLineCount(meta, halfEm);
    const pad = (Math.ceil(lines / 2) + 1) * LINE_TWIP - lines * META_ROW_TWIP - drop;
    out.push(new Paragraph({ style: STYLE.metaBlock.id, spacing: { line: pad, lineRule: 'exact' } }));
  }
  out.push(new Paragraph({ style: STYLE.title.id, children: titleRuns(report.meta.titleLines ?? report.meta.title, 'title') }));
  // a source line too long for one line wraps two 小四 lines to a grid line, as the PDF's does
  // (estimated: the DOCX has no fonts), padded to whole grid lines
  // (broken between its two fields, 来源 and 时间, as the PDF's: never inside the date)
  const source = sourceLine(report.meta);
  const sourceSize = ZIHAO[ELEMENTS.sourceLine.zihao];
  const linesOf = (text: string) => Math.ceil(estimatedWidthEm(text) * sourceSize / twipToPt(TEXT_WIDTH_TWIP));
  const half = Math.floor(LINE_TWIP / 2);
  const fields = sourceFields(report.meta);
  const lines = linesOf(source) > 1 ? fields.reduce((n, f) => n + linesOf(f), 0) : 1;
  out.push(lines > 1
    ? new Paragraph({ style: STYLE.sourceLine.id, children: [new TextRun(fields[0]), new TextRun({ text: fields[1], break: 1 })], spacing: { line: half, lineRule: 'exact', after: Math.ceil(lines / 2) * LINE_TWIP - lines * half } })
    : new Paragraph({ style: STYLE.sourceLine.id, text: source }));
  out.push(new Paragraph({ style: STYLE.body.id }));
  return out;
}
