/** Body blocks → pdfmake content, every line on the 22-line grid. */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, HEADING_ELEMENTS, sizeOf, STAT_TABLE_GAP, type ElementName } from '../../layout/gbt9704.js';
import { inlineText, tocInlines, type Block, type HeadingBlock, type ParagraphBlock, type StatisticsTable } from '../../model/types.js';
import { CELL_PADDING_BOTTOM, CELL_PADDING_TOP, CELL_PADDING_X, statGrid, TABLE_RULE, type StatGrid } from '../../layout/stat-grid.js';
import { startHeightOf, statTable } from './stat-table.js';
import type { PdfContext } from './context.js';
import { EMPTY_LINE, inlineRuns, LINK, runs, type PdfInline } from './text.js';
import { breakJustified, breakWithoutOrphan, lineCount } from './lines.js';
import { CELL_PADDING_Y as MD_CELL_PADDING_Y, markdownTable, RULE as MD_RULE } from './md-table.js';
import { NOTE_LINES, withNoteRow } from './table-note.js';

const indent = (name: ElementName): number => ELEMENTS[name].indentChars * geometry.charPitch;

/** Bookmark ids: the nearest heading of each level above, so bookmarks nest like the headings. */
export class OutlineIds {
  private readonly open: (string | undefined)[] = [];
  private n = 0;
  next(level: number): { id: string; parent?: string } {
    const id = `h${++this.n}`;
    const parent = this.open.slice(0, level - 1).filter(Boolean).at(-1);
    this.open.length = level - 1;
    this.open[level - 1] = id;
    return { id, parent };
  }
}

function heading(ctx: PdfContext, b: HeadingBlock, outline: OutlineIds): Content {
  const name = HEADING_ELEMENTS[b.level - 1];
  const style = { role: ELEMENTS[name].role, size: sizeOf(name) };
  let text: PdfInline[] = [...runs(ctx, b.number ?? '', style), ...inlineRuns(ctx, b.inlines, style)];
  if (b.runIn) {
    text.push(...inlineRuns(ctx, b.runIn, { role: ELEMENTS.body.role, size: sizeOf('body') }));
    // a run-in heading is a justified paragraph: broken into lines here, as body paragraphs are
    if (ctx.breakLines && ELEMENTS[name].align === 'justify') text = breakJustified(ctx, text, ctx.textWidth, indent(name)) ?? text;
  } else if (ctx.breakLines && ctx.cutAddresses !== false && ELEMENTS[name].align === 'justify') {
    // a standalone heading of two lines and more never leaves one character alone on its last
    // line, nor splits a word there (…规范化建 / 设): its lines are filled up to four characters
    // short (not where only pdfmake's breaks are asked for: PdfOptions.cutAddresses)
    const lines = breakWithoutOrphan(ctx, text, ctx.textWidth, false, indent(name));
    // (one line too: one that holds its last mark only in half its width, lines.ts endRoom, which
    // pdfmake would break again without the rules above — 规范化建 / 设”, a review)
    if (lines?.length) text = lines;
  }
  const { id, parent } = outline.next(b.level);
  const listed = b.level <= (ctx.tocLevels ?? 0);
  // a run-in heading's entry is the heading, not its paragraph, nor the 。 that ends it there
  // (without the heading's web links: an entry links to its heading, review — a link drawn over it opened the address)
  if (listed) ctx.toc?.push({ id, level: b.level, number: runs(ctx, b.number ?? '', style), text: inlineRuns(ctx, tocInlines(b), style).map(({ [LINK]: _, ...run }) => run) });
  return {
    text,
    alignment: ELEMENTS[name].align,
    leadingIndent: indent(name),
    id,
    outline: true,
    outlineText: `${b.number ?? ''}${inlineText(tocInlines(b))}`,
    ...(parent ? { outlineParentId: parent } : {}),
    // listed in the table of contents (write/pdf/toc.ts), where the PDF build reads its page from
    ...(listed ? { gwTocEntry: true } : {}),
    // A standalone heading is kept with what follows it (index.ts: keepTogether, and breakBefore
    // for what that does not group).
    ...(b.runIn ? {} : { headlineLevel: b.level }),
  } as Content;
}

/** A justified body paragraph, first line indented two characters; broken into lines here where possible. */
function justified(ctx: PdfContext, inlines: PdfInline[]): Content {
  const lines = ctx.breakLines ? breakWithLineBreaks(ctx, inlines) : undefined;
  return { text: lines ?? inlines, alignment: 'justify', leadingIndent: indent('body') } as Content;
}

/**
 * A paragraph with line breaks typed in it (`\` at a line's end: an address, then a telephone
 * number) broken here too, piece by piece: each piece's lines justified but its last, which ends
 * at the break, the first indented. pdfmake broke such a paragraph itself, so the end matter could
 * not take its last lines along, and 责任编辑 and the QR code stood on a page of their own under a
 * contact block that ended a page (an office's trial). An empty piece is an empty line. Undefined
 * where a piece cannot be broken here.
 */
function breakWithLineBreaks(ctx: PdfContext, inlines: PdfInline[]): PdfInline[] | undefined {
  if (!inlines.some((i) => i.text.includes('\n'))) return breakJustified(ctx, inlines, ctx.textWidth, indent('body'));
  const pieces: PdfInline[][] = [[]];
  for (const inline of inlines) {
    inline.text.split('\n').forEach((text, k) => {
      if (k > 0) pieces.push([]);
      if (text) pieces.at(-1)!.push({ ...inline, text });
    });
  }
  const out: PdfInline[] = [];
  for (const [k, piece] of pieces.entries()) {
    // (an empty piece, two breaks in a row: an empty line, a blank in the run's face — one left to
    // pdfmake took the whole paragraph back to it, and the end matter stood alone again: a layout audit)
    const lines = piece.length ? breakJustified(ctx, piece, ctx.textWidth, k === 0 ? indent('body') : 0)
      : [{ text: EMPTY_LINE, font: inlines[0]!.font, fontSize: inlines[0]!.fontSize, lineHeight: inlines[0]!.lineHeight, noWrap: true }];
    if (!lines?.length) return undefined;
    if (k < pieces.length - 1) {
      const { noNewLine: _, ...end } = lines.at(-1)!;
      lines[lines.length - 1] = { ...end, lineEnd: true };
    }
    out.push(...lines);
  }
  return out;
}

/**
 * A note under a table (table-note.ts) as a body paragraph, where it is short enough to keep with
 * the table: NOTE_LINES lines at most, broken here. A longer one is left a paragraph of its own
 * (undefined): kept with a table kept whole, or as a row, it made a block taller than a page,
 * which pdfmake drops whole — table, heading and lead-in with it.
 */
export function keptNote(ctx: PdfContext, note: ParagraphBlock): Content | undefined {
  const node = bodyParagraph(ctx, note);
  // (set below the rule by its first line's half leading, as if that line of the grid began at the
  // rule: pdfmake puts a line's leading under its characters, and the note's tops stood 1 pt under
  // the table's bottom rule, its 注 touching it at 70 dpi; its last line gives as much of the
  // leading under it back, so the note takes no more height and what follows stays where it was)
  return lineCount(node as { text?: unknown }) <= NOTE_LINES ? { stack: [node], margin: [0, NOTE_CLEARANCE, 0, -NOTE_CLEARANCE] } as Content : undefined;
}

/** The room above a note under a table, in pt: half of a body line's leading. */
export const NOTE_CLEARANCE = (geometry.linePitch - sizeOf('body')) / 2;

/** A paragraph of the body. */
export const bodyParagraph = (ctx: PdfContext, b: ParagraphBlock): Content => justified(ctx, inlineRuns(ctx, b.inlines, { role: ELEMENTS.body.role, size: sizeOf('body') }));

/**
 * A 表二 in parts, one per block (StatGrid blockEnds), each kept whole on one page and the page
 * free to break between them: stacked, each part's rules meet the next's. Its start height is the
 * first part's whole, so that a lead-in sentence or a heading above goes on with that part.
 */
function blockParts(ctx: PdfContext, grid: StatGrid, noteNode?: Content): Content {
  const cuts = [-1, ...grid.blockEnds!, grid.rows.length - 1];
  const parts = cuts.slice(1).map((end, k) => statTable(ctx, { ...grid, rows: grid.rows.slice(cuts[k]! + 1, end + 1) }, true));
  // (each part but the last drawn a rule's width higher into the next: on one page, the next
  // part's top rule lies on its bottom rule, one rule, as in the table drawn whole — two, they
  // printed twice as heavy: a review; a part that starts a page has its own top rule)
  const stack = parts.map((part, k) => (k === parts.length - 1 ? { stack: noteNode ? [part, noteNode] : [part], unbreakable: true } : { stack: [part], unbreakable: true, margin: [0, 0, 0, -TABLE_RULE] }));
  return statTableGroup(stack as Content[], false, parts[0], Boolean(noteNode));
}

/**
 * A statistics table's node in the body: `stack` (the table, or its parts, and a note), kept
 * whole or not, its gaps above and below, the room its start (`start`, the table or its first
 * part) needs below a lead-in sentence (index.ts), and what follows back on the grid.
 */
function statTableGroup(stack: Content[], unbreakable: boolean, start: Content, noted: boolean): Content {
  return {
    stack,
    unbreakable,
    // the room its start needs below a lead-in sentence (index.ts), from the gap above it on
    gwStartHeight: STAT_TABLE_GAP.beforeLines * geometry.linePitch + startHeightOf(start),
    // (a note under it is text: what follows it goes on the next grid line, with no gap of the table's)
    margin: [0, STAT_TABLE_GAP.beforeLines * geometry.linePitch, 0, noted ? 0 : STAT_TABLE_GAP.afterLines * geometry.linePitch],
    // what follows starts on the next grid line (io/pdfmake-grid-snap.ts)
    gridAfter: geometry.linePitch,
  } as Content;
}

/** `noteNode`: the note under table `b` (keptNote), set with it. */
export function bodyBlock(ctx: PdfContext, b: Block, outline: OutlineIds, statistics?: StatisticsTable, noteNode?: Content): Content {
  const body = { role: ELEMENTS.body.role, size: sizeOf('body') };
  switch (b.type) {
    case 'heading':
      return heading(ctx, b, outline);
    case 'statTable': {
      const table = statistics!.template.tables.find((t) => t.id === b.table)!;
      const grid = statGrid(table, statistics!.values);
      // a table without repeated header rows (表二 blocks, 表四) is kept whole on one page
      const whole = grid.headerRows === 0 || grid.rows.length <= 6;
      // …but 表二 may break between its blocks, each kept whole with its own title and header rows
      // (kept whole, the 2019 表二 of 18 rows left up to two thirds of a page empty: a 2019-form audit)
      if (whole && grid.blockEnds?.length) return blockParts(ctx, grid, noteNode);
      const node = statTable(ctx, grid);
      const stack = !noteNode ? [node] : whole ? [node, noteNode] : [withNoteRow(node, noteNode, CELL_PADDING_X, TABLE_RULE, { top: CELL_PADDING_TOP, bottom: CELL_PADDING_BOTTOM })];
      return statTableGroup(stack, whole, node, Boolean(noteNode));
    }
    case 'paragraph':
      return bodyParagraph(ctx, b);
    case 'list':
      return {
        stack: b.items.map((item, k) => justified(ctx, [...(b.ordered ? runs(ctx, b.markers?.[k] ?? `${b.start + k}.`, body) : []), ...inlineRuns(ctx, item, body)])),
      } as Content;
    case 'table': {
      const table = markdownTable(ctx, b);
      if (!noteNode) return table;
      // the margins and the return to the grid are the group's
      const { margin, gridAfter, gwStartHeight, gwCellPadding, ...rest } = table as unknown as { margin: [number, number, number, number]; gridAfter: number; gwStartHeight: number; gwCellPadding: number };
      // (the note is text: what follows it goes on the next grid line, with no gap of the table's;
      // it stood 1.6–2.6 lines below the note)
      return { stack: [withNoteRow(rest as Content, noteNode, gwCellPadding, MD_RULE, { top: MD_CELL_PADDING_Y, bottom: MD_CELL_PADDING_Y })], margin: [margin[0], margin[1], margin[2], 0], gridAfter, gwStartHeight } as Content;
    }
  }
}
