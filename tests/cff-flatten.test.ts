/**
 * Subroutine-free CFF subsets (io/cff-flatten.ts, io/cff-subset.ts): every glyph draws the same
 * outline as in the original face, the subset carries no subroutines, and faces without
 * subroutines get the same bytes as from fontkit's subsetter.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCharstring } from '../src/io/cff-flatten.js';
import { encodeWithFontkitSubsetter } from '../src/io/cff-subset.js';
import { loadFontkit, type Font } from '../src/io/fontkit.js';

const fontkit = loadFontkit();
import { openFontSet } from '../src/io/fonts.js';

const fonts = openFontSet(); // opening a face installs the subsetter patch

/** A bare CFF table in the smallest OpenType wrapper fontkit opens ('OTTO', one table record). */
function wrapCff(cff: Uint8Array): Font {
  const head = Buffer.alloc(28);
  head.write('OTTO', 0, 'latin1');
  head.writeUInt16BE(1, 4);
  head.write('CFF ', 12, 'latin1');
  head.writeUInt32BE(28, 20);
  head.writeUInt32BE(cff.length, 24);
  return fontkit.create(Buffer.concat([head, Buffer.from(cff)])) as Font;
}

type Subset = { glyphs: number[]; includeGlyph(g: number): number; encode(): Uint8Array; gongwenFlat?: boolean };

describe('CFF subsets without subroutines', () => {
  it('draws every glyph of a 400-glyph Noto Serif CJK subset (all font DICTs) exactly as the face does', () => {
    const noto = fonts.face('fallback').font;
    const subset = noto.createSubset() as unknown as Subset;
    for (let i = 0; i < 400; i++) subset.includeGlyph((i * 163 + 7) % noto.numGlyphs);
    const cff = subset.encode();
    expect(subset.gongwenFlat).toBe(true);
    const sub = wrapCff(cff);
    const table = (sub as unknown as Record<string, { globalSubrIndex: unknown[]; topDict: { FDArray: { Private?: { Subrs?: unknown } }[] } }>)['CFF '];
    expect(table.globalSubrIndex).toHaveLength(0);
    expect(table.topDict.FDArray.length).toBeGreaterThan(3);
    expect(table.topDict.FDArray.every((fd) => !fd.Private?.Subrs)).toBe(true);
    subset.glyphs.forEach((gid, i) => expect(sub.getGlyph(i).path.toSVG(), `glyph ${gid}`).toBe(noto.getGlyph(gid).path.toSVG()));
  });

  it('keeps a three-glyph fallback subset small (it carried 90 KB of subroutines)', () => {
    const noto = fonts.face('fallback').font;
    const subset = noto.createSubset() as unknown as Subset;
    for (const ch of '埇堃喆') subset.includeGlyph(noto.glyphForCodePoint(ch.codePointAt(0)!).id);
    expect(subset.encode().length).toBeLessThan(8000);
  });

  it('subsets faces without subroutines (every Fandol face) to fontkit\'s bytes, without decoding outlines', () => {
    const text = '政府信息公开工作年度报告，（一）2017年「」ABCxyz0123';
    for (const role of ['song', 'songBold', 'hei', 'fang', 'kai'] as const) {
      const face = fonts.face(role).font;
      const fill = (s: Subset) => { for (const ch of text) s.includeGlyph(face.glyphForCodePoint(ch.codePointAt(0)!).id); return s; };
      const glyphProto = Object.getPrototypeOf(face.getGlyph(1)) as { _getPath(): unknown };
      const getPath = glyphProto._getPath;
      let decoded = 0;
      glyphProto._getPath = function (this: unknown) { decoded++; return getPath.call(this); };
      let ours: Uint8Array;
      try {
        ours = fill(face.createSubset() as unknown as Subset).encode();
      } finally {
        glyphProto._getPath = getPath;
      }
      expect(decoded, role).toBe(0);
      const reference = encodeWithFontkitSubsetter(fill(face.createSubset() as unknown as Subset));
      expect(Buffer.from(ours).equals(Buffer.from(reference)), role).toBe(true);
      expect(wrapCff(ours).getGlyph(2).path.toSVG()).toBe(face.glyphForCodePoint('府'.codePointAt(0)!).path.toSVG());
    }
  });
});

describe('flattenCharstring', () => {
  // numbers: v in −107…107 is the byte v + 139
  const n = (v: number) => v + 139;
  const bytes = Uint8Array.from([
    n(10), n(20), 21, 11, // subr at 0: "10 20 rmoveto" return (4 bytes)
    n(5), 14, // subr at 4: "5 endchar"
  ]);
  const src = { bytes, gsubrs: [{ offset: 4, length: 2 }], lsubrs: [{ offset: 0, length: 4 }] };

  it('inlines local and global calls (bias 107 for small INDEXes) and drops their numbers', () => {
    // -107 callsubr → local 0; then 1 2 rlineto; -107 callgsubr → global 0, whose endchar ends the glyph
    const glyph = Uint8Array.from([n(-107), 10, n(1), n(2), 5, n(-107), 29, n(99), 5]);
    expect([...flattenCharstring(glyph, src)]).toEqual([n(10), n(20), 21, n(1), n(2), 5, n(5), 14]);
  });

  it('copies hint masks with one byte per eight stems, counting an implied vstem', () => {
    // 3 hstemhm pairs (6 numbers), then hintmask with 4 numbers = 2 implied vstems: 5 stems → 1 mask byte
    const glyph = Uint8Array.from([...Array(6).fill(n(1)), 18, ...Array(4).fill(n(2)), 19, 0b11111000, n(0), n(0), 21, 14]);
    expect([...flattenCharstring(glyph, src)]).toEqual([...glyph]);
    // 9 stems → 2 mask bytes
    const nine = Uint8Array.from([...Array(18).fill(n(1)), 18, 19, 0xff, 0x80, 14]);
    expect([...flattenCharstring(nine, src)]).toEqual([...nine]);
    // 7 declared + 2 implied = 9 stems: 2 mask bytes that look like operators (callsubr 10, endchar 14),
    // then a real call; a miscount would read the second mask byte as an operator
    const tricky = Uint8Array.from([...Array(14).fill(n(1)), 18, n(2), n(2), n(2), n(2), 19, 0x0a, 0x0e, n(-107), 10, 14]);
    expect([...flattenCharstring(tricky, src)]).toEqual([...Array(14).fill(n(1)), 18, n(2), n(2), n(2), n(2), 19, 0x0a, 0x0e, n(10), n(20), 21, 14]);
  });

  it('refuses what it cannot flatten exactly, so the ordinary subsetter runs instead', () => {
    expect(() => flattenCharstring(Uint8Array.from([n(5), 10, 14]), src)).toThrow(/missing subroutine/);
    expect(() => flattenCharstring(Uint8Array.from([10, 14]), src)).toThrow(/without a number/);
    expect(() => flattenCharstring(Uint8Array.from([n(1), n(2), 12, 10, 14]), src)).toThrow(/operator 12 10/);
  });
});
