/**
 * Fixes to pdfkit/pdfmake behaviour, applied once per process at the PDF edge:
 *
 * 1. XMP metadata: pdfkit writes the Info values into the XMP packet without XML escaping, so a
 *    title with & < > gives malformed XMP (library-notes §3.11). The values are escaped for the
 *    XMP packet only, control characters left out; the Info dictionary, written before, keeps them
 *    as they are.
 * 2. Bookmarks: pdfkit points every outline item at the top-right corner of its page (it computes
 *    left = page width − 0). Items now point at the left edge of the heading's own line.
 * 3. Line breaking: pdfmake asks the `linebreak` package (UAX #14) where lines may break and has
 *    no hook to tailor it (library-notes §3.5). Its answers go through layout/kinsoku.ts, which
 *    applies the Chinese rules (禁则).
 * 4. Speed: pdfkit shapes every word anew in every document (its layout cache lives in the
 *    document's font object). Shaped runs are shared between documents per font file and face;
 *    the cache is emptied when it holds more than a bound of glyphs, so memory stays flat over
 *    long batches (a bound of 100,000 runs, of whole lines since fix 14, was not one). A
 *    shared run keeps only what pdfkit reads of a glyph (id, advance, code points): fontkit's
 *    glyph objects point at the font object that made them, and with it at that document's
 *    tables, glyph cache and subset, so each run kept a document alive.
 * 5. Size and speed: pdfmake writes every CJK character as its own text object (each is a "word"
 *    to it), about 40 bytes a character. Neighbouring inlines of Chinese text in the same style
 *    that touch (no justification gap between them) are written as one, with the same glyph
 *    positions (fixed-width glyphs, no kerning; Latin text is never merged).
 * 6. Line ends: pdfmake marks an inline "noNewLine" when the last word of it and the first word of
 *    the next cannot be broken apart, judged on those two words alone, and a noNewLine inline
 *    pulls the next one onto its line even past a line end. Lines broken by write/pdf/lines.ts
 *    end in an inline with lineEnd, where the break was chosen on the whole paragraph ("126." +
 *    "com" of szfxxgkb@126.com looks unbreakable alone); such an inline never pulls.
 * 7. Name trees (the named destinations of headings and the attachment): pdfkit sorts their keys
 *    with localeCompare, where PDF 32000-1 §7.9.6 asks for lexical order of the key strings
 *    ("B" before "a"), and the first localeCompare of a process loads ICU's collation (≈ 8 ms of
 *    a cold build). Keys are now compared by UTF-16 code unit, which is byte order for ASCII keys
 *    like gongwen's (h1, h10, …, attachment1); they come out in the same order either way.
 * 8. Speed: pdfkit turns every line of a page's content stream (each operator it writes) into a
 *    Buffer of its own as it comes, and joins them all when the page ends: some 20,000 small
 *    Buffers for a report. Text lines are now kept as strings, without the line end pdfkit adds to
 *    each (a new string per line), and turned into bytes once, when the stream is written, with
 *    the same 'binary' encoding and the line ends put back: the same bytes.
 * 9. Row-spanning cells in tables with unbreakable rows: the last row of a span was drawn too
 *    tall when the span's first row had moved to a new page (io/pdfmake-row-spans.ts).
 * 10. Speed: row labels of statistics tables repeated after a page break while pdfmake lays the
 *    table out, not by a second layout of the document (io/pdfmake-live-labels.ts, called from
 *    fix 9's wrapper of each row's end; it also hooks the start of each table, to tell the
 *    table's labels that a layout begins).
 * 11. (Gone: the table of contents is now gongwen's own table, write/pdf/toc.ts.)
 * 12. Text after a table starts on the line grid again (io/pdfmake-grid-snap.ts).
 * 13. A section or group row of a table is kept with the row below it (io/pdfmake-keep-rows.ts).
 * 14. Speed: for a run of unbreakable inlines — the lines write/pdf/lines.ts breaks — pdfmake
 *    still asked the line breaker about each: the last word of each inline, the first word of
 *    the next and the two together, to decide whether the pair may part (noNewLine), three
 *    UAX #14 passes over whole lines of text per pair, and two style look-ups per inline. Where
 *    every inline but the last already says noNewLine or lineEnd, that answer cannot change
 *    what is laid out (a noNewLine inline stays so; fix 6 clears it on a lineEnd one), and the
 *    inlines become pdfmake's words as they are.
 * 15. Speed (not a pdfkit fix; installed here with the others): pdfmake's style look-ups while it
 *    measures inlines are made once per measure call and property, its measure of inlines
 *    without named styles is one loop, and its walk of the style stack makes no closure and Set
 *    (io/pdfmake-style-memo.ts).
 * 16. Page content: settings of the graphics state that change nothing are left out, settings
 *    made while a path is built go before it, and painting operators without a path are left
 *    out (io/pdfkit-content-filter.ts).
 * 17. Size: glyph widths of embedded fonts in the short forms, DW for the common width and W for
 *    the others, not one number per glyph (io/pdfkit-compact-widths.ts).
 * 18. QR codes: the dark modules as a few rectangles filled as one path, not one square painted
 *    per module (io/pdfmake-qr-path.ts).
 * 19. Speed: pdfmake's plain text fragments (no links, features or decorations, no spaces) are
 *    written by a direct path, the same operators pdfkit writes (io/pdfkit-fast-text.ts).
 * 20. Speed and size: streams are compressed with zlib's memLevel 9, not its default 8 (pdfkit
 *    calls deflateSync with no options). memLevel sets the size of zlib's hash table and of the
 *    buffer of symbols it collects before it writes a block. On the CFF font subsets that are
 *    nine tenths of a report's bytes, the larger buffer means fewer blocks with their own
 *    Huffman tables and fewer hash collisions: the Shangqiu sample's five subsets with their
 *    ToUnicode CMaps (456 KB; the subsets alone 448,529 bytes) compress in 7.0 ms, not 8.1, to
 *    362,421 bytes, not 363,026 (level 6 both; levels 1–5 measured too, docs/speed.md item 21).
 *    Streams of an encrypted document are left to pdfkit.
 * 21. A table-of-contents entry's dot leader, drawn once its page number is written
 *    (io/pdfmake-toc-leader.ts).
 * 22. XMP metadata (PDF 1.4 and PDF/A): pdfkit gives the metadata stream's dictionary a key
 *    `/length` (lower case, the packet's length in characters) beside the `/Length` in bytes every
 *    stream has: no PDF key, and a wrong figure for Chinese text. The stream is made without it.
 *    pdfkit also indents the packet's elements with some 900 spaces and blank lines, written
 *    uncompressed (the packet must stay readable); the whitespace between tags is cut to a line
 *    end, which XML does not read.
 * 23. Web and e-mail addresses in the text are links (io/pdfmake-links.ts).
 * 24. Copied and searched text: the minus sign gongwen prints for negative figures (−8, a 2019
 *    form's 本年增/减; layout/stat-grid.ts) reads as the hyphen-minus a keyboard types, so that a
 *    search for "-8" finds it and a figure pasted into a spreadsheet is a number. The ToUnicode
 *    CMap of each embedded font maps the glyph of U+2212 to U+002D, noted with fix 25's copies
 *    (io/pdfkit-glyph-copies.ts readAs); the glyph printed is the minus sign.
 * 25. Copied and searched text: a glyph a face draws for several characters (· • ・ in Fandol) is
 *    read back as the one each place printed, not as the first (io/pdfkit-glyph-copies.ts).
 * 26. A contents entry is one link to its heading, over its number, title, leader and page number,
 *    not one per run of it (io/pdfmake-links.ts drawDestinations).
 * 27. A character of the title or of 黑体 text that its face lacks is drawn from the fallback
 *    face stroked as well as filled, as heavy as its neighbours (layout/faux-bold.ts): the fallback
 *    family's bold variant, which write/pdf/text.ts asks for, is marked with the stroke width,
 *    and io/pdfkit-fast-text.ts draws its text so.
 */
import './lazy-modules.js'; // before pdfkit loads
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import type PDFKitDocument from 'pdfkit';
import { pdfmakeModule, pdfmakePrototype } from './pdfmake-internals.js';
import { hookTableStarts } from './pdfmake-live-labels.js';
import { fixRowSpanStarts } from './pdfmake-row-spans.js';
import { snapToGridAfterNodes } from './pdfmake-grid-snap.js';
import { dropBlankLastPages } from './pdfmake-blank-pages.js';
import { refuseLostBlocks } from './pdfmake-lost-blocks.js';
import { readPageProbes } from './pdfmake-page-probes.js';
import { keepRowsWithNext } from './pdfmake-keep-rows.js';
import { memoiseInlineStyles } from './pdfmake-style-memo.js';
import { countSpacingByCharacter } from './pdfmake-astral-spacing.js';
import { filterPageContent } from './pdfkit-content-filter.js';
import { encodeWithCopies } from './pdfkit-glyph-copies.js';
import { writeCompactWidths } from './pdfkit-compact-widths.js';
import { drawQrAsOnePath } from './pdfmake-qr-path.js';
import { drawTocLeader } from './pdfmake-toc-leader.js';
import { drawDestinations, drawLinks, flushDestinations, takeDestinations } from './pdfmake-links.js';
import { LINK } from '../write/pdf/text.js';
import { writeTextDirectly, type EmboldenedFont } from './pdfkit-fast-text.js';
import { STROKE_EM } from '../layout/faux-bold.js';
import { FULL_WIDTH_CHARS, tailorBreaks, type BreakOpportunity } from '../layout/kinsoku.js';
// pdfkit, and pdfmake's internal modules (no typings, through pdfmake-internals.ts), required as
// the CommonJS modules they are: `import` had Node read each again and scan it for its export
// names (≈ 10–20 ms of a cold build, most of it for pdfkit's 200 KB)
const requireHere = createRequire(import.meta.url);
const PDFDocument = requireHere('pdfkit') as typeof PDFKitDocument;
const StyleContextStack = pdfmakeModule<{ copyStyle(source: object, destination: object): object }>('StyleContextStack');

/** Text for the XMP packet: & < > " escaped, and the control characters XML 1.0 has no place for left out (a keyword typed with one made the packet no XML). */
const escapeXml = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface InfoDoc {
  info: Record<string, unknown>;
  _addInfo(): void;
  endMetadata(): void;
  ref(data?: Record<string, unknown>): unknown;
  metadata: { _metadata: string; end(): void };
}

interface OutlineProto {
  addItem(title: string, options?: Record<string, unknown>): unknown;
  document: { page: { width: number } };
}

let applied = false;

interface InlineLike {
  text: string;
  x: number;
  width: number;
  font: unknown;
  fontSize: number;
  color?: unknown;
  [key: string]: unknown;
}
interface LineLike {
  inlines: InlineLike[];
  _outline?: unknown;
}

const CJK_ONLY = new RegExp(`^[${FULL_WIDTH_CHARS}]+$`, 'u');
/** Inline properties that make an inline special (links, references, decorations …). */
const SPECIAL = [LINK, 'link', 'linkToPage', 'linkToDestination', '_pageNodeRef', 'decoration', 'background', 'characterSpacing', 'fontFeatures', 'sup', 'sub'];

const plain = (i: InlineLike): boolean => CJK_ONLY.test(i.text) && !SPECIAL.some((k) => Boolean(i[k])); // pdfmake sets these to null when unused

/** Whether `b` continues a run that starts with `first` and is `width` wide so far. */
const continues = (first: InlineLike, width: number, b: InlineLike): boolean =>
  first.font === b.font && first.fontSize === b.fontSize && first.color === b.color && first.opacity === b.opacity &&
  Math.abs(first.x + width - b.x) < 0.001 && plain(b);

/** The line with each run of mergeable inlines as one: a copy of its first with the run's text and width. */
function mergeTouchingCjkInlines(line: LineLike): LineLike {
  const src = line.inlines;
  let inlines: InlineLike[] | undefined; // made at the first run, with the inlines before it
  for (let i = 0; i < src.length; ) {
    const first = src[i]!;
    let j = i + 1;
    let text = first.text;
    let width = first.width;
    if (plain(first)) {
      for (; j < src.length && continues(first, width, src[j]!); j++) {
        text += src[j]!.text;
        width += src[j]!.width;
      }
    }
    if (j > i + 1) (inlines ??= src.slice(0, i)).push({ ...first, text, width });
    else inlines?.push(first);
    i = j;
  }
  if (!inlines) return line;
  // keep the Line's methods (heights, widths): same prototype, own inlines
  return Object.assign(Object.create(Object.getPrototypeOf(line) as object) as LineLike, line, { inlines });
}
let pendingTop: number | undefined;

interface LineBreakerProto {
  string: string;
  nextBreak(): BreakOpportunity | null;
  /** linebreak's own nextBreak, UAX #14 untailored (write/pdf/lines.ts tailors for its own text). */
  uax14NextBreak?(): BreakOpportunity | null;
  gongwenBreaks?: BreakOpportunity[];
}

/** The `linebreak` copy that pdfmake itself requires (CommonJS), not the ESM build. */
function pdfmakeLineBreaker(): { prototype: LineBreakerProto } {
  const require = createRequire(import.meta.url);
  const pdfmakeDir = path.dirname(require.resolve('pdfmake/package.json'));
  return require(require.resolve('linebreak', { paths: [pdfmakeDir] })) as { prototype: LineBreakerProto };
}

interface BrokenInline { text?: unknown; noWrap?: unknown; noNewLine?: unknown; lineEnd?: unknown; _textRef?: unknown }

/**
 * Fix 14: pdfmake's words for inlines that are lines broken by gongwen (each noWrap, each but the
 * last noNewLine or lineEnd): each inline one word, its properties copied by pdfmake's own
 * copyStyle (own properties but the text); undefined for anything else, which pdfmake breaks itself.
 */
function brokenLines(texts: unknown): { text: string; lineEnd?: boolean; noNewLine?: boolean }[] | undefined {
  if (!Array.isArray(texts) || texts.length === 0) return undefined;
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i] as BrokenInline | null;
    if (typeof t !== 'object' || t === null || t.noWrap !== true || t._textRef !== undefined) return undefined;
    if (i < texts.length - 1 && t.noNewLine !== true && t.lineEnd !== true) return undefined;
  }
  const words: { text: string }[] = []; // a loop: a closure made per call was compiled again over a batch
  for (const t of texts as BrokenInline[]) words.push(StyleContextStack.copyStyle(t, { text: t.text === undefined || t.text === null ? '' : String(t.text) }) as { text: string });
  return words;
}

interface ShapedGlyph { id: number; advanceWidth: number; codePoints: number[] }
interface ShapedRun { glyphs: ShapedGlyph[]; positions: unknown[]; advanceWidth: number }
interface GlyphLookup { glyphForCodePoint(cp: number): { id: number } }
interface EmbeddedFontProto {
  font: { stream: { buffer: Uint8Array }; postscriptName: string } & GlyphLookup;
  layoutRun(text: string, features?: unknown): ShapedRun;
  layoutCached(text: string): ShapedRun;
}

/**
 * The shared runs' bound, in glyphs over all faces (≈ 150 bytes each: a glyph record and its
 * position). A run is a word or, for lines gongwen breaks (fix 14), a whole line, so a bound in
 * runs would let a batch of reports with different texts keep hundreds of megabytes. Past it,
 * the cache starts again empty. Tests may lower it.
 */
export const sharedRunLimit = { glyphs: 150_000 };
let sharedRuns = new WeakMap<Uint8Array, Map<string, Map<string, ShapedRun>>>();
let sharedGlyphs = 0;
/** Glyphs in the shared runs now (tests). */
export const sharedRunGlyphs = (): number => sharedGlyphs;

/**
 * A run as the shared cache keeps it: what pdfkit's EmbeddedFont reads of a run (layout: its
 * glyphs, positions and advance; encode: each glyph's id, advance and code points), none of it
 * pointing at the document's font object (a fontkit glyph does, through `_font`).
 */
export const detachedRun = (run: ShapedRun, text?: string, font?: GlyphLookup): ShapedRun => {
  const glyphs = run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: g.codePoints }));
  // fontkit keeps one glyph object per glyph id, with the characters of its first use: where a
  // face draws several characters with one glyph (· • ・), each glyph of a run laid out one to one
  // takes its character from the text (fix 25). (Walked without a copy of the text: a new run is
  // made for every line a report sets.)
  if (text !== undefined && font) {
    let at = 0;
    let k = 0;
    const taken: [number, number][] = [];
    for (; k < glyphs.length && at < text.length; k++) {
      const cp = text.codePointAt(at)!;
      at += cp > 0xffff ? 2 : 1;
      const g = glyphs[k]!;
      if ((g.codePoints.length !== 1 || g.codePoints[0] !== cp) && font.glyphForCodePoint(cp).id === g.id) taken.push([k, cp]);
    }
    // (only where the run is one glyph to a character through the whole text)
    if (at === text.length && k === glyphs.length) for (const [j, cp] of taken) glyphs[j]!.codePoints = [cp];
  }
  return { glyphs, positions: run.positions, advanceWidth: run.advanceWidth };
};

/** A face's PostScript name, read once per font object (fontkit looks it up in the name table on every read). */
const psNames = new WeakMap<object, string>();
const psNameOf = (font: EmbeddedFontProto['font']): string => {
  let name = psNames.get(font);
  if (name === undefined) psNames.set(font, (name = font.postscriptName ?? ''));
  return name;
};

function shareLayoutRuns(proto: EmbeddedFontProto): void {
  proto.layoutCached = function (this: EmbeddedFontProto, text: string) {
    let faces = sharedRuns.get(this.font.stream.buffer);
    if (!faces) sharedRuns.set(this.font.stream.buffer, (faces = new Map()));
    const face = psNameOf(this.font);
    let runs = faces.get(face);
    if (!runs) faces.set(face, (runs = new Map()));
    let run = runs.get(text);
    if (!run) {
      run = detachedRun(this.layoutRun(text), text, this.font);
      if (sharedGlyphs + run.glyphs.length > sharedRunLimit.glyphs) {
        sharedRuns = new WeakMap();
        sharedGlyphs = 0;
        sharedRuns.set(this.font.stream.buffer, new Map([[face, (runs = new Map())]]));
      }
      runs.set(text, run);
      sharedGlyphs += run.glyphs.length;
    }
    return run;
  };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function applyPdfkitFixes(): void {
  if (applied) return;
  applied = true;
  fixRowSpanStarts();
  hookTableStarts();
  snapToGridAfterNodes();
  dropBlankLastPages();
  readPageProbes();
  refuseLostBlocks();
  keepRowsWithNext();
  memoiseInlineStyles();
  countSpacingByCharacter();
  drawQrAsOnePath();

  const dproto = pdfmakePrototype<{ provideFont(...args: unknown[]): object }>('PDFDocument');
  const provideFont = dproto.provideFont;
  let fontPatched = false;
  dproto.provideFont = function (this: { _fontFamilies: Record<string, object> }, ...args: unknown[]) {
    let font: object;
    if (args[0] === 'fallback' && args[1] === true && !args[2]) {
      // fix 27: the fallback face's bold variant, for the characters of heavy roles it draws
      // (write/pdf/text.ts), is a font of its own, marked to be stroked; pdfkit would hand out
      // its plain variant again (one font for faces of one name), so it does not see that one
      const families = this._fontFamilies;
      this._fontFamilies = {};
      try {
        font = provideFont.apply(this, args);
      } finally {
        this._fontFamilies = families;
      }
      (font as EmboldenedFont).gongwenStrokeEm = STROKE_EM;
      families[(font as { id: string }).id] = font; // (embedded at the end with the others)
    } else font = provideFont.apply(this, args);
    if (!fontPatched && font && 'layoutRun' in font) {
      shareLayoutRuns(Object.getPrototypeOf(font) as EmbeddedFontProto);
      writeCompactWidths(Object.getPrototypeOf(font) as Parameters<typeof writeCompactWidths>[0]);
      encodeWithCopies(Object.getPrototypeOf(font) as Parameters<typeof encodeWithCopies>[0]);
      fontPatched = true;
    }
    return font;
  };

  const breaker = pdfmakeLineBreaker().prototype;
  const nextBreak = breaker.nextBreak;
  breaker.uax14NextBreak = nextBreak;
  breaker.nextBreak = function (this: LineBreakerProto) {
    if (!this.gongwenBreaks) {
      const uax14: BreakOpportunity[] = [];
      for (let b = nextBreak.call(this); b; b = nextBreak.call(this)) uax14.push({ position: b.position, required: b.required });
      this.gongwenBreaks = tailorBreaks(this.string, uax14);
    }
    return this.gongwenBreaks.shift() ?? null;
  };

  const tproto = pdfmakePrototype<{ getBreaks(...args: unknown[]): { lineEnd?: boolean; noNewLine?: boolean }[] }>('TextBreaker');
  const getBreaks = tproto.getBreaks;
  tproto.getBreaks = function (this: unknown, ...args: unknown[]) {
    const words = brokenLines(args[0]) ?? getBreaks.apply(this, args);
    for (const w of words) if (w.lineEnd && w.noNewLine) w.noNewLine = false;
    return words;
  };

  // fix 26: a contents entry's link, grown over its cells, is made on its page: before the next
  // page is added, and before the document ends
  const pproto = PDFDocument.prototype as unknown as { addPage(...args: unknown[]): unknown; end(...args: unknown[]): unknown };
  const addPage = pproto.addPage;
  pproto.addPage = function (this: unknown, ...args: unknown[]) {
    flushDestinations(this as Parameters<typeof flushDestinations>[0]);
    return addPage.apply(this, args);
  };
  const end = pproto.end;
  pproto.end = function (this: unknown, ...args: unknown[]) {
    flushDestinations(this as Parameters<typeof flushDestinations>[0]);
    return end.apply(this, args);
  };

  // fix 7: pdfkit does not export its name-tree class; addNamedJavaScript makes one on a stand-in
  const names: { data: Record<string, object> } = { data: {} };
  (PDFDocument.prototype as unknown as { addNamedJavaScript(name: string, js: string): void }).addNamedJavaScript.call({ _root: { data: { Names: names } } }, 'x', '');
  (Object.getPrototypeOf(names.data.JavaScript) as { _compareKeys(a: string, b: string): number })._compareKeys = byCodeUnit;

  joinStreamText();
  filterPageContent(PDFDocument.prototype as unknown as Parameters<typeof filterPageContent>[0]);
  writeTextDirectly(PDFDocument.prototype as unknown as Parameters<typeof writeTextDirectly>[0], (requireHere('pdfkit/package.json') as { version: string }).version);

  const proto = PDFDocument.prototype as unknown as InfoDoc;
  const addInfo = proto._addInfo;
  proto._addInfo = function (this: InfoDoc) {
    const original = this.info;
    this.info = Object.fromEntries(Object.entries(original).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      addInfo.call(this);
    } finally {
      this.info = original;
    }
  };

  // fix 22
  const endMetadata = proto.endMetadata;
  proto.endMetadata = function (this: InfoDoc) {
    const ref = this.ref;
    this.ref = function (this: InfoDoc, data?: Record<string, unknown>) {
      if (data?.Type === 'Metadata' && 'length' in data) {
        const { length: _characters, ...rest } = data;
        return ref.call(this, rest);
      }
      return ref.call(this, data);
    };
    const metadata = this.metadata;
    const end = metadata.end;
    metadata.end = function (this: InfoDoc['metadata']) {
      end.call(this);
      this._metadata = this._metadata.replace(/>\s+</g, '>\n<');
    };
    try {
      endMetadata.call(this);
    } finally {
      this.ref = ref;
      metadata.end = end;
    }
  };

  // one wrapper of pdfmake's renderLine for fixes 2 (bookmark position), 5 (merged text objects) and 21 (leaders)
  const rproto = pdfmakePrototype<{ renderLine(line: LineLike, x: number, y: number): void; pdfDocument: { outline: object } }>('Renderer');
  const renderLine = rproto.renderLine;
  rproto.renderLine = function (this: typeof rproto, line, x, y) {
    if (line._outline) {
      const outlineProto = Object.getPrototypeOf(this.pdfDocument.outline) as OutlineProto & { gongwenPatched?: boolean };
      if (!outlineProto.gongwenPatched) {
        const addItem = outlineProto.addItem;
        outlineProto.addItem = function (this: OutlineProto, title, options = {}) {
          // pdfkit computes top = page height − options.top and left = page width − options.left
          return addItem.call(this, title, { ...options, top: pendingTop ?? 0, left: this.document.page.width });
        };
        outlineProto.gongwenPatched = true;
      }
      pendingTop = y;
    }
    const merged = mergeTouchingCjkInlines(line);
    // (fix 26: one link over a contents entry's runs, not one for each)
    const destinations = takeDestinations(merged as unknown as Parameters<typeof takeDestinations>[0]);
    // (a line with none ends an entry's link: it is made before this line's own links, in reading order, a review)
    if (!destinations) flushDestinations(this.pdfDocument as unknown as Parameters<typeof flushDestinations>[0]);
    try {
      renderLine.call(this, merged, x, y);
    } finally {
      pendingTop = undefined;
    }
    if (destinations) drawDestinations(this.pdfDocument as unknown as Parameters<typeof drawDestinations>[0], merged as unknown as Parameters<typeof drawDestinations>[1], x, y, destinations);
    // fix 21: a contents entry's dot leader, once its page number is written
    drawTocLeader(this.pdfDocument as unknown as Parameters<typeof drawTocLeader>[0], line as unknown as Parameters<typeof drawTocLeader>[1], x, y);
    // fix 23: links over web and e-mail addresses
    drawLinks(this.pdfDocument as unknown as Parameters<typeof drawLinks>[0], line as unknown as Parameters<typeof drawLinks>[1], x, y);
  };
}

interface StreamReference {
  buffer: (Uint8Array | string)[] | Buffer;
  uncompressedLength: number;
  compress: boolean;
  document: { _security?: unknown };
  data: { Length?: number; Filter?: string };
  write(chunk: Uint8Array | string): void;
  finalize(): void;
}

/** Fix 20: zlib's settings for every compressed stream (level 6 is zlib's and pdfkit's default). */
export const STREAM_DEFLATE = { level: 6, memLevel: 9 } as const;

/**
 * Fix 8: the text written to a stream kept as strings, encoded once when the stream is written.
 * Fix 20: the stream compressed here with STREAM_DEFLATE, pdfkit's finalize then told not to.
 */
function joinStreamText(): void {
  // pdfkit does not export its reference class: a document method makes one on a stand-in
  const standIn = { _offsets: [], _waiting: 0, compress: true };
  const ref = (PDFDocument.prototype as unknown as { ref(this: object): StreamReference }).ref.call(standIn);
  const proto = Object.getPrototypeOf(ref) as StreamReference;
  const { write, finalize } = proto;
  proto.write = function (this: StreamReference, chunk) {
    if (typeof chunk !== 'string' || !Array.isArray(this.buffer)) return write.call(this, chunk);
    // as pdfkit's write, which makes Buffer.from(chunk + '\n', 'binary'): one byte per code unit
    this.uncompressedLength += chunk.length + 1;
    this.data.Length = (this.data.Length ?? 0) + chunk.length + 1;
    if (this.compress) this.data.Filter = 'FlateDecode';
    this.buffer.push(chunk); // its line end is added when the stream is written
  };
  proto.finalize = function (this: StreamReference) {
    const buffer = this.buffer;
    if (Array.isArray(buffer) && buffer.some((c) => typeof c === 'string')) {
      const bytes: Uint8Array[] = [];
      for (let i = 0; i < buffer.length;) {
        if (typeof buffer[i] !== 'string') {
          bytes.push(buffer[i++] as Uint8Array);
          continue;
        }
        let j = i + 1;
        while (j < buffer.length && typeof buffer[j] === 'string') j++;
        // each text line and its line end, one byte per code unit ('binary', as pdfkit's write)
        const text = (j === i + 1 ? (buffer[i] as string) : buffer.slice(i, j).join('\n'));
        const run = Buffer.allocUnsafe(text.length + 1);
        run.write(text, 0, 'latin1');
        run[text.length] = 10;
        bytes.push(run);
        i = j;
      }
      this.buffer = bytes;
    }
    if (this.compress && !this.document._security && Array.isArray(this.buffer) && this.buffer.length) {
      // Filter is already FlateDecode (pdfkit's write sets it); Length is set by finalize
      this.buffer = [deflateSync(this.buffer.length === 1 ? (this.buffer[0] as Uint8Array) : Buffer.concat(this.buffer as Uint8Array[]), STREAM_DEFLATE)];
      this.compress = false;
      try {
        finalize.call(this);
      } finally {
        this.compress = true;
      }
      return;
    }
    finalize.call(this);
  };
}

