/**
 * A sum's units as `gongwen aggregate` recorded them, looked at again when the report that prints
 * the sum is checked or built: a unit whose figures were corrected after the sum was made is not
 * in it (a newcomer: a city report printed the old sum without a word). The record keeps each
 * unit's statistics file, relative to the sum's folder, with a fingerprint of its bytes; a file
 * whose bytes differ is read again, and only a change of its figures counts (a comment edited is
 * none). A workbook unit whose bytes differ counts as changed: reading a workbook is not done here;
 * nor is a workbook saved after a unit's YAML (read/report.ts workbookAfter), a change not yet converted.
 */
import path from 'node:path';
import type { StatisticsTable } from '../model/types.js';
import { display, workbookAfter } from '../read/report.js';
import { readInputBytes } from '../read/text-file.js';
import { statisticsFromBytes, SUM_RECORD_HEADER } from '../read/statistics.js';
import { aggregateStatistics } from '../transform/aggregate.js';
import { md5 } from './md5.js';
import { fingerprint } from './up-to-date.js';

/**
 * A statistics table's values in 12 hex digits (MD5 of its cells in key order): a sum's record of
 * what it added up. gongwen's own MD5 (io/md5.ts): a build of a report that prints a sum asks for
 * it, and Node's crypto module costs a cold build ≈ 8–13 ms to load.
 */
export function valuesFingerprint(values: Record<string, number>): string {
  const cells = Object.keys(values).sort().map((k) => [k, values[k]]);
  return Array.from(md5(new TextEncoder().encode(JSON.stringify(cells))).subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
}


/** A unit's statistics file as a sum records it: its path from the sum's folder ('/' between parts) and its bytes' fingerprint. */
export function unitFileRecord(unitFile: string, sumFile: string): [path: string, bytes: string] {
  const relative = path.relative(path.dirname(path.resolve(sumFile)), path.resolve(unitFile)).split(path.sep).join('/');
  return [relative, fingerprint(readInputBytes(unitFile))];
}

/** The unit files a sum records, each in full with its bytes now (none where it cannot be read) and whether they are the bytes recorded. */
function recordedFiles(stats: StatisticsTable): { file: string; now?: Buffer; same: boolean }[] {
  return (stats.sumRecord?.files ?? []).map(([relative, bytes]) => {
    const file = path.resolve(path.dirname(path.resolve(stats.file)), relative);
    try {
      const now = readInputBytes(file);
      return { file, now, same: fingerprint(now) === bytes };
    } catch {
      return { file, same: false };
    }
  });
}

/**
 * The units of the sum `stats` whose statistics changed since the sum was made, each as
 * "name (file)", and those of its units that are sums themselves, "city: county (file)": none
 * where the file holds no record of its units' files (a sum made before they were recorded),
 * where a unit's file is gone (a folder moved: nothing to compare), or where the sum's own figures
 * were changed since (no longer the sum it recorded).
 */
export function unitsChangedSinceSum(stats: StatisticsTable, seen = new Set<string>()): string[] {
  const record = stats.sumRecord;
  if (!record?.files || record.files.length !== record.units.length || valuesFingerprint(stats.values) !== record.sum) return [];
  seen.add(path.resolve(stats.file));
  const changed: string[] = [];
  recordedFiles(stats).forEach(({ file, now, same }, i) => {
    if (!now) return;
    const [name, figures] = record.units[i]!;
    const shown = `${name} (${display(file)})`;
    if (/\.xlsx$/i.test(file)) {
      if (!same) changed.push(shown);
      return;
    }
    // (a corrected workbook the unit sent since, saved beside its YAML and not yet converted: the
    // sum lacks its figures as the YAML does — the city's check had said nothing, a city's trial)
    const sent = same ? workbookAfter(path.dirname(file), file) : undefined;
    if (sent) {
      changed.push(`${name} (${display(sent)}, saved after ${display(file)}, not converted)`);
      return;
    }
    // (a YAML as it was, but for a sum's: its own units may have changed since — a county corrected
    // after its city's sum, under a province's sum of the cities, province trial)
    if (same && !now.includes(SUM_RECORD_HEADER)) return;
    let unit: StatisticsTable;
    try {
      unit = statisticsFromBytes(now, file);
    } catch {
      // a unit's file that no longer reads is changed too (its own check says how)
      if (!same) changed.push(shown);
      return;
    }
    // (bytes changed, figures not — a comment edited, a sum written again — is no change)
    if (!same && valuesFingerprint(unit.values) !== figures) {
      changed.push(shown);
      return;
    }
    if (!seen.has(file) && unit.sumRecord) for (const below of unitsChangedSinceSum(unit, seen)) changed.push(`${name}: ${below}`);
  });
  return changed;
}

/**
 * The cells of a sum typed over since it was made where its units, as recorded and unchanged, add
 * up otherwise: "label (line N): 99999, its units 3862". Its warning had said only that figures
 * were changed (a city's trial). None where a unit's file is a workbook, is gone or has changed
 * since (then the units' own warning says so), or the record lists no files.
 */
export function typedOverCells(stats: StatisticsTable, most = 3): string[] {
  const record = stats.sumRecord;
  if (!record?.files || record.files.length !== record.units.length) return [];
  const units: { name: string; stats: StatisticsTable }[] = [];
  for (const [i, { file, now, same }] of recordedFiles(stats).entries()) {
    if (!/\.ya?ml$/i.test(file) || !now || !same) return [];
    try {
      units.push({ name: record.units[i]![0], stats: statisticsFromBytes(now, file) });
    } catch {
      return [];
    }
  }
  let sum: Record<string, number>;
  try {
    sum = aggregateStatistics(units).values;
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const cell of stats.template.cells.values()) {
    const [typed, added] = [stats.values[cell.key], sum[cell.key]];
    if (typed === added || (typed !== undefined && added !== undefined && Math.abs(typed - added) < 1e-9)) continue;
    const line = stats.lines[cell.key];
    out.push(`${cell.label}${line !== undefined ? ` (line ${line})` : ''}: ${typed ?? 'empty'}, its units ${added ?? 'none'}`);
  }
  return out.length > most ? [...out.slice(0, most), `and ${out.length - most} more`] : out;
}
