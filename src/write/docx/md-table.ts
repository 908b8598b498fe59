/**
 * A Markdown table in the body → a Word table across the 版心: its header row repeated on every
 * page and kept with the first row below it, rows never split, and the columns' widths chosen by
 * the PDF's rules (layout/column-widths.ts) — where it gave equal widths, a web address took seven
 * lines in its column and a date broke. Without fonts here, widths are estimated (kinsoku.ts
 * estimatedEm, as title breaks are); the pieces that do not break are a Chinese
 * character, and a run of other characters up to a space, a / or a - (Word breaks a long address
 * or date between its characters anyway where a column is narrower).
 */
import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, AlignmentType, type FileChild } from 'docx';
import { shareWidths, steppedSize, type ColumnRange } from '../../layout/column-widths.js';
import { ELEMENTS, SHORT_TABLE_ROWS, sizeOf } from '../../layout/gbt9704.js';
import { estimatedEm } from '../../layout/kinsoku.js';
import { ptToTwip, twipToPt, ZIHAO, type Zihao } from '../../layout/units.js';
import type { Inline, TableBlock } from '../../model/types.js';
import { STYLE, tableStyleId, TEXT_WIDTH_TWIP, type FontNames } from './styles.js';
import { inlineRuns } from './text.js';

/** The cells' margins left and right, in twips (the statistics tables' too); above and below, the PDF's 2 pt. */
const CELL_MARGIN_TWIP = 60;
const CELL_MARGIN_Y_TWIP = 40;
/** Slack on an estimated width, in em. */
const SLACK_EM = 0.25;

/** A cell's text estimated in em: its one-line width and its widest piece that does not break. */
export function estimateRange(text: string): ColumnRange {
  let natural = 0;
  let min = 0;
  let piece = 0;
  for (const c of text) {
    const em = estimatedEm(c);
    natural += em;
    if (em === 1 || c === ' ') {
      min = Math.max(min, piece, em === 1 ? 1 : 0);
      piece = 0;
    } else {
      piece += em;
      if (c === '/' || c === '-') { min = Math.max(min, piece); piece = 0; }
    }
  }
  return { min: Math.max(min, piece), natural };
}

const textOf = (inlines: Inline[]) => inlines.map((i) => i.text).join('');

/**
 * `noteBelow`: a note follows (model/types.ts isTableNote): the last row keeps with it, right below.
 * `gapBelow`: the block that follows takes the grid line's gap below the table as its space before.
 */
export function markdownTable(b: TableBlock, fonts: FontNames, noteBelow = false, gapBelow = false): FileChild[] {
  const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
  const base = sizeOf('tableText');
  const rows = [b.header, ...b.rows].map((r) => Array.from({ length: cols }, (_, k) => r[k] ?? []));
  // a quarter of an em of slack on each estimate: a column sized to its text's exact estimated
  // width broke 序号 and 备注 over two lines in LibreOffice
  const estimated = rows.map((r) => r.map((c) => estimateRange(textOf(c))));
  const ems = Array.from({ length: cols }, (_, k) => {
    const cells = estimated.map((r) => r[k]!);
    return { min: Math.max(...cells.map((c) => c.min)) + SLACK_EM, natural: Math.max(...cells.map((c) => c.natural)) + SLACK_EM };
  });
  // the 版心 less the cells' margins (Word draws the rules on the cells' edges, within the width);
  // smaller type, and margins, where the columns' widest pieces do not fit side by side (as the PDF's)
  const marginAt = (s: number) => Math.round((CELL_MARGIN_TWIP * s) / base);
  const roomAt = (s: number) => twipToPt(TEXT_WIDTH_TWIP - cols * 2 * marginAt(s));
  const size = steppedSize(ems.map((r) => r.min * base), base, roomAt);
  const margin = marginAt(size);
  const zihao = (Object.keys(ZIHAO) as Zihao[]).find((z) => ZIHAO[z] === size)!;
  const room = roomAt(size);
  const ranges = ems.map((r) => ({ min: r.min * size, natural: r.natural * size }));
  const shares = shareWidths(ranges, room, size);
  const widths = shares.map((w) => Math.floor(ptToTwip(w === '*' ? room / cols : w)) + 2 * margin);
  // whole twips: what rounding left goes to the last column, so the table spans the 版心 exactly
  widths[cols - 1]! += TEXT_WIDTH_TWIP - widths.reduce((a, w) => a + w, 0);
  // a short table kept whole (SHORT_TABLE_ROWS, as in the PDF): each row's paragraphs keep with the
  // next row, where no cell runs over more than three lines (estimated: the DOCX has no fonts)
  const whole = b.rows.length <= SHORT_TABLE_ROWS && estimated.every((r) => r.every((c, k) => c.natural * size <= 3 * twipToPt(widths[k]! - 2 * margin)));
  const cell = (inlines: Inline[], k: number, header: boolean, last: boolean) => new TableCell({
    width: { size: widths[k]!, type: WidthType.DXA },
    children: [new Paragraph({
      // (smaller type by its style, 公文表格文字（五号）/（小五）, as the statistics tables': no direct formatting)
      style: tableStyleId(header ? 'tableHeader' : 'tableText', zihao)!,
      // (the header centred by its style; the body's columns as the | :---: | line asks)
      ...(!header && b.align[k] === 'center' ? { alignment: AlignmentType.CENTER } : !header && b.align[k] === 'right' ? { alignment: AlignmentType.RIGHT } : {}),
      // the header row stays with the first row below it (Word keeps a row whose paragraphs keep with the next)
      ...((header && rows.length > 1) || (last && noteBelow) || (whole && !last) ? { keepNext: true } : {}),
      children: inlineRuns(inlines, header ? ELEMENTS.tableHeader.role : ELEMENTS.tableText.role, fonts),
    })],
  });
  return [new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    margins: { left: margin, right: margin, top: CELL_MARGIN_Y_TWIP, bottom: CELL_MARGIN_Y_TWIP, marginUnitType: WidthType.DXA },
    rows: rows.map((r, i) => new TableRow({
      ...(i === 0 ? { tableHeader: true } : { cantSplit: true }),
      children: r.map((inlines, k) => cell(inlines, k, i === 0, i === rows.length - 1)),
    })),
  }), ...(noteBelow || gapBelow ? [] : [new Paragraph({ style: STYLE.body.id, alignment: AlignmentType.LEFT, children: [] })])];
}
