/** Read a PDF back for tests: text items with positions in points (origin top-left), per page. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfItem {
  str: string;
  /** Left edge of the item, pt from the page's left edge. */
  x: number;
  /** Baseline, pt from the page's top edge. */
  baseline: number;
  width: number;
  /** Font size in pt (from the text matrix). */
  size: number;
  fontName: string;
  /** PostScript name of the embedded font, without the subset tag. */
  font: string;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

export interface PdfLine {
  baseline: number;
  x: number;
  right: number;
  text: string;
  items: PdfItem[];
}

export async function readPdf(data: Uint8Array): Promise<{ pages: PdfPage[]; fontNames: Map<string, string> }> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  const fontNames = new Map<string, string>();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      const [a, b, , , e, f] = it.transform as number[];
      items.push({ str: it.str, x: e, baseline: height - f, width: it.width, size: Math.hypot(a, b), fontName: it.fontName, font: '' });
    }
    // Resolve pdf.js font ids to the embedded fonts' PostScript names (e.g. BZZZZZ+FandolFang-Regular).
    await page.getOperatorList();
    for (const id of Object.keys(content.styles)) {
      if (fontNames.has(id)) continue;
      const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
      fontNames.set(id, font?.name ?? id);
    }
    for (const it of items) it.font = (fontNames.get(it.fontName) ?? '').replace(/^[A-Z]{6}\+/, '');
    pages.push({ number: n, width, height, items });
  }
  await doc.destroy();
  return { pages, fontNames };
}

/** Group a page's items into lines by baseline (within 1 pt), left to right. */
export function linesOf(page: PdfPage): PdfLine[] {
  const sorted = [...page.items].sort((p, q) => p.baseline - q.baseline || p.x - q.x);
  const lines: PdfLine[] = [];
  for (const it of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(last.baseline - it.baseline) < 1) last.items.push(it);
    else lines.push({ baseline: it.baseline, x: 0, right: 0, text: '', items: [it] });
  }
  for (const l of lines) {
    l.items.sort((p, q) => p.x - q.x);
    l.x = l.items[0].x;
    l.right = Math.max(...l.items.map((i) => i.x + i.width));
    l.text = l.items.map((i) => i.str).join('');
  }
  return lines;
}

export const MM = 72 / 25.4;
