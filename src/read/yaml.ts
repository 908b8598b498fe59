import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';
import { InputError } from '../model/errors.js';
import { parseLiteYaml } from './yaml-lite.js';

const require = createRequire(import.meta.url);
/**
 * The `yaml` library, loaded on first use: most files are read by read/yaml-lite.ts, and loading
 * and first running the library cost ≈ 100 ms of a cold build.
 */
const yamlLibrary = (): typeof YamlLibrary => require('yaml') as typeof YamlLibrary;

/** A YAML text's data, without positions (the table templates): read/yaml-lite.ts, else the library. */
export function parseYaml(text: string): unknown {
  const lite = parseLiteYaml(text);
  return lite ? lite.data : yamlLibrary().parse(text);
}

export interface LocatedYaml {
  data: unknown;
  /** Line (1-based, in the whole file) of the value at a path, or of the nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
  /** The source text of a line (1-based, in the whole file), for messages that quote what was written. */
  lineText?(line: number): string | undefined;
}

const FULL_WIDTH_COLON = 'write the field name and its value with an ASCII colon and a space ("editor: 张三"), not the full-width colon ：';
const NO_SPACE = 'put a space after the colon ("natural: 12"): without one, YAML reads the line as text, not a field and its value';

/** How to fix a line YAML cannot read: the usual slips of typing Chinese first. */
function syntaxHint(line: string): string {
  // (a tab typed as indentation, as Notepad's Tab key does: YAML takes spaces only)
  if (/^ *\t/.test(line)) return 'replace the tab at the start of this line with spaces, as many as the line should be indented (none for a field at the top), as YAML takes no tabs';
  const plain = line.replace(/#.*$/, '').trim();
  if (/^[^:"'\s][^:]*：/.test(plain)) return FULL_WIDTH_COLON;
  if (plain && !plain.startsWith('-') && !plain.includes(':')) return 'write "name: value" — this line has no colon between a field name and its value';
  // a figure typed as - (a printed form's "none"), which YAML reads as a list
  const dash = /([\w.]+):\s*-\s*(?:[,}]|$)/.exec(plain);
  if (dash) return `a figure cannot be "-": write ${dash[1]}: 0 where there were none, or leave it empty (${dash[1]}:${plain.includes('{') ? ' ,' : ' with nothing after it'}) where the figure is unknown`;
  // a Windows path in double quotes, "D:\报告\statistics.yaml": \ starts an escape there (a bad-input audit)
  const quoted = /"([^"]*\\[^"]*)"/.exec(plain);
  if (quoted && /^[A-Za-z]:\\|\\[^\\"nt0abefrvxuUN_LP ]/.test(quoted[1]!)) {
    return `in double quotes a \\ starts an escape (\\n, \\t): write the path with / between folders, "${quoted[1]!.replace(/\\/g, '/')}", or in single quotes`;
  }
  return 'check indentation, colons and quotes on this line (quote values that contain ": " or start with a special character)';
}

/**
 * A slip on the line YAML names or the two above it, where YAML notices it only on a later line:
 * `natural：12   # …` and `natural:12` are read as text, and the next line is then out of place
 * ("All mapping items must start at the same column").
 */
function slipAbove(lines: readonly string[], at: number): { line: number; hint: string } | undefined {
  for (let l = at; l >= Math.max(1, at - 2); l--) {
    const plain = (lines[l - 1] ?? '').replace(/\s#.*$/, '').trim();
    if (/^[A-Za-z_][\w.-]*\s*：/.test(plain)) return { line: l, hint: FULL_WIDTH_COLON };
    if (/^[A-Za-z_][\w.-]*:[^\s/]/.test(plain)) return { line: l, hint: NO_SPACE };
  }
  return undefined;
}

/** The spaces a YAML line is indented by. */
const indentOf = (line: string): number => /^ */.exec(line)![0].length;

/**
 * A field line off the column of the field above it by a space or three (a stray space typed
 * before it, or one too few): the column to start it in, and for one indented less also the column
 * of the field further out it may belong with. Undefined where the line above is no field, or the
 * line is not so.
 */
function columnHint(lines: readonly string[], at: number): string | undefined {
  const line = lines[at - 1] ?? '';
  let above = at - 1;
  while (above >= 1 && !(lines[above - 1] ?? '').replace(/\s#.*$/, '').trim()) above--;
  const prev = lines[above - 1] ?? '';
  if (above < 1 || !/^\s*[A-Za-z_][\w.-]*:/.test(prev) || /:\s*(?:#.*)?$/.test(prev)) return undefined;
  const gap = indentOf(line) - indentOf(prev);
  if (gap === 0 || Math.abs(gap) > 3) return undefined;
  const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
  const shown = (l: string) => `"${l.trim().replace(/\s+#.*$/, '')}"`;
  const column = `start this line in the column of ${shown(prev)} above it: ${spaces(indentOf(prev))} before it, not ${indentOf(line)}`;
  if (gap > 0) return column;
  // (indented less than the field above: it may belong to a field further out, review — both columns)
  const outer = lines.slice(0, above - 1).reverse().find((l) => /^\s*[A-Za-z_][\w.-]*:/.test(l) && indentOf(l) < indentOf(line));
  return outer ? `${column}; or, if it belongs with ${shown(outer)}, in its column: ${spaces(indentOf(outer))}` : column;
}

/**
 * Lines read for the indentation checks below, 1-based: a line without its comment, whether it is
 * a field (`name:`), and the nearest non-blank line from `l` on, `step` 1 down or -1 up.
 */
function lineReader(lines: readonly string[]) {
  const plain = (l: number) => (lines[l - 1] ?? '').replace(/(^|\s)#.*$/, '');
  const field = (l: number) => l >= 1 && l <= lines.length && /^\s*[A-Za-z_][\w.-]*:(\s|$)/.test(plain(l));
  const nonBlank = (l: number, step: number) => {
    while (l >= 1 && l <= lines.length && !plain(l).trim()) l += step;
    return l;
  };
  return { plain, field, nonBlank };
}

/** What the YAML library says of a line indented off its fields (the checks below then name the line and its column). */
const INDENT_SLIP = /^(?:All mapping items must start at the same column|Nested mappings are not allowed in compact mappings|Unexpected scalar at node end|Implicit keys need to be on a single line)/;

/**
 * A field line out of step with the fields beside it under the same field (natural: typed five
 * spaces in where its six siblings have six): YAML notices the sibling after it, which the rules
 * below then blamed — each fix moved the error one line down (a newcomer's trial). The line, the
 * first whose column differs from the one most of its siblings share, where it is `at` or next
 * to it; undefined where the siblings agree on no column, or are not all fields without children.
 */
function outOfStep(lines: readonly string[], at: number): { line: number; column: number; siblings: number; opener: string; openerColumn: number } | undefined {
  const { plain, field, nonBlank } = lineReader(lines);
  const blank = (l: number) => !plain(l).trim();
  const nextOf = (l: number) => nonBlank(l + 1, 1);
  // a field with its value on its line, or one the next line is not indented under
  const leaf = (l: number) => field(l) && (/:\s+\S/.test(plain(l)) || nextOf(l) > lines.length || indentOf(plain(nextOf(l))) <= indentOf(plain(l)));
  if (!leaf(at)) return undefined;
  // the field they are under: the nearest line above that opens a mapping, indented less than all between
  let opener = at - 1;
  let least = indentOf(plain(at));
  for (; opener >= 1; opener--) {
    if (blank(opener)) continue;
    if (/^\s*[A-Za-z_][\w.-]*:\s*$/.test(plain(opener)) && indentOf(plain(opener)) < least) break;
    if (!leaf(opener)) return undefined;
    least = Math.min(least, indentOf(plain(opener)));
  }
  if (opener < 1) return undefined;
  const base = indentOf(plain(opener));
  const group: number[] = [];
  for (let l = opener + 1; l <= lines.length; l++) {
    if (blank(l)) continue;
    if (indentOf(plain(l)) <= base) break;
    if (!leaf(l)) return undefined;
    group.push(l);
  }
  const counts = new Map<number, number>();
  for (const l of group) counts.set(indentOf(plain(l)), (counts.get(indentOf(plain(l))) ?? 0) + 1);
  const [column, most] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  // (a column most of them share: two siblings of three, or more)
  if (most < 2 || [...counts.values()].filter((n) => n === most).length > 1) return undefined;
  const odd = group.find((l) => indentOf(plain(l)) !== column);
  return odd !== undefined && Math.abs(odd - at) <= 1 ? { line: odd, column, siblings: most, opener: plain(opener).trim(), openerColumn: base } : undefined;
}

/**
 * A field line indented further than the field above it, which has its value (year: 2021 typed
 * two spaces in under title: …): YAML reads it as more of that value and names the line above it,
 * or the line after it, with words of its own (a bad-input audit: "Nested mappings are not allowed
 * in compact mappings" at the title's line, "indent it to 6 spaces" at the next field's). The line
 * among `at` and its neighbours, and the field above it; undefined where none is so.
 */
function overIndented(lines: readonly string[], at: number): { line: number; above: string; column: number } | undefined {
  const { plain, field, nonBlank } = lineReader(lines);
  for (const l of [at - 1, at, at + 1]) {
    if (!field(l)) continue;
    const above = nonBlank(l - 1, -1);
    const prev = above >= 1 ? plain(above) : '';
    // (the field above has its value on its line: not one that opens a mapping or a block)
    if (above >= 1 && /^\s*[A-Za-z_][\w.-]*:\s+[^\s|>[{]/.test(prev) && indentOf(plain(l)) > indentOf(prev)) return { line: l, above: prev.trim(), column: indentOf(prev) };
    // (the first field of a mapping — of the file, or under a field that opens one — indented
    // further than the fields after it: "  title: …" over "year: 2021", review_upheld under t4:)
    const opens = above < 1 || /:\s*$/.test(prev);
    // (two fields after it agree on their column: one alone, off by a space, may be the one wrong)
    const next = nonBlank(l + 1, 1);
    const then = nonBlank(next + 1, 1);
    if (l <= at && opens && field(next) && field(then) && indentOf(plain(then)) === indentOf(plain(next))
      && indentOf(plain(next)) < indentOf(plain(l)) && indentOf(plain(next)) > (above < 1 ? -1 : indentOf(prev))) {
      return { line: l, above: '', column: indentOf(plain(next)) };
    }
  }
  return undefined;
}

/**
 * Line `at`, or the line above it, left at the indentation of the field that opens its mapping:
 * that field (its line ends with a colon) is right above it, at the same indentation, and the line
 * after it is indented further (where the field's children were meant to be). Undefined where it
 * is not so.
 */
function underIndented(lines: readonly string[], at: number): { line: number; parent: string; by: number } | undefined {
  const indent = (l: number) => indentOf(lines[l - 1] ?? '');
  const plain = (l: number) => (lines[l - 1] ?? '').replace(/\s#.*$/, '').trim();
  for (let l = at; l >= Math.max(2, at - 8); l--) {
    if (!plain(l)) continue;
    let next = l + 1;
    while (next <= lines.length && !plain(next)) next++;
    const parent = plain(l - 1);
    // (the line YAML named, or the one right above it: a valid line further up is not blamed, review)
    if ((l === at || next === at) && /:$/.test(parent) && indent(l - 1) === indent(l) && next <= lines.length && indent(next) > indent(l)) return { line: l, parent, by: indent(next) - indent(l) };
  }
  return undefined;
}

/**
 * The field written "name: |" (or ">") whose lines line `at` seems to be one of: the nearest such
 * field above it with only unindented lines without a colon between, else undefined.
 */
function blockAbove(lines: readonly string[], at: number): string | undefined {
  for (let l = at; l >= Math.max(1, at - 6); l--) {
    const line = (lines[l - 1] ?? '').replace(/\s#.*$/, '');
    const field = /^([A-Za-z_][\w.-]*):\s*[|>][+-]?\s*$/.exec(line.trim());
    if (field && l < at) return `${field[1]}: ${line.trim().split(':')[1]!.trim()}`;
    if (l < at && (line.includes(':') || line.trim() === '')) return undefined;
  }
  return undefined;
}

/**
 * The file line of a value's path: the line of the value, else of its nearest ancestor that has
 * one, else the first line. `lineAt` gives a path's line within the text (1-based) or undefined.
 */
const nearestLine = (lineAt: (path: readonly PropertyKey[]) => number | undefined, firstLine: number) =>
  (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const line = lineAt(path.slice(0, n));
      if (line !== undefined) return line + firstLine - 1;
    }
    return firstLine;
  };

/**
 * Parse YAML, keeping the source positions so that validation errors can name a line.
 * `firstLine` is the file line on which `text` starts (front matter starts on line 2).
 */
export function parseLocatedYaml(text: string, file: string, firstLine = 1): LocatedYaml {
  try {
    return parseLocated(text, file, firstLine);
  } catch (e) {
    // (5,000 levels of [[[ or of indentation ran the readers out of stack: an internal error before)
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // (at the first line that opens a run of brackets or is indented far, not the file's first:
      // a bad-input audit)
      const lines = text.split('\n');
      const deep = lines.findIndex((l) => /[[{]\s*[[{]\s*[[{]\s*[[{]/.test(l) || /^ {40}/.test(l));
      throw new InputError({ file, line: firstLine + Math.max(0, deep) }, 'the YAML is nested too deeply to be read (thousands of levels of [ or { or indentation)',
        'a report\'s front matter and statistics nest a few levels at most: check the file for a run of [ or {, or lines indented ever further');
    }
    throw e;
  }
}

/**
 * A list item typed a space or more to the right of the item above it (`  - 年报` then `   - 公开`):
 * YAML reads it as more text of that item, one keyword "年报 - 公开", without a word. Its line and the
 * item above, or undefined. Only items of plain text: `- name: value` and quoted items are left to
 * YAML, and a nested list is written `- - x` or with `-` alone on the line above.
 */
function mergedItem(lines: readonly string[]): { line: number; above: string; column: number } | undefined {
  const item = /^( *)- +([^\s"'|>#&*!\[{-].*?)\s*(?:\s#.*)?$/;
  let prev: { indent: number; text: string } | undefined;
  let block = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.replace(/^\s*#.*$/, '').trim()) continue;
    // (the lines of a "name: |" field are its text, whatever they start with)
    if (indentOf(line) > block && block >= 0) continue;
    // (a field's or a list item's: keywords:⏎  - |⏎    - a, review)
    block = /(?::|^\s*-)\s*[|>][+-]?\d?\s*(?:#.*)?$/.test(line) ? indentOf(line) : -1;
    const m = item.exec(line);
    if (m && prev && m[1]!.length > prev.indent) return { line: i + 1, above: prev.text, column: prev.indent };
    // (an item holding ": " is a mapping in the list, whose fields may follow it indented)
    prev = m && !/:(?:\s|$)/.test(m[2]!) ? { indent: m[1]!.length, text: line.replace(/\s#.*$/, '').trim() } : undefined;
  }
  return undefined;
}

function parseLocated(text: string, file: string, firstLine: number): LocatedYaml {
  if (text.includes(' - ')) {
    const merged = mergedItem(text.split('\n'));
    if (merged) {
      const { line, above, column } = merged;
      const own = text.split('\n')[line - 1]!.replace(/\s#.*$/, '').trim();
      throw new InputError({ file, line: line + firstLine - 1 },
        `"${own}" is indented more than the list item above it ("${above}"), so YAML reads it as more text of that item, not an item of its own`,
        `start its - in the column of the - above it (${column} space${column === 1 ? '' : 's'} before it)`);
    }
  }
  const lite = parseLiteYaml(text);
  let lines: string[] | undefined; // (split once, when first asked: a statistics file asks for each figure's line)
  const lineText = (line: number): string | undefined => (lines ??= text.split('\n'))[line - firstLine];
  if (lite) return { data: lite.data ?? {}, lineOf: nearestLine((p) => lite.lineAt(p), firstLine), lineText };
  const { isNode, isMap, isScalar, LineCounter, parseDocument, visit } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const lines = text.split('\n');
    const message = err.message.split('\n')[0]!;
    let at = lineCounter.linePos(err.pos[0]).line;
    // YAML notices a [ { or " left open only on a later line: name the line that opened it
    const close = /end with a ([\]}])/.exec(message)?.[1] ?? (message.startsWith('Missing closing "quote') ? '"' : undefined);
    if (close) {
      const open = close === ']' ? '[' : close === '}' ? '{' : '"';
      const opened = (line: string) => {
        const count = (c: string) => line.split(c).length - 1;
        return open === '"' ? count('"') % 2 === 1 : count(open) > count(close);
      };
      for (let l = at; l >= 1; l--) {
        if (opened(lines[l - 1] ?? '')) {
          throw new InputError({ file, line: l + firstLine - 1 }, `YAML syntax error: ${message}`, `close the ${open} on this line with ${close}`);
        }
      }
    }
    // (statistics: report.md — a file of front matter and text between --- lines)
    if (err.code === 'MULTIPLE_DOCS') {
      throw new InputError({ file, line: at + firstLine - 1 }, 'the file holds more than one YAML document (a --- line, as a report.md has)',
        'a statistics file is one YAML mapping (gongwen new writes one): check that "statistics:" names the statistics file, not the report');
    }
    // a field left at its parent's indentation under a field that opens a mapping (new_received:⏎
    // natural: 36⏎      commercial: 6): YAML notices it only at the next line
    const under = /^(?:All mapping items must start at the same column|Nested mappings are not allowed in compact mappings)/.test(message) ? underIndented(lines, at) : undefined;
    if (under) {
      throw new InputError({ file, line: under.line + firstLine - 1 }, `YAML syntax error: "${(lines[under.line - 1] ?? '').replace(/\s#.*$/, '').trim()}" is not indented under "${under.parent}", as the lines after it are`,
        `indent it by ${under.by} more space${under.by === 1 ? '' : 's'}, as the lines below it`);
    }
    // a field out of step with its siblings, one space in or out: named itself, not the sibling after it
    const step = INDENT_SLIP.test(message) ? outOfStep(lines, at) ?? outOfStep(lines, at - 1) : undefined;
    if (step) {
      const own = indentOf(lines[step.line - 1] ?? '');
      const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
      // (indented less: it may belong with the field they are under, at its column — a review:
      // carried_over: one space short of its siblings under new_received: was told to join them)
      throw new InputError({ file, line: step.line + firstLine - 1 }, `YAML syntax error: "${(lines[step.line - 1] ?? '').replace(/\s#.*$/, '').trim()}" is indented ${own > step.column ? 'further' : 'less'} than the ${step.siblings} fields beside it`,
        step.column === 0 ? 'remove the spaces before it, as they have none'
          : `start it in their column: ${spaces(step.column)} before it, not ${own}${own < step.column ? `; or, if it belongs with "${step.opener}", ${step.openerColumn ? `in its column: ${spaces(step.openerColumn)}` : `at the start of the line, as "${step.opener}" is`}` : ''}`);
    }
    // (else a field indented further than the one above it, or than the fields after it)
    const over = INDENT_SLIP.test(message) ? overIndented(lines, at) : undefined;
    if (over) {
      const shown = `"${(lines[over.line - 1] ?? '').replace(/\s#.*$/, '').trim()}"`;
      throw new InputError({ file, line: over.line + firstLine - 1 }, `YAML syntax error: ${over.above ? `${shown} is indented further than "${over.above}" above it, so YAML reads it as part of that value` : `${shown} is indented further than the fields after it`}`,
        over.column === 0 ? `remove the spaces before it, as the line ${over.above ? 'above' : 'after it'} has none`
          : `start it in the column of the line ${over.above ? 'above' : 'after it'}: ${over.column} space${over.column === 1 ? '' : 's'} before it, not ${indentOf(lines[over.line - 1] ?? '')}`);
    }
    // a value that holds ": " (a colon and a space), read as a field of its own: text to quote, or a
    // field and its value, as a row of figures or attachment's title, to put in { } (the comment
    // after it aside, review; not a line indented off its fields, which the check above it names)
    const bare = (lines[at - 1] ?? '').replace(/\s#.*$/, '');
    // a full-width comma between a row's fields in { } (an input method's ，): YAML read 236，commercial
    // as one value, and the fix given, to quote the row, led to the next error (a statistics audit)
    for (const l of [at, at - 1]) {
      const row = (lines[l - 1] ?? '').replace(/\s#.*$/, '');
      if (l >= 1 && /\{[^}]*[\w.]\s*，\s*[A-Za-z_][\w.-]*\s*:/.test(row)) {
        throw new InputError({ file, line: l + firstLine - 1 }, 'YAML syntax error: a full-width comma ， between the fields in { }, which YAML does not read as a comma',
          `type the ASCII comma: ${row.trim().replace(/，\s*/g, ', ')} (switch the input method to 半角 or English)`);
      }
    }
    // (the value's first character after the spaces: " {natural…" was taken for text to quote)
    const colon = /^(\s*)([A-Za-z_][\w.-]*):\s+([^\s"'{\[|>#].*?:\s.*?)\s*$/.exec(bare);
    // (in line with a field above it, or the first field under one that opens a mapping)
    const opener = (lines[at - 2] ?? '').replace(/\s#.*$/, '');
    const aligned = colon && (at === 1 || (/^\s*[A-Za-z_][\w.-]*:\s*$/.test(opener) && indentOf(opener) < colon[1]!.length) || lines.slice(0, at - 1).some((l) => /^\s*[A-Za-z_][\w.-]*:/.test(l) && indentOf(l) === colon[1]!.length));
    if (colon && aligned && err.code !== 'DUPLICATE_KEY') {
      // (only for a field that takes fields: attachment, contact, a row of figures under its table)
      const field = /^[A-Za-z_][\w.-]*:\s/.test(colon[3]!) && (['attachment', 'contact'].includes(colon[2]!) || colon[1]!.length >= 4);
      // (two figures' fields run together on one line, s2_1: s2_2: 5074: each on a line of its own)
      const figures = !field && /^[A-Za-z_][\w.-]*:\s*-?\d[\d.]*$/.test(colon[3]!);
      throw new InputError({ file, line: at + firstLine - 1 }, `YAML syntax error: the value of ${colon[2]} holds ": " (a colon and a space), which YAML reads as another field`,
        field ? `write a field and its value under ${colon[2]} in { }: ${colon[2]}: { ${colon[3]} }`
          : figures ? `write each field and its figure on a line of its own: ${colon[2]}: <its figure>, then ${colon[3]}`
            : `put the value in quotes: ${colon[2]}: "${colon[3]!.replace(/"/g, '\\"')}"`);
    }
    const slip = err.code === 'DUPLICATE_KEY' ? undefined : slipAbove(lines, at);
    if (slip) {
      throw new InputError({ file, line: slip.line + firstLine - 1 },
        `YAML syntax error: "${(lines[slip.line - 1] ?? '').replace(/\s#.*$/, '').trim()}" is not read as a field and its value`, slip.hint);
    }
    // a line of text under a field written "title: |" (several lines), not indented under it
    const block = blockAbove(lines, at);
    const hint = err.code === 'DUPLICATE_KEY' ? 'this field is given twice: keep one of the two lines'
      : block ? `indent each line under "${block}" by two spaces (the lines of a field written with | are indented under it)`
        : (message.startsWith('All mapping items must start at the same column') && columnHint(lines, at)) || syntaxHint(lines[at - 1] ?? '');
    throw new InputError({ file, line: at + firstLine - 1 }, `YAML syntax error: ${message}`, hint);
  }
  // a tag the schema does not know (!!js/function, !custom) was read as text without a word
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) {
    throw new InputError({ file, line: lineCounter.linePos(tag.pos[0]).line + firstLine - 1 }, `a YAML tag gongwen does not read: ${text.slice(tag.pos[0], tag.pos[1]).trim()}`,
      'remove the tag and write the value alone (a text, a number or a date)');
  }
  // a key that is a list or a mapping (? [a, b]): no field, and the library warned on stderr
  // that it would be turned into text (adversarial audit)
  let collectionKey: number | undefined;
  visit(doc, { Pair: (_, pair) => {
    if (collectionKey === undefined && isNode(pair.key) && !isScalar(pair.key) && pair.key.range) collectionKey = lineCounter.linePos(pair.key.range[0]).line;
  } });
  if (collectionKey !== undefined) {
    throw new InputError({ file, line: collectionKey + firstLine - 1 }, 'a field name that is a list or a mapping (? [a, b]) is no field',
      'write each field as "name: value", its name a plain word');
  }
  const lineOf = nearestLine((p) => {
    let node = p.length === 0 ? doc.contents : doc.getIn(p as unknown[], true);
    // (a key that is no text, 2022: y or ~: c, is found by its text: the unknown field's own line,
    // not the title's, adversarial audit)
    if (node === undefined && p.length > 0) {
      const parent = p.length === 1 ? doc.contents : doc.getIn(p.slice(0, -1) as unknown[], true);
      const pair = isMap(parent) ? parent.items.find((it) => String((isScalar(it.key) ? it.key.value : it.key) ?? '') === String(p[p.length - 1])) : undefined;
      node = isNode(pair?.key) ? pair.key : undefined;
    }
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  }, firstLine);
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // aliases that multiply (a "billion laughs"): at the first alias, in words (adversarial audit)
    if (/Excessive alias count/.test((e as Error).message)) {
      const first = text.split('\n').findIndex((l) => /(?:^|[\s[{,:])\*[^\s,\]}]/.test(l.replace(/#.*$/, ''))) + 1;
      throw new InputError({ file, line: (first || 1) + firstLine - 1 }, 'the YAML refers to its anchors (*name) so often that its values would grow without end',
        'write each value out: the fields take text, numbers and dates, not anchors');
    }
    // an alias (*name) with no anchor (&name) before it: found only when the value is made
    const name = /alias[^:]*: (.+)$/.exec((e as Error).message)?.[1];
    const at = name ? text.split('\n').findIndex((l) => l.includes(`*${name}`)) + 1 : 0;
    throw new InputError({ file, line: (at || 1) + firstLine - 1 }, `YAML: ${(e as Error).message}`,
      'a value starting with * refers to an anchor (&name): put the value in quotes ("*…") if it is text');
  }
  return { data: data ?? {}, lineOf, lineText };
}
