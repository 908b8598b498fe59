/**
 * Aggregation: the statistics of a 区/县 or a 市 are the cell-by-cell sum of its units' tables
 * (every unit reports on the same national form). Pure: the units are read and the result is
 * written by src/io/aggregate.ts.
 */
import { roundCents } from '../model/amounts.js';
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

// (amounts in 万元 are summed as binary floats; the inputs have cents at most, read/statistics.ts,
// so the sum is rounded to the cent: model/amounts.ts)

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
    values[cell.key] = cell.decimals ? roundCents(sum) : sum;
  }
  return { template, values };
}
