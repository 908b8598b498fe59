/**
 * 禁则 tailoring looks its marks up by code unit (layout/kinsoku.ts CLASS): the same break
 * opportunities as the earlier version, which looked each character up in the sets (kept here
 * as the reference), on 5,000 random texts of marks, quotes, spaces, Chinese, Latin and
 * surrogate pairs. (The breaks inside long Latin runs, which this change left alone, are not in
 * the reference: the texts have no run of nine printable ASCII characters.)
 */
import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START, tailorBreaks, type BreakOpportunity } from '../src/layout/kinsoku.js';

const OPEN_QUOTES = new Set([...'“‘']);
const CLOSE_QUOTES = new Set([...'”’']);
const HAS_QUOTE = /[“”‘’]/;

/** The earlier tailoring (without the Latin runs): each character looked up in the sets. */
function reference(text: string, uax14: BreakOpportunity[]): BreakOpportunity[] {
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
    const pieces = ['，', '。', '、', '：', '；', '？', '！', '（', '）', '《', '》', '“', '”', '‘', '’', '…', '—', '·', '％', '(', ')', ',', '.', ' ', '\u3000', '\u00a0', '\t', '政', '府', '信', '息', 'A', 'b', '1', '2', '-', '/', '@', 'www.', '.gov.cn', '𠀀'];
    let seed = 7;
    let compared = 0;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let n = 1 + rnd(30); n > 0; n--) text += pieces[rnd(pieces.length)];
      if (/[\x21-\x7e]{9,}/.test(text)) continue;
      // opportunities as UAX #14 might give them: some positions, some required, one past the end
      const uax14: BreakOpportunity[] = [];
      for (let p = 1; p <= text.length + (rnd(5) === 0 ? 1 : 0); p++) if (rnd(3)) uax14.push({ position: p, required: rnd(20) === 0 });
      expect(tailorBreaks(text, uax14), JSON.stringify(text)).toEqual(reference(text, uax14));
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
  });
});

describe('禁则 tailoring of the line breaker\'s opportunities', () => {
  it('gives them in increasing order, ending at the text\'s end (write/pdf/lines.ts walks them in one pass)', async () => {
    const { createRequire } = await import('node:module');
    const LineBreaker = createRequire(import.meta.url)('linebreak') as new (s: string) => { nextBreak(): BreakOpportunity | null };
    const pieces = ['，', '。', '（', '）', '“', '”', ' ', '\u3000', '政', '府', '信', '息', 'A', 'b', '1', '-', '/', '@', 'www.', '.gov.cn', 'https://example.org/a?b=1', '2021-12-31', '15:59'];
    let seed = 11;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let n = 1 + rnd(40); n > 0; n--) text += pieces[rnd(pieces.length)];
      const uax14: BreakOpportunity[] = [];
      const breaker = new LineBreaker(text);
      for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) uax14.push({ position: b.position, required: b.required });
      const positions = tailorBreaks(text, uax14).map((b) => b.position);
      positions.forEach((p, i) => { if (i > 0) expect(p, JSON.stringify(text)).toBeGreaterThan(positions[i - 1]!); });
      expect(positions.at(-1)).toBe(text.length);
    }
  });
});
