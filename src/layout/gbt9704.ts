/**
 * GB/T 9704-2012 as data: the one place where page geometry, the line grid and the font of every
 * element are decided. Both writers read these numbers; neither copies them.
 *
 * Decisions (see README "Layout decisions"):
 * - The 版心 is exactly 156 × 225 mm at top 37 mm / left 28 mm (§5.2.1).
 * - 22 lines × 28 characters fill the 版心 (§5.2.3). The line pitch is 225 mm / 22 = 28.99 pt and
 *   the character pitch 156 mm / 28 = 15.79 pt. Because 28 × 16 pt (三号) = 448 pt is wider than
 *   the 442.2 pt 版心, the PDF sets body text at the character pitch (15.79 pt, 1.3 % under 三号),
 *   which keeps the standard's margins exact. The DOCX keeps 16 pt and squeezes to the same pitch
 *   with a document grid, as Word templates do.
 * - Every element sits on the same line grid; text is set at the top of its line cell.
 */
import { mmToPt, ZIHAO, type Zihao } from './units.js';

export type FontRole = 'song' | 'songBold' | 'hei' | 'fang' | 'kai';

export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 37,
  marginLeftMm: 28,
  textWidthMm: 156,
  textHeightMm: 225,
} as const;

/** The longest lead-in sentence (in lines) kept with the start of a table below it (Markdown or statistics, in the PDF; Markdown in the DOCX). */
export const LEAD_IN_LINES = 6;

/**
 * The most body rows of a Markdown table kept whole on one page, with its header and the lead-in
 * above it, as a statistics table of six rows is: a table of four rows had been parted 2 + 2 (a
 * 2021-form trial). Not done (the PDF) where it may not surely fit a third of a page.
 */
export const SHORT_TABLE_ROWS = 6;

export const GRID = {
  linesPerPage: 22,
  charsPerLine: 28,
} as const;

/** Derived page geometry in points. */
export const geometry = (() => {
  const width = mmToPt(PAGE.widthMm);
  const height = mmToPt(PAGE.heightMm);
  const top = mmToPt(PAGE.marginTopMm);
  const left = mmToPt(PAGE.marginLeftMm);
  const textWidth = mmToPt(PAGE.textWidthMm);
  const textHeight = mmToPt(PAGE.textHeightMm);
  return {
    width,
    height,
    top,
    left,
    right: width - left - textWidth,
    bottom: height - top - textHeight,
    textWidth,
    textHeight,
    /**
     * 28.99 pt: one line of the grid. 0.0005 pt less than the exact quotient, so that float
     * rounding in the layout engine never pushes the 22nd line of a page over the 版心.
     */
    linePitch: textHeight / GRID.linesPerPage - 0.0005,
    /** 15.79 pt: one character of the grid (the body font size in the PDF). */
    charPitch: textWidth / GRID.charsPerLine,
  };
})();

/** Vertical metrics every CJK face is normalised to (fraction of the em), so baselines agree across faces. */
export const FACE_METRICS = { ascent: 0.88, descent: -0.12 } as const;

export interface ElementStyle {
  role: FontRole;
  /** Nominal size (字号) per the standard. */
  zihao: Zihao;
  align: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in characters (字). */
  indentChars: number;
}

const el = (role: FontRole, zihao: Zihao, align: ElementStyle['align'], indentChars: number): ElementStyle =>
  ({ role, zihao, align, indentChars });

/** The font, size and placement of every element (gbt9704.md §3, §5, §7). */
export const ELEMENTS = {
  title: el('songBold', '二号', 'center', 0),            // 7.3.1: 2号小标宋; FandolSong Bold stands in
  sourceLine: el('fang', '小四', 'center', 0),           // portal source/date line (practice)
  metaBlock: el('fang', '小四', 'left', 0),              // portal information block (practice)
  body: el('fang', '三号', 'justify', 2),                // 7.3.3
  heading1: el('hei', '三号', 'justify', 2),             // 一、 黑体
  heading2: el('kai', '三号', 'justify', 2),             // （一） 楷体
  heading3: el('fang', '三号', 'justify', 2),            // 1. 仿宋
  heading4: el('fang', '三号', 'justify', 2),            // （1） 仿宋
  tocTitle: el('hei', '三号', 'center', 0),              // "目录" over a table of contents (practice), a line above the entries
  attachmentNote: el('fang', '三号', 'left', 2),         // 7.3.4 附件说明
  attachmentLabel: el('hei', '三号', 'left', 0),         // 7.3.7 "附件", 3号黑体, 顶格
  attachmentTitle: el('songBold', '二号', 'center', 0),  // practice: like the title
  tableText: el('fang', '小四', 'left', 0),              // §8: not specified; 小四 仿宋 is common practice
  tableHeader: el('hei', '小四', 'center', 0),
  qrCaption: el('fang', '小五', 'right', 0),              // portal practice: 扫一扫在手机打开当前页
  endMatter: el('fang', '三号', 'right', 0),             // 责任编辑 line
  signature: el('fang', '三号', 'right', 0),             // 7.3.5.2 发文机关署名 and 成文日期, unsealed
  pageNumber: el('song', '四号', 'right', 0),            // 7.5: 4号半角宋体
} as const satisfies Record<string, ElementStyle>;

export type ElementName = keyof typeof ELEMENTS;

/** Size in pt of an element. Grid-sized 三号 elements use the character pitch (see header comment). */
export function sizeOf(name: ElementName): number {
  const nominal = ZIHAO[ELEMENTS[name].zihao];
  return nominal === ZIHAO.三号 ? geometry.charPitch : nominal;
}

export const PAGE_NUMBER = {
  /** 7.5: the 一字线 (em dash) sits 7 mm below the bottom edge of the 版心. */
  dashBelowTextMm: 7,
  /** 1 字 inset from the 版心 edge; taken at the page number's own size (四号, 14 pt). UNCONFIRMED in the standard. */
  insetPt: ZIHAO.四号,
  /** "— N —": U+2014 on both sides, one half-width space each side. */
  format: (n: number): string => `\u2014 ${n} \u2014`,
} as const;

export const ATTACHMENT = {
  /** 7.3.4: "附件：" + name, no punctuation after the name. */
  noteLabel: '附件：',
  /** 7.3.7: label on line 1, title centred on line 3 of the 版心. */
  label: '附件',
  titleLine: 3,
} as const;

/** The QR code of the report's web page, at the end of the document (portal practice, not GB/T 9704). */
/** Space around a statistics table in the body, in lines of the grid: a little above, more below. */
export const STAT_TABLE_GAP = { beforeLines: 0.25, afterLines: 0.5 };

export const QR = {
  sizeMm: 25,
  caption: '扫一扫在手机打开当前页',
  eccLevel: 'M',
  /** The most a QR code holds at error correction M, in bytes (version 40, byte mode). */
  maxBytes: 2331,
} as const;

/**
 * The text a report's QR code carries: its URL, with characters outside the BMP percent-encoded
 * as UTF-8 (the same address to a browser). pdfmake's encoder, which draws the code in both the
 * PDF and the DOCX, writes such a character as two UTF-16 halves, which no reader decodes.
 */
export const qrText = (url: string): string => url.replace(/[\u{10000}-\u{10FFFF}]/gu, (c) => encodeURIComponent(c));

export const HEADING_ELEMENTS = ['heading1', 'heading2', 'heading3', 'heading4'] as const;

/**
 * The most columns a Markdown table across the 版心 may have: each needs 2 × 4 pt of padding and
 * a 1 pt rule (pdfmake's table layout, write/pdf/md-table.ts) and room for one figure, half the
 * table text's size: 29 columns in 442 pt. Past it the table ran off the right margin without a
 * word (forty-five columns showed thirteen); such a table goes in an attachment or a workbook.
 */
export const MAX_TABLE_COLUMNS = Math.floor((geometry.textWidth - 1) / (2 * 4 + 1 + sizeOf('tableText') / 2));
