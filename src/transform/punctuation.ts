/**
 * ASCII punctuation in Chinese text → full-width (GB/T 15834): , ; : ? ! ( ) next to Chinese
 * characters become ，；：？！（）, a pair of " around or beside Chinese text “ ” (beside full-width
 * quotes, only where the pairing can be told), a pair of ' around Chinese text ‘ ’, ... ……, and a
 * . or ． that ends a Chinese sentence 。. Never inside URLs, e-mail addresses, file names or
 * Chinese domain names, numbers (1,000  15:59  1.5), Latin text (in “ ” or 《 》 too), list
 * numbers (一.), abbreviations (Co., Ltd.), inch marks and primes. Spaces beside full-width marks
 * are dropped. README "Body" lists the rules with their examples; tests/punctuation.test.ts holds them.
 */
import type { Block, Inline } from '../model/types.js';
import { EMAIL_ADDRESS, WEB_ADDRESS } from './web-links.js';
import { unifyIdeographs } from './lookalikes.js';
import { betweenNameRuns } from './transliteration.js';
import { BARE_DECIMAL_UNIT } from '../model/typed-text.js';

/** One or two digits and what makes them a decimal (model/typed-text.ts). */
const BARE_DECIMAL = new RegExp(`^\\d{1,2}\\s*${BARE_DECIMAL_UNIT}`, 'u');

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
/** A Chinese character (not a mark), in every rule below that asks for one. */
const HAN = /[\u2e80-\u2fff\u3400-\u9fff\uf900-\ufaff]/u;
/** Chinese characters and full-width punctuation. */
const CJK = /[\u2e80-\u2fff\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60\u201c\u201d\u2018\u2019\u2014\u2026]/u;
/** Joins the inlines of one block while they are normalised together. */
const SEPARATOR = '\u0001';
/**
 * What punctuation never touches: web addresses, e-mail addresses, file names (附件(1).docx, any
 * case of a usual extension) and Chinese domain names (郑州市人民政府.政务).
 */
const EXTENSION = String.raw`\.(?:docx?|xlsx?|pptx?|pdf|wps|et|dps|ofd|ceb|rtf|html?|xml|json|zip|rar|7z|jpe?g|png|gif|bmp|tiff?|txt|csv|mp[34]|avi|wmv|mov)(?![A-Za-z0-9])`;
const PROTECTED = new RegExp([
  WEB_ADDRESS,
  EMAIL_ADDRESS,
  // (each from the start of its run of name characters: tried from every character of a long run of
  // Chinese text, the pattern took time in the square of its length; or after a file name and a
  // word joining it to the next, 附件(1).docx和样表(1).PDF, audit)
  String.raw`(?:(?<![\w\u3400-\u9fff()（）\-])|(?<=${EXTENSION}(?:和|及|与|或|以及|、)))[\w\u3400-\u9fff()（）\-]+${EXTENSION}`,
  // (or right after one, 报告.pdf中的样表(1).xlsx, 报告.pdf中的样表(2024)汇总.xlsx, with one pair of
  // brackets not followed by a joining word: text between two names keeps the text's,
  // 报告.pdf中的说明(第3页)和样表.xlsx, and brackets right after a name are the text's,
  // 附件1.docx(共3页): reviews)
  String.raw`(?<=${EXTENSION})[\w\u3400-\u9fff\-]+(?:[(（][\w\u3400-\u9fff\-]{1,12}[)）](?:(?!和|及|与|或)[\w\u3400-\u9fff\-])*)?${EXTENSION}`,
  String.raw`(?<![\w\u3400-\u9fff.-])(?:www\.)?[\w\u3400-\u9fff-]+\.(?:政务|公益|中国|公司|网络)(?![\u3400-\u9fff])`,
].join('|'), 'giu');

/** Marks a space beside which is never wanted (full-width marks carry their own room). */
const TIGHT = /[ \u00a0]*([，；：？！（）。、])[ \u00a0]*/gu;
/**
 * Spaces between Chinese text and the marks that may also stand in Latin text (…… “ ” 《 》): only
 * where a Chinese character is on the other side (改革等工作…… 取得, 按照《条例》 第五条).
 */
// (across the joins of inlines: 落实 **“放管服”** 改革)
const TIGHT_HAN = /(?<=[\u3400-\u9fff]\u0001?)[ \u00a0]+(?=\u0001?[“《…])|(?<=[”》…]\u0001?)[ \u00a0]+(?=\u0001?[\u3400-\u9fff])/gu;
const SPACED_MARK = new RegExp(TIGHT_HAN.source, 'u');
/** Text with nothing to convert: no ASCII mark, no space beside a full-width one. */
const NOTHING = /^(?:[^,;:?!()"\s]|\s(?![，；：？！（）。、]))*$/u;

/**
 * What the rules for . ． ... and ' below may change: a full stop after a Chinese character, a %
 * or a closing mark, one at the end, three dots, a single quote. Text without any (most text:
 * its . are decimals, 87.1%) goes by the fast path.
 */
const MAYBE = /[\u2e80-\u2fff\u3400-\u9fff\uf900-\ufaff%”’》）」』〉】〕)][ \u00a0\u0001]*[.．]|[.．][ \u00a0\u0001]*$|\.\.\.|'|[A-Za-zμ℃²³][.．][ \u00a0]*[\u3400-\u9fff]/u;
/** Marks that close a phrase: a . after one ends the sentence (《条例》. → 》。). */
const CLOSING = new Set(['”', '’', '》', '）', '」', '』', '〉', '】', '〕', ')']);
/** Chinese numerals of a list number typed with a dot (一.加强领导 二.完善制度, 其一. 第一.): no sentence's end. */
const NUMERAL = /[一二三四五六七八九十百千零〇两]/u;

/** Whether the full-width quotes among `marks` balance by themselves. */
function balanced(chars: readonly string[], marks: readonly number[]): boolean {
  let depth = 0;
  for (const i of marks) if ((depth += chars[i] === '“' ? 1 : -1) < 0) return false;
  return depth === 0;
}

/**
 * The " among `marks` (indices of “ ” and " in `chars`) made opening or closing marks in `out`
 * where one way alone balances them all, or where two " inside a “…” can be told apart: a quoted
 * term (“关于"放管服"改革的通知”: nested) holds no ，。；, the ends of two phrases (“放管服"改革要求，
 * 落实"一网通办”) do. Whether they were.
 */
function balanceQuotes(chars: readonly string[], out: string[], marks: readonly number[]): boolean {
  const ascii = marks.filter((i) => chars[i] === '"');
  // (an odd number of marks never balances)
  if (!ascii.length || ascii.length > 12 || marks.length % 2 === 1) return false;
  const valid: number[] = [];
  for (let way = 0; way < 1 << ascii.length && valid.length < 3; way++) {
    let depth = 0;
    let a = 0;
    for (const i of marks) {
      const opens = chars[i] === '"' ? ((way >> a++) & 1) === 1 : chars[i] === '“';
      depth += opens ? 1 : -1;
      if (depth < 0) break;
    }
    if (depth === 0 && a === ascii.length) valid.push(way);
  }
  if (valid.length === 2 && ascii.length === 2) {
    const between = chars.slice(ascii[0]! + 1, ascii[1]).join('');
    // (a gap that ends in 和 与 及 或 、 may join two quoted terms, “十四五"规划和"双随机、一公开”, or
    // end a term quoted inside, “关于开展"公众参与"活动的通知”: which, cannot be told — left as typed,
    // which the check warns of, rather than nested wrongly either way; a text audit and a review)
    if (!/[，。；！？,;]/u.test(between) && /(?:[和与及或、]|以及|并且)$/u.test(between)) return false;
    valid.splice(0, 2, /[，。；！？,;]/u.test(between) ? 0b10 : 0b01);
  }
  if (valid.length !== 1) return false;
  // a pair inside another is single (GB/T 15834: “关于‘放管服’改革的通知”), both its marks where
  // one was typed " (要落实“放管服"改革: ‘放管服’, not “放管服’); a pair typed full width, as typed
  const open: number[] = [];
  let a = 0;
  for (const i of marks) {
    const opens = chars[i] === '"' ? ((valid[0]! >> a++) & 1) === 1 : chars[i] === '“';
    if (opens) { open.push(i); continue; }
    const from = open.pop()!;
    if (chars[from] !== '"' && chars[i] !== '"') continue;
    const nested = open.length > 0;
    out[from] = nested ? '‘' : '“';
    out[i] = nested ? '’' : '”';
  }
  return true;
}

/**
 * Whether the sentence ending at index `k` of `out` holds a Chinese character: back to the last
 * 。！？, or a Latin sentence's end (". " as in "OECD. Open Government Data Report. Paris: …").
 */
function sentenceHasHan(out: readonly string[], k: number): boolean {
  for (let m = k; m >= 0 && !/[。！？]/u.test(out[m]!) && !(out[m] === ' ' && out[m - 1] === '.'); m--) if (HAN.test(out[m]!)) return true;
  return false;
}

/** A Latin abbreviation whose . is its own (Microsoft Corp. Co., Ltd. e.g. No.), at the end of the text before it. */
const ABBREVIATION = /(?:^|[^A-Za-z])(?:Ltd|Inc|Corp|Co|Jr|Sr|No|etc|al|St|Dr|Mr|Mrs|Ms|vs|e\.g|i\.e)$/;
/**
 * A figure with a unit of measure written in Latin letters, ending a Chinese sentence before the
 * next one (浓度为27.6μg/m³.同比下降): its . is a 。. Units only, from a list: after 5G or 3D a
 * . before Chinese text is as likely something else.
 */
const MEASURE = /[0-9](?:\s*(?:μg|mg|kg|g|t|km|cm|mm|m|L|mL|h|kWh|MW|kW|GB|MB|TB|°C|℃)(?:[²³]|\/(?:m[²³]?|L|h|d|km|kg|t))?)$/u;

/**
 * For each index of `out`, whether it is inside “ ” or 《 》 (as converted) that hold no Chinese
 * character: Latin text whose marks stay as typed.
 */
function latinSpans(out: readonly string[]): boolean[] {
  const latin = new Array<boolean>(out.length).fill(false);
  const open: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (c === '“' || c === '《') open.push(i);
    else if ((c === '”' || c === '》') && open.length) {
      const from = open.pop()!;
      if (!out.slice(from + 1, i).some((x) => HAN.test(x))) latin.fill(true, from + 1, i);
    }
  }
  return latin;
}

/**
 * A 文号 in the text with its year in [ ] 【 】 ( ) （ ） or the small ﹝ ﹞ of Word's symbol table: 某环办[2022]15号 (GB/T 9704 7.2.5 wants 〔 〕, as
 * transform/index.ts does for doc_no); and one in 〔 〕 typed with spaces (豫政办 〔2017〕 15号), which
 * print as gaps inside it and part it in copied text.
 */
const DOC_NO_IN_TEXT = /(?<=[\u3400-\u9fff])\s*[[［【(（〔﹝]\s*((?:19|20)\d{2})\s*[\]］】)）〕﹞]\s*(第?)\s*(\d{1,5})\s*号/gu;
/** A title inside a 《 》 marked with < > or ‹ › (《关于印发<…方案>的通知》): 〈 〉 (GB/T 15834 4.15). */
const INNER_TITLE = /《[^《》]*[<‹][^《》]*》/gu;

function brackets(text: string): string {
  // (a 文号 already in 〔 〕 needs the pass only where the text has a space)
  const doc = /[[［【(（﹝]\s*(?:19|20)\d{2}/u.test(text) || (text.includes('〔') && /\s/u.test(text));
  const inner = text.includes('《') && /[<‹]/u.test(text);
  if (!doc && !inner) return text;
  // (not inside a web address or a file name, which stay as typed: 某政办[2022]1号.pdf)
  const kept = [...text.matchAll(PROTECTED)].map((m) => [m.index!, m.index! + m[0].length] as const);
  const free = (at: number, length: number) => !kept.some(([from, to]) => at < to && at + length > from);
  // (with the 第 it was typed with, 示政[2021]第3号: its brackets made 〔 〕 all the same, the number
  // a cited document's as it was written — a known gap)
  if (doc) text = text.replace(DOC_NO_IN_TEXT, (m: string, year: string, di: string, n: string, at: number) => (free(at, m.length) ? `〔${year}〕${di}${n}号` : m));
  if (inner) text = text.replace(INNER_TITLE, (title: string, at: number) => (free(at, title.length) ? title.replace(/[<‹]([^<>‹›《》]*)[>›]/gu, '〈$1〉') : title));
  return text;
}

/**
 * Marks a clerk types for the two-em marks (GB/T 15834 4.11, 4.12): 。。。 (three full stops or
 * more, as an input method gives them) is ……, and -- (two hyphens or more, ASCII or the
 * full-width － of a Chinese input method) beside a Chinese character is the dash ——. One — stays: it is also the 一字线 (北京—上海). One … (U+2026, the
 * ellipsis of Latin text, as some input methods and Word's AutoCorrect give it) beside a Chinese
 * character is …… as well: the Chinese ellipsis is two of them (等等… → 等等……); ⋯ (U+22EF, the
 * midline ellipsis some input methods offer) beside one is … too (⋯⋯ → ……). The 间隔号 of a
 * foreign name typed as ・ (U+30FB, Japanese) or • (a bullet) between two Chinese characters is ·
 * (U+00B7, GB/T 15834 4.16: 让·雅克): besides being the standard's mark, ・ and · are one glyph in
 * the Fandol faces, and a PDF maps a glyph back to one character only, so the second kind in a
 * report copied out of the PDF as the first.
 */
const TWO_EM = /。{3,}|[-－]{2,}|[…⋯・•]/u;
function dashesAndEllipses(text: string): string {
  if (!TWO_EM.test(text)) return text;
  // (not inside a web address or a file name: 年报--终稿.docx; beside a Chinese character, not
  // a mark alone: “--”表示无数据 shows the two hyphens)
  const kept = [...text.matchAll(PROTECTED)].map((m) => [m.index!, m.index! + m[0].length] as const);
  // (the dashes first: the protected spans are places in the text as it came)
  const dashed = text.replace(/[-－]{2,}/gu, (m: string, at: number, whole: string) =>
    !kept.some(([a, b]) => at >= a && at < b) && (HAN.test(whole[at - 1] ?? '') || HAN.test(whole[at + m.length] ?? '')) ? '——' : m).replace(/。{3,}/gu, '……');
  // the ellipses and the 间隔号 beside Chinese text, looking through the inline separator
  // (让・*雅克*, 未收取**…**), never inside a web address or a file name (报告…终稿.docx)
  const marks = (t: string, re: RegExp, to: (m: string) => string): string => {
    const spans = [...t.matchAll(PROTECTED)].map((m) => [m.index!, m.index! + m[0].length] as const);
    return t.replace(re, (m: string, at: number, whole: string) =>
      !spans.some(([a, b]) => at < b && at + m.length > a) && (hanBeside(whole, at - 1, -1) || hanBeside(whole, at + m.length, 1)) ? to(m) : m);
  };
  const ellipses = marks(marks(dashed, /⋯+/gu, (m) => '…'.repeat(m.length)), /(?<!…)…(?!…)/gu, () => '……');
  const spans = [...ellipses.matchAll(PROTECTED)].map((m) => [m.index!, m.index! + m[0].length] as const);
  return ellipses.replace(/[・•]/gu, (m: string, at: number, whole: string) =>
    !spans.some(([a, b]) => at >= a && at < b) && hanBeside(whole, at - 1, -1) && hanBeside(whole, at + 1, 1) ? '·' : m);
}

/** Whether the first character from `at` on, stepping by `step` over inline separators, is a Chinese one. */
function hanBeside(text: string, at: number, step: -1 | 1): boolean {
  while (text[at] === SEPARATOR) at += step;
  return HAN.test(text[at] ?? '');
}

/**
 * ASCII punctuation in Chinese text → full-width (see the module's comment), run until nothing
 * changes: a mark's neighbours may be converted only by the pass (他说:"Yes" — the quotes see a
 * Chinese ： only once the : is one); a second pass of text already converted is the fast path's.
 */
export function normalizePunctuation(text: string): string {
  // (Kangxi radicals of a PDF copy first: ⼀、 is a section number only as 一、)
  text = dashesAndEllipses(brackets(unifyIdeographs(text)));
  let out = normalizeOnce(text);
  for (let n = 0; n < 3 && out !== text; n++) {
    text = out;
    out = normalizeOnce(text);
  }
  return out;
}

function normalizeOnce(text: string): string {
  if (NOTHING.test(text) && !/[，；：？！（）。、]\s/u.test(text) && !MAYBE.test(text) && !SPACED_MARK.test(text)) return text;
  const chars = [...text];
  const masked = new Array<boolean>(chars.length).fill(false);
  // Mask URLs, e-mail addresses and file names (by code-point index, counted on from the last match).
  let unit = 0;
  let point = 0;
  for (const m of text.matchAll(PROTECTED)) {
    point += [...text.slice(unit, m.index)].length;
    const len = [...m[0]].length;
    for (let k = point; k < point + len; k++) masked[k] = true;
    unit = m.index + m[0].length;
    point += len;
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
  /** Whether the masked run that ends at `k` holds a . (a whole address: www.x.gov.cn, not http://www before 郑州.政务). */
  const addressHasDot = (k: number): boolean => {
    for (let j = k; j >= 0 && masked[j]; j--) if (chars[j] === '.') return true;
    return false;
  };
  const isHan = (c: string) => HAN.test(c);
  const hasHan = HAN.test(text);
  const out = chars.slice();
  // ASCII double quotes, “ ” where they hold or touch Chinese text ("三公"经费, as pasted from a
  // web page or typed with an English input method). Alone, they are paired left to right: a "
  // closes the one open before it; one right after a figure, with none open before it, is an inch
  // mark (10" 显示器), not a quote ("12345"热线 closes after its 5). Beside full-width quotes (“放管服"
  // 改革: an input method switched mid-phrase), each " is made an opening or a closing mark only
  // where one way alone balances them all (他说:"落实“放管服”改革"), or where two " inside “…” can
  // be told apart (below); otherwise they are left as typed, and the text lint says so.
  const marks: number[] = [];
  for (let i = 0; i < chars.length; i++) if (!masked[i] && (chars[i] === '"' || chars[i] === '“' || chars[i] === '”')) marks.push(i);
  const ascii = marks.filter((i) => chars[i] === '"');
  // full-width quotes that balance by themselves, with every " outside them (开通“12345”热线和"110"、
  // "119"): the " are paired among themselves, as where there are none
  let depth = 0;
  let outside = true;
  for (const i of marks) {
    if (chars[i] === '“') depth++;
    else if (chars[i] === '”') depth--;
    else if (depth !== 0) outside = false;
  }
  const apart = ascii.length > 0 && ascii.length < marks.length && outside && depth === 0 && balanced(chars, marks.filter((i) => chars[i] !== '"'));
  if (ascii.length && ascii.length < marks.length && !apart) {
    // the " after a figure taken as inch marks first (采购“智慧屏”55"和65"各2台: two of them balance
    // as a pair too), as quotes only where the others do not balance without them ("12345"热线)
    // (not the " that closes a quoted figure: "110"、"119")
    const inch = (i: number) => /[0-9]/.test(chars[i - 1] ?? '') && !/"[0-9.]*$/.test(chars.slice(Math.max(0, i - 16), i).join(''));
    const withoutInches = marks.filter((i) => !(chars[i] === '"' && inch(i)));
    if (!ascii.some(inch) || !(withoutInches.length === marks.length - ascii.length
      ? withoutInches.every((i) => chars[i] !== '"') && balanced(chars, withoutInches)
      : balanceQuotes(chars, out, withoutInches))) balanceQuotes(chars, out, marks);
  } else if (ascii.length) {
    // paired left to right (see above)
    const pairs: [number, number][] = [];
    let opened = -1;
    for (const i of ascii) {
      if (opened >= 0) { pairs.push([opened, i]); opened = -1; }
      else if (!/[0-9]/.test(chars[i - 1] ?? '')) opened = i;
    }
    for (const [open, close] of pairs) {
      if (chars.slice(open + 1, close).some(isCjk) || isCjk(neighbour(open, -1)) || isCjk(neighbour(close, 1))) {
        out[open] = '“';
        out[close] = '”';
        // a pair typed full width inside is a quote inside a quote, single (GB/T 15834): 他说:"落实
        // “放管服”改革" → “落实‘放管服’改革” (audit: the check then warned of the doubles it left)
        let depth = 0;
        for (let k = open + 1; k < close; k++) {
          if (chars[k] === '“' && depth++ === 0) out[k] = '‘';
          else if (chars[k] === '”' && --depth === 0) out[k] = '’';
        }
      }
    }
  }
  // ASCII single quotes around Chinese text ('三公'经费, nested in a quote): ‘ ’; not an apostrophe
  // of Latin text (it's, don't), nor a pair with a letter outside it
  let single = -1;
  for (let i = 0; i < chars.length; i++) {
    if (masked[i] || chars[i] !== "'") continue;
    const afterFigure = /[0-9]/.test(chars[i - 1] ?? '');
    // (not a prime after a figure: 北纬34°44'; but the close of a quoted figure beside Chinese
    // text: '12369'热线)
    if (single < 0) { if (!afterFigure) single = i; continue; }
    const inner = chars.slice(single + 1, i);
    const figure = inner.length > 0 && inner.every((c) => /[0-9.,%]/.test(c));
    if (afterFigure && !figure) continue;
    const quoted = inner.some(isHan) || (figure && (isHan(chars[single - 1] ?? '') || isHan(chars[i + 1] ?? '')));
    if (quoted && !/[A-Za-z]/.test(chars[single - 1] ?? '') && !/[A-Za-z]/.test(chars[i + 1] ?? '')) {
      out[single] = '‘';
      out[i] = '’';
      single = -1;
    } else single = i;
  }
  // Latin text in “ ” or 《 》 keeps its marks (“Serve the People!”, 《Annual Report (2023)》): the
  // quotes beside them are no Chinese text
  const latin = latinSpans(out);
  // Parentheses: convert a matched pair when it encloses or touches Chinese text (quotes converted
  // above count: "中国政府网"(www.gov.cn) as “中国政府网”(…)).
  const stack: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (masked[i] || latin[i]) continue;
    if (chars[i] === '(') stack.push(i);
    else if (chars[i] === ')') {
      const open = stack.pop();
      if (open === undefined) {
        if (isCjk(neighbourOut(i, -1)) || isCjk(neighbourOut(i, 1))) out[i] = '）';
        continue;
      }
      const inside = chars.slice(open + 1, i).some(isCjk);
      if (inside || isCjk(neighbourOut(open, -1)) || isCjk(neighbourOut(i, 1))) {
        out[open] = '（';
        out[i] = '）';
      }
    }
  }
  for (const open of stack) if (isCjk(neighbourOut(open, -1)) || isCjk(neighbourOut(open, 1))) out[open] = '（';
  // , ; : ? ! next to Chinese text, unless between two Latin letters or digits.
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (masked[i] || latin[i] || c === '(' || c === ')' || !(c in FULL)) continue;
    const before = neighbour(i, -1);
    const after = neighbour(i, 1);
    if (isAlnum(before) && isAlnum(after)) {
      // (between figures in Chinese text and no thousands separator, 分别为12,15,18件, 电话0371-1234567,
      // 0371-7654321: a list's comma, printed half-width between them, a text audit; 1,234 and
      // 12,345.6 are kept)
      if (!(hasHan && (c === ',' || c === ';') && /[0-9]/.test(before) && /[0-9]/.test(after))) continue;
      let [from, to] = [i, i];
      // (the figures the comma stands in: not across a hyphen, 1,000-2,000元 is two of them, a review)
      while (from > 0 && /[0-9,.]/.test(chars[from - 1]!)) from--;
      while (to + 1 < chars.length && /[0-9,.]/.test(chars[to + 1]!)) to++;
      const run = chars.slice(from, to + 1).join('').replace(/^[,.]+|[,.]+$/g, '');
      if (c === ',' && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(run)) continue;
      out[i] = FULL[c];
      continue;
    }
    if (isCjk(before) || isCjk(after) || isCjk(out[i - 1] ?? '') || isCjk(out[i + 1] ?? '') || isCjk(neighbourOut(i, -1)) || isCjk(neighbourOut(i, 1))) out[i] = FULL[c];
    // ? and ! ending a Chinese sentence after a figure or a word (办结率100%? 是否支持PDF?)
    else if ((c === '?' || c === '!') && after === '' && /[%0-9A-Za-z]/.test(before) && sentenceHasHan(out, i - 1)) out[i] = FULL[c];
  }
  if (hasHan && MAYBE.test(text)) {
    // ... after or before Chinese text (等等...): ……
    for (let i = 0; i + 2 < chars.length; i++) {
      if (masked[i] || chars[i] !== '.' || chars[i + 1] !== '.' || chars[i + 2] !== '.') continue;
      let j = i;
      while (j < chars.length && chars[j] === '.') j++;
      // (or after an address that ends a Chinese sentence, 请访问https://x.gov.cn/a.html...: it
      // printed a.html..。, a text audit)
      if (isCjk(neighbourOut(i, -1)) || isCjk(neighbour(j - 1, 1)) || (masked[i - 1] && sentenceHasHan(out, i - 1))) {
        // (four: …… and a full stop, 二是....)
        const dots = j - i === 4 ? 3 : j - i;
        out[i] = '……';
        for (let k = i + 1; k < i + dots; k++) out[k] = '';
        j = i + dots;
      }
      i = j - 1;
    }
    // . or ． ending a Chinese sentence → 。: after a Chinese character, a % or a closing mark
    // (项. 100%. 《条例》. “五公开”.), before Chinese text, a figure or the end (办结100件.2024年);
    // at the very end of the text after anything (申请15. 0371-12345678. gk@x.gov.cn.). Not a list
    // number (一.加强领导, 其一. 第一.), not before a letter (目录.pdf; but before a term in capitals
    // that Chinese text follows: 下降.PM10浓度), and not between two short
    // runs of Chinese characters, which are names as often (约翰.史密斯; 政府网.中国 is a domain name).
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (masked[i] || (c !== '.' && c !== '．') || out[i] !== c) continue;
      const before = neighbourOut(i, -1);
      const after = neighbour(i, 1);
      let k = i - 1;
      while (k >= 0 && skip(out[k]!)) k--;
      if (isHan(before) && NUMERAL.test(before)) {
        // the run of numerals, with 其 or 第 before it, standing at the start or after a mark
        let m = k;
        while (m >= 0 && NUMERAL.test(out[m]!)) m--;
        if (m >= 0 && (out[m] === '其' || out[m] === '第')) m--;
        if (m < 0 || !isHan(out[m]!)) continue;
      }
      // (a decimal typed without its 0 after Chinese text, 下降.5个百分点, 提高.8%, 共计.5万元: a figure, not a
      // sentence end — it printed 下降。5个百分点, a bad-input audit; lint asks for the 0)
      // (one or two digits: 提升.95%以上 may end a sentence as well, which the warning says; three or more, 完成.100%, do)
      if (isHan(before) && BARE_DECIMAL.test(chars.slice(i + 1, i + 12).join(''))) continue;
      const afterMark = isHan(before) || before === '%' || CLOSING.has(before) || before === '……';
      // (before a Latin term in capitals that Chinese text goes on after: 下降.PM10浓度持平; a file's
      // extension in capitals, 样表.PDF, is masked above)
      const term = isHan(before) && /^[A-Z][A-Za-z0-9]*[\u3400-\u9fff]/u.test(chars.slice(i + 1, i + 17).join(''));
      // (after a web or e-mail address, before Chinese text: www.example.gov.cn.欢迎访问 — the
      // address cannot go on past a . and a Chinese character)
      if (!afterMark && k >= 0 && masked[k] && isHan(after) && addressHasDot(k)) {
        out[i] = '。';
        continue;
      }
      // (27.6μg/m³.同比: a figure's unit ends the sentence)
      if (!afterMark && isHan(after) && MEASURE.test(out.slice(Math.max(0, k - 12), k + 1).join('')) && sentenceHasHan(out, k)) {
        out[i] = '。';
        continue;
      }
      const sentenceEnd = afterMark ? after === '' || isCjk(after) || /[0-9)]/.test(after) || term
        // at the end after a figure, an address or a word: where its sentence is Chinese (not "…
        // stay apart.", not a reference's "Paris: OECD Publishing, 2018."), and not an abbreviation's (Co., Ltd.)
        : after === '' && sentenceHasHan(out, k) && !ABBREVIATION.test(out.slice(Math.max(0, k - 5), k + 1).join(''));
      if (!sentenceEnd) continue;
      if (isHan(before) && isHan(after)) {
        // a clause of under five characters before it: a name or a term as likely as a sentence
        let m = k;
        let clause = 0;
        for (; m >= 0 && !/[。！？；，、：（“]/u.test(out[m]!) && !(/[.．]/u.test(out[m]!) && isHan(out[m - 1] ?? '')); m--) if (!skip(out[m]!)) clause++;
        // … and a short run after it (约翰.史密斯); a lead phrase goes on (加强培训.全年举办培训班…)
        let run = 0;
        for (let j = i + 1; j < chars.length && (isHan(chars[j]!) || skip(chars[j]!)); j++) if (!skip(chars[j]!)) run++;
        if (clause < 5 && run <= 4) continue;
        // two runs of a foreign name's characters on either side (邀请专家约翰.史密斯作讲座), a
        // name as likely: left as typed, for lint.ts to ask (it printed 约翰。史密斯 without a word)
        if (betweenNameRuns(chars, i, skip)) continue;
      }
      out[i] = '。';
    }
  }
  // Spaces around full-width marks are never wanted ("6个。 我局", "占100% 。").
  return out.join('').replace(TIGHT, '$1').replace(TIGHT_HAN, '');
}

/** Normalise across the inlines of one block, so a mark at an inline boundary sees both neighbours. */
export function normalizeInlines(inlines: Inline[]): Inline[] {
  if (inlines.length <= 1) return inlines.map((i) => ({ ...i, text: normalizePunctuation(i.text) }));
  const joined = normalizePunctuation(inlines.map((i) => i.text).join(SEPARATOR));
  const parts = joined.split(SEPARATOR);
  // (a text with a U+0001 of its own, as Word marks an object: each inline on its own, none lost)
  if (parts.length !== inlines.length) return inlines.map((i) => ({ ...i, text: normalizePunctuation(i.text) }));
  return inlines.map((i, k) => ({ ...i, text: parts[k]! }));
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
