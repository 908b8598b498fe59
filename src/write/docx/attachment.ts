/** 附件说明 and the attachment pages with the statistics table (GB/T 9704 §7.3.4, §7.3.7). */
import { LineRuleType, Paragraph, type FileChild } from 'docx';
import { ATTACHMENT, geometry } from '../../layout/gbt9704.js';
import { ptToTwip } from '../../layout/units.js';
import type { Attachment, StatisticsTable } from '../../model/types.js';
import { statGrid } from '../../layout/stat-grid.js';
import { statTable } from './stat-table.js';
import { bodyBlock } from './blocks.js';
import { LINE_TWIP, STYLE, type FontNames } from './styles.js';
import { titleRuns } from './text.js';

/** `keepLast`: the last name stays with what follows (the editor line); the names stay together. */
export function attachmentNote(attachments: Attachment[], keepLast = false): Paragraph[] {
  if (!attachments.length) return [];
  // 附件：… — a wrapped name, and the names that follow, align under the first name (GB/T 9704 7.3.4)
  const label = ptToTwip(3 * geometry.charPitch);
  const indent = ptToTwip(2 * geometry.charPitch);
  if (attachments.length === 1) {
    return [new Paragraph({
      style: STYLE.attachmentNote.id, spacing: { before: LINE_TWIP }, indent: { left: indent + label, hanging: label, firstLineChars: 0 },
      text: `${ATTACHMENT.noteLabel}${attachments[0].title}`, ...(keepLast ? { keepNext: true } : {}),
    })];
  }
  return attachments.map((a, i) => new Paragraph({
    style: STYLE.attachmentNote.id,
    spacing: i === 0 ? { before: LINE_TWIP } : undefined,
    indent: i === 0 ? { left: indent + label, hanging: label, firstLineChars: 0 } : { left: indent + label, firstLine: 0, firstLineChars: 0 },
    text: `${i === 0 ? ATTACHMENT.noteLabel : ''}${i + 1}. ${a.title}`,
    ...(keepLast || i < attachments.length - 1 ? { keepNext: true } : {}),
  }));
}

/**
 * `last`: nothing follows in the document. A document that ends in a table gets a paragraph from
 * Word when it opens it, in Normal (三号 on a 28.95 pt line): one that the table leaves no room for
 * is a blank last page. The paragraph is written here instead, 1 pt high, off the grid (DOCX audit).
 */
export function attachmentPages(attachments: Attachment[], fonts: FontNames, statistics?: StatisticsTable, last = false): FileChild[] {
  return attachments.flatMap((a, i) => {
    const label = attachments.length > 1 ? `${ATTACHMENT.label}${i + 1}` : ATTACHMENT.label;
    const out: FileChild[] = [
      new Paragraph({ style: STYLE.attachmentLabel.id, pageBreakBefore: true, text: label }),
      ...Array.from({ length: ATTACHMENT.titleLine - 2 }, () => new Paragraph({ style: STYLE.body.id })),
      new Paragraph({ style: STYLE.attachmentTitle.id, spacing: { after: Math.round(LINE_TWIP / 2) }, children: titleRuns(a.title, 'attachmentTitle') }),
    ];
    const table = statistics?.template.tables.find((t) => t.id === a.table);
    // its note (attachment.note): a body paragraph under the table's last row, kept with it, as a
    // note under a table in the body is
    if (table) out.push(statTable(statGrid(table, statistics!.values), Boolean(a.note)));
    if (a.note) out.push(...bodyBlock(a.note, fonts));
    else if (table && last && i === attachments.length - 1) {
      out.push(new Paragraph({ style: STYLE.tableText.id, spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, run: { size: 2 } }));
    }
    return out;
  });
}
