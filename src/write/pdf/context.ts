import type { FontRole } from '../../layout/gbt9704.js';

export type PdfRole = FontRole | 'fallback';

/** What the PDF writer needs to know about fonts, without loading any. */
export interface GlyphSource {
  has(role: PdfRole, codePoint: number): boolean;
  /** Vertical centre of the em dash in the song face, in em above the baseline. */
  dashCentre: number;
}

export interface PdfOptions {
  glyphs: GlyphSource;
  /** Producer string written into the document info. */
  creator?: string;
  /** Creation date written into Info and XMP (see io/clock.ts). */
  created: Date;
  /** Write PDF/A-2b: PDF 1.7, XMP with pdfaid part 2 / B, sRGB output intent. */
  pdfa?: boolean;
}

export interface PdfContext {
  glyphs: GlyphSource;
}
