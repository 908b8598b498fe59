/**
 * Aggregation: the statistics of a 区/县 or a 市 are the cell-by-cell sum of its units' tables
 * (every unit reports on the same national form). Pure: the units are read and the result is
 * written by src/io/aggregate.ts.
 */
import { LARGEST_FIGURE, roundYuan, YUAN } from '../model/amounts.js';
import { InputError } from '../model/errors.js';
import type { StatisticsTable, StatTemplate } from '../model/types.js';

export interface UnitStatistics {
  /** The unit's name for messages (its folder name). */
  name: string;
  stats: StatisticsTable;
}

export interface AggregatedStatistics {
  template: StatTemplate;
  values: Record<string, number>;
}

// (amounts in 万元 are summed as binary floats; the inputs have four decimals at most, to the yuan,
// read/statistics.ts, so the sum is rounded to the yuan: model/amounts.ts)

/**
 * Sum every cell over the units. A cell that some units leave empty is the sum of those that
 * give it; a cell that every unit leaves empty stays empty (an unknown figure is never made 0).
 */
export function aggregateStatistics(units: UnitStatistics[]): AggregatedStatistics {
  if (!units.length) throw new InputError({ file: 'aggregate' }, 'no units to sum', 'give at least one unit folder');
  const template = units[0].stats.template;
  for (const u of units) {
    if (u.stats.template.id !== template.id) {
      throw new InputError({ file: u.stats.file }, `unit "${u.name}" uses template ${u.stats.template.id}, but "${units[0].name}" uses ${template.id}`,
        'only tables on the same form can be summed: sum each template separately, or convert the unit to one template');
    }
  }
  const values: Record<string, number> = {};
  for (const cell of template.cells.values()) {
    const given = units.map((u) => u.stats.values[cell.key]).filter((v): v is number => v !== undefined);
    if (!given.length) continue;
    const sum = given.reduce((a, b) => a + b, 0);
    values[cell.key] = cell.decimals ? roundYuan(sum) : sum;
  }
  return { template, values };
}

/** Cells a unit leaves empty that other units of the sum fill, by table. */
export interface UnitGap {
  name: string;
  /** By table: how many of its cells the unit leaves empty that others fill, and the first few's labels. */
  tables: { title: string; empty: number; of: number; labels: string[] }[];
}

/**
 * The units that leave empty cells which other units fill: the sum there holds the others'
 * figures alone, and nothing in it tells (a unit's whole 表四 left out summed without a word, an
 * aggregation audit). Cells every unit leaves empty are no unit's gap: the sum leaves them empty
 * too, which its own check reports.
 */
export function unitGaps(units: UnitStatistics[]): UnitGap[] {
  if (units.length < 2) return [];
  const template = units[0]!.stats.template;
  const filled = new Set<string>();
  for (const u of units) for (const key of Object.keys(u.stats.values)) filled.add(key);
  const gaps: UnitGap[] = [];
  for (const u of units) {
    const tables = template.tables.map((t) => {
      const empty = t.cells.filter((c) => filled.has(c.key) && u.stats.values[c.key] === undefined);
      return { title: t.title, empty: empty.length, of: t.cells.length, labels: empty.slice(0, GAP_LABELS).map((c) => c.label) };
    }).filter((t) => t.empty > 0);
    if (tables.length) gaps.push({ name: u.name, tables });
  }
  return gaps;
}

/** The cells a gap names by label, at most (the rest counted): a clerk finds them on the form (a review: "2 of 58 cells" named none). */
const GAP_LABELS = 3;

/**
 * A unit's gaps in one line: "清河区: 四、政府信息公开行政复议、行政诉讼情况 (every cell empty)", or
 * with a few cells "(2 of 58 cells empty: 二（二）…, 三（一）…)".
 */
export const gapText = (gap: UnitGap): string =>
  `${gap.name}: ${gap.tables.map((t) => `${t.title} (${t.empty === t.of ? 'every cell empty'
    : `${t.empty} of ${t.of} cells empty: ${t.labels.join(', ')}${t.empty > t.labels.length ? `, and ${t.empty - t.labels.length} more` : ''}`})`).join(', ')}`;

/**
 * The cells whose sum is larger than a statistics cell takes (LARGEST_FIGURE: 15 digits, 11
 * before the point for 万元, kept to the yuan): written, the sum would be refused by the city's own check, which
 * could only say to correct the sum (an aggregation audit). Each as "label: figure".
 */
export function oversizedSums(sum: AggregatedStatistics): string[] {
  return [...sum.template.cells.values()]
    .filter((c) => sum.values[c.key] !== undefined && Math.abs(c.decimals ? sum.values[c.key]! * YUAN : sum.values[c.key]!) > LARGEST_FIGURE)
    .map((c) => `${c.label}: ${sum.values[c.key]}`);
}
