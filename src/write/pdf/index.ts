/**
 * Report model → a plain pdfmake document definition. Pure: fonts are known only through
 * `options.glyphs`; no file, clock or pdfmake instance is touched here.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { geometry, GRID, LEAD_IN_LINES } from '../../layout/gbt9704.js';
import { estimatedWidthEm } from '../../layout/kinsoku.js';
import { editorLine, signatureLines } from '../../layout/meta-fields.js';
import { inlineText, isTableNote, tocLevels, type HeadingBlock, type ParagraphBlock, type Report } from '../../model/types.js';
import { attachmentNote, attachmentPages } from './attachment.js';
import { bodyBlock, keptNote, OutlineIds } from './blocks.js';
import { startHeightOf } from './stat-table.js';
import type { PdfContext, PdfOptions } from './context.js';
import { PAGE_NUMBER_STYLE, pageNumberFooter } from './footer.js';
import { front } from './front.js';
import { SpanBreaks } from './span-breaks.js';
import { tocTable } from './toc.js';
import { lineCount } from './lines.js';
import { EMPTY_LINE, PAGE_PROBE, runs, type PageProbe, type PdfInline } from './text.js';
import { ELEMENTS, QR, qrText, sizeOf } from '../../layout/gbt9704.js';
import { mmToPt } from '../../layout/units.js';

export type { PdfOptions, GlyphSource } from './context.js';

/**
 * Blocks kept together on a page, as unbreakable groups:
 * - a paragraph that leads into a table kept whole on one page ("……情况如下：" before 表二)
 *   moves with the table, and so does the heading right above it: the sentence never ends a page
 *   whose next page starts with its table; so does a heading right above such a table;
 * - a standalone heading (and any headings right above it) with the first line of its paragraph
 *   (`firstLineApart`) or of its list's first item, or with room for the start of a Markdown
 *   table right below it, so that no heading ends a page;
 * - a short paragraph that leads into a Markdown table, with room for the table's start.
 * (pdfmake's keep-heading-with-next callback sees an unbreakable block on the page it was first
 * tried on, so these are grouped here; the callback, `breakBefore`, catches the rest.)
 */
function keepTogether(content: Content[], blocks: Report['blocks'], textWidth: number): Content[] {
  const out: Content[] = [];
  let split: ReturnType<typeof keptWithHeading>;
  let leadsHere = false;
  for (let i = 0; i < content.length; i++) {
    const next = content[i + 1] as { unbreakable?: boolean; gridAfter?: number } | undefined;
    // (a lead-in of a few lines only, LEAD_IN_LINES: with a long one the group could be taller than
    // a page, which pdfmake would drop and io/pdfmake-lost-blocks.ts refuses — eleven lines before 表二)
    if (blocks[i].type === 'paragraph' && blocks[i + 1]?.type === 'statTable' && next?.unbreakable && leadInLines(content[i] as PdfParagraph, textWidth) <= LEAD_IN_LINES) {
      // with every heading right above (（一）… over 二、… over the lead-in: not only the nearest)
      out.push(withWholeTable([...headingsAbove(out, content, blocks, i), content[i]], next));
      i++;
    } else if ((leadsHere = leadsIntoBrokenTable(blocks, content, i, textWidth)) || (standalone(blocks[i]) && leadsIntoBrokenTable(blocks, content, i + 1, textWidth))) {
      // a lead-in sentence before a table that may break across pages (表三), with the heading
      // above it: kept with room below for the table's header and first rows, which the group
      // reserves and then gives back (a spacer, and as much negative margin)
      const heading = !leadsHere;
      const above = heading ? headingsAbove(out, content, blocks, i) : [];
      const lead = heading ? [content[i], content[i + 1]] : [content[i]];
      const reserve = startHeightOf(content[heading ? i + 2 : i + 1]);
      out.push({ stack: [...above, ...lead, { canvas: [], margin: [0, reserve, 0, 0] }], unbreakable: true, margin: [0, 0, 0, -reserve] } as Content);
      if (heading) i++;
    } else if (standalone(blocks[i]) && blocks[i + 1]?.type === 'statTable' && next?.unbreakable) {
      // a heading right over a statistics table kept whole, with no lead-in sentence: moves with
      // the table, as a lead-in does (it was left alone at a page's foot: a large-report audit)
      out.push(withWholeTable([...headingsAbove(out, content, blocks, i), content[i]], next));
      i++;
    } else if (standalone(blocks[i]) && (blocks[i + 1]?.type === 'table' || blocks[i + 1]?.type === 'statTable')) {
      // a heading right over a Markdown table, or a statistics table that may break across pages
      // (表三 with no lead-in sentence: the heading was left alone at a page's foot, a large-report
      // audit): kept with room below for the table's start
      const above = headingsAbove(out, content, blocks, i);
      const reserve = startHeightOf(content[i + 1]);
      out.push({ stack: [...above, content[i], { canvas: [], margin: [0, reserve, 0, 0] }], unbreakable: true, margin: [0, 0, 0, -reserve] } as Content);
    } else if (standalone(blocks[i]) && (split = keptWithHeading(blocks, content, i))) {
      const [first, rest] = split;
      // headings right above this one go with it (一、 over （一）): pdfmake reports the nodes of
      // a block that moved on the page it was first tried on, so pageBreakBefore cannot see them
      const above = headingsAbove(out, content, blocks, i);
      out.push({ stack: [...above, content[i], first], unbreakable: true } as Content, ...(rest ? [rest as Content] : []));
      i++;
    } else if (blocks[i]?.type === 'heading' && !standalone(blocks[i])) {
      // a run-in heading's paragraph never leaves its first line alone at a page's foot: that line
      // is mostly, or all, the heading (1.持续深化…建设有 / 关工作情况。全年…); nor a heading of
      // more lines apart from the line after them (a heading of three lines left its last on the next page)
      out.push(...firstLines(content[i] as PdfParagraph, headingLinesKept(content[i] as PdfParagraph, blocks[i] as HeadingBlock)));
    } else out.push(content[i]);
  }
  return out;
}

/** A paragraph broken into lines here, its first `n` lines one unbreakable block and the rest after it; as it is where it has fewer. */
function firstLines(p: PdfParagraph, n: number): Content[] {
  const split = firstLinesApart(p, n);
  if (!split || split[0].length < 2) return [p as Content];
  const [kept, rest] = split;
  return [{ stack: kept, unbreakable: true } as Content, ...(rest ? [rest as Content] : [])];
}

/**
 * A paragraph broken into lines here, split after its first `n` lines: those lines, and the rest —
 * none where the rest would be one line (alone at the top of the next page, the paragraph's last
 * line reads as left behind: it is kept with them). Undefined for one left to pdfmake.
 */
function firstLinesApart(p: PdfParagraph, n: number): [PdfParagraph[], PdfParagraph | undefined] | undefined {
  const kept: PdfParagraph[] = [];
  let rest: PdfParagraph | undefined = p;
  while (rest && kept.length < n) {
    const apart = firstLineApart(rest);
    if (!apart) return kept.length ? [kept, rest] : undefined;
    kept.push(apart[0]);
    rest = apart[1];
  }
  if (rest && !firstLineApart(rest)?.[1]) return [[...kept, rest], undefined];
  return [kept, rest];
}

/**
 * How many first lines of a run-in heading's paragraph go on a page together: the lines that hold
 * its heading (its number and text), and the line after them where the
 * heading ends its line; two at least, five at most (a block no taller than a page's few lines).
 */
function headingLinesKept(p: PdfParagraph, heading: HeadingBlock): number {
  if (!Array.isArray(p.text)) return 2;
  const headingLength = `${heading.number ?? ''}${inlineText(heading.inlines)}`.length;
  const inlines = p.text as PdfInline[];
  let at = 0;
  let line = 0;
  let k = 0;
  for (; k < inlines.length; k++) {
    const i = inlines[k]!;
    if (!i.spacer) at += i.text.length;
    if (at >= headingLength) break;
    if (i.lineEnd) line++;
  }
  // (the line after the heading's, where the heading ends its line; where text follows it on its
  // own last line, that line holds the text: a line more left a page foot of six blank lines, review)
  const endsLine = at === headingLength && (k >= inlines.length || inlines[k]!.lineEnd === true);
  return Math.min(5, Math.max(2, line + (endsLine ? 2 : 1)));
}

const standalone = (b: Report['blocks'][number] | undefined) => b?.type === 'heading' && !b.runIn;

/**
 * `above` (a lead-in sentence, headings) and the table kept whole below it, one unbreakable group.
 * The group ends with the table: what follows it goes back to the grid (the table's own gridAfter
 * cannot, inside a block pdfmake lays out apart from the page). The gap below the table is the
 * group's margin, not the table's: pdfmake counts a block's inner margins in its height, and a
 * group that fits a page's foot but for that gap (nothing is printed in it) moved to the next
 * page, leaving half a page empty (the 2021 sample's 表二).
 */
function withWholeTable(above: Content[], table: { gridAfter?: number }): Content {
  const { margin, ...rest } = table as { margin: [number, number, number, number] };
  return { stack: [...above, { ...rest, margin: [margin[0], margin[1], margin[2], 0] }], unbreakable: true, gridAfter: table.gridAfter, margin: [0, 0, 0, margin[3]] } as Content;
}

/** The standalone headings right above block `i`, taken back from the end of `out`, in order. */
function headingsAbove(out: Content[], content: Content[], blocks: Report['blocks'], i: number): Content[] {
  const above: Content[] = [];
  for (let k = i - 1; k >= 0 && standalone(blocks[k]) && out[out.length - 1] === content[k]; k--) above.unshift(out.pop()!);
  return above;
}

/**
 * Block `i` is a paragraph that leads into a table that may break across pages: a statistics table
 * not kept whole, or a Markdown table — after a lead-in of a few lines only (LEAD_IN_LINES): the
 * group is unbreakable, and pdfmake prints only the first page of a block taller than a page.
 */
const leadsIntoBrokenTable = (blocks: Report['blocks'], content: Content[], i: number, textWidth: number) =>
  blocks[i]?.type === 'paragraph' && (
    (blocks[i + 1]?.type === 'statTable' && !(content[i + 1] as { unbreakable?: boolean }).unbreakable && leadInLines(content[i] as PdfParagraph, textWidth) <= LEAD_IN_LINES) ||
    (blocks[i + 1]?.type === 'table' && lineCount(content[i] as PdfParagraph) <= LEAD_IN_LINES));

/**
 * A lead-in's lines before a statistics table, estimated from its text (layout/kinsoku.ts
 * estimatedWidthEm, and the first line's two-character indent): the same
 * whether gongwen or pdfmake breaks the paragraph, so the two lay a report out alike (tests
 * compare them), and a guard only — a lead-in near LEAD_IN_LINES is kept either way.
 */
function leadInLines(p: PdfParagraph, textWidth: number): number {
  const inlines = (Array.isArray(p.text) ? p.text : [{ text: String(p.text ?? ''), fontSize: 16 }]) as { text: string; fontSize?: number; spacer?: true }[];
  const size = inlines[0]?.fontSize ?? 16;
  const em = inlines.reduce((w, i) => w + (i.spacer ? 0 : estimatedWidthEm(i.text)), 2);
  return Math.ceil(em / Math.floor(textWidth / size));
}

/**
 * The paragraph (or run-in heading) after heading `i`, split after its first line (a run-in
 * heading's, after its lines and one more; never leaving one line); not one that leads into a
 * table. A list after it: its first item's first line, and the rest of the list.
 */
function keptWithHeading(blocks: Report['blocks'], content: Content[], i: number): [Content, Content | undefined] | undefined {
  const next = blocks[i + 1];
  if (next?.type === 'list') {
    const items = (content[i + 1] as { stack: PdfParagraph[] }).stack;
    if (!items.length) return undefined;
    // an item left to pdfmake's own breaking (write/pdf/lines.ts: 107 different characters outside the BMP) is
    // left to breakBefore: whole in one block, a long one would be lost (pdfmake prints the
    // first page of a block taller than a page, and here not even that)
    const split = firstLineApart(items[0]!);
    if (!split) return undefined;
    const [first, rest] = split;
    const after = [...(rest ? [rest] : []), ...items.slice(1)];
    return [first as Content, after.length ? ({ stack: after } as Content) : undefined];
  }
  if (!(next?.type === 'paragraph' || (next?.type === 'heading' && next.runIn)) || blocks[i + 2]?.type === 'statTable') return undefined;
  // (a run-in heading: its lines and the line after them, as keepTogether keeps one elsewhere; review)
  const p = content[i + 1] as PdfParagraph;
  const split = firstLinesApart(p, next.type === 'heading' ? headingLinesKept(p, next) : 1);
  if (!split) return undefined;
  const [kept, rest] = split;
  return [(kept.length === 1 ? kept[0] : { stack: kept }) as Content, rest as Content | undefined];
}

interface PdfParagraph {
  text: unknown;
  alignment?: string;
  leadingIndent?: number;
}

/**
 * A standalone heading and the first line of its paragraph, kept together on a page: the
 * paragraph, broken into lines here (lines.ts), is split after its first line into two nodes that
 * pdfmake sets exactly as the one (the lines carry their own spacing). Without this, a heading on
 * the last line of a page took another layout of the document (pageBreakBefore below, which
 * still catches a heading followed by anything else). Undefined when the paragraph was left to
 * pdfmake's own line breaking.
 */
function firstLineApart(p: PdfParagraph): [PdfParagraph, PdfParagraph | undefined] | undefined {
  if (!Array.isArray(p.text)) return undefined;
  const inlines = p.text as PdfInline[];
  const end = inlines.findIndex((i) => i.lineEnd);
  // one line (no line end before the paragraph's end): the whole paragraph, if broken here
  if (end < 0) return inlines.length && inlines.every((i) => i.noWrap) ? [p, undefined] : undefined;
  const first = { ...p, text: inlines.slice(0, end + 1) };
  const rest = inlines.slice(end + 1);
  // the rest is plain text: a run-in heading's id, bookmark and contents entry stay with its first line
  return [first, rest.length ? { text: rest, alignment: p.alignment, leadingIndent: 0 } : undefined];
}

/**
 * A hundredth of a point given to a right-aligned end-matter line: one that fills its room exactly
 * (26 characters of 三号, the room being 26 character pitches) wrapped its last character onto a
 * line of its own, the sum of its advances a hair over the room (review).
 */
const FIT_SLACK = 0.01;
/** The slack for a line of `text` set `rightEm` characters in from the right: only where it fills its room (the rest set as before). */
const slackFor = (text: string, rightEm: number): number => (estimatedWidthEm(text) + rightEm >= GRID.charsPerLine - 0.01 ? FIT_SLACK : 0);

/** The first inline of a node's text (of the first of its members that has one, in a stack or columns: past a QR code's image to its caption). */
function firstRun(node: Content | undefined): Record<string, unknown> | undefined {
  const n = node as { text?: unknown; stack?: Content[]; columns?: Content[] } | undefined;
  if (!n || typeof n !== 'object') return undefined;
  if (Array.isArray(n.text)) return n.text.find((i) => i && typeof i === 'object') as Record<string, unknown> | undefined;
  for (const member of [...(n.stack ?? []), ...(n.columns ?? [])]) {
    const run = firstRun(member);
    if (run) return run;
  }
  return undefined;
}

/**
 * The end matter (the editor line, the QR code) kept together and with the last line of the text
 * above it (two lines of a paragraph), in one block: on a page of its own it read as a page without body text (GB/T 9704
 * 7.3.5 asks the page of the 成文日期 to hold text; 责任编辑 and the code end a report as that does).
 * Takes the last node of `content` back when it is a paragraph broken into lines here, a list
 * whose last item is one, a heading or a group kept whole, and returns what to push in its place. After a
 * table, or a paragraph pdfmake breaks itself, the end matter stays together but may start a page.
 */
function withEndMatter(content: Content[], end: Content[]): Content[] {
  const last = content[content.length - 1] as (PdfParagraph & { stack?: Content[]; unbreakable?: boolean; gridAfter?: number; margin?: unknown }) | undefined;
  // (without end matter, the body's last paragraph or list item keeps its last two lines together
  // all the same: a last page that held one line, 实。, no office would publish)
  if (!end.length && (!last || last.unbreakable || (last as { headlineLevel?: number }).headlineLevel !== undefined)) return [];
  // a group kept whole (a heading with a one-line paragraph): the end matter joins it; not one
  // that holds a table (what follows a table goes back to the grid, which inside a block it cannot)
  if (last?.unbreakable && Array.isArray(last.stack) && last.gridAfter === undefined && last.margin === undefined) {
    content.pop();
    return [{ ...last, stack: [...last.stack.map(keptHeading), ...end] } as Content];
  }
  // a heading that ends the body (nothing below it, # 附表 over the attachment): the end matter goes
  // with it, and with the last line of the paragraph above it where there is one (a page of the
  // heading and the end matter alone held no body text)
  if (last && (last as { headlineLevel?: number }).headlineLevel !== undefined) {
    content.pop();
    const above = content[content.length - 1] as PdfParagraph | undefined;
    const split = above && (above as { headlineLevel?: number }).headlineLevel === undefined ? lastLineApart(above) : undefined;
    if (!split) return [{ stack: [keptHeading(last as Content), ...end], unbreakable: true } as Content];
    content.pop();
    const [init, lastLine] = split;
    return [...(init ? [init as Content] : []), { stack: [lastLine as Content, keptHeading(last as Content), ...end], unbreakable: true } as Content];
  }
  // a list: its last item's last two lines, as for a paragraph
  if (last && Array.isArray(last.stack) && !last.unbreakable && last.stack.length) {
    const items = last.stack as PdfParagraph[];
    const tail = lastTwoLines(items.length > 1 ? items[items.length - 2] : undefined, items[items.length - 1]!);
    if (tail) {
      content.pop();
      const kept = [...items.slice(0, tail.fromAbove ? -2 : -1), ...(tail.rest ? [tail.rest] : [])];
      return [{ ...last, stack: kept } as Content, { stack: [...tail.lines, ...end], unbreakable: true } as Content];
    }
  }
  // (its last two lines: a page of one line and 责任编辑 read as hardly a page of text)
  const above = content[content.length - 2] as PdfParagraph | undefined;
  const tail = last && lastTwoLines(above && (above as { headlineLevel?: number }).headlineLevel === undefined ? above : undefined, last);
  if (!tail) return end.length ? [{ stack: end, unbreakable: true } as Content] : [];
  content.splice(tail.fromAbove ? -2 : -1);
  return [...(tail.rest ? [tail.rest as Content] : []), { stack: [...tail.lines, ...end], unbreakable: true } as Content];
}

/**
 * The body's last two lines: those of `last`, or where `last` is one line (特此报告。) the last line of
 * `above` (a paragraph or an item before it) too (review). `rest`: what stays of the one they are
 * taken from; `fromAbove`: whether that is `above` (and `last` goes whole). Undefined where `last`
 * is not a paragraph broken into lines here.
 */
function lastTwoLines(above: PdfParagraph | undefined, last: PdfParagraph): { lines: PdfParagraph[]; rest?: PdfParagraph; fromAbove: boolean } | undefined {
  // (an empty line, a break typed twice, is no line of text: more go along, up to two of text — two
  // empty lines had left one line of text under them at the top of the page, a review)
  let split = lastLinesApart(last, 2);
  for (let n = 3; split?.[0] && textLinesOf(split[1]) < 2 && n <= 8; n++) split = lastLinesApart(last, n);
  if (!split) return undefined;
  const [init, lines] = split;
  const before = !init && lineCountOf(lines) === 1 && above ? lastLineApart(above) : undefined;
  return before ? { lines: [before[1], lines], ...(before[0] ? { rest: before[0] } : {}), fromAbove: true } : { lines: [lines], ...(init ? { rest: init } : {}), fromAbove: false };
}

/** The lines of a paragraph broken into lines here that hold text (not an empty line, a break typed twice). */
function textLinesOf(p: PdfParagraph): number {
  if (!Array.isArray(p.text)) return 1;
  let lines = 0;
  let text = false;
  for (const i of p.text as PdfInline[]) {
    if (i.text !== EMPTY_LINE) text = true;
    if (i.lineEnd) {
      if (text) lines++;
      text = false;
    }
  }
  return lines + (text ? 1 : 0);
}

/** The lines of a paragraph broken into lines here. */
const lineCountOf = (p: PdfParagraph): number => (Array.isArray(p.text) ? (p.text as PdfInline[]).slice(0, -1).filter((i) => i.lineEnd).length + 1 : 1);

/**
 * A heading inside the end matter's group, kept by the group: no page break of its own. breakBefore
 * saw it with nothing below it on its page once the group had moved on (what follows is the
 * attachment, on a page of its own), moved it on again inside the group, and pdfmake then lost
 * the group — heading, 附件说明 and 责任编辑 — leaving a blank page.
 */
const keptHeading = (node: Content): Content =>
  (node as { headlineLevel?: number }).headlineLevel === undefined ? node : ({ ...(node as object), headlineLevel: undefined } as Content);

/**
 * A paragraph broken into lines here, split before its last line (the other side of
 * firstLineApart); undefined for one left to pdfmake, or that is not a plain paragraph.
 */
function lastLineApart(p: PdfParagraph): [PdfParagraph | undefined, PdfParagraph] | undefined {
  return lastLinesApart(p, 1);
}

/** The same, split before its last `n` lines: the whole paragraph where it has no more. */
function lastLinesApart(p: PdfParagraph, n: number): [PdfParagraph | undefined, PdfParagraph] | undefined {
  if (!Array.isArray(p.text) || (p as { stack?: unknown }).stack !== undefined) return undefined;
  const inlines = p.text as PdfInline[];
  if (!inlines.length || !inlines.every((i) => i.noWrap)) return undefined;
  // (the line ends between its lines)
  const ends: number[] = [];
  for (let k = 0; k < inlines.length - 1; k++) if (inlines[k]!.lineEnd) ends.push(k);
  if (ends.length < n) return [undefined, p]; // n lines or fewer: the whole paragraph
  const end = ends[ends.length - n]!;
  // the last lines are plain text, set as they were (their pieces carry their own spacing)
  return [{ ...p, text: inlines.slice(0, end + 1) }, { text: inlines.slice(end + 1), alignment: p.alignment, leadingIndent: 0 }];
}

/** The page's QR code and its caption, right-aligned at the end of the document. */
function qrBlock(ctx: PdfContext, url: string): Content {
  const size = mmToPt(QR.sizeMm);
  const caption = { role: ELEMENTS.qrCaption.role, size: sizeOf('qrCaption'), lineHeight: sizeOf('qrCaption') * 1.5 };
  return {
    stack: [
      { qr: qrText(url), fit: size, eccLevel: QR.eccLevel, alignment: 'right' },
      { text: runs(ctx, QR.caption, caption), alignment: 'right' },
    ],
    unbreakable: true,
    margin: [0, geometry.linePitch, 0, 0],
  } as Content;
}

type BreakBefore = NonNullable<TDocumentDefinitions['pageBreakBefore']>;

/**
 * pdfmake's pageBreakBefore: repeat a table's row label where a page break divides its rows
 * (span-breaks.ts); keep a standalone heading off the last line of a page. One function for
 * every document, bound to the document's spans: pdfmake calls it for every node after every
 * layout, and a function made anew for each document was optimised again after each full
 * garbage collection.
 */
function breakBefore(this: SpanBreaks, node: Parameters<BreakBefore>[0], nodes: Parameters<BreakBefore>[1]): boolean {
  return this.check(node) ||
    (Boolean(node.headlineLevel) && nodes.getFollowingNodesOnPage().every(isPageNumber) && nodes.getNodesOnNextPage().length > 0);
}

/** The page's number, which pdfmake lists after the body's nodes of every page: not body text below a heading. */
const isPageNumber = (n: { style?: unknown }) => n.style === PAGE_NUMBER_STYLE;

export function pdfDefinition(report: Report, options: PdfOptions): TDocumentDefinitions {
  const spans = new SpanBreaks();
  const ctx: PdfContext = { glyphs: options.glyphs, textWidth: options.textWidth ?? geometry.textWidth, breakLines: options.breakLines ?? true, cutAddresses: options.cutAddresses ?? true, spans, tocLevels: tocLevels(report) };
  if (ctx.tocLevels) ctx.toc = [];
  const outline = new OutlineIds();
  const m = report.meta;
  // a note under a table (注：…) is set with the table (table-note.ts), not as a block of its own
  // (not the body's last block where end matter follows: that keeps the body's last line with the
  // 附件说明 and 责任编辑, withEndMatter, which a note inside its table's block would not give it)
  const endMatter = report.attachments.length > 0 || Boolean(editorLine(report.meta)) || Boolean(report.meta.signature);
  // (and only a short one: keptNote)
  const notes = report.blocks.map((b, i) => (isTableNote(report.blocks, i) && !(endMatter && i === report.blocks.length - 1) ? keptNote(ctx, b as ParagraphBlock) : undefined));
  const blocks = report.blocks.filter((_, i) => !notes[i]);
  const body = keepTogether(report.blocks.flatMap((b, i) => (notes[i] ? [] : [bodyBlock(ctx, b, outline, report.statistics, notes[i + 1])])), blocks, ctx.textWidth);
  const content: Content[] = [
    ...front(ctx, report),
    ...(ctx.toc?.length ? [tocTable(ctx, ctx.toc)] : []),
  ];
  const bodyStart = content.length;
  for (const b of body) content.push(b); // (not push(...body): a report of 200,000 paragraphs overflowed the stack)
  const editor = editorLine(m);
  // the end matter: the 附件说明 (GB/T 9704 7.3.4: a line below the body), the editor line, and the
  // QR code where no attachment comes between — kept with the body's last line (a page of
  // 附件：… and 责任编辑 alone read as a page without body text)
  const end: Content[] = attachmentNote(ctx, report.attachments);
  // the 发文机关署名 and 成文日期 where the report asks for them, a line below the body or the 附件说明
  const signed = signatureLines(m);
  if (signed) {
    const style = { role: ELEMENTS.signature.role, size: sizeOf('signature') };
    end.push(
      { text: runs(ctx, signed.name, style), alignment: 'right', margin: [0, geometry.linePitch, signed.nameRightEm * geometry.charPitch - slackFor(signed.name, signed.nameRightEm), 0] } as Content,
      { text: runs(ctx, signed.date, style), alignment: 'right', margin: [0, 0, signed.dateRightEm * geometry.charPitch - slackFor(signed.date, signed.dateRightEm), 0] } as Content,
    );
  }
  if (editor) {
    const style = { role: ELEMENTS.endMatter.role, size: sizeOf('endMatter') };
    // (a line below a signature's date: the portal's 责任编辑 is no third line of the signature)
    end.push({ text: runs(ctx, editor, style), alignment: 'right', margin: [0, signed ? geometry.linePitch : 0, 2 * geometry.charPitch - slackFor(editor, 2), 0] } as Content);
  }
  const qr = m.url ? qrBlock(ctx, m.url) : undefined;
  if (qr && !report.attachments.length) end.push(qr);
  content.push(...withEndMatter(content, end));
  // (end matter set apart from the body's last block, after a table: where it starts a page of
  // its own, that page shows no body text, which build.ts warns of; QA)
  const apart = end.length ? content.findIndex((n, k) => k > bodyStart && (n === end[0] || (n as { stack?: unknown[] }).stack?.[0] === end[0])) : -1;
  const run = apart > bodyStart ? firstRun(end[0]) : undefined;
  const endProbe: PageProbe | undefined = run ? { page: 0, opensPage: false } : undefined;
  if (run) {
    run[PAGE_PROBE] = endProbe;
    // (and on the content, which the layout is handed: only a document with a probe is looked through)
    (content as unknown as Record<string, unknown>)[PAGE_PROBE] = endProbe;
  }
  // (where the body starts, read once it is laid out: page 1 must show it, GB/T 9704 7.3.3; marked
  // once the end matter has taken the body's last lines, which may be its first: a one-paragraph body)
  if (content.length > bodyStart) (content[bodyStart] as { gwFirstBody?: boolean }).gwFirstBody = true;
  content.push(...attachmentPages(ctx, report.attachments, report.statistics));
  if (qr && report.attachments.length) content.push(qr);
  const footer = pageNumberFooter(ctx, options.glyphs.dashCentre);
  const definition: TDocumentDefinitions = {
    pageSize: { width: geometry.width, height: geometry.height },
    pageMargins: [geometry.left, geometry.top, geometry.right, geometry.bottom],
    info: {
      title: m.title,
      author: m.organ,
      subject: `${m.organ}${m.year}年政府信息公开工作年度报告`,
      keywords: m.keywords.join(', '),
      creator: options.creator ?? 'gongwen',
      producer: options.creator ?? 'gongwen',
      creationDate: options.created,
    },
    language: 'zh-CN',
    // a viewer's window shows the report's title, not the file name (Acrobat; PDF/UA asks it too)
    displayTitle: true,
    // (not tagged: PDF/A-2b asks for no tags, and pdfmake marks no content; pdfkit's `tagged`
    // only claimed /Marked true over an empty structure tree)
    // PDF 1.4 at least: the catalogue's /Lang and the text's opacity state are 1.4 features (a
    // 1.3 header was pdfkit's default); 1.4 also carries the title and organ as XMP metadata
    ...(options.pdfa ? { version: '1.7' as const, subset: 'PDF/A-2b' as const } : { version: '1.4' as const }),
    defaultStyle: { font: 'fang', fontSize: sizeOf('body'), lineHeight: 1 },
    content,
    footer: (page: number) => footer(page),
    pageBreakBefore: breakBefore.bind(spans),
  };
  if (endProbe) (definition as { gwEndProbe?: PageProbe }).gwEndProbe = endProbe;
  return definition;
}
