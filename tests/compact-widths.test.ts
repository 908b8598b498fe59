/**
 * pdfkit-fixes fix 17 (io/pdfkit-compact-widths.ts): glyph widths as DW and a short W. Every CID
 * of every embedded font must keep its width: W and DW read back from the PDF, built with and
 * without the fix, give the same width for each CID.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { compactWidths, compactWidthsOption, type WidthsArray } from '../src/io/pdfkit-compact-widths.js';
import { ROOT, SAMPLE } from './helpers/build.js';

/** The width of each CID from 0 to `count` − 1 that DW and W give, as a PDF reader reads them. */
function expandWidths(DW: number, W: WidthsArray, count: number): number[] {
  const out = new Array<number>(count).fill(DW);
  for (let i = 0; i < W.length; ) {
    const first = W[i] as number;
    const next = W[i + 1]!;
    if (Array.isArray(next)) {
      next.forEach((w, k) => { if (first + k < count) out[first + k] = w; });
      i += 2;
    } else {
      for (let c = first; c <= next && c < count; c++) out[c] = W[i + 2] as number;
      i += 3;
    }
  }
  return out;
}

/** Parse a PDF array of numbers and number arrays, as pdfkit writes W. */
function parseW(text: string): WidthsArray {
  const out: WidthsArray = [];
  let inner: number[] | undefined;
  for (const token of text.match(/\[|\]|-?\d+(?:\.\d+)?/g) ?? []) {
    if (token === '[') inner = [];
    else if (token === ']') {
      out.push(inner!);
      inner = undefined;
    } else (inner ?? out).push(Number(token));
  }
  return out;
}

/** Each CIDFont of a PDF by BaseFont: its DW (1000 where absent), W and the CIDs its CIDSet or W covers. */
function cidFonts(pdf: Buffer): Map<string, { DW: number; W: WidthsArray; raw: string }> {
  const text = pdf.toString('latin1');
  const fonts = new Map<string, { DW: number; W: WidthsArray; raw: string }>();
  for (const m of text.matchAll(/\/Subtype \/CIDFontType[02]\n[\s\S]*?endobj/g)) {
    const obj = m[0];
    const name = /\/BaseFont \/(\S+)/.exec(obj)![1]!;
    const w = /\/W \[([\s\S]*?\])\n/.exec(obj) ?? /\/W \[(\])/.exec(obj);
    const body = w![1]!.slice(0, -1); // the outer array's content
    const dw = /\/DW (\d+(?:\.\d+)?)/.exec(obj);
    fonts.set(name.replace(/^[A-Z]{6}\+/, ''), { DW: dw ? Number(dw[1]) : 1000, W: parseW(body), raw: w![0] });
  }
  return fonts;
}

/** The largest CID a W array gives a width. */
function lastCid(W: WidthsArray): number {
  let last = -1;
  for (let i = 0; i < W.length; ) {
    const next = W[i + 1]!;
    if (Array.isArray(next)) {
      last = Math.max(last, (W[i] as number) + next.length - 1);
      i += 2;
    } else {
      last = Math.max(last, next);
      i += 3;
    }
  }
  return last;
}

const fonts = openFontSet();
const build = async (dir: string) => (await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!;

afterEach(() => { compactWidthsOption.enabled = true; });

describe('compactWidths', () => {
  it('lists only widths other than the most common one, long runs as ranges', () => {
    const widths = [1000, 1000, 500, 500, 500, 500, 1000, 333, 500, 1000, 1000, 278, 278, 278];
    const { DW, W } = compactWidths(widths);
    expect(DW).toBe(1000);
    expect(W).toEqual([2, 5, 500, 7, [333, 500], 11, [278, 278, 278]]);
    expect(expandWidths(DW, W, widths.length)).toEqual(widths);
  });

  it('gives the same width for every CID on random widths, with holes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 300);
      const choices = [1000, 500, 333, 556.5, 1000, 1000];
      const widths = Array.from({ length: n }, () => (random() < 0.05 ? undefined : choices[Math.floor(random() * choices.length)]));
      const { DW, W } = compactWidths(widths);
      const back = expandWidths(DW, W, n);
      widths.forEach((w, c) => { if (w !== undefined) expect(back[c], `round ${round}, CID ${c}`).toBe(w); });
    }
  });

  it('writes an empty W when every glyph has the default width', () => {
    expect(compactWidths([1000, 1000, 1000])).toEqual({ DW: 1000, W: [] });
  });
});

describe('fix 17 in the samples', () => {
  it.each([
    ['the Shangqiu sample', SAMPLE],
    ['the 2021 sample (with the fallback face)', path.join(ROOT, 'content/sample-2021')],
  ])('%s: each CID keeps its width, and W is a fraction of the list pdfkit wrote', async (_name, dir) => {
    compactWidthsOption.enabled = false;
    const before = cidFonts(await build(dir));
    compactWidthsOption.enabled = true;
    const pdf = await build(dir);
    const after = cidFonts(pdf);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.size).toBeGreaterThanOrEqual(4);
    let rawBefore = 0;
    let rawAfter = 0;
    for (const [name, b] of before) {
      // pdfkit's form: one list from CID 0, every glyph of the subset
      expect(b.W).toHaveLength(2);
      const count = (b.W[1] as number[]).length;
      const a = after.get(name)!;
      expect(expandWidths(a.DW, a.W, count), name).toEqual(b.W[1]);
      // nothing beyond the subset's CIDs
      expect(lastCid(a.W)).toBeLessThan(count);
      rawBefore += b.raw.length;
      rawAfter += a.raw.length;
    }
    expect(rawAfter).toBeLessThan(rawBefore / 10);
    expect(pdf.toString('latin1')).toMatch(/\/DW 1000/);
  });
});
