/** 附件说明 after the body, and each attachment on a new page (GB/T 9704 §7.3.4, §7.3.7). */
import type { Content } from 'pdfmake/interfaces.js';
import { ATTACHMENT, ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import type { Attachment, StatisticsTable } from '../../model/types.js';
import { CELL_PADDING_BOTTOM, CELL_PADDING_TOP, CELL_PADDING_X, statGrid, TABLE_RULE } from '../../layout/stat-grid.js';
import { bodyParagraph, keptNote, NOTE_CLEARANCE } from './blocks.js';
import { withNoteRow } from './table-note.js';
import { statTable } from './stat-table.js';
import type { PdfContext } from './context.js';
import { runs, titleRuns } from './text.js';
import { breakWithoutOrphan, splitLines } from './lines.js';

/** "附件：名称" (one) or "附件：1. 名称" … aligned under the first name (several). */
export function attachmentNote(ctx: PdfContext, attachments: Attachment[]): Content[] {
  if (!attachments.length) return [];
  const style = { role: ELEMENTS.attachmentNote.role, size: sizeOf('attachmentNote') };
  const indent = ELEMENTS.attachmentNote.indentChars * geometry.charPitch;
  const labelWidth = 3 * geometry.charPitch; // "附件："
  // (the name's lines are filled and justified to a hair less than their room, against rounding:
  // a whole point had left every line of a long name 1 pt short and its first one spread, a
  // layout audit)
  const slack = 0.01;
  return attachments.map((a, i) => {
    const name = runs(ctx, attachments.length > 1 ? `${i + 1}. ${a.title}` : a.title, style);
    const label = i === 0 ? ATTACHMENT.noteLabel : '';
    const margin = [0, i === 0 ? geometry.linePitch : 0, 0, 0];
    // The name in lines under its first character, never one character or half a word on its
    // last line (lines.ts): a line a text node, the first after the label, the others indented
    // past it (the lines are gongwen's; pdfmake's columns would only have measured them again).
    const lines = breakWithoutOrphan(ctx, name, ctx.textWidth - indent - labelWidth - slack);
    if (lines) {
      return {
        stack: splitLines(lines).map((line, k) => k === 0
          ? { text: [...runs(ctx, label, style).map((r) => ({ ...r, noWrap: true, noNewLine: true })), ...line], margin: [indent + (label ? 0 : labelWidth), 0, 0, 0] }
          : { text: line, margin: [indent + labelWidth, 0, 0, 0] }),
        margin,
      } as Content;
    }
    // (where lines.ts cannot measure, pdfmake breaks the name in a column of its own)
    return {
      columns: [
        { width: indent + labelWidth + 1, text: runs(ctx, label, style), margin: [indent, 0, 0, 0] },
        { width: '*', text: name },
      ],
      columnGap: 0,
      margin,
    } as Content;
  });
}

export function attachmentPages(ctx: PdfContext, attachments: Attachment[], statistics?: StatisticsTable): Content[] {
  return attachments.map((a, i) => {
    const labelStyle = { role: ELEMENTS.attachmentLabel.role, size: sizeOf('attachmentLabel') };
    const titleStyle = { role: ELEMENTS.attachmentTitle.role, size: sizeOf('attachmentTitle') };
    const label = attachments.length > 1 ? `${ATTACHMENT.label}${i + 1}` : ATTACHMENT.label;
    const parts: Content[] = [
      // Line 1: the label, 顶格. Line 3: the title, centred.
      {
        text: runs(ctx, label, labelStyle),
        margin: [0, 0, 0, geometry.linePitch * (ATTACHMENT.titleLine - 2)],
        id: `attachment${i + 1}`,
        outline: true,
        outlineText: `${label}：${a.title}`,
      } as Content,
      { text: titleRuns(ctx, a.title, titleStyle), alignment: 'center', margin: [0, 0, 0, geometry.linePitch / 2] } as Content,
    ];
    const table = statistics?.template.tables.find((t) => t.id === a.table);
    const node = table && statTable(ctx, statGrid(table, statistics!.values));
    // its note (attachment.note) kept with the table's last row, as a note under a table in the
    // body is (table-note.ts), where it is short enough; else a paragraph after it
    const kept = node && a.note ? keptNote(ctx, a.note) : undefined;
    if (node) parts.push(kept ? withNoteRow(node, kept, CELL_PADDING_X, TABLE_RULE, { top: CELL_PADDING_TOP, bottom: CELL_PADDING_BOTTOM }) : node);
    // (a longer one as clear of the table's bottom rule as a kept one: it touched the rule)
    if (a.note && !kept) parts.push(node ? { stack: [bodyParagraph(ctx, a.note)], margin: [0, NOTE_CLEARANCE, 0, 0] } as Content : bodyParagraph(ctx, a.note));
    return { stack: parts, pageBreak: 'before' } as Content;
  });
}
