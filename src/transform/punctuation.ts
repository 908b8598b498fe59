/**
 * ASCII punctuation in Chinese text → full-width (GB/T 15834): , ; : ? ! ( ) next to Chinese
 * characters become ，；：？！（）, and a pair of " around or beside Chinese text “ ”. Never inside
 * URLs, e-mail addresses, numbers (1,000  15:59) or Latin text. Spaces beside full-width marks
 * are dropped.
 */
import type { Block, Inline } from '../model/types.js';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
/** Chinese characters and full-width punctuation. */
const CJK = /[\u2e80-\u2fff\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60\u201c\u201d\u2018\u2019\u2014\u2026]/u;
/** Joins the inlines of one block while they are normalised together. */
const SEPARATOR = '\u0001';
const PROTECTED = /(?:https?:\/\/|www\.)[\w\-.~:/?#@!$&'*+,;=%]+[\w/]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

/** Marks a space beside which is never wanted (full-width marks carry their own room). */
const TIGHT = /[ \u00a0]*([，；：？！（）。、])[ \u00a0]*/gu;
/** Text with nothing to convert: no ASCII mark, no space beside a full-width one. */
const NOTHING = /^(?:[^,;:?!()"\s]|\s(?![，；：？！（）。、]))*$/u;

/** A full stop typed as . or ． after a Chinese character or a % (收费1.5万元. 办结率100%.). */
const CJK_STOP = /[\u2e80-\u2fff\u3400-\u9fff\uf900-\ufaff%][ \u00a0]*[.．]/u;

export function normalizePunctuation(text: string): string {
  if (NOTHING.test(text) && !/[，；：？！（）。、]\s/u.test(text) && !CJK_STOP.test(text)) return text;
  const chars = [...text];
  const masked = new Array<boolean>(chars.length).fill(false);
  // Mask URLs and e-mail addresses (by code-point index).
  for (const m of text.matchAll(PROTECTED)) {
    const start = [...text.slice(0, m.index)].length;
    const len = [...m[0]].length;
    for (let k = start; k < start + len; k++) masked[k] = true;
  }
  // spaces and the inline separator (normalizeInlines) are looked through
  const skip = (c: string) => c === ' ' || c === SEPARATOR;
  const neighbour = (i: number, step: -1 | 1): string => {
    for (let k = i + step; k >= 0 && k < chars.length; k += step) if (!skip(chars[k])) return chars[k];
    return '';
  };
  const isCjk = (c: string) => c !== '' && CJK.test(c);
  const neighbourOut = (i: number, step: -1 | 1): string => {
    for (let k = i + step; k >= 0 && k < out.length; k += step) if (!skip(out[k])) return out[k];
    return '';
  };
  const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);
  /** A Chinese character (not a mark): 项. is a sentence's end, ）. and ”. are left alone. */
  const isHan = (c: string) => /[\u2e80-\u2fff\u3400-\u9fff\uf900-\ufaff]/u.test(c);
  const out = chars.slice();
  // Parentheses: convert a matched pair when it encloses or touches Chinese text.
  const stack: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (masked[i]) continue;
    if (chars[i] === '(') stack.push(i);
    else if (chars[i] === ')') {
      const open = stack.pop();
      if (open === undefined) {
        if (isCjk(neighbour(i, -1)) || isCjk(neighbour(i, 1))) out[i] = '）';
        continue;
      }
      const inside = chars.slice(open + 1, i).some(isCjk);
      if (inside || isCjk(neighbour(open, -1)) || isCjk(neighbour(i, 1))) {
        out[open] = '（';
        out[i] = '）';
      }
    }
  }
  for (const open of stack) if (isCjk(neighbour(open, -1)) || isCjk(neighbour(open, 1))) out[open] = '（';
  // ASCII double quotes in pairs, “ ” where a pair holds or touches Chinese text ("三公"经费, as
  // pasted from a web page or typed with an English input method); an odd one is left as it is.
  // Paired left to right: a " closes the one open before it; one right after a figure, with none
  // open before it, is an inch mark (10" 显示器), not a quote ("12345"热线 closes after its 5).
  // A " that meets a full-width mark pairs with it (“放管服"改革, 落实"一网通办”: an input method
  // switched mid-phrase): it closes an open “ and opens before a ”.
  const pairs: [number, number][] = [];
  let opened = -1;
  let fullOpen = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (masked[i]) continue;
    if (c === '“') { opened = -1; fullOpen = true; }
    else if (c === '”') {
      if (opened >= 0) out[opened] = '“';
      opened = -1;
      fullOpen = false;
    } else if (c !== '"') continue;
    else if (fullOpen) { out[i] = '”'; fullOpen = false; }
    else if (opened >= 0) { pairs.push([opened, i]); opened = -1; }
    else if (!/[0-9]/.test(chars[i - 1] ?? '')) opened = i;
  }
  for (const [open, close] of pairs) {
    if (chars.slice(open + 1, close).some(isCjk) || isCjk(neighbour(open, -1)) || isCjk(neighbour(close, 1))) {
      out[open] = '“';
      out[close] = '”';
    }
  }
  // , ; : ? ! next to Chinese text, unless between two Latin letters or digits.
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (masked[i] || c === '(' || c === ')' || !(c in FULL)) continue;
    const before = neighbour(i, -1);
    const after = neighbour(i, 1);
    if (isAlnum(before) && isAlnum(after)) continue;
    if (isCjk(before) || isCjk(after) || isCjk(out[i - 1] ?? '') || isCjk(out[i + 1] ?? '') || isCjk(neighbourOut(i, -1)) || isCjk(neighbourOut(i, 1))) out[i] = FULL[c];
    // ? and ! ending Chinese text after a figure (办结率100%?)
    else if ((c === '?' || c === '!') && after === '' && /[%0-9]/.test(before) && chars.some(isCjk)) out[i] = FULL[c];
  }
  // . or ． ending a Chinese sentence: after a Chinese character or a %, before Chinese text, a
  // closing mark or the end (公开目录123项. → 。); never before a letter or figure (目录.pdf)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (masked[i] || (c !== '.' && c !== '．')) continue;
    const before = neighbourOut(i, -1);
    const after = neighbour(i, 1);
    if ((isHan(before) || (before === '%' && chars.some(isCjk))) && (after === '' || isCjk(after) || after === ')')) out[i] = '。';
  }
  // Spaces around full-width marks are never wanted ("6个。 我局", "占100% 。").
  return out.join('').replace(TIGHT, '$1');
}

/** Normalise across the inlines of one block, so a mark at an inline boundary sees both neighbours. */
function normalizeInlines(inlines: Inline[]): Inline[] {
  if (inlines.length <= 1) return inlines.map((i) => ({ ...i, text: normalizePunctuation(i.text) }));
  const joined = normalizePunctuation(inlines.map((i) => i.text).join(SEPARATOR));
  const parts = joined.split(SEPARATOR);
  return inlines.map((i, k) => ({ ...i, text: parts[k] ?? i.text }));
}

export function normalizeBlockPunctuation(blocks: Block[]): Block[] {
  return blocks.map((b) => {
    switch (b.type) {
      case 'heading':
        return { ...b, inlines: normalizeInlines(b.inlines), ...(b.runIn ? { runIn: normalizeInlines(b.runIn) } : {}) };
      case 'paragraph':
        return { ...b, inlines: normalizeInlines(b.inlines) };
      case 'list':
        return { ...b, items: b.items.map(normalizeInlines) };
      case 'table':
        return { ...b, header: b.header.map(normalizeInlines), rows: b.rows.map((r) => r.map(normalizeInlines)) };
      case 'statTable':
        return b;
    }
  });
}
