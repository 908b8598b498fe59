/**
 * The portal PDF's text as a reader copies and searches it (pdf.js, the viewer of many portals and
 * Firefox): a loose justified line must not read as characters with spaces between them.
 */
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT, SAMPLE } from './helpers/build.js';

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
  it('reads every line of both samples without spaces between its Chinese characters (loose lines read 府 前 路1号)', async () => {
    for (const dir of [SAMPLE, path.join(ROOT, 'content/sample-2021')]) {
      const lines = await textLines((await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!);
      const spaced = lines.filter((l) => /\p{Script=Han} \p{Script=Han} \p{Script=Han}/u.test(l));
      expect(spaced, dir).toEqual([]);
      if (dir === SAMPLE) expect(lines.some((l) => l.includes('商丘市睢阳区府前路1号'))).toBe(true);
    }
  });
});
