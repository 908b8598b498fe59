/**
 * Report model → a docx `Document` (inspectable, not yet packed). Pure: no files, no clock;
 * font names come in through the options. Layout numbers come from layout/gbt9704.ts.
 */
import { Document, DocumentGridType, ImageRun, LineRuleType, Paragraph } from 'docx';
import { tocEntries, tocField, type TocEntry } from './toc.js';
import { geometry, PAGE_NUMBER, QR } from '../../layout/gbt9704.js';
import { editorLine, signatureLines } from '../../layout/meta-fields.js';
import { mmToPt, ptToTwip, ZIHAO } from '../../layout/units.js';
import { tocLevels, type Block, type HeadingBlock, type Report } from '../../model/types.js';
import { attachmentNote, attachmentPages } from './attachment.js';
import { bodyBlock } from './blocks.js';
import { pageNumberFooters } from './footer.js';
import { front } from './front.js';
import { docxStyles, glyphGapPt, LINE_TWIP, STYLE, type FontNames } from './styles.js';

export type { FontNames } from './styles.js';
export { DOCX_PART_FIXES, partFixesFor } from './fixups.js';

/**
 * What the styles part depends on: docxStyles builds every style from the font names and the
 * layout constants alone, never from the report. Documents with the same key share their
 * compiled styles (io/docx-pack.ts).
 */
export const sharedPartsKey = (fonts: FontNames): string => JSON.stringify([fonts.song, fonts.songBold, fonts.hei, fonts.fang, fonts.kai]);

export interface DocxOptions {
  fonts: FontNames;
  /** PNG of the report page's QR code (io/qr.ts), printed at the end when the report has a URL. */
  qrPng?: Buffer;
  /** The table of contents' page numbers, entry by entry, as the PDF has them (else left for Word to fill in). */
  tocPages?: number[];
}

/** Distance from the page bottom to the bottom of the footer line, so the dash sits 7 mm below the 版心. */
export const FOOTER_TWIP = ptToTwip(geometry.bottom - mmToPt(PAGE_NUMBER.dashBelowTextMm) - ZIHAO.四号 / 2);

/**
 * Word and LibreOffice set text in an exact-height line with the baseline at 0.8 of the line
 * height, so the first line's characters start about 3 mm below the top margin, where the PDF
 * (and GB/T 9704, which measures 天头 to the characters) has them at the margin. The DOCX top
 * margin is therefore reduced by that gap and the bottom margin grows by as much: the printed
 * 版心 is where the standard puts it (37 mm), 22 lines still fit, and the page numbers stay put.
 */
const GLYPH_GAP_PT = glyphGapPt(LINE_TWIP, ZIHAO.三号);
export const MARGIN_TWIP = {
  top: ptToTwip(geometry.top - GLYPH_GAP_PT),
  bottom: ptToTwip(geometry.bottom + GLYPH_GAP_PT),
  left: ptToTwip(geometry.left),
  right: ptToTwip(geometry.right),
};

/** The page's QR code and its caption, right-aligned at the end of the document. */
const qrBlock = (png: Buffer) => {
  const px = Math.round((mmToPt(QR.sizeMm) * 96) / 72);
  return [
    new Paragraph({
      style: STYLE.qrCaption.id,
      spacing: { before: LINE_TWIP, line: 240, lineRule: LineRuleType.AUTO },
      keepNext: true, // with its caption
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: px, height: px }, altText: { name: 'QR', title: QR.caption, description: QR.caption } })],
    }),
    new Paragraph({ style: STYLE.qrCaption.id, text: QR.caption }),
  ];
};

/** "目录" and a TOC field over the heading levels `toc:` asks for (toc.ts; Word updates the page numbers). */
const tableOfContents = (entries: Map<Block, TocEntry>, levels: number, pages?: number[]) => [
  new Paragraph({ style: STYLE.tocTitle.id, text: '目录' }),
  tocField([...entries.values()], levels, pages),
  new Paragraph({ style: STYLE.body.id }),
];

export function docxDocument(report: Report, options: DocxOptions): Document {
  const m = report.meta;
  const editor = editorLine(m);
  const levels = tocLevels(report);
  const toc = levels ? tocEntries(report.blocks, levels) : undefined;
  // the body's last line stays with the end matter, as in the PDF: Word keeps a paragraph's last
  // line with the next (a page of 附件：… and 责任编辑 alone read as a page without body text);
  // headings with nothing under them at the end (# 附表) go along, with the line above them
  // (their styles keep them with the next paragraph)
  const blocks = report.blocks;
  let endFrom = blocks.length - 1;
  while (endFrom > 0 && blocks[endFrom]!.type === 'heading' && !(blocks[endFrom] as HeadingBlock).runIn) endFrom--;
  const signed = signatureLines(m);
  const endFollows = report.attachments.length > 0 || Boolean(editor) || Boolean(signed);
  const children = [
    ...front(report),
    ...(toc ? tableOfContents(toc, levels, options.tocPages) : []),
    ...blocks.flatMap((b, i) => bodyBlock(b, options.fonts, report.statistics, blocks[i + 1], toc, endFollows && i >= endFrom, blocks[i - 1])),
    ...attachmentNote(report.attachments, Boolean(editor) || Boolean(signed)),
    // the 发文机关署名 and 成文日期 (GB/T 9704 7.3.5.2), a line below, kept together and with what follows
    ...(signed ? [
      new Paragraph({ style: STYLE.signature.id, spacing: { before: LINE_TWIP }, indent: { right: ptToTwip(signed.nameRightEm * geometry.charPitch) }, text: signed.name, keepNext: true }),
      new Paragraph({
        style: STYLE.signature.id, indent: { right: ptToTwip(signed.dateRightEm * geometry.charPitch) }, text: signed.date,
        ...(editor || (options.qrPng && !report.attachments.length) ? { keepNext: true } : {}),
      }),
    ] : []),
    // the editor line stays with a QR code right below it (Word and LibreOffice left the code
    // alone on a last page)
    ...(editor ? [new Paragraph({
      style: STYLE.endMatter.id, indent: { right: ptToTwip(2 * geometry.charPitch) }, text: editor, ...(signed ? { spacing: { before: LINE_TWIP } } : {}),
      ...(options.qrPng && !report.attachments.length ? { keepNext: true } : {}),
    })] : []),
    ...attachmentPages(report.attachments, options.fonts, report.statistics, !options.qrPng),
    ...(options.qrPng ? qrBlock(options.qrPng) : []),
  ];
  return new Document({
    title: m.title,
    creator: m.organ,
    lastModifiedBy: m.organ,
    subject: `${m.organ}${m.year}年政府信息公开工作年度报告`,
    keywords: m.keywords.join(', '),
    description: `${m.title}（${m.source}，${m.published.year}年${m.published.month}月${m.published.day}日）`,
    evenAndOddHeaderAndFooters: true,
    // a line ended by a line break (a \ at a line's end in report.md) is not spread to the margin in a
    // justified paragraph (Word's 使用 Shift+回车 时不扩展字符间距; the PDF sets it as any last line)
    compatibility: { doNotExpandShiftReturn: true },
    // Word fills in the table of contents when the document is opened
    ...(levels ? { features: { updateFields: true } } : {}),
    styles: docxStyles(options.fonts),
    sections: [{
      properties: {
        page: {
          size: { width: ptToTwip(geometry.width), height: ptToTwip(geometry.height) },
          margin: {
            ...MARGIN_TWIP,
            header: ptToTwip(geometry.top / 2),
            footer: FOOTER_TWIP,
          },
          pageNumbers: { start: 1 },
        },
        // A line grid equal to the exact line spacing; characters are fitted by condensing (styles.ts).
        grid: { type: DocumentGridType.LINES, linePitch: LINE_TWIP },
      },
      footers: pageNumberFooters(),
      children,
    }],
  });
}
