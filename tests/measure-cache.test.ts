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

async function render(relayout: boolean): Promise<string[]> {
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
  return (await readPdf(pdf)).pages.map((p) => p.items.map((i) => i.str).join(''));
}

describe('measurements reused by a second layout', () => {
  it('restores cut and justified inlines, so both layouts print the same text', async () => {
    const once = await render(false);
    const before = measureCacheStats.hits;
    const twice = await render(true);
    expect(measureCacheStats.hits - before).toBeGreaterThanOrEqual(3); // the cell, the paragraph, the heading
    expect(twice).toHaveLength(2); // the page break the hook asked for
    expect(once).toHaveLength(1);
    expect(twice.join('')).toBe(once.join(''));
    expect(once[0]!.replace(/\s/g, '')).toContain(LONG); // cut over several lines of the 40 pt cell
    expect(once[0]!.replace(/\s/g, '')).toContain(PARAGRAPH);
  });
});
