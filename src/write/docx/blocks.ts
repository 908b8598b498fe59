/** Body blocks → docx paragraphs and tables. Section numbers are literal text, as in the PDF. */
import { Paragraph, TextRun, type FileChild } from 'docx';
import { ELEMENTS, GRID, HEADING_ELEMENTS, LEAD_IN_LINES } from '../../layout/gbt9704.js';
import { estimatedWidthEm } from '../../layout/kinsoku.js';
import { ptToTwip } from '../../layout/units.js';
import { isTableNote, type Block, type Inline, type StatisticsTable } from '../../model/types.js';
import { statGrid } from '../../layout/stat-grid.js';
import { markdownTable } from './md-table.js';
import { statTable } from './stat-table.js';
import { fontOf, HEADING_STYLE_IDS, LEAD_IN_STYLES, LINE_TWIP, STYLE, type FontNames } from './styles.js';
import { tocTarget, type TocEntry } from './toc.js';
import { inlineRuns } from './text.js';

/** The room above a Markdown table, as in the PDF (write/pdf/md-table.ts: half a grid line): Word tables have none of their own. */
const MD_TABLE_GAP_TWIP = ptToTwip(LEAD_IN_STYLES.table.after);

/** A paragraph's lines, estimated (the DOCX has no fonts): its width in em over the 28 a line holds, its first-line indent of 2 counted. */
const leadInLines = (inlines: Inline[]): number =>
  Math.ceil((2 + estimatedWidthEm(inlines.map((i) => i.text).join(''))) / GRID.charsPerLine);

/**
 * `toc`: the table of contents' entries (toc.ts), when the report has one. `endFollows`: the block
 * is the body's last and end matter (附件说明, 责任编辑) follows, which its last line stays with.
 * `prev`: the block above, whose gap below a table is this block's space before.
 */
export function bodyBlock(b: Block, fonts: FontNames, statistics?: StatisticsTable, next?: Block, toc?: Map<Block, TocEntry>, endFollows = false, prev?: Block): FileChild[] {
  const body = ELEMENTS.body.role;
  // a grid line's gap below a table: the space before the paragraph that follows, which Word and
  // LibreOffice drop at the top of a page as the PDF does (an empty paragraph after the table
  // started a page with a blank line: the 2021 sample's page 6); an empty paragraph only where a
  // table follows, or nothing of the body (GB/T audit)
  const before = prev !== undefined && isTable(prev) && !noteBelow(prev, b) ? LINE_TWIP : undefined;
  switch (b.type) {
    case 'statTable': {
      const table = statistics!.template.tables.find((t) => t.id === b.table)!;
      // a note under it (注：…) follows right under its last row, kept with it; else a grid line's gap
      const noted = noteBelow(b, next);
      return [statTable(statGrid(table, statistics!.values), noted), ...(noted || takesGap(next) ? [] : [new Paragraph({ style: STYLE.body.id })])];
    }
    case 'heading': {
      const role = ELEMENTS[HEADING_ELEMENTS[b.level - 1]].role;
      const entry = toc?.get(b);
      if (b.runIn && entry) {
        // with a table of contents: a body paragraph that starts with the heading in its face
        // (Word's TOC would list a heading-styled paragraph whole; toc.ts enters the heading alone)
        const runs = [
          new TextRun({ text: b.number ?? '', ...(role !== body ? { font: fontOf(fonts[role]) } : {}) }),
          ...inlineRuns(b.inlines, role, fonts, body),
          ...inlineRuns(b.runIn, body, fonts),
        ];
        return [new Paragraph({ style: STYLE.body.id, children: tocTarget(entry, runs, true), widowControl: true, ...(endFollows ? { keepNext: true } : {}), ...(before ? { spacing: { before } } : {}) })];
      }
      const runs = [new TextRun(b.number ?? ''), ...inlineRuns(b.inlines, role, fonts)];
      // without one, a run-in heading keeps its heading style (Word's navigation pane lists it),
      // its text in the body face, not kept with the next paragraph
      // (either way its first line, mostly or all the heading, is not left alone at a page's foot,
      // as in the PDF: widow/orphan control, off in the document's defaults — Word and LibreOffice
      // left "1.加强政策解读。围绕…" alone on a page's last line, a DOCX audit)
      if (b.runIn) runs.push(...inlineRuns(b.runIn, body, fonts, role));
      return [new Paragraph({
        style: HEADING_STYLE_IDS[b.level - 1], children: entry ? tocTarget(entry, runs, false) : runs,
        ...(b.runIn ? { keepNext: endFollows, keepLines: false, widowControl: true } : {}),
        // (the gap above a table right under it, as in the PDF: a statistics table's too, whose
        // top rule stood 2 pt under the heading, a 2021-form trial)
        ...(isTable(next) || before ? { spacing: { ...(before ? { before } : {}), ...(isTable(next) ? { after: gapAbove(next!) } : {}) } } : {}),
      })];
    }
    case 'paragraph':
      // a lead-in sentence ("……情况如下：") stays on the page of the table it introduces, a
      // little above it (as in the PDF; Word tables have no space before them of their own); one
      // of a few lines before a Markdown table stays with its header and first row, as in the PDF
      // (keepNext only where it is kept: a <w:keepNext w:val="false"/> on every body paragraph was
      // copied by Enter into what a reviewer typed, and Word keeps such direct formatting when a
      // heading style is applied over it; a DOCX workflow audit)
      // (a lead-in in a style of its own, LEAD_IN_STYLES: Enter leaves it for body text)
      {
        const leadIn = next?.type === 'statTable' ? LEAD_IN_STYLES.statTable : next?.type === 'table' && leadInLines(b.inlines) <= LEAD_IN_LINES ? LEAD_IN_STYLES.table : undefined;
        return [new Paragraph({
          style: leadIn?.id ?? STYLE.body.id, ...(endFollows && !leadIn ? { keepNext: true } : {}),
          children: inlineRuns(b.inlines, body, fonts),
          ...(leadIn ? (before ? { spacing: { before } } : {})
            : next?.type === 'table' ? { spacing: { before, after: MD_TABLE_GAP_TWIP } }
            // (a note under a table, right below its last row, has no gap after it: what follows is
            // on the next line, as in the PDF — it had a grid line's, a blank line the PDF has not,
            // a 2021-form trial)
              : before ? { spacing: { before } } : {}),
        })];
      }
    case 'list':
      return b.items.map((item, k) => new Paragraph({
        style: STYLE.body.id, ...(endFollows && k === b.items.length - 1 ? { keepNext: true } : {}),
        ...(next?.type === 'table' && k === b.items.length - 1 ? { spacing: { ...(before && k === 0 ? { before } : {}), after: MD_TABLE_GAP_TWIP } } : before && k === 0 ? { spacing: { before } } : {}),
        children: [...(b.ordered ? [new TextRun(b.markers?.[k] ?? `${b.start + k}.`)] : []), ...inlineRuns(item, body, fonts)],
      }));
    case 'table':
      return markdownTable(b, fonts, noteBelow(b, next), takesGap(next));
  }
}

/** The block after table `b` is a note under it (model/types.ts isTableNote). */
const noteBelow = (b: Block, next: Block | undefined): boolean => next !== undefined && isTableNote([b, next], 1);
const isTable = (b: Block | undefined): boolean => b?.type === 'statTable' || b?.type === 'table';
/** The room above table `b` (Word tables have none of their own), as in the PDF, in twips. */
const gapAbove = (b: Block): number => (b.type === 'statTable' ? ptToTwip(LEAD_IN_STYLES.statTable.after) : MD_TABLE_GAP_TWIP);
/** Whether the block below a table takes the table's gap as its space before (a paragraph, a heading, a list). */
const takesGap = (next: Block | undefined): boolean => next !== undefined && !isTable(next);
