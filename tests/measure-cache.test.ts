/**
 * A second layout of the same definition (pdfmake's pageBreakBefore) reuses the first
 * measurement of each text node (io/measure-cache.ts), and the text comes out whole: inlines that
 * the first layout cut (too wide for a line) or justified are restored before they are reused.
 */
import { describe, expect, it } from 'vitest';
import { openFontSet } from '../src/io/fonts.js';
import { measureCacheStats } from '../src/io/measure-cache.js';
import { renderPdf } from '../src/io/pdf-render.js';
import { readPdf } from './helpers/pdf.js';

const LONG = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij';
const PARAGRAPH = '政府信息公开工作以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的各项决策部署，扎实推进决策、执行、管理、服务、结果公开。'.repeat(3);

/** Each page's text, and every item with its left edge, in order. */
async function render(relayout: boolean): Promise<{ pages: string[]; items: string[] }> {
  let asked = false;
  const definition = {
    defaultStyle: { font: 'fang', fontSize: 12 },
    content: [
      { table: { widths: [40], body: [[{ text: LONG }]] } },
      { text: PARAGRAPH, alignment: 'justify' },
      { text: '下一节', headlineLevel: 1 },
      { text: '正文' },
    ],
    // ask once for a page break before the marked node: pdfmake lays the document out again
    pageBreakBefore: (node: { headlineLevel?: number }) => {
      if (!relayout || asked || !node.headlineLevel) return false;
      asked = true;
      return true;
    },
  };
  const pdf = await renderPdf(definition as never, openFontSet());
  const { pages } = await readPdf(pdf);
  return { pages: pages.map((p) => p.items.map((i) => i.str).join('')), items: pages.flatMap((p) => p.items.map((i) => `${i.str}@${i.x.toFixed(2)}`)) };
}

describe('measurements reused by a second layout', () => {
  it('restores cut and justified inlines, so both layouts print the same text', async () => {
    const once = await render(false);
    const before = measureCacheStats.hits;
    const twice = await render(true);
    expect(measureCacheStats.hits - before).toBeGreaterThanOrEqual(3); // the cell, the paragraph, the heading
    expect(twice.pages).toHaveLength(2); // the page break the hook asked for
    expect(once.pages).toHaveLength(1);
    expect(twice.pages.join('')).toBe(once.pages.join(''));
    expect(twice.items).toEqual(once.items); // the same lines, at the same left edges (justified)
    expect(once.pages[0]!.replace(/\s/g, '')).toContain(LONG); // cut over several lines of the 40 pt cell
    expect(once.pages[0]!.replace(/\s/g, '')).toContain(PARAGRAPH);
  });
});
