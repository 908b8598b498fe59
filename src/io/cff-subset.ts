/**
 * fontkit's CFF subsetter, for faces with subroutines, writes subroutine-free subsets: each
 * glyph's charstring with its calls inlined (io/cff-flatten.ts), empty subroutine INDEXes, font
 * DICTs without Subrs. Any charstring the flattener does not handle makes it throw, and the
 * original subsetter runs.
 *
 * Faces without subroutines (the bundled Fandol faces) get the same bytes as from fontkit's
 * subsetter, without its work: it decodes every subset glyph's outline (up to three times) only
 * to learn which subroutines the glyph calls, and such a face has none to call. That decoding
 * was ≈ 50 ms of a cold build of the sample.
 */
import { flattenCharstring, type ByteRange } from './cff-flatten.js';
import { loadGlyphs } from './sparse-font.js';

interface FontDict { FontName?: unknown; Private?: { Subrs?: ByteRange[] } & Record<string, unknown> }
interface Cff {
  stream: { buffer: Uint8Array };
  globalSubrIndex?: ByteRange[];
  topDict: { FDArray?: FontDict[]; Private?: FontDict['Private'] };
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
  privateDictForGlyph(gid: number): FontDict['Private'] | null;
}
interface CffSubset {
  cff: Cff;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  gongwenFlat?: boolean;
  gongwenNoSubrs?: boolean;
  subsetSubrs(subrs: ByteRange[], used: Record<number, boolean>): Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Record<string, unknown>): void;
  createCIDFontdict(topDict: Record<string, unknown>): unknown;
}

const hasSubrs = (cff: Cff): boolean =>
  (cff.globalSubrIndex?.length ?? 0) > 0 || (cff.topDict.Private?.Subrs?.length ?? 0) > 0 ||
  (cff.topDict.FDArray ?? []).some((fd) => (fd.Private?.Subrs?.length ?? 0) > 0);

const withoutSubrs = (priv: FontDict['Private']): FontDict['Private'] => {
  if (!priv) return priv;
  const copy = { ...priv };
  delete copy.Subrs;
  return copy;
};

const originals = new WeakMap<object, Pick<CffSubset, 'subsetCharstrings' | 'subsetFontdict' | 'createCIDFontdict'>>();

/** A font DICT's Private DICT as fontkit's subsetter writes it when no glyph calls a subroutine. */
const privateWithoutCalls = (subset: CffSubset, priv: FontDict['Private']): FontDict['Private'] =>
  priv?.Subrs ? { ...priv, Subrs: subset.subsetSubrs(priv.Subrs, {}) as unknown as ByteRange[] } : priv;

/** Patch the class of `subset` (fontkit's CFFSubset; a subset of a CFF face gives it). */
export function flattenCffSubsets(subset: object): void {
  const proto = Object.getPrototypeOf(subset) as CffSubset;
  if (originals.has(proto) || typeof proto.subsetCharstrings !== 'function') return;
  const { subsetCharstrings, subsetFontdict, createCIDFontdict } = proto;
  originals.set(proto, { subsetCharstrings, subsetFontdict, createCIDFontdict });

  proto.subsetCharstrings = function (this: CffSubset) {
    loadGlyphs(this.cff.stream.buffer, this.glyphs); // outlines not read yet, in few reads (io/sparse-font.ts)
    this.gongwenFlat = false;
    this.gongwenNoSubrs = !hasSubrs(this.cff);
    if (this.gongwenNoSubrs) {
      // fontkit's loop without the outline decoding: no glyph can call a global subroutine
      const charstrings: Uint8Array[] = [];
      for (const gid of this.glyphs) charstrings.push(this.cff.getCharString(gid));
      this.charstrings = charstrings;
      this.gsubrs = this.subsetSubrs(this.cff.globalSubrIndex ?? [], {});
      return;
    }
    try {
      const bytes = this.cff.stream.buffer;
      const gsubrs = this.cff.globalSubrIndex ?? [];
      this.charstrings = this.glyphs.map((gid) =>
        flattenCharstring(this.cff.getCharString(gid), { bytes, gsubrs, lsubrs: this.cff.privateDictForGlyph(gid)?.Subrs ?? [] }));
      this.gsubrs = [];
      this.gongwenFlat = true;
    } catch {
      subsetCharstrings.call(this);
    }
  };

  proto.subsetFontdict = function (this: CffSubset, topDict) {
    if (!this.gongwenFlat && !this.gongwenNoSubrs) return subsetFontdict.call(this, topDict);
    const fdArray: FontDict[] = [];
    const fds: number[] = [];
    const index = new Map<number, number>();
    for (const gid of this.glyphs) {
      const fd = this.cff.fdForGlyph(gid);
      if (fd == null) continue;
      let i = index.get(fd);
      if (i === undefined) {
        const dict: FontDict = { ...this.cff.topDict.FDArray![fd]! };
        delete dict.FontName;
        dict.Private = this.gongwenFlat ? withoutSubrs(dict.Private) : privateWithoutCalls(this, dict.Private);
        index.set(fd, (i = fdArray.push(dict) - 1));
      }
      fds.push(i);
    }
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
  };

  proto.createCIDFontdict = function (this: CffSubset, topDict) {
    if (!this.gongwenFlat && !this.gongwenNoSubrs) return createCIDFontdict.call(this, topDict);
    // as fontkit's: one font DICT for all glyphs (a non-CID face becomes CID-keyed); flattened
    // subsets without Subrs
    const priv = { ...this.cff.topDict.Private };
    topDict.FDArray = [{ Private: this.gongwenFlat ? withoutSubrs(priv) : privateWithoutCalls(this, priv) }];
    return (topDict.FDSelect = { version: 3, nRanges: 1, ranges: [{ first: 0, fd: 0 }], sentinel: this.charstrings.length });
  };
}

/**
 * `subset` encoded by fontkit's own, unpatched subsetter: the reference the tests compare with.
 * `subset` must be fresh (not encoded before).
 */
export function encodeWithFontkitSubsetter(subset: object & { encode(): Uint8Array }): Uint8Array {
  const own = originals.get(Object.getPrototypeOf(subset));
  if (!own) throw new Error('not a patched fontkit CFF subset');
  Object.assign(subset, own);
  try {
    return subset.encode();
  } finally {
    for (const key of Object.keys(own)) delete (subset as Record<string, unknown>)[key];
  }
}
