/**
 * Fix 19 of io/pdfkit-fixes.ts: pdfmake's text fragments written by a direct path through pdfkit.
 *
 * pdfmake draws each inline of a line with pdfkit's `text(string, x, y, options)`, and pdfkit
 * takes a general road for it: the options copied and completed, the text split at spaces and
 * shaped word by word (cached runs, then joined with concat, a string per character on the
 * way), each glyph's code written as a string of its own and joined, then the text's width
 * looked up again word by word. A 2021-format report has some 740 such fragments; they were ≈ 14 % of
 * the memory a PDF allocated.
 *
 * For a fragment with none of pdfkit's extras — a call with only the options pdfmake always
 * passes (no link, destination, font features, decoration, word spacing, alignment or
 * rotation), text without spaces, tabs or line breaks, in an embedded font whose run has no
 * glyph offsets or advance adjustments — the operators pdfkit would write are written here,
 * from the same run and with the same side effects (the glyphs added to the subset in the same
 * order, their widths and code points noted, the font put in the page's resources, the
 * transformation matrix saved and restored): byte-identical PDFs, which the tests compare with
 * this path on and off. Every other call goes to pdfkit as before.
 */

import { subsetGlyph } from './pdfkit-glyph-copies.js';

interface Glyph { id: number; advanceWidth: number; codePoints: number[] }
interface Position { xAdvance: number; yAdvance?: number; xOffset: number; yOffset: number; advanceWidth: number }
interface Run { glyphs: Glyph[]; positions: Position[]; advanceWidth: number }
interface EmbeddedFont {
  id: string;
  ascender: number;
  scale: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[]; includeGlyph(id: number): number };
  layoutCached(text: string): Run;
  ref(): unknown;
  gongwenStrokeEm?: number;
}
interface TextDoc {
  _font: EmbeddedFont;
  _fontSize: number;
  _textOptions?: unknown;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  save(): unknown;
  restore(): unknown;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
  addContent(data: string): unknown;
  lineWidth(w: number): unknown;
  strokeColor(color: string): unknown;
  text(text: unknown, x?: unknown, y?: unknown, options?: unknown): unknown;
}

/** A font whose text is stroked as well as filled, by a line this many em of its size wide (fix 27 of io/pdfkit-fixes.ts). */
export interface EmboldenedFont { gongwenStrokeEm?: number }

/** The options pdfmake's renderLine always passes; `link` only when null. */
const PLAIN_OPTIONS = new Set(['lineBreak', 'textWidth', 'characterSpacing', 'wordCount', 'link']);
/** Spaces and tabs (pdfkit shapes the text word by word there), line breaks (it drops them). */
const SPLITS = /[ \t\n]/;

/** pdfkit's number formatting (PDFObject.number): six decimals at most. */
const number = (n: number): number => {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
};

/** Turned off by tests, to compare output with and without this path. */
export const fastText = { enabled: true, taken: 0 };

function plainCall(options: Record<string, unknown>): boolean {
  if (options.lineBreak !== false || options.link != null) return false;
  for (const key in options) if (!PLAIN_OPTIONS.has(key)) return false;
  return true;
}

/** A run whose glyphs sit at their advances: one TJ string, no positioning. */
function unadjusted(run: Run): boolean {
  for (const p of run.positions) if (p.xOffset || p.yOffset || p.xAdvance - p.advanceWidth !== 0) return false;
  return true;
}

/**
 * The pdfkit versions whose `_text`, `_line`, `_fragment` and `EmbeddedFont.encode` this path
 * follows (package.json allows 0.19.x); with any other, pdfkit writes every fragment itself.
 */
export const FOLLOWS_PDFKIT = /^0\.19\./;

/** Patch pdfkit's document class (PDFDocument.prototype) of pdfkit `version`, once per process. */
export function writeTextDirectly(proto: TextDoc, version: string): void {
  if (!FOLLOWS_PDFKIT.test(version)) return;
  const text = proto.text;
  proto.text = function (this: TextDoc, s: unknown, x: unknown, y: unknown, options: unknown) {
    const font = this._font;
    const stroke = font?.gongwenStrokeEm ? number(font.gongwenStrokeEm * this._fontSize) : 0;
    /** The stroke's settings, in a state saved around the text (fix 27). */
    const outline = () => {
      this.lineWidth(stroke);
      this.strokeColor('black');
    };
    const general = () => {
      if (!stroke) return text.call(this, s, x, y, options);
      // (pdfkit's own way: its stroke and fill options give mode 2)
      this.save();
      outline();
      text.call(this, s, x, y, { ...(options as object), stroke: true, fill: true });
      return this.restore();
    };
    if (!fastText.enabled || typeof s !== 'string' || s.length === 0 || typeof x !== 'number' || typeof y !== 'number' ||
      typeof options !== 'object' || options === null || this._textOptions || typeof font?.layoutCached !== 'function' ||
      SPLITS.test(s) || !plainCall(options as Record<string, unknown>)) {
      return general();
    }
    const run = font.layoutCached(s);
    if (run.glyphs.length === 0 || !unadjusted(run)) return general();
    fastText.taken++;
    const size = this._fontSize;
    const characterSpacing = ((options as { characterSpacing?: number }).characterSpacing) || 0;
    // as pdfkit's _initOptions, _fragment (baseline "top": the ascender) and _line
    this.x = x;
    this.y = y;
    this.save();
    if (stroke) outline();
    this.transform(1, 0, 0, -1, 0, this.page.height);
    const top = this.page.height - y - (font.ascender / 1000) * size;
    if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
    this.addContent('BT');
    this.addContent(`1 0 0 1 ${number(x)} ${number(top)} Tm`);
    this.addContent(`/${font.id} ${number(size)} Tf`);
    if (characterSpacing) this.addContent(`${number(characterSpacing)} Tc`);
    if (stroke) this.addContent('2 Tr');
    let hex = '';
    // (each glyph's CID as pdfkit's encode gives it, fix 25: a copy where it reads as another character)
    for (const glyph of run.glyphs) hex += `0000${subsetGlyph(font, glyph).toString(16)}`.slice(-4);
    this.addContent(`[<${hex}> 0] TJ`);
    this.addContent('ET');
    this.restore();
    // pdfkit's widthOfString, to the last bit: (width × size / 1000 + spacing × (n − 1)) × 100 / 100
    this.x += (run.advanceWidth * (size / 1000) + characterSpacing * (s.length - 1)) * 100 / 100;
    return this;
  };
}
