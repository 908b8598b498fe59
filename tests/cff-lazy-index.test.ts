/**
 * fontkit's large CFF INDEXes read lazily (io/cff-lazy-index.ts): every entry of every bundled
 * face's CharStrings, global and local subroutine INDEX is the offset and length fontkit itself
 * decodes (compared with a fresh process in which fontkit is unpatched), the INDEXes are views,
 * not arrays of objects, and the view behaves as the array it stands for.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAZY_FROM, lazyRanges } from '../src/io/cff-lazy-index.js';
import { loadFontkit } from '../src/io/fontkit.js';
import { ROOT } from './helpers/build.js';

const FACES = ['FandolSong-Regular.otf', 'FandolSong-Bold.otf', 'FandolHei-Regular.otf', 'FandolFang-Regular.otf', 'FandolKai-Regular.otf', 'NotoSerifCJKsc-Regular.otf'];
const fontFile = (name: string) => path.join(ROOT, 'fonts', name);

/**
 * The INDEXes of byte ranges of a face's CFF table, by name, as flat [offset, length, …] lists:
 * JavaScript source, run here (fontkit patched) and in a child process that requires fontkit
 * as pdfkit does, without gongwen's patch.
 */
const RANGES_OF = `(cff) => {
  const flat = (xs) => { const out = []; for (let i = 0; i < (xs ? xs.length : 0); i++) out.push(xs[i].offset, xs[i].length); return out; };
  const out = { CharStrings: flat(cff.topDict.CharStrings), globalSubrIndex: flat(cff.globalSubrIndex) };
  if (cff.topDict.Private && cff.topDict.Private.Subrs) out['Private.Subrs'] = flat(cff.topDict.Private.Subrs);
  (cff.topDict.FDArray || []).forEach((fd, i) => { if (fd.Private && fd.Private.Subrs) out['FDArray[' + i + '].Private.Subrs'] = flat(fd.Private.Subrs); });
  return out;
}`;
// eslint-disable-next-line no-new-func
const rangesOf = new Function(`return ${RANGES_OF}`)() as (cff: unknown) => Record<string, number[]>;
const cffOf = (font: unknown) => (font as Record<string, unknown>)['CFF '];

describe('CFF INDEXes read lazily', () => {
  it('gives every entry of every bundled face the offset and length fontkit decodes, and no object per entry until one is read', () => {
    const fontkit = loadFontkit();
    const script = `const fk = require(require.resolve('fontkit', { paths: [require('node:path').dirname(require.resolve('pdfkit/package.json'))] }));
      const rangesOf = ${RANGES_OF};
      const out = {};
      for (const f of ${JSON.stringify(FACES.map(fontFile))}) out[f] = rangesOf(fk.create(require('node:fs').readFileSync(f))['CFF ']);
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
    expect(child.stderr).toBe('');
    const eager = JSON.parse(child.stdout) as Record<string, Record<string, number[]>>;
    let entries = 0;
    for (const name of FACES) {
      const font = fontkit.create(readFileSync(fontFile(name)));
      const here = rangesOf(cffOf(font));
      expect(Object.keys(here), name).toEqual(Object.keys(eager[fontFile(name)]!));
      for (const [index, list] of Object.entries(here)) {
        expect(list.length, `${name} ${index}`).toBe(eager[fontFile(name)]![index]!.length);
        expect(list.every((v, i) => v === eager[fontFile(name)]![index]![i]), `${name} ${index}`).toBe(true);
        entries += list.length / 2;
      }
      // large INDEXes are views: no own entries, the count as length
      const cs = (cffOf(font) as { topDict: { CharStrings: object[] } }).topDict.CharStrings;
      expect(cs.length).toBeGreaterThan(LAZY_FROM);
      expect(Object.keys(cs)).toEqual([]);
    }
    expect(entries).toBeGreaterThan(170_000); // 117,322 glyphs and the fallback face's subroutines
  });

  it('stands in for an array: length, entries, out-of-range reads, `in`, iteration and array methods', () => {
    const made: number[] = [];
    const view = lazyRanges(3, (i) => { made.push(i); return { offset: 10 * i, length: i + 1 }; });
    expect(Array.isArray(view)).toBe(true);
    expect(view.length).toBe(3);
    expect(view[1]).toEqual({ offset: 10, length: 2 });
    expect(made).toEqual([1]); // only what was read
    expect(view[3]).toBeUndefined();
    expect((view as unknown as Record<string, unknown>)['01']).toBeUndefined();
    expect(2 in view).toBe(true);
    expect(3 in view).toBe(false);
    expect([...view].map((r) => r.offset)).toEqual([0, 10, 20]);
    expect(view.map((r) => r.length)).toEqual([1, 2, 3]);
    expect(view.some((r) => r.offset === 20)).toBe(true);
  });
});
