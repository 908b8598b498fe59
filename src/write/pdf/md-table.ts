/**
 * A Markdown table in the body → a pdfmake table across the 版心, its header row repeated on
 * each page it runs onto and kept with the first row below it where the two surely fit on a page,
 * its rows unbroken where each surely fits on one.
 *
 * Column widths: pdfmake shares the width equally among '*' columns, but never gives one less
 * than the widest unbreakable piece of any column (a date, a figure, an address): where that
 * piece times the number of columns is wider than the 版心, every column got that width and the
 * table ran off the page. So the widths are chosen here, from each cell's pieces measured as
 * pdfkit will set them, by the rules of layout/column-widths.ts: the table never runs past the
 * right margin (the reader refuses more than layout/gbt9704.ts MAX_TABLE_COLUMNS, which leave no room).
 */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, SHORT_TABLE_ROWS, sizeOf } from '../../layout/gbt9704.js';
import type { TableBlock } from '../../model/types.js';
import { shareWidths, steppedSize, type ColumnRange } from '../../layout/column-widths.js';
import type { PdfContext } from './context.js';
import { widthRange } from './lines.js';
import { inlineRuns } from './text.js';

/** pdfmake's default table layout: 4 pt of padding left and right of a cell, 1 pt rules. */
export const CELL_PADDING = 4;
export const RULE = 1;

/** The width a table `total` pt wide leaves its `n` columns' text, without paddings (`pad` each side) and rules. */
const contentRoom = (total: number, n: number, pad = CELL_PADDING): number => total - n * 2 * pad - (n + 1) * RULE;

/** Content widths (pt) for columns whose cells need `ranges`, in a table `total` pt wide; '*' where equal shares do. */
export const columnWidths = (ranges: ColumnRange[], total: number, minimum: number, pad = CELL_PADDING): (number | '*')[] =>
  shareWidths(ranges, contentRoom(total, ranges.length, pad), minimum);

/** A cell's padding left and right at text size `size`: CELL_PADDING at the table's own 小四, less with smaller type. */
export const cellPadding = (size: number): number => (CELL_PADDING * size) / sizeOf('tableText');

/** pdfmake's default table layout pads a cell 2 pt above and below. */
export const CELL_PADDING_Y = 2;

/**
 * The estimated height of each row, set in `widths`: each cell's lines counted as its one-line
 * width over its column's (a line broken at a break opportunity holds less, so the estimate is
 * low).
 */
function rowHeights(measured: { natural: number }[][], widths: (number | '*')[], room: number, lineHeight: number): number[] {
  const share = room / widths.length;
  return measured.map((row) => Math.max(...row.map((c, k) => {
    const w = widths[k] === '*' ? share : (widths[k] as number);
    const lines = w > 0 ? Math.max(1, Math.ceil(c.natural / w)) : Infinity;
    return lines * lineHeight + 2 * CELL_PADDING_Y + RULE;
  })));
}

export function markdownTable(ctx: PdfContext, b: TableBlock): Content {
  const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
  /** The table's cells set in text `size`. */
  const setIn = (size: number) => {
    const cell = { role: ELEMENTS.tableText.role, size, lineHeight: size * 1.5 };
    const head = { ...cell, role: ELEMENTS.tableHeader.role };
    const header = Array.from({ length: cols }, (_, k) => inlineRuns(ctx, b.header[k] ?? [], head));
    const rows = b.rows.map((r) => Array.from({ length: cols }, (_, k) => inlineRuns(ctx, r[k] ?? [], cell)));
    return { cell, header, rows };
  };
  const base = sizeOf('tableText');
  let set = setIn(base);
  // each cell's narrowest and one-line widths at the table's own size; undefined where the glyph source cannot measure
  const ranges = [set.header, ...set.rows].map((row) => row.map((c) => widthRange(ctx, c)));
  let measured = ranges.every((row) => row.every((r) => r !== undefined)) ? (ranges as ColumnRange[][]) : undefined;
  // smaller type where the columns' widest pieces (a figure, a date) do not fit side by side: the
  // widths scale with the size (advances are proportional), so they are not measured again
  if (measured) {
    const size = steppedSize(columnRanges(measured, cols).map((r) => r.min), base, (s) => contentRoom(ctx.textWidth, cols, cellPadding(s)));
    if (size !== base) {
      set = setIn(size);
      measured = measured.map((row) => row.map((r) => ({ min: (r.min * size) / base, natural: (r.natural * size) / base })));
    }
  }
  const { cell, header, rows } = set;
  const pad = cellPadding(cell.size);
  const widths = measured ? columnWidths(columnRanges(measured, cols), ctx.textWidth, cell.size, pad) : Array.from({ length: cols }, () => '*' as const);
  const heights = measured ? rowHeights(measured, widths, contentRoom(ctx.textWidth, cols, pad), cell.lineHeight) : [];
  const [headerHeight, firstHeight] = heights;
  // Header and first row are kept together only where both surely fit on one page: pdfmake keeps
  // them as one unbreakable block, and of a block taller than a page it prints the first page
  // only (a first row of a few hundred characters in a narrow column was lost without a word).
  // Half a page allows for the estimate being low.
  const keep = headerHeight !== undefined && firstHeight !== undefined && headerHeight + firstHeight <= geometry.textHeight / 2;
  // A short table (layout/gbt9704.ts SHORT_TABLE_ROWS) is kept whole: its rows, each kept with the
  // next (io/pdfmake-keep-rows.ts), move to the next page with the header and the lead-in above it,
  // where all of it surely fits on a page (a third of one, the estimate being low by up to half).
  const height = heights.reduce((a, h) => a + h, 0);
  const whole = heights.length > 0 && rows.length <= SHORT_TABLE_ROWS && height <= geometry.textHeight / 3;
  const margin = geometry.linePitch / 2;
  return {
    // the room its start needs below a lead-in sentence or a heading (index.ts): the header, and
    // the first row where it is kept with it (else a line of it); all of it where it is kept whole
    gwStartHeight: margin + (whole ? height : (headerHeight ?? 0) + (keep ? firstHeight! : cell.lineHeight + 2 * CELL_PADDING_Y + RULE)),
    table: {
      headerRows: 1,
      ...(keep ? { keepWithHeaderRows: 1 } : {}),
      // rows are not split across pages where every row surely fits on one (a taller one pdfmake
      // would cut, as it does a block): a third of a page, the estimate being low by up to half
      ...(heights.length && Math.max(...heights) <= geometry.textHeight / 3 ? { dontBreakRows: true } : {}),
      widths,
      body: [
        header.map((text) => ({ text, alignment: 'center' })),
        // (the header centred; the body's columns as the | :---: | line asks)
        ...rows.map((r, i) => r.map((text, k) => ({
          ...(b.align[k] && b.align[k] !== 'left' ? { text, alignment: b.align[k] } : { text }),
          ...(whole && k === 0 && i < rows.length - 1 ? { keepWithNextRow: true } : {}),
        }))),
      ],
    },
    // (pdfmake's default layout, its paddings narrower with smaller type)
    ...(pad !== CELL_PADDING ? { layout: { paddingLeft: () => pad, paddingRight: () => pad } } : {}),
    // the padding a note row under it reaches out by (write/pdf/table-note.ts)
    gwCellPadding: pad,
    margin: [0, margin, 0, margin],
    gridAfter: geometry.linePitch,
  } as Content;
}

/** A column's narrowest width: its widest cell's widest piece; its one-line width: its widest cell's. */
const columnRanges = (measured: ColumnRange[][], cols: number): ColumnRange[] =>
  Array.from({ length: cols }, (_, k) => ({
    min: Math.max(0, ...measured.map((row) => row[k]!.min)),
    natural: Math.max(0, ...measured.map((row) => row[k]!.natural)),
  }));
