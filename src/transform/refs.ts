/**
 * Table values written into the prose by reference: {{s3_1}} (2014 table) or
 * {{t3.new_received.total}}, {{t4.review_total}} (2019/2021 tables) become the number in the
 * statistics file, so the text and the table cannot drift apart.
 */
import { InputError } from '../model/errors.js';
import type { Block, Inline, Loc, StatisticsTable } from '../model/types.js';
import { formatValue } from '../layout/stat-grid.js';
import { closest } from '../read/validate.js';

const REF = /\{\{\s*([\w.]+)\s*\}\}/g;

/** A reference typed with full-width braces, as a Chinese input method gives them: ｛｛t3.a.b｝｝. */
const FULL_WIDTH_REF = /[{｛]{1,2}\s*([\w.]+)\s*[}｝]{1,2}/;
/** A reference with one brace on each side: {t3.a.b}. */
const SINGLE_BRACE_REF = /(?<!\{)\{\s*([\w.]+)\s*\}(?!\})/;

export function resolveRefText(text: string, stats: StatisticsTable | undefined, loc: Loc): string {
  // look-alikes would be printed as typed: refuse them
  const wide = /[｛｝]/.test(text) ? FULL_WIDTH_REF.exec(text) : null;
  if (wide && /[｛｝]/.test(wide[0])) {
    throw new InputError(loc, `"${wide[0]}" is written with full-width braces ｛ ｝`, `write {{${wide[1]}}} with ASCII braces (switch the input method to 半角 or English)`);
  }
  const single = SINGLE_BRACE_REF.exec(text);
  if (single) throw new InputError(loc, `"${single[0]}" has one brace on each side`, `write {{${single[1]}}}`);
  const out = replaceRefs(text, stats, loc);
  // whatever is left of {{ … }} was not a reference: never print it
  const left = /\{\{[^}]*\}?\}?|\}\}/.exec(out);
  if (left) {
    if (/^\{\{\s*table\b/.test(left[0])) throw new InputError(loc, `"${left[0]}" must be a paragraph of its own`, 'put the table placeholder alone on its line, with blank lines around it');
    throw new InputError(loc, `"${left[0]}" is not a complete reference`, 'write {{row}} for the 2014 table, {{t3.row.column}} or {{t4.column}} for the 2019/2021 tables, with both {{ and }}');
  }
  return out;
}

function replaceRefs(text: string, stats: StatisticsTable | undefined, loc: Loc): string {
  return text.replace(REF, (_, key: string) => {
    if (!stats) throw new InputError(loc, `{{${key}}} refers to the statistics, but the report has none`, 'add "statistics: statistics.yaml" to the front matter');
    const cell = stats.template.cells.get(key);
    if (!cell) {
      const guess = closest(key, [...stats.template.cells.keys()]);
      throw new InputError(loc, `{{${key}}} is not a cell of template ${stats.template.id}`,
        guess ? `did you mean {{${guess}}}?` : 'write {{row}} for the 2014 table, {{t3.row.column}} or {{t4.column}} for the 2019/2021 tables');
    }
    const v = stats.values[key];
    if (v === undefined) throw new InputError(loc, `{{${key}}} (${cell.label}) is empty in ${stats.file}`, 'fill in the figure, or write the text without the reference');
    return formatValue(v, cell.signed);
  });
}

const resolve = (inlines: Inline[], stats: StatisticsTable | undefined, loc: Loc): Inline[] =>
  inlines.map((i) => (/[{}｛｝]/.test(i.text) ? { ...i, text: resolveRefText(i.text, stats, loc) } : i));

export function resolveRefs(blocks: Block[], stats: StatisticsTable | undefined): Block[] {
  return blocks.map((b) => {
    switch (b.type) {
      case 'heading':
        return { ...b, inlines: resolve(b.inlines, stats, b.loc), ...(b.runIn ? { runIn: resolve(b.runIn, stats, b.loc) } : {}) };
      case 'paragraph':
        return { ...b, inlines: resolve(b.inlines, stats, b.loc) };
      case 'list':
        return { ...b, items: b.items.map((i) => resolve(i, stats, b.loc)) };
      case 'table':
        return { ...b, header: b.header.map((c) => resolve(c, stats, b.loc)), rows: b.rows.map((r) => r.map((c) => resolve(c, stats, b.loc))) };
      case 'statTable':
        return b;
    }
  });
}
