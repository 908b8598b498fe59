/**
 * A Markdown table in the body → a pdfmake table across the 版心, its header row repeated on
 * each page it runs onto and kept with the first row below it.
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
 *   word wider than its line. The table never runs past the right margin.
 */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import type { TableBlock } from '../../model/types.js';
import type { PdfContext } from './context.js';
import { widthRange } from './lines.js';
import { inlineRuns, type PdfInline } from './text.js';

/** pdfmake's default table layout: 4 pt of padding left and right of a cell, 1 pt rules. */
const CELL_PADDING = 4;
const RULE = 1;

const clampTo = (level: number, r: { min: number; natural: number }): number => Math.max(r.min, Math.min(level, r.natural));

/** Content widths (pt) for columns whose cells need `ranges`, in a table `total` pt wide; '*' where equal shares do. */
export function columnWidths(ranges: { min: number; natural: number }[], total: number, minimum: number): (number | '*')[] {
  const n = ranges.length;
  const room = total - n * 2 * CELL_PADDING - (n + 1) * RULE;
  const widest = Math.max(0, ...ranges.map((r) => r.min));
  if (widest * n <= room) return ranges.map(() => '*');
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

export function markdownTable(ctx: PdfContext, b: TableBlock): Content {
  const cell = { role: ELEMENTS.tableText.role, size: sizeOf('tableText'), lineHeight: sizeOf('tableText') * 1.5 };
  const head = { ...cell, role: ELEMENTS.tableHeader.role };
  const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
  const header = Array.from({ length: cols }, (_, k) => inlineRuns(ctx, b.header[k] ?? [], head));
  const rows = b.rows.map((r) => Array.from({ length: cols }, (_, k) => inlineRuns(ctx, r[k] ?? [], cell)));
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      widths: widths(ctx, [header, ...rows], cols),
      body: [
        header.map((text) => ({ text, alignment: 'center' })),
        ...rows.map((r) => r.map((text) => ({ text }))),
      ],
    },
    margin: [0, geometry.linePitch / 2, 0, geometry.linePitch / 2],
    gridAfter: geometry.linePitch,
  } as Content;
}

function widths(ctx: PdfContext, rows: PdfInline[][][], cols: number): (number | '*')[] {
  const ranges: { min: number; natural: number }[] = [];
  for (let k = 0; k < cols; k++) {
    let min = 0;
    let natural = 0;
    for (const row of rows) {
      const r = widthRange(ctx, row[k]!);
      if (!r) return Array.from({ length: cols }, () => '*'); // not measurable here: pdfmake's shares
      min = Math.max(min, r.min);
      natural = Math.max(natural, r.natural);
    }
    ranges.push({ min, natural });
  }
  return columnWidths(ranges, ctx.textWidth, sizeOf('tableText'));
}
