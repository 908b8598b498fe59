/**
 * Report model → DOCX bytes, the whole DOCX path in one function: the writer (write/docx), the
 * QR image and the packing (io/docx-pack). Used in the main thread and in the DOCX thread
 * (io/docx-thread.ts), which is why it takes only cloneable things.
 */
import type { Report } from '../model/types.js';
import type { FontNames } from '../write/docx/index.js';
import { qrText } from '../layout/gbt9704.js';

/** What the DOCX takes from elsewhere than the report: its table of contents' page numbers, as the PDF has them. */
export interface DocxExtras { tocPages?: number[] }

export async function buildDocx(report: Report, created: Date, fonts: FontNames, extras: DocxExtras = {}): Promise<Buffer> {
  // loaded on first use: a PDF-only build never loads docx
  const [{ docxDocument, partFixesFor, sharedPartsKey }, { packDocx }, { qrPng }] = await Promise.all([
    import('../write/docx/index.js'), import('./docx-pack.js'), import('./qr.js'),
  ]);
  const png = report.meta.url ? qrPng(qrText(report.meta.url)) : undefined;
  return packDocx(docxDocument(report, { fonts, qrPng: png, tocPages: extras.tocPages }), created, partFixesFor(fonts), sharedPartsKey(fonts));
}
