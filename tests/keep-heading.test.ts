/**
 * A standalone heading is never the last line of a page (README "Layout decisions"): pdfmake lists
 * each page's number after the body, and that page number used to count as text below the heading.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf } from './helpers/pdf.js';

const fonts = openFontSet();

describe('headings kept with the text after them', () => {
  it('moves a heading that would end a page to the next page, at every place near the foot', async () => {
    // n one-line paragraphs, then a level-2 and a level-1 heading each followed by a paragraph:
    // with 15, （一） falls on line 22, the last of page 1; with 13, 二、 does
    for (const n of [12, 13, 14, 15, 16]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') +
        '## 测试小标题\n\n小标题后的段落。\n\n# 后面\n\n后面的段落文字。\n';
      const { outputs } = await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep-${n}`), { fonts, formats: ['pdf'] });
      const { pages } = await readPdf(outputs.pdf!);
      for (const heading of ['（一）测试小标题', '二、后面']) {
        const page = pages.find((p) => linesOf(p).some((l) => l.text === heading))!;
        const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim())); // not the page number
        const at = lines.findIndex((l) => l.text === heading);
        expect(at, `${n} paragraphs: ${heading} on page ${page.number}`).toBeGreaterThanOrEqual(0);
        expect(at, `${n} paragraphs: ${heading} is the last line of page ${page.number}`).toBeLessThan(lines.length - 1);
      }
    }
  }, 30_000);
});
