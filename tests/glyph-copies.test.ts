/**
 * A glyph a face draws for several characters reads back as the character each place printed
 * (io/pdfkit-glyph-copies.ts): Fandol draws · • ・ with one glyph and … ⋯ with another, and the
 * PDF's text had read every one as the first used (a text-layer audit: 让·雅克 copied as 让•雅克).
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { fastText } from '../src/io/pdfkit-fast-text.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { readPdf } from './helpers/pdf.js';

const fonts = openFontSet();

// (as the report reads after gongwen's punctuation rules, README: a • or ・ between Chinese
// characters is the 间隔号 ·, and ⋯ beside Chinese text is ……; a • after a mark, or ⋯ among Latin
// words, stays)
const body = [
  '工作要点如下：•加强组织领导，•完善工作机制。',
  '外国专家让·雅克来访，进度条显示Loading⋯ done后完成。',
  '工作……取得进展。',
  '',
  '| 序号 | 姓名 |',
  '| --- | --- |',
  '| 1 | 雅克·贝尔 |',
  '| 2 | 省略号……与⋯⋯ |',
].join('\n');

/** The code points each font's ToUnicode CMap maps its CIDs to, one list per font. */
function toUnicodeMaps(pdf: Buffer): number[][] {
  const text = pdf.toString('latin1');
  const maps: number[][] = [];
  for (const m of text.matchAll(/\d+ 0 obj\s*<<([^]*?)>>\s*stream\n/g)) {
    if (!m[1]!.includes('/FlateDecode')) continue;
    const from = m.index! + m[0].length;
    const data = inflateSync(pdf.subarray(from, from + Number(/\/Length (\d+)/.exec(m[1]!)![1]))).toString('latin1');
    if (!data.includes('beginbfrange')) continue;
    maps.push([...data.matchAll(/\[([^\]]*)\]/g)].flatMap((r) => [...r[1]!.matchAll(/<([0-9a-f]{4})>/g)].map((h) => parseInt(h[1]!, 16))));
  }
  return maps;
}

async function textOf(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).pages.flatMap((p) => p.items.map((i) => i.str)).join('');
}

describe('characters drawn with one glyph', () => {
  it.each([true, false])('read back as printed, in text and table cells (direct text path %s)', async (direct) => {
    const dir = makeReport({ 'report.md': `${FRONT}\n${body}\n` }, 'shared-glyphs');
    fastText.enabled = direct;
    try {
      const pdf = (await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!;
      const text = await textOf(pdf);
      for (const s of ['工作要点如下：•加强组织领导，•完善工作机制。', '让·雅克来访', 'Loading⋯ done', '工作……取得进展', '雅克·贝尔', '省略号……与……']) {
        expect(text).toContain(s);
      }
      // the body face's subset holds the shared glyph twice: once for •, once for ·
      const body = toUnicodeMaps(pdf).find((m) => m.includes(0x2022))!;
      expect([0x2022, 0xb7, 0x2026, 0x22ef].map((cp) => body.filter((c) => c === cp).length)).toEqual([1, 1, 1, 1]);
    } finally {
      fastText.enabled = true;
    }
  });

  it('leaves a report whose glyphs each stand for one character as it was: no copies in its subsets', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n外国专家让·雅克来访。雅克·贝尔。\n` }, 'one-each');
    const pdf = (await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!;
    expect(await textOf(pdf)).toContain('让·雅克来访。雅克·贝尔。');
    // (one CID for ·, and every CID of the body face's subset one character of the text)
    const body = toUnicodeMaps(pdf).find((m) => m.includes(0xb7))!;
    expect(body.filter((c) => c === 0xb7)).toHaveLength(1);
    expect(new Set(body).size).toBe(body.length);
  });
});
