/**
 * A standalone heading is never the last line of a page (README "Layout decisions"): it is kept
 * with the first line of its paragraph in one block (write/pdf/index.ts); the pageBreakBefore rule
 * that catches the other cases used to count the page number, listed after the body, as text
 * below the heading.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { countLayouts } from './helpers/layouts.js';
import { linesOf, readPdf } from './helpers/pdf.js';

const fonts = openFontSet();


describe('headings kept with the text after them', () => {
  it('moves a heading that would end a page to the next page, at every place near the foot', async () => {
    // n one-line paragraphs, then a level-2 and a level-1 heading each followed by a paragraph:
    // with 15, （一） falls on line 22, the last of page 1; with 13, 二、 does
    for (const n of [12, 13, 14, 15, 16]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') +
        '## 测试小标题\n\n小标题后的段落。\n\n# 后面\n\n后面的段落文字。\n';
      const { result: { outputs }, layouts } = await countLayouts(() => buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep-${n}`), { fonts, formats: ['pdf'] }));
      // the heading and its paragraph's first line are one unbreakable block: no second layout
      expect(layouts, `${n} paragraphs`).toBe(1);
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

  it('keeps a heading over another heading with them, without another layout', async () => {
    for (const n of [13, 14, 15]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') + '# 后面\n\n## 子标题\n\n后面的段落文字。\n';
      const { result: { outputs }, layouts } = await countLayouts(() => buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep2-${n}`), { fonts, formats: ['pdf'] }));
      expect(layouts, `${n} paragraphs`).toBe(1);
      const { pages } = await readPdf(outputs.pdf!);
      for (const heading of ['二、后面', '（一）子标题']) {
        const page = pages.find((p) => linesOf(p).some((l) => l.text === heading))!;
        const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()));
        expect(lines.findIndex((l) => l.text === heading), `${n} paragraphs: ${heading} is the last line of page ${page.number}`).toBeLessThan(lines.length - 1);
      }
    }
  }, 30_000);

  it('keeps a heading with the first line of a run-in heading below it, without another layout', async () => {
    for (const n of [14, 15, 16]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') +
        '## 改进情况\n\n### 加强政策解读。\n\n' + '围绕重要政策文件，坚持解读材料与政策文件同步组织、同步审签、同步部署。'.repeat(2) + '\n';
      const { result: { outputs }, layouts } = await countLayouts(() => buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep3-${n}`), { fonts, formats: ['pdf'] }));
      expect(layouts, `${n} paragraphs`).toBe(1);
      const { pages } = await readPdf(outputs.pdf!);
      const page = pages.find((p) => linesOf(p).some((l) => l.text === '（一）改进情况'))!;
      const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()));
      const at = lines.findIndex((l) => l.text === '（一）改进情况');
      expect(at, `${n} paragraphs: the heading is the last line of page ${page.number}`).toBeLessThan(lines.length - 1);
      expect(lines[at + 1]!.text.replace(/\s+/g, ''), `${n} paragraphs`).toMatch(/^1\.加强政策解读。围绕/);
    }
  }, 30_000);
});

