/** 附件说明 after the body, and each attachment on a new page (GB/T 9704 §7.3.4, §7.3.7). */
import type { Content } from 'pdfmake/interfaces.js';
import { ATTACHMENT, ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import type { Attachment, StatisticsTable } from '../../model/types.js';
import { statGrid } from '../../layout/stat-grid.js';
import { statTable } from './stat-table.js';
import type { PdfContext } from './context.js';
import { runs, titleRuns, type PdfInline } from './text.js';
import { breakJustified } from './lines.js';
import { insideWords } from '../../layout/title-lines.js';

/**
 * An attachment's name in lines under its first character (GB/T 9704 7.3.4), never leaving one
 * character alone on its last line (…情况统计 / 表) nor splitting a word of these names (统 / 计表):
 * the lines are then broken up to four characters short. pdfmake's own breaking where this
 * module cannot measure.
 */
function noteLines(ctx: PdfContext, name: PdfInline[], width: number): PdfInline[] {
  const first = breakJustified(ctx, name, width, 0);
  if (!first) return name;
  const inside = insideWords(name.map((i) => i.text).join(''));
  for (let short = 0; short <= 4; short++) {
    const lines = short ? breakJustified(ctx, name, width - short * geometry.charPitch, 0)! : first;
    let at = 0;
    let splits = false;
    let lastStart = 0;
    for (const piece of lines) {
      at += piece.text.length;
      if (piece.lineEnd) { splits ||= inside[at] === true; lastStart = at; }
    }
    if (lastStart === 0) return lines; // one line
    const last = [...name.map((i) => i.text).join('').slice(lastStart)].filter((c) => !/[\p{P}\s]/u.test(c));
    if (!splits && last.length > 1) return lines;
  }
  return first;
}

/** "附件：名称" (one) or "附件：1. 名称" … aligned under the first name (several). */
export function attachmentNote(ctx: PdfContext, attachments: Attachment[]): Content[] {
  if (!attachments.length) return [];
  const style = { role: ELEMENTS.attachmentNote.role, size: sizeOf('attachmentNote') };
  const indent = ELEMENTS.attachmentNote.indentChars * geometry.charPitch;
  const labelWidth = 3 * geometry.charPitch + 1; // "附件：", with 1 pt of slack against rounding
  return attachments.map((a, i) => {
    const name = attachments.length > 1 ? `${i + 1}. ${a.title}` : a.title;
    const label = i === 0 ? ATTACHMENT.noteLabel : '';
    return {
      columns: [
        { width: indent + labelWidth, text: runs(ctx, label, style), margin: [indent, 0, 0, 0] },
        { width: '*', text: noteLines(ctx, runs(ctx, name, style), ctx.textWidth - indent - labelWidth) },
      ],
      columnGap: 0,
      margin: [0, i === 0 ? geometry.linePitch : 0, 0, 0],
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
    if (table) parts.push(statTable(ctx, statGrid(table, statistics!.values)));
    return { stack: parts, pageBreak: 'before' } as Content;
  });
}
