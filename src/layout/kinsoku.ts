/**
 * Chinese line-breaking rules (禁则) on top of UAX #14 break opportunities:
 * - never break before a mark that may not start a line (，。、；：！？）》」』〕】”’ …) or after a
 *   mark that may not end one (（《「『〔【“‘ …);
 * - allow a break before an opening quote and after a closing one next to Chinese text (UAX #14
 *   classes “ ” ‘ ’ as QU, which forbids both: whole quoted phrases would move to the next line);
 * - allow breaks inside long URLs, web hosts and e-mail addresses after / . @ - _ ? & = # :, and inside long
 *   figures only after a hyphen (0370-|3288305, 2021-|12-31) and only in narrow table columns
 *   (`figureBreaks`), so that text wider than the rest of a cell never forces an arbitrary split
 *   before a closing mark. Decimals (12345678.90) and times (15:59) never break.
 */

/**
 * Full-width characters: ideographs, CJK punctuation and full-width forms, and the marks Chinese
 * text sets full width (— … “ ” ‘ ’). Each takes one em: the PDF writer stretches runs of them
 * with character spacing and writes touching runs as one text object.
 */
export const FULL_WIDTH_CHARS = '\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60\u2014\u2026\u201c\u201d\u2018\u2019';
export const FULL_WIDTH = new RegExp(`[${FULL_WIDTH_CHARS}]`, 'u');

/**
 * A character's width estimated without a font: a full-width one an em, anything else half (the
 * advance of digits and Latin letters in the 公文 faces, near enough). Title breaks and the DOCX's
 * table widths use it, so that they need no font.
 */
export const estimatedEm = (c: string): number => (FULL_WIDTH.test(c) ? 1 : 0.5);

/** A text's width estimated so, UTF-16 unit by unit (a character outside the BMP, two halves, an em). */
export function estimatedWidthEm(text: string): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) em += estimatedEm(text[i]!);
  return em;
}

/** May not start a line. */
export const NO_LINE_START = new Set([...'，。、；：！？）》」』〕】〉”’…‥—～·％‰,.;:!?)]}%']);
/** May not end a line. */
export const NO_LINE_END = new Set([...'（《「『〔【〈“‘([{']);

const OPEN_QUOTES = new Set([...'“‘']);
const CLOSE_QUOTES = new Set([...'”’']);
const HAS_QUOTE = /[“”‘’]/;
/**
 * A long run of ASCII that is an address: it has a letter and a / or @, or is a web host
 * (www.shangqiu.gov.cn: kept whole, it pushed itself to the next line and left the line before it
 * spread by three and a half characters); not dates, phone numbers or figures.
 */
const LATIN_RUN = /[\x21-\x7e]{9,}/g;
export const IS_ADDRESS = (run: string): boolean => /[A-Za-z]/.test(run) && (/[/@]/.test(run) || /^(?:www\.|[a-z0-9-]+\.(?:gov|com|org|net|edu)\.)/i.test(run) || /\.(?:cn|com|org|net)$/i.test(run));
const LATIN_BREAK_AFTER = new Set([...'/.@_?&=#:']);

export interface BreakOpportunity {
  /** Break before the UTF-16 index `position`. */
  position: number;
  required: boolean;
}

/** Per UTF-16 code unit: may not start a line (1), may not end one (2), opening (4) or closing (8) quote, whitespace (16). */
const CLASS = new Uint8Array(0x10000);
for (const c of NO_LINE_START) CLASS[c.charCodeAt(0)] |= 1;
for (const c of NO_LINE_END) CLASS[c.charCodeAt(0)] |= 2;
for (const c of OPEN_QUOTES) CLASS[c.charCodeAt(0)] |= 4;
for (const c of CLOSE_QUOTES) CLASS[c.charCodeAt(0)] |= 8;
// what /\s/ matches (ECMAScript WhiteSpace and LineTerminator)
for (const c of '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') CLASS[c.charCodeAt(0)] |= 16;
/** A Chinese national standard's code and the space before its number: GB , GB/T , GB/Z  (no break inside, nor after the space). */
const STANDARD_CODE = /\bGB(?:\/[TZ])?[ \u00a0](?=\d)/g;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
/** The class bits of the code unit at i (0 outside the text). */
const classAt = (text: string, i: number): number => (i >= 0 && i < text.length ? CLASS[text.charCodeAt(i)]! : 0);

/**
 * Tailor UAX #14 opportunities for Chinese. `text` is indexed in UTF-16 units, as the breaker is.
 * `figureBreaks`: a long figure may break after a hyphen (0370-|3288305), for a narrow table
 * column; not in text across the 版心 (write/pdf/lines.ts), where a phone number, a date or a time
 * moves to the next line whole (UAX #14 LB25) and the line before is spread instead, and where a
 * figure keeps the Chinese character after it (271件, 49号, 12345.67万元).
 */
export function tailorBreaks(text: string, uax14: BreakOpportunity[], figureBreaks = true): BreakOpportunity[] {
  // per position: 0 no break, 1 optional, 2 required (a typed array, not a map: this runs for
  // every paragraph and table cell, on breaks that come nearly one per character; the marks are
  // looked up by code unit in CLASS, without a string per character)
  let size = text.length + 1;
  for (const b of uax14) if (b.position >= size) size = b.position + 1;
  const kind = new Uint8Array(size);
  for (const b of uax14) kind[b.position] = b.required ? 2 : 1;
  const allow = (i: number) => { if (kind[i] === 0) kind[i] = 1; };
  if (HAS_QUOTE.test(text)) for (let i = 1; i < text.length; i++) {
    const here = classAt(text, i);
    const before = classAt(text, i - 1);
    if (here & 4 && !(before & (2 | 16))) allow(i);
    if (before & 8 && !(here & (1 | 16))) allow(i);
  }
  /** Where web and e-mail addresses end: the figure that ends one keeps no Chinese character after it. */
  let addressEnds: Set<number> | undefined;
  for (const m of text.matchAll(LATIN_RUN)) {
    const address = IS_ADDRESS(m[0]);
    const start = m.index!;
    if (address) (addressEnds ??= new Set()).add(start + m[0].length);
    for (let i = start + 1; i < start + m[0].length; i++) {
      const between = /\d/.test(text[i - 2] ?? '') && /\d/.test(text[i]);
      // addresses: after / . @ _ ? & = # : and before a - (below), but never inside a decimal or a time (126.5, 15:59);
      // long figures (0370-3288305, 2021-01-01): only after a hyphen, so that a narrow column
      // can break a phone number rather than start a line with the mark that follows it
      // (across the 版心, nor before a file's extension at the end of an address's path,
      // index.|html: a line that ends with the dot reads as a sentence's end; a host's last part,
      // gov.|cn, may go on, and in a narrow column anything that lets its neighbours keep their width)
      // an address's hyphen starts the line after a break, never ends one (example-|test.com): a
      // line that ends with it reads as a word hyphenated, and pdftotext and pdf.js's search join
      // the two halves without it (exampletest.com, a text-layer audit); so before a - (Chicago
      // 14.18), and the break UAX #14 makes after one is taken back
      if (address && text[i - 1] === '-') {
        if (kind[i] !== 2) kind[i] = 0;
        continue;
      }
      const ok = address ? (LATIN_BREAK_AFTER.has(text[i - 1]) || (text[i] === '-' && /[A-Za-z0-9]/.test(text[i - 1]) && /[A-Za-z0-9]/.test(text[i + 1] ?? ''))) && /[A-Za-z0-9-]/.test(text[i]) && !(between && text[i - 1] !== '/')
        && (figureBreaks || !(text[i - 1] === '.' && /^[A-Za-z0-9]{1,5}(?:[^\w./-]|$)/.test(m[0].slice(i - start)) && m[0].slice(0, i - start).replace(/^[A-Za-z]+:\/\//, '').includes('/')))
        : figureBreaks && text[i - 1] === '-' && between;
      if (ok) allow(i);
    }
  }
  // a standard's code and its number stay on one line (GB/T 9704-2012, GB 3100: a line ended with GB/T)
  if (text.includes('GB')) {
    for (const m of text.matchAll(STANDARD_CODE)) for (let i = m.index! + 1; i <= m.index! + m[0].length; i++) if (kind[i] !== 2) kind[i] = 0;
  }
  const out: BreakOpportunity[] = [];
  for (let position = 0; position < size; position++) {
    const k = kind[position];
    if (k === 0) continue;
    const required = k === 2;
    if (!required && position < text.length && (classAt(text, position) & 1 || classAt(text, position - 1) & 2)) continue;
    // across the 版心, a figure and the Chinese character after it, its unit of measure as often
    // as not, stay together (1,234,567,890 / 元 and 12345.67 / 万元 parted at a line's end; 271 / 件);
    // not in a narrow table column, where figure and unit may not fit one line
    // (not an address's last figure: …content.jsp?id=…1234查询 must still break there, or be cut)
    if (!figureBreaks && !required && position > 0 && position < text.length && isDigit(text.charCodeAt(position - 1)) && isHan(text.charCodeAt(position)) && !addressEnds?.has(position)) continue;
    out.push({ position, required });
  }
  // the end of the text is always a break opportunity
  if (!out.length || out.at(-1)!.position !== text.length) out.push({ position: text.length, required: false });
  return out;
}
