/**
 * A Markdown table in the body → a pdfmake table across the 版心, its header row repeated on
 * each page it runs onto and kept with the first row below it where the two surely fit on a page.
 *
 * Column widths: pdfmake shares the width equally among '*' columns, but never gives one less
 * than the widest unbreakable piece of any column (a date, a figure, an address): where that
 * piece times the number of columns is wider than the 版心, every column got that width and the
 * table ran off the page. So the widths are chosen here:
 * - if equal shares hold every column's widest piece, equal shares ('*', as pdfmake sets them);
 * - else, if the widest pieces fit side by side, each column is held between its widest piece
 *   and its text on one line, at one level for all: short columns (乡镇, 备注) keep their text on
 *   one line and the long ones share the rest equally (where everything fits on one line, the
 *   width left over is shared in proportion);
 * - else each column gets at least one character and the rest in proportion to its widest
 *   piece: pieces wider than their column are broken between characters, as pdfmake breaks a
 *   word wider than its line. The table never runs past the right margin (but for some fifty
 *   columns and more, which leave no room at all).
 */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import type { TableBlock } from '../../model/types.js';
import type { PdfContext } from './context.js';
import { widthRange } from './lines.js';
import { inlineRuns } from './text.js';

/** pdfmake's default table layout: 4 pt of padding left and right of a cell, 1 pt rules. */
const CELL_PADDING = 4;
const RULE = 1;

/** The width a table `total` pt wide leaves its `n` columns' text, without paddings and rules. */
const contentRoom = (total: number, n: number): number => total - n * 2 * CELL_PADDING - (n + 1) * RULE;

const clampTo = (level: number, r: { min: number; natural: number }): number => Math.max(r.min, Math.min(level, r.natural));

/** Content widths (pt) for columns whose cells need `ranges`, in a table `total` pt wide; '*' where equal shares do. */
export function columnWidths(ranges: { min: number; natural: number }[], total: number, minimum: number): (number | '*')[] {
  const n = ranges.length;
  const room = contentRoom(total, n);
  const widest = Math.max(0, ...ranges.map((r) => r.min));
  // (no room at all, some fifty columns: pdfmake's shares, which overflow whatever is chosen)
  if (widest * n <= room || room <= 0) return ranges.map(() => '*');
  const sumMin = ranges.reduce((s, r) => s + r.min, 0);
  if (sumMin <= room) {
    const sumNatural = ranges.reduce((s, r) => s + Math.max(r.min, r.natural), 0);
    // every column's text on one line fits: the width left over is shared in proportion
    if (sumNatural <= room) return ranges.map((r) => Math.max(r.min, r.natural) * (room / sumNatural));
    // else one level for all, each column held between its widest piece and its text on one line
    let low = 0;
    let high = Math.max(...ranges.map((r) => r.natural));
    for (let i = 0; i < 50; i++) {
      const level = (low + high) / 2;
      if (ranges.reduce((s, r) => s + clampTo(level, r), 0) > room) high = level;
      else low = level;
    }
    const widths = ranges.map((r) => clampTo(low, r));
    const slack = room - widths.reduce((s, w) => s + w, 0); // what the search left over: a fraction of a point
    return widths.map((w) => w + slack / n);
  }
  const base = Math.min(minimum, room / n);
  const over = ranges.map((r) => Math.max(0, r.min - base));
  const sumOver = over.reduce((s, o) => s + o, 0);
  return ranges.map((_, i) => base + (room - n * base) * (sumOver > 0 ? over[i]! / sumOver : 1 / n));
}

/** pdfmake's default table layout pads a cell 2 pt above and below. */
const CELL_PADDING_Y = 2;

/**
 * The estimated heights of the header row and of the first row below it, set in `widths`: each
 * cell's lines counted as its one-line width over its column's (a line broken at a break
 * opportunity holds less, so the estimate is low).
 */
function startRowHeights(measured: { natural: number }[][], widths: (number | '*')[], room: number, lineHeight: number): number[] {
  const share = room / widths.length;
  const rowHeight = (row: { natural: number }[]) => Math.max(...row.map((c, k) => {
    const w = widths[k] === '*' ? share : (widths[k] as number);
    const lines = w > 0 ? Math.max(1, Math.ceil(c.natural / w)) : Infinity;
    return lines * lineHeight + 2 * CELL_PADDING_Y + RULE;
  }));
  return measured.slice(0, 2).map(rowHeight);
}

export function markdownTable(ctx: PdfContext, b: TableBlock): Content {
  const cell = { role: ELEMENTS.tableText.role, size: sizeOf('tableText'), lineHeight: sizeOf('tableText') * 1.5 };
  const head = { ...cell, role: ELEMENTS.tableHeader.role };
  const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
  const header = Array.from({ length: cols }, (_, k) => inlineRuns(ctx, b.header[k] ?? [], head));
  const rows = b.rows.map((r) => Array.from({ length: cols }, (_, k) => inlineRuns(ctx, r[k] ?? [], cell)));
  const all = [header, ...rows];
  // each cell's narrowest and one-line widths; undefined where the glyph source cannot measure
  const ranges = all.map((row) => row.map((c) => widthRange(ctx, c)));
  const measured = ranges.every((row) => row.every((r) => r !== undefined)) ? (ranges as { min: number; natural: number }[][]) : undefined;
  const widths = measured ? columnWidths(columnRanges(measured, cols), ctx.textWidth, sizeOf('tableText')) : Array.from({ length: cols }, () => '*' as const);
  const [headerHeight, firstHeight] = measured ? startRowHeights(measured, widths, contentRoom(ctx.textWidth, cols), cell.lineHeight) : [];
  // Header and first row are kept together only where both surely fit on one page: pdfmake keeps
  // them as one unbreakable block, and of a block taller than a page it prints the first page
  // only (a first row of a few hundred characters in a narrow column was lost without a word).
  // Half a page allows for the estimate being low.
  const keep = headerHeight !== undefined && firstHeight !== undefined && headerHeight + firstHeight <= geometry.textHeight / 2;
  const margin = geometry.linePitch / 2;
  return {
    // the room its start needs below a lead-in sentence or a heading (index.ts): the header, and
    // the first row where it is kept with it (else a line of it)
    gwStartHeight: margin + (headerHeight ?? 0) + (keep ? firstHeight! : cell.lineHeight + 2 * CELL_PADDING_Y + RULE),
    table: {
      headerRows: 1,
      ...(keep ? { keepWithHeaderRows: 1 } : {}),
      widths,
      body: [
        header.map((text) => ({ text, alignment: 'center' })),
        ...rows.map((r) => r.map((text) => ({ text }))),
      ],
    },
    margin: [0, margin, 0, margin],
    gridAfter: geometry.linePitch,
  } as Content;
}

/** A column's narrowest width: its widest cell's widest piece; its one-line width: its widest cell's. */
const columnRanges = (measured: { min: number; natural: number }[][], cols: number) =>
  Array.from({ length: cols }, (_, k) => ({
    min: Math.max(0, ...measured.map((row) => row[k]!.min)),
    natural: Math.max(0, ...measured.map((row) => row[k]!.natural)),
  }));
