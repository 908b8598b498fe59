/**
 * The portal PDF's text as a reader copies and searches it (pdf.js, the viewer of many portals and
 * Firefox): a justified line spread a little must not read as characters with spaces between them.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { SAMPLE } from './helpers/build.js';

const fonts = openFontSet();

/** Each page's text lines as pdf.js gives them, spaces it reads between glyphs included. */
async function textLines(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let line = '';
    for (const it of (await (await doc.getPage(n)).getTextContent()).items) {
      if (!('str' in it)) continue;
      line += it.str;
      if (it.hasEOL) { out.push(line); line = ''; }
    }
    if (line) out.push(line);
  }
  await doc.destroy();
  return out;
}

describe('copied text', () => {
  it('reads a line spread a little past a tenth of an em whole, its room after its marks (it read 1.加 强 标 准 建 设)', async () => {
    const lines = await textLines((await buildReport(SAMPLE, { fonts, formats: ['pdf'] })).outputs.pdf!);
    const spaced = (l: string) => /\p{Script=Han} \p{Script=Han} \p{Script=Han}/u.test(l);
    const heading = lines.find((l) => l.includes('加强标准建设'))!;
    expect(heading).toBe('1.加强标准建设， 规范推进五公开。 严格落实 《实施意');
    // no line is spread over its characters: the address line and the line before 239件 were (…占 /
    // 80%；, read 的 方 式 答 复), and now end in a mark set in half its width (lines.ts endRoom)
    expect(lines.filter(spaced)).toEqual([]);
    expect(lines).toContain('的方式答复申请人。其中同意公开和已主动公开239件，占80%；');
    expect(lines).toContain('息公开办公室（地址：商丘市睢阳区府前路1号，邮编：476000，');
  });
});
