/**
 * A statistics grid (layout/stat-grid.ts) → a WordprocessingML table: fixed widths,
 * gridSpan/vMerge, repeated header rows.
 *
 * Written as text (raw-xml.ts), in the very form docx writes for the same table through its
 * Table/TableRow/TableCell objects — tests/docx-table.test.ts compares the two byte for byte on
 * every table of every template — at a fraction of the cost: these tables are nine tenths of a
 * report's document.xml.
 */
import { CELL_PADDING_BOTTOM, CELL_PADDING_TOP, CELL_PADDING_X, cellTextWidth, columnTextWidths, isCovered, TABLE_RULE, type GridCell, type StatGrid } from '../../layout/stat-grid.js';
import { ptToHalfPoints, ptToTwip, twipToPt, ZIHAO } from '../../layout/units.js';
import { figureEm, FIGURE, fittedSize } from '../../layout/fit.js';
import { estimatedLineCount, labelLines } from '../../layout/title-lines.js';
import { escapeLikeDocx, RawXml } from './raw-xml.js';
import { STYLE, tableStyleId, TEXT_WIDTH_TWIP } from './styles.js';

/** The cells' margins, once for the table (w:tblCellMar), in twips: the PDF's padding (layout/stat-grid.ts), so that rows are as tall. */
const CELL_MARGIN = { top: ptToTwip(CELL_PADDING_TOP), left: ptToTwip(CELL_PADDING_X), bottom: ptToTwip(CELL_PADDING_BOTTOM), right: ptToTwip(CELL_PADDING_X) };
const BORDER = 'w:val="single" w:color="auto" w:sz="4"';
const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} ${BORDER}/>`).join('');
const MARGINS = (['top', 'left', 'bottom', 'right'] as const).map((side) => `<w:${side} w:type="dxa" w:w="${CELL_MARGIN[side]}"/>`).join('');

/** What every cell paragraph of one table shares. */
interface TableStyle {
  /** Size of the cell text in half-points when not the styles' 小四, with its exact line in twips. */
  /** Its cells' paragraph styles. */
  styles: { text: string; header: string };
  /** Its size and line, where no style has them. */
  small?: { halfPoints: number; line: number };
  /** Keep every row but the last with the next (a table kept on one page), but those after which it may break (StatGrid blockEnds). */
  keepWhole: boolean;
  breaksAfter?: ReadonlySet<number>;
  rows: number;
  /** The cell text's size in pt (an indent level is one character of it). */
  size: number;
}

/**
 * The size in half-points of a figure too wide for its cell (`room`: its text width in pt) on one
 * line at `size` pt, set smaller to fit as in the PDF (write/pdf/stat-table.ts); undefined for one
 * that fits. Word measures with the office's font, not gongwen's: the figure is estimated
 * (layout/fit.ts figureEm: digits half an em, as in the bundled faces and in 仿宋_GB2312).
 */
export function figureHalfPoints(slot: GridCell, room: number, size: number): number | undefined {
  if (slot.role !== 'value' || !FIGURE.test(slot.text)) return undefined;
  // (a point to spare: Word measures in the office's face, and a figure that only just fits
  // there would wrap)
  const fit = fittedSize(figureEm(slot.text) * size, room - 1, size);
  return fit < size ? Math.floor(fit * 2) : undefined;
}

/**
 * A label's or header's lines in a cell with `room` pt of text width at `size` pt (layout/title-
 * lines.ts labelLines: words whole, not 本年新制作数 / 量); undefined where Word fills the cell.
 * Whether to break is decided on the cell's own width; the lines are chosen on `pdfRoom`, the PDF
 * cell's (layout/stat-grid.ts, half a point narrower), so that where both writers break a label
 * they break it alike. Where lines of whole words at the PDF's width would take more lines than
 * filling the cell, they are chosen at the cell's own width: 2021's 表三（六）1, 9.01 em wide, was
 * left to Word, which broke 行政机 / 关 and 政府信 / 息, where its first line of whole words,
 * 1.申请人无正当理由, is 9 em (the PDF measures its own face, and breaks it in four lines too).
 */
export function cellLines(slot: GridCell, room: number, size: number, pdfRoom = room): string[] | undefined {
  if (slot.role === 'value') return undefined;
  return labelLines(slot.text, room / size, slot.align, undefined, pdfRoom / size) ?? (pdfRoom < room ? labelLines(slot.text, room / size, slot.align) : undefined);
}

/** A cell paragraph's properties; `keep`: its row is kept on a page with what is below it (a section or group row, the last row over a note). */
const paragraphXml = (slot: GridCell, r: number, t: TableStyle, keep: boolean) =>
  `<w:pStyle w:val="${slot.role === 'head' || slot.role === 'section' ? t.styles.header : t.styles.text}"/>` +
  ((t.keepWhole && r < t.rows - 1 && !t.breaksAfter?.has(r)) || keep ? '<w:keepNext/>' : '') +
  (t.small ? `<w:spacing w:line="${t.small.line}" w:lineRule="exact"/>` : '') +
  (slot.indent ? `<w:ind w:left="${ptToTwip(slot.indent * t.size)}"/>` : '') +
  `<w:jc w:val="${slot.align}"/>`;

/** `width`: the cell's width in twips, `room`: its text width in pt, `pdfRoom`: the PDF's (cellLines). */
function cellXml(slot: GridCell, r: number, width: number, room: number, pdfRoom: number, t: TableStyle, keep: boolean): string {
  // a table's size is its styles' (styles.ts tableStyleId), or where none has it, said on the text
  // run (and its line on the paragraph); a figure set smaller to fit its cell says its own (figureHalfPoints)
  const halfPoints = figureHalfPoints(slot, room, t.size) ?? t.small?.halfPoints;
  const rPr = halfPoints !== undefined ? `<w:rPr><w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/></w:rPr>` : '';
  const lines = slot.text ? cellLines(slot, room, t.size, pdfRoom) ?? [slot.text] : [];
  const run = lines.map((line, k) => `<w:r>${rPr}${k ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeLikeDocx(line)}</w:t></w:r>`).join('');
  return `<w:tc><w:tcPr>${tcPr(slot, width, 'restart')}</w:tcPr><w:p><w:pPr>${paragraphXml(slot, r, t, keep)}</w:pPr>${run}</w:p></w:tc>`;
}

/**
 * A cell's properties; a cell over several rows starts a vertical merge, its continuations go on
 * with it. Text is centred in its cell's height, but a group's label over several rows (三、本年度
 * 办理结果, （三）不予公开) stands at its first row, as in the PDF, which repeats it on each page the
 * rows run onto (centred, it stood in the middle of a group that may cross a page: statistics audit).
 */
const tcPr = (slot: GridCell, width: number, merge: 'restart' | 'continue') =>
  `<w:tcW w:type="dxa" w:w="${width}"/>` +
  (slot.colSpan > 1 ? `<w:gridSpan w:val="${slot.colSpan}"/>` : '') +
  (merge === 'continue' || slot.rowSpan > 1 ? `<w:vMerge w:val="${merge}"/>` : '') +
  `<w:vAlign w:val="${slot.role === 'label' && slot.rowSpan > 1 ? 'top' : 'center'}"/>`;

/**
 * The cell in row `r` under a label that spans rows: merged into it, with an empty paragraph in
 * the label's style (a paragraph in the document's default style, 三号 on a 28.95 pt line, could
 * make the row taller than its text in Word).
 */
const continuationXml = (slot: GridCell, width: number, r: number, t: TableStyle, keep: boolean) =>
  `<w:tc><w:tcPr>${tcPr(slot, width, 'continue')}</w:tcPr><w:p><w:pPr>${paragraphXml(slot, r, t, keep)}</w:pPr></w:p></w:tc>`;

/** The width in twips of the cell `slot` from column `c` (`widths`: docxColumnWidths). */
const spanWidth = (widths: readonly number[], c: number, slot: GridCell): number =>
  widths.slice(c, c + slot.colSpan).reduce((a, b) => a + b, 0);

/**
 * The text width in pt of a cell `width` twips wide (its columns, margins included) at `size` pt:
 * what Word and LibreOffice set its lines in, less the label's indent — 0.5 pt wider than the
 * PDF's cell, since the columns' widths hold the PDF's rules. Whether a label is broken, and
 * whether a figure fits, is decided on this width.
 */
export const cellRoom = (slot: GridCell, width: number, size: number): number =>
  twipToPt(width - CELL_MARGIN.left - CELL_MARGIN.right) - slot.indent * size;

/**
 * The columns' widths in twips: their text widths (layout/stat-grid.ts), each with its padding and
 * rule, as in the PDF; the last takes what rounding left, so that the table spans the 版心.
 */
export function docxColumnWidths(grid: StatGrid): number[] {
  const widths = columnTextWidths(grid, twipToPt(TEXT_WIDTH_TWIP)).map((w) => Math.floor((w + 2 * CELL_PADDING_X + TABLE_RULE) * 20));
  widths[widths.length - 1]! += TEXT_WIDTH_TWIP - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * The body rows that keep with the next so that a group's label over several rows (三、本年度办理结果,
 * （三）不予公开) is never cut by a page break: from the group's first row, each row until the
 * rows so far have as many lines as the label (as the PDF moves such a group, write/pdf/label-room.ts;
 * Word and LibreOffice would print the label's first lines at a page's foot and the rest over
 * the rows on the next page). Lines are estimated as cellLines breaks them: a row is as tall as
 * its tallest cell that does not span rows.
 */
export function groupStartRows(grid: StatGrid): Set<number> {
  // the same for every report on a form (figures count one line each): worked out once a form
  const known = grid.form && groupStarts.get(grid.form);
  if (known) return known;
  const keep = groupStartRowsOnce(grid);
  if (grid.form) groupStarts.set(grid.form, keep);
  return keep;
}
const groupStarts = new WeakMap<object, Set<number>>();

function groupStartRowsOnce(grid: StatGrid): Set<number> {
  const size = ZIHAO[grid.zihao];
  const widths = docxColumnWidths(grid);
  const pdfText = columnTextWidths(grid, twipToPt(TEXT_WIDTH_TWIP));
  const lines = (slot: GridCell, c: number): number => {
    if (slot.role === 'value' || !slot.text) return 1;
    const room = cellRoom(slot, spanWidth(widths, c, slot), size);
    return cellLines(slot, room, size, cellTextWidth(pdfText, c, slot, size))?.length ?? estimatedLineCount(slot.text, room / size);
  };
  const rowLines = grid.rows.map((row) => Math.max(1, ...row.map((slot, c) => (isCovered(slot) || slot.rowSpan > 1 ? 1 : lines(slot, c)))));
  const keep = new Set<number>();
  grid.rows.forEach((row, r) => row.forEach((slot, c) => {
    if (isCovered(slot) || slot.rowSpan < 2 || r < grid.headerRows) return;
    const need = lines(slot, c);
    let have = 0;
    for (let k = r; k < r + slot.rowSpan - 1; k++) {
      have += rowLines[k]!;
      if (have >= need) break;
      keep.add(k);
    }
  }));
  return keep;
}

/** `noteBelow`: a note follows the table (model/types.ts isTableNote), which its last row keeps with. */
export function statTableXml(grid: StatGrid, noteBelow = false): string {
  const size = ZIHAO[grid.zihao];
  const text = tableStyleId('tableText', grid.zihao);
  const header = tableStyleId('tableHeader', grid.zihao);
  const style: TableStyle = {
    styles: { text: text ?? STYLE.tableText.id, header: header ?? STYLE.tableHeader.id },
    small: text && header ? undefined : { halfPoints: ptToHalfPoints(size), line: ptToTwip(size * 1.35) },
    // a table without repeated header rows (表二 blocks, 表四) is kept on one page, Word's way:
    // every row but the last keeps with the next
    keepWhole: grid.headerRows === 0 || grid.rows.length <= 6,
    // (but between 表二's blocks, as in the PDF)
    ...(grid.blockEnds ? { breaksAfter: new Set(grid.blockEnds) } : {}),
    rows: grid.rows.length,
    size,
  };
  const widths = docxColumnWidths(grid);
  const pdfText = columnTextWidths(grid, twipToPt(TEXT_WIDTH_TWIP));
  // the label above each slot covered by a row span, where that span's columns start
  const above: (GridCell | undefined)[][] = grid.rows.map((row) => row.map(() => undefined));
  const groupStarts = groupStartRows(grid);
  const rows = grid.rows.map((row, r) => {
    // a section or group row keeps with the row below it; so do the header rows of a table that
    // may break across pages, and its first row, so that the header goes on with two rows at least
    // (as in the PDF: never the header over one row at a page's foot); and the first rows of a
    // group until they are tall enough for its label (groupStartRows)
    const keep = r < grid.rows.length - 1 ? (!isCovered(row[0]!) && Boolean(row[0]!.keepWithNext)) || (grid.headerRows > 0 && r <= grid.headerRows) || groupStarts.has(r)
      : noteBelow;
    const cells = row.map((slot, c) => {
      if (!isCovered(slot)) {
        for (let k = 1; k < slot.rowSpan; k++) above[r + k]![c] = slot;
        const width = spanWidth(widths, c, slot);
        return cellXml(slot, r, width, cellRoom(slot, width, size), cellTextWidth(pdfText, c, slot, size), style, keep);
      }
      const merged = above[r]![c];
      return merged ? continuationXml(merged, spanWidth(widths, c, merged), r, style, keep) : '';
    });
    const header = r < grid.headerRows ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>';
    return `<w:tr><w:trPr><w:cantSplit/>${header}</w:trPr>${cells.join('')}</w:tr>`;
  });
  return '<w:tbl><w:tblPr>' +
    `<w:tblW w:type="dxa" w:w="${widths.reduce((a, b) => a + b, 0)}"/>` +
    `<w:tblBorders>${BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>${MARGINS}</w:tblCellMar>` +
    `</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

/** The table as a block of the document. */
export const statTable = (grid: StatGrid, noteBelow = false): RawXml => new RawXml(statTableXml(grid, noteBelow));
