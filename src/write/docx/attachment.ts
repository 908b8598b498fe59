/** 附件说明 and the attachment pages with the statistics table (GB/T 9704 §7.3.4, §7.3.7). */
import { Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType, AlignmentType } from 'docx';
import { ATTACHMENT, geometry } from '../../layout/gbt9704.js';
import { ptToTwip, ZIHAO } from '../../layout/units.js';
import type { Attachment, StatisticsTable } from '../../model/types.js';
import { TEXT_WIDTH_TWIP } from './blocks.js';
import { LINE_TWIP, STYLE } from './styles.js';

export function attachmentNote(attachments: Attachment[]): Paragraph[] {
  if (!attachments.length) return [];
  if (attachments.length === 1) {
    return [new Paragraph({ style: STYLE.attachmentNote.id, spacing: { before: LINE_TWIP }, text: `${ATTACHMENT.noteLabel}${attachments[0].title}` })];
  }
  // 附件：1. …  — wrapped and following names align under the first name
  const label = ptToTwip(3 * geometry.charPitch);
  const indent = ptToTwip(2 * geometry.charPitch);
  return attachments.map((a, i) => new Paragraph({
    style: STYLE.attachmentNote.id,
    spacing: i === 0 ? { before: LINE_TWIP } : undefined,
    indent: i === 0 ? { left: indent + label, hanging: label, firstLineChars: 0 } : { left: indent + label, firstLine: 0, firstLineChars: 0 },
    text: `${i === 0 ? ATTACHMENT.noteLabel : ''}${i + 1}. ${a.title}`,
  }));
}

function statisticsTable(stats: StatisticsTable): Table {
  const size = ZIHAO.小四;
  const unitW = ptToTwip(size * 3.5);
  const valueW = ptToTwip(size * 6);
  const labelW = TEXT_WIDTH_TWIP - unitW - valueW;
  const widths = [labelW, unitW, valueW];
  const t = stats.template;
  const cell = (text: string, col: number, opts: { header?: boolean; indentTwip?: number; center?: boolean; left?: boolean } = {}) =>
    new TableCell({
      width: { size: widths[col], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 20, bottom: 20, left: 80, right: 80 },
      children: [new Paragraph({
        style: opts.header ? STYLE.tableHeader.id : STYLE.tableText.id,
        alignment: opts.center ? AlignmentType.CENTER : opts.left ? AlignmentType.LEFT : undefined,
        indent: opts.indentTwip ? { left: opts.indentTwip } : undefined,
        text,
      })],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, k) => cell(c.header, k, { header: true, center: true })) });
  const rows = t.rows.map((r) => {
    const isHeaderRow = r.kind === 'section' || r.kind === 'group';
    const value = stats.values[r.id];
    return new TableRow({
      cantSplit: true,
      children: [
        cell(r.label, 0, { header: r.level === 1, left: true, indentTwip: ptToTwip((r.level - 1) * size) }),
        cell(isHeaderRow ? t.placeholder : r.unit, 1, { center: true }),
        cell(isHeaderRow ? t.placeholder : value === undefined ? '' : String(value), 2, { center: true }),
      ],
    });
  });
  return new Table({ layout: TableLayoutType.FIXED, width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] });
}

export function attachmentPages(attachments: Attachment[]): (Paragraph | Table)[] {
  return attachments.flatMap((a, i) => {
    const label = attachments.length > 1 ? `${ATTACHMENT.label}${i + 1}` : ATTACHMENT.label;
    const out: (Paragraph | Table)[] = [
      new Paragraph({ style: STYLE.attachmentLabel.id, pageBreakBefore: true, text: label }),
      ...Array.from({ length: ATTACHMENT.titleLine - 2 }, () => new Paragraph({ style: STYLE.body.id })),
      new Paragraph({ style: STYLE.attachmentTitle.id, spacing: { after: Math.round(LINE_TWIP / 2) }, text: a.title }),
    ];
    if (a.statistics) out.push(statisticsTable(a.statistics));
    return out;
  });
}
