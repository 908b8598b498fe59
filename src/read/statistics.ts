import { formatAmount, LARGEST_FIGURE, roundYuan, toTheYuan, YUAN } from '../model/amounts.js';
import { decodeUtf8, readInputBytes, TEXT_LIMIT } from './text-file.js';
import { asciiDigits } from '../model/typed-text.js';
import { condensed, InputError, throwAll } from '../model/errors.js';
import { parseSumRecord, type SumRecord, type StatCell, type StatisticsTable } from '../model/types.js';
import { availableTemplates, FIRST_FORM_YEAR, loadTemplate, templateForYear, wrongFormNote } from './templates.js';
import { closest } from './validate.js';
import { parseLocatedYaml } from './yaml.js';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a value must be for its cell — whole non-negative numbers; 万元 amounts may have decimals
 * and 本年增/减 may be negative — or undefined when the value fits. (YAML and Excel alike.)
 */
/** The report years of a form, said: "the form for 2019–2020". */
const formYears = (id: string): string => {
  const y = loadTemplate(id)?.years;
  return y ? `the form for ${y.from}${y.to === undefined ? ' on' : `–${y.to}`}` : 'a form';
};

export function valueProblem(cell: StatCell, v: unknown): string | undefined {
  // (a run of digits too long for a number, 400 nines, is Infinity to YAML: too many digits, not "no whole number", a bad-input audit)
  const digits = `number of ${cell.decimals ? `${String(Math.floor(LARGEST_FIGURE / YUAN)).length} digits before the point` : `${String(LARGEST_FIGURE).length} digits`} at most (a longer one is not stored as typed)`;
  if (v === Infinity || v === -Infinity) return digits;
  const ok = typeof v === 'number' && Number.isFinite(v) && (cell.signed || v >= 0) && (cell.decimals ? toTheYuan(v) : Number.isInteger(v));
  // (a figure past 2^53 is not the one typed: YAML read 99999999999999999999 as 1e20, printed as 100000000000000000000)
  if (ok && Math.abs(cell.decimals ? v * YUAN : v) > LARGEST_FIGURE) return digits;
  if (ok) return undefined;
  return cell.signed ? 'whole number (may be negative)' : cell.decimals ? 'non-negative amount in 万元 to the yuan (four decimals at most: 0.0012 is 12元)' : 'whole non-negative number';
}


/** How to write a value that looks like a number but is not one to YAML, as clerks type them. */
export function valueFix(cell: StatCell, v: unknown): string | undefined {
  // (an amount in 万元 has four decimals at most, to the yuan: 0.00005 would be printed, summed and rounded differently)
  if (typeof v === 'number' && cell.decimals && v >= 0 && !toTheYuan(v)) return `round it to the yuan: ${formatAmount(roundYuan(v))}`;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  // a printed form's mark for none — 无, —, /, ×, 零 — is 0 (a blank is a figure unknown, which the
  // sum and --strict tell of; an office's trial was told to leave it blank)
  if (/^(?:无|没有|零|〇|[-－—–―/／×✕]+)$/u.test(t)) return `write 0 where there were none ("${t}" is text to a spreadsheet and to YAML); leave the cell empty only where the figure is unknown`;
  // a comment typed against its figure: YAML reads "0# 表四 …" as text (a comment starts after a space)
  const commented = /^(-?\d+(?:\.\d+)?)#/.exec(t);
  if (commented) return `put a space before the #: ${commented[1]}  # … (YAML starts a comment only after a space)`;
  // full-width digits, comma and minus as an input method types them (１，２０５)
  const ascii = asciiDigits(t).replace(/，/g, ',').replace(/[－−]/g, '-');
  const plain = ascii.replace(/^(-?)(\d{1,3}(?:,\d{3})+)/, (_, sign: string, n: string) => sign + n.replace(/,/g, ''));
  if (ascii !== t && /^-?\d+(\.\d+)?$/.test(plain)) {
    // (said of what was typed: full-width digits, a full-width comma, a minus sign that is no hyphen-minus; an office trial)
    const what = [/[０-９]/.test(t) ? 'full-width digits' : '', /，/.test(t) ? 'a full-width comma' : '', /[－−]/.test(t) ? `a minus sign (${/－/.test(t) ? '－' : '−'})` : ''].filter(Boolean);
    return `write it ${/[０-９]/.test(t) ? 'with ASCII digits' : 'as plain digits'}${plain !== ascii ? ', without the thousands separator' : ''}${/[－−]/.test(t) ? ', the minus as the hyphen-minus -' : ''}: ${plain} (${what.join(' and ') || 'full-width characters'} make${what.length === 1 && !what[0]!.endsWith('s') ? 's' : ''} it text)`;
  }
  // (quoted, or given a tag: !!str 3862, audit — the fix named quotes it had not)
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return `write the bare figure: ${t} (in quotes, or after !!str, it is text)`;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return `write it without the thousands separator: ${t.replace(/,/g, '')}`;
  // a change in words, in a 本年增/减 cell: 减少2, 增加3
  const change = /^(增加|增|新增|减少|减)\s*(\d+)\s*[^\d\s]*$/.exec(asciiDigits(t));
  if (change && cell.signed) return `write the change as a signed number: ${change[1]!.startsWith('减') ? '-' : '+'}${change[2]}`;
  // the letters O and l typed for the figures 0 and 1 (O, 1O, l2: before a unit is looked for, which 1O looked like)
  // (with a unit after it too, 1O件)
  const letters = /^([0-9Ool]+)\s*[^\d\s.Ool]*$/.exec(t);
  if (letters && /[Ool]/.test(letters[1]!) && /\d/.test(letters[1]!) || /^[Oo]$/.test(t)) {
    const figure = (letters?.[1] ?? t).replace(/[Oo]/g, '0').replace(/l/g, '1');
    return `${/[Oo]/.test(t) ? 'O is the letter O' : 'l is the letter l'}: write the figure ${figure}`;
  }
  const unit = /^(-?\d+(?:\.\d+)?)\s*([^\d\s.]+)$/.exec(t);
  // (an amount in 元 where the column is in 万元: 251000元 is 25.1)
  if (unit && cell.unit === '万元' && unit[2] === '元') {
    const wan = Number(unit[1]) / YUAN;
    return `write it in 万元, the column's unit: ${toTheYuan(wan) ? String(roundYuan(wan)) : `${formatAmount(roundYuan(wan))} (to the yuan)`}`;
  }
  // (a rate where the form asks for a count: 按时办结率 100% in 按时办结 — "write 100" invited 100
  // of 56 applications, a 2014-form trial; the workbook says so too, io/xlsx.ts)
  if (unit && /^[%％‰]$/.test(unit[2]!)) {
    return cell.unit === '万元' ? 'the form asks for an amount in 万元 here, not a percentage: write the amount'
      : `the form asks for a count${cell.unit ? ` in ${cell.unit}` : ''} here, not a percentage: write how many (the text may give the rate)`;
  }
  if (unit) return `write the number alone: ${unit[1]} (the column gives the unit${cell.unit ? `, ${cell.unit}` : ''})`;
  return undefined;
}

/** The pattern of what is written after `key:`, made once per key (the keys are a template's cells). */
const writtenPatterns = new Map<string, RegExp>();
function writtenAfter(key: string): RegExp {
  let pattern = writtenPatterns.get(key);
  if (!pattern) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?:^|[\\s{,])["']?${escaped}["']?\\s*:\\s*([^\\s,}#]+)`, 'g');
    writtenPatterns.set(key, pattern);
  }
  return pattern;
}

/** A line of one key and a figure in plain digits (`  c1: 12`, `- a: 3.5  # note`). */
const PLAIN_FIGURE_LINE = /^[^:{},#"']*:\s*[+-]?\d+(?:\.\d+)?\s*(?:#.*)?$/;

/**
 * A figure written in a notation YAML reads as a number but a clerk would not mean (1e3 is 1000,
 * 0x10 is 16, 0o17 is 15, .5), as written on its line after `key:`; undefined for plain digits.
 */
function oddNotation(lineText: string | undefined, key: string): string | undefined {
  // (the usual line, one key and plain digits, needs no pattern of its own)
  if (lineText !== undefined && PLAIN_FIGURE_LINE.test(lineText)) return undefined;
  const written = writtenOn(lineText, key);
  return written && !/^[+-]?\d+(\.\d+)?$/.test(written) ? written : undefined;
}

/**
 * What is written after `key:` on its line, where it is there once (a key twice on the line, two
 * rows written on one: which is which cannot be told) and is no anchor, alias or tag (&a 12, *a,
 * !!int: YAML's own notation, not a figure's).
 */
function writtenOn(lineText: string | undefined, key: string): string | undefined {
  const found = [...(lineText ?? '').matchAll(writtenAfter(key))];
  const written = found.length === 1 ? found[0]![1]! : undefined;
  return written && !/^[&*!]/.test(written) ? written : undefined;
}

/**
 * Check one value against its cell; returns the number or records an error. `typed`: the figure
 * as its line has it, for a number YAML could not keep (12345678901234567 read as …568).
 */
function valueOf(cell: StatCell, v: unknown, file: string, line: number, errors: InputError[], typed?: string): number | undefined {
  if (v === null || v === undefined || v === '') return undefined; // explicitly empty
  const problem = valueProblem(cell, v);
  if (problem) {
    // (a number as YAML read it: .inf is Infinity, not JSON's null; one past 2^53 as typed)
    const shown = typeof v === 'number' ? (!Number.isSafeInteger(Math.trunc(v)) && typed && /^[+-]?\d+(\.\d+)?$/.test(typed) ? typed : String(v)) : JSON.stringify(v);
    errors.push(new InputError({ file, line }, `${cell.label}: value ${shown} is not a ${problem}`,
      valueFix(cell, v) ?? `write a number of ${cell.unit || 'units'}, or leave the cell out if the figure is unknown`));
    return undefined;
  }
  return v as number;
}

/**
 * Read a statistics file. 2014 template: `values: { <row id>: <number> }`. 2019/2021 templates:
 * `tables: { t2: { <row>: { <col>: n } }, t3: { <row>: { <col>: n } }, t4: { <col>: n } }`.
 * Cells left out are empty (rendered blank, reported as incomplete); unknown ids and
 * non-numbers are errors naming the line.
 */
export function readStatistics(path: string, year?: number, file = path): StatisticsTable {
  // (`file`: the name messages give it, `path`: where it is read; a working folder removed under
  // --watch leaves a name relative to it nowhere to be found)
  if (/\.xlsx$/i.test(file)) {
    throw new InputError({ file }, 'a report reads its statistics from a YAML file',
      `convert the workbook once: gongwen aggregate <its folder> --out ${file.replace(/\.xlsx$/i, '.yaml')}, then name the .yaml in "statistics:"`);
  }
  return statisticsFromBytes(readInputBytes(path, file, () => new InputError({ file }, 'statistics file not found', 'create it, or fix "statistics:" in the front matter'), false, TEXT_LIMIT), file, year);
}

/** A statistics file's bytes, read already (a sum's unit, io/sum-units.ts), as readStatistics reads them. */
export function statisticsFromBytes(bytes: Uint8Array, file: string, year?: number): StatisticsTable {
  // (line ends of any system, as report.md's front matter takes them: CR alone was one long line, "missing field template")
  const text = decodeUtf8(bytes, file).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // (no lines but comments either: "missing field template" read as a typo of one)
  if (!text.replace(/^\s*#.*$/gm, '').trim()) {
    throw new InputError({ file }, 'the statistics file is empty', 'write the form\'s figures into it: gongwen new <a new folder> --organ … --year … writes one with every cell of the year\'s form, labelled, to copy from');
  }
  return parseStatistics(text, file, year);
}

/** The header line `gongwen aggregate` writes over a sum (io/aggregate.ts): its record, as JSON. */
export const SUM_RECORD_HEADER = 'gongwen sum record: ';
export function sumRecordOf(text: string): SumRecord | undefined {
  const m = /^# gongwen sum record: (.*)$/m.exec(text.slice(0, 16384));
  return m ? parseSumRecord(m[1]!) : undefined;
}

/**
 * The header line `gongwen aggregate` writes over a unit's file it converted (a workbook into
 * YAML): the fingerprint of the figures it wrote, so that a conversion nobody changed since is told
 * from figures typed in, and may be replaced by converting again (a review: a corrected workbook
 * saved before the first conversion was refused as "figures gongwen did not write").
 */
export const CONVERTED_HEADER = 'gongwen converted figures: ';
export const convertedMarkOf = (text: string): string | undefined => /^# gongwen converted figures: (\S+)\s*$/m.exec(text.slice(0, 16384))?.[1];

/** `year`: the report's, where the file is read for one: a file on another year's form that fails on its rows and columns says so first. */
export function parseStatistics(text: string, file: string, year?: number): StatisticsTable {
  const y = parseLocatedYaml(text, file);
  const data = y.data;
  if (!isMap(data)) {
    throw new InputError({ file, line: 1 }, 'a statistics file is a mapping with "template:" and "values:" (or "tables:")',
      'check that "statistics:" names the statistics file (gongwen new writes one, statistics.yaml, with every cell of the form)');
  }
  const id = data.template;
  const template = typeof id === 'string' ? loadTemplate(id) : undefined;
  if (!template) {
    throw new InputError({ file, line: y.lineOf(['template']) },
      id === undefined ? 'missing field "template"' : typeof id !== 'string' ? '"template" must be one name, e.g. template: gov-2021' : `unknown statistics template "${id}"`,
      // (the report's year's form named, where the year is known: all three were listed, a 2014-form trial)
      year !== undefined && year >= FIRST_FORM_YEAR ? `write template: ${templateForYear(year)}, the form of report year ${year} (the forms: ${availableTemplates().join(', ')})` : `use one of: ${availableTemplates().join(', ')}`);
  }
  const wrong = year === undefined ? undefined : wrongFormNote(template, year);
  const withFormNote = (errs: InputError[]): InputError[] => wrong && errs.some((e) => e.problem.startsWith('unknown '))
    ? [new InputError({ file, line: y.lineOf(['template']) }, `template: ${template.id} — ${wrong.note}, so the rows and columns below are not the form's`,
      `write the statistics on ${wrong.form}: gongwen new <folder> --year ${year} writes an empty file of it (or correct year: if the report is on another year)`), ...errs]
    : errs;
  const dataKey = template.placement === 'attachment' ? 'values' : 'tables';
  for (const key of Object.keys(data)) {
    if (key !== 'template' && key !== dataKey && key !== 'year') {
      // (a table's name at the top: t4: typed without the two spaces that put it under tables:)
      const table = dataKey === 'tables' && template.tables.some((t) => t.id === key);
      // (at the key's own line: lineOf gives a mapping's first value)
      const keyLine = text.split('\n').findIndex((l) => l.startsWith(`${key}:`)) + 1;
      throwAll(withFormNote([new InputError({ file, line: table && keyLine > 0 ? keyLine : y.lineOf([key]) }, table ? `"${key}:" is a table, and stands at the top of the file, not under "tables:"` : `unknown field "${key}"`,
        table ? `indent "${key}:" and the lines under it by two spaces, as the other tables under "tables:"` : `a ${template.id} statistics file has "template:", "${dataKey}:" and, optionally, "year:"`)]));
    }
  }
  // the report year the figures are for (gongwen new and aggregate write it): last year's file
  // named by this year's report is an error, not a year's figures printed as another's
  const figuresYear = data.year;
  if (figuresYear !== undefined && !(typeof figuresYear === 'number' && Number.isInteger(figuresYear) && figuresYear >= 2008 && figuresYear <= 2100)) {
    throw new InputError({ file, line: y.lineOf(['year']) }, 'year: must be the report year the figures are for, such as 2025', 'write the year alone in ASCII digits, without 年 or quotes (year: 2025), or remove the line');
  }
  if (typeof figuresYear === 'number' && year !== undefined && figuresYear !== year) {
    throw new InputError({ file, line: y.lineOf(['year']) }, `the figures are for ${figuresYear} (year: ${figuresYear}), and the report is on ${year}`,
      `name this year's statistics file in report.md (last year's file?); or correct year: here if the figures are ${year}'s, or year: in report.md if the report is on ${figuresYear}`);
  }
  const errors: InputError[] = [];
  const values: Record<string, number> = {};
  const lines: Record<string, number> = {};
  const places: Record<string, number> = {};
  const put = (cell: StatCell, v: unknown, path: string[]) => {
    const line = y.lineOf(path);
    lines[cell.key] = line;
    // a figure typed at the end of the label gongwen new writes after the cell (made:   # 表二 规章 /
    // 本年制发件数 0): YAML ignores it, and the table printed blank with an "incomplete" warning
    // alone (a newcomer's trial)
    const inComment = v === null ? /^\s*[\w.-]+:\s+#(.*?)\s(\d+(?:\.\d+)?)\s*$/.exec(y.lineText?.(line) ?? '') : null;
    if (inComment && !`${inComment[1]} ${inComment[2]}`.trim().endsWith(cell.label)) {
      errors.push(new InputError({ file, line }, `${cell.label}: the figure ${inComment[2]} is typed inside the # comment, which YAML ignores, so the cell is empty`,
        `write the figure right after the colon: ${path.at(-1)}: ${inComment[2]}  #${inComment[1]}`));
      return;
    }
    // (a number that is not finite, .inf, is refused below as not a whole number)
    // (only where the number would pass: -.5 in a count is refused as not whole, not sent to -0.5)
    const odd = typeof v === 'number' && Number.isFinite(v) && !valueProblem(cell, v) ? oddNotation(y.lineText?.(line), path.at(-1)!) : undefined;
    if (odd) {
      errors.push(new InputError({ file, line }, `${cell.label}: value ${odd} is read by YAML as the number ${v}`, `write the figure in plain digits: ${v}`));
      return;
    }
    const n = valueOf(cell, v, file, line, errors, typeof v === 'number' && !Number.isSafeInteger(Math.trunc(v)) ? writtenOn(y.lineText?.(line), path.at(-1)!) : undefined);
    if (n !== undefined) values[cell.key] = n;
  };
  // the line of a key: lineOf gives its value's, which for a block written under it is the next line
  const keyLine = (path: string[]): number => {
    const line = y.lineOf(path);
    const key = path.at(-1)!;
    const has = (l: number) => (y.lineText?.(l) ?? '').replace(/#.*$/, '').includes(`${key}:`);
    return !has(line) && line > 1 && has(line - 1) ? line - 1 : line;
  };
  const unknown = (path: string[], what: string, candidates: string[], hint?: string) => {
    const name = path.at(-1)!;
    const guess = closest(name, candidates);
    // {decisions: 1,156}: YAML reads a flow mapping's comma, so 156 became a key
    // (and {amount: 1,126.35}: the key 126.35, a statistics audit)
    const comma = /^\d+(\.\d+)?$/.test(name) ? `a figure with a thousands separator inside { } is read as a new key "${name}": write the figure without the comma` : undefined;
    // natural：20 (a full-width colon): the whole text is read as the key
    const colon = name.includes('：') ? `write an ASCII colon and a space after "${name.split('：')[0]}", not the full-width colon ：` : undefined;
    // a table, row or column of another form (gov-2021's made under a gov-2019 template: line): said
    // so, with this form's names (a 2019-form audit: "known: new_made, …" alone)
    const key = path.slice(1).join('.');
    const other = availableTemplates().filter((id) => id !== template.id).find((id) => [...(loadTemplate(id)?.cells.keys() ?? [])].some((k) => k === key || k.startsWith(`${key}.`)));
    const elsewhere = other ? `"${name}" is ${other}'s (${formYears(other)}), and this file is on ${template.id}${template.years ? ` (${formYears(template.id)})` : ''}: write this form's ${what.split(' ')[0]}${guess ? `, "${guess}"?` : ` (${candidates.join(', ')})`}, or correct template: if the figures are on ${other}` : undefined;
    // (<<: *base, a row's figures copied from another: named as what it is, a bad-input audit)
    if (name === '<<') {
      errors.push(new InputError({ file, line: keyLine(path) }, 'a YAML merge key (<<: *name) is not read here', 'write the figures out, each under its name'));
      return;
    }
    errors.push(new InputError({ file, line: keyLine(path) }, `unknown ${what}: "${name}"`,
      comma ?? colon ?? elsewhere ?? (guess ? `did you mean "${guess}"?` : hint ?? `known: ${candidates.join(', ')}`)));
  };
  const raw = data[dataKey] ?? {};
  if (!isMap(raw)) {
    throw new InputError({ file, line: y.lineOf([dataKey]) }, `"${dataKey}" must be a mapping`,
      `write each ${dataKey === 'values' ? 'row' : 'table'} on a line of its own under "${dataKey}:", indented by two spaces, as gongwen new writes them`);
  }
  if (template.placement === 'attachment') {
    // (a row left out goes under "values:": the line an incomplete table is reported at, adversarial audit)
    const valuesLine = data[dataKey] !== undefined ? keyLine([dataKey]) : undefined;
    if (valuesLine !== undefined) for (const cell of template.tables[0].cells) places[cell.key] = valuesLine;
    for (const [key, v] of Object.entries(raw)) {
      const cell = template.cells.get(key);
      if (cell) put(cell, v, [dataKey, key]);
      else if (template.tables[0].groupRows.includes(key)) {
        errors.push(new InputError({ file, line: keyLine([dataKey, key]) }, `row "${key}" is a section header of ${template.id} and takes no value`,
          'give the values of the rows under it'));
      } else unknown([dataKey, key], `row of template ${template.id}`, [...template.cells.keys()], `row ids are listed in templates/${template.id}.yaml`);
    }
  } else {
    for (const [tableId, rows] of Object.entries(raw)) {
      const table = template.tables.find((t) => t.id === tableId);
      if (!table) { unknown([dataKey, tableId], `table in template ${template.id}`, template.tables.map((t) => t.id)); continue; }
      // (a table or a row written with nothing under it, t4: or carried_over:, is empty as {} is —
      // the table is then incomplete, a warning — not an error, a statistics audit)
      if (rows === null) { for (const cell of table.cells) places[cell.key] = y.lineOf([dataKey, tableId]); continue; }
      if (!isMap(rows)) { errors.push(new InputError({ file, line: y.lineOf([dataKey, tableId]) }, `table ${tableId} must be a mapping`, `write its rows on lines of their own under "${tableId}:", indented by two spaces more, as gongwen new writes them`)); continue; }
      // where a cell left out would go: its row's line, or its table's (a row written in { } that leaves some out)
      for (const cell of table.cells) {
        // (a row written with nothing under it, carried_over:, at its own line too, a review)
        const row = cell.row !== undefined && (isMap(rows[cell.row]) || rows[cell.row] === null) ? y.lineOf([dataKey, tableId, cell.row]) : undefined;
        places[cell.key] = row ?? y.lineOf([dataKey, tableId]);
      }
      if (table.layout.kind === 'single-row') {
        for (const [col, v] of Object.entries(rows)) {
          const cell = template.cells.get(`${tableId}.${col}`);
          if (cell) put(cell, v, [dataKey, tableId, col]);
          else unknown([dataKey, tableId, col], `column of ${tableId}`, table.cells.map((c) => c.col!));
        }
        continue;
      }
      const rowIds = [...new Set(table.cells.map((c) => c.row!))];
      for (const [row, cols] of Object.entries(rows)) {
        // (a group's own row, results: of 三、本年度办理结果, is a header, as the 2014 form's are: it
        // was an unknown row with the table's 23 ids, a 2019-form audit)
        // (written with nothing under it, results:, it gives none: as a table so written, a review)
        const group = table.groups.get(row);
        if (group) {
          if (cols === null) continue;
          const under = group.rows.length > 6 ? `${group.rows.slice(0, 6).join(', ')}, …` : group.rows.join(', ');
          errors.push(new InputError({ file, line: keyLine([dataKey, tableId, row]) }, `row "${row}" of ${tableId} (${group.label}) is a section header of ${template.id} and takes no figures`,
            `give the figures of the rows under it, ${under}${row === 'results' && rowIds.includes('results_total') ? ' (its total is results_total, （七）总计)' : ''}`));
          continue;
        }
        if (!rowIds.includes(row)) { unknown([dataKey, tableId, row], `row of ${tableId}`, rowIds); continue; }
        if (cols === null) continue;
        if (!isMap(cols)) {
          // decisions：87 or decisions:87 under the row: YAML reads the line as the row's text
          const typed = typeof cols === 'string' ? /^([A-Za-z_][\w-]*)\s*([:：])\s*(\S*)$/.exec(cols.trim()) : null;
          const slip = typed && (typed[2] === '：'
            ? `write an ASCII colon and a space after "${typed[1]}", not the full-width colon ： (${typed[1]}: ${typed[3]})`
            : `put a space after the colon (${typed[1]}: ${typed[3]}): without one, YAML reads the line as text`);
          errors.push(new InputError({ file, line: y.lineOf([dataKey, tableId, row]) },
            typed ? `"${(cols as string).trim()}" under ${row} is read as text, not as the column ${typed[1]} and its figure` : `${tableId}.${row} must map columns to numbers`,
            slip ?? `e.g. ${row}: { ${table.cells.filter((c) => c.row === row).map((c) => `${c.col}: 0`).join(', ')} }`));
          continue;
        }
        for (const [col, v] of Object.entries(cols)) {
          const cell = template.cells.get(`${tableId}.${row}.${col}`);
          if (cell) put(cell, v, [dataKey, tableId, row, col]);
          else unknown([dataKey, tableId, row, col], `column of ${tableId}.${row}`, table.cells.filter((c) => c.row === row).map((c) => c.col!));
        }
      }
    }
  }
  // a table not written at all: at the line of "tables:" (lineOf gives its value's)
  const dataLine = text.split('\n').findIndex((l) => new RegExp(`^${dataKey}\\s*:`).test(l)) + 1;
  if (template.placement !== 'attachment' && dataLine) for (const cell of template.cells.values()) places[cell.key] ??= dataLine;
  throwAll(withFormNote(condensed(errors)));
  const sumRecord = sumRecordOf(text);
  return { template, values, file, lines, places, templateLine: y.lineOf(['template']), ...(sumRecord ? { sumRecord } : {}), ...(typeof figuresYear === 'number' ? { year: figuresYear } : {}) };
}
