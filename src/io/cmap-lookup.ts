/**
 * fontkit's character → glyph look-up for format 4 cmaps on typed arrays.
 *
 * fontkit keeps a format 4 subtable's four segment arrays (about 4,370 segments in each Fandol
 * face) as restructure LazyArrays, and its binary search asks them for some 13 entries per
 * look-up, each a generic decode from the font's bytes. A cold build makes ≈ 8,300 look-ups
 * (the glyph check, shaping, pdfkit's encoding), which took 25–35 ms of it. Here the arrays
 * are copied once per face into typed arrays (≈ 35 KB) and the search runs on those: the same
 * glyph for every code point (tests/cmap-lookup.test.ts compares all of the BMP and the planes
 * above on every bundled face).
 *
 * Only what fontkit's format 4 branch does is replaced: a subtable of another format, a font
 * whose cmap is not Unicode (fontkit re-encodes the code point), a variation selector, or
 * segment arrays not in the shape fontkit makes go to fontkit's own look-up.
 */

interface LazyArrayLike { length: number; base?: number; stream?: { buffer?: Uint8Array }; get(i: number): number | undefined }
interface Format4 {
  version: number;
  segCount: number;
  startCode: LazyArrayLike;
  endCode: LazyArrayLike;
  idDelta: LazyArrayLike;
  idRangeOffset: LazyArrayLike;
  glyphIndexArray: LazyArrayLike;
}
interface CmapProcessor {
  cmap: Format4 | null;
  encoding: unknown;
  lookup(codepoint: number, variationSelector?: number): number;
}

interface Segments { start: Uint16Array; end: Uint16Array; delta: Int16Array; rangeOffset: Uint16Array; glyphs: Uint16Array }

/**
 * The copied arrays of each format 4 subtable. Kept by subtable, not by processor: fontkit makes
 * a processor for every font object (pdfkit opens one per document), while the decoded subtable
 * is shared by all font objects of a face (io/font-table-cache.ts), so a face is copied once.
 */
const segmentsBySubtable = new WeakMap<Format4, Segments | null>();
const patched = new WeakSet<object>();

/** A LazyArray of 16-bit entries copied out of the font's bytes (big-endian), or undefined. */
function copy16(array: LazyArrayLike, length: number): Uint16Array | undefined {
  const bytes = array.stream?.buffer;
  const base = array.base;
  if (!(bytes instanceof Uint8Array) || typeof base !== 'number' || !Number.isInteger(length) || length < 0 || array.length !== length || base + 2 * length > bytes.length) return undefined;
  // copied and byte-swapped natively: a loop here ran in cold code, ≈ 5 ms a face
  const copy = Buffer.alloc(2 * length); // not from the pool: its own, aligned memory
  copy.set(bytes.subarray(base, base + 2 * length));
  copy.swap16();
  return new Uint16Array(copy.buffer, copy.byteOffset, length);
}

function segmentsOf(cmap: Format4): Segments | undefined {
  const n = cmap.segCount;
  const start = copy16(cmap.startCode, n);
  const end = copy16(cmap.endCode, n);
  const delta = copy16(cmap.idDelta, n);
  const rangeOffset = copy16(cmap.idRangeOffset, n);
  const glyphs = copy16(cmap.glyphIndexArray, cmap.glyphIndexArray.length);
  if (!start || !end || !delta || !rangeOffset || !glyphs) return undefined;
  return { start, end, delta: new Int16Array(delta.buffer), rangeOffset, glyphs };
}

/** fontkit's format 4 search (CmapProcessor.lookup), on the copied arrays. */
function lookup4(s: Segments, codepoint: number): number | undefined {
  let min = 0;
  let max = s.start.length - 1;
  while (min <= max) {
    const mid = (min + max) >> 1;
    if (codepoint < s.start[mid]!) max = mid - 1;
    else if (codepoint > s.end[mid]!) min = mid + 1;
    else {
      const rangeOffset = s.rangeOffset[mid]!;
      if (rangeOffset === 0) return (codepoint + s.delta[mid]!) & 0xffff;
      if (rangeOffset & 1) return undefined; // an index between entries: left to fontkit
      const index = rangeOffset / 2 + (codepoint - s.start[mid]!) - (s.start.length - mid);
      const gid = index >= 0 && index < s.glyphs.length ? s.glyphs[index]! : 0;
      return gid === 0 ? 0 : (gid + s.delta[mid]!) & 0xffff;
    }
  }
  return 0;
}

/** Make this font's cmap processor class look format 4 subtables up on typed arrays (once per class). */
export function useFastCmap(font: object): void {
  const processor = (font as { _cmapProcessor?: CmapProcessor })._cmapProcessor;
  if (!processor) return;
  const proto = Object.getPrototypeOf(processor) as CmapProcessor;
  if (patched.has(proto)) return;
  patched.add(proto);
  const original = proto.lookup;
  proto.lookup = function lookup(this: CmapProcessor, codepoint: number, variationSelector?: number): number {
    const cmap = this.cmap;
    if (cmap && cmap.version === 4 && !this.encoding && !variationSelector) {
      let segments = segmentsBySubtable.get(cmap);
      if (segments === undefined) segmentsBySubtable.set(cmap, (segments = segmentsOf(cmap) ?? null));
      if (segments) {
        const gid = lookup4(segments, codepoint);
        if (gid !== undefined) return gid;
      }
    }
    return original.call(this, codepoint, variationSelector);
  };
}
