/**
 * CFF font files read in part: the glyph outlines when they are used, everything else at once.
 *
 * A Fandol face is 5–7 MB, 99 % of it the CharStrings INDEX's data — one outline per glyph, of
 * some 10,400 — and a report uses 1,000–2,000 glyphs of a face. Reading the five role faces
 * whole put ≈ 31 MB of fresh memory in the process, and on this virtual machine every fresh 4 KB
 * page costs ≈ 17 µs to map: ≈ 7,600 page faults, 0.15–0.2 s of CPU in a build of 0.9 s
 * (docs/speed.md, item 14). Here a face file is read into a buffer of its full size (zeroed
 * pages the kernel maps only when written), all of it but that data; the outline of glyph i is
 * read from the file when fontkit's CharStrings INDEX is asked for entry i (io/cff-lazy-index.ts
 * calls `loadEntry`) or, for a font subset, all its glyphs at once in as few reads as their
 * places allow (`loadGlyphs`, io/cff-subset.ts).
 *
 * Every path to an outline goes through that INDEX (fontkit's CFFFont.getCharString and
 * CFFGlyph._getPath, gongwen's subsetter), which is why only INDEXes the lazy view stands for
 * (more than LAZY_FROM entries) are read this way. A file that is not a plain OpenType CFF face
 * — TrueType outlines, a collection, CFF2, a table past the end of the file, a CharStrings
 * INDEX that cannot be found — is read whole, as before, and so are damaged files, whose errors
 * are then those of a whole read. The file stays open for the life of the process; an outline
 * read from a file whose size or time changed since it was opened is an input error, so that a
 * file overwritten during a long --watch never gives a PDF with two files' outlines.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { afterReal, dictInteger } from './cff-dict.js';
import { indexEntry, indexLayout, LAZY_FROM, setEntryHook, type IndexLayout } from './cff-lazy-index.js';
import { sfntTables, type TableRecord } from './sfnt-tables.js';

interface SparseFile {
  file: string;
  fd: number;
  size: number;
  mtimeMs: number;
  buffer: Buffer;
  /** The CharStrings INDEX, and where its data starts. */
  index: IndexLayout;
  dataStart: number;
  loaded: Uint8Array;
}

const sparse = new WeakMap<Uint8Array, SparseFile>();

/** Bytes [from, to) of a file, all of them or an error. */
function readAt(fd: number, into: Buffer, from: number, to: number): void {
  let at = from;
  while (at < to) {
    const n = readSync(fd, into, at, to - at, at);
    if (n <= 0) throw new RangeError('the file ended early');
    at += n;
  }
}

/** The CharStrings offset (operator 17) of the first Top DICT in bytes [from, to), or undefined. */
function charStringsOffset(b: Buffer, from: number, to: number): number | undefined {
  let operands: number[] = [];
  for (let p = from; p < to;) {
    const b0 = b[p]!;
    if (b0 <= 21) { // an operator
      if (b0 === 17) return operands.at(-1);
      p += b0 === 12 ? 2 : 1;
      operands = [];
    } else if (b0 === 30) { // a real
      p = afterReal(b, p, to);
      operands.push(NaN);
    } else {
      const v = dictInteger(b, p);
      if (!v) return undefined;
      operands.push(v[0]);
      p = v[1];
    }
  }
  return undefined;
}

/**
 * A CFF face's CharStrings INDEX, read from `head` (the file's first bytes, up to its data), if
 * it is large enough to be a lazy view (io/cff-lazy-index.ts) — or undefined.
 */
function charStringsOf(head: Buffer, cffAt: number): IndexLayout | undefined {
  if (head[cffAt] !== 1) return undefined; // CFF version 1 only (CFF2 keeps no Name INDEX)
  const names = indexLayout(head, cffAt + head[cffAt + 2]!);
  const topDicts = names && indexLayout(head, names.end);
  if (!topDicts || topDicts.count < 1) return undefined;
  const to = indexEntry(head, topDicts, 1);
  if (to > head.length) return undefined;
  const rel = charStringsOffset(head, indexEntry(head, topDicts, 0), to);
  if (rel === undefined || !Number.isInteger(rel) || rel <= 0) return undefined;
  const charStrings = indexLayout(head, cffAt + rel);
  return charStrings && charStrings.count > LAZY_FROM ? charStrings : undefined;
}

/** The table directory of an OpenType CFF face ('OTTO'), checked to lie in the file. */
function cffTables(head: Buffer, size: number): Map<string, TableRecord> | undefined {
  if (head.length < 12 || head.toString('latin1', 0, 4) !== 'OTTO') return undefined;
  if (12 + 16 * head.readUInt16BE(4) > head.length) return undefined;
  const tables = sfntTables(head);
  for (const t of tables.values()) if (t.offset + t.length > size) return undefined;
  return tables.has('CFF ') ? tables : undefined;
}

/**
 * A font file's bytes: a CFF face with its outlines left to be read when used, anything else
 * (or a face this reader cannot place) whole.
 */
export function readFontFile(file: string): Buffer {
  const fd = openSync(file, 'r');
  let keep = false;
  try {
    const { size, mtimeMs } = fstatSync(fd);
    const buffer = Buffer.alloc(size); // zeroed: the kernel maps its pages only when they are written
    // the directory and everything before the outlines are at the front (82 KB in a Fandol face,
    // 530 KB in Noto Serif CJK): read a first part, a larger one if the outlines start later
    let read = Math.min(size, 128 * 1024);
    readAt(fd, buffer, 0, read);
    const cff = cffTables(buffer.subarray(0, read), size)?.get('CFF ');
    const place = (upTo: number) => {
      try {
        return charStringsOf(buffer.subarray(0, upTo), cff!.offset);
      } catch {
        return undefined; // a DICT or INDEX that runs past what was read: not placed, read whole
      }
    };
    let index = cff && place(read);
    if (cff && !index && read < size) {
      const more = Math.min(size, cff.offset + 1024 * 1024);
      readAt(fd, buffer, read, more);
      read = more;
      index = place(read);
    }
    const dataStart = index ? indexEntry(buffer, index, 0) : 0;
    if (!cff || !index || dataStart > index.end || index.end > cff.offset + cff.length) {
      readAt(fd, buffer, read, size);
      return buffer;
    }
    if (read < dataStart) readAt(fd, buffer, read, dataStart);
    readAt(fd, buffer, Math.max(read, index.end), size);
    sparse.set(buffer, { file, fd, size, mtimeMs, buffer, index, dataStart, loaded: new Uint8Array(index.count) });
    keep = true;
    return buffer;
  } finally {
    if (!keep) closeSync(fd);
  }
}

/**
 * Whether an outline of a face read here has been read: after fontkit has been asked for the
 * last glyph's outline (io/fonts.ts checkReadable), false means the INDEX hook is not in place
 * — a fontkit that decodes its INDEXes another way — and the file must be read whole.
 */
export function outlineRead(buffer: Uint8Array, glyph: number): boolean {
  const s = sparse.get(buffer);
  return !s || s.loaded[glyph] === 1;
}

/** Read the rest of a face read here (its outlines), and nothing more from its file. */
export function readRest(buffer: Uint8Array): void {
  const s = sparse.get(buffer);
  if (!s) return;
  checkUnchanged(s);
  readAt(s.fd, s.buffer, s.dataStart, s.size);
  releaseFontFile(buffer);
}

/** Close a face's file: one that failed to open as a font, or was read whole after all. */
export function releaseFontFile(buffer: Uint8Array): void {
  const s = sparse.get(buffer);
  if (!s) return;
  sparse.delete(buffer);
  closeSync(s.fd);
}

// a CharStrings INDEX of a file read here reads each outline when the INDEX is asked for it
setEntryHook((bytes, dataStart, count) => {
  const s = sparse.get(bytes);
  return s && s.dataStart === dataStart && s.index.count === count ? (i, offset, length) => loadEntry(s, i, offset, length) : undefined;
});

function checkUnchanged(s: SparseFile): void {
  const { size, mtimeMs } = fstatSync(s.fd);
  if (size !== s.size || mtimeMs !== s.mtimeMs) {
    throw new InputError({ file: s.file }, 'the font file changed on disk while gongwen was using it', 'run gongwen again (a --watch keeps the fonts it opened)');
  }
}

/** Read entry i's outline (bytes [offset, offset + length)) if it is not read yet and lies in the file. */
function loadEntry(s: SparseFile, i: number, offset: number, length: number): void {
  if (s.loaded[i] || length <= 0 || offset < s.dataStart || offset + length > s.size) return;
  checkUnchanged(s);
  readAt(s.fd, s.buffer, offset, offset + length);
  s.loaded[i] = 1;
}

/** Outlines that lie closer than this are read together (one read instead of two). */
const MERGE_GAP = 256;

const ascending = (a: number, b: number): number => a - b;

/** Where outline i of a face read here starts in its file (outline i ends where i + 1 starts). */
const outlineAt = (s: SparseFile, i: number): number => indexEntry(s.buffer, s.index, i);

/** Read the outlines of `glyphs` of a face's buffer not read yet, in as few reads as their places allow. */
export function loadGlyphs(buffer: Uint8Array, glyphs: readonly number[]): void {
  const s = sparse.get(buffer);
  if (!s) return;
  // a loop rather than filter with a closure made per call (V8 compiled it again and again over a batch)
  const wanted: number[] = [];
  for (const g of new Set(glyphs)) if (Number.isInteger(g) && g >= 0 && g < s.index.count && !s.loaded[g]) wanted.push(g);
  if (!wanted.length) return;
  wanted.sort(ascending);
  checkUnchanged(s);
  let k = 0;
  while (k < wanted.length) {
    const first = wanted[k]!;
    let from = outlineAt(s, first);
    let to = outlineAt(s, first + 1);
    let last = k;
    // merged while the next outline starts near this span's end and after its start (offsets
    // out of order, in a damaged face, end the span rather than leave an outline unread)
    for (let next = wanted[last + 1]; next !== undefined && outlineAt(s, next) >= from && outlineAt(s, next) - to <= MERGE_GAP; next = wanted[last + 1]) {
      to = Math.max(to, outlineAt(s, next + 1));
      last++;
    }
    from = Math.max(from, s.dataStart);
    to = Math.min(to, s.size);
    if (to > from) readAt(s.fd, s.buffer, from, to);
    for (let j = k; j <= last; j++) s.loaded[wanted[j]!] = 1;
    k = last + 1;
  }
}
