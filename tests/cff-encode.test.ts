/**
 * CFF subsets written directly (io/cff-encode.ts, hooked in io/cff-subset.ts): the same bytes as
 * fontkit's encoder writes for the same subset, for every bundled face, at glyph counts around
 * every boundary of the layout (charset format at 256 glyphs, offset sizes of the CharStrings
 * INDEX), and with the fallback face's many font DICTs in any order of first use.
 */
import { describe, expect, it } from 'vitest';
import { encodeSubset, readTemplate } from '../src/io/cff-encode.js';
import { directCffWrites, encodeWithFontkitEncoder } from '../src/io/cff-subset.js';
import { loadFontkit, type Font } from '../src/io/fontkit.js';
import { FACE_ROLES, openFontSet } from '../src/io/fonts.js';

const fonts = openFontSet(); // opening a face installs the subsetter patch

type Subset = { glyphs: number[]; includeGlyph(g: number): number; encode(): Uint8Array };

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('CFF subsets written directly', () => {
  for (const role of FACE_ROLES) {
    it(`gives fontkit's bytes for subsets of the ${role} face`, () => {
      const face = fonts.face(role).font;
      const next = random(role.length * 7919 + 1);
      const sizes = role === 'fallback' ? [2, 3, 40, 255, 256, 300] : [2, 3, 17, 254, 255, 256, 257, 700, 2000];
      for (const size of sizes) {
        const gids = [...new Set(Array.from({ length: size * 2 }, () => Math.floor(next() * face.numGlyphs)))].filter((g) => g > 0).slice(0, size - 1);
        const make = () => { const s = face.createSubset() as unknown as Subset; for (const g of gids) s.includeGlyph(g); return s; };
        const before = directCffWrites.count;
        const ours = make().encode();
        expect(directCffWrites.count, `${role}, ${size} glyphs written directly`).toBe(before + 1);
        const reference = encodeWithFontkitEncoder(make());
        expect(Buffer.from(ours).equals(Buffer.from(reference)), `${role}, ${size} glyphs`).toBe(true);
      }
    });
  }

  it('gives fontkit\'s bytes for text as a report uses it, glyphs in the order of first use', () => {
    const text = '政府信息公开工作年度报告，（一）2017年「」ABCxyz0123 根据《中华人民共和国政府信息公开条例》';
    for (const role of ['fang', 'hei', 'fallback'] as const) {
      const face = fonts.face(role).font;
      const make = () => { const s = face.createSubset() as unknown as Subset; for (const ch of text) s.includeGlyph(face.glyphForCodePoint(ch.codePointAt(0)!).id); return s; };
      expect(Buffer.from(make().encode()).equals(Buffer.from(encodeWithFontkitEncoder(make()))), role).toBe(true);
    }
  });

  it('leaves to fontkit a subset of one glyph and one of 8,720 (CIDCount\'s default, which fontkit leaves out)', () => {
    const face = fonts.face('fang').font;
    for (const size of [1, 8719, 8720, 8721]) {
      const gids = Array.from({ length: size - 1 }, (_, i) => i + 1);
      const make = () => { const s = face.createSubset() as unknown as Subset; for (const g of gids) s.includeGlyph(g); return s; };
      const before = directCffWrites.count;
      const ours = make().encode();
      expect(directCffWrites.count - before, `${size} glyphs written directly`).toBe(size === 1 || size === 8720 ? 0 : 1);
      expect(Buffer.from(ours).equals(Buffer.from(encodeWithFontkitEncoder(make()))), `${size} glyphs`).toBe(true);
    }
  });

  it('leaves a face to fontkit when its probe cannot be encoded, and the face\'s other glyphs still embed', () => {
    const file = fonts.face('hei').spec.file;
    const damaged = loadFontkit().openSync(file) as Font;
    const cff = (damaged as unknown as Record<string, { getCharString(gid: number): Uint8Array }>)['CFF ']!;
    const getCharString = cff.getCharString.bind(cff);
    cff.getCharString = (gid) => { if (gid === 1) throw new RangeError('glyph 1 is damaged'); return getCharString(gid); };
    const make = () => { const s = damaged.createSubset() as unknown as Subset; for (const g of [5, 900, 33]) s.includeGlyph(g); return s; };
    const before = directCffWrites.count;
    const ours = make().encode();
    expect(directCffWrites.count).toBe(before);
    expect(Buffer.from(ours).equals(Buffer.from(encodeWithFontkitEncoder(make())))).toBe(true);
  });

  it('leaves to fontkit what it does not know: a font DICT its template lacks, too few glyphs, another layout', () => {
    const face = fonts.face('kai').font;
    const probe = face.createSubset() as unknown as Subset & { charstrings: Uint8Array[] };
    probe.includeGlyph(5);
    const bytes = encodeWithFontkitEncoder(probe);
    const t = readTemplate(bytes, [0, 0]);
    expect(t).toBeDefined();
    expect(Buffer.from(encodeSubset(t!, probe.charstrings, [0, 0])!).equals(Buffer.from(bytes))).toBe(true);
    expect(encodeSubset(t!, probe.charstrings, [0, 1])).toBeUndefined(); // font DICT 1 is not in the template
    expect(encodeSubset(t!, probe.charstrings.slice(0, 1), [0])).toBeUndefined(); // one glyph
    expect(readTemplate(bytes, [0, 1])).toBeUndefined(); // two font DICTs expected, one written
    const other = Uint8Array.from(bytes);
    other[other.length - 1] = 0xff; // the last byte of the Private DICT: now no operator ends it
    expect(readTemplate(other, [0, 0])).toBeUndefined();
  });
});
