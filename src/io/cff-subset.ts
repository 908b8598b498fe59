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
 *
 * Both kinds of subset are then written by io/cff-encode.ts, with what it learnt once per face
 * from a probe subset fontkit encoded (the face's CFF table is shared by every document, so the
 * probe is made once per face and process); fontkit's encoder writes the rest.
 */
import { encodeSubset, readTemplate, type CffTemplate } from './cff-encode.js';
import { flattenCharstring, type ByteRange } from './cff-flatten.js';
import { loadGlyphs } from './sparse-font.js';
import { InputError } from '../model/errors.js';

interface FontDict { FontName?: unknown; Private?: { Subrs?: ByteRange[] } & Record<string, unknown> }
interface Cff {
  stream: { buffer: Uint8Array };
  globalSubrIndex?: ByteRange[];
  isCIDFont?: boolean;
  topDict: {
    FDArray?: FontDict[]; Private?: FontDict['Private'];
    FDSelect?: { version: number; fds?: number[]; ranges?: { first: number; fd: number }[] };
  };
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
  privateDictForGlyph(gid: number): FontDict['Private'] | null;
}
interface CffSubset {
  cff: Cff;
  font: { numGlyphs: number; createSubset(): object };
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
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

/** fontkit's own methods that gongwen's replace, kept per patched class. */
type Original = 'subsetCharstrings' | 'subsetFontdict' | 'createCIDFontdict' | 'encode';
const originals = new WeakMap<object, Pick<CffSubset, Original>>();

/** Each face's first glyph of each font DICT, from its FDSelect (formats 0 and 3); undefined for others. */
function firstGlyphOfEachFontDict(cff: Cff): number[] | undefined {
  const select = cff.topDict.FDSelect;
  const firsts = new Map<number, number>();
  if (select?.version === 3 && select.ranges) {
    for (const r of select.ranges) if (!firsts.has(r.fd)) firsts.set(r.fd, r.first);
  } else if (select?.version === 0 && select.fds) {
    select.fds.forEach((fd, gid) => { if (!firsts.has(fd)) firsts.set(fd, gid); });
  } else return undefined;
  return [...firsts.values()];
}

/** Each face's file, by the bytes its CFF table is read from: named where an outline turns out damaged. */
const faceFiles = new WeakMap<Uint8Array, string>();
/** The faces whose every outline is read through once (an office's own fonts, not the bundled ones). */
const readThrough = new WeakSet<Uint8Array>();
/**
 * `deep`: each outline of the face read through once a process, as the flattener reads it (an
 * office's own font, which may come damaged from anywhere; the bundled faces come with the package,
 * and reading every outline through cost a cold build of the sample 18 ms).
 */
export const nameFaceFile = (bytes: Uint8Array, file: string, deep: boolean): void => {
  faceFiles.set(bytes, file);
  if (deep) readThrough.add(bytes);
};

const ENDCHAR = 14;
const CALLSUBR = 10;
const CALLGSUBR = 29;
/**
 * A glyph's outline that cannot be whole: a Type 2 charstring ends in endchar, or in a call of a
 * subroutine that ends in one. Zeros or other bytes where it should be (a font file overwritten in
 * places) drew nothing, and the PDF showed blanks without a word (adversarial audit); opening the
 * face checks only its last glyph, so each glyph is checked as a report first embeds it.
 */
function damagedOutline(cff: Cff, gid: number, charstring: Uint8Array, calls: boolean): InputError | undefined {
  const end = charstring[charstring.length - 1];
  return end === ENDCHAR || (calls && (end === CALLSUBR || end === CALLGSUBR)) ? undefined : damagedFace(cff, gid);
}

const damagedFace = (cff: Cff, gid: number): InputError => new InputError({ file: faceFiles.get(cff.stream.buffer) ?? 'a font file' },
  `is damaged: the outline of its glyph ${gid} cannot be read (the file was overwritten in places, or cut short)`,
  'copy the font file again from its source, or give another font file for this role in gongwen.yaml');

/** Whether the flattener's error says the outline is damaged, not only that it uses what the flattener leaves to fontkit. */
const isDamage = (e: unknown): boolean => e instanceof Error && /^CFF: /.test(e.message) && !/not supported/.test(e.message);

/** The glyphs of a face without subroutines whose outlines were read through, once a process. */
const checkedByFace = new WeakMap<Cff, Set<number>>();
function checkedGlyphs(cff: Cff): Set<number> {
  let set = checkedByFace.get(cff);
  if (!set) checkedByFace.set(cff, (set = new Set()));
  return set;
}

/** Subsets written directly (for tests). */
export const directCffWrites = { count: 0 };

/** Per face: what fontkit writes for every subset (io/cff-encode.ts), or null where it cannot be learnt. */
const templates = new WeakMap<Cff, CffTemplate | null>();

/**
 * The face's template, learnt from a probe subset fontkit encodes (glyphs 0 and 1 and the first of
 * each font DICT), and kept only if the probe rebuilt from it has fontkit's bytes.
 */
function templateFor(subset: CffSubset, encode: () => Uint8Array): CffTemplate | null {
  let t = templates.get(subset.cff);
  if (t !== undefined) return t;
  t = null;
  const firsts = subset.cff.isCIDFont ? firstGlyphOfEachFontDict(subset.cff) : undefined;
  if (firsts && subset.font.numGlyphs > 1) {
    const probe = subset.font.createSubset() as CffSubset;
    let bytes: Uint8Array | undefined;
    try {
      for (const gid of [1, ...firsts]) probe.includeGlyph(gid);
      bytes = encode.call(probe);
    } catch {
      // a glyph of the probe that cannot be read (a damaged face given in gongwen.yaml) must not
      // fail reports that never use it: the face's subsets stay fontkit's
    }
    if (bytes && (probe.gongwenFlat || probe.gongwenNoSubrs)) {
      const fds = probe.glyphs.map((gid) => subset.cff.fdForGlyph(gid));
      const learnt = readTemplate(bytes, fds);
      const again = learnt && encodeSubset(learnt, probe.charstrings, fds);
      if (again && Buffer.compare(again, bytes) === 0) t = learnt!;
    }
  }
  templates.set(subset.cff, t);
  return t;
}

/** A font DICT's Private DICT as fontkit's subsetter writes it when no glyph calls a subroutine. */
const privateWithoutCalls = (subset: CffSubset, priv: FontDict['Private']): FontDict['Private'] =>
  priv?.Subrs ? { ...priv, Subrs: subset.subsetSubrs(priv.Subrs, {}) as unknown as ByteRange[] } : priv;

/** Patch the class of `subset` (fontkit's CFFSubset; a subset of a CFF face gives it). */
export function flattenCffSubsets(subset: object): void {
  const proto = Object.getPrototypeOf(subset) as CffSubset;
  if (originals.has(proto) || typeof proto.subsetCharstrings !== 'function') return;
  const { subsetCharstrings, subsetFontdict, createCIDFontdict, encode } = proto;
  originals.set(proto, { subsetCharstrings, subsetFontdict, createCIDFontdict, encode });

  // written directly where the face's template is known (io/cff-encode.ts), else by fontkit
  proto.encode = function (this: CffSubset) {
    const template = templateFor(this, encode);
    if (!template) return encode.call(this);
    this.subsetCharstrings();
    if (this.gongwenFlat || this.gongwenNoSubrs) {
      const out = encodeSubset(template, this.charstrings, this.glyphs.map((gid) => this.cff.fdForGlyph(gid)));
      if (out) {
        directCffWrites.count++;
        return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
      }
    }
    // fontkit's encode, without making the charstrings again
    this.subsetCharstrings = () => {};
    try {
      return encode.call(this);
    } finally {
      delete (this as Partial<CffSubset>).subsetCharstrings;
    }
  };

  proto.subsetCharstrings = function (this: CffSubset) {
    loadGlyphs(this.cff.stream.buffer, this.glyphs); // outlines not read yet, in few reads (io/sparse-font.ts)
    this.gongwenFlat = false;
    this.gongwenNoSubrs = !hasSubrs(this.cff);
    if (this.gongwenNoSubrs) {
      // fontkit's loop without the outline decoding: no glyph can call a global subroutine
      const charstrings: Uint8Array[] = [];
      const checked = checkedGlyphs(this.cff);
      for (const gid of this.glyphs) {
        const cs = this.cff.getCharString(gid);
        const damaged = damagedOutline(this.cff, gid, cs, false);
        if (damaged) throw damaged;
        // (each outline read through once a process, as the flattener reads it: zeros inside one
        // that still ends in endchar drew a mangled glyph, review)
        if (readThrough.has(this.cff.stream.buffer) && !checked.has(gid)) {
          try {
            flattenCharstring(cs, { bytes: this.cff.stream.buffer, gsubrs: [], lsubrs: [] });
          } catch (e) {
            if (isDamage(e)) throw damagedFace(this.cff, gid);
          }
          checked.add(gid);
        }
        charstrings.push(cs);
      }
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
    } catch (e) {
      // (a charstring the flattener does not handle: fontkit's subsetter, unless it is damaged —
      // fontkit stopped on zeros in an outline with an internal error: review)
      if (isDamage(e)) {
        const gid = this.glyphs.find((g) => {
          try {
            flattenCharstring(this.cff.getCharString(g), { bytes: this.cff.stream.buffer, gsubrs: this.cff.globalSubrIndex ?? [], lsubrs: this.cff.privateDictForGlyph(g)?.Subrs ?? [] });
            return false;
          } catch (x) {
            return isDamage(x);
          }
        });
        throw damagedFace(this.cff, gid ?? this.glyphs[0]!);
      }
      for (const gid of this.glyphs) {
        const damaged = damagedOutline(this.cff, gid, this.cff.getCharString(gid), true);
        if (damaged) throw damaged;
      }
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

/** `subset` encoded with fontkit's own methods `keys` in place of gongwen's (`subset` must be fresh). */
function encodeWithOriginals(subset: object & { encode(): Uint8Array }, keys: readonly Original[]): Uint8Array {
  const own = originals.get(Object.getPrototypeOf(subset));
  if (!own) throw new Error('not a patched fontkit CFF subset');
  for (const key of keys) (subset as Record<string, unknown>)[key] = own[key];
  try {
    return subset.encode();
  } finally {
    for (const key of keys) delete (subset as Record<string, unknown>)[key];
  }
}

/** `subset` encoded by fontkit's own, unpatched subsetter: the reference the tests compare with. */
export const encodeWithFontkitSubsetter = (subset: object & { encode(): Uint8Array }): Uint8Array =>
  encodeWithOriginals(subset, ['subsetCharstrings', 'subsetFontdict', 'createCIDFontdict', 'encode']);

/**
 * `subset` encoded by fontkit's own encoder, with gongwen's subsetter (the charstrings and font
 * DICTs above): the bytes io/cff-encode.ts must write.
 */
export const encodeWithFontkitEncoder = (subset: object & { encode(): Uint8Array }): Uint8Array =>
  encodeWithOriginals(subset, ['encode']);
