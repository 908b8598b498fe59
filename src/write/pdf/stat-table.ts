/** A statistics grid (layout/stat-grid.ts) → a pdfmake table with merged cells and repeated headers. */
import type { Content } from 'pdfmake/interfaces.js';
import { geometry } from '../../layout/gbt9704.js';
import { CELL_PADDING_BOTTOM, CELL_PADDING_TOP, CELL_PADDING_X, cellTextWidth, columnTextWidths, isCovered, TABLE_RULE, type GridCell, type StatGrid } from '../../layout/stat-grid.js';
import { FIGURE, fittedSize } from '../../layout/fit.js';
import { labelLines } from '../../layout/title-lines.js';
import { estimatedEm } from '../../layout/kinsoku.js';
import { ZIHAO } from '../../layout/units.js';
import type { PdfContext } from './context.js';
import { labelRoom, type LabelSpan } from './label-room.js';
import { breakJustified } from './lines.js';
import type { SpanningLabel } from './span-breaks.js';
import { lineRuns, runs, type PdfInline } from './text.js';

/** Cell padding and rules, in pt (the table layout below; left, right and rules as the DOCX's: layout/stat-grid.ts). */
const PADDING = { left: CELL_PADDING_X, right: CELL_PADDING_X, top: CELL_PADDING_TOP, bottom: CELL_PADDING_BOTTOM };
const RULE = TABLE_RULE;
/**
 * One table layout for every table and document (pdfmake copies it and never changes it): its
 * functions, called for every rule and cell, stay compiled, where functions made anew for each
 * table were optimised again after each full garbage collection.
 */
const TABLE_LAYOUT = {
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  paddingTop: () => PADDING.top,
  paddingBottom: () => PADDING.bottom,
  paddingLeft: () => PADDING.left,
  paddingRight: () => PADDING.right,
};

/** A function of a row (or cell) index, computed once per index. */
function memo<T>(f: (r: number) => T): (r: number) => T {
  const known = new Map<number, T>();
  return (r) => {
    if (known.has(r)) return known.get(r) as T;
    const v = f(r);
    known.set(r, v);
    return v;
  };
}

/**
 * The lines `inlines` take at `width` pt, broken by write/pdf/lines.ts, which breaks where pdfmake
 * does (tests/characters.test.ts): how many (1 when it cannot measure), and, with `text`, the
 * lines themselves.
 */
function linesOf(ctx: PdfContext, inlines: PdfInline[], width: number, text: boolean): { count: number; lines?: string[] } {
  // (with pdfmake's breaks, as it sets the cell: a figure may part from the character after it there, review)
  const broken = breakJustified({ ...ctx, cutAddresses: false }, inlines, width, 0);
  if (!broken) return { count: 1 };
  if (!text) return { count: broken.filter((i) => i.lineEnd).length + 1 };
  const lines = [''];
  for (const i of broken) {
    if (!i.spacer) lines[lines.length - 1] += i.text; // (a loose line's spacers are no text of the label's)
    if (i.lineEnd) lines.push('');
  }
  return { count: lines.length, lines };
}

/** A cell's lines: how many, the label's own where it is broken as a title is (labelLines), and a header's smaller size where it is set so to fit. */
type Broken = { lines: number; text?: string[]; size?: number };
/** How much wider than its column a header may be and be set smaller on one line (5 %: 10.5 pt → 10 pt at most). */
const HEAD_SQUEEZE = 1.05;
/** Labels broken (statTable's `broken`), by the measuring function of a set of fonts, then by face, size, width, alignment and text. */
const labelsBroken = new WeakMap<object, Map<string, Broken>>();

/** Body rows a table's start holds with its header: never a header over a single row at a page's foot. */
const START_ROWS = 2;

/** The height of a table's header and first rows, as statTable estimates it (`gwStartHeight`). */
export const startHeightOf = (node: unknown): number => (node as { gwStartHeight?: number }).gwStartHeight ?? 0;


/** `wholeStart`: the start height (gwStartHeight) is the whole table's, for a part kept on one page (a 表二 block). */
export function statTable(ctx: PdfContext, grid: StatGrid, wholeStart = false): Content {
  const size = ZIHAO[grid.zihao];
  const cell = { role: 'fang' as const, size, lineHeight: size * 1.35 };
  const head = { ...cell, role: 'hei' as const };
  // pdfmake widths exclude the cell padding and the rules: share out what is left of the 版心
  const widths = columnTextWidths(grid, geometry.textWidth);
  const widthOf = (c: number, slot: GridCell) => cellTextWidth(widths, c, slot, size);
  // a figure too wide for its cell on one line (a six-digit total in 表三's narrow columns, as a
  // city's sum may have) is set smaller to fit: broken over two lines it read as two numbers
  // (measured once per cell: row lines and the cell itself ask)
  const columns = grid.rows[0]?.length ?? 0;
  const fittedOf = memo((k) => {
    const slot = grid.rows[Math.floor(k / columns)]![k % columns] as GridCell;
    return slot.role === 'value' && FIGURE.test(slot.text) && ctx.glyphs.advance
      ? fittedSize(ctx.glyphs.advance(cell.role, slot.text, size), widthOf(k % columns, slot), size) : size;
  });
  const styleOf = (slot: GridCell, r: number, c: number) => {
    if (slot.role === 'head' || slot.role === 'section') return head;
    const fit = fittedOf(r * columns + c);
    return fit < size ? { ...cell, size: fit } : cell;
  };

  // Row heights as pdfmake will make them, estimated with the same line breaking: a row is as
  // tall as its tallest single-row cell. A cell over rows [from, to) has their height less one
  // rule and its padding for its text.
  // A label or header over several lines is broken as a title is (layout/title-lines.ts
  // labelLines: 本年新制作 / 数量, not 本年新制作数 / 量), where that takes no more lines than
  // pdfmake's filling and every line fits the cell in its face; else pdfmake fills the cell.
  // Worked out once per cell: rows, labels and the start height ask for its lines.
  const broken = memo((k): Broken => {
    const r = Math.floor(k / columns), c = k % columns;
    const slot = grid.rows[r]![c] as GridCell;
    const style = styleOf(slot, r, c);
    const width = widthOf(c, slot);
    // a label is the same in every report on the form: worked out once per face and width
    const advance = ctx.glyphs.advance;
    const labels = slot.role !== 'value' && advance ? labelsBroken.get(advance) ?? labelsBroken.set(advance, new Map()).get(advance)! : undefined;
    const key = labels && `${style.role}|${style.size}|${width}|${slot.align}|${slot.text}`;
    const knownLabel = key ? labels!.get(key) : undefined;
    if (knownLabel) return knownLabel;
    const result = breakCell(slot, style, width);
    if (key && labels!.size < 10_000) labels!.set(key, result);
    return result;
  });
  function breakCell(slot: GridCell, style: ReturnType<typeof styleOf>, width: number): Broken {
    // (a figure's lines are only counted: its text is not broken anew)
    const { count: filled, lines: fill } = linesOf(ctx, runs(ctx, slot.text, style), width, slot.role !== 'value');
    const advance = ctx.glyphs.advance;
    if (slot.role === 'value' || filled < 2 || !advance) return { lines: filled };
    const fits = (lines: string[] | undefined) =>
      lines && lines.length <= filled && lines.every((line) => advance(style.role, line, style.size) <= width + 0.01) ? lines : undefined;
    // chosen on the estimate, as the DOCX chooses them; where that takes a line more than filling
    // does, on the face's own widths (FandolFang's "1." is 0.78 em, the estimate's 1: 2021 表三's
    // 1.申请人无正当理由… fits four lines with 政府 whole only so)
    const emOf = (unit: string) => (/[\ud800-\udfff]/.test(unit) ? estimatedEm(unit) : advance(style.role, unit, style.size) / style.size);
    const text = fits(labelLines(slot.text, width / style.size, slot.align, fill)) ?? fits(labelLines(slot.text, width / style.size, slot.align, fill, undefined, emOf));
    if (text) return { lines: text.length, text };
    // a header a hair too wide for its column (自然人, 0.3 pt over in 表三) is set that much
    // smaller on one line, as a figure is, rather than leave its last character alone
    const whole = advance(style.role, slot.text, style.size);
    if (slot.role === 'head' && whole <= width * HEAD_SQUEEZE) return { lines: 1, size: fittedSize(whole, width, style.size) };
    return { lines: filled };
  }
  const linesOfCell = (r: number, c: number) => broken(r * columns + c).lines;
  const rowLines = memo((r) => Math.max(1, ...grid.rows[r]!.map((slot, c) => isCovered(slot) || slot.rowSpan > 1 ? 1 : linesOfCell(r, c))));
  // the page room a row takes: its padding, lines and the rule under it
  const rowRoom = (r: number) => PADDING.top + PADDING.bottom + RULE + rowLines(r) * cell.lineHeight;
  const roomOver = (from: number, to: number) => {
    let height = -RULE - PADDING.top - PADDING.bottom;
    for (let r = from; r < to; r++) height += rowRoom(r);
    return height;
  };

  // Header cells over several rows are centred here, with a top margin: pdfmake's own vertical
  // centring of a row-spanning cell goes wrong in tables it keeps whole (表四's 结果维持 … were
  // drawn below the table).
  const centredTop = (r: number, c: number, slot: GridCell): number =>
    Math.max(0, (roomOver(r, r + slot.rowSpan) - linesOfCell(r, c) * cell.lineHeight) / 2);

  const cellFor = (slot: GridCell, r: number, c: number) => {
    const spanningHead = slot.role === 'head' && slot.rowSpan > 1 && r + slot.rowSpan <= grid.headerRows;
    const { text: lines, size: squeezed } = broken(r * columns + c);
    const style = squeezed ? { ...styleOf(slot, r, c), size: squeezed } : styleOf(slot, r, c);
    return {
      text: lines ? lineRuns(ctx, lines, style) : runs(ctx, slot.text, style),
      alignment: slot.align,
      margin: [slot.indent * size, spanningHead ? centredTop(r, c, slot) : 0, 0, 0],
      rowSpan: slot.rowSpan,
      colSpan: slot.colSpan,
      // pdfmake centres a row-spanning cell over its whole span even when the span breaks across
      // pages, which draws it over other cells: such cells are set at the top (row labels) or
      // centred above (header cells).
      verticalAlignment: slot.rowSpan > 1 ? 'top' : 'middle',
      // a section or group row stays with the row below it (io/pdfmake-keep-rows.ts)
      ...(slot.keepWithNext ? { keepWithNextRow: true } : {}),
    };
  };
  const body = grid.rows.map((row, r) => row.map((slot, c) => (isCovered(slot) ? {} : cellFor(slot, r, c))));
  // a label over rows that a page break divides is printed again on the new page
  // (span-breaks.ts), where the rows on both sides have room for it
  const labels: SpanningLabel[] = [];
  const spans: LabelSpan[] = [];
  grid.rows.forEach((row, r) => row.forEach((slot, c) => {
    if (isCovered(slot) || slot.rowSpan < 2 || r < grid.headerRows) return;
    const needed = linesOfCell(r, c) * cell.lineHeight;
    // the same sums pdfmake makes, up to rounding
    labels.push({ row: r, col: c, copy: () => cellFor(slot, r, c), fits: (from, to) => roomOver(from, to) >= needed - 0.01 });
    spans.push({ row: r, end: r + slot.rowSpan, room: PADDING.top + needed + PADDING.bottom + RULE - 0.01 });
  }));
  // a group's first row starts a new page where the rows that would stay with it cannot hold its
  // label (label-room.ts; io/pdfmake-label-room.ts asks as pdfmake places each row),
  // and a group's rows that go on to the next page are pulled over until they hold its label
  // again there; every body row in a group is asked, through its first cell
  const mustMove = labelRoom(spans, rowRoom);
  for (let r = grid.headerRows; r < grid.rows.length; r++) {
    if (!spans.some((l) => l.row <= r && r < l.end)) continue;
    const c = grid.rows[r]!.findIndex((slot) => !isCovered(slot));
    if (c >= 0) (body[r]![c] as { gwMustMove?: (left: number, pageFirst: number) => boolean }).gwMustMove = (left, pageFirst) => mustMove(r, left, pageFirst);
  }
  ctx.spans?.register(body, labels);
  // How tall the header and the first START_ROWS body rows will be: room a lead-in sentence keeps
  // below itself (write/pdf/index.ts), so that it never ends a page whose next page starts the
  // table, nor leaves the header over a single row at a page's foot. A header cell over several
  // rows (（本列数据的勾稽关系……）) grows its last row when its text needs more.
  const startRows = wholeStart ? grid.rows.length : Math.min(grid.rows.length, grid.headerRows + START_ROWS);
  let startHeight = roomOver(0, startRows) + 2 * RULE;
  grid.rows.slice(0, startRows).forEach((row, r) => row.forEach((slot, c) => {
    if (isCovered(slot) || slot.rowSpan < 2 || r + slot.rowSpan > startRows) return;
    startHeight += Math.max(0, linesOfCell(r, c) * cell.lineHeight - roomOver(r, r + slot.rowSpan));
  }));
  return {
    gwStartHeight: startHeight,
    table: {
      headerRows: grid.headerRows,
      dontBreakRows: true,
      widths: [...widths], // pdfmake turns the entries into objects; `fits` reads ours during layout
      // a row of empty cells one line tall, as rowRoom counts it (表四's figures left blank: pdfmake
      // made the row the height of its padding, a strip, where the DOCX has a blank row); rows
      // added after the grid's (a note under the table, table-note.ts) are their own
      heights: (r: number) => (grid.rows[r]?.every((slot) => isCovered(slot) || !slot.text) ? cell.lineHeight : undefined),
      body,
    },
    layout: TABLE_LAYOUT,
  } as unknown as Content;
}
