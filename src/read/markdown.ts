/**
 * Markdown body → blocks, from markdown-it tokens. Only what a 公文 needs is accepted; anything
 * else (images, HTML, code, quotes, rules, headings deeper than 4) is an error with its line.
 * List items print as paragraphs, numbered "1." when the list is ordered, without a bullet.
 */
import { createRequire } from 'node:module';
import type MarkdownItClass from 'markdown-it';
import { domainToUnicode } from 'node:url';
import type { Token } from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { InputError, throwAll } from '../model/errors.js';
import { MAX_TABLE_COLUMNS } from '../layout/gbt9704.js';
import { cleanTyped } from '../model/typed-text.js';
import type { Block, HeadingLevel, Inline, ListBlock, Loc, TableBlock } from '../model/types.js';

// markdown-it's CommonJS build, required: its ES module build imports the `entities` package
// whole (the HTML encoder's tables too, ≈ 26 ms to load) and its other dependencies as separate
// modules — ≈ 55 ms of every cold build against ≈ 21 ms for the CommonJS file, which carries the
// one decoder it uses. The same parser (markdown-it 15's own two builds of one source).
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItClass;
// html: true so that HTML is recognised, and rejected below
/**
 * A link's address with its Chinese characters, from markdown-it's encoded form: a host's punycode
 * labels and the %-escapes of characters beyond ASCII decoded (郑州, 年报); those of ASCII (%20), and
 * any that decode to a space, a control or an invisible character, kept as escapes (an address
 * printed with a space or a character no font has in it is no address). transform/web-links.ts
 * links the printed address to its encoded form again.
 */
function typedAddress(href: string): string {
  return href
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]+)/i, (_m, scheme: string, host: string) =>
      scheme + host.replace(/(?<=^|[.@])xn--[a-z0-9-]+/gi, (label) => domainToUnicode(label) || label))
    .replace(/(?:%[89a-f][0-9a-f])+/gi, (escapes) => {
      try {
        const text = decodeURIComponent(escapes);
        return /[\p{C}\p{Z}]/u.test(text) ? escapes : text;
      } catch {
        return escapes; // (no UTF-8: as it was)
      }
    });
}

const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
// ~ stays text (2016~2020年); setext headings and link definitions are not used. Images, HTML,
// code, quotes and rules are parsed so that they can be reported as errors below.
md.disable(['strikethrough', 'reference', 'lheading', 'autolink']);

/**
 * A section number typed into a heading (一、 （一） (一) 〔一〕 【一】 ㈠ 一） 1. 1、 （1） 1） 1.1 1.1.1 ① ⑴ ⒈ Ⅰ、 壹、 第一部分, a number and a space
 * before the text: 2 措施, 一 总体情况; full-width digits too: ２．), as pasted from last year's Word
 * file; not 1.5万, 一、二季度 or 七、八月份 (a list of numerals), （2021年）, （2021）, 5G, 2021年, nor a
 * count written with a space before its measure word or unit (12 月份, 3 个方面, 10 大实事, 95 后).
 */
const NUMERAL = '[一二三四五六七八九十百]';
const DIGIT = '[0-9０-９]';
/** Measure words and units that follow a count: "3 个方面" is text, "3 措施" a typed number. */
const MEASURE = '个项月年日号大件条类家次万亿名人倍后周天期批届座所户元亩吨份位岁时分秒';
const SPACED = `\\s+(?![${MEASURE}])(?=[\\u3400-\\u9fff])`;
/** The longest heading read: five full lines of 28 characters. */
const MAX_HEADING_CHARS = 140;
/**
 * The longest paragraph or list item read, in characters: some 30 pages of one paragraph. A longer
 * one is text pasted without blank lines between its paragraphs (lines that follow each other are
 * one paragraph in Markdown) — and pdfmake lays a long paragraph of Chinese text, figures and
 * Latin out in time that grows with its length squared: 110,000 characters took 47 s, with
 * Ctrl-C unheard meanwhile (a bad-input audit). 20,000 take ≈ 1.3 s.
 */
export const MAX_PARAGRAPH_CHARS = 20_000;

/** An error for a paragraph or list item longer than MAX_PARAGRAPH_CHARS, or undefined. */
function tooLong(text: string, loc: Loc, what: string): InputError | undefined {
  // (its line breaks not counted: a paragraph typed on short lines is as long as its text, a review)
  let n = 0;
  for (const ch of text) if (ch !== '\n' && ++n > MAX_PARAGRAPH_CHARS) break;
  if (n <= MAX_PARAGRAPH_CHARS) return undefined;
  return new InputError(loc, `this ${what} is more than ${MAX_PARAGRAPH_CHARS.toLocaleString('en')} characters long (some 30 pages of one paragraph): text pasted without blank lines between its paragraphs?`,
    'put a blank line between paragraphs: lines that follow each other are one paragraph in Markdown');
}

/**
 * A heading that is a section number alone: 二, 十二, 1, Ⅰ, I., （一）, ①, 第二部分 (brackets, marks and
 * spaces around it). A figure of three digits or more, a year (# 2023), is a heading's words, and
 * so are numerals that are no section number (七一, 十四五) and any in quotes or 《》 (“十四五”: a review).
 */
const SECTION_NUMERAL = '(?:十?[一二三四五六七八九]|[二三四五六七八九]?十[一二三四五六七八九]?)';
/** I to XII (XX, a placeholder, is none). */
const ROMAN = '(?:[Xx][Ii]{0,2}|[Ii][XxVv]|[Vv]?[Ii]{1,3}|[Vv])';
const NUMBER_ONLY = new RegExp(`^[\\s（）()〔〕【】、.．,，:：;；]*(?:第?${SECTION_NUMERAL}(?:部分|章|节)?|${DIGIT}{1,2}|[Ⅰ-Ⅻ]+|${ROMAN}|[①-⑳⑴-⒇⒈-⒛㈠-㈩]|[壹贰叁肆伍陆柒捌玖拾]+)[\\s（）()〔〕【】、.．,，:：;；]*$`, 'u');
const TYPED_NUMBER = new RegExp(`^\\s*(?:第${NUMERAL}+(?:部分|章|节)|${NUMERAL}+\\s*[、.．](?!\\s*${NUMERAL})|[（(〔【]\\s*(?:${NUMERAL}+|${DIGIT}{1,2})\\s*[）)〕】]` +
  `|${DIGIT}{1,2}\\s*[.．、](?!${DIGIT}|${NUMERAL})|${DIGIT}{1,2}\\s*[）)]|${NUMERAL}+\\s*[）)]|[①-⑳⑴-⒇⒈-⒛㈠-㈩]|[Ⅰ-Ⅻ]+\\s*[、.．]|[壹贰叁肆伍陆柒捌玖拾]+\\s*[、.．]` +
  `|${DIGIT}{1,2}[.．]${DIGIT}{1,2}[.．]${DIGIT}{1,2}` +
  `|(?:${DIGIT}{1,2}(?:[.．]${DIGIT}{1,2})?|${NUMERAL}{1,3})${SPACED})`);
/** A run-in heading written on one line with its text: a sentence end inside the heading. */
// (not before closing marks that end the heading: ## 坚持“公开为常态、不公开为例外。” runs in, a text audit)
const SENTENCE_INSIDE = /[。！？](?![”’」』）)]*\s*$)(?=\s*\S)/;
// CommonMark will not open **粗体：** before a Chinese character (its flanking rules are made
// for spaces between words); the plugin makes emphasis work in Chinese text.
md.use(cjkFriendly);

const UNSUPPORTED: Record<string, string> = {
  image: 'an image', html_inline: 'HTML', html_block: 'HTML', code_inline: 'code', fence: 'a code block',
  code_block: 'an indented code block (a line starting with four spaces)', blockquote: 'a quotation block (>)', hr: 'a horizontal rule (---)',
};
const unsupported = (loc: Loc, type: string) => type === 'code_block'
  // a paragraph indented with a tab or spaces, as in Word: Markdown reads it as code
  ? new InputError(loc, 'the line is indented (a tab or four spaces at its start), so Markdown reads it as code, which cannot be printed in a 公文',
    'remove the indentation: gongwen indents every paragraph by two characters itself')
  : new InputError(loc, `${UNSUPPORTED[type] ?? `Markdown ${type}`} cannot be printed in a 公文`,
    'a report body holds headings (#…####), paragraphs, lists and tables; write it as text');

/** A line meant as a heading without the space after its # (##依申请公开情况), or with full-width ＃: Markdown prints it as text. */
const HASH_LINE = /^[ \t\u3000]*([#＃]{1,6})([ \t\u3000]*)([^#＃\s\u3000].*)$/;
/** A paragraph of lines between | or ｜: a table without its | --- | line under the header, or with full-width ｜. */
const PIPE_LINE = /^\s*[|｜].*[|｜]\s*$/;

/** A Markdown mark escaped (\*, \[): what prints as typed is meant so (transform/lint.ts). */
const ESCAPED = /\\[*[\]=_#]/;

/** A paragraph that is only "{{table t3}}" places a statistics table there. */
const TABLE_PLACEHOLDER = /^\{\{\s*table\s+([\w-]+)\s*\}\}$/;

/** Chinese characters and punctuation (with the quotes, dash and ellipsis Chinese text uses): no space at a line break beside them. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2018-\u201d\u2026]/;
/** Indentation typed at a paragraph's start (full-width spaces from Word, 　　正文): gongwen indents paragraphs itself. */
const LEADING_SPACE = /^[\s\u3000]+/;

/**
 * Whether a line break after `text`, before `next`, cuts a word that has no space in it, as a PDF
 * copy breaks lines anywhere: a figure in Chinese text (申请1⏎5件: the figure's run starts after a
 * Chinese character), a web or e-mail address (www.example.⏎gov.cn). Between Latin words it is a space.
 */
function brokenWord(text: string, next: string, after: string): boolean {
  const run = /[^\s\u3000]*$/u.exec(text)?.[0] ?? '';
  if (/[0-9]$/.test(run) && /[0-9]/.test(next)) {
    // (the figure goes on into a Chinese word or %: 申请1⏎5件; two figures on two lines,
    // 电话：3281234⏎3281235, stay apart)
    const figure = /[0-9.,]*$/.exec(run)![0];
    return CJK.test(run.at(-figure.length - 1) ?? '') && /^[0-9.,]*[\u3400-\u9fff%％]/u.test(after);
  }
  // (an address cut where it cannot end: after . / - _ @ : ? = & #; one that ends whole, followed
  // by more text on the next line, stays apart: 网站：http://www.x.gov.cn⏎E-mail：…)
  const word = /[\x21-\x7e]*$/.exec(run)![0];
  return /[\x21-\x7e]/.test(next) && /[./\-_@:?=&#]$/.test(word) && (/^(?:https?:\/\/|www\.)/i.test(word) || /^[\w.+-]+@/.test(word));
}

function inlinesOf(token: Token, loc: Loc): Inline[] {
  const out: Inline[] = [];
  let bold = 0;
  let italic = 0;
  /** Inside a link: its address, and its text so far. */
  let link: { href: string; text: string } | undefined;
  const push = (text: string) => {
    if (link) link.text += text;
    const last = out.at(-1);
    const marks = { bold: bold > 0 || undefined, italic: italic > 0 || undefined };
    if (last && last.bold === marks.bold && last.italic === marks.italic) last.text += text;
    else out.push({ type: 'text', text, ...(marks.bold ? { bold: true } : {}), ...(marks.italic ? { italic: true } : {}) });
  };
  for (const t of token.children ?? []) {
    switch (t.type) {
      case 'text':
        // (characters that print nothing go first: a line break beside one is joined as beside
        // the character before it). A tab inside a line (联系电话：…⟶传真：…, pasted from Word or
        // Excel) is a space: a 公文 has no tab stops, and the PDF set one as a character's gap
        // the line breaker did not count (the line ran into the margin)
        push(cleanTyped(t.content));
        break;
      case 'softbreak':
        // A line break inside a paragraph: nothing beside a Chinese character, a space between
        // Latin words (resolved below, once the next character is known)
        push('\u0000SB');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open': bold++; break;
      case 'strong_close': bold--; break;
      case 'em_open': italic++; break;
      case 'em_close': italic--; break;
      case 'link_open':
        // (the address as typed: markdown-it keeps it encoded, a Chinese host in punycode and a
        // path in %-escapes, which printed as http://www.xn--6rt074i.gov.cn/%E5%B9%B4… — a bad-input audit)
        link = { href: typedAddress(String(t.attrGet('href') ?? '')), text: '' };
        break;
      case 'link_close': {
        // 公文 print no hyperlinks: the text stays, and the address follows it in brackets where
        // the text is not the address itself ([政府网站](https://…) printed only 政府网站, the
        // address lost without a word)
        const href = link?.href.replace(/^mailto:/i, '') ?? '';
        const bare = (x: string) => x.replace(/^https?:\/\//i, '').replace(/\/$/, '');
        const text = link?.text ?? '';
        link = undefined;
        if (href && bare(text.trim()) !== bare(href)) push(`（${href}）`);
        break;
      }
      default:
        throw unsupported(loc, t.type);
    }
  }
  // Resolve soft breaks: nothing where the character before or after is Chinese (申请⏎15件 is
  // 申请15件), a space between Latin words and figures; full-width spaces typed at the start of
  // a line go (the paragraph's indent is gongwen's).
  out.forEach((inline, k) => {
    inline.text = inline.text.replace(/(.?)\u0000SB[\s\u3000]*/gu, (m: string, before: string, offset: number, whole: string) => {
      const prev = before || out[k - 1]?.text.at(-1) || '';
      const next = whole[offset + m.length] ?? out[k + 1]?.text[0] ?? '';
      return before + (prev === '' || next === '' || CJK.test(prev) || CJK.test(next) || brokenWord(`${out[k - 1]?.text ?? ''}${whole.slice(0, offset)}${before}`, next, `${whole.slice(offset + m.length)}${out[k + 1]?.text ?? ''}`) ? '' : ' ');
    });
  });
  if (out[0]) out[0].text = out[0].text.replace(LEADING_SPACE, '');
  return out.filter((i) => i.text.length > 0);
}

/**
 * A Markdown paragraph cut where a line starts with full-width spaces: text pasted from Word
 * marks each paragraph so (　　一是…。⏎　　二是…。), with no blank line between, and Markdown
 * joined them into one. A line of full-width spaces alone, between two paragraphs, cuts too (and
 * is no paragraph). Each piece with the line it starts on, counted from the paragraph's first.
 */
function wordParagraphs(inline: Token): { token: Token; line: number }[] {
  const children = inline.children ?? [];
  const pieces: { token: Token; line: number }[] = [];
  let start = 0;
  let line = 0;
  let breaks = 0;
  /** Open **, * and links: a cut inside one would lose its bold, or a link its address. */
  let open = 0;
  for (let k = 0; k < children.length; k++) {
    const t = children[k]!;
    if (t.type === 'strong_open' || t.type === 'em_open' || t.type === 'link_open') open++;
    else if (t.type === 'strong_close' || t.type === 'em_close' || t.type === 'link_close') open--;
    if (t.type !== 'softbreak' && t.type !== 'hardbreak') continue;
    breaks++;
    const next = children[k + 1];
    if (t.type === 'softbreak' && open === 0 && next?.type === 'text' && /^[ \t]*\u3000/.test(next.content)) {
      pieces.push({ token: { ...inline, children: children.slice(start, k) } as Token, line });
      start = k + 1;
      line = breaks;
    }
  }
  if (start === 0) return [{ token: inline, line: 0 }];
  pieces.push({ token: { ...inline, children: children.slice(start) } as Token, line });
  return pieces;
}

/**
 * Lines of a paragraph or list item that Markdown prints as text though they were meant as
 * something else: a heading without the space after its # (or with a full-width ＃ or space), a
 * table without its | --- | line or with full-width ｜.
 */
function checkLines(inline: Token, loc: Loc, file: string): void {
  const lines = inline.content.split('\n');
  lines.forEach((line, k) => {
    const hash = HASH_LINE.exec(line);
    const wide = hash?.[1].includes('＃');
    // text, not a heading: #1号楼, ＃3机组 (a number), #政务公开# (a topic tag)
    // (with an ASCII space after its #, the line would have been a heading: what follows here
    // is nothing or a full-width space, as a Chinese input method types it)
    if (!hash || /^\d/.test(hash[3]) || /[#＃]/.test(hash[3])) return;
    const ascii = '#'.repeat(hash[1].length);
    const why = wide ? 'its ＃ is full-width' : hash[2].includes('\u3000') ? `the space after ${ascii} is a full-width space` : `there is no space after ${ascii}`;
    throw new InputError({ file, line: loc.line + k }, `"${line.trim().slice(0, 16)}" is printed as text, not as a heading: ${why}`,
      `write "${ascii} ${hash[3].trim()}" (ASCII # and a space) for a heading${wide ? '' : '; to print a # at the start of a line, write \\#'}`);
  });
  // a table that goes on from the text above it without a blank line (a list item's, or a
  // paragraph's whose lines Markdown would not end there): read as the text's lines, printed with its |
  const table = lines.findIndex((line, k) => k > 0 && PIPE_LINE.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[k + 1] ?? ''));
  if (table > 0 && !PIPE_LINE.test(lines[0]!)) {
    throw new InputError({ file, line: loc.line + table }, 'this table follows the line above it without a blank line, so it is read as that text and printed with its |',
      'leave a blank line before the table');
  }
  // cells separated by tabs on two lines or more: a table pasted from Excel or Word, whose rows
  // Markdown joins into one paragraph with the cells run together (项目 数量 占比网络申请 103 …)
  // (as many cells on each line, and three lines or a figure for a cell: a contact block typed with
  // a tab on each of two lines, 联系电话：…⟶传真：…, is text, its tabs spaces)
  const tabbed = lines.map((line, k) => [line, k] as const).filter(([line]) => /\S\t+\S/.test(line));
  const cells = tabbed.map(([line]) => line.trim().split(/\t+/));
  if (tabbed.length >= 2 && cells.every((c) => c.length === cells[0]!.length)
    && (tabbed.length >= 3 || cells.some((c) => c.some((x) => /^[\d.,%％]+$/.test(x.trim()))))) {
    const [first, k] = tabbed[0]!;
    const row = (l: string) => `| ${l.trim().split(/\t+/).join(' | ')} |`;
    throw new InputError({ file, line: loc.line + k }, `these ${tabbed.length} lines are cells separated by tabs (a table pasted from Excel or Word): Markdown joins them into one paragraph, their cells run together`,
      `write a Markdown table — ${row(first)}, then | ${first.trim().split(/\t+/).map(() => '---').join(' | ')} |, then one row a line — or each line as a paragraph, with a blank line between`);
  }
  if (lines.length && lines.every((line) => PIPE_LINE.test(line))) {
    throw new InputError(loc, 'these lines between | are printed as text, not as a table: '
      + (inline.content.includes('｜') ? 'a table is written with ASCII |, not the full-width ｜' : 'a table needs a line of | --- | under its header row'),
      'write the header row, then | --- | --- | (one --- per column), then the rows, each between ASCII |');
  }
}

/** The cells of a table row's source line (between its | not escaped, \|), less those at its ends. */
function cellsOf(line: string): string[] {
  const bars = line.trim().replace(/\\./g, 'x');
  return bars.replace(/^\|/, '').replace(/\|$/, '').split('|');
}

/**
 * HTML comments (<!-- 待核实：下段数据 -->), Markdown's notes to the writer, which never print: taken
 * out, their line breaks kept so that every line keeps its number. They had been refused as "HTML
 * cannot be printed", with the fix to write them as text, which would print them (an edge audit).
 * One never closed is an error at its line (it printed as typed, or was refused as HTML); one
 * inside a code span (`<!--`) is left to Markdown, which refuses the code; <!--> and <!---> are
 * empty ones (CommonMark).
 */
function withoutComments(body: string, file: string, firstLine: number): string {
  if (!body.includes('<!--')) return body;
  let out = '';
  let i = 0;
  for (let open = body.indexOf('<!--'); open >= 0; open = body.indexOf('<!--', i)) {
    const before = body.slice(body.lastIndexOf('\n', open - 1) + 1, open);
    if ((before.match(/`/g)?.length ?? 0) % 2 === 1) {
      out += body.slice(i, open + 4);
      i = open + 4;
      continue;
    }
    const empty = /^<!---?>/.exec(body.slice(open, open + 6))?.[0];
    const close = empty ? open + empty.length : body.indexOf('-->', open + 4) + 3;
    if (close < open) {
      throw new InputError({ file, line: firstLine + body.slice(0, open).split('\n').length - 1 }, 'an HTML comment is opened with <!-- and never closed with -->',
        'close it with --> where the note ends (gongwen leaves comments out), or remove the <!--');
    }
    out += body.slice(i, open) + body.slice(open, close).replace(/[^\n]/g, '');
    i = close;
  }
  return out + body.slice(i);
}

export function parseMarkdown(typed: string, file: string, firstLine: number): Block[] {
  const body = withoutComments(typed, file, firstLine);
  // Spaces at a line's end are dropped before Markdown reads them: two or more made a hard line
  // break (Markdown's rule), which a clerk never means — they are left by Notepad, or by text
  // copied from a PDF — and which broke the line in the middle of a sentence. A line break meant
  // as one is written with \ at the line's end.
  const tokens = md.parse(body.replace(/[ \t]+$/gm, ''), {});
  const sourceLines = body.split('\n');
  const blocks: Block[] = [];
  const locOf = (t: Token): Loc => ({ file, line: (t.map?.[0] ?? 0) + firstLine });
  let i = 0;
  const expectInline = (at: number): Token => {
    const t = tokens[at];
    if (t?.type !== 'inline') throw new InputError(locOf(tokens[at - 1]), 'unexpected Markdown structure');
    return t;
  };
  /** The token after the block that starts at `start` (its matching close, for an opening token). */
  const blockEnd = (start: number): number => {
    let depth = 0;
    for (let k = start; k < tokens.length; k++) {
      depth += tokens[k].nesting;
      if (depth <= 0) return k + 1;
    }
    return tokens.length;
  };
  // every block that cannot be printed is reported, not only the first: a clerk fixes them in one go
  const errors: InputError[] = [];
  const one = () => {
    const t = tokens[i];
    const loc = locOf(t);
    switch (t.type) {
      case 'heading_open': {
        const level = Number(t.tag.slice(1));
        if (level > 4) {
          throw new InputError(loc, `heading level ${level} is too deep: GB/T 9704 numbers four levels (一、（一）1.（1）)`,
            'use # for 一、, ## for （一）, ### for 1., #### for （1）');
        }
        const inlines = inlinesOf(expectInline(i + 1), loc);
        if (inlines.length === 0) throw new InputError(loc, 'empty heading', 'write the heading text after the #');
        const text = inlines.map((x) => x.text).join('');
        // (marks and brackets alone, ## 。 or # （）, print as （一）。 and 七、（）: no heading either, adversarial audit)
        if (!/[\p{L}\p{N}]/u.test(text)) throw new InputError(loc, `the heading "${text.trim()}" has no words, only marks`, 'write the heading text after the #, or remove the line');
        // (a paragraph typed after a #: a heading longer than a page cannot be set, and the PDF's
        // check then named the paragraph before it, a bad-input audit; five full lines is past any heading)
        if ([...text].length > MAX_HEADING_CHARS) {
          throw new InputError(loc, `the heading is ${[...text].length} characters long, more than ${MAX_HEADING_CHARS} (five full lines): a paragraph typed after a #?`,
            'keep the heading short, and write the text after it as its paragraph (a heading ending in 。 prints at the start of that paragraph)');
        }
        // (a number alone, ## 二 or ### 1 or ## （一）: printed as （一）二 and 1.1, with no words —
        // a bad-input audit; "remove （一）" would have left nothing)
        if (NUMBER_ONLY.test(text)) {
          throw new InputError(loc, `the heading "${text.trim()}" is a number alone, no words: gongwen numbers headings by their level, so it would print as a second number`,
            'write the heading\'s words after the # (the number comes from the level: # 一、, ## （一）, ### 1., #### （1）), or remove the line');
        }
        const typed = TYPED_NUMBER.exec(text);
        if (typed) {
          const n = typed[0].trim();
          throw new InputError(loc, `the heading starts with a section number typed by hand, "${n}": gongwen numbers headings by their level, so the heading would have two numbers`,
            `remove "${n}"; the number comes from the level: # 一、, ## （一）, ### 1., #### （1）`);
        }
        const inside = SENTENCE_INSIDE.exec(text);
        if (inside) {
          throw new InputError(loc, `the heading goes on after "${text.slice(0, inside.index + 1)}": a run-in heading's text is written on the line after it`,
            `end the heading line after "${inside[0]}", and put "${text.slice(inside.index + 1).trim().slice(0, 12)}…" on the next line (the heading is still printed at the start of that paragraph)`);
        }
        const typedLine = t.map ? sourceLines[t.map[0]] ?? '' : '';
        blocks.push({ type: 'heading', level: level as HeadingLevel, inlines, loc, ...(ESCAPED.test(typedLine) ? { escaped: typedLine } : {}) });
        i += 3;
        break;
      }
      case 'paragraph_open': {
        const inline = expectInline(i + 1);
        checkLines(inline, loc, file);
        const placed = TABLE_PLACEHOLDER.exec(inline.content.trim());
        if (placed) blocks.push({ type: 'statTable', table: placed[1], loc });
        else {
          const lines = inline.content.split('\n');
          const pieces = wordParagraphs(inline);
          pieces.forEach((piece, k) => {
            const at = { file, line: loc.line + piece.line };
            // (each paragraph as printed: lines pasted from Word with their 　　 indents are paragraphs
            // of their own, however long the run of them, a review)
            const long = tooLong(pieces.length > 1 ? (piece.token.children ?? []).map((c) => c.content).join('') : inline.content, at, 'paragraph');
            if (long) throw long;
            const inlines = inlinesOf(piece.token, at);
            const sourceLines = lines.slice(piece.line, pieces[k + 1]?.line ?? lines.length);
            // (a piece of full-width spaces alone is no paragraph; an empty paragraph not cut stays as it was)
            const escaped = sourceLines.some((l) => ESCAPED.test(l)) ? sourceLines.join('\n') : undefined;
            if (inlines.length || piece.token === inline) blocks.push({ type: 'paragraph', inlines, loc: at, ...(sourceLines.length > 1 ? { sourceLines } : {}), ...(escaped ? { escaped } : {}) });
          });
        }
        i += 3;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const start = Number(t.attrGet('start') ?? 1);
        const items: Inline[][] = [];
        const typed: NonNullable<ListBlock['typed']> = [];
        const itemLines: number[] = [];
        const escapedItems: (string | undefined)[] = [];
        const runOn: number[] = [];
        /** An item before the last with lines at the margin after its sentence: the list's own style (1. 一是…。⏎全年培训3次。), no run-on. */
        let marginStyle = false;
        let depth = 0;
        for (i++; i < tokens.length; i++) {
          const u = tokens[i];
          if (u.type === 'bullet_list_open' || u.type === 'ordered_list_open') {
            throw new InputError(locOf(u), 'nested lists are not supported', 'use headings (#, ##, ###, ####) for structure');
          }
          if (u.type === 'list_item_open') {
            depth++;
            items.push([]);
            if (ordered) typed.push({ n: Number(u.info), line: locOf(u).line });
            itemLines.push(locOf(u).line);
            const itemSource = u.map ? sourceLines.slice(u.map[0], u.map[1]).join('\n') : '';
            escapedItems.push(ESCAPED.test(itemSource) ? itemSource : undefined);
            // (a line at the margin after the last item's sentence ended: a paragraph typed right under
            // the list, which Markdown makes part of that item, printed in it — a newcomer; an item's
            // own lines before the next item are its text)
            marginStyle ||= runOn.length > 0;
            runOn.length = 0;
            if (u.map) {
              for (let k = u.map[0] + 1; k < u.map[1]; k++) {
                if (/^\S/.test(sourceLines[k] ?? '') && /[。！？!?]\s*$/.test(sourceLines[k - 1] ?? '')) runOn.push(k + firstLine);
              }
            }
          }
          else if (u.type === 'list_item_close') depth--;
          else if (u.type === 'inline') {
            checkLines(u, locOf(u), file);
            // (an item's lines, 　　-indented ones too, are printed as one block)
            const long = tooLong(u.content, locOf(u), 'list item');
            if (long) throw long;
            const item = items.at(-1)!;
            // a line indented with full-width spaces (1. 完善制度建设⏎　　建立健全…) starts a line of its own, as a paragraph does
            for (const piece of wordParagraphs(u)) {
              const inlines = inlinesOf(piece.token, locOf(u));
              if (!inlines.length) continue;
              if (item.length) item.push({ type: 'text', text: '\n' });
              item.push(...inlines);
            }
          } else if (u.type === 'bullet_list_close' || u.type === 'ordered_list_close') {
            if (depth === 0) break;
          } else if (u.type !== 'paragraph_open' && u.type !== 'paragraph_close' && !u.type.endsWith('_close')) {
            // each at its line, all of a list's together (one at a time: README audit), the list's
            // other items read on: what an item holds past it is passed over
            errors.push(u.type === 'heading_open'
              // (- # 标题 was printed as the item's text, its heading gone without a word: adversarial audit)
              ? new InputError(locOf(u), 'a heading inside a list item (- # …) cannot be printed: GB/T 9704 numbers headings, not list items', 'write the heading on a line of its own, not after "- " or "1. "')
              : u.type === 'table_open' ? new InputError(locOf(u), 'a table inside a list item cannot be printed', 'write the table after the list, its lines not indented, with a blank line before it')
              // (a code block, a quotation, a rule or HTML inside an item: dropped or printed as its
              // text, without a word)
                : unsupported(locOf(u), u.type.replace(/_open$/, '')));
            if (u.nesting === 1) while (i + 1 < tokens.length && !(tokens[i + 1]!.level === u.level && tokens[i + 1]!.nesting === -1)) i++;
            if (u.nesting === 1) i++;
          }
        }
        blocks.push({ type: 'list', ordered, start, items, loc, ...(typed.length ? { typed } : {}), lines: itemLines, ...(ordered && t.markup === ')' ? { paren: true as const } : {}), ...(escapedItems.some(Boolean) ? { escaped: escapedItems } : {}), ...(runOn.length && !marginStyle ? { runOn } : {}) });
        i++;
        break;
      }
      case 'table_open': {
        const header: Inline[][] = [];
        const rows: Inline[][][] = [];
        const align: TableBlock['align'] = [];
        let inHead = false;
        let rowLoc = loc; // cells have no line of their own; their row has
        for (i++; tokens[i].type !== 'table_close'; i++) {
          const u = tokens[i];
          if (u.type === 'thead_open') inHead = true;
          else if (u.type === 'thead_close') inHead = false;
          else if (u.type === 'th_open') align.push((/text-align:(left|center|right)/.exec(String(u.attrGet('style') ?? ''))?.[1] as 'center' | 'right' | undefined) ?? 'left');
          else if (u.type === 'tr_open') {
            if (u.map) {
              rowLoc = locOf(u);
              // Markdown drops the cells of a row beyond its header's: a figure typed there would be lost
              // (empty cells beyond them lose nothing: | 1 | 2 | | or a doubled ||)
              const line = sourceLines[u.map[0]] ?? '';
              // a line right under a table without a blank line between (注：…, the next paragraph):
              // Markdown takes it as a row of the table, its text in the first cell — printed as one,
              // with rules, and widening that column (a large-report audit)
              if (!inHead && align.length > 1 && !line.includes('|')) {
                throw new InputError(rowLoc, `"${line.trim().slice(0, 16)}${line.trim().length > 16 ? '…' : ''}" right under the table is read as one of its rows (Markdown takes a line under a table, without a blank line between, as a row)`,
                  'leave a blank line between the table and this line');
              }
              const cells = cellsOf(line);
              if (align.length > 0 && cells.slice(align.length).some((c) => c.trim() !== '')) {
                const extra = cells.length - align.length;
                throw new InputError(rowLoc, `this row has ${cells.length} cells and the header row ${align.length}: Markdown drops the cells beyond the header's, so ${extra === 1 ? 'the last one would' : `the last ${extra} would`} not be printed`,
                  'add the column to the header row and to its | --- | line, or join the extra cells with the one before them');
              }
            }
            if (!inHead) rows.push([]);
          } else if (u.type === 'inline') (inHead ? header : rows.at(-1)!).push(inlinesOf(u, rowLoc));
        }
        if (align.length > MAX_TABLE_COLUMNS) {
          throw new InputError(loc, `this table has ${align.length} columns, and the 156 mm 版心 holds ${MAX_TABLE_COLUMNS} at most (a cell's padding and rule take 9 pt): the rest would run off the page`,
            `split it into tables of ${MAX_TABLE_COLUMNS} columns or fewer, or turn it (rows for columns)`);
        }
        blocks.push({ type: 'table', header, rows, align, loc });
        i++;
        break;
      }
      default:
        // (--- right under a line of text: Markdown's other way to mark a heading, a rule to the reader)
        // (not under a # heading or a list item, where --- is a rule all the same: review)
        if (t.type === 'hr' && t.map && (sourceLines[t.map[0] - 1] ?? '').trim() !== '' && !/^\s*(?:#|[-*+]\s|\d+[.)]\s|\|)/.test(sourceLines[t.map[0] - 1] ?? '') && /^\s*-{2,}\s*$/.test(sourceLines[t.map[0]] ?? '')) {
          throw new InputError(loc, `a line of --- under "${(sourceLines[t.map[0] - 1] ?? '').trim().slice(0, 16)}" (Markdown's other way to mark a heading) cannot be printed`,
            'write the heading with # before it on its own line (# for 一、, ## for （一）…); a rule between parts cannot be printed either');
        }
        throw unsupported(loc, t.type.replace(/_open$/, ''));
    }
  };
  while (i < tokens.length) {
    const start = i;
    try {
      one();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e);
      i = blockEnd(start);
    }
  }
  throwAll(errors);
  return blocks;
}
