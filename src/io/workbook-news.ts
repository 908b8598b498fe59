/**
 * Whether a unit's statistics.xlsx, saved after the YAML its report reads (read/report.ts
 * workbookAfter), brings no figures the YAML lacks: a copy of them, the unit's form written from
 * them into its own folder (gongwen aggregate unit --out unit/statistics.xlsx), or a form with no
 * figures at all. Only then is the "workbook's figures are not in" warning left out. The workbook
 * is read (exceljs) only where it is newer; one that cannot be read is news, and warned of.
 */
import type { StatisticsTable } from '../model/types.js';
import { workbookAfter } from '../read/report.js';
import { readInputBytes, WORKBOOK_LIMIT } from '../read/text-file.js';

/** What a newer workbook brings: nothing new (`noNews`), and the year its figures are for, where it says one. */
export interface WorkbookNews { noNews: boolean; year?: number }

/** Whether `workbook` holds the figures of `stats` or none; false where it cannot be read. */
export async function holdsNoNews(workbook: string, stats: StatisticsTable, templateId?: string): Promise<boolean> {
  return (await workbookNews(workbook, stats, templateId)).noNews;
}

export async function workbookNews(workbook: string, stats: StatisticsTable, templateId?: string): Promise<WorkbookNews> {
  try {
    // (loaded here: exceljs is not loaded by a build that reads no workbook)
    const { statisticsFromXlsx } = await import('./xlsx.js');
    // (a pipe or a device is never read: it may never end, review)
    const other = await statisticsFromXlsx(readInputBytes(workbook, workbook, undefined, false, WORKBOOK_LIMIT), workbook, templateId ?? stats.template.id);
    const year = other.year !== undefined ? { year: other.year } : {};
    if (other.template.id !== stats.template.id) return { noNews: false, ...year };
    const keys = Object.keys(other.values);
    if (!keys.length) return { noNews: true, ...year };
    return { noNews: keys.length === Object.keys(stats.values).length && keys.every((k) => stats.values[k] === other.values[k]), ...year };
  } catch {
    return { noNews: false };
  }
}

/** For a report folder: what its workbook, newer than the statistics file read, brings; undefined where there is none such. */
export async function newerWorkbookNews(dir: string, stats: StatisticsTable | undefined): Promise<WorkbookNews | undefined> {
  const workbook = stats !== undefined ? workbookAfter(dir, stats.file) : undefined;
  // (another program's workbook is not read: news all the same — a corrected .xls beside the .xlsx
  // converted before had been found to bring none, from that older .xlsx, a review)
  return workbook === undefined ? undefined : /\.xlsx$/i.test(workbook) ? workbookNews(workbook, stats!) : { noNews: false };
}
