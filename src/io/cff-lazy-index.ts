/**
 * fontkit's CFF INDEXes of byte ranges read when an entry is asked for, not when the face opens.
 *
 * A CFF table keeps its glyph outlines (CharStrings) and subroutines in INDEXes: a count, then
 * count + 1 offsets, then the data. fontkit decodes such an INDEX into an array with an
 * `{ offset, length }` object per entry as soon as the table is first read: 10,300–10,400
 * objects for each Fandol face, 65,535 glyphs and some 57,000 subroutines for the fallback
 * face. That is most of the 5–15 ms it takes to open a Fandol face's CFF table (73 ms for the
 * fallback face) in a fresh process, and in a batch those ≈ 175,000 long-lived objects are
 * most of what every full garbage collection marks again. A report uses a few thousand glyphs.
 *
 * Here, an INDEX of byte ranges (fontkit's CFFIndex without an entry type) with more than
 * LAZY_FROM entries is an array-like view: `length` is the count, and entry i is made from
 * offsets i and i + 1 when it is read — the same offset and length fontkit would have stored.
 * The stream is left where fontkit leaves it, after the INDEX's data. Typed INDEXes (names,
 * strings, DICTs) and small ones are decoded by fontkit as before; so is an INDEX whose offsets
 * run past the end of the table (fontkit then raises its own error).
 *
 * The view is read by index and length only, as fontkit and gongwen read these INDEXes (checked:
 * glyph outlines with subroutines, fontkit's subsetter, io/cff-subset.ts and cff-flatten.ts;
 * no view is ever encoded back). Unlike an array, it has no own keys (`Object.keys` is empty),
 * gives a new object at each read, cannot be posted to another thread, and ignores writes. A
 * read costs ≈ 0.2 µs instead of 0.02: nothing on gongwen's paths reads many, but fontkit's own
 * subsetter, which runs only for a CFF face with subroutines the flattener cannot inline (none
 * of the bundled faces), reads every subroutine entry on each subset (Noto Serif CJK: +35 ms).
 * In a process that opens no CFF face the hook below stays installed; it costs one property
 * look-up per decode of a versioned structure.
 *
 * fontkit does not export its CFFIndex class. It is found on the first CFF table fontkit
 * decodes: the table's top level is a restructure VersionedStruct whose fields include
 * `globalSubrIndex`, a CFFIndex. `readCffIndexesLazily` hooks VersionedStruct's decode until
 * it sees that struct, patches CFFIndex's prototype, and removes the hook.
 */
import { createRequire } from 'node:module';

/** Smaller INDEXes are left to fontkit (they cost nothing worth a view). */
export const LAZY_FROM = 256;

/**
 * Told of each INDEX made a view, by its bytes, where its data starts and its count; what it
 * returns is called with each entry as it is read (io/sparse-font.ts reads the outline then).
 */
export type EntryHook = (bytes: Uint8Array, dataStart: number, count: number) => ((i: number, offset: number, length: number) => void) | undefined;
let entryHook: EntryHook | undefined;
export function setEntryHook(hook: EntryHook): void {
  entryHook = hook;
}

interface ByteRange { offset: number; length: number }
interface DecodeStream { pos: number; buffer: Uint8Array; readUInt8(): number; readUInt16BE(): number; readUInt32BE(): number }
interface CffIndex {
  type?: unknown;
  getCFFVersion(parent: unknown): number;
  decode(stream: DecodeStream, parent: unknown): unknown;
}
interface VersionedStruct {
  versions?: Record<string, Record<string, unknown> | undefined>;
  decode(stream: unknown, parent?: unknown, length?: number): unknown;
}

/** `key` as an array index, if it is one ("0", "17"; not "01", "-1", "1.5"). */
function asIndex(key: string): number | undefined {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const i = Number(key);
  return Number.isInteger(i) && String(i) === key ? i : undefined;
}

/** An array-like of `count` byte ranges, each made when read. */
export function lazyRanges(count: number, entry: (i: number) => ByteRange): ByteRange[] {
  return new Proxy([] as ByteRange[], {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        if (key === 'length') return count;
        const i = asIndex(key);
        if (i !== undefined) return i < count ? entry(i) : undefined;
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') {
        const i = asIndex(key);
        if (i !== undefined) return i < count;
      }
      return Reflect.has(target, key);
    },
  });
}

/**
 * An INDEX's layout at `at` (its count 32 bits wide in a CFF2 table, 16 otherwise): its count,
 * offset size, where its offsets start, the byte before its data (entry offsets count from there,
 * as in fontkit) and where its data ends; undefined when its offset size or offsets are out of
 * bounds. Shared with io/sparse-font.ts, which finds the CharStrings INDEX in a file's head.
 */
export interface IndexLayout { count: number; offSize: number; offsets: number; base: number; end: number }
export function indexLayout(bytes: Uint8Array, at: number, cff2 = false): IndexLayout | undefined {
  if (at + (cff2 ? 5 : 3) > bytes.length) return undefined;
  const countEnd = at + (cff2 ? 4 : 2);
  let count = 0;
  for (let p = at; p < countEnd; p++) count = count * 256 + bytes[p]!;
  if (count === 0) return { count, offSize: 0, offsets: countEnd, base: countEnd - 1, end: countEnd };
  const offSize = bytes[countEnd]!;
  const offsets = countEnd + 1;
  if (offSize < 1 || offSize > 4 || offsets + (count + 1) * offSize > bytes.length) return undefined;
  const x = { count, offSize, offsets, base: offsets + (count + 1) * offSize - 1, end: 0 };
  x.end = indexEntry(bytes, x, count);
  return x;
}

/** Where entry i of an INDEX starts (entry i ends where i + 1 starts; entry `count` is the end). */
export function indexEntry(bytes: Uint8Array, x: IndexLayout, i: number): number {
  let v = 0;
  for (let p = x.offsets + i * x.offSize, end = p + x.offSize; p < end; p++) v = v * 256 + bytes[p]!;
  return x.base + v;
}

/**
 * The INDEX of byte ranges at the stream's position (its count 32 bits wide in a CFF2 table, 16
 * otherwise) as a view, the stream moved past the INDEX's data as fontkit's decode moves it; or
 * undefined, the stream where it was, for an INDEX of at most LAZY_FROM entries or one whose
 * offset size or offsets are out of bounds (fontkit's decode then reads it, or reports it).
 */
export function lazyIndex(stream: DecodeStream, cff2: boolean): ByteRange[] | undefined {
  const bytes = stream.buffer;
  const x = indexLayout(bytes, stream.pos, cff2);
  if (!x || x.count <= LAZY_FROM) return undefined;
  stream.pos = x.end;
  const onRead = entryHook?.(bytes, indexEntry(bytes, x, 0), x.count);
  return lazyRanges(x.count, (i) => {
    const offset = indexEntry(bytes, x, i);
    const range = { offset, length: indexEntry(bytes, x, i + 1) - offset };
    onRead?.(i, range.offset, range.length);
    return range;
  });
}

/** CFFIndex's decode, lazy for large INDEXes of byte ranges. */
function patchIndexClass(proto: CffIndex): void {
  const decode = proto.decode;
  proto.decode = function (this: CffIndex, stream: DecodeStream, parent: unknown) {
    if (this.type != null) return decode.call(this, stream, parent);
    return lazyIndex(stream, this.getCFFVersion(parent) >= 2) ?? decode.call(this, stream, parent);
  };
}

let hooked = false;

/** Make fontkit (the copy `fontkitFile` is) read its large CFF INDEXes lazily; call before it opens a CFF face. */
export function readCffIndexesLazily(fontkitFile: string): void {
  if (hooked) return;
  hooked = true;
  const restructure = createRequire(fontkitFile)('restructure') as { VersionedStruct: { prototype: VersionedStruct } };
  const proto = restructure.VersionedStruct.prototype;
  const decode = proto.decode;
  const hook = function (this: VersionedStruct, stream: unknown, parent?: unknown, length?: number) {
    const index = this.versions?.[1]?.globalSubrIndex as Partial<CffIndex> | undefined;
    if (index && typeof index.getCFFVersion === 'function' && typeof index.decode === 'function') {
      if (proto.decode === hook) proto.decode = decode; // (left alone if someone wrapped it since)
      patchIndexClass(Object.getPrototypeOf(index) as CffIndex);
    }
    return decode.call(this, stream, parent, length);
  };
  proto.decode = hook;
}
