/**
 * Font files read in part (io/sparse-font.ts): everything but the outlines at once, an outline
 * when fontkit's CharStrings INDEX is asked for it or when a subset needs it.
 */
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontkit } from '../src/io/fontkit.js';
import { defaultFontConfig, openFontSet } from '../src/io/fonts.js';
import { loadGlyphs, outlineRead, readFontFile, readRest } from '../src/io/sparse-font.js';
import { ROOT } from './helpers/build.js';

const FACES = ['FandolSong-Regular.otf', 'FandolSong-Bold.otf', 'FandolHei-Regular.otf', 'FandolFang-Regular.otf', 'FandolKai-Regular.otf', 'NotoSerifCJKsc-Regular.otf'];
const fontFile = (name: string) => path.join(ROOT, 'fonts', name);
type Cff = { topDict: { CharStrings: { offset: number; length: number }[] } };
const cffOf = (font: unknown) => (font as Record<string, Cff>)['CFF ']!;

/** Where a face's outlines lie, from fontkit's reading of the whole file. */
function outlines(whole: Buffer): { first: number; end: number; ranges: (i: number) => { offset: number; length: number } } {
  const cs = cffOf(loadFontkit().create(whole)).topDict.CharStrings;
  return { first: cs[0]!.offset, end: cs[cs.length - 1]!.offset + cs[cs.length - 1]!.length, ranges: (i) => ({ offset: cs[i]!.offset, length: cs[i]!.length }) };
}

describe('font files read in part', () => {
  it('reads every bundled face but its outlines, and an outline when fontkit asks for it, as fontkit reads the whole file', () => {
    for (const name of FACES) {
      const whole = readFileSync(fontFile(name));
      const part = readFontFile(fontFile(name));
      expect(part.length, name).toBe(whole.length);
      const { first, end, ranges } = outlines(whole);
      // all but the outlines are there; the outlines are not (yet), but for the first few read
      // with the front of the file (at most its first 2 MB)
      expect(part.subarray(0, first).equals(whole.subarray(0, first)), name).toBe(true);
      expect(part.subarray(end).equals(whole.subarray(end)), name).toBe(true);
      expect(end - first, name).toBeGreaterThan(4 << 20);
      expect(part.subarray(Math.max(first, 2 << 20), end).some((b) => b !== 0), name).toBe(false);
      // glyphs drawn through fontkit: the same outlines as from the whole file, and only theirs read
      const font = loadFontkit().create(part);
      const wholeFont = loadFontkit().create(whole);
      const some = [1, 2, 100, 1234, 5000, font.numGlyphs - 1];
      for (const g of some) expect(font.getGlyph(g).path.toSVG(), `${name} glyph ${g}`).toBe(wholeFont.getGlyph(g).path.toSVG());
      for (const g of some) {
        const r = ranges(g);
        expect(part.subarray(r.offset, r.offset + r.length).equals(whole.subarray(r.offset, r.offset + r.length)), `${name} glyph ${g}`).toBe(true);
      }
      const untouched = ranges(font.numGlyphs - 2);
      expect(part.subarray(untouched.offset, untouched.offset + untouched.length).some((b) => b !== 0), name).toBe(false);
    }
  });

  it('reads a subset’s outlines in a few reads, exactly those bytes of the file', () => {
    const whole = readFileSync(fontFile('FandolFang-Regular.otf'));
    const part = readFontFile(fontFile('FandolFang-Regular.otf'));
    const { ranges } = outlines(whole);
    const glyphs = [10, 11, 12, 500, 501, 9000, 77, 10];
    loadGlyphs(part, glyphs);
    for (const g of glyphs) {
      const r = ranges(g);
      expect(part.subarray(r.offset, r.offset + r.length).equals(whole.subarray(r.offset, r.offset + r.length)), `glyph ${g}`).toBe(true);
    }
    const other = ranges(4000);
    expect(part.subarray(other.offset, other.offset + other.length).some((b) => b !== 0)).toBe(false);
  });

  it('reads whole what it cannot place (not a CFF face, cut short), and stops when the file changes under it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gongwen-sparse-'));
    const font = readFileSync(fontFile('FandolKai-Regular.otf'));
    const text = path.join(dir, 'a.txt');
    writeFileSync(text, 'not a font');
    expect(readFontFile(text).toString()).toBe('not a font');
    const cut = path.join(dir, 'cut.otf');
    writeFileSync(cut, font.subarray(0, font.length >> 1));
    expect(readFontFile(cut).equals(font.subarray(0, font.length >> 1))).toBe(true);
    const copy = path.join(dir, 'kai.otf');
    copyFileSync(fontFile('FandolKai-Regular.otf'), copy);
    const part = readFontFile(copy);
    appendFileSync(copy, 'x');
    expect(() => loadGlyphs(part, [5])).toThrow(/kai\.otf: the font file changed on disk while gongwen was using it/);
  });

  it('reads the rest of a face whole when asked (the hook missing), and closes the files of faces that fail to open', () => {
    const whole = readFileSync(fontFile('FandolHei-Regular.otf'));
    const part = readFontFile(fontFile('FandolHei-Regular.otf'));
    const last = cffOf(loadFontkit().create(whole)).topDict.CharStrings.length - 1;
    expect(outlineRead(part, last)).toBe(false);
    readRest(part);
    expect(part.equals(whole)).toBe(true);
    expect(outlineRead(part, last)).toBe(true); // no longer a face read in part
    // a CFF face that fontkit cannot open (its hhea table renamed): no file left open per attempt
    if (!existsSync('/proc/self/fd')) return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gongwen-sparse-fd-'));
    const broken = Buffer.from(readFileSync(fontFile('FandolKai-Regular.otf')));
    const tables = broken.readUInt16BE(4);
    for (let i = 0; i < tables; i++) if (broken.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'hhea') broken.write('hhex', 12 + 16 * i, 'latin1');
    const file = path.join(dir, 'broken.otf');
    writeFileSync(file, broken);
    const fds = () => readdirSync('/proc/self/fd').length;
    const before = fds();
    for (let k = 0; k < 10; k++) expect(() => openFontSet({ ...defaultFontConfig(), kai: { file, name: '楷体' } }).face('kai')).toThrow(/broken\.otf/);
    expect(fds()).toBeLessThanOrEqual(before + 1);
  });
});
