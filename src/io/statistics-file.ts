/**
 * Writing statistics files: the YAML format that src/read/statistics.ts reads (so a written file
 * reads back to the same values), or an Excel workbook laid out like the official table.
 */
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { StatCell, StatTemplate, SumRecord } from '../model/types.js';
import { writeFileAtomic } from './files.js';
import { statisticsToXlsx } from './xlsx.js';

/** A value line and the label written beside it as a comment. */
interface Line {
  text: string;
  comment?: string;
}

/**
 * A cell's label with its unit where the unit is no count and the label does not say it: an
 * amount in 万元 (the 2014 form's 收费 and 专项经费 were labelled without it, and 35000 元 was
 * typed as 35000 万元: a 2014-form trial).
 */
const withUnit = (c: StatCell): string => (c.unit === '万元' && !c.label.includes('万元') ? `${c.label}（单位：万元）` : c.label);

/** JavaScript prints the shortest text that parses back to the same number, so this is exact. */
const numberText = (v: number): string => String(v);

/**
 * The YAML statistics file: cells in template order, one per line, each with its Chinese label
 * as a comment, so a person can check the figures against the printed form. Empty cells are
 * left out (they read back as empty). `header` lines become comments at the top.
 */
export function statisticsYaml(template: StatTemplate, values: Record<string, number>, header: string[] = [], every = false, year?: number): string {
  const lines: Line[] = header.flatMap((h) => h.split('\n')).map((h) => ({ text: h ? `# ${h}` : '#' }));
  lines.push({ text: `template: ${template.id}` });
  // (the report year the figures are for: a build of another year's report refuses them)
  if (year !== undefined) lines.push({ text: `year: ${year}`, comment: '统计年度' });
  // `every`: a form to fill in (gongwen new), every cell on its line, empty ones without a value
  const given = (cells: StatCell[]) => cells.filter((c) => every || values[c.key] !== undefined);
  const value = (indent: string, name: string, c: StatCell): Line =>
    ({ text: values[c.key] === undefined ? `${indent}${name}:` : `${indent}${name}: ${numberText(values[c.key])}`, comment: withUnit(c) });

  if (template.placement === 'attachment') {
    const cells = given(template.tables[0].cells);
    lines.push({ text: cells.length ? 'values:' : 'values: {}' });
    for (const c of cells) lines.push(value('  ', c.key, c));
  } else {
    const tables = template.tables.filter((t) => given(t.cells).length);
    lines.push({ text: tables.length ? 'tables:' : 'tables: {}' });
    for (const t of tables) {
      lines.push({ text: `  ${t.id}:`, comment: t.title });
      const cells = given(t.cells);
      if (t.layout.kind === 'single-row') {
        for (const c of cells) lines.push(value('    ', c.col!, c));
        continue;
      }
      // Group by row, rows in the order of their first cell (the template's order).
      const rows = [...new Set(cells.map((c) => c.row!))];
      for (const row of rows) {
        lines.push({ text: `    ${row}:` });
        for (const c of cells.filter((x) => x.row === row)) lines.push(value('      ', c.col!, c));
      }
    }
  }
  // Comments start in one column, as in the hand-written samples.
  const width = Math.max(0, ...lines.filter((l) => l.comment).map((l) => l.text.length)) + 2;
  return lines.map((l) => (l.comment ? `${l.text.padEnd(width)}# ${l.comment}` : l.text)).join('\n') + '\n';
}

export const STATISTICS_FORMATS = ['.yaml', '.yml', '.xlsx'] as const;

/** Write a statistics file, YAML or Excel by the file's extension; never a half-written file. */
/** `sumRecord`: what a sum adds up (aggregate), in a workbook's "gongwen" sheet; a YAML file has it in its header. */
export async function writeStatistics(file: string, template: StatTemplate, values: Record<string, number>, header?: string[], sumRecord?: SumRecord, year?: number): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    writeFileAtomic(file, Buffer.from(statisticsYaml(template, values, header, false, year), 'utf8'));
  } else if (ext === '.xlsx') {
    writeFileAtomic(file, await statisticsToXlsx(template, values, sumRecord, year));
  } else {
    throw new InputError({ file }, `cannot write statistics as "${ext || path.basename(file)}"`,
      `name the output file ${STATISTICS_FORMATS.map((e) => `*${e}`).join(', ')}`);
  }
}
