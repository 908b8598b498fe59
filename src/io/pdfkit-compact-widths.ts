/**
 * Fix 17 of io/pdfkit-fixes.ts: glyph widths of embedded fonts written in the short forms of
 * PDF 32000-1 §9.7.4.3.
 *
 * pdfkit lists the width of every glyph of a subset, `/W [0 [1000 1000 1000 …]]`, five bytes a
 * glyph outside any compressed stream: ≈ 4 KB of the sample PDF (840 numbers), for faces whose
 * glyphs are almost all one em wide. A CIDFont's DW (default width) covers every CID that W does
 * not list, so W now lists only the glyphs of other widths, a run of four or more equal widths as
 * `first last width`, the rest as `first [widths]`; DW is written out (the subset's most common
 * width: 1000 for the Chinese faces, 500 for a face that sets only page-number digits). The
 * widths each CID gets are the same, as are the CIDSet of PDF/A and the font program: tests
 * expand W and DW back and compare.
 */

/** A W array: `c [w1 w2 …]` (widths of c, c + 1, …) or `first last w` (one width for a range). */
export type WidthsArray = (number | number[])[];

/**
 * Shortest runs of equal widths written as a range; shorter ones go into a list. (A run of three
 * standing alone would be a few bytes shorter as a range; W is a few dozen bytes either way.)
 */
const RANGE_FROM = 4;

/**
 * DW and W for glyph widths indexed by CID (pdfkit's `widths`: one entry per subset glyph, holes
 * for none). DW is the most common width (of widths as common, the first met); W lists the others.
 */
export function compactWidths(widths: readonly (number | undefined)[]): { DW: number; W: WidthsArray } {
  const counts = new Map<number, number>();
  for (const w of widths) if (w !== undefined) counts.set(w, (counts.get(w) ?? 0) + 1);
  let DW = 1000;
  let most = 0;
  for (const [w, n] of counts) if (n > most) [DW, most] = [w, n];
  const W: WidthsArray = [];
  let list: number[] | undefined; // the open `c [ … ]` entry, its next CID at listEnd
  let listEnd = -1;
  for (let c = 0; c < widths.length; ) {
    const w = widths[c];
    if (w === undefined || w === DW) {
      c++;
      continue;
    }
    let end = c + 1;
    while (end < widths.length && widths[end] === w) end++;
    if (end - c >= RANGE_FROM) {
      W.push(c, end - 1, w);
      list = undefined;
    } else {
      if (!list || listEnd !== c) W.push(c, (list = []));
      for (let k = c; k < end; k++) list.push(w);
      listEnd = end;
    }
    c = end;
  }
  return { DW, W };
}

interface EmbeddedFontLike {
  widths: (number | undefined)[];
  document: { ref(data?: object): unknown };
  embed(): unknown;
}

/** Turned off by tests, to compare output with and without the short forms. */
export const compactWidthsOption = { enabled: true };

/**
 * Patch pdfkit's EmbeddedFont class (the prototype of a font object pdfmake made): while a font
 * embeds itself, the descendant font's dictionary — the one whose W is `[0, this.widths]` — gets
 * DW and the short W instead.
 */
export function writeCompactWidths(proto: EmbeddedFontLike): void {
  const embed = proto.embed;
  proto.embed = function (this: EmbeddedFontLike) {
    if (!compactWidthsOption.enabled) return embed.call(this);
    const doc = this.document;
    const ref = doc.ref;
    const widths = this.widths;
    doc.ref = function (this: unknown, data?: object) {
      const d = data as { W?: unknown[] } | undefined;
      if (d && Array.isArray(d.W) && d.W.length === 2 && d.W[0] === 0 && d.W[1] === widths) {
        const { DW, W } = compactWidths(widths);
        data = { ...d, W, DW };
      }
      return ref.call(this, data);
    };
    try {
      return embed.call(this);
    } finally {
      delete (doc as { ref?: unknown }).ref; // back to the prototype's
      if (doc.ref !== ref) doc.ref = ref;
    }
  };
}
