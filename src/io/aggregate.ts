/**
 * gongwen aggregate: sum the statistics of several units (the departments of a 区, the 区 of a 市)
 * into one statistics file. A total that silently leaves a unit out is worse than none, so any
 * unit that is missing, invalid or on another form stops the command unless --partial is given.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { LARGEST_FIGURE, YUAN } from '../model/amounts.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isUsageError, UsageError, withoutStrayFiles } from './cli-args.js';
import { usageText } from './usage-text.js';
import { formatInputError, InputError, isInputError } from '../model/errors.js';
import { isSumRecord, sumRecordText, type StatisticsTable, type StatTemplate, type SumRecord } from '../model/types.js';
import { display, frontMatterAt, frontMatterOf, newerWorkbook, OTHER_WORKBOOK, OTHER_WORKBOOKS, otherWorkbookKind, statisticsPath, workbookAfter } from '../read/report.js';
import { CONVERTED_HEADER, convertedMarkOf, readStatistics, SUM_RECORD_HEADER } from '../read/statistics.js';
import { availableTemplates, FIRST_FORM_YEAR, formCovers, loadTemplate, templateForYear } from '../read/templates.js';
import { isFolder, readableFolder, readInputBytes, SAVE_AS_XLSX, undecodableName, WORKBOOK_LIMIT } from '../read/text-file.js';
import { unitFileRecord, unitsChangedSinceSum, valuesFingerprint } from './sum-units.js';
import { aggregateStatistics, gapText, oversizedSums, unitGaps } from '../transform/aggregate.js';
import { checkRule, checkRules } from '../transform/checks.js';
import { STATISTICS_FORMATS, writeStatistics } from './statistics-file.js';
import { statisticsFromXlsx } from './xlsx.js';
import { holdsNoNews, workbookNews } from './workbook-news.js';

export const AGGREGATE_USAGE = 'gongwen aggregate <unit-dir>... --out FILE [--template ID] [--partial]';

export const AGGREGATE_HELP = `Usage:
  ${AGGREGATE_USAGE}

Sums the statistics of several units cell by cell into one statistics file (.yaml or .xlsx).
A unit folder's statistics are the file named by "statistics:" in its report.md, else
statistics.yaml, else statistics.xlsx. A cell empty in every unit stays empty. A unit whose
figures break a sum rule printed on the form (an error of gongwen check) is invalid.

Options:
  -o, --out FILE       the sum: FILE.yaml (statistics file) or FILE.xlsx (the official form)
  -t, --template ID    the form to sum (${availableTemplates().join(', ')}); default: the form of
                       the units (units on different forms are refused without --template);
                       also the form of .xlsx files that do not name one
      --partial        sum the units that can be summed and warn about the others
                       (missing, invalid or on another form); without it they stop the command
  -h, --help           show this help

Exit codes: 0 written, 1 internal error, 2 bad input (nothing is written).
`;

type Unit =
  | { dir: string; name: string; status: 'ok'; stats: StatisticsTable; year?: number; warning?: string; namedMissing?: string; stale?: true }
  | { dir: string; name: string; status: 'missing' | 'invalid'; message: string }
  | { dir: string; name: string; status: 'other'; stats: StatisticsTable; year?: number };


const isYaml = (f: string) => /\.ya?ml$/i.test(f);
/** A report's year from its front matter: 2023, or as check would refuse it, "2023" or 2023年 — the year all the same. */
const yearOf = (front: Record<string, unknown> | null | undefined): number | undefined => {
  const typed = /^\s*(\d{4})(?!\d)/.exec(String(front?.year ?? ''));
  return typed ? Number(typed[1]) : undefined;
};
const isXlsx = (f: string) => /\.xlsx$/i.test(f);

/** A statistics file, a workbook or YAML by its name (a pipe or a device is never read as a workbook: read/text-file.ts). */
const readStatisticsFile = async (file: string, templateId?: string): Promise<StatisticsTable> =>
  (isXlsx(file) ? statisticsFromXlsx(readInputBytes(file, file, undefined, false, WORKBOOK_LIMIT), file, templateId) : readStatistics(file));

/** Why a workbook of a kind gongwen does not read is no unit's statistics, and what to do. */
const oldWorkbook = (file: string, namedBy?: string): string =>
  `${display(file)} is ${otherWorkbookKind(file)}, which gongwen does not read\n  fix: ${SAVE_AS_XLSX}, `
  // (named by the unit's report.md: its statistics: line goes to the YAML the workbook is converted into)
  + (namedBy ? `write "statistics: statistics.yaml" in ${display(path.join(namedBy, 'report.md'))}, convert it (gongwen aggregate ${display(namedBy)} --out ${display(path.join(namedBy, 'statistics.yaml'))}), then sum again` : 'then sum again');

/**
 * The unit's statistics file and its report's year (where it has a report.md), or why there is
 * none. Throws InputError for a broken report.md.
 */
function statisticsFileOf(dir: string): { file: string; year?: number; warning?: string; namedMissing?: string; workbookAfter?: string; readByFolder?: string } | { missing: string } {
  const undecodable = undecodableName(dir, display(dir));
  if (undecodable) throw undecodable;
  if (!existsSync(dir)) return { missing: 'folder not found' };
  // (a unit's statistics file given in place of its folder: name the folder)
  // (a statistics file given in place of a folder, as a province gets the cities' workbooks by
  // e-mail: that file is the unit, province trial — told to give its folder, the advice failed
  // for a file not named statistics.xlsx)
  // (a unit's own statistics.yaml or .xlsx given for it: its report.md's year, which says whether
  // the unit is of the others' year, an aggregation audit — it said "says no year")
  if (!statSync(dir).isDirectory()) {
    if (OTHER_WORKBOOK.test(dir)) return { missing: oldWorkbook(dir) };
    if (!isYaml(dir) && !isXlsx(dir)) return { missing: 'a file, not a unit folder nor a statistics file (.yaml or .xlsx)' };
    // (the file its folder reads — what the unit's report prints — where that is another one,
    // saved after this: units/*/statistics.xlsx summed workbooks older than the YAML corrected
    // since, without a word, an aggregation audit; its report's year read with it)
    const folder = isUnitFile(dir) ? statisticsFileOf(path.dirname(dir)) : undefined;
    const report = path.join(path.dirname(dir), 'report.md');
    const year = folder && 'file' in folder ? folder.year : isUnitFile(dir) && existsSync(report) ? yearOf(frontMatterOf(report)) : undefined;
    const readByFolder = folder && 'file' in folder && real(folder.file) !== real(dir) && statSync(folder.file).mtimeMs > statSync(dir).mtimeMs ? folder.file : undefined;
    return { file: dir, ...(year !== undefined ? { year } : {}), ...(readByFolder ? { readByFolder } : {}) };
  }
  readableFolder(dir, dir, ['report.md', 'statistics.yaml', 'statistics.xlsx']);
  const report = path.join(dir, 'report.md');
  let year: number | undefined;
  if (existsSync(report)) {
    const located = frontMatterAt(report);
    const front = located.data;
    const named = front?.statistics;
    year = yearOf(front);
    if (typeof named === 'string' && named.trim() !== '') {
      // (the statistics: line, for the messages below: a bad-input audit found it unnamed)
      const at = `${report}:${located.lineOf(['statistics'])}`;
      const file = statisticsPath(dir, named);
      // (not there yet: a workbook beside it is read — how a unit's workbook is converted into the
      // file its report names, gongwen aggregate unit --out unit/statistics.yaml)
      const workbook = path.join(dir, 'statistics.xlsx');
      if (!existsSync(file) && existsSync(workbook) && path.resolve(file) !== path.resolve(workbook)) {
        return { file: workbook, year, namedMissing: path.resolve(file), warning: `${at}: "statistics: ${named}" names a file that does not exist; ${workbook} is read` };
      }
      if (!existsSync(file)) return { missing: `${at}: "statistics: ${named}" names a file that does not exist` };
      if (statSync(file).isDirectory()) return { missing: `${at}: "statistics: ${named}" names a folder, not a file` };
      // (a workbook saved after it: statistics.xlsx, to be read where it is converted, or another
      // program's, .xls or .ods, named with how to save it — it had been summed as the YAML stood,
      // a blank form, without a word, a city's trial)
      const stale = newerWorkbook(dir, file);
      const xlsxAfter = /\.xlsx$/i.test(workbookAfter(dir, file) ?? '');
      return { file, year, ...(stale ? { warning: `${stale.message}\n  fix: ${stale.hint}`, ...(xlsxAfter ? { workbookAfter: workbook } : {}) } : {}) };
    }
  }
  const [yaml, xlsx] = ['statistics.yaml', 'statistics.xlsx'].map((name) => path.join(dir, name)) as [string, string];
  if (existsSync(yaml) && existsSync(xlsx)) {
    // both: the YAML is read, as documented; a workbook corrected after it was converted once
    // would otherwise give stale totals without a word
    const newer = workbookAfter(dir, yaml) === xlsx;
    return { file: yaml, year, warning: `${dir} holds both statistics.yaml and statistics.xlsx; statistics.yaml is summed${newer ? ', though statistics.xlsx was saved after it' : ''}\n  fix: ${newer ? `convert the workbook again (gongwen aggregate ${dir} --out ${yaml}), or remove it if statistics.yaml is current` : 'remove statistics.xlsx if statistics.yaml is current; to take the workbook\'s figures, move statistics.yaml aside, then convert it (gongwen aggregate ' + dir + ' --out ' + yaml + ')'}`, ...(newer ? { workbookAfter: xlsx } : {}) };
  }
  // (another program's workbook saved after the YAML, statistics.xls or .ods: named, a city's trial)
  const other = existsSync(yaml) ? newerWorkbook(dir, yaml) : undefined;
  if (other) return { file: yaml, year, warning: `${other.message}\n  fix: ${other.hint}` };
  for (const file of [yaml, xlsx]) if (existsSync(file)) return { file, year };
  // (a workbook of Excel 97–2003 or WPS there: said so, not passed over — a bad-input audit)
  const old = Object.keys(OTHER_WORKBOOKS).map((ext) => path.join(dir, `statistics${ext}`)).find((f) => existsSync(f));
  if (old) return { missing: oldWorkbook(old) };
  return { missing: 'no statistics.yaml or statistics.xlsx (and no "statistics:" in report.md)' };
}

/**
 * The sum rules printed on the form that the unit's figures break (the errors `gongwen check`
 * reports for its statistics), or undefined. Summed, a unit's imbalance passes into the total,
 * where the city's check finds it but can no longer say which unit it came from. Warnings (a row
 * total, empty cells) do not stop a sum, as they do not stop `check`; but where a unit is refused,
 * the other rules it breaks are listed after its errors (a row total that is off by as much tells
 * which figure is wrong, as the errors' fix says).
 */
function brokenRules(stats: StatisticsTable): string | undefined {
  const findings = checkRules(stats);
  const errors = findings.filter((f) => f.severity === 'error');
  if (!errors.length) return undefined;
  const warnings = findings.filter((f) => f.severity === 'warning').map((f) => `warning: ${formatInputError(f.loc, f.message, f.hint)}`);
  return [...errors.map((f) => formatInputError(f.loc, f.message, f.hint)), ...warnings].join('\n');
}

/** Whether a unit's figures tell it apart: five or more other than 0 (units with next to nothing to report may well match). */
const telling = (values: Record<string, number>) => Object.values(values).filter((n) => n !== 0).length >= 5;

/** A unit's own statistics file, which stands for its folder: statistics.yaml or statistics.xlsx. */
const isUnitFile = (f: string): boolean => /^statistics\.(ya?ml|xlsx)$/i.test(path.basename(f));
/**
 * A path with its links resolved as far as it exists (an --out not written yet: its folder's), so
 * that --out through a link to a unit's folder is known as that folder (an aggregation audit: the
 * checks below compared the paths as typed, and a sum went into a unit's own folder by its link).
 */
function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(path.resolve(p))), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}
/**
 * The folder a unit given as `dir` stands for: the folder itself, or a unit file's (statistics.*)
 * folder; another file stands for itself. `at` makes the path whole (`real`: with links resolved).
 */
const unitFolderOf = (dir: string, at: (p: string) => string = path.resolve): string => (isUnitFile(dir) && existsSync(dir) && !isFolder(dir) ? path.dirname(at(dir)) : at(dir));
const realFolderOf = (dir: string): string => unitFolderOf(dir, real);

/** A unit's name: its folder's, or a statistics file's given in its place (西岭市汇总.xlsx: 西岭市汇总; statistics.xlsx: its folder's). */
export function unitName(dir: string): string {
  const full = unitFolderOf(dir);
  return (isYaml(full) || isXlsx(full)) && !isFolder(full) ? path.basename(full).replace(/\.(ya?ml|xlsx)$/i, '') : path.basename(full);
}

async function readUnit(dir: string, templateId: string | undefined, out?: string, single = false): Promise<Unit> {
  const name = unitName(dir);
  try {
    const found = statisticsFileOf(dir);
    if ('missing' in found) return { dir, name, status: 'missing', message: found.missing };
    const { file, year, workbookAfter, readByFolder } = found;
    let { warning, namedMissing } = found;
    // (the unit's folder's, also where the unit is given as its statistics file, which counts as its folder)
    const folder = unitFolderOf(dir);
    const workbook = display(path.join(folder, 'statistics.xlsx'));
    const readWorkbook = () => readStatisticsFile(workbook, templateId);
    // --out the file the unit's report names, this unit alone: its workbook written into it again —
    // where the workbook was saved after it (corrected since), or the file is still empty as gongwen
    // new wrote it; else the guard against writing over a unit's own file stands
    const into = single && out !== undefined && path.resolve(out) === path.resolve(file);
    let stats: StatisticsTable;
    if (into && workbookAfter) stats = await readWorkbook();
    else if (isYaml(file)) stats = readStatistics(file);
    else if (isXlsx(file)) stats = await readStatisticsFile(file, templateId);
    // (an .xls its report names: said so, as one the folder holds is, a review)
    else return { dir, name, status: 'invalid', message: OTHER_WORKBOOK.test(file) ? oldWorkbook(file, path.dirname(file)) : `${file}: a statistics file is .yaml or .xlsx` };
    // a workbook saved after the YAML, with the same figures (copied, or written from it) or none: no news
    let stale = Boolean(workbookAfter && !into);
    // the unit given as a file older than the one its folder reads, with other figures
    if (readByFolder && (out === undefined || real(out) !== real(readByFolder))) {
      let other: StatisticsTable | undefined;
      try {
        other = await readStatisticsFile(readByFolder, templateId);
      } catch (e) {
        if (!isInputError(e)) throw e;
      }
      if (!other || valuesFingerprint(other.values) !== valuesFingerprint(stats.values)) {
        warning = `${file} is summed, and ${readByFolder}, which ${name}'s report prints, was saved after it with other figures
  fix: give the unit as its folder (${display(path.dirname(file))}), which reads ${path.basename(readByFolder)}, what its report prints`;
        stale = true;
      }
    }
    const news = stale && workbookAfter ? await workbookNews(workbookAfter, stats, templateId) : undefined;
    if (news?.noNews) {
      warning = undefined;
      stale = false;
    } else if (news?.year !== undefined && year !== undefined && news.year !== year) {
      // (last year's form sent back, saved after the YAML: converting it is refused, so the fix is
      // this year's form, as check says — not "convert it again", a review)
      warning = `${workbookAfter} was saved after ${file} and holds the figures for ${news.year}, and the unit's report.md is on ${year}: last year's form sent back? ${file} is summed\n  fix: ask the unit for its ${year} figures on this year's form (gongwen new <folder> --year ${year}, then gongwen aggregate <that folder> --out form.xlsx, writes one to send), or remove the workbook`;
      stale = false;
    }
    // the YAML as gongwen new wrote it, empty, and the unit's figures in its workbook (a unit that
    // fills in Excel): the workbook is summed, and the unit's own report is told to convert it —
    // one unit alone too, but where --out is that workbook (the form written again from the YAML)
    // (one unit alone into the county's file wrote a blank form, where two read the workbook: an audit)
    // (a blank workbook beside it, the form as handed out, is no news: a review)
    const outIsWorkbook = out !== undefined && real(out) === real(workbook);
    if (isYaml(stats.file) && !Object.keys(stats.values).length && existsSync(workbook) && (into || !single || (out !== undefined && !outIsWorkbook))) {
      const book = await readWorkbook();
      if (into || Object.keys(book.values).length) stats = book;
      if (!into && Object.keys(book.values).length) warning = `${file} has no figures (as gongwen new writes it), so ${workbook} is ${single ? 'read' : 'summed'}\n  fix: convert it (gongwen aggregate ${display(folder)} --out ${file}), so that the unit's own report prints its figures too`;
    }
    // (converted: what the unit's report names is written from its workbook)
    if (into && stats.file !== file) {
      namedMissing = path.resolve(file);
      warning = undefined;
    }
    // a unit that gives no figure at all (the form as handed out, or sent back unfilled) is no
    // unit of a sum: counted as summed, it would hide that the city's total lacks its figures (one
    // unit alone is a conversion: the blank form to hand out is made so)
    if (!single && !Object.keys(stats.values).length) {
      return { dir, name, status: 'invalid', message: `${stats.file}: no figures: every cell of the form is empty (the form as it was handed out?)\n  fix: fill in the unit's figures (0 where there were none), or leave the unit out` };
    }
    // figures of another year than the unit's report (last year's form sent back): never summed
    // nor converted as this year's
    if (year !== undefined && stats.year !== undefined && stats.year !== year) {
      // (a workbook's year is in its hidden gongwen sheet: changed there, last year's figures would
      // pass as this year's — the fix is this year's form, an office's trial)
      return { dir, name, status: 'invalid', message: `${stats.file}: the figures are for ${stats.year} (its year), and the unit's report.md is on ${year}\n  fix: ${isXlsx(stats.file) ? `last year's form sent back? ask the unit for its ${year} figures on this year's form (gongwen new <folder> --year ${year}, then gongwen aggregate <that folder> --out form.xlsx, writes one to send)` : `put the ${year} figures in (last year's form sent back?), or correct year: where it is wrong`}` };
    }
    const broken = brokenRules(stats);
    if (broken) return { dir, name, status: 'invalid', message: broken };
    // (summed from the YAML, its newer workbook's figures not in: the sum's record says so, and the city's build warns)
    return { dir, name, status: 'ok', stats, ...(year !== undefined ? { year } : {}), ...(warning ? { warning } : {}), ...(namedMissing ? { namedMissing } : {}), ...(stale && stats.file !== workbookAfter ? { stale: true as const } : {}) };
  } catch (e) {
    if (!isInputError(e)) throw e;
    return { dir, name, status: 'invalid', message: e.message };
  }
}

/**
 * The rules the sum breaks although every summed unit keeps them: a unit's check skips a rule
 * with an empty cell, so the break comes from units that leave one of the rule's cells empty
 * while others fill it. Each is a warning naming those units, for the office to ask them; the
 * sum's own check would find the rule broken and name no unit. Rules printed on the form and
 * those derived from it (a row's total, which the sum's check reports as a warning) alike.
 */
function sumRuleWarnings(template: StatTemplate, values: Record<string, number>, units: { name: string; stats: StatisticsTable }[]): string[] {
  const sum: StatisticsTable = { template, values, file: 'the sum', lines: {} };
  const warnings: string[] = [];
  for (const rule of template.rules) {
    const broken = checkRule(sum, rule);
    if (!broken) {
      // (units whose own figures break a rule the sum keeps: their errors cancel out in the sum, and
      // would pass without a word — an aggregation audit; a rule printed on the form refuses such a
      // unit before this, so these are the rules of the form's totals, a unit's warnings)
      const own = units.flatMap((u) => {
        const f = checkRule(u.stats, rule);
        return f ? [`${u.name} (${formatInputError(f.loc, f.message).split('\n')[0]})`] : [];
      });
      if (own.length) {
        warnings.push(`the sum keeps a rule of the form's totals that ${own.length === 1 ? 'a unit\'s own figures break' : `${own.length} units' own figures break`} (in the sum their differences cancel out): ${own.join('; ')}`
          + '\n  fix: correct those units\' figures (their own check names the figure), then sum again');
      }
      continue;
    }
    const keys = [...rule.parts, ...rule.totals];
    const gaps = units.filter((u) => keys.some((k) => u.stats.values[k] === undefined)).map((u) => u.name);
    // units whose own figures break it (a rule derived from the form's meaning is a unit's
    // warning, not an error, so such a unit is summed), each with the line of its break
    const own = units.flatMap((u) => {
      const f = checkRule(u.stats, rule);
      return f ? [`${u.name} (${formatInputError(f.loc, f.message).split('\n')[0]})`] : [];
    });
    // (none of either only through rounding: sums of units that each keep the rule keep it)
    warnings.push(`the sum breaks a rule ${rule.status === 'printed' ? 'printed on the form' : 'of the form\'s totals'}: ${broken.message}`
      + (own.length ? `\n  units whose own figures break it: ${own.join('; ')}` : '')
      + (gaps.length ? `\n  units that leave a cell of this rule empty: ${gaps.join(', ')}` : '')
      + (own.length || gaps.length
        ? `\n  fix: ${[own.length ? 'correct those units\' figures' : '', gaps.length ? 'fill the rule\'s empty cells in those units (0 where there were none)' : ''].filter(Boolean).join('; ')}, then sum again`
        : `\n  fix: check the units' figures for this rule`));
  }
  return warnings;
}

/**
 * What an existing --out file holds that writing `values` there would lose, said for the message
 * ("12 figures typed by hand"), or undefined where nothing would be: no such file, no figures in it,
 * the same figures, a sum gongwen wrote (its record's fingerprint) that nobody changed since, or,
 * for a conversion in the unit's own folder (`ownConversion`), figures converted from its workbook
 * that nobody changed since.
 * A file that is no statistics file gongwen reads is not written over either.
 */
async function figuresHeld(out: string, values: Record<string, number>, ownConversion: boolean): Promise<string | undefined> {
  let st;
  try {
    st = statSync(out, { throwIfNoEntry: false });
  } catch {
    return undefined; // (a path that cannot be looked at: writing it fails with its own error)
  }
  if (!st?.isFile()) return undefined;
  let held: StatisticsTable;
  try {
    held = await readStatisticsFile(out);
  } catch (e) {
    if (!isInputError(e)) throw e;
    return `a file gongwen cannot read as statistics (${(e as Error).message.split('\n')[0]})`;
  }
  const n = Object.keys(held.values).length;
  if (!n) return undefined;
  const print = valuesFingerprint(held.values);
  // (a unit's file converted by gongwen and not changed since, which that unit's conversion
  // replaces — not another unit's figures or a sum: `aggregate units/jtj --out units/wjw/statistics.yaml`,
  // the line before edited by one name, put jtj's figures under wjw's report, an aggregation audit;
  // the same figures too, which went under another unit's name in its header, a review)
  const converted = !isXlsx(out) && convertedMarkOf(readFileSync(out, 'utf8')) === print;
  if (converted && ownConversion) return undefined;
  if (!converted && print === valuesFingerprint(values)) return undefined;
  if (held.sumRecord && held.sumRecord.sum === print) return undefined;
  const figures = `${n} figure${n === 1 ? '' : 's'}`;
  return converted ? `${figures} converted from its unit's workbook (that unit's own)`
    : held.sumRecord ? `${figures}, some of them typed in or changed since gongwen wrote the file` : `${figures} that gongwen did not write (typed in, or a unit's own)`;
}

const OUT_FIX = 'give --out a file path (FILE.yaml or FILE.xlsx) in a folder you can write to; the folder is created if missing';

/**
 * Write the sum; returns why it cannot be written, or undefined. writeFileAtomic advises build's
 * --out, a folder ("give --out a folder"); aggregate's --out is a file, so its errors are given
 * a fix of their own, and a failed write (a folder in the file's place, no permission) is bad
 * input, not an internal error.
 */
async function writeSum(file: string, template: StatTemplate, values: Record<string, number>, header: string[], record: SumRecord | undefined, year?: number): Promise<string | undefined> {
  try {
    await writeStatistics(file, template, values, header, record, year);
    return undefined;
  } catch (e) {
    if (e instanceof InputError) return formatInputError(e.loc, e.problem, OUT_FIX);
    const { code, syscall } = e as NodeJS.ErrnoException;
    if (code && syscall) return formatInputError({ file }, `the sum cannot be written there (${code})`, OUT_FIX);
    throw e;
  }
}

const nUnits = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

function explain(u: Unit, template: StatTemplate | undefined): string {
  const head = `${u.name} (${u.dir})`;
  switch (u.status) {
    case 'ok': return head;
    case 'missing': return `missing statistics: ${head}: ${u.message}`;
    // (a report.md that cannot be read, for the statistics file it names or its year: no statistics fault, an aggregation audit)
    case 'invalid': return `invalid ${/^[^\n]*report\.md:\d/.test(u.message) ? 'report.md' : 'statistics'}: ${head}:\n${indent(u.message, '    ')}`;
    case 'other': return `other template: ${head} uses ${u.stats.template.id}, not ${template?.id} (${u.stats.file})`;
  }
}

const AGGREGATE_OPTIONS = {
  out: { type: 'string', short: 'o' },
  template: { type: 'string', short: 't' },
  partial: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function aggregateCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let opts: { out?: string; template?: string; partial?: boolean; help?: boolean };
  let dirs: string[];
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: AGGREGATE_OPTIONS });
    opts = parsed.values;
    // (a file a glob took along among the unit folders, units/说明.txt: left out, with a note)
    // (a statistics file, .yaml or .xlsx, is a unit of its own — a city's workbook sent by e-mail —
    // where the units are all given so; among unit folders it is refused, neither summed (a clerk's
    // own 汇总.xlsx in units/ counted the units twice, review) nor left out (a city lost, trial))
    // (a report.md among them too: a city's folder holding its units, city/*, review)
    const { folders, skipped } = withoutStrayFiles(parsed.positionals, (f) => isYaml(f) || isXlsx(f));
    for (const file of skipped) err.write(`note: ${file} left out: a file, not a unit folder\n`);
    dirs = folders;
    const loose = dirs.some(isFolder) ? dirs.filter((d) => (isYaml(d) || isXlsx(d)) && !isFolder(d) && existsSync(d) && !isUnitFile(d)) : [];
    if (loose.length) throw new UsageError(`${loose.join(', ')}: ${loose.length === 1 ? 'a statistics file' : 'statistics files'} among unit folders, which would be summed as ${loose.length === 1 ? 'a unit of its' : 'units of their'} own; give each unit as a folder (its file saved there as statistics.xlsx or statistics.yaml), or all of them as files — and leave out a sum of the units kept beside them`);
    if (opts.help) { out.write(AGGREGATE_HELP); return 0; }
    if (!dirs.length) throw new UsageError('aggregate needs at least one unit folder');
    // (aggregate "$UNIT" with UNIT unset: "folder not found" of the working folder's name, a review)
    if (parsed.positionals.some((d) => !d.trim())) throw new UsageError('aggregate was given an empty folder name, "" (an unset variable in a script?): give each unit folder by its name');
    if (!opts.out) throw new UsageError('aggregate needs --out FILE (.yaml or .xlsx)');
    if (!isYaml(opts.out) && !isXlsx(opts.out)) throw new UsageError(`--out ${opts.out}: the output is a ${STATISTICS_FORMATS.join(' or ')} file`);
    // --out into one of several units' folders (the city's folder among units/*, made by gongwen
    // new): that unit would be read as a unit of the sum it is to hold (province trial: it was
    // refused as a unit without figures, and with --partial recorded as left out of itself)
    // (a unit given as its statistics file: its folder, review)
    const home = dirs.length > 1 ? dirs.find((d) => realFolderOf(d) === path.dirname(real(opts.out!))) : undefined;
    // (the folder's own statistics file given, city/* run in the city's folder: named as that, an aggregation audit)
    if (home) {
      throw new UsageError(isFolder(home) ? `--out ${opts.out} is in ${home}, which is given among the units: the sum would be one of its own units; leave ${home} out (a glob such as units/* takes it), or write the sum elsewhere`
        : `--out ${opts.out} is in ${display(unitFolderOf(home))}, whose own ${path.basename(home)} is given among the units (a glob took it along): the sum would be one of its own units; leave that unit out, or write the sum elsewhere`);
    }
    // A folder given twice (overlapping globs) would be counted twice; so would a unit given as
    // its folder and as its own statistics file, or as both its files (units/*/statistics.* where
    // a unit sent a corrected workbook beside its YAML: an aggregation audit), the YAML and the
    // workbook being read as two units
    const firstOf = (d: string) => dirs.findIndex((x) => unitFolderOf(x) === unitFolderOf(d));
    const twice = dirs.find((d, i) => firstOf(d) !== i);
    if (twice) {
      const first = dirs[firstOf(twice)]!;
      throw new UsageError(path.resolve(first) === path.resolve(twice) ? `unit folder ${twice} is given twice`
        : `${first} and ${twice} are one unit (${display(unitFolderOf(twice))}), given twice: it would be counted twice; give the unit once, as its folder (which reads the file its report.md names, else its statistics.yaml)`);
    }
    if (opts.template && !loadTemplate(opts.template)) {
      throw new UsageError(`unknown template "${opts.template}" (known: ${availableTemplates().join(', ')})`);
    }
  } catch (e) {
    if (!isUsageError(e)) throw e;
    err.write(`error: ${usageText(e as Error, AGGREGATE_OPTIONS, argv)}\nusage: ${AGGREGATE_USAGE}\n`);
    return 2;
  }

  const read: Unit[] = [];
  for (const dir of dirs) read.push(await readUnit(dir, opts.template, opts.out, dirs.length === 1));
  // units whose folders share a name (A/city, B/city, C/city: a province's cities, each made by
  // gongwen new as city) are named with the folder above too, in messages and in the sum's record
  // (province trial: "Sum of 3 units: city, city, city")
  // (a unit given as its statistics.* file is named by its folder: the folder above that, review)
  // (and further up where that is shared too: 2021/A/city beside old/A/city, review)
  for (let up = 1; up <= 8; up++) {
    const shared = new Set(read.map((u) => u.name).filter((n, i, all) => all.indexOf(n) !== i));
    if (!shared.size) break;
    for (const u of read) {
      if (!shared.has(u.name)) continue;
      let folder = unitFolderOf(u.dir);
      for (let k = 0; k < up; k++) folder = path.dirname(folder);
      if (path.dirname(folder) !== folder) u.name = `${path.basename(folder)}/${u.name}`;
    }
  }
  // Two folders that read one statistics file (a link to a unit's folder, a report.md whose
  // statistics: names another unit's file) would count it twice: the sum would be wrong, silently.
  const readBy = new Map<string, string>();
  for (const u of read) {
    if (u.status !== 'ok') continue;
    const file = realpathSync(u.stats.file);
    const first = readBy.get(file);
    if (first !== undefined) {
      err.write(`error: ${first} and ${u.dir} read the same statistics file ${file}: it would be counted twice (with --partial too)\n`
        + '  fix: give each unit once (a link to a unit\'s folder, or a report.md whose statistics: names another unit\'s file, is that unit again)\n');
      return 2;
    }
    readBy.set(file, u.dir);
  }
  // A sum given among its own units (units/* where the city's folder sits with them) counts them
  // twice; a sum of other units (a province adding up its cities' sums) is one unit like any other.
  // A unit is the sum's own where both its name and its figures are as the sum recorded them (a
  // province's 本级 is not a city's 本级) — also where the sum's figures were typed over since: its
  // units are still in it (reviews: a typed-over sum counted them twice). A record of one unit,
  // none left out, is a unit's form as handed out (gongwen aggregate <unit> --out …), filled in
  // since: no sum. (A sum's own workbook handed out as a form carries the sum's record: give the
  // units their own forms.)
  const ok = read.filter((u): u is Extract<Unit, { status: 'ok' }> => u.status === 'ok');
  const prints = new Map(ok.map((u) => [u, valuesFingerprint(u.stats.values)]));
  for (const u of ok) {
    const record = u.stats.sumRecord;
    if (!isSumRecord(record)) continue;
    const names = record.units.map(([n]) => n);
    // (or whose statistics file is one the sum recorded reading: its units all corrected since, by
    // a city-wide round of corrections, still are its units — an aggregation audit, summed twice)
    const readFiles = new Set((record.files ?? []).map(([relative]) => path.resolve(path.dirname(path.resolve(u.stats.file)), relative)));
    const again = ok.filter((v) => v !== u && (record.units.some(([n, f]) => n === v.name && f === prints.get(v)) || readFiles.has(path.resolve(v.stats.file)))).map((v) => v.name);
    const typedOver = prints.get(u) !== record.sum;
    if (again.length) {
      err.write(`error: ${u.name} (${u.dir}) is the sum of ${names.join(', ')} (written by gongwen aggregate${typedOver ? ', its figures changed since' : ''}), and ${again.join(', ')} ${again.length === 1 ? 'is' : 'are'} given too: ${again.length === 1 ? 'it' : 'they'} would be counted twice (with --partial too)\n`
        + `  fix: leave ${u.dir} out (a glob such as units/* takes the sum's folder if it sits among the units), or leave out its units${typedOver ? `; if ${u.name} is a unit that filled in a sum's workbook as its form, give it a form of its own (gongwen aggregate <its folder> --out <form>.xlsx) and copy its figures into that` : ''}\n`);
      return 2;
    }
    // (a sum typed over since it was made: summed as its figures stand, and said, province trial)
    if (typedOver) {
      err.write(`warning: ${u.name} is a sum of ${nUnits(names.length)} (${names.join(', ')}) whose figures were changed since it was made: summed as they stand\n`);
      continue;
    }
    // (not where it is the one unit given: converted, or written as a workbook, review)
    if (ok.length > 1) out.write(`note: ${u.name} is a sum of ${nUnits(names.length)} (${names.join(', ')}), added as one unit${record.left?.length ? `; it left out ${record.left.join(', ')}` : ''}\n`);
    // (one whose units' figures changed since it was made: summed as it stands, said — province trial)
    const changed = unitsChangedSinceSum(u.stats);
    if (changed.length) err.write(`warning: ${u.name} is a sum whose ${changed.length === 1 ? 'unit' : `${changed.length} units`} changed since it was made: ${changed.join(', ')}\n  fix: add ${u.name}'s units up again first (its --out ${display(u.stats.file)}), then this sum\n`);
  }
  // Units of different years are not one year's sum: the units' report.md say which year
  const years = new Map<number, string[]>();
  // (a unit's year: its report.md's, else the year its statistics file says, as a workbook handed
  // out by the city carries it — last year's workbook sent back is found)
  for (const u of read) {
    const y = u.status === 'ok' ? u.year ?? u.stats.year : undefined;
    if (y !== undefined) years.set(y, [...years.get(y) ?? [], u.status === 'ok' && u.year === undefined ? `${u.name} (${path.basename(u.stats.file)})` : u.name]);
  }
  if (years.size > 1) {
    err.write('error: the units report on different years (their report.md year:, or their statistics file\'s):\n');
    for (const [y, names] of [...years].sort((a, b) => a[0] - b[0])) err.write(`  ${y}: ${names.join(', ')}\n`);
    err.write('  fix: give the units of one year (last year\'s folder may sit among this year\'s); with --partial too\n');
    return 2;
  }
  // (a unit that says no year — a folder of figures without report.md, its statistics file without
  // year: — beside units that say one: summed as of their year, and said, since last year's figures
  // sent back would not be found; province trial)
  if (years.size === 1) {
    const [y] = [...years.keys()];
    const unsaid = read.filter((u) => u.status === 'ok' && (u.year ?? u.stats.year) === undefined).map((u) => u.name);
    if (unsaid.length) out.write(`note: ${unsaid.join(', ')} ${unsaid.length === 1 ? 'says' : 'say'} no year (no report.md, and no year: in the statistics file): taken to be on ${y} like the others\n`);
  }
  const templatesUsed = new Map<string, string[]>();
  for (const u of read) if (u.status === 'ok') templatesUsed.set(u.stats.template.id, [...templatesUsed.get(u.stats.template.id) ?? [], u.name]);

  // The units' one year, where they say it, and its form: units on another form are named as
  // such (a unit on gov-2019 among 2021 units was converted without a word, and the mixed forms'
  // fix offered the old form as much as the year's: an aggregation audit)
  const year = years.size === 1 ? [...years.keys()][0] : undefined;
  const form = year !== undefined && year >= FIRST_FORM_YEAR ? templateForYear(year) : undefined;
  const offForm = form ? ok.filter((u) => u.stats.template.id !== form && !formCovers(u.stats.template, year!)) : [];
  // Units on different forms are never guessed between: the form is asked for, or all agree.
  if (!opts.template && templatesUsed.size > 1) {
    err.write('error: the units use different statistics templates:\n');
    for (const [id, names] of templatesUsed) err.write(`  ${id}: ${names.join(', ')}${form && id !== form && offForm.some((u) => u.stats.template.id === id) ? ` (not the form of ${year}, which is ${form})` : ''}\n`);
    err.write(form && templatesUsed.has(form) && offForm.length
      ? `  fix: put ${offForm.map((u) => u.name).join(', ')} on the ${year} form (copy the figures into a blank ${form} form: gongwen new <a new folder> --organ <its organ> --year ${year} writes one as its statistics.yaml), or give --template ${form} --partial to sum the others without ${offForm.length === 1 ? 'it' : 'them'}\n`
      : `  fix: give ${[...templatesUsed.keys()].map((id) => `--template ${id}`).join(' or ')} to sum the units on that form, with --partial to leave the others out\n`);
    for (const u of read) if (u.status !== 'ok') err.write(`error: ${explain(u, undefined)}\n`);
    const n = (s: Unit['status']) => read.filter((u) => u.status === s).length;
    err.write(`summary: 0 summed, ${n('missing')} missing, ${n('invalid')} invalid, ${n('ok')} on ${templatesUsed.size} different templates; nothing written to ${opts.out}\n`);
    return 2;
  }
  // The same figures under two names (a unit's folder copied, a city's sum given twice — its YAML
  // and its workbook sent by e-mail — or a unit given beside a sum that holds its figures under
  // another name) would be counted twice without a word (province trial). Figures alike by chance
  // are those of a unit with next to nothing to report (a few cells, zeros): not taken as copies.
  const holders = new Map<string, string[]>();
  for (const u of ok) {
    const own = telling(u.stats.values) ? [prints.get(u)!] : [];
    // (a sum's units, typed over since or not: each unit's figures are in it; a recorded unit only
    // where it told its figures apart — two cities' all-zero towns are no copy — and every unit of
    // a record written before such marks, review)
    const record = isSumRecord(u.stats.sumRecord) ? u.stats.sumRecord : undefined;
    const marked = record?.units.some(([, , t]) => t === 1) ?? false;
    for (const print of new Set([...own, ...(record?.units.filter(([, , t]) => t === 1 || !marked).map(([, f]) => f) ?? [])])) holders.set(print, [...holders.get(print) ?? [], u.name]);
  }
  const twice = [...holders.values()].find((names) => names.length > 1);
  if (twice) {
    err.write(`error: ${twice.join(' and ')} hold the same figures (one unit's, in every cell): they would be counted twice (with --partial too)\n`
      + '  fix: give each unit once — a copy of a unit\'s folder, a city\'s sum given as its YAML and as its workbook, or a unit given beside a sum that holds it, is that unit again\n');
    return 2;
  }
  const template = opts.template ? loadTemplate(opts.template)! : read.find((u) => u.status === 'ok')?.stats.template;
  const units: Unit[] = read.map((u) => (u.status === 'ok' && u.stats.template.id !== template?.id ? { ...u, status: 'other' } : u));
  const summed = units.filter((u): u is Extract<Unit, { status: 'ok' }> => u.status === 'ok');
  const left = units.filter((u) => u.status !== 'ok');
  const count = (s: Unit['status']) => units.filter((u) => u.status === s).length;
  const summary = (n: number) => `${n} summed, ${count('missing')} missing, ${count('invalid')} invalid, ${count('other')} other template`;

  if (!summed.length || (left.length && !opts.partial)) {
    for (const u of left) err.write(`error: ${explain(u, template)}\n`);
    // (one unit: a conversion or its figures written out, no sum asked for — an office's trial)
    if (!summed.length) {
      if (dirs.length > 1) err.write('error: no unit can be summed\n');
    } else err.write(`  fix: correct the units above, or give --partial to sum the ${nUnits(summed.length)} that can be summed without them\n`);
    err.write(`summary: ${summary(0)}; nothing written to ${opts.out}\n`);
    return 2;
  }

  const input = summed.find((u) => real(u.stats.file) === real(opts.out!));
  if (input) {
    err.write(`error: --out ${opts.out} is the statistics file of unit ${input.name}${summed.length > 1 ? '; write the sum elsewhere' : ', which it reads already'}\n`);
    if (summed.length === 1) {
      // (converting a unit's workbook again: a conversion reads the workbook where report.md names
      // the YAML and the workbook was saved after it)
      const yaml = path.basename(input.stats.file);
      const workbook = !/\.xlsx$/i.test(yaml) && existsSync(path.join(input.dir, 'statistics.xlsx'));
      // (another program's workbook saved after it, the unit's form sent back as .xls: how to make
      // it one this reads, a city's trial)
      const sent = workbookAfter(input.dir, input.stats.file);
      const kind = sent && otherWorkbookKind(sent);
      if (kind) err.write(`  fix: ${sent} was saved after ${yaml}, and is ${kind}, which gongwen does not read: ${SAVE_AS_XLSX}, then run this again\n`);
      // (a workbook saved after it is converted: one here is older, review)
      else err.write(`  fix: ${!workbook ? 'give --out another file: a sum of this one unit, or its figures as a workbook (.xlsx)'
        : `its statistics.xlsx was saved before ${yaml}, so there is nothing newer to convert; to convert it all the same, move ${yaml} aside first`}\n`);
    }
    return 2;
  }
  // --out a unit's workbook saved after the YAML that is read, with other figures (corrected
  // since): writing the YAML's figures would replace the corrections, without a word (QA)
  // (the unit given as its folder or as its statistics.yaml alike: review)
  // (the workbook of a summed unit: statistics.xlsx beside its YAML, or the YAML's own name as
  // .xlsx — a sum written again beside its units, sum.xlsx, is none, review — with a sum written
  // over it as much as a conversion, review)
  const outFile = real(opts.out!);
  const outName = path.basename(outFile).toLowerCase();
  const newer = existsSync(outFile) && statSync(outFile).isFile()
    ? summed.find((u) => isYaml(u.stats.file) && path.dirname(real(u.stats.file)) === path.dirname(outFile)
      && ['statistics.xlsx', path.basename(u.stats.file).replace(/\.ya?ml$/i, '.xlsx').toLowerCase()].includes(outName)
      && statSync(outFile).mtimeMs > statSync(u.stats.file).mtimeMs)
    : undefined;
  const overWorkbook = newer && !(await holdsNoNews(outFile, newer.stats, newer.stats.template.id)) ? newer : undefined;
  if (overWorkbook) {
    // (the conversion that takes its figures: by the unit's folder where its file is statistics.yaml
    // — given as its YAML, that conversion is refused as writing over what it reads, README audit —
    // else by the workbook itself, a unit of its own, review)
    const from = isUnitFile(overWorkbook.stats.file) ? display(unitFolderOf(overWorkbook.dir)) : display(outFile);
    err.write(`error: --out ${opts.out} is ${overWorkbook.name}'s workbook, saved after ${display(overWorkbook.stats.file)} with other figures: writing ${summed.length > 1 ? 'the sum' : 'that file\'s figures'} would replace them\n`
      + `  fix: to take the workbook's figures, convert it into the YAML (gongwen aggregate ${from} --out ${display(overWorkbook.stats.file)})${summed.length > 1 ? ', and write the sum elsewhere' : '; else give --out another file'}\n`);
    return 2;
  }
  for (const u of left) err.write(`warning: left out: ${explain(u, template)}\n`);
  // (a sum on a form not the units' year's: of the units on it, or asked for by --template)
  if (form && template && template.id !== form && !formCovers(template, year!)) {
    const alone = summed.length === 1 && !left.length;
    err.write(`warning: ${alone ? `${summed[0]!.name}'s figures are` : 'the sum is'} on ${template.id}, the form for report years ${template.years!.from}–${template.years!.to ?? ''}, and ${alone ? 'its report is' : 'its units report'} on ${year}, whose form is ${form}\n  fix: put the ${alone ? 'unit\'s' : 'units\''} figures on the ${year} form${alone ? '' : ' and sum them again'}, so that the report prints the ${year} tables\n`);
  }
  // (not where the file its report names is being written: a workbook converted)
  for (const u of summed) if (u.warning && u.namedMissing !== path.resolve(opts.out!)) err.write(`warning: ${u.warning}\n`);
  const sum = aggregateStatistics(summed.map((u) => ({ name: u.name, stats: u.stats })));
  const oversized = oversizedSums(sum);
  if (oversized.length) {
    err.write(`error: ${oversized.length === 1 ? 'the sum of a cell is' : `the sums of ${oversized.length} cells are`} larger than a statistics cell takes (${String(LARGEST_FIGURE).length} digits; ${String(Math.floor(LARGEST_FIGURE / YUAN)).length} before the point for 万元): ${oversized.join('; ')}\n`
      + `  fix: look for a unit's figure typed with digits too many in ${oversized.length === 1 ? 'that cell' : 'those cells'}, correct it, then sum again; nothing written to ${opts.out}\n`);
    return 2;
  }
  // (one unit written into its own folder is a conversion, its workbook to YAML or back: no sum to
  // keep apart from its unit; one unit summed elsewhere, the others left out, is a sum)
  // (a unit given as a file: its folder; a file of another name too, 西岭市汇总.xlsx → 西岭市汇总.yaml
  // beside it is converted, review)
  const one = summed[0]!;
  const only = one.dir;
  const conversion = summed.length === 1 && !left.length && path.dirname(real(opts.out!)) === (isFolder(only) ? real(only) : path.dirname(real(only)));
  const header = [
    conversion ? `${summed[0]!.name}: converted from ${path.basename(summed[0]!.stats.file)} (gongwen aggregate, template ${sum.template.id})`
      // (one unit alone, none left out: a form handed out or the unit's figures, no sum: QA)
      : summed.length === 1 && !left.length ? `${summed[0]!.name}: ${Object.keys(sum.values).length ? 'its figures' : `a blank ${sum.template.id} form, to fill in`} (gongwen aggregate, template ${sum.template.id})`
        : `Sum of ${nUnits(summed.length)} (gongwen aggregate, template ${sum.template.id}): ${summed.map((u) => u.name).join(', ')}`,
    ...(left.length ? [`Left out: ${left.map((u) => `${u.name} (${u.status === 'other' ? 'other template' : u.status})`).join(', ')}`] : []),
  ];
  // (one unit alone, converted or a form handed out: its figures are its own, which its check tells of)
  if (summed.length > 1) for (const w of sumRuleWarnings(sum.template, sum.values, summed)) err.write(`warning: ${w}\n`);
  // (one unit alone, a workbook converted: the totals it breaks, at its cells — said only by the
  // check after, at the converted YAML's lines, not at the cells the unit corrects; a statistics audit)
  // (a rule printed on the form refuses the unit before this: brokenRules)
  else for (const f of checkRules(one.stats)) if (f.severity === 'warning') err.write(`warning: ${formatInputError(f.loc, f.message, f.hint)}\n`);
  // (units that leave empty cells which others fill: the sum lacks their figures there; warned of
  // here, and recorded, so that the city's build warns too and --strict stops it)
  const gaps = unitGaps(summed.map((u) => ({ name: u.name, stats: u.stats })));
  if (gaps.length) {
    err.write(`warning: ${gaps.length === 1 ? 'a unit leaves' : `${gaps.length} units leave`} empty cells that other units fill, so the sum lacks ${gaps.length === 1 ? 'its' : 'their'} figures there:\n`
      + gaps.map((g) => `  ${gapText(g)}\n`).join('')
      + `  fix: fill ${gaps.length === 1 ? 'them' : 'each unit\'s'} in (0 where there were none), then sum again; the city's build warns of them until then\n`);
  }
  // what the summed sums (not typed over since) recorded of their own units, named by the sum:
  // a province's sum of its cities says which counties they left out, read stale or left gaps in
  const carried = (list: 'left' | 'stale' | 'gaps') => summed.flatMap((u) => (u.stats.sumRecord && prints.get(u) === u.stats.sumRecord.sum ? (u.stats.sumRecord[list] ?? []).map((x) => `${u.name}: ${x}`) : []));
  const leftOut = [...left.map((u) => `${u.name} (${u.status === 'other' ? 'other template' : u.status})`), ...carried('left')];
  // (and those summed from a YAML older than their workbook)
  const stale = [...summed.filter((u) => u.stale).map((u) => u.name), ...carried('stale')];
  // (and the units leaving cells empty that others fill)
  const empty = [...gaps.map(gapText), ...carried('gaps')];
  const record: SumRecord | undefined = !conversion
    ? { sum: valuesFingerprint(sum.values), units: summed.map((u): SumRecord['units'][number] => (telling(u.stats.values) ? [u.name, valuesFingerprint(u.stats.values), 1] : [u.name, valuesFingerprint(u.stats.values)])), files: summed.map((u) => unitFileRecord(u.stats.file, opts.out!)), ...(leftOut.length ? { left: leftOut } : {}), ...(stale.length ? { stale } : {}), ...(empty.length ? { gaps: empty } : {}) }
    // (a sum converted in its folder, its workbook into YAML or back, keeps its record: what it left
    // out and which units it holds, review; its units' files are where they were from that folder)
    : isSumRecord(summed[0]!.stats.sumRecord) ? summed[0]!.stats.sumRecord : undefined;
  // --out a file that holds figures of its own (a unit's typed by hand, a form filled in and sent
  // back, a city's typed figures): written over, they were gone without a word, and the unit's
  // report printed another unit's figures under its name (an office trial: the line before edited
  // by its first name only). One gongwen wrote and nobody changed since goes, as do a blank form
  // and the same figures. (A conversion in the unit's own folder is guarded above.)
  // (only the unit's own file in its other format is a conversion's to replace — statistics.xlsx
  // into statistics.yaml, guarded above; any other file in its folder is checked, a review)
  // (and the file the unit's report names, written from its workbook: the conversion check and
  // build tell of, a review; compared as whole paths, a file elsewhere being no twin, a review)
  const stem = (f: string) => real(f).replace(/\.(ya?ml|xlsx)$/i, '').toLowerCase();
  const twin = conversion && stem(opts.out!) === stem(one.stats.file);
  // (the twin saved after the file converted, with figures of its own: statistics.yaml typed in,
  // a report naming the workbook — converting the older workbook over it lost 200 figures, a
  // newcomer's trial; a twin older than what is converted is what a conversion replaces)
  const outStat = twin ? statSync(opts.out!, { throwIfNoEntry: false }) : undefined;
  if (twin && outStat?.isFile() && outStat.mtimeMs > statSync(one.stats.file).mtimeMs) {
    const held = await figuresHeld(opts.out!, sum.values, true);
    if (held) {
      err.write(`error: --out ${opts.out} holds ${held}, and was saved after ${display(one.stats.file)}: converting that file would write over them\n`
        + `  fix: keep the newer figures: name ${path.basename(opts.out!)} in report.md's "statistics:" and do not convert; to take ${path.basename(one.stats.file)}'s figures all the same, move ${opts.out} aside or remove it first\n`);
      return 2;
    }
  }
  if (!twin && one.namedMissing !== path.resolve(opts.out!)) {
    const held = await figuresHeld(opts.out!, sum.values, conversion);
    if (held) {
      err.write(`error: --out ${opts.out} holds ${held}: ${summed.length > 1 || left.length ? 'the sum' : `${one.name}'s figures`} would be written over it\n`
        + `  fix: give --out another file (a unit's own is its folder's statistics.yaml); to replace them all the same, move ${opts.out} aside or remove it first\n`);
      return 2;
    }
  }
  // (a conversion marks its figures, so that converting again may replace them while nobody changed them)
  const marks = record ? [`${SUM_RECORD_HEADER}${sumRecordText(record)}`] : conversion ? [`${CONVERTED_HEADER}${valuesFingerprint(sum.values)}`] : [];
  const unwritable = await writeSum(opts.out!, sum.template, sum.values, [...header, ...marks], record, year);
  if (unwritable) {
    err.write(`error: ${unwritable}\n`);
    return 2;
  }
  out.write(`${opts.out} (${Object.keys(sum.values).length} of ${sum.template.cells.size} cells given)\n`);
  // (one unit alone is no sum: a blank form handed out, a conversion or one unit's figures written
  // elsewhere — said as what it is, not "1 summed", province trial)
  const alone = summed.length === 1 && !left.length
    ? !Object.keys(sum.values).length ? `a blank ${sum.template.id} form, for a unit to fill in (no sum)`
      : conversion ? `${one.name}'s ${path.basename(one.stats.file)} converted (no sum)`
        : `${one.name}'s figures written (one unit: no sum)`
    : undefined;
  out.write(`summary: ${alone ?? summary(summed.length)}\n`);
  return 0;
}
