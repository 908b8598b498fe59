import { readFileSync } from 'node:fs';
import { InputError, InputErrors } from '../model/errors.js';
import type { StatisticsTable } from '../model/types.js';
import { availableTemplates, loadTemplate, valueRows } from './templates.js';
import { closest } from './validate.js';
import { parseLocatedYaml } from './yaml.js';

/**
 * Read a statistics file: `template: <id>` and `values: { <row id>: <number> }`.
 * Rows left out are empty (rendered blank); unknown row ids and non-numbers are errors.
 */
export function readStatistics(file: string): StatisticsTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError({ file }, 'statistics file not found', 'create it, or fix attachment.statistics in the front matter');
  }
  const y = parseLocatedYaml(text, file);
  const data = y.data as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError({ file, line: 1 }, 'a statistics file is a mapping with "template:" and "values:"');
  }
  for (const key of Object.keys(data)) {
    if (key !== 'template' && key !== 'values') {
      throw new InputError({ file, line: y.lineOf([key]) }, `unknown field "${key}"`, 'a statistics file has only "template:" and "values:"');
    }
  }
  const id = data.template;
  const template = typeof id === 'string' ? loadTemplate(id) : undefined;
  if (!template) {
    throw new InputError({ file, line: y.lineOf(['template']) },
      id === undefined ? 'missing field "template"' : `unknown statistics template "${String(id)}"`,
      `use one of: ${availableTemplates().join(', ')}`);
  }
  const rows = new Map(valueRows(template).map((r) => [r.id, r]));
  const raw = (data.values ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError({ file, line: y.lineOf(['values']) }, '"values" must be a mapping of row id to number', 'e.g. values: { s1_1: 93857 }');
  }
  const values: Record<string, number> = {};
  const errors: InputError[] = [];
  for (const [key, v] of Object.entries(raw)) {
    const line = y.lineOf(['values', key]);
    const row = rows.get(key);
    if (!row) {
      const guess = closest(key, [...rows.keys()]);
      const isHeader = template.rows.some((r) => r.id === key);
      errors.push(new InputError({ file, line },
        isHeader ? `row "${key}" is a section header of ${template.id} and takes no value` : `unknown row "${key}" in template ${template.id}`,
        guess ? `did you mean "${guess}"?` : 'row ids are listed in templates/' + template.id + '.yaml'));
      continue;
    }
    if (v === null || v === undefined || v === '') continue; // explicitly empty
    const decimalsAllowed = row.unit === '万元';
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!decimalsAllowed && !Number.isInteger(v))) {
      errors.push(new InputError({ file, line },
        `${row.label}: value ${JSON.stringify(v)} is not a ${decimalsAllowed ? 'non-negative number' : 'whole non-negative number'}`,
        `write a number of ${row.unit}, or leave the row out if the figure is unknown`));
      continue;
    }
    values[key] = v;
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new InputErrors(errors);
  return { template, values, file };
}
