/** A content folder (report.md [+ statistics.yaml]) → the report model. */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { readableFolder, readText, SAVE_AS_XLSX, undecodableName } from './text-file.js';
import path from 'node:path';
import { InputError, InputErrors, throwAll } from '../model/errors.js';
import { fieldsAt, parseFrontMatter } from '../model/meta-schema.js';
import type { Attachment, Block, Contact, Loc, Report, ReportMeta, StatisticsTable, StatTableBlock } from '../model/types.js';
import { ATTACHMENT_LABEL, TO_WRITE } from '../model/typed-text.js';
import { splitFrontMatter } from './front-matter.js';
import { signatureOverflowEm } from '../layout/meta-fields.js';
import { parseMarkdown } from './markdown.js';
import { readStatistics } from './statistics.js';
import { FIRST_FORM_YEAR, templateForYear } from './templates.js';
import { headingOfTable } from '../transform/structure.js';
import { resolveRefs } from '../transform/refs.js';
import { chineseNumeral } from '../transform/numbering.js';
import { shellWord } from '../model/shell-word.js';
import { closest, validateLocated } from './validate.js';
import { parseLocatedYaml } from './yaml.js';

export const REPORT_FILE = 'report.md';

/**
 * The `statistics:` value of a report's front matter as written, without reading the rest of the
 * report (for --watch and aggregate, which only need to know the file). InputError if the front
 * matter cannot be read.
 */
export function statisticsNamedIn(reportFile: string): unknown {
  return frontMatterOf(reportFile)?.statistics;
}

/** A report's front matter as YAML reads it, unchecked (null where it is empty); throws InputError where it cannot be read. */
export function frontMatterOf(reportFile: string): Record<string, unknown> | null {
  return frontMatterAt(reportFile).data;
}

/** frontMatterOf, with the line of a field in report.md (lineOf(['statistics'])) for messages. */
export function frontMatterAt(reportFile: string): { data: Record<string, unknown> | null; lineOf: (path: (string | number)[]) => number } {
  const split = splitFrontMatter(readText(reportFile), reportFile);
  const yaml = parseLocatedYaml(split.yaml, reportFile, split.yamlLine);
  return { data: yaml.data as Record<string, unknown> | null, lineOf: (p) => yaml.lineOf(p) };
}

/**
 * Where a report's `statistics:` value points: relative to its folder, or as it is when absolute
 * (`statistics: /data/2023/statistics.yaml`: joined onto the folder, it named a file that is not
 * there). The one rule for the build, --watch and the up-to-date check.
 */
export const statisticsPath = (dir: string, named: string): string => {
  const file = named.trim();
  return path.isAbsolute(file) ? path.normalize(file) : path.join(dir, file);
};

/**
 * The statistics file a report names, wherever it is (in the folder, a subfolder, or shared from
 * outside it: statistics: ../city/statistics.yaml), whether or not it exists; undefined when the
 * report names none or its front matter cannot be read (its build then says what is wrong). For
 * --watch and the up-to-date check (io/up-to-date.ts).
 */
export function namedStatistics(dir: string): string | undefined {
  try {
    const named = statisticsNamedIn(path.join(dir, REPORT_FILE));
    return typeof named === 'string' ? statisticsPath(dir, named) : undefined;
  } catch {
    return undefined;
  }
}

/** A path as the command line names it: from the current folder where it is below it, else in full. */
export const display = (p: string): string => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
};

/** The names in a folder; none where it cannot be read. */
function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** Whether a statistics file holds figures: one that cannot be read is taken to (a slip in 200 typed figures is no blank form; a review). */
function holdsFigures(file: string): boolean {
  try {
    return Object.keys(readStatistics(file).values).length > 0;
  } catch {
    return true;
  }
}

/**
 * The statistics file a report names, read. Not finding it (no file there, or a folder:
 * `statistics: data`, which reading called "not found" too) is reported at the `statistics:`
 * line of report.md (`at`), the line to fix; what the file holds, at the file's own lines.
 */
/** Workbooks of a kind gongwen does not read, by extension (an .xlsx it reads: io/xlsx.ts). */
export const OTHER_WORKBOOKS: Record<string, string> = { '.xls': 'an Excel 97–2003 workbook (.xls)', '.et': 'a WPS workbook (.et)', '.ods': 'a LibreOffice Calc spreadsheet (.ods)' };
export const OTHER_WORKBOOK = /(\.xls|\.et|\.ods)$/i;
/** What another program's workbook is, by its name (an Excel 97–2003 workbook (.xls) …); undefined for any other file. */
export const otherWorkbookKind = (file: string): string | undefined => OTHER_WORKBOOKS[path.extname(file).toLowerCase()];

function readNamedStatistics(dir: string, named: string, at: { file: string; line: number }, year: number | undefined): StatisticsTable {
  const file = statisticsPath(dir, named);
  let isFolder: boolean;
  try {
    const st = statSync(file);
    isFolder = st.isDirectory();
    // (a device or a pipe, /dev/zero: at this line too, not only at the path — a bad-input audit)
    if (!isFolder && !st.isFile()) throw new InputError(at, `statistics: ${named.trim()} is not a file but a device or a pipe (${display(file)})`, 'name the statistics file itself on this line');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // (a link round in a circle: said so, as for any input file, adversarial audit)
    if (code === 'ELOOP') throw new InputError(at, `statistics file ${display(file)} is a link that leads round in a circle (ELOOP)`, 'replace the link with the file itself, or name the file itself on this line');
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new InputError(at, `statistics file cannot be read (${code}): ${display(file)}`, 'check that you may read it and the folders above it');
    // (a path typed on Windows, data\statistics.yaml: \ separates folders there only; a newcomer's trial)
    if (named.includes('\\')) {
      const slashed = named.trim().replace(/\\/g, '/');
      throw new InputError(at, `statistics file not found: ${display(file)}`,
        `write the path with / between folders, as on every system: statistics: ${slashed}${existsSync(statisticsPath(dir, slashed)) ? '' : ' (and check that the file is there)'}`);
    }
    // a statistics file beside it with a name close to the one typed (statistic.yaml, statistics.yml)
    const folder = path.dirname(file);
    const near = code === 'ENOENT' ? closest(path.basename(file), readdirSafe(folder).filter((f) => /\.(ya?ml|xlsx)$/i.test(f))) : undefined;
    // (a workbook is not read by a report: it is converted into the file named here, which
    // naming it instead only led to the next error, an office trial)
    const nearPath = near ? path.join(folder, near) : undefined;
    const unit = nearPath && path.resolve(nearPath) === path.resolve(dir, 'statistics.xlsx') ? dir : nearPath;
    throw new InputError(at, `statistics file not found: ${display(file)}`,
      !near ? `create it, or fix "statistics:" on this line (a path relative to the report's folder, or an absolute one)`
        : /\.xlsx$/i.test(near) && /\.ya?ml$/i.test(file) ? `${display(nearPath!)} is there, a workbook: convert it into the file named here (gongwen aggregate ${shellWord(display(unit!))} --out ${shellWord(display(file))})`
          : `did you mean ${near}? write "statistics: ${path.relative(dir, nearPath!)}"`);
  }
  if (isFolder) {
    const given = named.trim();
    const inside = path.join(given, 'statistics.yaml');
    // (a folder with a file's name, made by mistake, is in the way of the file)
    const hint = existsSync(path.join(file, 'statistics.yaml')) ? `name the file in it: statistics: ${inside}`
      : /\.ya?ml$/i.test(given) ? `remove or rename the folder ${display(file)}, and save the statistics file there under its name`
        : `name the statistics file itself, e.g. statistics: ${inside}`;
    throw new InputError(at, `statistics: ${given} is a folder, not a file (${display(file)})`, hint);
  }
  if (/\.xlsx$/i.test(file)) {
    // (at this line, with the unit's folder in the command: readStatistics knows neither)
    const yaml = display(file).replace(/\.xlsx$/i, '.yaml');
    const yamlName = path.relative(dir, file).replace(/\.xlsx$/i, '.yaml');
    // (a YAML beside it saved since, figures typed into it: naming it is the fix; converting the
    // workbook over it threw those figures away, a newcomer's trial)
    const twinFile = file.replace(/\.xlsx$/i, '.yaml');
    const twin = statSync(twinFile, { throwIfNoEntry: false });
    // (with figures in it: a blank form gongwen new wrote is what a conversion replaces, a review)
    const since = twin?.isFile() && twin.mtimeMs > statSync(file).mtimeMs && holdsFigures(twinFile);
    throw new InputError(at, `statistics: ${named.trim()} is a workbook; a report reads its statistics from a YAML file`,
      since ? `${yaml} is there, saved after the workbook: write "statistics: ${yamlName}" on this line (to take the workbook's figures instead, move ${yaml} aside and convert it: gongwen aggregate ${shellWord(display(dir))} --out ${shellWord(yaml)})`
        : `convert the workbook once: gongwen aggregate ${shellWord(display(dir))} --out ${shellWord(yaml)}, then write "statistics: ${yamlName}" on this line`);
  }
  // (a workbook of Excel 97–2003 or WPS: read as a text file, it was "not text: a Word
  // document?", with Notepad as the fix — a bad-input audit)
  const old = OTHER_WORKBOOK.exec(file)?.[1];
  if (old) {
    const yaml = display(file).replace(OTHER_WORKBOOK, '.yaml');
    throw new InputError(at, `statistics: ${named.trim()} is ${otherWorkbookKind(file)}, which gongwen does not read; a report reads its statistics from a YAML file`,
      `${SAVE_AS_XLSX} in the report's folder, write "statistics: ${path.relative(dir, file).replace(OTHER_WORKBOOK, '.yaml')}" on this line, then convert the workbook once: gongwen aggregate ${shellWord(display(dir))} --out ${shellWord(yaml)}`);
  }
  // named as report.md is: relative to the working folder when inside it; with the report's year,
  // for a file on another year's form
  return readStatistics(file, year, display(file));
}

/** Where `typed` is in a block: at its own line of a paragraph whose lines are known, else at the block's. */
function lineHolding(b: Block, typed: string): Loc {
  const line = b.type === 'paragraph' && b.sourceLines ? b.sourceLines.findIndex((l) => l.includes(typed)) : -1;
  return line > 0 && b.loc.line !== undefined ? { ...b.loc, line: b.loc.line + line } : b.loc;
}

/**
 * Where the statistics tables go. The 2014 table is printed as the attachment; the 2019/2021
 * tables where the body says {{table t2}} … each exactly once.
 */
function placeStatistics(blocks: Block[], attachments: Attachment[], stats: StatisticsTable | undefined, loc: Loc, fmYear: number): void {
  const placed = blocks.filter((b): b is StatTableBlock => b.type === 'statTable');
  if (!stats) {
    // (a workbook in the folder and no YAML: the unit's form as it came back, not yet converted)
    const folder = path.dirname(loc.file);
    const workbookOnly = existsSync(path.join(folder, 'statistics.xlsx')) && !existsSync(path.join(folder, 'statistics.yaml'));
    // (every such line at once: one a run, a 2019-form audit)
    throwAll(placed.map((b) => new InputError(b.loc, `{{table ${b.table}}} but the report has no statistics`,
      workbookOnly ? `convert the workbook in its folder once, gongwen aggregate ${shellWord(folder)} --out ${shellWord(path.join(folder, 'statistics.yaml'))}, then add "statistics: statistics.yaml" to the front matter`
        : 'add "statistics: statistics.yaml" to the front matter')));
    return;
  }
  const t = stats.template;
  // statistics on another year's form (a unit's old workbook, last year's file): the placement
  // follows from the form, so the first thing to fix is the form, not the {{table}} lines
  const form = fmYear >= FIRST_FORM_YEAR ? templateForYear(fmYear) : undefined;
  const otherForm = form && form !== t.id ? ` — but first check the form: the statistics file is on ${t.id}, and a ${fmYear} report is on ${form} (its template: line, or last year's file?)` : '';
  if (t.placement === 'attachment') {
    // (on another year's form, the lines are right and the form is wrong: said once, at the first,
    // not "remove this line" at each, which invites deleting them — a review)
    if (otherForm && placed.length > 1) {
      const lines = placed.slice(1).map((b) => b.loc.line).filter((l) => l !== undefined).join(', ');
      throw new InputError(placed[0]!.loc, `the statistics file is on ${t.id}, whose table is printed as an attachment, not where this {{table}} line${lines ? ` and those at lines ${lines}` : ''} stand`,
        `check the form: a ${fmYear} report is on ${form}, which prints its tables where these lines stand — correct the statistics file's template: line, or write this year's figures on ${form} (gongwen new <folder> --year ${fmYear} writes an empty file of it)`);
    }
    throwAll(placed.map((b) => new InputError(b.loc, `the ${t.id} table is printed as an attachment, not in the body`, `remove this {{table …}} line${otherForm}`)));
    if (!attachments[0]) throw new InputError(loc, `the ${t.id} statistics table is printed as an attachment, but the report has none`, `add "attachment: { title: ${fmYear}年XX政府信息公开工作情况统计表 }" to the front matter${otherForm}`);
    attachments[0].table = t.tables[0].id;
    return;
  }
  // every placement problem at once, as the other checks of a read report
  const errors: InputError[] = [];
  const ids = t.tables.map((x) => x.id);
  const seen = new Set<string>();
  /** The table a name that is no id means: 表三, 三, 3 or T3 for t3 (by its title's number); undefined where none. */
  const meant = (name: string): string | undefined => {
    const n = name.replace(/[\s:：]/g, '').replace(/^表/, '').toLowerCase();
    if (ids.includes(n)) return n;
    const digit = /^t?(\d+)$/.exec(n)?.[1];
    // (a number no table has, 0 or 1000, is no numeral chineseNumeral writes: a review)
    const numeral = digit && Number(digit) >= 1 && Number(digit) <= 99 ? chineseNumeral(Number(digit)) : n;
    return t.tables.find((x) => x.title.split('、')[0] === numeral)?.id;
  };
  /** The fix for a placeholder naming no table: the one it means, else every one. */
  const fixFor = (name: string, alone: boolean) => {
    const id = meant(name);
    const where = alone ? '' : ', alone on its line with blank lines around it';
    return id ? `write {{table ${id}}}${where} (表${t.tables.find((x) => x.id === id)!.title.split('、')[0]} is ${id})` : `write one of ${ids.map((x) => `{{table ${x}}}`).join(', ')}${where}, or remove it`;
  };
  /** Tables a misspelt placeholder means: not said again to be missing. */
  const meantBy = new Set<string>();
  for (const b of placed) {
    if (!ids.includes(b.table)) {
      errors.push(new InputError(b.loc, `no table "${b.table}" in template ${t.id}`, fixFor(b.table, true)));
      const id = meant(b.table);
      if (id) meantBy.add(id);
    } else if (seen.has(b.table)) errors.push(new InputError(b.loc, `table ${b.table} is placed twice`, 'keep one {{table …}} line per table'));
    seen.add(b.table);
  }
  const missing = () => ids.filter((id) => !seen.has(id) && !meantBy.has(id));
  // a placeholder written inside a sentence is there, but not as a paragraph of its own: say so at its line
  const written = (inlines: { text: string }[], id: string) => new RegExp(`\\{\\{\\s*table\\s+${id}\\s*\\}\\}`).test(inlines.map((i) => i.text).join(''));
  const inText = (id: string) => blocks.find((b) => (b.type === 'paragraph' && written(b.inlines, id)) || (b.type === 'list' && b.items.some((item) => written(item, id))));
  // one typed inside a paragraph for a table the form has not (t9): said with the rest, not only
  // once they are right (audit: a missing {{table t4}} hid it)
  for (const b of blocks) {
    const texts = b.type === 'paragraph' ? [b.inlines] : b.type === 'list' ? b.items : [];
    for (const inlines of texts) {
      const text = inlines.map((i) => i.text).join('');
      // (any {{table …}}: one with a name that is no id, 表三, or written otherwise, {{table: t3}}
      // or {{table}}, was left as text or read as a cell's reference, an office trial)
      for (const m of text.matchAll(/\{\{\s*table\b([^{}]*)\}\}/g)) {
        const at = lineHolding(b, m[0]);
        const alone = b.type === 'paragraph' && text.trim() === m[0];
        const name = /^\s+([^\s}]+)\s*$/.exec(m[1]!)?.[1];
        if (name !== undefined && ids.includes(name)) continue; // (a table's own: placed, or said below to stand alone)
        const said = name !== undefined ? `no table "${name}" in template ${t.id}` : `"${m[0]}" names no table of template ${t.id}`;
        errors.push(new InputError(at, alone || name === undefined ? said : `${said}, and "${m[0]}" is not a paragraph of its own`, fixFor(name ?? m[1]!, alone)));
        const id = meant(name ?? m[1]!);
        if (id) meantBy.add(id);
      }
    }
  }
  // a placeholder typed with full-width braces (｛｛table t4｝｝, as a Chinese input method gives
  // them), one brace on a side or one missing: printed as typed, even under --strict, or the table
  // called unplaced at its heading without a word of the line (a newcomer's trial)
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const text = b.inlines.map((i) => i.text).join('');
    for (const m of text.matchAll(/[{｛]{1,2}\s*table\s+([\w-]+)\s*[}｝]{0,2}/g)) {
      if (/^\{\{\s*table\s+[\w-]+\s*\}\}$/.test(m[0])) continue;
      const at = lineHolding(b, m[0]);
      const fullWidth = /[｛｝]/.test(m[0]);
      errors.push(new InputError(at, fullWidth ? `"${m[0]}" is written with full-width braces ｛ ｝` : `"${m[0]}" is no table placeholder: it takes two braces on each side`,
        `write {{table ${m[1]}}}${fullWidth ? ' with ASCII braces (switch the input method to 半角 or English)' : ''}, alone on its line with blank lines around it`));
      if (ids.includes(m[1]!)) meantBy.add(m[1]!);
    }
  }
  const unplaced: string[] = [];
  for (const id of missing()) {
    const at = inText(id);
    if (at) errors.push(new InputError(at.loc, `"{{table ${id}}}" must be a paragraph of its own`, 'put the table placeholder alone on its line, with blank lines around it'));
    else unplaced.push(id);
  }
  // (one whose part has its heading: at that heading, to go in its text)
  for (const id of [...unplaced]) {
    const heading = headingOfTable(blocks, t, id);
    if (!heading) continue;
    unplaced.splice(unplaced.indexOf(id), 1);
    errors.push(new InputError(heading.loc, `the ${t.id} format prints 表${t.tables.find((x) => x.id === id)!.title.split('、')[0]} in the body, under this heading, and no {{table ${id}}} places it`,
      `write "{{table ${id}}}" on a line of its own, with blank lines around it, in the text under this heading${otherForm}`));
  }
  if (unplaced.length) {
    const titles = unplaced.map((id) => `{{table ${id}}} (${t.tables.find((x) => x.id === id)!.title})`);
    errors.push(new InputError(loc, `the ${t.id} format prints its tables in the body, but ${titles.join(', ')} ${titles.length > 1 ? 'are' : 'is'} not placed`,
      `put each placeholder on a line of its own under its section heading${otherForm}`));
  }
  // (and the references' problems with them: "table t4 is placed twice" hid a misspelt
  // {{t3.new_recieved.total}} until it was fixed, three runs for three errors — a newcomer's trial)
  if (errors.length) {
    try {
      resolveRefs(blocks, stats, fmYear);
    } catch (e) {
      if (!(e instanceof InputErrors || e instanceof InputError)) throw e;
      // (not what they say of table placeholders, {{table t4} or {{table 表三}}: said above)
      errors.push(...(e instanceof InputErrors ? e.errors : [e]).filter((x) => !/^"?\{\{\s*table\b/.test(x.problem)));
    }
  }
  throwAll(errors.sort((a, b) => (a.loc.line ?? 0) - (b.loc.line ?? 0)));
}

/**
 * The workbook saved after the YAML `file` a report reads, in its folder `dir`: statistics.xlsx,
 * else one of another program's (statistics.xls, .et, .ods), which gongwen does not read — the unit
 * sent its form again, corrected, after it was converted once, or sent it back beside the YAML
 * gongwen new wrote (a city's trial: that was summed as a blank form). Undefined where none is.
 */
export function workbookAfter(dir: string, file: string): string | undefined {
  if (!/\.ya?ml$/i.test(file)) return undefined;
  const read = statSync(file, { throwIfNoEntry: false });
  if (!read) return undefined;
  // (a workbook that is no file, a pipe, is no workbook saved after it: never read, review)
  const after = (f: string) => {
    const s = statSync(f, { throwIfNoEntry: false });
    return s !== undefined && s.isFile() && s.mtimeMs > read.mtimeMs;
  };
  return ['.xlsx', ...Object.keys(OTHER_WORKBOOKS)].map((ext) => path.join(dir, `statistics${ext}`)).find(after);
}

/** workbookAfter as the warning of a report whose figures are not the workbook's, with what to do; undefined where there is none. */
export function newerWorkbook(dir: string, file: string): { message: string; hint: string } | undefined {
  const workbook = workbookAfter(dir, file);
  if (!workbook) return undefined;
  const kind = otherWorkbookKind(workbook);
  return kind ? {
    message: `${workbook} was saved after ${file}, which is what is read: it is ${kind}, which gongwen does not read, so its figures are not in`,
    hint: `${SAVE_AS_XLSX}, then convert it (gongwen aggregate ${shellWord(dir)} --out ${shellWord(file)})`,
  } : {
    message: `${workbook} was saved after ${file}, which is what is read: the workbook's figures are not in`,
    hint: `convert it again (gongwen aggregate ${shellWord(dir)} --out ${shellWord(file)}), or remove it if ${path.basename(file)} is current`,
  };
}

export function readReport(dir: string): Report {
  const shown = display(dir);
  const undecodable = undecodableName(dir, shown);
  if (undecodable) throw undecodable;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const parent = path.dirname(dir);
    const isReportFile = path.basename(dir) === REPORT_FILE && existsSync(dir);
    // (a pattern the shell left as typed, units/*, matched nothing: said so, a CLI audit)
    throw new InputError({ file: shown }, isReportFile ? `is the report's file, not its folder` : existsSync(dir) ? 'not a report folder' : /[*?[]/.test(dir) ? 'no such folder: a pattern that matched no folder (the shell passes it on as typed)'
      : /^(pdf|docx)$/i.test(path.basename(dir)) ? 'no such folder (--format takes one format: --format pdf or --format docx; neither gives both)' : 'no such folder',
      isReportFile ? `give its folder: ${display(parent)}` : `give a folder that contains ${REPORT_FILE}`);
  }
  readableFolder(dir, shown);
  const abs = path.join(dir, REPORT_FILE);
  const file = display(abs);
  if (!existsSync(abs)) {
    // a link to nothing, or round in a circle: said so (readText), not "not found; the folder has report.md"
    if (lstatSync(abs, { throwIfNoEntry: false })) readText(abs, file);
    // a file named otherwise by the editor: Notepad saves report.md.txt where Windows hides
    // extensions (the folder shows "report.md"); report.txt, README.md, 报告.md …
    const near = readdirSync(dir).filter((f) => /\.(md|txt|markdown)$/i.test(f) && !f.startsWith('.')).sort();
    const likely = near.find((f) => /^report\b/i.test(f)) ?? (near.length === 1 ? near[0] : undefined);
    throw new InputError({ file }, `${REPORT_FILE} not found${likely ? `; the folder has ${likely}` : ''}`,
      likely ? `rename ${likely} to ${REPORT_FILE}${/\.md\.txt$/i.test(likely) ? ' (Notepad added .txt: in Explorer, 查看 → 文件扩展名 shows it)' : ''}`
        : `every report folder needs a ${REPORT_FILE} with front matter and the body`);
  }
  if (statSync(abs).isDirectory()) {
    throw new InputError({ file }, `${REPORT_FILE} is a folder, not a file`,
      `rename or move the folder ${file}, and write the report in a text file named ${REPORT_FILE} in ${shown}`);
  }
  const split = splitFrontMatter(readText(abs, file), file);
  // the front matter, the body and the statistics are read apart, so that a build reports the
  // problems of all three at once
  const errors: InputError[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
      return undefined;
    }
  };
  const yaml = attempt(() => parseLocatedYaml(split.yaml, file, split.yamlLine));
  const fm = yaml && attempt(() => validateLocated(parseFrontMatter, yaml, file, fieldsAt, split.bodyLine - 1));
  const parsed = attempt(() => parseMarkdown(split.body, file, split.bodyLine));
  // (the statistics file is read even when other fields are wrong, for its own problems)
  const named = fm?.statistics ?? (yaml?.data as { statistics?: unknown } | null)?.statistics;
  // (an empty statistics: is the front matter's error alone)
  const statistics = yaml && typeof named === 'string' && named.trim() !== ''
    ? attempt(() => readNamedStatistics(dir, named, { file, line: yaml.lineOf(['statistics']) }, fm?.year)) : undefined;
  throwAll(errors);
  if (!yaml || !fm || !parsed) throw new Error('unreachable: a stage failed without an error');
  const blocks = parsed;
  const titleParts = fm.title.split(/\s*\n\s*/).filter(Boolean);
  const meta: ReportMeta = {
    title: titleParts.join(''),
    ...(titleParts.length > 1 ? { titleLines: titleParts } : {}),
    year: fm.year,
    organ: fm.organ,
    source: fm.source ?? fm.organ,
    published: fm.published,
    site: fm.site,
    indexNo: fm.index_no,
    category: fm.category,
    docNo: fm.doc_no,
    validity: fm.validity,
    keywords: fm.keywords,
    editor: fm.editor,
    ...(fm.signature ? { signature: fm.signature === true ? fm.organ : fm.signature } : {}),
    contact: fm.contact,
    url: fm.url,
    toc: fm.toc,
  };
  // (signature: true signs with the organ: a name wider than its line, as an explicit one is refused, review)
  const over = fm.signature === true ? signatureOverflowEm(fm.organ) : 0;
  if (over > 0) {
    throw new InputError({ file, line: yaml.lineOf(['signature']) }, `signature: true signs with the organ "${fm.organ}", which is wider than its line by ${Math.ceil(over)} character${over > 1 ? 's' : ''}: it is set on one line, two characters in from the right`,
      'give the organ\'s shorter name as the signature: signature: 示例县农业农村局');
  }
  const attachments: Attachment[] = [];
  if (fm.attachment) {
    // (a note written over several lines, `note: |`: one paragraph, its lines joined as Markdown
    // joins a paragraph's — without a space between Chinese characters)
    const note = fm.attachment.note?.replace(/([^\x00-\x7f])[ \t]*\n\s*(?=[^\x00-\x7f])/gu, '$1').replace(/\s*\n\s*/g, ' ');
    // (附件说明 is 附件：and the title: a title typed with its label, 附件：2016年…统计表, as Word
    // drafts have it, printed 附件：附件：2016年… — a 2014-form trial; the label is gongwen's to print)
    const title = fm.attachment.title.replace(ATTACHMENT_LABEL, '').trim();
    if (!title) {
      throw new InputError({ file, line: yaml.lineOf(['attachment', 'title']) }, `attachment.title (附件名称) "${fm.attachment.title.trim()}" is only the attachment's label, which gongwen prints before the title`,
        `write the attachment's name: title: ${fm.year}年XX政府信息公开工作情况统计表`);
    }
    attachments.push({
      title, loc: { file, line: yaml.lineOf(['attachment']) },
      ...(note ? { note: { type: 'paragraph', inlines: [{ type: 'text', text: note }], loc: { file, line: yaml.lineOf(['attachment', 'note']) } } } : {}),
    });
  }
  placeStatistics(blocks, attachments, statistics, { file, line: yaml.lineOf(['statistics']) }, fm.year);
  if (!blocks.some((b) => b.type !== 'list' && b.type !== 'table')) {
    throw new InputError({ file, line: split.bodyLine }, 'the report has no body text', 'write the report below the closing "---"');
  }
  // (source defaults to the organ, so without a source: line it is the organ's line)
  const keys: [keyof ReportMeta, string][] = [['title', 'title'], ['organ', 'organ'], ['source', fm.source ? 'source' : 'organ'], ['indexNo', 'index_no'],
    ['category', 'category'], ['docNo', 'doc_no'], ['validity', 'validity'], ['editor', 'editor'], ['signature', fm.signature === true ? 'organ' : 'signature'], ['published', 'published'], ['toc', 'toc'],
    ['keywords', 'keywords'], ['site', 'site'], ['url', 'url'], ['contact', 'contact']];
  const metaLines: Report['metaLines'] = Object.fromEntries(keys.map(([k, field]) => [k, yaml.lineOf([field])]));
  for (const key of Object.keys(meta.contact ?? {}) as (keyof Contact)[]) metaLines[`contact.${key}`] = yaml.lineOf(['contact', key]);
  // (whole-line comments are notes to the writer, as the skeleton's first lines)
  const frontTodos = split.yaml.split('\n').flatMap((l, i) => l.includes(TO_WRITE) && !l.trimStart().startsWith('#')
    ? [{ loc: { file, line: split.yamlLine + i }, text: l.trim() }] : []);
  return { dir, meta, blocks, attachments, statistics, metaLines, source: { file, line: split.bodyLine }, ...(frontTodos.length ? { frontTodos } : {}) };
}
