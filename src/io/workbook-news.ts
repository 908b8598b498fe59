/**
 * Whether a unit's statistics.xlsx, saved after the YAML its report reads (read/report.ts
 * newerWorkbook), brings no figures the YAML lacks: a copy of them, the unit's form written from
 * them into its own folder (gongwen aggregate unit --out unit/statistics.xlsx), or a form with no
 * figures at all. Only then is the "workbook's figures are not in" warning left out. The workbook
 * is read (exceljs) only where it is newer; one that cannot be read is news, and warned of.
 */
import path from 'node:path';
import type { StatisticsTable } from '../model/types.js';
import { newerWorkbook } from '../read/report.js';
import { readInputBytes, WORKBOOK_LIMIT } from '../read/text-file.js';

/** Whether `workbook` holds the figures of `stats` or none; false where it cannot be read. */
export async function holdsNoNews(workbook: string, stats: StatisticsTable, templateId?: string): Promise<boolean> {
  try {
    // (loaded here: exceljs is not loaded by a build that reads no workbook)
    const { statisticsFromXlsx } = await import('./xlsx.js');
    // (a pipe or a device is never read: it may never end, review)
    const other = await statisticsFromXlsx(readInputBytes(workbook, workbook, undefined, false, WORKBOOK_LIMIT), workbook, templateId ?? stats.template.id);
    if (other.template.id !== stats.template.id) return false;
    const keys = Object.keys(other.values);
    if (!keys.length) return true;
    return keys.length === Object.keys(stats.values).length && keys.every((k) => stats.values[k] === other.values[k]);
  } catch {
    return false;
  }
}

/** For a report folder: its workbook is newer than the statistics file read, and holds no news. */
export async function newerWorkbookHoldsNoNews(dir: string, stats: StatisticsTable | undefined): Promise<boolean> {
  return stats !== undefined && newerWorkbook(dir, stats.file) !== undefined && holdsNoNews(path.join(dir, 'statistics.xlsx'), stats);
}
