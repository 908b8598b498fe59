/**
 * Fix 25 of io/pdfkit-fixes.ts: a glyph a face draws for several characters is read back as each.
 *
 * The Fandol faces draw · (U+00B7), • (U+2022) and ・ (U+30FB) with one glyph, and … (U+2026) and
 * ⋯ (U+22EF) with another. A PDF's text is read through its fonts' ToUnicode maps, one entry per
 * glyph of a subset, and pdfkit notes the characters of a glyph's first use only: with 工作要点：•
 * earlier in the report, 让·雅克 was copied and searched as 让•雅克 (a text-layer audit). Where a
 * glyph is now asked for another character than the one its subset entry reads as, the subset
 * takes a copy of it — the same outline and width under a new CID — that reads as that character.
 * A report that draws each glyph for one character only gets the same subset as before.
 *
 * Fix 24 is noted here too, as every CID's characters are: the minus sign gongwen prints for
 * negative figures (−8, a 2019 form's 本年增/减; layout/stat-grid.ts) reads as the hyphen-minus a
 * keyboard types, so that a search for "-8" finds it and a figure pasted into a spreadsheet is a
 * number. The glyph printed is the minus sign.
 */

export interface CopyGlyph { id: number; advanceWidth: number; codePoints: number[] }
export interface CopyFont {
  scale: number;
  widths: (number | undefined)[];
  unicode: (readonly number[] | undefined)[];
  subset: { glyphs: number[]; includeGlyph(id: number): number };
  /** The copies made in this document's subset: `glyph id:code points` → CID. */
  gongwenCopies?: Map<string, number>;
}

const same = (a: readonly number[], b: readonly number[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The CID that draws `glyph` for its characters in `font`'s subset, its width and characters
 * noted (as pdfkit's encode notes them): the glyph's own, or a copy where it reads as others.
 */
export function subsetGlyph(font: CopyFont, glyph: CopyGlyph): number {
  const gid = font.subset.includeGlyph(glyph.id);
  if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
  const reads = readAs(glyph.codePoints);
  const known = font.unicode[gid];
  if (known == null) {
    font.unicode[gid] = reads;
    return gid;
  }
  // (a glyph that stands for no character, or the same ones: as before)
  if (!reads.length || !known.length || same(known, reads)) return gid;
  const copies = (font.gongwenCopies ??= new Map());
  const key = `${glyph.id}:${reads.join(',')}`;
  let copy = copies.get(key);
  if (copy === undefined) {
    font.subset.glyphs.push(glyph.id);
    copy = font.subset.glyphs.length - 1;
    copies.set(key, copy);
    font.widths[copy] = glyph.advanceWidth * font.scale;
    font.unicode[copy] = reads;
  }
  return copy;
}

const MINUS_SIGN = 0x2212;
const AS_HYPHEN_MINUS: readonly number[] = [0x2d];

/** What a glyph drawn for `codePoints` reads as in the PDF's text: the same, but U+2212 alone as U+002D (fix 24). */
const readAs = (codePoints: readonly number[]): readonly number[] =>
  codePoints.length === 1 && codePoints[0] === MINUS_SIGN ? AS_HYPHEN_MINUS : codePoints;

interface EncodeProto extends CopyFont {
  layout(text: string, features?: unknown): { glyphs: CopyGlyph[]; positions: unknown[] };
  encode(text: string, features?: unknown): [string[], unknown[]];
}

/** pdfkit's EmbeddedFont.encode, each glyph's CID from subsetGlyph. */
export function encodeWithCopies(proto: EncodeProto): void {
  proto.encode = function (this: EncodeProto, text: string, features?: unknown) {
    const { glyphs, positions } = this.layout(text, features);
    const res: string[] = [];
    for (const glyph of glyphs) res.push(`0000${subsetGlyph(this, glyph).toString(16)}`.slice(-4));
    return [res, positions];
  };
}
