/**
 * Shaping without the OpenType engine where the engine could not change anything.
 *
 * fontkit lays out every string through its OpenType engine: script detection, a shaping plan,
 * GSUB and GPOS processors, mark positioning, default-ignorable hiding. The bundled Fandol faces
 * have no GSUB, GDEF, kern or AAT tables, and their GPOS has only features that fontkit never
 * applies unless asked (halt, vhal, cpct, …). For such a face and a string of ordinary
 * characters that the face has (no combining marks, no default-ignorables, no variation
 * selectors, no controls, BMP only), the engine's result is one glyph per code point at its
 * advance width, nothing more.
 * `font.layout` of such a face, called without features, now returns exactly that, built
 * directly (a GlyphRun whose script is not detected and whose features are empty: nothing reads
 * them); any other call goes to fontkit. That was ≈ 10 % of a cold build (the engine's code
 * runs cold there, once per distinct string).
 *
 * tests/simple-shaping.test.ts compares this with fontkit's engine for every character of the
 * ranges below and for the strings of both samples, on every bundled face.
 */
import type { Font } from './fontkit.js';

/** GPOS features fontkit applies only when a caller asks for them. */
const OPT_IN_GPOS = new Set(['halt', 'vhal', 'palt', 'vpal', 'vkrn', 'cpct', 'gbps', 'scps', 'ujis', 'hwid', 'fwid', 'pwid', 'twid', 'qwid']);

/**
 * Characters the engine maps one to one: printable ASCII, Latin-1 without the soft hyphen,
 * general punctuation without separators and invisible operators, CJK symbols without the
 * combining tone marks (U+302A–302F), kana without the combining sound marks (U+3099–309A),
 * CJK ideographs (Extension A, URO, compatibility), fullwidth forms.
 */
export const SIMPLE_TEXT =
  /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]+$/;

interface Table { offset: number; length: number }
interface FontInternals {
  directory: { tables: Record<string, Table | undefined> };
  stream: { buffer: Uint8Array };
  layout(text: string, ...rest: unknown[]): unknown;
}

/** The feature tags of a GPOS table, read from its FeatureList. */
function gposFeatureTags(bytes: Uint8Array, table: Table): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset + table.offset, table.length);
  const list = view.getUint16(6);
  const count = view.getUint16(list);
  const tags: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = list + 2 + i * 6;
    tags.push(String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3)));
  }
  return tags;
}

/** Whether fontkit's engine maps every SIMPLE_TEXT string to glyphs at their advance widths. */
export function shapesSimply(font: Font): boolean {
  const f = font as unknown as FontInternals;
  const tables = f.directory.tables;
  if (['GSUB', 'GDEF', 'kern', 'morx', 'mort', 'feat'].some((t) => tables[t])) return false;
  const gpos = tables.GPOS;
  if (!gpos) return true;
  try {
    return gposFeatureTags(f.stream.buffer, gpos).every((tag) => OPT_IN_GPOS.has(tag));
  } catch {
    return false;
  }
}

const engineLayouts = new WeakMap<object, FontInternals['layout']>();
const simple = new WeakMap<object, boolean>();
/** Strings laid out directly (for tests). */
export const simpleShapingStats = { direct: 0 };

/**
 * Give fontkit's font class (of `font`) the direct layout for simple strings, used by every font
 * whose tables allow it: pdfkit opens each face anew for every document, so the patch is on the
 * class and the check per font object.
 */
export function useSimpleShaping(font: Font): void {
  const proto = Object.getPrototypeOf(font) as FontInternals;
  if (engineLayouts.has(proto)) return;
  const engineLayout = proto.layout;
  engineLayouts.set(proto, engineLayout);
  type GlyphRunClass = new (glyphs: unknown[], features: unknown) => { positions: unknown[] };
  let GlyphRun: GlyphRunClass | undefined;
  proto.layout = function (this: Font, text: string, ...rest: unknown[]) {
    const [features, ...more] = rest; // pdfkit passes features, undefined unless asked for
    const plain = (features == null || (Array.isArray(features) && features.length === 0)) && more.every((x) => x == null);
    if (!plain || typeof text !== 'string' || !SIMPLE_TEXT.test(text)) return engineLayout.call(this, text, ...rest);
    let ok = simple.get(this);
    if (ok === undefined) simple.set(this, (ok = shapesSimply(this)));
    if (!ok) return engineLayout.call(this, text, ...rest);
    // the engine's own GlyphRun class (an empty layout returns one before any shaping)
    GlyphRun ??= (engineLayout.call(this, '') as object).constructor as unknown as GlyphRunClass;
    const glyphs = [];
    const positions = [];
    for (let i = 0; i < text.length; i++) {
      const glyph = this.glyphForCodePoint(text.charCodeAt(i));
      // a character the face lacks: the engine's answer depends on what it laid out before
      // (fontkit keeps one .notdef glyph with the code points of its first use, and hides it if
      // those were ignorable), so leave it to the engine
      if (glyph.id === 0) return engineLayout.call(this, text, ...rest);
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    const run = new GlyphRun(glyphs, []);
    run.positions = positions;
    simpleShapingStats.direct++;
    return run;
  };
}

/** `font.layout(text, ...rest)` by fontkit's OpenType engine, as before the patch (for tests). */
export function layoutByEngine(font: Font, text: string, ...rest: unknown[]): unknown {
  const proto = Object.getPrototypeOf(font) as FontInternals;
  return (engineLayouts.get(proto) ?? proto.layout).call(font, text, ...rest);
}
