/**
 * The table of contents (目录), built here from the headings the writer met: one row an entry,
 * its page number in a column of its own. GB/T 9704 says nothing of a 目录; this follows print
 * practice: an entry's heading number stands out, its text hangs under its own first character
 * where it wraps, and the page number stands on the entry's last line, at the right margin.
 *
 * (pdfmake's own `toc` made the rows: it sized the number column for five digits, wrapped an
 * entry under its number and set the page number on the entry's first line.)
 */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import type { PdfContext } from './context.js';
import { breakWithoutOrphan, splitLines, widthRange } from './lines.js';
import { runs, type PdfInline } from './text.js';

/** A heading listed in the table of contents: its bookmark id (the page number's target), level, number and text. */
export interface TocEntry {
  id: string;
  level: number;
  number: PdfInline[];
  text: PdfInline[];
}

/**
 * The key of the page number's inline that asks for a dot leader before it (drawn by
 * io/pdfmake-toc-leader.ts once the number is known).
 */
export const TOC_LEADER = 'gwTocLeader';
export interface TocLeader {
  /** Where the entry's last line ends, in pt from the text block's left edge (the dots' grid starts there too). */
  from: number;
  /** The text block's width: the number's right edge is the block's. */
  block: number;
}

/** The key of an entry's first cell that gives its level and lines (io/pdf-render.ts reads where it was placed). */
export const TOC_ROW = 'gwTocRow';
export interface TocRow {
  level: number;
  /** Its lines as broken here (1 where pdfmake breaks them). */
  lines: number;
}

/** No rules and no padding: the rows are the grid's lines, the columns what toc.ts sets. */
const TOC_LAYOUT = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

/** The page numbers' column: three digits, and half a character between an entry and its number. */
function numberColumn(ctx: PdfContext): number {
  const size = sizeOf('body');
  return (ctx.glyphs.advance?.(ELEMENTS.body.role, '000', size) ?? 1.5 * size) + geometry.charPitch / 2;
}

/** The page number's style: the body's face and size, on the grid. */
type NumberStyle = Pick<PdfInline, 'font' | 'fontSize' | 'lineHeight'>;

/** One entry: number, text hanging under its first character, page number on the last line. */
function row(ctx: PdfContext, e: TocEntry, textColumn: number, numberStyle: NumberStyle): Content[] {
  const indent = (e.level - 1) * geometry.charPitch;
  // (a hair over the number's width: pdfmake wraps a column's text that fills it to the last bit)
  const hang = e.number.length ? (widthRange(ctx, e.number)?.natural ?? e.number.reduce((w, i) => w + i.text.length * i.fontSize, 0)) + 0.01 : 0;
  const room = textColumn - indent - hang;
  // ragged, as a contents entry is set (stretched, its Latin words were letter-spaced), and never
  // one character alone on its last line
  const text = ctx.breakLines ? breakWithoutOrphan(ctx, e.text, room, true) : undefined;
  // (where pdfmake breaks the lines, the entry keeps them; its number goes on the first line)
  const lines = text ? splitLines(text) : [];
  // where the last line ends (unstretched: the lines are ragged)
  const lastWidth = lines.length ? widthRange(ctx, lines.at(-1)!)?.natural : undefined;
  const leader: TocLeader | undefined = lastWidth === undefined ? undefined : { from: indent + hang + lastWidth, block: ctx.textWidth };
  const link = { linkToDestination: e.id };
  const body = { text: text ?? e.text, ...link };
  const entry = (hang ? { columns: [{ width: hang, text: e.number, ...link }, { width: '*', ...body }], columnGap: 0 } : body);
  // (its level and lines marked for the page it lands on, read once laid out: build.ts names the
  // levels that leave page 1 room for the body)
  const mark: TocRow = { level: e.level, lines: Math.max(1, lines.length) };
  return [
    { ...entry, margin: [indent, 0, 0, 0], [TOC_ROW]: mark } as unknown as Content,
    // pdfmake writes the page's number over a placeholder, keeping its right edge (Renderer.renderLine);
    // its five digits overhang the column to the left, unwrapped, while the layout runs
    {
      text: [{ ...numberStyle, text: '', pageReference: e.id, ...link, noWrap: true, ...(leader ? { [TOC_LEADER]: leader } : {}) }],
      alignment: 'right', margin: [0, Math.max(0, lines.length - 1) * geometry.linePitch, 0, 0],
    } as unknown as Content,
  ];
}

/**
 * The entry before the last keeps with it (io/pdfmake-keep-rows.ts): the last entry never stands
 * alone at the top of a page, the body right under it (a contents list that runs one line over
 * onto page 3).
 */
function keptWithLast(cells: Content[], k: number, count: number): Content[] {
  if (k !== count - 2) return cells;
  const [first, ...rest] = cells;
  return [{ ...(first as object), keepWithNextRow: true } as unknown as Content, ...rest];
}

/** 目录 and its entries, and a line after them. */
export function tocTable(ctx: PdfContext, entries: readonly TocEntry[]): Content {
  const numbers = numberColumn(ctx);
  const textColumn = ctx.textWidth - numbers;
  const { font, fontSize, lineHeight } = runs(ctx, '0', { role: ELEMENTS.body.role, size: sizeOf('body') })[0]!;
  const numberStyle = { font, fontSize, lineHeight };
  return {
    stack: [
      // (where the contents start, read once laid out: a title that fills page 1 puts them after it)
      { text: runs(ctx, '目录', { role: ELEMENTS.tocTitle.role, size: sizeOf('tocTitle') }), alignment: ELEMENTS.tocTitle.align, margin: [0, 0, 0, geometry.linePitch], gwTocTitle: true },
      {
        table: { widths: [textColumn, numbers], dontBreakRows: true, body: entries.map((e, k) => keptWithLast(row(ctx, e, textColumn, numberStyle), k, entries.length)) },
        layout: TOC_LAYOUT,
      },
    ],
    margin: [0, 0, 0, geometry.linePitch],
  } as Content;
}
