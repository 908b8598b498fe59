/**
 * `gongwen new <folder> --organ NAME [--year YYYY]`: a report folder to fill in, on the form of
 * the report year (write/skeleton.ts). It never writes into a folder that holds files.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { shellWord } from '../model/shell-word.js';
import { FIRST_FORM_YEAR, loadTemplate, templateForYear, unconfirmedRows } from '../read/templates.js';
import { reportSkeleton } from '../write/skeleton.js';
import { statisticsYaml } from './statistics-file.js';
import { writeFileAtomic } from './files.js';
import { isUsageError, UsageError } from './cli-args.js';
import { usageText } from './usage-text.js';

/** gongwen's own command, for the hint after `new` (this module sits two folders deep, as the bundle does). */
const BIN = fileURLToPath(new URL('../../bin/gongwen.mjs', import.meta.url));
/** The command as it is typed from here: relative inside the clone, else the whole path. */
const binShown = (): string => {
  const rel = path.relative(process.cwd(), BIN);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : BIN;
};

export const NEW_USAGE = 'gongwen new <folder> --organ NAME [--year YYYY]';

export const NEW_HELP = `Usage:
  ${NEW_USAGE}

Writes a report folder to fill in: report.md with the front matter and the parts of the
report year's form as headings (2019/2021: six parts, 表二 表三 表四 placed in them; 2014–2018:
the statistics table as the attachment), and statistics.yaml with every cell of the form on
its own line, labelled, empty. Text to write is marked 【待填写：…】; check and build warn
about it until it is gone (an error with --strict).

Options:
      --organ NAME   发布机构, e.g. 示例市清河区人民政府 (also in the title)
      --year YYYY    the report year, 2014 on (default: last year); picks the form
  -h, --help         show this help

Exit codes: 0 written, 2 bad input (nothing is written).
`;

const NEW_OPTIONS = { organ: { type: 'string' }, year: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function newCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: NEW_OPTIONS,
    });
    if (values.help) { out.write(NEW_HELP); return 0; }
    if (positionals.length !== 1) throw new UsageError('new needs one folder to create');
    const dir = positionals[0]!;
    // (an unset variable, new "$DIR": the working folder itself, whose report it overwrote, an edge audit)
    if (!dir.trim()) throw new UsageError('new needs a folder name, and "" is none (an unset variable in a script?): give the folder to create');
    const organ = values.organ?.trim();
    if (!organ) throw new UsageError('new needs --organ, the 发布机构 (e.g. --organ 示例市清河区人民政府)');
    // the report year (default: last year, the one reported on in January) picks the form; there
    // is none before the 2014 table
    // (2024年 as a clerk types it is the year 2024)
    const year = values.year === undefined ? new Date().getFullYear() - 1 : /^\d{4}年?$/.test(values.year.trim()) ? Number(values.year.trim().slice(0, 4)) : NaN;
    if (!(year >= FIRST_FORM_YEAR && year <= 2100)) {
      throw new UsageError(`--year ${values.year}: a report year from ${FIRST_FORM_YEAR} (the first year with a national form) to 2100`);
    }
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file; give a folder to create`);
      let files: string[];
      try {
        files = readdirSync(dir);
      } catch (e) {
        // (a shared folder that can be entered but not listed: a stack trace, an edge audit)
        throw new UsageError(`${dir} cannot be listed (${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'no permission to read it' : (e as Error).message}): give a new folder, or one you can read and write`);
      }
      // (a city's sum written first, aggregate … --out city/statistics.yaml, then new city: the
      // README's round in the other order, a newcomer's trial)
      const statsOnly = files.length > 0 && files.every((f) => /^statistics\.(ya?ml|xlsx)$/i.test(f));
      // (a workbook is converted into the blank statistics.yaml new writes, not put back beside it, a review)
      const workbook = files.find((f) => /\.xlsx$/i.test(f));
      const fix = !statsOnly ? '' : workbook
        ? `\n  fix: it holds only ${files.join(' and ')} (a sum written before the report?): move the folder's files aside, run new, then convert the workbook into it: gongwen aggregate <the moved ${workbook}> --out ${shellWord(path.join(dir, 'statistics.yaml'))}`
        : `\n  fix: it holds only ${files.join(' and ')} (a sum written before the report?): move it aside, run new, then put it back in place of the blank one new writes`;
      if (files.length) throw new UsageError(`${dir} already has files in it; give a new or an empty folder${fix}`);
    }
    // (a report covers a year that has ended: one after this year is a slip, said but written)
    const thisYear = new Date().getFullYear();
    if (year > thisYear) err.write(`warning: --year ${year} is after this year (${thisYear}): a report covers a year that has ended; the folder is written all the same\n`);
    const template = loadTemplate(templateForYear(year))!;
    // (the 2014 form's row wording is provisional: the office compares it with its province's form)
    const provisional = unconfirmedRows(template);
    const stats = statisticsYaml(template, {}, [`${organ}${year}年政府信息公开工作年度报告的统计数（${template.id}）。`,
      '每个格子一行，# 后是表上的名称。填入数字（没有写 0）；不知道的格子留空。',
      ...(provisional ? [`本表有${provisional}行的名称尚未与已公布的报表逐字核对（模板中标为 confirmed: false），发布前请对照本省下发的统计表。`] : [])], true, year);
    const files = [path.join(dir, 'statistics.yaml'), path.join(dir, 'report.md')];
    try {
      writeFileAtomic(files[0], Buffer.from(stats, 'utf8'));
      writeFileAtomic(files[1], Buffer.from(reportSkeleton(template, organ, year), 'utf8'));
    } catch (e) {
      // never half a folder (and no internal error where the folder above cannot be entered)
      for (const f of files) try { rmSync(f, { force: true }); } catch { /* not written either */ }
      if (e instanceof InputError) throw new UsageError(`cannot create ${dir}: ${e.problem}`);
      throw e;
    }
    out.write(`${dir}: report.md and statistics.yaml on form ${template.id}. Fill in 【待填写】 and the figures, then build it:\n` +
      `  gongwen build ${shellWord(dir)}   (from a clone: node ${shellWord(binShown())} build ${shellWord(dir)})\n` +
      (provisional ? `note: the wording of ${provisional} of the form's rows is provisional (templates/${template.id}.yaml, confirmed: false): compare the printed table with your province's form before publishing\n` : ''));
    return 0;
  } catch (e) {
    if (!isUsageError(e)) throw e;
    err.write(`error: ${usageText(e as Error, NEW_OPTIONS, argv, true)}\nusage: ${NEW_USAGE}\n`);
    return 2;
  }
}
