/**
 * A CFF subset written directly, byte for byte as fontkit writes it, for the subsets gongwen's
 * subsetter makes without subroutines (io/cff-subset.ts: the Fandol faces, which have none, and
 * flattened subsets of faces that have them).
 *
 * fontkit encodes a subset through restructure's generic structures: a struct of INDEXes and
 * DICTs whose pointers are sized by encoding what they point at, so the CharStrings INDEX — a
 * thousand entries for a report's body face — is sized several times over, entry by entry, before
 * it is written. A warm 2021-format unit's subsets took 2.04 ms to encode, now 1.14 ms, most of it
 * reading the outlines (docs/speed.md item 21). A cold build gains less than the 16–25 ms fontkit
 * took in a script without the command line's code cache: the probes cost 0.3–7 ms a face there.
 *
 * What fontkit writes for a CID-keyed subset without subroutines is, in order: the header and Name
 * INDEX; the Top DICT INDEX; the String INDEX; an empty Global Subr INDEX; then what the Top DICT
 * points at — a charset of one range, the CharStrings INDEX, an FDSelect of format 0, the FDArray
 * INDEX — and after those the Private DICT of each font DICT in the FDArray, in its order. Of all
 * this only the charset, the CharStrings, the FDSelect, which font DICTs are used and in what
 * order, the glyph count (Top DICT CIDCount, left out by fontkit when it is 8,720, its default) and
 * the offsets depend on the subset; the rest is the face's. So rather than re-encode the face's
 * DICTs from a table of operators, this module learns them once per face from fontkit itself: it
 * has fontkit encode a small probe subset (glyphs 0 and 1 and the first glyph of every font DICT),
 * reads the parts back, and builds later subsets from them.
 * Before it uses what it learnt it rebuilds the probe and compares the bytes with fontkit's: a face
 * whose subsets are laid out any other way (another charset or FDSelect format, a Private DICT
 * with Subrs, a DICT operand it cannot read, a probe fontkit cannot encode) is left to fontkit, as
 * is any subset of fewer than two glyphs or of 8,720. tests/cff-encode.test.ts compares the two on
 * random subsets of every bundled face (INDEX offsets of 1–3 bytes; 4 would take 16 MB of outlines).
 */
import { lastInteger, readDict, type DictEntry } from './cff-dict.js';
import { indexEntry, indexLayout } from './cff-lazy-index.js';

interface FontDictParts {
  /** The font DICT's entries; its Private operator gets the Private DICT's size and offset. */
  entries: DictEntry[];
  priv: Uint8Array;
}

/** What fontkit writes for every subset of a face. */
export interface CffTemplate {
  /** Header and Name INDEX. */
  head: Uint8Array;
  top: DictEntry[];
  /** String INDEX and (empty) Global Subr INDEX. */
  strings: Uint8Array;
  /** Font DICTs by their index in the face's FDArray. */
  fonts: Map<number, FontDictParts>;
}

const OP_CHARSET = 15;
const OP_CHARSTRINGS = 17;
const OP_PRIVATE = 18;
const OP_SUBRS = 19;
const OP_CIDCOUNT = 0x0c22;
const OP_FDARRAY = 0x0c24;
const OP_FDSELECT = 0x0c25;
/**
 * CIDCount's default (CFF spec, Top DICT): fontkit leaves an entry out when it has its default, so
 * a subset of exactly this many glyphs has no CIDCount. Such a subset is left to fontkit.
 */
const CIDCOUNT_DEFAULT = 8720;

/** The operators whose operands are offsets: fontkit writes them in the 5-byte form. */
const POINTERS = new Set([OP_CHARSET, OP_CHARSTRINGS, OP_FDARRAY, OP_FDSELECT]);

/** Bytes of a DICT integer operand in its shortest form (CFF spec table 3), as fontkit writes one. */
function intOperand(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v >= -1131 && v <= -108) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  if (v >= -32768 && v <= 32767) return [28, (v >> 8) & 0xff, v & 0xff];
  return [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

/** An offset operand as fontkit writes it (forced to the 32-bit form). */
const offsetOperand = (v: number): number[] => [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** An INDEX at `at` with its entries' [start, end); undefined if it is not one. */
function readIndex(b: Uint8Array, at: number): { entries: [number, number][]; end: number } | undefined {
  const x = indexLayout(b, at);
  if (!x || x.end > b.length) return undefined;
  const entries: [number, number][] = [];
  for (let i = 0; i < x.count; i++) entries.push([indexEntry(b, x, i), indexEntry(b, x, i + 1)]);
  return { entries, end: x.end };
}

/** The operands' bytes of a Private entry: the DICT's size, then its offset. */
const privateOperands = (size: number, offset: number): number[] => [...intOperand(size), ...offsetOperand(offset)];

/** What fontkit wrote for a probe subset, read back into a template; undefined if laid out otherwise. */
export function readTemplate(b: Uint8Array, fdOfProbeGlyph: (number | null)[]): CffTemplate | undefined {
  const hdrSize = b[2]!;
  const names = readIndex(b, hdrSize);
  const topIndex = names && readIndex(b, names.end);
  if (!topIndex || topIndex.entries.length !== 1) return undefined;
  const stringIndex = readIndex(b, topIndex.end);
  const gsubrs = stringIndex && readIndex(b, stringIndex.end);
  if (!gsubrs || gsubrs.entries.length !== 0) return undefined;
  const top = readDict(b.subarray(...topIndex.entries[0]!));
  if (!top) return undefined;
  const at = (op: number) => top.find((e) => e.op === op);
  const fdArray = at(OP_FDARRAY);
  if (!fdArray || !at(OP_FDSELECT) || !at(OP_CHARSET) || !at(OP_CHARSTRINGS) || !at(OP_CIDCOUNT)) return undefined;
  const fdIndex = readIndex(b, lastInteger(fdArray.operands));
  if (!fdIndex) return undefined;
  // the face's font DICT of each probe font DICT: in the order of first use by the probe's glyphs
  const order: number[] = [];
  for (const fd of fdOfProbeGlyph) if (fd !== null && !order.includes(fd)) order.push(fd);
  if (order.length !== fdIndex.entries.length) return undefined;
  const fonts = new Map<number, FontDictParts>();
  for (let i = 0; i < order.length; i++) {
    const entries = readDict(b.subarray(...fdIndex.entries[i]!));
    const priv = entries?.find((e) => e.op === OP_PRIVATE);
    if (!entries || !priv) return undefined;
    if (priv.operands.length <= 5 || priv.operands[priv.operands.length - 5] !== 29) return undefined;
    const size = lastInteger(priv.operands.subarray(0, priv.operands.length - 5));
    const offset = lastInteger(priv.operands.subarray(priv.operands.length - 5));
    if (!(size >= 0) || !(offset > 0) || offset + size > b.length) return undefined;
    const privBytes = b.slice(offset, offset + size);
    if (readDict(privBytes)?.some((e) => e.op === OP_SUBRS) !== false) return undefined;
    fonts.set(order[i]!, { entries: entries.map((e) => ({ op: e.op, operands: e.operands.slice() })), priv: privBytes });
  }
  return {
    head: b.slice(0, names.end),
    top: top.map((e) => ({ op: e.op, operands: e.operands.slice() })),
    strings: b.slice(topIndex.end, gsubrs.end),
    fonts,
  };
}

/** Bytes of an operator. */
const opBytes = (op: number): number[] => (op > 0xff ? [12, op & 0xff] : [op]);

function dictBytes(entries: DictEntry[], operands: (e: DictEntry) => ArrayLike<number>): Uint8Array {
  const parts = entries.map((e) => [...Array.from(operands(e)), ...opBytes(e.op)]);
  return Uint8Array.from(parts.flat());
}

/** The smallest offset size for offsets up to `max` (as fontkit chooses it). */
const offSizeFor = (max: number): number => (max <= 0xff ? 1 : max <= 0xffff ? 2 : max <= 0xffffff ? 3 : 4);

function writeOffset(out: Uint8Array, at: number, offSize: number, v: number): void {
  for (let k = offSize - 1; k >= 0; k--) {
    out[at + k] = v & 0xff;
    v = Math.floor(v / 256);
  }
}

/**
 * The subset's CFF table: `charstrings` in subset order (glyph 0 first), `fds` the face's font DICT
 * of each; undefined where the template has no font DICT a glyph needs, or for fewer than two glyphs.
 */
export function encodeSubset(t: CffTemplate, charstrings: Uint8Array[], fds: (number | null)[]): Uint8Array | undefined {
  const n = charstrings.length;
  if (n < 2 || n > 0xffff || n === CIDCOUNT_DEFAULT) return undefined;
  // font DICTs in order of first use, and each glyph's place in that order (FDSelect format 0)
  const used: number[] = [];
  const select = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const fd = fds[i];
    if (fd === null || fd === undefined || !t.fonts.has(fd)) return undefined;
    let k = used.indexOf(fd);
    if (k < 0) k = used.push(fd) - 1;
    select[i] = k;
  }
  if (used.length > 0xff) return undefined;

  // the Top DICT's length does not depend on the offsets (5 bytes each), only on the glyph count
  const topSize = (offsets: Record<number, number>) => dictBytes(t.top, (e) =>
    POINTERS.has(e.op) ? offsetOperand(offsets[e.op] ?? 0) : e.op === OP_CIDCOUNT ? intOperand(n) : e.operands);
  const topLength = topSize({}).length;
  const topIndexLength = 2 + 1 + 2 * offSizeFor(topLength + 1) + topLength;

  const charset = n > 255 ? [2, 0, 1, ((n - 2) >> 8) & 0xff, (n - 2) & 0xff] : [1, 0, 1, n - 2];
  let data = 0;
  for (const c of charstrings) data += c.length;
  const csOffSize = offSizeFor(data + 1);
  const csLength = 2 + 1 + (n + 1) * csOffSize + data;

  const charsetAt = t.head.length + topIndexLength + t.strings.length;
  const charStringsAt = charsetAt + charset.length;
  const fdSelectAt = charStringsAt + csLength;
  const fdArrayAt = fdSelectAt + 1 + n;
  // the font DICTs, with their Private DICTs' offsets: after the FDArray INDEX, in its order
  const fdDictLength = (fd: number) => dictBytes(t.fonts.get(fd)!.entries, (e) =>
    e.op === OP_PRIVATE ? privateOperands(t.fonts.get(fd)!.priv.length, 0) : e.operands).length;
  const lengths = used.map(fdDictLength);
  const fdDataLength = lengths.reduce((a, b) => a + b, 0);
  const fdOffSize = offSizeFor(fdDataLength + 1);
  let privAt = fdArrayAt + 2 + 1 + (used.length + 1) * fdOffSize + fdDataLength;
  const fdDicts = used.map((fd) => {
    const parts = t.fonts.get(fd)!;
    const bytes = dictBytes(parts.entries, (e) => (e.op === OP_PRIVATE ? privateOperands(parts.priv.length, privAt) : e.operands));
    privAt += parts.priv.length;
    return bytes;
  });
  const total = privAt;

  const out = new Uint8Array(total);
  let p = 0;
  const put = (bytes: ArrayLike<number>) => { out.set(bytes, p); p += bytes.length; };
  const putIndex = (entries: ArrayLike<number>[], offSize: number) => {
    out[p++] = entries.length >> 8;
    out[p++] = entries.length & 0xff;
    out[p++] = offSize;
    let offset = 1;
    writeOffset(out, p, offSize, offset);
    p += offSize;
    for (const e of entries) {
      offset += e.length;
      writeOffset(out, p, offSize, offset);
      p += offSize;
    }
    for (const e of entries) put(e);
  };
  put(t.head);
  putIndex([topSize({ [OP_CHARSET]: charsetAt, [OP_CHARSTRINGS]: charStringsAt, [OP_FDSELECT]: fdSelectAt, [OP_FDARRAY]: fdArrayAt })], offSizeFor(topLength + 1));
  put(t.strings);
  put(charset);
  putIndex(charstrings, csOffSize);
  out[p++] = 0; // FDSelect format 0
  put(select);
  putIndex(fdDicts, fdOffSize);
  for (const fd of used) put(t.fonts.get(fd)!.priv);
  return p === total ? out : undefined;
}
