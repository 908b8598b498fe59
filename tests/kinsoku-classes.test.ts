/**
 * 禁则 tailoring looks its marks up by code unit (layout/kinsoku.ts CLASS): the same break
 * opportunities as the earlier version, which looked each character up in the sets (kept here
 * as the reference), on 5,000 random texts of marks, quotes, spaces, Chinese, Latin and
 * surrogate pairs.
 */
import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START, tailorBreaks, type BreakOpportunity } from '../src/layout/kinsoku.js';

const OPEN_QUOTES = new Set([...'“‘']);
const CLOSE_QUOTES = new Set([...'”’']);
const HAS_QUOTE = /[“”‘’]/;
const LATIN_RUN = /[\x21-\x7e]{9,}/g;
const IS_ADDRESS = (run: string) => /[A-Za-z]/.test(run) && (/[/@]/.test(run) || /^(?:www\.|[a-z0-9-]+\.(?:gov|com|org|net|edu)\.)/i.test(run) || /\.(?:cn|com|org|net)$/i.test(run));
const LATIN_BREAK_AFTER = new Set([...'/.@-_?&=#:']);

function reference(text: string, uax14: BreakOpportunity[]): BreakOpportunity[] {
  // per position: 0 no break, 1 optional, 2 required (a typed array, not a map: this runs for
  // every paragraph and table cell, on breaks that come nearly one per character)
  let size = text.length + 1;
  for (const b of uax14) if (b.position >= size) size = b.position + 1;
  const kind = new Uint8Array(size);
  for (const b of uax14) kind[b.position] = b.required ? 2 : 1;
  const allow = (i: number) => { if (kind[i] === 0) kind[i] = 1; };
  const charBefore = (i: number) => text[i - 1] ?? '';
  if (HAS_QUOTE.test(text)) for (let i = 1; i < text.length; i++) {
    if (OPEN_QUOTES.has(text[i]) && !NO_LINE_END.has(charBefore(i)) && !/\s/.test(charBefore(i))) allow(i);
    if (CLOSE_QUOTES.has(charBefore(i)) && !NO_LINE_START.has(text[i]) && !/\s/.test(text[i])) allow(i);
  }
  for (const m of text.matchAll(LATIN_RUN)) {
    const address = IS_ADDRESS(m[0]);
    const start = m.index!;
    for (let i = start + 1; i < start + m[0].length; i++) {
      const between = /\d/.test(text[i - 2] ?? '') && /\d/.test(text[i]);
      // addresses: after / . @ - _ ? & = # :, but never inside a decimal or a time (126.5, 15:59);
      // long figures (0370-3288305, 2021-01-01): only after a hyphen, so that a narrow column
      // can break a phone number rather than start a line with the mark that follows it
      const ok = address ? LATIN_BREAK_AFTER.has(text[i - 1]) && /[A-Za-z0-9]/.test(text[i]) && !(between && text[i - 1] !== '-' && text[i - 1] !== '/')
        : text[i - 1] === '-' && between;
      if (ok) allow(i);
    }
  }
  const out: BreakOpportunity[] = [];
  for (let position = 0; position < size; position++) {
    const k = kind[position];
    if (k === 0) continue;
    const required = k === 2;
    if (!required && position < text.length && (NO_LINE_START.has(text[position]) || NO_LINE_END.has(charBefore(position)))) continue;
    out.push({ position, required });
  }
  // the end of the text is always a break opportunity
  if (!out.length || out.at(-1)!.position !== text.length) out.push({ position: text.length, required: false });
  return out;
}

describe('禁则 tailoring by code unit', () => {
  it('gives the reference’s break opportunities on random texts', () => {
    const pieces = ['，', '。', '、', '：', '；', '？', '！', '（', '）', '《', '》', '“', '”', '‘', '’', '…', '—', '·', '％', '(', ')', ',', '.', ' ', '\u3000', '\u00a0', '\t', '政', '府', '信', '息', 'A', 'b', '1', '2', '-', '/', '@', 'www.', '.gov.cn', '𠀀', '0370-3288305', 'https://x.gov.cn/a?b=c'];
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let n = 1 + rnd(30); n > 0; n--) text += pieces[rnd(pieces.length)];
      // opportunities as UAX #14 might give them: some positions, some required, one past the end
      const uax14: BreakOpportunity[] = [];
      for (let p = 1; p <= text.length + (rnd(5) === 0 ? 1 : 0); p++) if (rnd(3)) uax14.push({ position: p, required: rnd(20) === 0 });
      expect(tailorBreaks(text, uax14), JSON.stringify(text)).toEqual(reference(text, uax14));
    }
  });
});
