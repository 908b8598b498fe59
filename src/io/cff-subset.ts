/**
 * fontkit's CFF subsetter, for faces with subroutines, writes subroutine-free subsets: each
 * glyph's charstring with its calls inlined (io/cff-flatten.ts), empty subroutine INDEXes, font
 * DICTs without Subrs. Faces without subroutines (the bundled Fandol faces) are subset as before,
 * byte for byte; so is any charstring the flattener does not handle (it throws, the original
 * subsetter runs).
 */
import { flattenCharstring, type ByteRange } from './cff-flatten.js';

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

const patched = new WeakSet<object>();

/** Patch the class of `subset` (fontkit's CFFSubset; a subset of a CFF face gives it). */
export function flattenCffSubsets(subset: object): void {
  const proto = Object.getPrototypeOf(subset) as CffSubset;
  if (patched.has(proto) || typeof proto.subsetCharstrings !== 'function') return;
  patched.add(proto);
  const { subsetCharstrings, subsetFontdict, createCIDFontdict } = proto;

  proto.subsetCharstrings = function (this: CffSubset) {
    this.gongwenFlat = false;
    if (!hasSubrs(this.cff)) return subsetCharstrings.call(this);
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
    if (!this.gongwenFlat) return subsetFontdict.call(this, topDict);
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
        dict.Private = withoutSubrs(dict.Private);
        index.set(fd, (i = fdArray.push(dict) - 1));
      }
      fds.push(i);
    }
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
  };

  proto.createCIDFontdict = function (this: CffSubset, topDict) {
    if (!this.gongwenFlat) return createCIDFontdict.call(this, topDict);
    // as fontkit's: one font DICT for all glyphs (a non-CID face becomes CID-keyed), here without Subrs
    topDict.FDArray = [{ Private: withoutSubrs({ ...this.cff.topDict.Private }) }];
    return (topDict.FDSelect = { version: 3, nRanges: 1, ranges: [{ first: 0, fd: 0 }], sentinel: this.charstrings.length });
  };
}
