/** 附件说明 after the body, and each attachment on a new page (GB/T 9704 §7.3.4, §7.3.7). */
import type { Content } from 'pdfmake/interfaces.js';
import { ATTACHMENT, ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import type { Attachment, StatisticsTable } from '../../model/types.js';
import type { PdfContext } from './context.js';
import { runs } from './text.js';

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
        { width: '*', text: runs(ctx, name, style) },
      ],
      columnGap: 0,
      margin: [0, i === 0 ? geometry.linePitch : 0, 0, 0],
    } as Content;
  });
}

function statisticsTable(ctx: PdfContext, stats: StatisticsTable, a: Attachment): Content {
  const size = sizeOf('tableText');
  const cell = { role: ELEMENTS.tableText.role, size, lineHeight: size * 1.35 };
  const head = { role: ELEMENTS.tableHeader.role, size, lineHeight: size * 1.35 };
  const t = stats.template;
  const header = t.columns.map((c) => ({ text: runs(ctx, c.header, head), alignment: 'center' }));
  const body = t.rows.map((r) => {
    const isHeaderRow = r.kind === 'section' || r.kind === 'group';
    const value = stats.values[r.id];
    const shown = isHeaderRow ? t.placeholder : value === undefined ? '' : String(value);
    const labelStyle = r.level === 1 ? head : cell;
    return [
      { text: runs(ctx, r.label, labelStyle), margin: [(r.level - 1) * size, 0, 0, 0] },
      { text: runs(ctx, isHeaderRow ? t.placeholder : r.unit, cell), alignment: 'center' },
      { text: runs(ctx, shown, cell), alignment: 'center' },
    ];
  });
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['*', size * 3.5, size * 6],
      body: [header, ...body],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingTop: () => 2,
      paddingBottom: () => 1,
      paddingLeft: () => 4,
      paddingRight: () => 4,
    },
  } as Content;
}

export function attachmentPages(ctx: PdfContext, attachments: Attachment[]): Content[] {
  return attachments.map((a, i) => {
    const labelStyle = { role: ELEMENTS.attachmentLabel.role, size: sizeOf('attachmentLabel') };
    const titleStyle = { role: ELEMENTS.attachmentTitle.role, size: sizeOf('attachmentTitle') };
    const label = attachments.length > 1 ? `${ATTACHMENT.label}${i + 1}` : ATTACHMENT.label;
    const parts: Content[] = [
      // Line 1: the label, 顶格. Line 3: the title, centred.
      { text: runs(ctx, label, labelStyle), margin: [0, 0, 0, geometry.linePitch * (ATTACHMENT.titleLine - 2)] } as Content,
      { text: runs(ctx, a.title, titleStyle), alignment: 'center', margin: [0, 0, 0, geometry.linePitch / 2] } as Content,
    ];
    if (a.statistics) parts.push(statisticsTable(ctx, a.statistics, a));
    return { stack: parts, pageBreak: 'before' } as Content;
  });
}
