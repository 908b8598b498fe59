/**
 * One report folder → output bytes: read, transform, check, write. All validation (content,
 * statistics, glyph coverage) happens before any writer runs; nothing is written to disk here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { display, newerWorkbook, readReport } from './read/report.js';
import { transformReport } from './transform/index.js';
import { wordFaceHas } from './layout/word-faces.js';
import type { FontRole } from './layout/gbt9704.js';
import { fallbackCharSets, findMissingGlyphs, missingGlyphFindings, thinFaceFindings } from './transform/glyph-check.js';
import { findingError, FindingErrors, InputError, type Finding } from './model/errors.js';
import { deadlineText } from './model/deadline.js';
import { checkStatistics, checkTemplateYear } from './transform/checks.js';
import { lintDocNo, lintFieldSpaces, lintFigureUnits, lintLastYearOpenings, lintStatisticsPeriod, lintText, lintTitleDigits, lintTitleLines, lintTitleMarks } from './transform/lint.js';
import { checkAttachmentLines, checkEmptySections, checkHeadingLevels, checkStructure } from './transform/structure.js';
import { FIRST_FORM_YEAR, loadTemplate, templateForYear } from './read/templates.js';
import { isSumRecord, tocLevels, type Report } from './model/types.js';
import { asciiDigits } from './model/typed-text.js';
import { isBundledFace, type FontSet } from './io/fonts.js';
import { documentDate } from './io/clock.js';
import type { DocxBuilder } from './io/docx-thread.js';
import { buildDocx } from './io/docx-build.js';
import { newerWorkbookNews, type WorkbookNews } from './io/workbook-news.js';
import { typedOverCells, unitsChangedSinceSum, valuesFingerprint } from './io/sum-units.js';
import { LostBlockError } from './io/pdfmake-lost-blocks.js';

export type Format = 'pdf' | 'docx';
export const FORMATS: readonly Format[] = ['pdf', 'docx'];

export interface BuildOptions {
  fonts: FontSet;
  formats: readonly Format[];
  creator?: string;
  /** Warnings stop the build too. */
  strict?: boolean;
  /** PDF/A-2b. */
  pdfa?: boolean;
  /** Characters no font has are warnings (drawn as the fallback face's empty box), not errors. */
  allowMissingGlyphs?: boolean;
  /** Where the DOCX is built: in this thread (the default) or on a DocxThread, beside the PDF. */
  docx?: DocxBuilder;
}

export interface BuildResult {
  report: Report;
  outputs: Partial<Record<Format, Buffer>>;
  /** Warnings from the checks (the build went ahead). */
  warnings: Finding[];
}

/** Read and transform a report folder; throws InputError(s) on bad content. */
export function loadReport(dir: string): Report {
  return transformReport(readReport(dir));
}

/**
 * The checks of a sum's figures, with fixes that send the writer to its units: a sum's figures
 * come from them, and one corrected in the sum is typed over (province trial: "correct the total"
 * at the city's line invited that). Figures of a unit's own file keep their fixes.
 */
function sumHints(stats: NonNullable<Report['statistics']>, findings: Finding[], typedOver: boolean): Finding[] {
  const record = stats.sumRecord;
  if (!isSumRecord(record)) return findings;
  // (the sum rules' findings: not the one of cells left empty; a sum typed over since: its units
  // are not at fault, review)
  return findings.map((f) => (!/: incomplete, \d+ of \d+ cells are empty/.test(f.message)
    ? { ...f, hint: typedOver ? 'the sum was typed over since it was made: add its units up again (gongwen aggregate) rather than correct it here'
      : `the sum's figures come from its units (${record.units.map(([n]) => n).join(', ')}): correct the unit whose figures break this (gongwen aggregate names it), then add them up again` }
    : f));
}

/**
 * Every check of a loaded report: glyph coverage (errors), statistics rules and completeness,
 * and the numbers lint. Nothing is thrown here; see enforceFindings.
 */
export function reviewReport(report: Report, fonts: FontSet, allowMissingGlyphs = false, workbook?: WorkbookNews): Finding[] {
  const glyphs = [...missingGlyphFindings(findMissingGlyphs(report, fonts.has), allowMissingGlyphs), ...thinFaceFindings(report, fonts.has, (role) => isBundledFace(fonts.config[role]))];
  const stats = report.statistics;
  const emptyAttachments: Finding[] = report.attachments.filter((a) => !a.table).map((a) => ({
    // (with its note alone: a page of 附件, its title and a note on no table, a review)
    severity: 'warning', loc: a.loc, message: a.note ? `attachment "${a.title}" has no table: it prints its title and its note (注：…) alone, a note on no table` : `attachment "${a.title}" has no content and prints as an empty page`,
    hint: stats
      ? `gongwen prints only the 2014 statistics table as an attachment (this report's ${stats.template.id} tables sit in the body): remove the attachment`
      : 'gongwen prints the 2014 statistics table there: add "statistics: statistics.yaml" with template gov-2014, or remove the attachment',
  }));
  // `aggregate` reads a folder's statistics.yaml by itself; a build reads only the file named
  const unnamedStatistics: Finding[] = !stats && existsSync(path.join(report.dir, 'statistics.yaml')) ? [{
    severity: 'warning', loc: { file: report.source.file, line: 1 },
    message: 'the folder has a statistics.yaml, but the front matter does not name it, so its tables are not printed',
    hint: 'add "statistics: statistics.yaml" to the front matter',
  }] : [];
  // a workbook the unit sent again after it was converted into the YAML read here
  // (not where it holds the same figures or none, io/workbook-news.ts, which the async callers ask)
  const stale = stats && !workbook?.noNews && newerWorkbook(report.dir, stats.file);
  // (last year's form sent back: converting it is refused, so the fix is the unit's form of this
  // year, not "convert it again" — an office's trial)
  const otherYear = workbook?.year !== undefined && workbook.year !== report.meta.year ? workbook.year : undefined;
  const staleWorkbook: Finding[] = !stale ? [] : otherYear === undefined ? [{ severity: 'warning', loc: { file: stats.file, line: 1 }, message: stale.message, hint: stale.hint }]
    : [{
      severity: 'warning', loc: { file: stats.file, line: 1 },
      message: `${path.join(report.dir, 'statistics.xlsx')}, saved after ${stats.file}, holds the figures for ${otherYear}, and the report is on ${report.meta.year}: last year's form sent back?`,
      hint: `ask for the figures of ${report.meta.year} on this year's form (gongwen new <folder> --year ${report.meta.year} writes it; gongwen aggregate <that folder> --out form.xlsx makes it a workbook), or remove the workbook`,
    }];
  // what a sum's record says of its units (gongwen aggregate warned of each), a warning where it says any
  // (`separator`: between the units; a gap's own text holds commas)
  const recorded = (list: string[] | undefined, message: (n: number) => string, hint: string, separator = ', '): Finding[] => (list?.length ? [{
    severity: 'warning', loc: { file: stats!.file, line: 1 }, message: `${message(list.length)}: ${list.join(separator)}`, hint,
  }] : []);
  // the sum of a city's units that left some out (gongwen aggregate --partial): printed as the city's figures
  const partialSum = recorded(stats?.sumRecord?.left, (n) => `the statistics are a sum that leaves out ${n === 1 ? 'a unit' : `${n} units`}`,
    'correct those units and add them up again (gongwen aggregate); to publish the figures as they are, build without --strict (this warning stays: the figures lack those units, and the report should say so)');
  // a sum that read units' YAML older than their workbooks
  const staleSum = recorded(stats?.sumRecord?.stale, (n) => `the statistics are a sum that read the YAML statistics of ${n === 1 ? 'a unit' : `${n} units`} saved before ${n === 1 ? 'its' : 'their'} workbook (statistics.xlsx), whose figures are not in`,
    'convert each such unit again (gongwen aggregate <unit> --out <the YAML file its report.md names>) and add the units up again (gongwen aggregate)');
  // a sum in which units leave empty cells that other units fill: their figures are not in those
  // cells (an aggregation audit: a unit's whole 表四 left out)
  const gapSum = recorded(stats?.sumRecord?.gaps, (n) => `the statistics are a sum in which ${n === 1 ? 'a unit leaves' : `${n} units leave`} empty cells that other units fill, so ${n === 1 ? 'its' : 'their'} figures are not in them`,
    'fill those cells in the units (0 where there were none) and add them up again (gongwen aggregate); to publish the figures as they are, build without --strict', '; ');
  // a sum whose figures were typed over since gongwen aggregate wrote it (province trial: passed
  // without a word, and a sum of it then lost its record of its units)
  // (a sum of two units or more, or with some left out: a record of one alone is a unit's form as handed out)
  const typedOver = isSumRecord(stats?.sumRecord) && valuesFingerprint(stats!.values) !== stats!.sumRecord.sum;
  // (which cells, where its units as recorded add up otherwise: a city's trial)
  const typedCells = typedOver ? typedOverCells(stats!) : [];
  const editedSum: Finding[] = typedOver ? [{
    severity: 'warning', loc: { file: stats!.file, line: 1 },
    message: `the statistics are a sum of ${stats!.sumRecord!.units.length === 1 ? 'a unit' : `${stats!.sumRecord!.units.length} units`} (gongwen aggregate) whose figures were changed since it was made${typedCells.length ? `: ${typedCells.join('; ')}` : ''}`,
    hint: 'correct the figures in the units and add them up again (gongwen aggregate); a sum typed over is no longer their sum',
  }] : [];
  // a sum whose units' figures were corrected after it was made (gongwen aggregate records their files)
  const changedUnits = stats?.sumRecord ? unitsChangedSinceSum(stats) : [];
  const changedSum: Finding[] = changedUnits.length ? [{
    severity: 'warning', loc: { file: stats!.file, line: 1 },
    message: `the statistics are a sum whose ${changedUnits.length === 1 ? 'unit' : `${changedUnits.length} units`} changed since it was made: ${changedUnits.join(', ')}`,
    hint: `${changedUnits.some((u) => u.endsWith(', not converted)')) ? 'convert each workbook named into its unit\'s YAML (gongwen aggregate <unit folder> --out <its statistics.yaml>; an .xls, .et or .ods saved as .xlsx first), then ' : ''}${changedUnits.some((u) => /^[^(]*: /.test(u))
      ? 'add up again first the sums named before a ":" (their units changed), then this sum, with gongwen aggregate as each was made'
      : `add the units up again with gongwen aggregate, as the sum was made (--out ${display(stats!.file)})`}`,
  }] : [];
  // front matter still to be filled in: gongwen new's pre-filled date (marked in its comment), or a value left 【待填写】
  const frontTodos: Finding[] = (report.frontTodos ?? []).map(({ loc, text }) => ({
    severity: 'warning', loc,
    message: `front matter still to be filled in: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`,
    hint: /^published\s*:/.test(text)
      ? `write the day the report is published (by ${deadlineText(report.meta.year, report.meta.organ)}), then delete the 【待填写…】 note after it`
      : 'write the value, then delete the 【待填写…】 mark',
  }));
  // a report on a year is published after it ends (by 31 January or 31 March of the next, as the 条例 asks: model/deadline.ts)
  const { published, year } = report.meta;
  const day = `${published.year}-${String(published.month).padStart(2, '0')}-${String(published.day).padStart(2, '0')}`;
  const early: Finding[] = published.year <= year ? [{
    severity: 'warning', loc: { file: report.source.file, line: report.metaLines.published },
    message: `published ${day} is before the end of ${year}, the year the report covers`,
    hint: `check published: and year: (a ${year} report is published in ${year + 1})`,
  // (or two years on and later: last year's folder copied forward with its year, or a year mistyped —
  // a report only months late is none of gongwen's to warn of: --strict would stop a true date, a
  // 2019-form audit)
  }] : published.year >= year + 2 ? [{
    severity: 'warning', loc: { file: report.source.file, line: report.metaLines.published },
    message: `published ${day} is in ${published.year}, ${published.year - year} years after the year the report covers, ${year}; its deadline was ${deadlineText(year, report.meta.organ)}`,
    hint: `check published: and year: (a ${year} report is published in ${year + 1}; a folder copied from last year's keeps its year:)`,
  }] : [];
  // a title left from last year's file: 示例县2020年… in a report on 2021
  // (any of its years may be the report's: 关于贯彻落实2020年…的…2021年…报告; full-width digits read too)
  // (the attachment's title too: 2015年…统计表 on a 2016 report passed, a 2014-form trial)
  const staleYear = (title: string) => {
    const years = [...asciiDigits(title).matchAll(/(\d{4})\s*年/g)].map((m) => m[1]!);
    return years.includes(String(year)) ? undefined : years[0];
  };
  const staleTitle: Finding[] = [{ what: 'the title', title: report.meta.title, loc: { file: report.source.file, line: report.metaLines.title } }, ...report.attachments.map((a) => ({ what: 'the attachment\'s title', title: a.title, loc: a.loc }))]
    .flatMap(({ what, title, loc }) => {
      const said = staleYear(title);
      return said ? [{
        severity: 'warning' as const, loc,
        message: `${what} says ${said}年, but the report is on ${year} (year: ${year})`,
        hint: `correct the year in ${what}, or year: (a file copied from last year's keeps the old year in its titles)`,
      }] : [];
    });
  // every report since 2014 carries the form's statistics (条例 第五十条, the national forms)
  const form = year >= FIRST_FORM_YEAR ? loadTemplate(templateForYear(year)) : undefined;
  const noStatistics: Finding[] = !stats && form && !unnamedStatistics.length ? [{
    severity: 'warning', loc: { file: report.source.file, line: 1 },
    message: `a ${year} report carries the statistics of the ${form.id} form (${form.tables.map((t) => t.id === 'main' ? form.title : `表${t.title.split('、')[0]}`).join(', ')}), and this one names no statistics file`,
    hint: 'add "statistics: statistics.yaml" to the front matter, with the figures (gongwen new writes one with every cell of the form)',
  }] : [];
  const emptyToc: Finding[] = report.meta.toc > 0 && !tocLevels(report) ? [{
    severity: 'warning', loc: { file: report.source.file, line: report.metaLines.toc },
    message: `toc: lists headings${report.meta.toc < 4 ? ` of levels 1–${report.meta.toc}` : ''}, and the report has none: no table of contents is printed`,
    hint: 'give the report its # headings, or remove toc:',
  }] : [];
  // what the transform chain could not do (a reference to an empty cell): errors, with the rest
  // (the checks of the text's figures pass over the text it is in, whose figure is missing: lint.ts)
  // (a reference to a cell left empty where a workbook saved after the YAML file waits to be
  // converted: the workbook is the likelier cause, named in the fix — 13 errors said "fill in the
  // figure" above the warning that explained them all, a 2014-form trial)
  const waiting = staleWorkbook.length && otherYear === undefined ? `${path.join(report.dir, 'statistics.xlsx')}, saved after ${stats!.file}, may hold it: convert it (see the warning on ${stats!.file}), or fill in the figure` : undefined;
  const problems: Finding[] = (report.problems ?? []).map((p) => ({ severity: 'error', ...p, ...(waiting && / is empty in /.test(p.message) ? { hint: waiting } : {}) }));
  // the text printed as the body's: its blocks and the attachments' notes
  const texts = [...report.blocks, ...report.attachments.flatMap((a) => (a.note ? [a.note] : []))];
  return [
    ...problems,
    ...glyphs,
    ...frontTodos,
    ...staleWorkbook,
    ...partialSum,
    ...gapSum,
    ...staleSum,
    ...editedSum,
    ...changedSum,
    ...staleTitle,
    ...emptyToc,
    ...early,
    ...(stats ? [...checkTemplateYear(stats, report.meta.year), ...sumHints(stats, checkStatistics(stats), typedOver)] : []),
    ...unnamedStatistics,
    ...noStatistics,
    ...emptyAttachments,
    // (the attachments' notes too: text printed as the body's is, a 【待填写】 or a formula in one passed, a review)
    ...lintText(texts),
    ...(stats ? lintFigureUnits(texts, (key) => stats.template.cells.get(key)?.unit) : []),
    ...checkEmptySections(report.blocks, report.attachments.length > 0),
    ...checkAttachmentLines(report.blocks, report.attachments),
    ...checkHeadingLevels(report.blocks),
    ...lintStatisticsPeriod(texts, report.meta.year),
    ...lintLastYearOpenings(texts, report.meta.year),
    ...lintTitleDigits(report.meta.title, { file: report.source.file, line: report.metaLines.title ?? 1 }),
    ...lintDocNo(report.meta.docNo, { file: report.source.file, line: report.metaLines.docNo ?? 1 }),
    ...lintTitleMarks(report.meta.title, { file: report.source.file, line: report.metaLines.title ?? 1 }),
    ...lintTitleLines(report.meta.titleLines, { file: report.source.file, line: report.metaLines.title ?? 1 }),
    ...lintFieldSpaces(([['title', 'title'], ['organ', 'organ (发布机构)'], ['source', 'source (来源)'], ['signature', 'signature (发文机关署名)']] as const)
      .filter(([k]) => (k !== 'source' || report.meta.source !== report.meta.organ) && (k !== 'signature' || (report.meta.signature && report.meta.signature !== report.meta.organ)))
      .map(([k, what]) => ({ text: report.meta[k] ?? '', loc: { file: report.source.file, line: report.metaLines[k] ?? 1 }, what }))),
    // (without statistics, where the report has parts of its own: a one-line note is not held to six)
    ...checkStructure(report.blocks, stats?.template ?? (report.blocks.some((b) => b.type === 'heading' && b.level === 1) ? form : undefined), report.source),
  ];
}

/** Throw the errors (and under strict, the warnings) as input errors; return the rest. */
export function enforceFindings(findings: Finding[], strict = false): Finding[] {
  const fatal = findings.filter((f) => f.severity === 'error' || strict);
  if (fatal.length) throw new FindingErrors(fatal.map(findingError), strict ? [] : findings.filter((f) => f.severity === 'warning'));
  return findings;
}

/** Vertical centre of the em dash in the song face (em above the baseline), for the page-number position. */
function dashCentre(fonts: FontSet): number {
  const font = fonts.face('song').font;
  const g = font.glyphForCodePoint(0x2014);
  return (g.bbox.minY + g.bbox.maxY) / 2 / font.unitsPerEm;
}

/**
 * A block kept on one page that is taller than a page (io/pdfmake-lost-blocks.ts), as an input
 * error at the block that holds the text pdfmake would drop; other errors pass as they are.
 */
function lostBlockError(report: Report, e: unknown): unknown {
  if (!(e instanceof LostBlockError)) return e;
  const lost = e.lost;
  const chars = [...lost];
  const excerpt = chars.slice(0, 12).join('');
  // where the text is (the PDF's text carries the heading numbers gongwen adds, 1.小标题, the
  // model's not): first a block that the lost text holds the start of — the opening paragraph
  // names every part, 主动公开政府信息情况 included, so a search for the text inside blocks found
  // a lost heading there; else a block or front matter field holding four characters of it
  const texts = report.blocks.map((b) => JSON.stringify(b));
  const starts = report.blocks.map((b) => ('inlines' in b ? b.inlines.map((i) => i.text).join('') : ''));
  const fields = (Object.keys(report.meta) as (keyof typeof report.meta)[]).filter((k) => report.metaLines[k]);
  const windows = Array.from({ length: Math.max(0, Math.min(chars.length, 40) - 3) }, (_, i) => chars.slice(i, i + 4).join(''));
  let block: (typeof report.blocks)[number] | undefined;
  let field: (typeof fields)[number] | undefined;
  // (at the first place in the lost text where one starts, four characters at least; of those
  // there, the one it holds longest: 主动公开政府信息情况 over a heading 主动公开)
  for (let i = 0; i < Math.min(chars.length, 40) && !block; i++) {
    const from = chars.slice(i).join('');
    let longest = 3;
    starts.forEach((t, k) => {
      let n = 0;
      while (n < t.length && n < from.length && t[n] === from[n]) n++;
      if (n > longest) { longest = n; block = report.blocks[k]; }
    });
  }
  for (const window of block ? [] : windows) {
    block = report.blocks[texts.findIndex((t) => t.includes(window))];
    field = block ? undefined : fields.find((k) => JSON.stringify(report.meta[k] ?? '').includes(window));
    if (block || field) break;
  }
  let loc = block?.loc ?? (field && report.metaLines[field] ? { file: report.source.file, line: report.metaLines[field] } : { file: report.source.file });
  // (a run of headings kept with the line below them: the longest of them named too, where it is
  // not the first — an over-long ## was reported at its # only: adversarial audit)
  const at = block ? report.blocks.indexOf(block) : -1;
  // (the lost text starts inside a run of headings without text between them: the run is named
  // from its first heading, not at the one the page ran out at — a large-report audit: 21
  // headings named at the last)
  let first = at;
  while (first > 0 && report.blocks[at]?.type === 'heading' && report.blocks[first - 1]?.type === 'heading' && !(report.blocks[first - 1] as { runIn?: unknown }).runIn) first--;
  let last = at;
  while (last >= 0 && last + 1 < report.blocks.length && report.blocks[last + 1]?.type === 'heading') last++;
  const headingRun = at >= 0 && report.blocks[at]?.type === 'heading' && last - first + 1 >= 3 ? { count: last - first + 1, from: report.blocks[first]!.loc.line, to: report.blocks[last]!.loc.line } : undefined;
  if (headingRun) loc = report.blocks[first]!.loc;
  let end = at;
  while (end >= 0 && end < report.blocks.length && report.blocks[end]?.type === 'heading') end++;
  // (the headings alone: of the block below them only a line is kept with them, review)
  const run = at >= 0 ? report.blocks.slice(at, end).filter((b) => b.type === 'heading') : [];
  const size = (b: (typeof report.blocks)[number]) => ('inlines' in b ? [...b.inlines, ...('runIn' in b ? b.runIn ?? [] : [])].map((i) => i.text).join('').length : JSON.stringify(b).length);
  const longest = run.reduce<(typeof run)[number] | undefined>((best, b) => (!best || size(b) > size(best) ? b : best), undefined);
  // (only one of several lines, twice the first's: not one of a run of short headings)
  const named = longest && block && longest !== block && size(longest) >= 60 && size(longest) >= 2 * size(block);
  const longestAt = named && longest.loc.line !== loc.line ? ` (its longest piece at line ${longest.loc.line})` : '';
  return new InputError(loc,
    headingRun ? `${headingRun.count} headings in a row without text between them (lines ${headingRun.from}–${headingRun.to}) are kept on one page with the line below them, and are taller than a page: the PDF would leave out ${lost ? `"${excerpt}${chars.length > 12 ? '…' : ''}"` : 'what follows them'}`
      : `a part that must stay on one page (a heading with the line below it, a table row, the end matter) is taller than a page${longestAt}, and the PDF would leave out ${lost ? `"${excerpt}${chars.length > 12 ? '…' : ''}"` : 'what follows it'}`,
    'shorten it, or split it: a heading or a table cell of a few lines, no run of headings without text between them, a shorter front matter field');
}

/**
 * How to give page 1 back to the body where the table of contents fills it: the most heading
 * levels it can list and leave room, from where the rows of the one printed landed (`rows`,
 * io/pdf-render.ts). Room is three lines: the line after the contents, a heading and a line of its
 * text (a heading is kept with its text).
 */
export function tocHint(rows: readonly { level: number; lines: number; page: number }[]): string {
  // (the levels listed are those of its rows: toc: 4 over headings two levels deep lists two)
  const listed = rows.reduce((k, r) => Math.max(k, r.level), 0);
  const linesOf = (k: number) => rows.reduce((n, r) => n + (r.level <= k ? r.lines : 0), 0);
  const room = rows.reduce((n, r) => n + (r.page === 1 ? r.lines : 0), 0) - 3;
  for (let k = listed - 1; k >= 1; k--) {
    if (linesOf(k) <= room) return `list fewer levels: toc: ${k} leaves page 1 room for body text (${rows.filter((r) => r.level <= k).length} entries${k === 1 ? ', the 一、 headings' : ''}), or leave the contents out (toc: false)`;
  }
  return `leave the contents out (toc: false)${listed > 1 ? ': even the 一、 headings alone fill page 1' : ''}`;
}

export async function buildReport(dir: string, options: BuildOptions): Promise<BuildResult> {
  const report = loadReport(dir);
  const warnings = enforceFindings(reviewReport(report, options.fonts, options.allowMissingGlyphs, await newerWorkbookNews(report.dir, report.statistics)), options.strict);
  const outputs: BuildResult['outputs'] = {};
  const created = documentDate(report);
  const c = options.fonts.config;
  const both = options.formats.includes('pdf') && options.formats.includes('docx');
  // A table of contents in both: the DOCX's shows the PDF's page numbers, so it waits for them
  const tocFromPdf = both && tocLevels(report) > 0;
  const startDocx = (tocPages?: number[]) => {
    // (a character the PDF's face draws wrong, ￥ in Fandol, is the DOCX's fonts' own: 仿宋 draws it;
    // so is a Chinese character Windows' 仿宋 has, where the role is named 仿宋: layout/word-faces.ts)
    const { chars, byRole } = fallbackCharSets(report, (role, cp) => options.fonts.has(role, cp) || options.fonts.misdrawn(role, cp) || wordFaceHas(c[role].name, cp));
    // (by the font name each role is named by: two roles of one name, their characters together)
    const byFont: Record<string, string> = {};
    for (const [role, cs] of Object.entries(byRole) as [FontRole, string][]) byFont[c[role].name] = [...new Set([...(byFont[c[role].name] ?? ''), ...cs])].join('');
    return (options.docx ?? buildDocx)(report, created, {
      song: c.song.name, songBold: c.songBold.name, hei: c.hei.name, fang: c.fang.name, kai: c.kai.name,
      ...(chars || Object.keys(byFont).length ? { fallback: { name: c.fallback.name, chars, byFont } } : {}),
    }, tocPages ? { tocPages } : undefined);
  };
  // The DOCX is started first: on a DocxThread it is built while this thread renders the PDF.
  let docx = options.formats.includes('docx') && !tocFromPdf ? startDocx() : undefined;
  // Writers are loaded on first use: a DOCX-only build never loads pdfmake, and the other way round.
  const rendered = options.formats.includes('pdf') ? (async () => {
    const [{ pdfDefinition }, { renderPdf, pageReader }] = await Promise.all([import('./write/pdf/index.js'), import('./io/pdf-render.js')]);
    const glyphs = { has: options.fonts.has, advance: options.fonts.advance, advanceOfUnit: options.fonts.advanceOfUnit, inkRight: options.fonts.inkRight, dashCentre: dashCentre(options.fonts) };
    const definition = pdfDefinition(report, { glyphs, created, creator: options.creator, pdfa: options.pdfa });
    const placed = pageReader(definition, tocLevels(report) > 0);
    const bytes = await renderPdf(definition, options.fonts).catch((e: unknown) => { throw lostBlockError(report, e); });
    const pages = placed();
    // (a page number pdfmake did not note, 0, leaves the DOCX's numbers to Word)
    return { bytes, tocPages: tocFromPdf && pages && !pages.toc.includes(0) ? pages.toc : undefined, firstBody: pages?.firstBody, tocTitle: pages?.tocTitle, tocRows: pages.tocRows, endOpens: pages.endOpens };
  })() : undefined;
  const pdf = rendered?.then((r) => r.bytes);
  if (tocFromPdf) docx = rendered!.then((r) => startDocx(r.tocPages));
  // both settle before anything is returned or thrown (the PDF's error first), so no writer runs on behind an error
  const [p, d] = await Promise.allSettled([pdf, docx]);
  for (const r of [p, d]) if (r.status === 'rejected') throw r.reason;
  // GB/T 9704 7.3.3: page 1 shows body text; a table of contents can take it all, or a title of
  // many lines (a title of thousands of characters filled two pages and more without a word,
  // adversarial audit)
  const laidOut = await rendered;
  const firstBody = laidOut?.firstBody ?? 0;
  // (the title's fault where no contents are printed, toc: with no heading to list, or where the
  // contents themselves start after page 1: review)
  if (firstBody > 1) {
    const title = !tocLevels(report) || (laidOut?.tocTitle ?? 0) > 1;
    warnings.push(...enforceFindings([{
      severity: 'warning', loc: { file: report.source.file, line: report.metaLines[title ? 'title' : 'toc'] },
      message: `the ${title ? 'title block' : 'table of contents'} fills page 1, so the body starts on page ${firstBody}; GB/T 9704 7.3.3 has page 1 show body text`,
      // (the levels that leave room, from where the rows landed: one level fewer can still fill it,
      // and the hint had asked for one level less at a time)
      hint: title ? 'shorten the title: a 公文 title takes a line or a few' : tocHint(laidOut?.tocRows ?? []),
    }], options.strict));
  }
  // GB/T 9704 7.3.5: the page of the 署名 and 成文日期 shows body text; end matter set apart after a
  // table that ends the body may start a page of its own (QA)
  const endOpens = laidOut?.endOpens ?? 0;
  if (endOpens) {
    const what = [report.attachments.length ? '附件说明' : '', report.meta.signature ? '署名和成文日期' : '', report.meta.editor ? '责任编辑' : '', report.meta.url && !report.attachments.length ? 'QR code' : ''].filter(Boolean).join(', ').replace(/, ([^,]*)$/, ' and $1');
    const last = report.blocks.at(-1);
    // (after a table; or after a paragraph pdfmake breaks itself — write/pdf/lines.ts: more
    // different characters outside the BMP than it has stand-ins for — whose last line cannot be
    // taken along: review)
    const table = last?.type === 'table' || last?.type === 'statTable';
    warnings.push(...enforceFindings([{
      severity: 'warning', loc: last?.loc ?? report.source,
      message: `the ${what} after the body's last ${table ? 'table' : 'paragraph'} start${what.includes(' and ') ? '' : 's'} page ${endOpens}, which shows no body text (GB/T 9704 7.3.5)`,
      hint: table ? 'write a closing sentence after the table (特此报告。 or a line on the figures), or move the table before text that ends the report'
        : 'end the report with a sentence of its own (特此报告。), or shorten the text above by a line',
    }], options.strict));
  }
  if (p.status === 'fulfilled' && p.value) outputs.pdf = p.value;
  if (d.status === 'fulfilled' && d.value) outputs.docx = d.value;
  return { report, outputs, warnings };
}
