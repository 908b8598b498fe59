/**
 * Direct layout of simple strings (io/simple-shaping.ts) gives what fontkit's OpenType engine
 * gives: the same glyphs, code points and positions, on every bundled face.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openFontSet } from '../src/io/fonts.js';
import { layoutByEngine, shapesSimply, simpleShapingStats, SIMPLE_TEXT } from '../src/io/simple-shaping.js';
import { loadFontkit, type Font } from '../src/io/fontkit.js';

const fontkit = loadFontkit();

const fonts = openFontSet();
const FANDOL = ['song', 'songBold', 'hei', 'fang', 'kai'] as const;

interface Run { glyphs: { id: number; codePoints: number[] }[]; positions: Record<string, number>[]; advanceWidth: number }
const engine = (font: Font, text: string): Run => layoutByEngine(font, text) as Run;
const direct = (font: Font, text: string): Run => (font as unknown as { layout(t: string): Run }).layout(text);
const plain = (run: Run) => ({
  glyphs: run.glyphs.map((g) => [g.id, ...g.codePoints]),
  positions: run.positions.map((p) => ({ ...p })),
  advanceWidth: run.advanceWidth,
});

/** Every character SIMPLE_TEXT accepts, in strings of 64. */
function simpleCharacters(): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (let cp = 0x20; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCharCode(cp);
    if (!SIMPLE_TEXT.test(ch)) continue;
    chunk += ch;
    if (chunk.length === 64) chunks.push(chunk), (chunk = '');
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

describe('simple shaping', () => {
  it('applies to the Fandol faces only, not to the fallback face (it has GSUB), also when pdfkit opens them anew', () => {
    for (const role of FANDOL) expect(shapesSimply(fonts.face(role).font), role).toBe(true);
    expect(shapesSimply(fonts.face('fallback').font)).toBe(false);
    const count = (font: Font, text: string) => {
      const before = simpleShapingStats.direct;
      direct(font, text);
      return simpleShapingStats.direct - before;
    };
    const again = fontkit.create(fonts.face('fang').data) as Font; // as pdfkit opens a face
    expect(count(again, '政府信息公开')).toBe(1);
    expect(count(fonts.face('fallback').font, '政府信息公开')).toBe(0);
  });

  it('lays out every accepted character as fontkit\'s engine does, on every Fandol face', () => {
    const chunks = simpleCharacters();
    expect(chunks.length).toBeGreaterThan(400); // ≈ 29,000 characters
    for (const role of FANDOL) {
      const font = fonts.face(role).font;
      for (const chunk of chunks) expect(plain(direct(font, chunk)), `${role}: ${chunk}`).toEqual(plain(engine(font, chunk)));
    }
  });

  it('lays out both samples\' lines as the engine does', () => {
    const lines = ['content/shangqiu-2017/report.md', 'content/sample-2021/report.md']
      .flatMap((f) => readFileSync(f, 'utf8').split('\n')).filter((l) => l.trim());
    const simple = lines.filter((l) => SIMPLE_TEXT.test(l));
    expect(simple.length).toBeGreaterThan(lines.length * 0.8);
    for (const role of FANDOL) {
      const font = fonts.face(role).font;
      for (const line of lines) expect(plain(direct(font, line)), `${role}: ${line}`).toEqual(plain(engine(font, line)));
    }
  });

  it('leaves other strings and calls with features to the engine', () => {
    const font = fonts.face('fang').font;
    for (const text of ['e\u0301', 'a\u00adb', '\u200b政府', '葛\u{e0100}', '𠀀', 'a\tb', ''])
      expect(plain(direct(font, text)), JSON.stringify(text)).toEqual(plain(engine(font, text)));
    expect(SIMPLE_TEXT.test('e\u0301')).toBe(false);
    // a character the face lacks (U+2011 has no glyph in Fandol) goes to the engine, which hides
    // .notdef after it has laid out an ignorable character the face also lacks (U+00AD)
    const fresh = fontkit.create(fonts.face('fang').data) as Font; // its own glyph cache
    layoutByEngine(fresh, 'a\u00adb');
    expect(plain(direct(fresh, 'x\u2011y'))).toEqual(plain(engine(fresh, 'x\u2011y')));
    const withFeature = (font as unknown as { layout(t: string, f: string[]): Run }).layout('（一）', ['halt']);
    expect(plain(withFeature)).toEqual(plain(layoutByEngine(font, '（一）', ['halt']) as Run));
    expect(withFeature.advanceWidth).toBeLessThan(direct(font, '（一）').advanceWidth); // halt did apply
  });
});
