/** The published Shangqiu text, as the paragraphs every output must contain. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './build.js';
import { MM, type PdfPage } from './pdf.js';

/** The published text (the seed, verbatim) → the paragraphs the PDF must contain. */
export function publishedParagraphs(): string[] {
  const lines = readFileSync(path.join(ROOT, 'tests/fixtures/shangqiu-2017-published.txt'), 'utf8')
    .split('\n').map((l) => l.trim()).filter(Boolean);
  const end = lines.findIndex((l) => l.startsWith('责任编辑'));
  const body = lines.slice(0, end);
  // Line 2 is the portal's site/time/source line, printed by gongwen as its own source line.
  body.splice(1, 1);
  // The measures under 六（二） are one level deeper than the published markers say: 1. 2. 3. 4.
  let measure = 0;
  let inMeasures = false;
  return body.map((l) => {
    if (l.startsWith('(二)2018年改进措施')) inMeasures = true;
    else if (inMeasures && /^\([一二三四]\)/.test(l)) return l.replace(/^\([一二三四]\)/, `${++measure}.`);
    return l;
  });
}

/**
 * The punctuation the portal's copy lost: ASCII marks in Chinese text → full width (the published
 * text has no URL or Latin text with , ; ( ) of its own; "15:59"-style times keep their colon).
 */
export const normalise = (s: string) =>
  s.replace(/\s+/g, '')
    .replace(/,/g, '，').replace(/(?<!\d):|:(?!\d)/g, '：').replace(/;/g, '；')
    .replace(/\(/g, '（').replace(/\)/g, '）');


/** All text of a PDF without the page numbers (everything below the 版心, bottom margin 35 mm), whitespace removed. */
export const pdfText = (pages: PdfPage[]): string =>
  pages.map((p) => p.items.filter((i) => i.baseline < p.height - 35 * MM).map((i) => i.str).join('')).join('').replace(/\s+/g, '');

/** Every paragraph occurs in `text`, complete, in the given order. */
export function expectInOrder(text: string, paragraphs: string[]): void {
  let from = 0;
  for (const p of paragraphs) {
    const at = text.indexOf(p, from);
    expect(at, `paragraph not found after position ${from}: ${p.slice(0, 30)}…`).toBeGreaterThanOrEqual(0);
    from = at + p.length;
  }
}
