/**
 * Justified paragraphs broken into lines here, not by pdfmake. pdfmake breaks text at every
 * UAX #14 opportunity it finds, and between Chinese characters that is everywhere: each
 * character becomes an inline of its own, with some twenty style look-ups, a measurement and a
 * text object each (≈ 10,000 a report). Here the same opportunities, with the same Chinese rules
 * (layout/kinsoku.ts), fill each line greedily with the same advance widths pdfkit will use;
 * each line goes to pdfmake as a few unbreakable inlines (noWrap) ending in a line end,
 * stretched with character spacing (PDF Tc) inside Chinese text — over every character where
 * that would open its gaps too wide (emitLine) — instead of gaps between single-character inlines.
 *
 * Only what this module can do exactly is broken here: paragraphs without special inlines and
 * line separators. Everything else keeps pdfmake's own breaking. A Chinese character outside the
 * Basic Multilingual Plane (𠮷, 𬌗 in a name) is broken as one unit (standIns); pdfmake counts
 * its spacing per character too (io/pdfmake-astral-spacing.ts).
 */
import { createRequire } from 'node:module';
import type LineBreakerClass from 'linebreak';
import { FULL_WIDTH, IS_ADDRESS, NO_LINE_START, tailorBreaks, type BreakOpportunity } from '../../layout/kinsoku.js';
import { insideWords } from '../../layout/title-lines.js';
import { STROKE_EM } from '../../layout/faux-bold.js';
import type { PdfContext, PdfRole } from './context.js';
import type { PdfInline } from './text.js';

/**
 * The CommonJS copy of linebreak, the one pdfmake requires: `import` would load the package's
 * ES module build as well, a second copy that unpacks its own Unicode tables (17–29 ms of a
 * cold build).
 */
const LineBreaker = createRequire(import.meta.url)('linebreak') as typeof LineBreakerClass;

/** Rounding slack: 28 characters of 156 mm / 28 fill a 156 mm line exactly. */
const EPSILON = 0.01;
const SPACE = /\s/u;

/** `figureBreaks`: as tailorBreaks (a table column's pieces may; text across the 版心 moves a phone number whole). */
function opportunities(text: string, figureBreaks: boolean): BreakOpportunity[] {
  const uax14: BreakOpportunity[] = [];
  const breaker = new LineBreaker(text);
  // UAX #14's own opportunities: once pdfmake has rendered a document, the breaker's nextBreak is
  // io/pdfkit-fixes.ts's, tailored for pdfmake's text (figure breaks and all), and a report built
  // after another in one process broke its lines otherwise than the first
  const next = (LineBreaker.prototype as { uax14NextBreak?: () => { position: number; required: boolean } | null }).uax14NextBreak ?? breaker.nextBreak;
  for (let b = next.call(breaker); b; b = next.call(breaker)) uax14.push({ position: b.position, required: b.required });
  return tailorBreaks(text, uax14, figureBreaks);
}

/**
 * Chinese characters outside the BMP (two UTF-16 units: 𠮷 in a name) put in as one unit each
 * while the lines are broken, so that every index is a character here: a compatibility ideograph
 * of U+FA70–U+FAD9 not in the paragraph (the checks make those the unified ones:
 * transform/lookalikes.ts), which breaks and spreads as a Chinese character does, measured as the
 * character it stands for, and put back in the lines (`back`). Undefined — pdfmake breaks the
 * paragraph — where it has more such characters than stand-ins (106), or another character
 * outside the BMP (🄐 🈀 of the fallback face, no Chinese characters to break as one).
 */
const STAND_IN = /[\ufa70-\ufad9]/gu;
const PAIR = /[\u{10000}-\u{10ffff}]/gu;
const HAS_PAIR = /[\u{10000}-\u{10ffff}]/u;
const HAN = /^\p{Script=Han}$/u;

function standIns(inlines: PdfInline[], advance: Paragraph['advance'], advanceOfUnit: Paragraph['advanceOfUnit']): Pick<Paragraph, 'inlines' | 'advance' | 'advanceOfUnit'> & { back?: Map<string, string> } | undefined {
  if (!inlines.some((i) => HAS_PAIR.test(i.text))) return { inlines, advance, advanceOfUnit };
  const all = inlines.map((i) => i.text).join('');
  const to = new Map<string, string>();
  const back = new Map<string, string>();
  let next = 0xfa70;
  for (const [c] of all.matchAll(PAIR)) {
    if (to.has(c)) continue;
    if (!HAN.test(c)) return undefined;
    while (next <= 0xfad9 && all.includes(String.fromCharCode(next))) next++;
    if (next > 0xfad9) return undefined;
    const stand = String.fromCharCode(next++);
    to.set(c, stand);
    back.set(stand, c);
  }
  const original = (t: string) => t.replace(STAND_IN, (c) => back.get(c) ?? c);
  return {
    inlines: inlines.map((i) => ({ ...i, text: i.text.replace(PAIR, (c) => to.get(c)!) })),
    back,
    advance: (role, t, size) => advance(role, original(t), size),
    advanceOfUnit: (role, unit, size) => {
      const c = back.get(String.fromCharCode(unit));
      return c !== undefined ? advance(role, c, size) : advanceOfUnit ? advanceOfUnit(role, unit, size) : advance(role, String.fromCharCode(unit), size);
    },
  };
}

/** The paragraph as one string, and for each UTF-16 index the run it belongs to. */
function flatten(inlines: PdfInline[]): { text: string; runOf: Uint16Array } {
  const text = inlines.map((i) => i.text).join('');
  const runOf = new Uint16Array(text.length);
  let at = 0;
  for (let k = 0; k < inlines.length; k++) {
    const r = inlines[k]!;
    runOf.fill(k, at, at + r.text.length);
    at += r.text.length;
  }
  return { text, runOf };
}

/**
 * A paragraph being broken: its text, the run of each UTF-16 index, its runs, the advance
 * measure and the lines so far. The helpers below take it instead of being closures made per
 * paragraph, which V8 compiled again and again over a batch (docs/speed.md, item 15).
 */
interface Paragraph {
  text: string;
  runOf: Uint16Array;
  inlines: PdfInline[];
  advance: NonNullable<PdfContext['glyphs']['advance']>;
  /** The advance of one UTF-16 unit without a string for it, where the glyph source has it. */
  advanceOfUnit: PdfContext['glyphs']['advanceOfUnit'];
  out: PdfInline[];
  /** Lines left ragged (not stretched to the width): a table of contents' entries. */
  ragged?: boolean;
  /**
   * The glyph source's ink edges, where a line may end in a mark set in half its width (endRoom)
   * and its marks may be squeezed to take a figure that does not fit (squeezeRoom): justified body text.
   */
  inkRight?: PdfContext['glyphs']['inkRight'];
}

/**
 * Marks that may end a line set in half their width (endRoom): pause and stop marks and closing
 * brackets and quotes, whose ink a simplified-Chinese face draws in the left half of the em.
 */
const END_MARKS = new Set([...'，、。；：！？）》”’】」』〕〉']);

/**
 * The room a line ending at `end` gains by setting its last character in half its width: a full-width
 * mark of END_MARKS whose ink ends in the first half of its em (？ in FandolFang does not). Chinese
 * typesetting sets such a mark so at a line's end (行末点号压缩) before it opens the line's
 * characters: a line short of a figure and the mark after it (…公开239件，占 / 80%；) was spread by a
 * ninth of an em a character, which copies letter-spaced (的 方 式 答 复), where 80%； fits
 * with its ； set in half. The ink stays inside the 版心; the mark's blank lies past its edge (half
 * the mark on a justified line, less on a paragraph's last line, which is not spread). Only where
 * the line does not fit without it (emitLine), and not in ragged lines or table cells.
 */
function endRoom(p: Paragraph, start: number, end: number): number {
  return end > start && halvable(p, end - 1) ? p.inlines[p.runOf[end - 1]!]!.fontSize / 2 : 0;
}

/**
 * Whether text[i] is a mark of END_MARKS that may be set in half its width: a full-width one (one
 * em; with room for the stroke a fallback mark gets in a heavy role: layout/faux-bold.ts) whose
 * ink ends in the first half of its em.
 */
function halvable(p: Paragraph, i: number): boolean {
  if (!p.inkRight || !END_MARKS.has(p.text[i]!)) return false;
  const run = p.inlines[p.runOf[i]!]!;
  return Math.abs(measureRange(p, i, i + 1) - run.fontSize) <= 1e-6 * run.fontSize && p.inkRight(run.font as PdfRole, p.text.codePointAt(i)!) <= 0.5 - STROKE_EM / 2;
}

/**
 * The marks inside text[start, end) (not its last character) that a line too long by a little
 * sets in part of their width (标点挤压: squeezeRoom, emitLine), each at most by half: a halvable
 * mark followed, in its own run, by a character of the line (a chain of marks, 。”, with the
 * character after the chain). Not the mark of a number that opens the paragraph (八、 1.).
 */
function squeezeMarks(p: Paragraph, start: number, end: number): number[] {
  const out: number[] = [];
  const number = start === 0 ? LEADING_NUMBER.exec(p.text)?.[0].length ?? 0 : 0;
  for (let i = Math.max(start, number); i + 1 < end; i++) if (halvable(p, i) && p.runOf[i + 1] === p.runOf[i]) out.push(i);
  return out;
}

/** What squeezing text[start, end)'s marks (squeezeMarks) can take off its width, in pt. */
function squeezeRoom(p: Paragraph, start: number, end: number): number {
  let room = 0;
  for (const i of squeezeMarks(p, start, end)) room += p.inlines[p.runOf[i]!]!.fontSize / 2;
  return room;
}

/** Width of text[start, end) as pdfkit measures it: per run, each run's piece laid out as a whole. */
function measureRange(p: Paragraph, start: number, end: number): number {
  const { text, runOf, inlines } = p;
  let w = 0;
  for (let i = start; i < end;) {
    let j = i + 1;
    while (j < end && runOf[j] === runOf[i]) j++;
    const run = inlines[runOf[i]!]!;
    // a piece of one unit (every Chinese character between break opportunities) needs no string
    w += j === i + 1 && p.advanceOfUnit ? p.advanceOfUnit(run.font as PdfRole, text.charCodeAt(i), run.fontSize)
      : p.advance(run.font as PdfRole, text.slice(i, j), run.fontSize);
    i = j;
  }
  return w;
}

/**
 * The most a justified line stretches each gap between its Chinese characters, in em of its
 * size, before it spaces its other characters too: a line holding a long web address and a
 * character or two (站（https://www.example.gov.cn/…) put all its slack, two characters' worth,
 * into its one gap between Chinese characters. Letters and figures then open by LETTER_EM at
 * most (a letter-spaced address reads badly), and the rest goes between the Chinese characters.
 */
const LOOSE_EM = 0.3;
const LETTER_EM = 0.09;
/**
 * What a line may open every one of its characters by, letters and figures too, unseen: a line
 * with an address or a Latin word on it and few Chinese characters, which opening its Chinese
 * characters alone would leave reading spaced (spreadOf). More reads as a letter-spaced address.
 */
const UNSEEN_EM = 0.05;

/**
 * Spacing under which text extractors read two characters as one word: pdftotext takes a gap of
 * 0.1 em for a space, pdf.js one of 0.102 em, so a line spread wider read 府 前 路1号 and could not be
 * searched. A line that needs more (before a figure, an address or a Latin word that did not fit)
 * spreads its Chinese characters by TRACK_EM and puts the rest after its pause and stop marks
 * (，、。；：？！ and closing brackets and quotes) and before its opening brackets and quotes, as
 * Chinese typesetting adjusts the space of punctuation first: each a space (U+3000, set to the
 * width it takes), where a space in the copied text parts no word (邮编：　476000). Where the line
 * has no such mark, or the room after each would be wider than SPACER_EM, it is spread as before.
 */
const TRACK_EM = 0.095;
/** The widest spacer: a mark carries half an em of blank of its own, and more read as a missing character (a review). */
const SPACER_EM = 0.3;
// (not 〔 〕: they stand inside a 文号, 商办〔2017〕49号, which a space would part)
const SOFT_AFTER = new Set([...'，、。；：？！）》”’】」』']);
const SOFT_BEFORE = new Set([...'（《“‘【「『']);
const SPACER = '\u3000';
/** A section or list number at a paragraph's start (八、 （八） 6. （6）): no spacer after its mark. */
const LEADING_NUMBER = /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]|\d+[.．、])/u;

/**
 * Emit text[start, end) as one line, trailing spaces dropped. Its pieces: one per font run and
 * per stretch of Chinese or of other text. A justified line is stretched with character spacing
 * inside its Chinese pieces (Latin words and figures keep their letter spacing, as they did
 * when pdfmake justified: it spread the space between words) — by TRACK_EM at most, the rest
 * after its pause marks (above); where they cannot take the room, every character alike where
 * that keeps under UNSEEN_EM; else the Chinese characters by up to LOOSE_EM; beyond that letters
 * and figures are spaced too, by LETTER_EM at most, and the rest of the slack goes between the
 * Chinese characters (spreadOf). A line with no two Chinese characters
 * side by side (a piece of a long address) stays ragged rather than letter-spaced.
 * noNewLine keeps a line's pieces together whatever rounding says; lineEnd ends the line
 * (pdfkit-fixes stops pdfmake from gluing the next line to it).
 */
function emitLine(p: Paragraph, start: number, end: number, available: number, last: boolean, natural?: number): void {
  const { text, runOf, inlines, out } = p;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  // (measured once: a last line only where its marks may have been squeezed)
  const room = !p.ragged && (!last || p.inkRight) ? slackOf(p, start, end, available, natural ?? measureRange(p, start, end)) : 0;
  // (a line breakJustified took a figure onto by squeezing its marks: set so)
  if (p.inkRight && room < -EPSILON) {
    emitSqueezed(p, start, end, -room, last);
    return;
  }
  const slack = last ? 0 : room;
  const { pieces, cjk: cjkSpacing, other: otherSpacing, soft, share } = spreadOf(p, start, end, slack);
  let s = 0; // the next soft place
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k]!;
    const run = inlines[runOf[piece.start]!]!;
    const final = k === pieces.length - 1;
    const spacing = piece.cjk ? cjkSpacing : otherSpacing;
    // a piece cut after each of its soft places, a spacer in the cut: the gap it had (inside the
    // piece) and its share of the room; one at the piece's end adds the share to a gap of none
    for (let from = piece.start; from < piece.end;) {
      const atSoft = s < soft.length && soft[s]! < piece.end;
      const to = atSoft ? soft[s++]! + 1 : piece.end;
      const lastOfLine = final && to === piece.end; // (never a soft place: softPlaces leaves the line's last out)
      out.push({
        ...run, text: text.slice(from, to), noWrap: true,
        ...(lastOfLine ? (last ? {} : { lineEnd: true }) : { noNewLine: true }),
        ...(spacing > 0 && (piece.cjk || to - from > 1) ? { characterSpacing: spacing } : {}),
      });
      if (atSoft && !lastOfLine) {
        // (the track too where Chinese text goes on after the cut, in this piece or the next, a bold run's)
        const gap = share + (to < piece.end || pieces[k + 1]?.cjk ? spacing : 0);
        const em = p.advance(run.font as PdfRole, SPACER, 1);
        out.push({ ...run, text: SPACER, fontSize: gap / em, noWrap: true, noNewLine: true, spacer: true });
      }
      from = to;
    }
  }
}

/**
 * Emit text[start, end) `over` pt narrower than its natural width (its last mark set in half its
 * width counted already): each of its squeezeMarks set that much narrower, alike, by
 * character spacing on the mark and the character after it (pdfmake measures an inline's
 * characterSpacing between its characters, not after its last), the rest as it is.
 */
function emitSqueezed(p: Paragraph, start: number, end: number, over: number, last: boolean): void {
  const { text, runOf, inlines, out } = p;
  const marks = squeezeMarks(p, start, end);
  const cut = over / marks.length;
  const push = (from: number, to: number, spacing: number) => {
    for (let i = from; i < to;) {
      let j = i + 1;
      while (j < to && runOf[j] === runOf[i]) j++;
      const lastOfLine = j === end;
      out.push({
        ...inlines[runOf[i]!]!, text: text.slice(i, j), noWrap: true,
        ...(lastOfLine ? (last ? {} : { lineEnd: true }) : { noNewLine: true }),
        ...(spacing ? { characterSpacing: spacing } : {}),
      });
      i = j;
    }
  };
  let from = start;
  for (let k = 0; k < marks.length;) {
    // a chain of marks (。”) with the character after it: one inline, each gap in it squeezed
    let j = k;
    while (j + 1 < marks.length && marks[j + 1] === marks[j]! + 1) j++;
    push(from, marks[k]!, 0);
    push(marks[k]!, marks[j]! + 2, -cut);
    from = marks[j]! + 2;
    k = j + 1;
  }
  push(from, end, 0);
}

/** A justified line's room: what its width leaves, and where it fits only with its last mark set in half its width, that half too (endRoom). */
const slackOf = (p: Paragraph, start: number, end: number, available: number, width: number): number =>
  available - width + (width > available + EPSILON ? endRoom(p, start, end) : 0);

/** How a line takes its room (emitLine): the spacing inside its Chinese pieces and inside the others, its soft places and each one's share. */
interface Spread {
  pieces: { start: number; end: number; cjk: boolean }[];
  cjk: number;
  other: number;
  /** Places after a pause or stop mark that take the room a spacing under TRACK_EM leaves. */
  soft: number[];
  share: number;
  /** Every gap under TRACK_EM, the rest after marks: the line copies as words (readsWhole). */
  whole: boolean;
}

/**
 * How text[start, end) takes `slack` pt of room, in this order: its Chinese characters opened by
 * TRACK_EM at most; that, and the rest after its pause marks (spacers, SPACER_EM at most each);
 * every character opened alike, letters and figures too, by UNSEEN_EM at most (a line with an
 * address or a Latin word on it and few Chinese characters: it reads whole, where opening the
 * Chinese characters alone read spaced); its Chinese characters opened by LOOSE_EM at most; and
 * beyond, letters and figures by LETTER_EM at most, the rest between the Chinese characters.
 * One decision for emitLine, which sets the line so, and addressCut, which asks whether a line
 * would read whole (a review: the two had judged a line differently).
 */
function spreadOf(p: Paragraph, start: number, end: number, slack: number): Spread {
  const pieces = piecesOf(p, start, end);
  const gaps = cjkGaps(pieces);
  const spread: Spread = { pieces, cjk: 0, other: 0, soft: [], share: 0, whole: true };
  if (!(slack > 1e-6 && gaps > 0)) return spread; // a full line: no spacing (not a rounding error's worth)
  const size = p.inlines[p.runOf[start]!]!.fontSize;
  const track = TRACK_EM * size;
  if (slack / gaps <= track) {
    spread.cjk = slack / gaps;
    return spread;
  }
  const soft = softPlaces(p.text, pieces, start, end);
  const share = soft.length ? spacerShare(pieces, soft, slack, track, gaps) : 0;
  if (soft.length && share + track <= SPACER_EM * size) return { ...spread, cjk: track, soft, share };
  const every = pieces.reduce((g, piece) => g + piece.end - piece.start - 1, 0);
  if (slack / every <= UNSEEN_EM * size) return { ...spread, cjk: slack / every, other: slack / every };
  spread.whole = false;
  if (slack / gaps <= LOOSE_EM * size) {
    spread.cjk = slack / gaps;
    return spread;
  }
  // loose: every character spaced alike, letters by LETTER_EM at most, the rest between Chinese characters
  spread.other = Math.min(slack / every, LETTER_EM * size);
  spread.cjk = spread.other + (slack - spread.other * every) / gaps;
  return spread;
}

/** Whether text[start, end) set with `slack` pt of room copies as words (spreadOf): pdftotext and pdf.js read a gap of a tenth of an em as a space. */
const readsWhole = (p: Paragraph, start: number, end: number, slack: number): boolean => {
  // (without its trailing spaces, as emitLine sets it: a mark before them ends the line and takes
  // no spacer, a review)
  while (end > start && SPACE.test(p.text[end - 1]!)) end--;
  return spreadOf(p, start, end, slack).whole;
};

/**
 * Each spacer's share of a loose line's room: what the track leaves of it, the track also taken
 * by the gaps at soft places where a piece of Chinese text ends and another begins (a bold run),
 * which had none.
 */
function spacerShare(pieces: { start: number; end: number; cjk: boolean }[], soft: number[], slack: number, track: number, gaps: number): number {
  let joins = 0;
  for (const i of soft) {
    const k = pieces.findIndex((piece) => i >= piece.start && i < piece.end);
    if (i === pieces[k]!.end - 1 && pieces[k + 1]?.cjk) joins++;
  }
  return (slack - track * (gaps + joins)) / soft.length;
}

/**
 * The places (indices of a pause or stop mark, or of the character before an opening one) after
 * which a loose line's room goes: not at the line's end, nor inside a number that opens the
 * paragraph (八、 （八） 6.).
 */
function softPlaces(text: string, pieces: { start: number; end: number; cjk: boolean }[], start: number, end: number): number[] {
  const out: number[] = [];
  const number = start === 0 ? LEADING_NUMBER.exec(text)?.[0].length ?? 0 : 0;
  for (const piece of pieces) {
    if (!piece.cjk) continue;
    for (let i = Math.max(piece.start, number); i < piece.end && i + 1 < end; i++) if (SOFT_AFTER.has(text[i]!) || SOFT_BEFORE.has(text[i + 1]!)) out.push(i);
  }
  return out;
}

/** The gaps between the Chinese characters of `pieces` that character spacing opens (inside each piece). */
const cjkGaps = (pieces: { start: number; end: number; cjk: boolean }[]): number =>
  pieces.reduce((g, piece) => g + (piece.cjk ? piece.end - piece.start - 1 : 0), 0);

/** text[start, end) in pieces: one per font run and per stretch of Chinese or of other text. */
function piecesOf(p: Paragraph, start: number, end: number): { start: number; end: number; cjk: boolean }[] {
  const { text, runOf } = p;
  const pieces: { start: number; end: number; cjk: boolean }[] = [];
  for (let i = start; i < end;) {
    const cjk = FULL_WIDTH.test(text[i]!);
    let j = i + 1;
    while (j < end && runOf[j] === runOf[i] && FULL_WIDTH.test(text[j]!) === cjk) j++;
    pieces.push({ start: i, end: j, cjk });
    i = j;
  }
  return pieces;
}

/**
 * Where to cut a segment of a web address so that it fills the line it did not fit: a line
 * before a long piece of an address (本报告全文见：https://www.example.gov.cn/ then
 * zhengwugongkaizhuanlan2021/) was left with its slack spread wide between a few Chinese
 * characters. Addresses break between any two characters in Chinese text, as a long one does in
 * print; the cut never starts a line with , . ; : ! ? ) ] } %. Undefined where the segment is no
 * part of an address (a word, a figure: those move whole), or where the line without it still
 * copies as words (readsWhole: its slack under a tenth of an em a gap, or after its marks; it had
 * been kept so up to LOOSE_EM, and read 政 务 公 如 有 疑 问, a text-layer audit).
 */
/** The fewest characters of an address a cut leaves for the next line, and the most it takes there. */
const MIN_ADDRESS_REST = 3;
const MAX_ADDRESS_BACK = 12;

function addressCut(p: Paragraph, lineStart: number, start: number, end: number, available: number, natural: number): number | undefined {
  const { text } = p;
  // (with the marks that may not start a line after it, which stay with its last character:
  // …content.jsp?id=ff8080…1234。 moved whole and left the line before it short)
  let marks = end;
  while (marks > start && NO_LINE_START.has(text[marks - 1]!)) marks--;
  if (marks - start < 2 || !/^[\x21-\x7e]+\s*$/.test(text.slice(start, marks))) return undefined;
  // (the whole address, also its part on the line before: nt.jsp?id= alone is no address)
  let from = start;
  while (from > 0 && /[\x21-\x7e]/.test(text[from - 1]!)) from--;
  // (the segment's own run: one that ends in a space is a word of its own, Website: before
  // www.example.gov.cn, not part of the address after it)
  let to = end;
  while (to > start && SPACE.test(text[to - 1]!)) to--;
  if (to === end) while (to < text.length && /[\x21-\x7e]/.test(text[to]!)) to++;
  if (!IS_ADDRESS(text.slice(from, to))) return undefined;
  const gaps = cjkGaps(piecesOf(p, lineStart, start));
  // Where the line may end: at the address's own seam — after a / or before ? & # — where the line
  // so set still copies as words (its letters too take a little of its room, spreadOf), else
  // where the line is full, not in a word (…/col1234567/ind | ex.html, QA)
  const seam = (c: number) => c > from && (text[c - 1] === '/' || /[?&#@]/.test(text[c]!)) && !NO_LINE_START.has(text[c]!);
  const tight = (c: number, width: number) => readsWhole(p, lineStart, c, available - width);
  // (never one or two characters of the address alone on the next line, gk-office@example.gov.c / n
  // or …gov. / cn, a layout audit: the address is cut further back, at its seam — before its @, after
  // a / — where it has one on this line, else a few characters back; the cut may fall before this
  // segment, in the address's part already on the line)
  // (the address alone, without the marks after it: cn。 is two characters of it, a review)
  let addressEnd = to;
  while (addressEnd > from && (NO_LINE_START.has(text[addressEnd - 1]!) || !/[\x21-\x7e]/.test(text[addressEnd - 1]!))) addressEnd--;
  // a cut MIN_ADDRESS_REST characters or more before the address's end, where the line up to it
  // still reads whole (copies as words): at a seam, else as near the end as a line may end;
  // `otherwise` where none — a line spread wider (…gk-office@example.go / v.cn。, its Chinese
  // characters copied one by one), or cut far back (https:// alone on a spread line), is worse
  // than two letters on the next line (a review)
  const cutBack = (otherwise: number | undefined): number | undefined => {
    const lo = Math.max(from + 1, lineStart + 1, addressEnd - MAX_ADDRESS_BACK);
    const fits = (c: number) => tight(c, measureRange(p, lineStart, c));
    for (let c = addressEnd - MIN_ADDRESS_REST; c >= lo; c--) if (seam(c) && fits(c)) return c;
    for (let c = addressEnd - MIN_ADDRESS_REST; c >= lo; c--) {
      if (NO_LINE_START.has(text[c]!) || (text[c - 1] === '.' && /[A-Za-z]/.test(text[c]!))) continue;
      return fits(c) ? c : otherwise;
    }
    return otherwise;
  };
  // (the address's last characters, the segment that did not fit: cut back where that reads whole,
  // else on as before — filled to the line's end where the line would be loose)
  const back = addressEnd - start < MIN_ADDRESS_REST && start > from ? cutBack(undefined) : undefined;
  if (back !== undefined) return back;
  if (gaps > 0 && tight(start, natural)) return undefined;
  // (not right after a dot before a letter: …/index. at a line's end reads as a sentence's end; nor
  // right before it, which would start the next line with the dot, .html: a review)
  const fill = fillCut(p, lineStart, start, end, available);
  const cut = fill !== undefined && fill - 2 > start && text[fill - 1] === '.' && /[A-Za-z]/.test(text[fill] ?? '') ? fill - 2 : fill;
  // (never one or two characters of the address alone on the next line: gk-office@example.gov.c / n,
  // a layout audit — a few go along)
  if (addressEnd - (cut ?? start) < MIN_ADDRESS_REST) return cutBack(cut);
  if (cut === undefined) return cut;
  for (let c = cut; c > start + 1; c--) {
    if (!seam(c)) continue;
    if (tight(c, measureRange(p, lineStart, c))) return c;
    break;
  }
  return cut;
}

/**
 * Where to cut a figure with hyphens (a phone number 0571-87654321, a date 2022-01-01, a time
 * 9:00-12:00) that did not fit the line: after a hyphen, and only where the line would otherwise
 * be loose (as addressCut). A figure moves to the next line whole (UAX #14 LB25) where the line
 * before it takes the slack within LOOSE_EM.
 */
function figureCut(p: Paragraph, lineStart: number, start: number, end: number, available: number, natural: number): number | undefined {
  const { text, inlines, runOf } = p;
  let to = start;
  while (to < end && /[\x21-\x7e]/.test(text[to]!)) to++;
  if (to - start < 3 || !/^[0-9][0-9:.-]*[0-9]$/.test(text.slice(start, to)) || !text.slice(start, to).includes('-')) return undefined;
  const slack = available - natural;
  const gaps = cjkGaps(piecesOf(p, lineStart, start));
  const size = inlines[runOf[lineStart]!]!.fontSize;
  if (gaps > 0 && slack / gaps <= LOOSE_EM * size) return undefined;
  let cut: number | undefined;
  for (let h = start + 2; h < to; h++) {
    if (text[h - 1] === '-' && /[0-9]/.test(text[h - 2]!) && /[0-9]/.test(text[h]!) && measureRange(p, lineStart, h) <= available + EPSILON) cut = h;
  }
  return cut;
}

/**
 * Where a piece [start, end) is cut so that its first characters fill the line begun at
 * `lineStart` (not before a mark that may not start a line); undefined where none fit.
 */
function fillCut(p: Paragraph, lineStart: number, start: number, end: number, available: number): number | undefined {
  let cut = start;
  while (cut + 1 < end && measureRange(p, lineStart, cut + 1) <= available + EPSILON) cut++;
  while (cut > start && NO_LINE_START.has(p.text[cut]!)) cut--;
  if (hyphenEnds(p.text, cut)) cut--;
  return cut > start ? cut : undefined;
}

/**
 * A line cut at `at` would end with a hyphen inside a word or an address (example-|test.com): it
 * reads as a word hyphenated, and pdftotext and pdf.js's search join the halves without it
 * (exampletest.com, a text-layer audit). The hyphen starts the next line instead, as an address
 * breaks before its hyphens (layout/kinsoku.ts).
 */
const hyphenEnds = (text: string, at: number): boolean => text[at - 1] === '-' && /[A-Za-z0-9]/.test(text[at - 2] ?? '') && /[A-Za-z0-9]/.test(text[at] ?? '');

/**
 * `inlines` of a justified paragraph → pdfmake inlines, line by line; undefined when the paragraph
 * is one this module does not break (see above). `width` is the column width in pt, `indent` the
 * first line's indent; `short`: lines are filled to `short` pt less and justified to the width
 * (breakWithoutOrphan).
 */
export function breakJustified(ctx: PdfContext, inlines: PdfInline[], width: number, indent: number, ragged = false, short = 0): PdfInline[] | undefined {
  if (!ctx.glyphs.advance || inlines.length === 0 || inlines.length > 0xffff) return undefined;
  const stand = standIns(inlines, ctx.glyphs.advance, ctx.glyphs.advanceOfUnit);
  if (!stand) return undefined;
  const { text, runOf } = flatten(stand.inlines);
  if (/[\ud800-\udfff\n\r\v\f\u0085\u2028\u2029]/.test(text)) return undefined;
  const cutAddresses = ctx.cutAddresses !== false;
  // (a mark set in half its width at a line's end: not in ragged lines, nor where only pdfmake's breaks are asked for)
  const p: Paragraph = {
    text, runOf, inlines: stand.inlines, advance: stand.advance, advanceOfUnit: stand.advanceOfUnit, out: [],
    ...(ragged ? { ragged } : {}), ...(!ragged && cutAddresses && ctx.glyphs.inkRight ? { inkRight: ctx.glyphs.inkRight } : {}),
  };
  // (a figure moves whole; where only pdfmake's breaks are asked for, not)
  const breaks = opportunities(text, !cutAddresses);

  let lineStart = 0;
  let lineWidth = 0;
  /** lineWidth without the trailing spaces of its last segment: the line's natural width if it ends here */
  let lineVisible = 0;
  let available = width - indent;
  // the segments: from each break opportunity to the next
  let last = 0;
  for (let k = 0; k < breaks.length; k++) {
    const b = breaks[k]!;
    if (b.position <= last) continue;
    const s = { start: last, end: b.position, required: b.required };
    last = b.position;
    let w = measureRange(p, s.start, s.end);
    // trailing spaces do not count against the line (pdfmake cuts them too)
    let visibleEnd = s.end;
    while (visibleEnd > s.start && SPACE.test(text[visibleEnd - 1]!)) visibleEnd--;
    let visible = visibleEnd === s.end ? w : measureRange(p, s.start, visibleEnd);
    if (s.start > lineStart && lineWidth + visible > available - short + EPSILON && lineWidth + visible - endRoom(p, s.start, visibleEnd) > available - short + EPSILON) {
      // part of a web address that would leave the line loose goes on it to its end (addressCut);
      // so does any piece wider than a whole line, which is cut wherever it goes (a code of 54
      // characters left the line before it spread over the width: 统　一　社　会　信　用　代　码　为)
      const room = available - short;
      const address = cutAddresses ? addressCut(p, lineStart, s.start, s.end, room, lineVisible) : undefined;
      // (标点挤压: where the line would be spread so wide that it copies letter-spaced, its marks
      // set narrower take the piece on it instead, each by half at most — 较上年的290条增长12.4%。
      // 其中，财政预决算信息 / 18条 had read 较 上 年 的 in a copy, a 2021-form trial; before a
      // phone number is cut after its hyphen, which copies without it)
      if (address === undefined && p.inkRight && visibleEnd === s.end
        && lineWidth + visible - endRoom(p, s.start, visibleEnd) - room <= squeezeRoom(p, lineStart, visibleEnd) + EPSILON
        && !readsWhole(p, lineStart, s.start, room - lineVisible)) {
        emitLine(p, lineStart, s.end, room, s.end === text.length, lineWidth + visible);
        lineStart = s.end;
        lineWidth = lineVisible = 0;
        available = width;
        continue;
      }
      const cut = address ?? (cutAddresses ? figureCut(p, lineStart, s.start, s.end, room, lineVisible) : undefined)
        ?? (visible > width + EPSILON ? fillCut(p, lineStart, s.start, s.end, room) : undefined);
      emitLine(p, lineStart, cut ?? s.start, available, false, cut === undefined ? lineVisible : undefined);
      lineStart = s.start = cut ?? s.start;
      lineWidth = lineVisible = 0;
      available = width;
      if (cut !== undefined) {
        w = measureRange(p, s.start, s.end);
        visible = visibleEnd === s.end ? w : measureRange(p, s.start, visibleEnd);
      }
    }
    if (lineWidth === 0 && s.start === lineStart && visible > available + EPSILON && s.end - s.start > 1) {
      // wider than a whole line (no opportunity inside): split it by characters, as pdfmake would
      let i = s.start;
      while (i < s.end) {
        let j = i + 1;
        while (j < s.end && measureRange(p, i, j + 1) <= available + EPSILON) j++;
        if (j >= s.end) break;
        // (a mark that may not start a line takes the character before it along: a code of 64
        // characters filled the line, and the next one began with ，)
        while (j > i + 1 && NO_LINE_START.has(text[j]!)) j--;
        if (j - 1 > i && hyphenEnds(text, j)) j--;
        emitLine(p, i, j, available, false);
        i = j;
        available = width;
      }
      while (i < s.end && SPACE.test(text[i]!)) i++; // the word ended at the line's edge: its spaces go with it
      lineStart = i;
      lineWidth = i < s.end ? measureRange(p, i, s.end) : 0;
      lineVisible = i < visibleEnd ? measureRange(p, i, visibleEnd) : 0;
      continue;
    }
    lineVisible = lineWidth + visible;
    lineWidth += w;
    if (s.required) { // only at the end of the text: mandatory breaks inside were sent back to pdfmake above
      emitLine(p, lineStart, s.end, available, s.end === text.length);
      lineStart = s.end;
      lineWidth = lineVisible = 0;
      available = width;
    }
  }
  if (lineStart < text.length) emitLine(p, lineStart, text.length, available, true);
  if (stand.back) for (const o of p.out) o.text = o.text.replace(STAND_IN, (c) => stand.back!.get(c) ?? c);
  return p.out;
}

/**
 * The narrowest and the natural width in pt of `inlines` set as one paragraph: the widest piece
 * between two break opportunities (the same opportunities and Chinese rules as breakJustified;
 * a piece's trailing spaces do not count), and the whole text on one line (its pieces added up,
 * over a line end too). A character outside the BMP is measured as a string (a surrogate pair is
 * never split: no opportunity falls inside one). Undefined where the glyph source cannot measure.
 */
export function widthRange(ctx: PdfContext, inlines: PdfInline[]): { min: number; natural: number } | undefined {
  if (!ctx.glyphs.advance || inlines.length > 0xffff) return undefined;
  if (inlines.length === 0) return { min: 0, natural: 0 };
  const { text, runOf } = flatten(inlines);
  const p: Paragraph = { text, runOf, inlines, advance: ctx.glyphs.advance, advanceOfUnit: ctx.glyphs.advanceOfUnit, out: [] };
  let min = 0;
  let natural = 0;
  let last = 0;
  for (const b of opportunities(text, true)) {
    if (b.position <= last) continue;
    let visibleEnd = b.position;
    while (visibleEnd > last && SPACE.test(text[visibleEnd - 1]!)) visibleEnd--;
    min = Math.max(min, measureRange(p, last, visibleEnd));
    natural += measureRange(p, last, b.position);
    last = b.position;
  }
  return { min, natural };
}

/**
 * A short text (an attachment's name, a contents entry) broken into lines of `width` pt without
 * leaving one character alone on its last line (…情况统计 / 表) or splitting a word of these
 * reports (统 / 计表: layout/title-lines.ts WORDS): where filling the lines would, they are broken
 * up to four characters short. `ragged`: lines not stretched to the width; `indent`: the first
 * line's. Undefined where breakJustified cannot break the text.
 */
export function breakWithoutOrphan(ctx: PdfContext, inlines: PdfInline[], width: number, ragged = false, indent = 0): PdfInline[] | undefined {
  const first = breakJustified(ctx, inlines, width, indent, ragged);
  if (!first) return undefined;
  const text = inlines.map((i) => i.text).join('');
  const inside = insideWords(text);
  const em = inlines[0]?.fontSize ?? 16;
  for (let short = 0; short <= 4; short++) {
    // (ragged lines are broken on a narrower column; justified ones filled short and spread to the width)
    const lines = !short ? first : ragged ? breakJustified(ctx, inlines, width - short * em, indent, ragged)! : breakJustified(ctx, inlines, width, indent, false, short * em)!;
    let at = 0;
    let splits = false;
    let lastStart = 0;
    for (const piece of lines) {
      if (!piece.spacer) at += piece.text.length; // (a spacer is no text of the paragraph's)
      if (piece.lineEnd) { splits ||= inside[at] === true; lastStart = at; }
    }
    if (lastStart === 0) return lines; // one line
    const last = [...text.slice(lastStart)].filter((c) => !/[\p{P}\s]/u.test(c));
    if (!splits && last.length > 1) return lines;
  }
  return first;
}

/** The lines of a paragraph broken here (breakJustified), or Infinity for one left to pdfmake. */
export function lineCount(p: { text?: unknown }): number {
  if (!Array.isArray(p.text) || !(p.text as PdfInline[]).every((i) => i.noWrap)) return Infinity;
  return (p.text as PdfInline[]).filter((i) => i.lineEnd).length + 1;
}

/** Inlines broken here (breakJustified, breakWithoutOrphan), one array a line. */
export function splitLines(inlines: readonly PdfInline[]): PdfInline[][] {
  const lines: PdfInline[][] = [[]];
  for (const i of inlines) {
    lines.at(-1)!.push(i);
    if (i.lineEnd) lines.push([]);
  }
  return lines.filter((l) => l.length);
}
