import type { FontRole } from '../../layout/gbt9704.js';
import type { SpanBreaks } from './span-breaks.js';
import type { TocEntry } from './toc.js';

export type PdfRole = FontRole | 'fallback';

/** What the PDF writer needs to know about fonts, without loading any. */
export interface GlyphSource {
  has(role: PdfRole, codePoint: number): boolean;
  /** Vertical centre of the em dash in the song face, in em above the baseline. */
  dashCentre: number;
  /**
   * Advance width in pt of `text` set in the role's face at `size`, as pdfkit measures it. With
   * it, justified paragraphs are broken into lines by the writer (write/pdf/lines.ts); without
   * it, by pdfmake.
   */
  advance?(role: PdfRole, text: string, size: number): number;
  /** advance(role, String.fromCharCode(unit), size) without the string, where the source has it. */
  advanceOfUnit?(role: PdfRole, unit: number, size: number): number;
  /** The right edge of the ink of the role's glyph for the code point, in em; without it no mark ends a line compressed (write/pdf/lines.ts). */
  inkRight?(role: PdfRole, codePoint: number): number;
}

export interface PdfOptions {
  glyphs: GlyphSource;
  /** Producer string written into the document info. */
  creator?: string;
  /** Creation date written into Info and XMP (see io/clock.ts). */
  created: Date;
  /** Write PDF/A-2b: PDF 1.7, XMP with pdfaid part 2 / B, sRGB output intent. */
  pdfa?: boolean;
  /** Width of the text block in pt (default: the 版心, 156 mm); for tests on other columns. */
  textWidth?: number;
  /**
   * Break justified paragraphs into lines here (write/pdf/lines.ts) when `glyphs.advance` can
   * measure; false leaves them to pdfmake (tests compare the two). Default true.
   */
  breakLines?: boolean;
  /**
   * Cut a web address to fill a line it would leave loose (write/pdf/lines.ts addressCut), and
   * move a figure with hyphens (0571-87654321) to the next line whole unless that line would be
   * loose (figureCut); false breaks only where pdfmake would (tests compare the two). Default true.
   */
  cutAddresses?: boolean;
}

export interface PdfContext {
  glyphs: GlyphSource;
  /** Spanning table cells to cut at page breaks (absent: spans are drawn once, as pdfmake does). */
  spans?: SpanBreaks;
  /** Width of the text block in pt. */
  textWidth: number;
  /** See PdfOptions.breakLines. */
  breakLines: boolean;
  /** See PdfOptions.cutAddresses. */
  cutAddresses?: boolean;
  /** Heading levels the table of contents lists (0: none). */
  tocLevels?: number;
  /** The entries of the table of contents, as the headings are written. */
  toc?: TocEntry[];
}
