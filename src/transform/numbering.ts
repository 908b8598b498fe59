/**
 * Section numbers from heading depth: 一、 → （一） → 1. → （1）, restarting under each parent
 * (GB/T 9704 §7.3.3). Markers are literal text, never list numbering.
 */
import { InputError } from '../model/errors.js';
import { asciiDigits } from '../model/typed-text.js';
import { inlineText, type Block, type HeadingLevel } from '../model/types.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`cannot write ${n} as a section numeral`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = '';
  if (hundreds) out += `${DIGITS[hundreds]}百`;
  if (tens) out += `${tens === 1 && !hundreds ? '' : DIGITS[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

export function marker(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1: return `${chineseNumeral(n)}、`;
    case 2: return `（${chineseNumeral(n)}）`;
    case 3: return `${n}.`;
    case 4: return `（${n}）`;
  }
}

/**
 * A decimal outline number typed before a heading's text (## 1.1细则, ### 2.3.1加强培训), as
 * pasted from a Word file numbered 1 / 1.1 / 1.1.1. Glued to the text it reads like a date
 * (# 5.12地震灾后重建, ## 7.1讲话精神) or a figure (1.5万件), so read/markdown.ts lets it pass; it is a typed number
 * when its figures are the heading's place in the outline: its last the heading's count on its
 * level, the one before the count of the level above (### 2.3细则 as the third ### under the
 * second ##), on level 2 or deeper, with no more figures than the level.
 */
const DOTTED = /^\s*([0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})+)(?![0-9０-９.．%％万亿倍元个件次项条家户])/u;

function typedOutline(text: string, counters: readonly number[], level: HeadingLevel): string | undefined {
  const m = DOTTED.exec(text);
  if (!m) return undefined;
  const figures = asciiDigits(m[1]).split('.').map(Number);
  const last = figures.length - 1;
  const fits = figures.length <= level && figures[last] === counters[level] && figures[last - 1] === counters[level - 1];
  return fits ? m[1] : undefined;
}

/**
 * Number every heading; counters restart under each parent. A skipped level is allowed and keeps
 * the marker of the level written (一、 followed directly by 1. is common practice in short reports).
 */
export function numberHeadings(blocks: Block[]): Block[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((b) => {
    if (b.type !== 'heading') return b;
    counters[b.level]++;
    for (let l = b.level + 1; l <= 4; l++) counters[l] = 0;
    if (counters[b.level] > 999) throw new InputError(b.loc, 'more than 999 headings on one level cannot be numbered', 'group them under headings of the level above');
    const typed = typedOutline(inlineText(b.inlines), counters, b.level);
    if (typed) {
      throw new InputError(b.loc, `the heading starts with a section number typed by hand, "${typed}": gongwen numbers headings by their level, so the heading would have two numbers`,
        `remove "${typed}"; the number comes from the level: # 一、, ## （一）, ### 1., #### （1）`);
    }
    return { ...b, number: marker(b.level, counters[b.level]) };
  });
}

/**
 * The numbers of ordered lists' items. A list under a level-3 heading (1.) is numbered （1）（2）,
 * the next level down: numbered 1. 2. like its heading, "2.规范公开流程。" over "1.制定公开目录；"
 * read as a heading numbered twice. Under a level-4 heading (（1）) it is numbered 1）2）, the
 * fifth level 公文 use below （1） (1. there read as a level above its heading; GB/T 9704 names
 * four levels, and ① … stops at ⑩ in the Fandol faces). Elsewhere items are numbered 1. 2. as
 * written.
 */
export function numberLists(blocks: Block[]): Block[] {
  let level = 0;
  return blocks.map((b) => {
    if (b.type === 'heading') level = b.level;
    if (b.type !== 'list' || !b.ordered) return b;
    // (typed 1) 2): printed 1） 2）, as the office wrote them)
    return { ...b, markers: b.items.map((_, k) => (level === 3 ? marker(4, b.start + k) : `${b.start + k}${b.paren || level === 4 ? '）' : '.'}`)) };
  });
}
