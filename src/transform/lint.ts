/**
 * Text ↔ numbers lint: percentages in the prose must agree with the figures they are shares of,
 * e.g. "共收到申请301件，其中网络申请103件，占34%" is checked as 103 / 301 = 34.2 % ≈ 34 %.
 * The base is the nearest figure before it introduced by 共 / 总计 / 合计 (or "N件，其中", "N件。其中") in the same
 * sentence, or before it when the sentence opens with 其中.
 * Figures written as {{references}} come from the table and cannot drift; this catches the
 * literal ones. Findings are warnings (an error under --strict); the published text stays as it is.
 */
import type { Finding } from '../model/errors.js';
import { asciiDigits, ATTACHMENT_LABEL, BARE_DECIMAL_UNIT, TO_WRITE } from '../model/typed-text.js';
import { inlineText, listItemLoc, tableRowLoc, type Block, type FilledFigure, type Inline, type Loc } from '../model/types.js';
import { codePointLabel } from './glyph-check.js';
import { unifyIdeographs } from './lookalikes.js';
import { geometry, sizeOf } from '../layout/gbt9704.js';
import { estimatedWidthEm } from '../layout/kinsoku.js';

const UNITS = '件|条|次|篇|个|人次|人|项|元|起|期|家|份|名|宗';
/**
 * A figure's 千, 万 or 亿 before its unit (1.2万件, 9000万元, 1.5亿元): the figures are compared as
 * counts of the unit (a text audit: "9000 is more than the whole, 1.2" of 1.2万件 was a warning
 * that --strict stopped a correct report at, and 0.6万件 of 1.2万件 at 60% passed).
 */
const MULT = '([千万亿])?';
const TIMES: Record<string, number> = { 千: 1e3, 万: 1e4, 亿: 1e8 };
/** A figure as typed and the count it stands for, its 千 万 亿 applied. */
const figure = (digits: string, mult: string | undefined) => num(digits) * (mult ? TIMES[mult]! : 1);
/** A figure, with or without thousands separators: 301, 1,234, 93857, 126.35. */
const NUM = '(?<![\\d.,])((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)';
const num = (s: string) => Number(s.replace(/,/g, ''));
/** The same, captured: a share's and a whole's unit must agree (120人 is no whole of 90件). */
const UNIT_OF = `(${UNITS})`;
// (占34%, 占比34%, and a few words between: 占总数的90.0%, 占全部申请的34%, 占比为34%; in brackets,
// 150件（占80%）, and 所占比例为80%: a known gap)
/** 占 (所占), a few words, and a percentage: the share's own words, its figure captured or not. */
const ZHAN = (capture: boolean) => `所?占[^\\d%％，,。；;、]{0,6}?\\s*(${capture ? '' : '?:'}\\d+(?:\\.\\d+)?)\\s*[%％]`;
const SHARE = new RegExp(`${NUM}\\s*${MULT}${UNIT_OF}?\\s*[，,、（(]?\\s*${ZHAN(true)}`, 'gdu');
/**
 * A whole: "共收到……301件" or "……5件，其中", "……271件。其中" (never a percentage). 共 as "in all" (全国共, 其中共) —
 * not inside 公共, 中共 or 中国共产党, nor as in 共享, 共同, 共建 (公共资源配置信息200条 is no whole).
 */
const TOTAL = '(?:(?<!公)(?<!(?<!其)中)共(?![产享同建治性识青])|总计|合计)';
const BASES = [
  new RegExp(`${TOTAL}[^\\d。；;]{0,15}?${NUM}(?![\\d.,]*\\s*[%％])\\s*${MULT}${UNIT_OF}?`, 'gdu'),
  // (with its own share between, 已办结280件（占93.3%），其中按时办结…: the whole of the second 其中, a review)
  new RegExp(`${NUM}\\s*${MULT}${UNIT_OF}(?:\\s*[（(，,]\\s*${ZHAN(false)}[）)]?)?\\s*[，,]?\\s*其中`, 'gdu'),
];
/**
 * A whole that ends the sentence before one opening with 其中 ("本年新收申请271件。其中，自然人申请
 * 236件，占87.1%"): taken only where that sentence has no 共 / 总计 / 合计 whole ("共收到申请301件，
 * 上年结转5件。其中，当面申请103件" is of 301).
 */
// (not a change, "较上年增加43件。其中": no whole of what follows; the change word is matched and
// the figure then passed over)
const BEFORE_QIZHONG = new RegExp(`(增加|减少|增长|下降|上升|多|少)?\\s*${NUM}\\s*${MULT}${UNIT_OF}\\s*。\\s*其中`, 'gdu');

/** A count in the text: a figure and its unit, not a percentage (the groups as BEFORE_QIZHONG's, after its first). */
const COUNT = new RegExp(`()${NUM}\\s*${MULT}${UNIT_OF}(?!\\s*[%％])`, 'gdu');

/** What makes the figure after it a carry-over or a change, not a whole: 上年结转, 增加, 同比增长. */
const CHANGE_BEFORE = /(?:结转|增加|减少|增长|下降|上升|提高|降低|(?<!新)增|减|多|少)[了约达为]?\s*$/u;

/** A figure with a unit or %, as between a whole and its 其中. */
const FIGURE_WITH_UNIT = new RegExp(`\\d[\\d.,]*\\s*(?:[千万亿]?(?:${UNITS})|[%％])`, 'u');
/** A share's own text (103件，占34%), which may stand between a whole and a later 其中 of it. */
const SHARE_TEXT = new RegExp(SHARE.source, 'gu');
/** A share right after a figure's unit, without the figure: 件（占93.3%）. */
const OWN_SHARE = new RegExp(`^[^\\d]{0,4}?[（(，,]\\s*${ZHAN(false)}[）)]?`, 'u');
/** A count joined to the whole by 和, 及 or 与 (结转申请5件和新收申请95件): the whole is their sum. */
const JOINED_COUNT = new RegExp(`\\d[\\d.,]*\\s*[千万亿]?(?:${UNITS})[^，。；;\\d]{0,12}[和及与][^，。；;\\d]*$`, 'u');

interface Share {
  text: string;
  part: number;
  /** The part and the whole as typed (1.2万): messages name them so. */
  partShown: string;
  baseShown: string;
  percent: number;
  decimals: number;
  base: number;
  /** Where the whole's figure stands: shares of the same whole have the same one. */
  baseAt: number;
  /** Where the share's text starts. */
  at: number;
}

function sharesOf(text: string): Share[] {
  // positions of the figures themselves (regex d flag), not of 共 / 其中
  // (a 共 whole, or a figure before 其中: not a carry-over or a change before it, 上年结转0件，其中… or
  // 较上年增加0件，其中…, whose 其中 is of the figure before them — a review)
  // (上年结转1件, and as the 2021 form words it, 上年结转政府信息公开申请1件, 结转申请1件: a review)
  const carried = (at: number) => CHANGE_BEFORE.test(text.slice(Math.max(0, at - 6), at)) || /结转[^，,。；;！？\d]{0,12}$/u.test(text.slice(Math.max(0, at - 16), at));
  const bases = BASES.flatMap((re, k) => [...text.matchAll(re)].map((m) => ({ m, total: k === 0 })))
    .filter(({ m, total }) => total || !carried(m.indices![1][0]))
    .map(({ m, total }) => ({ at: m.indices![1][0], value: figure(m[1]!, m[2]), shown: `${num(m[1]!)}${m[2] ?? ''}`, unit: m[3], total }))
    .sort((a, b) => a.at - b.at || Number(a.total) - Number(b.total))
    // (a figure both patterns find, 共受理申请0件，其中: once, as a 共 whole)
    .filter((b, k, all) => all[k + 1]?.at !== b.at);
  const sentenceStart = (at: number) => Math.max(...[...'。！？'].map((c) => text.lastIndexOf(c, at - 1))) + 1;
  // (a carry-over ending the sentence is no whole, 新收申请13件，上年结转1件。其中…: the count before
  // it in its sentence is, where there is one — the 其中 of 1 had 12 of 13 "more than the whole", a
  // 2021-form trial)
  // (a whole from a match of BEFORE_QIZHONG or COUNT, found `from` on in the text)
  const whole = (m: RegExpMatchArray, from = 0) => ({ at: from + m.indices![2]![0], value: figure(m[2]!, m[3]), shown: `${num(m[2]!)}${m[3] ?? ''}`, unit: m[4], total: false });
  const ending = [...text.matchAll(BEFORE_QIZHONG)].filter((m) => !m[1]).flatMap((m) => {
    if (!carried(m.indices![2][0])) return [whole(m)];
    const from = sentenceStart(m.indices![2][0]);
    const c = [...text.slice(from, m.indices![2][0]).matchAll(COUNT)].filter((c) => c[4] === m[4] && !carried(from + c.indices![2][0])).at(-1);
    return c ? [whole(c, from)] : [];
  });
  const out: Share[] = [];
  for (const m of text.matchAll(SHARE)) {
    const partAt = m.indices![1][0];
    // the whole is in the same sentence: "…共办结23件…。本年新收申请中，法人申请4件，占18.2%" is
    // not a share of 23 (； goes on with the sentence); a sentence that opens with 其中 goes on
    // with the whole before it ("共收到申请301件……。其中同意公开239件，占80%")
    const sentence = sentenceStart(partAt + 1);
    // (a whole counted in another unit is none of this share's: 涉及120人 before 自然人申请90件)
    const agrees = (b: { unit?: string }) => !b.unit || !m[3] || b.unit === m[3];
    const before = bases.filter((b) => b.at < partAt && agrees(b));
    const opensWithQizhong = /^\s*其中/.test(text.slice(sentence));
    // (the sentence before this one, where it opens with 其中: a 共 whole there, else its last figure)
    const previous = opensWithQizhong ? sentenceStart(sentence - 1) : sentence;
    const base = before.filter((b) => b.at >= sentence).at(-1)
      ?? (opensWithQizhong ? before.filter((b) => b.at >= previous).at(-1) ?? ending.find((b) => b.at >= previous && b.at < sentence && agrees(b)) ?? before.at(-1) : undefined);
    // (a 共 whole of 0 is kept: 共受理申请0件，其中当面申请5件，占60% was let through, a statistics
    // audit; another 0 is too likely some other figure, 同比增长0件, to say a share of it is wrong)
    if (!base || (base.value === 0 && !base.total)) continue;
    // (a whole that other figures follow, in its sentence, before the 其中 the share is in may not be its whole:
    // 共收到申请100件，办结98件，办结率98%，其中按时办结98件，占100% is of the 98; a whole joined
    // to another count, 结转申请5件和新收申请95件，其中…, is their sum: neither is checked)
    const qizhong = text.lastIndexOf('其中', partAt);
    const baseEnd = base.at + (/^[\d.,]+/.exec(text.slice(base.at))?.[0].length ?? 0);
    const between = qizhong > baseEnd ? text.slice(baseEnd, qizhong) : '';
    // (the whole's own share, 280件（占93.3%），其中…, is no other figure)
    if (!/[。！？]/u.test(between) && FIGURE_WITH_UNIT.test(between.replace(SHARE_TEXT, '').replace(OWN_SHARE, ''))) continue;
    if (JOINED_COUNT.test(text.slice(sentenceStart(base.at + 1), base.at))) continue;
    // (a change is no part: 较上年增加10件，占比60% — the share is of the figure before it)
    if (/(?:增加|减少|增长|下降|上升|提高|降低|(?<!新)增|减)[了约达为]?$/u.test(text.slice(Math.max(0, partAt - 4), partAt))) continue;
    // (a share of another whole, named: 占全市总量的7.5%, 占全省的 — a review)
    if (/^占[^\d]*?全(?:国|省|市|区|县|州|盟|旗|镇|乡)/u.test(m[0].slice(m[0].indexOf('占')))) continue;
    // (a bound, not the share: 占比超过70%, 不足80%, 占70%以上, 约60% — a text audit)
    if (/^占[^\d]*?(?:超过?|不足|不到|高于|低于|大于|小于|逾|近|约|至少|最多)/u.test(m[0].slice(m[0].indexOf('占'))) || /^\s*(?:以上|以下|左右|多|余)/u.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 3))) continue;
    out.push({ text: m[0], part: figure(m[1]!, m[2]), partShown: `${num(m[1]!)}${m[2] ?? ''}`, percent: Number(m[4]), decimals: m[4]!.split('.')[1]?.length ?? 0, base: base.value, baseShown: base.shown, baseAt: base.at, at: m.index! });
  }
  return out;
}

/**
 * The text the shares are read from: full-width digits and point in ASCII, and a full-width comma
 * between them as a thousands separator (１，２３６条，占１７％), as an input method types them;
 * every character keeps its place, so positions hold in the text as written.
 */
const figuresOf = (text: string): string => asciiDigits(text).replace(/(?<=\d)，(?=\d{3}(?!\d))/g, ',');

/**
 * A paragraph's text (a heading's with its run-in text, a list item's) and where it is: what the
 * lints read; a paragraph of several lines with its lines as typed (ParagraphBlock.sourceLines).
 */
type TextParagraph = { text: string; loc: Loc; sourceLines?: string[]; escaped?: string; figures?: FilledFigure[]; unfilled?: boolean };

function paragraphs(blocks: Block[]): TextParagraph[] {
  return blocks.flatMap((b) => {
    switch (b.type) {
      case 'paragraph': return [{ text: inlineText(b.inlines), loc: b.loc, ...(b.sourceLines ? { sourceLines: b.sourceLines } : {}), ...(b.escaped ? { escaped: b.escaped } : {}), ...(b.figures ? { figures: b.figures } : {}), ...(b.unfilled ? { unfilled: true } : {}) }];
      case 'heading': return [{ text: inlineText(b.inlines) + inlineText(b.runIn ?? []), loc: b.loc, ...(b.escaped ? { escaped: b.escaped } : {}), ...(b.figures ? { figures: b.figures } : {}), ...(b.unfilled ? { unfilled: true } : {}) }];
      // (an ordered list's items at their own lines; a bullet list's at the list's)
      case 'list': return b.items.map((i, k) => ({
        text: inlineText(i), loc: listItemLoc(b, k), ...(b.escaped?.[k] ? { escaped: b.escaped[k] } : {}),
        ...(b.figures?.some((f) => f.item === k) ? { figures: b.figures.filter((f) => f.item === k) } : {}), ...(b.unfilled?.includes(k) ? { unfilled: true } : {}),
      }));
      default: return [];
    }
  });
}

/** Whether the shares from `k` on, of one whole and with no ； or 其中 between them, add up to it exactly. */
function closesOnWhole(shares: Share[], k: number, text: string): boolean {
  let parts = 0;
  for (let j = k; j < shares.length; j++) {
    const s = shares[j]!;
    if (s.baseAt !== shares[k]!.baseAt || (j > k && /[；;]|其中/.test(text.slice(shares[j - 1]!.at, s.at)))) break;
    parts += s.part;
    if (parts === s.base) return true;
    if (parts > s.base) return false;
  }
  return false;
}

export const lintNumbers = (blocks: Block[]): Finding[] => lintNumbersOf(paragraphs(blocks));

/**
 * The cells the figures `shown` of a paragraph's text came from, by reference, for a fix: the text
 * printed shows the figure, report.md the reference (": 0 is {{s3_1_3}} (…), in the statistics").
 */
function fromCells(p: TextParagraph, shown: string[]): string {
  const cells = [...new Map((p.figures ?? []).filter((f) => shown.includes(f.shown)).map((f) => [f.key, f])).values()];
  return cells.length ? `: ${cells.map((f) => `${f.shown} is {{${f.key}}} (${f.label})`).join(', ')}, in the statistics` : '';
}

/** The sum of shares as they are typed: in their 千 万 亿 where all of them have the same one (0.6万 + 0.5万 = 1.1万). */
function shownSum(run: Share[], parts: number): string {
  const mult = /[千万亿]$/u.exec(run[0]!.partShown)?.[0];
  return mult && run.every((x) => x.partShown.endsWith(mult)) ? `${Number((parts / TIMES[mult]!).toPrecision(12))}${mult}` : String(parts);
}

function lintNumbersOf(texts: TextParagraph[]): Finding[] {
  const findings: Finding[] = [];
  for (const p of texts) {
    // (a text a reference could not be filled into lacks a figure: its shares are not checked, a
    // share of another figure read as its whole — the reference's error says it)
    if (p.unfilled) continue;
    const shares = sharesOf(figuresOf(p.text));
    for (const s of shares) {
      // a share of a whole of 0: none, whatever its percentage (0件，占0% is one)
      if (s.base === 0) {
        if (s.part !== 0 || s.percent !== 0) {
          findings.push({ severity: 'warning', loc: p.loc, message: `"${p.text.slice(s.at, s.at + s.text.length)}": the whole it is a share of is 0: it can be ${s.part !== 0 ? `neither ${s.partShown} nor ${s.percent}%` : `no ${s.percent}%`}`, hint: 'check the figures: the whole before it is 0' });
        }
        continue;
      }
      // (a part larger than its whole: said once, below, as that — not also as a percentage to
      // write, 500%, a statistics audit)
      if (s.part > s.base) continue;
      const exact = (100 * s.part) / s.base;
      const tolerance = 0.5 * 10 ** -s.decimals + 1e-9;
      if (Math.abs(exact - s.percent) <= tolerance) continue;
      findings.push({
        severity: 'warning',
        loc: p.loc,
        message: `"${p.text.slice(s.at, s.at + s.text.length)}": ${s.partShown} / ${s.baseShown} = ${exact.toFixed(Math.max(1, s.decimals))}%, not ${s.percent.toFixed(s.decimals)}%`,
        hint: `write ${exact.toFixed(s.decimals)}%, or check the figures${fromCells(p, [s.partShown, s.baseShown])}`,
      });
    }
    // Consecutive shares of one whole split it up: a run closes when its parts reach the whole,
    // and may not go past it ("103件占34%，198件占66%" of 301 is one split). A second split may
    // follow, after a ；or a new 其中; a share that goes on the same list (，) stays in the run.
    let run: Share[] = [];
    // a run that closed on the whole: where, of which whole, and its shares
    let closedAt = -1;
    let closedBase = -1;
    let closedRun: Share[] = [];
    for (let k = 0; k < shares.length; k++) {
      const s = shares[k]!;
      if (s.base === 0) continue; // (said above)
      if (run.length && run[0].baseAt !== s.baseAt) run = [];
      // after a split closed on the whole, a share that goes on the same list reopens it — unless
      // it starts a second split that closes on the whole by itself (网络103、信函198，自然人280、法人21 of 301)
      if (closedAt >= 0 && run.length === 0 && s.baseAt === closedBase && !/[；;]|其中/.test(p.text.slice(closedAt, s.at))
        && !closesOnWhole(shares, k, p.text)) run = closedRun;
      closedAt = -1;
      run.push(s);
      const parts = run.reduce((a, x) => a + x.part, 0);
      const percent = run.reduce((a, x) => a + x.percent, 0);
      // (shown to the most decimals a share has: 35.7 + 63.6 + 10.7 is 110.00000000000001 in floats)
      const shownPercent = percent.toFixed(Math.max(...run.map((x) => x.decimals)));
      if (parts > s.base || percent > 100 + 0.5 * run.length) {
        findings.push({
          severity: 'warning', loc: p.loc,
          // (one share alone: no sum to show)
          message: run.length === 1
            ? `"${p.text.slice(s.at, s.at + s.text.length)}": ${s.partShown} is more than the whole it is a share of, ${s.baseShown}`
            : parts > s.base
              ? `shares of ${s.baseShown} add up to more than the whole: ${run.map((x) => x.partShown).join(' + ')} = ${shownSum(run, parts)} (${run.map((x) => `${x.percent}%`).join(' + ')} = ${shownPercent}%)`
              // (the counts fit the whole; their percentages do not)
              : `the percentages of shares of ${s.baseShown} add up to ${shownPercent}% (${run.map((x) => `${x.percent}%`).join(' + ')}), though their counts make ${shownSum(run, parts)} (${run.map((x) => x.partShown).join(' + ')})`,
          hint: 'check the figures',
        });
        run = [];
      } else if (parts === s.base) {
        closedAt = s.at + s.text.length;
        closedBase = s.baseAt;
        closedRun = run;
        run = [];
      }
    }
  }
  return findings;
}

/** Text still to be written: a warning per paragraph (an error under --strict), so it is never published. */
function lintPlaceholdersOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    const at = p.text.indexOf(TO_WRITE);
    if (at < 0) return [];
    const rest = p.text.slice(at);
    return [{
      severity: 'warning', loc: p.loc,
      message: `text still to be written: "${rest.length > 24 ? `${rest.slice(0, 24)}…` : rest}"`,
      hint: 'write the text in its place, or delete the line',
    }];
  });
}

/**
 * Figures typed in full-width digits (１２３６条, as an input method gives them): printed as typed,
 * they stand out beside the figures in ASCII digits (GB/T 15835: Arabic numerals half-width). A
 * warning per paragraph (an error under --strict), with the figure as it should be written.
 */
export const lintFullWidthDigits = (blocks: Block[]): Finding[] => lintFullWidthDigitsOf(paragraphs(blocks));

function lintFullWidthDigitsOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    // every such figure of the paragraph, so that one run finds them all
    // (with the ASCII point or digits typed among them: ４３.９ is one figure, not ４３ and ９, a text audit)
    // (ASCII digits only across a point: １２，15 is the full-width １２ and an ASCII 15, a review)
    // (and ASCII digits right beside them: 2０件 is the figure 20, named whole — it was "０", a 2014-form trial)
    const typed = [...p.text.matchAll(/(?:[0-9]+[.．]?)?[０-９](?:[０-９0-9]|[，．](?=[０-９]))*(?:\.[0-9０-９]+)?/g)].map((m) => m[0].replace(/[，．.]+$/, ''));
    if (!typed.length) return [];
    const shown = typed.length > 6 ? [...typed.slice(0, 6), '…'] : typed;
    return [{
      severity: 'warning', loc: p.loc,
      message: `${shown.map((t) => `"${t}"`).join(', ')} ${typed.length > 1 ? 'are' : 'is'} written in full-width digits`,
      hint: `write the figures in ASCII digits: ${shown.map((t) => (t === '…' ? t : figuresOf(t))).join(', ')} (switch the input method to half-width for digits)`,
    }];
  });
}

/**
 * A . left between Chinese characters (县政府.承办, 约翰.史密斯): printed as typed, where it is
 * either a sentence's end (。) or a foreign name's 间隔号 (·), which punctuation.ts cannot tell
 * apart (a text audit). Not before a Chinese top-level domain (政府网.中国). A warning per paragraph.
 */
function lintDotsBetweenHanOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    const dots = [...p.text.matchAll(/[\u3400-\u9fff]{1,4}\.(?!中国|公司|网络|政务|公益)[\u3400-\u9fff]{1,4}/gu)].map((m) => m[0]);
    if (!dots.length) return [];
    return [{
      severity: 'warning', loc: p.loc,
      message: `${dots.slice(0, 3).map((t) => `"${t}"`).join(', ')}: a . between Chinese characters is printed as typed`,
      hint: 'write 。 where a sentence ends there, or the 间隔号 · in a foreign name (约翰·史密斯)',
    }];
  });
}

/** A decimal typed without its 0 after Chinese text, before what makes it one (model/typed-text.ts). */
const BARE_DECIMAL = new RegExp(`(?<=[\\u3400-\\u9fff])\\.(\\d{1,2})(?=\\s*${BARE_DECIMAL_UNIT})`, 'gu');

/**
 * A decimal typed without its 0 after Chinese text (下降.5个百分点, 提高.8%, 共计.5万元): printed as typed,
 * it reads as a sentence end or a stray dot (punctuation.ts leaves it a figure). A warning per
 * paragraph, with the figure as it should be written.
 */
function lintBareDecimalsOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    const bare = [...p.text.matchAll(BARE_DECIMAL)].map((m) => m[0]);
    if (!bare.length) return [];
    return [{
      severity: 'warning', loc: p.loc,
      message: `${bare.map((t) => `"${t}"`).join(', ')}: a decimal without its 0`,
      hint: `write ${bare.map((t) => `0${t}`).join(', ')}; or, where a sentence ends before the figure, 。 for the .`,
    }];
  });
}

/**
 * Emphasis written with underscores around Chinese text (__粗__, _强调_), which Markdown prints as
 * typed there: a pair of _ or __ around text with a Chinese character in it, not inside a word.
 * A single underscore (年报_2021.pdf), those of addresses and names (qinghe_gk@…, report_2021)
 * and a run of them (a blank to fill in: ____) are no emphasis.
 */
const STRAY_UNDERSCORE = /(?<![_A-Za-z0-9])(_{1,2})(?=[^_\s])[^_]*[\u3400-\u9fff][^_]*(?<=[^_\s])\1(?![_A-Za-z0-9])/;

/**
 * Emphasis written with underscores beside Chinese text (__加粗__与_强调_) prints its underscores:
 * a warning per paragraph (an error under --strict). Underscores in addresses (qinghe_gk@…) are
 * not beside Chinese characters and pass.
 */
export const lintUnderscores = (blocks: Block[]): Finding[] => lintUnderscoresOf(paragraphs(blocks));

function lintUnderscoresOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    const m = STRAY_UNDERSCORE.exec(p.text);
    if (!m) return [];
    const around = m[0].length > 14 ? `${m[0].slice(0, 14)}…` : m[0];
    return [{
      severity: 'warning', loc: p.loc,
      message: `"${around}": an underscore beside Chinese text is printed as typed`,
      hint: 'write **bold** (黑体) or *emphasis* (楷体) with asterisks; underscores make emphasis only between Latin words',
    }];
  });
}

/**
 * Markdown that gongwen does not read, printed as typed (adversarial audit): a footnote mark
 * [^1] and its note, a link by reference [text][ref] and its definition [ref]: https://…, a task
 * list's [ ], a ** without its pair, a line of === under a line of text (Markdown's other way to
 * mark a heading). The first of them in a paragraph, a warning (an error under --strict).
 */
const PRINTED_MARKUP: { re: RegExp; what: string; hint: string }[] = [
  { re: /\[\^[^\]\s]{1,20}\]:?/, what: 'a footnote mark is printed as typed: gongwen prints no footnotes', hint: 'write the note in the text, in brackets, or as a paragraph "注：…" below' },
  { re: /^\[[^\]\n]{1,40}\]:\s*\S+/, what: 'a link definition is printed as typed', hint: 'write each link where it is used, [text](https://…): its address prints after the text, in brackets' },
  // (not citations, 文献[1][2]: review)
  { re: /\[(?![\d,，、\s\-–]*\])[^\]\n]{1,40}\]\[[^\]\n]{0,40}\]/, what: 'a link by reference is printed as typed', hint: 'write the link where it is used, [text](https://…): its address prints after the text, in brackets' },
  { re: /^\[[ xX]\](?=\s)/, what: 'a checkbox is printed as typed', hint: 'write the item without "[ ]": a 公文 list has no checkboxes' },
  // (a formula in LaTeX, $\frac{a}{b}$ or \begin{equation}: a bad-input audit)
  // (a command with its argument, \frac{ or \left(, or any inside $ $: not a Windows path, C:\Users\right\, a review)
  { re: /\\(?:frac|dfrac|sqrt|begin|end|left|right|text|mathrm)[{(\[]|\$\$|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$|\$[A-Za-z0-9]+[\^_][A-Za-z0-9{}]+\$/, what: 'a formula in LaTeX is printed as typed: gongwen typesets no formulas', hint: 'write the formula as text, with × ÷ and /: 增长率＝（本年数−上年数）÷上年数×100%' },
  // (one that opens a word: not a masked name or number, 张**、4101********1234, nor 2**3: review)
  { re: /(?<!\*)\*\*(?!\*)(?=[\p{L}\p{N}])(?<![0-9A-Za-z]\*\*(?=[0-9A-Za-z]))/u, what: 'a ** without its pair is printed as typed', hint: 'close the bold with ** after its last character, or delete the **' },
];
/** A line of === right under a line of text (Markdown's other heading), not a line of them alone. */
const UNDERLINE = { what: 'a line of === under a line of text is printed as typed', hint: 'write the heading with # before it on its own line (# for 一、, ## for （一）…)' };

function lintMarkupOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    // (what the writer escaped, \* or \[, is meant to print as typed: a match counts only where
    // it stands in the source with its escaped marks taken out, \[^1] not being [^1]; the others
    // are warned of all the same, review. A ** in a paragraph that escapes a * cannot be told
    // from a pair of bold's, and passes)
    const source = p.escaped?.replace(/\\[*[\]=_#]/g, '\u0000');
    if (!/[[*=\\$]/.test(p.text)) return [];
    // (a \ at a paragraph's end breaks no line, as nothing follows: printed, a layout audit)
    // (not one that ends a path, D:\政务公开\2021年报\: a review)
    if (/\\\s*$/.test(p.text) && !/\\\\\s*$/.test(p.escaped ?? '') && !/\\[^\\\s]+\\\s*$/.test(p.text)) {
      return [{ severity: 'warning', loc: p.loc, message: `"${p.text.trim().slice(-12)}": a \\ at the end of a paragraph is printed as typed (it breaks a line only before another line of the paragraph)`, hint: 'delete the \\' }];
    }
    const last = p.sourceLines?.at(-1);
    if (last !== undefined && p.sourceLines!.length > 1 && /^\s*={3,}\s*$/.test(last)) {
      return [{ severity: 'warning', loc: p.loc, message: `"${last.trim().slice(0, 24)}": ${UNDERLINE.what}`, hint: UNDERLINE.hint }];
    }
    for (const { re, what, hint } of PRINTED_MARKUP) {
      const all = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
      const m = [...p.text.matchAll(all)].find((x) => source === undefined || (x[0] === '**' ? !p.escaped!.includes('\\*') : source.includes(x[0])));
      if (!m) continue;
      const shown = m[0].length > 24 ? `${m[0].slice(0, 24)}…` : m[0];
      return [{ severity: 'warning', loc: p.loc, message: `"${shown}": ${what}`, hint }];
    }
    return [];
  });
}

/**
 * Emphasis that a * meant as a product, a grade or a mask opened (即a*b=c，2*3=6; A*级单位…B*级;
 * 王*某、李*某): Markdown read the two * as emphasis, dropped them and set the text between in 楷体
 * (QA, review). Such emphasis opens right after a Latin letter or figure, or closes right before
 * one, and holds one at an end; or runs a few characters from inside one word over a 、 or ， to
 * inside another; or opens on a mark right after a word (注*：…). Emphasis a writer means stands
 * between words (本年度*重点*工作, 共*15*件, *重点工作、主要任务*, 5G*智慧政务*). A warning per
 * paragraph, heading or list item (an error under --strict); stars escaped (\*) make no emphasis,
 * so need no warning.
 */
function lintStarsInWords(blocks: Block[]): Finding[] {
  const ALNUM_END = /[0-9A-Za-z]$/;
  const ALNUM_START = /^[0-9A-Za-z]/;
  const LETTER_END = /[\p{L}\p{N}]$/u;
  const LETTER_START = /^[\p{L}\p{N}]/u;
  const plain = (i: Inline | undefined) => i !== undefined && !i.italic && !i.bold;
  const check = (inlines: Inline[], loc: Loc): Finding[] => {
    const k = inlines.findIndex((i, j) => {
      if (!(i.italic || i.bold)) return false;
      const [before, after] = [inlines[j - 1], inlines[j + 1]];
      // (a * attached to a letter or figure on its outer side, and the emphasis holding one at
      // either end: 2*3, A*级…B*, 5*3元; not 12345*政务热线*, *一网通办*2.0版: review)
      const held = ALNUM_START.test(i.text) || ALNUM_END.test(i.text);
      return (plain(before) && ALNUM_END.test(before!.text) && held)
        || (plain(after) && ALNUM_START.test(after!.text) && held)
        // (masked names over a 、 or 和, 王*某、李*某, 王*某某与李*某某: a character or two either
        // side, one of them one; not *教育、医疗*)
        || (plain(before) && plain(after) && LETTER_END.test(before!.text) && LETTER_START.test(after!.text) && /^(?:[^、，；和与及]{1,2}[、，；和与及][^、，；和与及]|[^、，；和与及][、，；和与及][^、，；和与及]{1,2})$/u.test(i.text))
        // (a * after a word and the emphasis opening with a mark, 注*：数据…，*号: no emphasis meant)
        || (plain(before) && LETTER_END.test(before!.text) && /^[：，。；、]/.test(i.text));
    });
    if (k < 0) return [];
    // (as typed: ** around bold, * around emphasis)
    const star = inlines[k]!.bold ? '**' : '*';
    const around = `${inlines[k - 1]?.text.slice(-4) ?? ''}${star}${inlines[k]!.text.slice(0, 10)}${star}${inlines[k + 1]?.text.slice(0, 4) ?? ''}`;
    return [{
      severity: 'warning', loc,
      message: `"${around}": a * between letters or figures is read as emphasis (the text between set in 楷体 or 黑体, the * not printed)`,
      hint: 'write × for a product (2×3), or \\* for a star that prints',
    }];
  };
  return blocks.flatMap((b) => (b.type === 'paragraph' ? check(b.inlines, b.loc)
    : b.type === 'heading' ? [...check(b.inlines, b.loc), ...(b.runIn ? check(b.runIn, b.loc) : [])].slice(0, 1)
    : b.type === 'list' ? b.items.flatMap((item, k) => check(item, listItemLoc(b, k))) : []));
}

/**
 * An ASCII " beside Chinese text that punctuation left as typed (transform/punctuation.ts: its
 * pair could not be told, as in “放管服"改革和"三公"经费, or it has none): printed as typed, it
 * stands out. A warning per paragraph (an error under --strict); an inch mark after a figure passes.
 */
function lintStrayQuotesOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    const m = /(?<![0-9"])"(?=\s*[\u3400-\u9fff“”‘’，。])|(?<=[\u3400-\u9fff“”‘’，。]\s*)"/u.exec(p.text);
    if (!m) return [];
    const around = p.text.slice(Math.max(0, m.index - 8), m.index + 9);
    return [{
      severity: 'warning', loc: p.loc,
      message: `an ASCII quote " is printed as typed in "${around}": which quote it pairs with could not be told`,
      hint: 'type the quotes as “ ” (and ‘ ’ inside them), or all of them as "',
    }];
  });
}

/**
 * Word's bullets pasted with a list (• 一是强化日常检查；), printed as typed: a bullet at a
 * paragraph's start, or after a sentence's end inside it, where lines that each began with one
 * ran together into one paragraph. A warning per paragraph (an error under --strict).
 */
// (or straight before Chinese text at a paragraph's start or after a sentence's end, ●加强培训。: it
// printed under --strict without a word, a newcomer — not a box or check mark, □是 ■否, ✓已完成, a review)
const PASTED_BULLET = /(?:^|[\s；。;！？])([•●○■□◆◇▪▫►▶➢✔✓])\s|(?:^|[；。;！？])([•●○◆◇▪▫►▶➢])(?=[\u3400-\u9fff“（])/u;

function lintBulletsOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => PASTED_BULLET.test(p.text) ? [{
    severity: 'warning', loc: p.loc,
    message: `"${p.text.slice(0, 16)}…": a bullet pasted from Word (${(([, spaced, bare]) => spaced ?? bare)(PASTED_BULLET.exec(p.text)!)}) is printed as typed, and lines that begin with one run together into one paragraph`,
    hint: 'write each item on a line of its own that starts with "- " (a list, printed as paragraphs without bullets), or as paragraphs with a blank line between',
  }] : []);
}

/**
 * A paragraph that is a heading typed without its # (一、工作要点 on a line of its own, as pasted
 * from Word; 第一部分 总体情况, as some reports number their parts): printed as body text, its
 * number typed, where gongwen would number a heading. A
 * short paragraph (up to 40 characters) that opens with a section number and holds no sentence's
 * end; a numbered sentence (1.加强培训。) is text. A warning (an error under --strict).
 */
const TYPED_SECTION = /^\s*(?:第[一二三四五六七八九十]+(?:部分|章|节)(?:[\s　:：、]+|$)|[一二三四五六七八九十]+、(?![一二三四五六七八九十])|[一二三四五六七八九十]+[.．](?![一二三四五六七八九十0-9])|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[.．、](?![0-9])|[（(][0-9]{1,2}[）)])/u;

export function lintPastedHeadings(blocks: Block[]): Finding[] {
  /** Whether the paragraph before is a 附件说明 (附件：1.…) or an attachment listed under it. */
  let note = false;
  return blocks.flatMap((b): Finding[] => {
    if (b.type !== 'paragraph') return (note = false, []);
    const text = inlineText(b.inlines).trim();
    // (2.… under 附件：1.…: the 附件说明's next attachment, which structure.ts tells of, a 2019-form trial)
    const listed = note && /^[0-9]{1,2}[.．、]/u.test(text);
    note = listed || ATTACHMENT_LABEL.test(text);
    // (a paragraph of several lines is told of by its lines: its first line, where that is a heading)
    const heading = b.sourceLines || listed ? undefined : typedHeading(text);
    return [
      ...(heading ? [{
        severity: 'warning' as const, loc: b.loc,
        message: `"${text}" looks like a heading typed without #: it is printed as body text, with the number typed`,
        hint: `write it as a heading without its number (gongwen numbers it by its level: # 一、, ## （一）, ### 1., #### （1））: "${heading}"`,
      }] : []),
      ...headingsInside(b.sourceLines ?? [], b.loc),
    ];
  });
}

/** The heading to write for `text` where it looks like one typed without # (TYPED_SECTION), else undefined. */
function typedHeading(text: string): string | undefined {
  const number = TYPED_SECTION.exec(text)?.[0].trim();
  if (!number || [...text].length > 40 || /[。！？；，,.!?;：:]/u.test(text.slice(number.length))) return undefined;
  // (a range or a list of numbers, （一）至（三）项均已落实, 1—3项: a sentence about them, not a heading, a text audit)
  if (/^\s*(?:至|到|和|与|及|或|、|—|－|-|~|～)\s*[（(]?[一二三四五六七八九十0-9]/u.test(text.slice(TYPED_SECTION.exec(text)![0].length))) return undefined;
  const level = /^[第一二三四五六七八九十]/u.test(number) ? '#' : /^[（(][一二三四五六七八九十]/u.test(number) ? '##' : /^[0-9]/.test(number) ? '###' : '####';
  return `${level} ${text.slice(number.length).replace(/^[\s　、.．,，:：]+/u, '').trim()}`;
}

/**
 * A line inside a paragraph that starts a section — text copied out of a PDF or a web page has
 * lost its blank lines, so Markdown joins 全面清理，废止2件。⏎（四）平台建设⏎2025年，… into one
 * paragraph, the heading printed inside it: a line that looks like a heading typed without # (as
 * above), or one that opens with 一、, （一） or 第一部分 after a line that ends a sentence. A line
 * after ： or ； is an item of a list run into the text (主要做法：⏎（1）加强领导；⏎（2）…), as 公文
 * write them. A warning at its line.
 */
/** A line of a paragraph as typed, trimmed, with a PDF copy's radicals read as the characters (⼆、 is 二、). */
const typedLine = (raw: string): string => unifyIdeographs(raw).replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');

/** A line's item number typed by hand, 1、 1. （1）: its figure, its style and its length; undefined for none. */
function itemNumber(line: string): { n: number; style: string; length: number } | undefined {
  const m = /^([（(])?([0-9]{1,2})([、.．]|[）)])(?![0-9])/u.exec(line);
  if (!m || Boolean(m[1]) !== /[）)]/u.test(m[3]!)) return undefined;
  return { n: Number(m[2]), style: m[1] ? '()' : m[3] === '、' ? '、' : '.', length: m[0].length };
}

function headingsInside(lines: string[], loc: Loc): Finding[] {
  const typed = lines.map(typedLine);
  /** Whether the line before was an item of a list run into the text (主要措施有：⏎1、加强组织领导⏎2、…). */
  let item = false;
  return typed.flatMap((line, k): Finding[] => {
    if (!TYPED_SECTION.test(line)) {
      item = false;
      return [];
    }
    // (after ： or ；, an item of a list run into the text, and the items after it; after 附件：1.…,
    // the 附件说明's next attachment, which structure.ts tells of: a 2019-form trial)
    item = k > 0 && (item || /[：:；;]$/u.test(typed[k - 1]!) || ATTACHMENT_LABEL.test(typed[k - 1]!));
    if (item) return [];
    const heading = typedHeading(line);
    const section = /^(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/u.test(line);
    const shown = line.length > 20 ? `${line.slice(0, 20)}…` : line;
    if (k === 0) {
      // (the paragraph's first line: a heading that the text below it runs on from)
      return heading ? [{
        severity: 'warning', loc,
        message: `"${shown}" looks like a heading typed without #, and the line below it runs on from it: both are printed as one paragraph`,
        hint: `leave a blank line after it and write it as a heading: "${heading}"`,
      }] : [];
    }
    // (items numbered by hand, each on a line of its own after a sentence's end — 1、…。⏎2、…。, or
    // 1. or （1） — printed as one paragraph without a word, a 2021-form trial: the line that goes
    // on from the item before it in number and style)
    const n = itemNumber(line);
    if (!heading && n && n.n > 1 && /[。！？!?]$/u.test(typed[k - 1]!) && typed.slice(0, k).some((l) => { const p = itemNumber(l); return p?.style === n.style && p.n === n.n - 1; })) {
      return [{
        severity: 'warning', loc: { file: loc.file, line: loc.line + k },
        message: `"${shown}" is an item numbered by hand on a line of its own: Markdown joins it to the line above, so the items are printed as one paragraph`,
        hint: `leave a blank line before it (each item a paragraph), or write each as a heading over its text, "${n.style === '()' ? '####' : '###'} ${line.slice(n.length).split(/[。！？]/u)[0]}。" (gongwen numbers them)`,
      }];
    }
    if (!heading && !(section && /[。！？!?]$/u.test(typed[k - 1]!))) return [];
    return [{
      severity: 'warning', loc: { file: loc.file, line: loc.line + k },
      message: `"${shown}" starts a section inside the paragraph above it: Markdown joins a line to the one before it, so it is printed inside that paragraph (text copied from a PDF or a web page has lost its blank lines)`,
      hint: heading ? `leave a blank line before it and write it as a heading: "${heading}"` : 'leave a blank line before it, and write its heading with # (gongwen numbers it)',
    }];
  });
}

/**
 * A figure filled in from the statistics with the other count's unit typed after it: {{…}}条 where
 * the form counts the cell in 件 (an application, 表三), or 件 where it counts 条 (主动公开的信息,
 * the 2014 form). Printed as typed, and the share after it went unchecked, its whole counted in
 * the other unit (a 2019-form trial: 自然人申请186条，占85.2% beside 232件). A warning per paragraph.
 */
export function lintFigureUnits(blocks: Block[], unitOf: (key: string) => string | undefined): Finding[] {
  return paragraphs(blocks).flatMap((p): Finding[] => {
    for (const f of p.figures ?? []) {
      const unit = unitOf(f.key);
      if (unit !== '件' && unit !== '条') continue;
      const other = unit === '件' ? '条' : '件';
      // (the unit typed after the reference itself: another figure's 16条 is none, a review)
      if (f.next !== other) continue;
      return [{
        severity: 'warning', loc: p.loc,
        message: `"${f.shown}${other}": ${f.shown} is {{${f.key}}} (${f.label}), which the form counts in ${unit}`,
        hint: `write ${f.shown}${unit}`,
      }];
    }
    return [];
  });
}

/**
 * The statistics period a report states (本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止)
 * of another year than the report's: the sentence most often carried over from last year's file,
 * which the title's and published:'s checks do not see (a 2021-form trial). A warning at its
 * paragraph, naming the year to write.
 */
export function lintStatisticsPeriod(blocks: Block[], year: number): Finding[] {
  return paragraphs(blocks).flatMap((p): Finding[] => {
    // (in a sentence on the figures, 统计 or 数据 before it: a plan's own years, 三年行动计划
    // （2021年1月1日至2023年12月31日）, are none)
    // (起，至 as the Shangqiu report writes it, and dashes of any length; not a sentence that sets
    // the figures against last year's, 与上年（2023年1月1日至…）相比: a review)
    const m = /(?:统计|数据)[^。！？]*?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*[，,]?\s*)?(?:至|到|—{1,2}|－|-|–|~|～)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日/u.exec(asciiDigits(p.text));
    if (!m || (m[1] === String(year) && (m[2] ?? m[1]) === String(year))) return [];
    const sentence = p.text.slice(0, m.index + m[0].length).split(/[。！？]/u).at(-1)! + p.text.slice(m.index + m[0].length).split(/[。！？]/u)[0];
    if (/上年|去年|同期|相比|对比|比较/u.test(sentence)) return [];
    return [{
      severity: 'warning', loc: p.loc,
      message: `the statistics period "${m[0].slice(m[0].indexOf(m[1]!))}" is not the report's year, ${year} (year: ${year})`,
      hint: `write ${year}年1月1日 to ${year}年12月31日 (a file copied from last year's keeps the old period), or correct year:`,
    }];
  });
}

/**
 * A paragraph that opens with last year (2023年，我局… in a 2024 report) and names the report's
 * year nowhere: the sentences a file copied from last year's keeps (a 2019-form trial: five of
 * them, the lead-ins of the three tables among them, passed --strict). A plan's year (2025年，我局将…),
 * years further back, a date (2023年5月，…施行) and a paragraph that names the report's year too
 * (2023年…；2024年…, 本年度, 今年, 同比) are none. A warning at its paragraph.
 */
export function lintLastYearOpenings(blocks: Block[], year: number): Finding[] {
  return paragraphs(blocks).flatMap((p): Finding[] => {
    const text = asciiDigits(p.text);
    const m = /^[\s\u3000]*(\d{4})\s*年度?\s*[，,]/u.exec(text);
    // (the report's year named as 本年度, 今年, or by a comparison with last year: 2020年…，本年度收到271件，
    // 同比增长; 2020年…指出的问题已于今年整改到位, as part 五 reports them — a review)
    if (!m || Number(m[1]) !== year - 1 || text.includes(`${year}年`) || /本年|今年|同比|较上年|比上年/u.test(text)) return [];
    const shown = text.trim().slice(0, 16);
    return [{
      severity: 'warning', loc: p.loc,
      message: `"${shown}…" opens with ${m[1]}年, the year before the report's (year: ${year}), and names ${year}年 nowhere: a sentence left from last year's report?`,
      hint: `write ${year}年 if it is this year's (or correct year:); where it is last year's on purpose, give its month (${m[1]}年5月，…) or name ${year}年 in the paragraph`,
    }];
  });
}

/** Full-width digits in the title (某县２０２３年…), which the body's lint would not see: printed on the first page as typed. */
export const lintTitleDigits = (title: string, loc: Loc): Finding[] => lintFullWidthDigitsOf([{ text: title, loc }]);

/**
 * A title's line, broken by hand (`title: |`), wider than a line of the title (20 characters of 二号
 * across the 版心, a figure half of one): it is broken again where it reaches the margin, by the
 * typesetter, without gongwen's rules (…关于示例区政务 / 公开标准化…, a kitchen-sink audit).
 */
export function lintTitleLines(lines: readonly string[] | undefined, loc: Loc): Finding[] {
  const room = geometry.textWidth / sizeOf('title');
  return (lines ?? []).flatMap((line, k) => {
    const em = estimatedWidthEm(line);
    if (em <= room + 0.01) return [];
    return [{
      severity: 'warning' as const, loc: loc.line !== undefined ? { ...loc, line: loc.line + 1 + k } : loc,
      message: `line ${k + 1} of the title, "${line}", is ${Number(em.toFixed(1))} characters wide, more than the ${Math.floor(room)} a line of the title holds: it is broken again at the margin, inside a word where one stands there`,
      hint: 'break it into shorter lines under title: |, or write the title on one line and leave its lines to gongwen',
    }];
  });
}

/** A title with a stray quote or an unmatched mark (某县…年度报告" from a missing opening quote in YAML): printed on the first page, and in the PDF's Title. */
export function lintTitleMarks(title: string, loc: Loc): Finding[] {
  const count = (c: string) => [...title].filter((x) => x === c).length;
  const stray = /["'“”‘’]/u.test(title) && (title.includes('"') || title.includes("'") || count('“') !== count('”') || count('‘') !== count('’'));
  const unmatched = count('《') !== count('》') || count('（') !== count('）') || count('(') !== count(')');
  if (!stray && !unmatched) return [];
  return [{
    severity: 'warning', loc,
    message: `the title "${title}" has ${stray ? 'a stray quote' : 'an unmatched bracket'}: it is printed as typed on the first page and in the PDF's title`,
    hint: 'check the title: to hold : or # in YAML, put the whole title in quotes ("…"), each quote of a pair where it belongs',
  }];
}

/**
 * A 文号 (doc_no) against GB/T 9704 §7.2.5: the year in full in 〔 〕 (transform/index.ts puts a
 * four-digit year typed in [ ] or （ ） into 〔 〕), the sequence number with no 第 and no leading
 * zero, then 号 — 某政办〔2023〕5号. A 文号 written otherwise is printed as typed, with a warning (an
 * error under --strict) that says what to write. One written without a bracketed year at all
 * (a portal's own numbering) is left alone.
 */
export function lintDocNo(docNo: string | undefined, loc: Loc): Finding[] {
  const m = docNo && /[[【［(（〔﹝]\s*([0-9０-９]+)\s*[\]】］)）〕﹞]\s*(第?)\s*([0-9０-９]*)\s*(号?)/u.exec(docNo);
  if (!m) return [];
  const [, year, di, seq, hao] = m.map((x) => figuresOf(x ?? ''));
  const wrong: string[] = [];
  if (year.length !== 4) wrong.push(`its year "${year}" is not written in full (${year.length === 2 ? `〔20${year}〕` : 'four digits'})`);
  if (di) wrong.push('the sequence number has 第 before it');
  if (/^0\d/.test(seq)) wrong.push(`the sequence number "${seq}" has a leading zero (${Number(seq)}号)`);
  if (seq && !hao) wrong.push('the sequence number is not followed by 号');
  if (!wrong.length) return [];
  const full = year.length === 2 ? `20${year}` : year;
  const written = full.length === 4 && seq ? `"${docNo.slice(0, m.index)}〔${full}〕${Number(seq)}号${docNo.slice(m.index + m[0].length)}"` : 'it as 机关代字〔年份〕序号号';
  return [{
    severity: 'warning', loc,
    message: `the 文号 "${docNo}": ${wrong.join('; ')}`,
    hint: `write ${written} (GB/T 9704 §7.2.5: the year in full in 〔 〕, the sequence number with no 第 and no leading zero, then 号)`,
  }];
}

/**
 * A space between Chinese characters, or between one and a figure (政 府 信 息 公 开 from a PDF
 * copy, 示例市 清河区, 2022年 1月 with a no-break space, 共 15 件): printed as typed, where a 公文
 * has none. A warning per paragraph (an error under --strict). Latin words keep their spaces.
 */
// (the spaces a 公文 has, among these, are told by meantSpace)
// (and inside a figure beside Chinese text: 培训人员1 6 0余人次, 1. 2万条 from a PDF copy)
const SPACED = /[\u3400-\u9fff][ \u00a0\u2000-\u200a\u202f\u205f\u3000]+(?=[\u3400-\u9fff0-9])|[0-9][ \u00a0\u2000-\u200a\u202f\u205f\u3000]+(?=[\u3400-\u9fff])|[0-9][.．]?[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+(?=[0-9])/gu;
const HAN_CHAR = /[\u3400-\u9fff]/u;
/** How many Chinese characters run from `from` on, one `step` at a time. */
const hanRun = (text: string, from: number, step: -1 | 1): number => {
  let n = 0;
  for (let i = from; i >= 0 && i < text.length && HAN_CHAR.test(text[i]!); i += step) n++;
  return n;
};

/**
 * Whether the space of `m` (SPACED) is one of those a 公文 has: the one space of a slogan in
 * quotes, between two phrases of three Chinese characters or more and of about one length
 * (“政务公开 你我同行”; a title in 《 》 has none, and a line break of a PDF copy cuts a phrase
 * anywhere: “以人民为中 心的发展思想” is warned of); before a figure that a Latin letter follows
 * (新建 5G 基站); after a figure of a Latin name (Office 2016 软件, GB/T 9704-2012 标准) or of a
 * label (电话：0370-3282156 传真：…); between two labelled fields (联系人：王明 电话：…).
 */
function meantSpace(text: string, m: RegExpExecArray): boolean {
  const at = m.index;
  const next = at + m[0].length;
  if (/[0-9]/.test(text[at]!) && /[0-9]/.test(text[next]!)) {
    // inside a figure: a space only where the figure stands beside Chinese text (2020 2021 年 of
    // Latin text, 0370 3288305 after a label's colon, are the writer's)
    let from = at;
    while (from > 0 && /[0-9.．\s]/u.test(text[from - 1]!)) from--;
    let to = next;
    while (to < text.length && /[0-9.．\s]/u.test(text[to]!)) to++;
    const before = text[from - 1] ?? '';
    if (/[：:A-Za-z]/.test(before) || !(HAN_CHAR.test(before) || HAN_CHAR.test(text[to] ?? ''))) return true;
    // a PDF copy's letter-spaced figure (1 6 0, 12 3, 1. 2万): spaced as the writer meant only where
    // every group after the first has three digits or more, a phone number's (138 0000 0000) or
    // thousands (1 234 567)
    const figure = text.slice(from, to).trim();
    return !/[.．]\s/u.test(figure) && figure.split(/\s+/u).slice(1).every((g) => g.length >= 3);
  }
  if (/[0-9]/.test(text[next]!)) return /^[0-9][0-9.,:/-]*[A-Za-z]/.test(text.slice(next));
  if (/[0-9]/.test(text[at]!)) {
    const token = /[0-9.,:/-]*$/.exec(text.slice(0, at + 1))![0];
    const before = text[at + 1 - token.length - 1] ?? '';
    return /[A-Za-z：:]/.test(before) || (/\s/.test(before) && /[A-Za-z0-9]/.test(text[at - token.length - 1] ?? ''));
  }
  // between two labelled fields of a line (联系人：王明⟶电话：…, 地址：清河路1号⟶邮编：…), as a tab pasted
  // from Word reads (audit: deleting the space, as the fix said, ran 王明电话 together)
  // (a label of two to eight characters on either side, a field's value of a few before the space:
  // not a PDF copy's line break, 加强组织领 导：… or 公开目 录：…, review)
  if (/^[\u3400-\u9fff]{2,8}[：:]/u.test(text.slice(next)) && /(?:^|[，。；\s])[\u3400-\u9fff]{2,8}[：:][^，。；！？：:\s]{1,30}$/u.test(text.slice(Math.max(0, at - 48), at + 1))) return true;
  // the quoted span around the space, whole: “ right before the first phrase, ” right after the second
  const first = hanRun(text, at, -1);
  const second = hanRun(text, next, 1);
  return text[at - first] === '“' && text[next + second] === '”'
    && first >= 3 && second >= 3 && Math.abs(first - second) <= 1;
}

function lintSpacesOf(texts: TextParagraph[], what = 'text'): Finding[] {
  return texts.flatMap((p): Finding[] => {
    // (every such space of the paragraph at once, so that one run finds them all)
    const found = [...p.text.matchAll(SPACED)].filter((x) => !meantSpace(p.text, x));
    const m = found[0];
    if (!m) return [];
    // (each space with a few characters around it; spaces close together in one excerpt)
    const spans: [number, number][] = [];
    for (const x of found) {
      const [from, to] = [Math.max(0, x.index - 6), Math.min(p.text.length, x.index + x[0].length + 7)];
      const last = spans.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else spans.push([from, to]);
    }
    const excerpts = spans.map(([from, to]) => `"${p.text.slice(from, to)}"`);
    // (spaces inside a figure, 1 6 0, and those beside one, 共 15 件)
    const insideFigure = (x: RegExpExecArray) => /^[0-9]/.test(x[0]) && /[0-9]/.test(p.text[x.index + x[0].length]!);
    const inside = found.filter(insideFigure).length;
    const figure = found.some((x) => !insideFigure(x) && (/[0-9]/.test(x[0]) || /[0-9]/.test(p.text[x.index + x[0].length]!)));
    const where = inside === found.length ? (inside > 1 ? 'inside figures' : 'inside a figure') : `between Chinese characters${figure ? ' and figures' : ''}${inside ? ', and inside figures,' : ''}`;
    // (a no-break or full-width space looks like none, or like an ordinary one, in the message)
    const kinds = [...new Set(found.flatMap((x) => [...x[0]].filter((c) => c !== ' ' && !/[0-9.．\u3400-\u9fff]/u.test(c))))]
      .map((c) => (c === '\u00a0' ? 'a no-break space (U+00A0)' : c === '\u3000' ? 'a full-width space (U+3000)' : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
    return [{
      severity: 'warning', loc: p.loc,
      message: `${excerpts.slice(0, 3).join(', ')}${excerpts.length > 3 ? ` and ${excerpts.length - 3} more` : ''}: ${found.length > 1 ? 'spaces' : 'a space'} ${where} ${found.length > 1 ? 'are' : 'is'} printed as typed in the ${what}${kinds.length ? ` (${found.length > 1 ? 'among them ' : 'it is '}${kinds.join(', ')})` : ''}`,
      hint: `delete the space (text copied from a PDF has one between characters or at each line's end; Word's no-break spaces look like none)${inside ? '; between two figures meant apart, write 、 (30、45件)' : ''}`,
    }];
  });
}

/** Spaces in the printed front matter (the title, 发布机构, 来源): the first page and the PDF's metadata. */
export const lintFieldSpaces = (fields: { text: string; loc: Loc; what: string }[]): Finding[] =>
  fields.flatMap((f) => lintSpacesOf([f], f.what));

/**
 * A page number of a PDF copy left in the text (…工作。 — 3 — 二是…, GB/T 9704's 一字线 form):
 * printed as typed, mid-sentence. A warning per paragraph (an error under --strict).
 */
// (an em dash or two hyphens at each side: - 5 - 10 is a range)
const PAGE_NUMBER = /(?:—|－|--)[ \u00a0\u3000]+[0-9]{1,3}[ \u00a0\u3000]+(?:—|－|--)/u;
/** A line that is a page number alone, spaced or not (—3—, - 3 -, －3－): a paragraph's, or a line inside one. */
const PAGE_LINE = /^[—－–-]{1,2}[ \u00a0\u3000]*[0-9]{1,3}[ \u00a0\u3000]*[—－–-]{1,2}$/u;

function lintPageNumbersOf(texts: TextParagraph[]): Finding[] {
  const finding = (number: string, loc: Loc): Finding => ({
    severity: 'warning', loc,
    message: `"${number}" looks like a page number copied with the text from a PDF: it is printed as typed`,
    hint: 'delete it (gongwen numbers the pages itself)',
  });
  return texts.flatMap((p): Finding[] => {
    const lines = (p.sourceLines ?? []).map(typedLine).flatMap((line, k) => (PAGE_LINE.test(line) ? [finding(line, { file: p.loc.file, line: p.loc.line + k })] : []));
    if (lines.length) return lines;
    const m = PAGE_NUMBER.exec(p.text) ?? PAGE_LINE.exec(typedLine(p.text));
    return m ? [finding(m[0], p.loc)] : [];
  });
}

/**
 * A page number typed - 3 - on a line of its own, which Markdown reads as a bullet list's item
 * (3 -, the text after it run on): the PDF copy's page number, printed as a paragraph.
 */
function lintListPageNumbers(blocks: Block[]): Finding[] {
  return blocks.flatMap((b): Finding[] => {
    if (b.type !== 'list' || b.ordered) return [];
    const number = /^\s*([0-9]{1,3})\s*[-－—–]{1,2}(?![0-9A-Za-z])/u.exec(inlineText(b.items[0] ?? []));
    return number ? [{
      severity: 'warning', loc: b.loc,
      message: `"- ${number[1]} -" looks like a page number copied with the text from a PDF: Markdown reads it as a list item, printed as a paragraph`,
      hint: 'delete it (gongwen numbers the pages itself)',
    }] : [];
  });
}

/**
 * Quotes and brackets that do not pair within a paragraph — ”放管服“ reversed, “放管服“ opened
 * twice, an “ or （ never closed, a ） never opened — printed as typed. (ASCII quotes are paired
 * by transform/punctuation.ts first; a stray one has its own warning.) A warning per paragraph.
 */
const PAIRED: readonly (readonly [string, string, boolean])[] = [['“', '”', false], ['‘', '’', false], ['《', '》', false], ['（', '）', true], ['〔', '〕', false]];

/**
 * `goesOn`: the next paragraph opens with “ — a quotation over several paragraphs, each opened
 * with “ and only the last closed (GB/T 15834 4.1.3.2): its “ stays open here.
 */
function unpaired(text: string, goesOn: boolean): { why: string; at: number } | undefined {
  for (const [open, close, nests] of PAIRED) {
    let depth = 0;
    /** Where the outermost mark still open was opened. */
    let opened = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === open) {
        if (depth > 0 && !nests) return { why: `${open} opened again before ${close} closes the first`, at: i };
        if (depth === 0) opened = i;
        depth++;
      } else if (c === close) {
        // (an item number with its closing bracket alone: 主要做法：1）加强领导；2）完善制度)
        if (depth === 0 && nests && /(?:^|[：:，,；;。\s])[0-9A-Za-z一二三四五六七八九十]{1,2}$/u.test(text.slice(0, i))) continue;
        if (depth === 0) return { why: `${close} with no ${open} before it`, at: i };
        depth--;
      }
    }
    if (depth > 0 && !(open === '“' && goesOn)) return { why: `${open} is never closed`, at: opened };
  }
  return undefined;
}

/**
 * The line of the mark at `at` in a paragraph's text, where its lines as typed show it: the line
 * of the nth of the characters that may have become that mark, as it is the nth in the text; else
 * the paragraph's first line.
 */
function lineOfMark(p: TextParagraph, at: number): number {
  // (the kinds typed that become it: ( of 依据(试点) and of a Markdown link's ](…) is （ in the text, review)
  const mark = p.text[at]!;
  const kinds = MARK_AS_TYPED[mark] ?? mark;
  const n = [...p.text.slice(0, at)].filter((c) => kinds.includes(c)).length;
  let seen = 0;
  for (const [k, line] of (p.sourceLines ?? []).entries()) {
    for (const c of line) if (kinds.includes(c)) seen++;
    if (seen > n) return p.loc.line + k;
  }
  return p.loc.line;
}

/** The characters a mark of the text may have been typed as (transform/punctuation.ts makes them full-width). */
const MARK_AS_TYPED: Record<string, string> = { '（': '（(', '）': '）)', '“': '“"', '”': '”"', '‘': "‘'", '’': "’'" };

function lintPairsOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p, k): Finding[] => {
    const found = unpaired(p.text, texts[k + 1]?.text.startsWith('“') ?? false);
    if (!found) return [];
    const { why, at } = found;
    // (the mark with a few characters around it; the line it is on, where that is known)
    const from = Math.max(0, at - 10);
    const to = Math.min(p.text.length, at + 11);
    const excerpt = `${from > 0 ? '…' : ''}${p.text.slice(from, to)}${to < p.text.length ? '…' : ''}`;
    const line = lineOfMark(p, at);
    return [{
      severity: 'warning', loc: { file: p.loc.file, line },
      message: `quotes or brackets do not pair in "${excerpt}": ${why}`,
      hint: 'check the marks: “ opens and ” closes (‘ ’ inside them), 《 》 and （ ） in pairs',
    }];
  });
}

/**
 * An ordered list's items typed with other numbers than Markdown prints (3. 5. 2021. printed 3.
 * 4. 5.: it counts on from the first): the figure typed is changed without a word. Items all typed
 * with one number (1. 1. 1., a Markdown habit) are numbered in order, as meant. A warning per list.
 */
export function lintListNumbers(blocks: Block[]): Finding[] {
  return blocks.flatMap((b): Finding[] => {
    if (b.type !== 'list' || !b.typed || b.typed.every((t) => t.n === b.typed![0]!.n)) return [];
    const k = b.typed.findIndex((t, j) => t.n !== b.start + j);
    if (k < 0) return [];
    const typed = b.typed[k]!;
    const printed = b.markers?.[k] ?? `${b.start + k}.`;
    const mark = b.paren ? ')' : '.';
    return [{
      severity: 'warning', loc: { file: b.loc.file, line: typed.line },
      message: `the list item typed "${typed.n}${mark}" is printed "${printed}": Markdown numbers a list's items in order from its first number`,
      hint: typed.n >= 1000
        ? `a paragraph that starts with a figure and a dot is a list item: write "${typed.n}\\${mark}" to print it as typed, or put the figure after a word`
        : `number the items in order (${b.typed.map((_, j) => `${b.start + j}${mark}`).join(' ')}), or write "${typed.n}\\${mark}" to print a figure as typed`,
    }];
  });
}

/**
 * The cells of Markdown tables, each at its row's line (the header at the table's, each row a line
 * after the |---| line): a 【待填写】 in a cell was published under --strict, and full-width
 * digits, spaced or unpaired text there went unsaid (a text audit).
 */
function tableCells(blocks: Block[]): TextParagraph[] {
  return blocks.flatMap((b) => (b.type !== 'table' ? [] : [b.header, ...b.rows].flatMap((row, k) => row.map((cell) => ({ text: inlineText(cell), loc: tableRowLoc(b, k) })))));
}

/**
 * A level-3 heading whose text starts with a figure: its number runs into it, 1.5G基站建设 or
 * 2.12345热线运行, which read as the decimals 1.5 and 2.12345 (a text audit). Not a figure with its
 * unit or a date's (2022年工作打算, 10个重点领域), which reads as that. A warning at its line.
 */
function lintFigureAfterNumber(blocks: Block[]): Finding[] {
  return blocks.flatMap((b): Finding[] => {
    if (b.type !== 'heading' || !b.number || !/\.$/.test(b.number)) return [];
    const text = inlineText(b.inlines);
    // (a figure with its unit or a date's, 2022年工作打算, 10个重点领域, reads as that, a review)
    if (!/^[0-9０-９]/u.test(text) || /^[0-9０-９.]+\s*(?:年|月|日|个|项|件|条|家|人|次|名|种|类|批|期|位|所|处|份|篇|万|亿|%|％)/u.test(text)) return [];
    return [{
      severity: 'warning', loc: b.loc,
      message: `the heading prints as "${b.number}${text.slice(0, 12)}", which reads as the decimal ${b.number}${/^[0-9０-９.]+/u.exec(text)![0]}`,
      hint: `start the heading with a word and the figure after it (as 推进5G基站建设 for 5G基站建设): "${text.slice(0, 12)}" does not`,
    }];
  });
}

/** Every lint of the text, its paragraphs read once: shares, text still to write, full-width digits, underscores, stray quotes, pasted bullets, Markdown printed as typed and headings. */
export function lintText(blocks: Block[]): Finding[] {
  const texts = paragraphs(blocks);
  // (a table's cells: the checks of what is typed, not shares of a whole, bullets or page numbers,
  // which a cell may hold as its own, nor spaces: a label spaced out, 项　　目, is a Word table's way, a review)
  const cells = tableCells(blocks);
  const typed = cells.length ? [...texts, ...cells] : texts;
  return [...lintNumbersOf(texts), ...lintPlaceholdersOf(typed), ...lintFullWidthDigitsOf(typed), ...lintBareDecimalsOf(typed), ...lintUnderscoresOf(typed), ...lintStrayQuotesOf(typed),
    ...lintBulletsOf(texts), ...lintMarkupOf(typed), ...lintStarsInWords(blocks), ...lintPastedHeadings(blocks), ...lintSpacesOf(texts), ...lintPairsOf(typed), ...lintPageNumbersOf(texts), ...lintListPageNumbers(blocks), ...lintListNumbers(blocks), ...lintFigureAfterNumber(blocks), ...lintDotsBetweenHanOf(typed),
    ...lintLooseMarksOf(typed), ...lintListRunOn(blocks)];
}

/**
 * A paragraph typed right under a list, no blank line before it: Markdown makes it part of the
 * list's last item (its lazy continuation), printed inside the item (a newcomer: 2.…有待提高。2025年，
 * 我局将…). A warning at the line.
 */
function lintListRunOn(blocks: Block[]): Finding[] {
  return blocks.flatMap((b): Finding[] => (b.type !== 'list' ? [] : (b.runOn ?? []).map((line) => ({
    severity: 'warning', loc: { file: b.loc.file, line },
    message: 'this line, right under a list item whose sentence has ended, is read as part of that item (Markdown\'s rule): it is printed inside the item',
    hint: 'leave a blank line before it, to make it a paragraph of its own',
  }))));
}

/**
 * A letter with a combining mark that has no composed form (pinyin ê̄ ê̌ m̄ n̄: model/typed-text.ts
 * composes those that have one): no bundled face has the mark, so it is drawn from the fallback
 * face on its own, unpositioned, over the edge of its letter or the character after it (a
 * rare-character audit: the caron stood on the （ after ê). A warning per paragraph.
 */
function lintLooseMarksOf(texts: TextParagraph[]): Finding[] {
  return texts.flatMap((p): Finding[] => {
    const m = /\p{L}[\u0300-\u036f]+/u.exec(p.text);
    if (!m) return [];
    const marks = [...m[0]].slice(1).map((c) => codePointLabel(c.codePointAt(0)!)).join(' ');
    return [{
      severity: 'warning', loc: p.loc,
      message: `"${m[0]}" is a letter with a mark that no character is composed of (${marks}): the mark is printed on its own, over the edge of the letter or the character after it`,
      hint: `write the letter without the mark (${[...m[0]][0]}), or the word another way (拼音 without the tone, or in Chinese characters)`,
    }];
  });
}
