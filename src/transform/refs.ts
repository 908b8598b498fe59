/**
 * Table values written into the prose by reference: {{s3_1}} (2014 table) or
 * {{t3.new_received.total}}, {{t4.review_total}} (2019/2021 tables) become the number in the
 * statistics file, so the text and the table cannot drift apart.
 */
import { InputError, throwAll } from '../model/errors.js';
import { listItemLoc, type Block, type FilledFigure, type HeadingBlock, type Inline, type Loc, type ParagraphBlock, type StatisticsTable } from '../model/types.js';
import { formatValue } from '../layout/stat-grid.js';
import { closest } from '../read/validate.js';
import { availableTemplates, loadTemplate, wrongFormNote } from '../read/templates.js';

const REF = /\{\{\s*([\w.]+)\s*\}\}/g;

/** A reference typed with full-width braces, as a Chinese input method gives them: ｛｛t3.a.b｝｝. */
const FULL_WIDTH_REF = /[{｛]{1,2}\s*([\w.]+)\s*[}｝]{1,2}/g;
/**
 * A reference with one brace on each side: {t3.a.b}, {s3_1} — a name of a table's cell, not
 * LaTeX's braces ($\frac{a}{b}$ was told to be written {{a}}, an unknown reference: a bad-input
 * audit; lint.ts names the LaTeX).
 */
const SINGLE_BRACE_REF = /(?<![{\\\w])\{\s*((?:t\d+|s\d+)(?:[._][\w.]*)?)\s*\}(?!\})/g;

/**
 * `text` with its references replaced by the table's figures. Every problem is added to `errors`
 * (a half-filled report may have a dozen references to empty cells: all are listed in one run).
 */
export function resolveRefText(text: string, stats: StatisticsTable | undefined, loc: Loc, errors: InputError[], filled?: FilledFigure[]): string {
  // look-alikes would be printed as typed: refuse them, each of them
  for (const m of text.matchAll(FULL_WIDTH_REF)) {
    if (/[｛｝]/.test(m[0])) errors.push(new InputError(loc, `"${m[0]}" is written with full-width braces ｛ ｝`, `write {{${m[1]}}} with ASCII braces (switch the input method to 半角 or English)`));
  }
  for (const m of text.matchAll(SINGLE_BRACE_REF)) errors.push(new InputError(loc, `"${m[0]}" has one brace on each side`, `write {{${m[1]}}}`));
  const out = replaceRefs(text, stats, loc, errors, filled);
  // whatever is left of {{ … }} was not a reference: never print it
  const left = /\{\{[^}]*\}?\}?|\}\}/.exec(out);
  if (left) {
    // (a brace short, {{table t4}: as read/report.ts says it where the report has statistics)
    const short = /^\{\{\s*table\s+([\w-]+)\s*\}?$/.exec(left[0]);
    if (short) errors.push(new InputError(loc, `"${left[0]}" is no table placeholder: it takes two braces on each side`, `write {{table ${short[1]}}}, alone on its line with blank lines around it`));
    else if (/^\{\{\s*table\b/.test(left[0])) errors.push(new InputError(loc, `"${left[0]}" must be a paragraph of its own`, 'put the table placeholder alone on its line, with blank lines around it'));
    else errors.push(new InputError(loc, `"${left[0]}" is not a complete reference`, 'write {{row}} for the 2014 table, {{t3.row.column}} or {{t4.column}} for the 2019/2021 tables, with both {{ and }}'));
  }
  return out;
}

function replaceRefs(text: string, stats: StatisticsTable | undefined, loc: Loc, errors: InputError[], filled?: FilledFigure[]): string {
  return text.replace(REF, (ref: string, key: string, at: number) => {
    const problem = refProblem(key, stats);
    if (problem) {
      errors.push(new InputError(loc, problem[0], problem[1]));
      return ''; // (the report is not written: the errors stop it)
    }
    const cell = stats!.template.cells.get(key)!;
    const shown = formatValue(stats!.values[key]!, cell.signed, cell.decimals);
    const next = text[at + ref.length];
    filled?.push({ key, label: cell.label, shown, ...(next ? { next } : {}) });
    return shown;
  });
}

/**
 * For a reference whose whole key is too far from every cell's for a guess ({{t3.foo.total}}):
 * the first part of it that names nothing — the table, the row or the column — with the nearest
 * one, or the ones there are.
 */
function partHint(key: string, keys: string[]): string | undefined {
  const parts = key.split('.');
  for (let i = 0; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('.');
    const here = [...new Set(keys.filter((k) => i === 0 || k.startsWith(`${prefix}.`)).map((k) => k.split('.')[i]).filter((x): x is string => x !== undefined))];
    if (here.includes(parts[i]!)) continue;
    if (!here.length) return undefined;
    const what = ['table or row', 'row', 'column'][i] ?? 'part';
    const guess = closest(parts[i]!, here);
    const shown = here.length > 8 ? `${here.slice(0, 8).join(', ')}, …` : here.join(', ');
    return `"${parts[i]}" is no ${what}${prefix ? ` of ${prefix}` : ''}: ${guess ? `did you mean "${guess}"?` : `there are ${shown}`} (the ids are in statistics.yaml, each with its label)`;
  }
  return undefined;
}

/** What is wrong with a reference, and how to fix it; undefined if it names a filled cell. */
function refProblem(key: string, stats: StatisticsTable | undefined): [string, string] | undefined {
  if (!stats) return [`{{${key}}} refers to the statistics, but the report has none`, 'add "statistics: statistics.yaml" to the front matter'];
  const cell = stats.template.cells.get(key);
  if (!cell) {
    const guess = closest(key, [...stats.template.cells.keys()]);
    const fix = guess ? `did you mean {{${guess}}}?` : partHint(key, [...stats.template.cells.keys()]) ?? 'write {{row}} for the 2014 table, {{t3.row.column}} or {{t4.column}} for the 2019/2021 tables';
    // (a cell of another form's, the 2021 form's oh_other on a 2019 report: said so, as the
    // statistics file's own ids are, a 2019-form audit)
    const other = availableTemplates().find((id) => id !== stats.template.id && loadTemplate(id)?.cells.has(key));
    // (a form of other ids altogether, the 2019/2021 forms' t3.… on the 2014 form's s…: no guess —
    // "did you mean s4?", 行政复议数量, was offered for t3.new_received.total, a 2014-form trial)
    const alike = other !== undefined && loadTemplate(other)!.placement === stats.template.placement;
    return [`{{${key}}} is not a cell of template ${stats.template.id}`, other
      ? `{{${key}}} is ${other}'s, and the report's statistics are on ${stats.template.id}: ${alike ? fix : `write the id of this form's cell (statistics.yaml names each with its label${stats.template.placement === 'attachment' ? ': s3_1 is 三（一）收到申请数' : ''})`}`
      : fix];
  }
  if (stats.values[key] === undefined) return [`{{${key}}} (${cell.label}) is empty in ${stats.file}`, 'fill in the figure, or write the text without the reference'];
  return undefined;
}

/**
 * `year`: the report's, to say so where references fail because the statistics are on another
 * year's form. The problems are thrown together, or, given `found`, added to it (a reference
 * left out of the text): transform/index.ts hands them on, so that `check` and a build print them
 * with every other check's findings — a reference to an empty cell hid the sum rules' and the
 * percentages' findings and a workbook left unconverted, which explained it (a 2014-form trial).
 */
export function resolveRefs(blocks: Block[], stats: StatisticsTable | undefined, year?: number, found?: InputError[]): Block[] {
  const errors: InputError[] = [];
  // (the figures filled into each block, for its checks to name the cells: a share's percentage
  // off because a figure is in the wrong row was told to write another percentage, a 2014-form trial)
  // (and those left unfilled: the checks of a text's figures pass it over, whose text lacks one)
  let filled: FilledFigure[] = [];
  const resolve = (inlines: Inline[], st: StatisticsTable | undefined, loc: Loc): Inline[] =>
    inlines.map((i) => (/[{}｛｝]/.test(i.text) ? { ...i, text: resolveRefText(i.text, st, loc, errors, filled) } : i));
  /** `b` with the figures filled and whether one failed, since `before` errors. */
  const noted = <T extends HeadingBlock | ParagraphBlock>(b: T, before: number): T => {
    const figures = filled;
    filled = [];
    return { ...b, ...(figures.length ? { figures } : {}), ...(errors.length > before ? { unfilled: true } : {}) };
  };
  const out = blocks.map((b): Block => {
    const before = errors.length;
    switch (b.type) {
      case 'heading':
        return noted({ ...b, inlines: resolve(b.inlines, stats, b.loc), ...(b.runIn ? { runIn: resolve(b.runIn, stats, b.loc) } : {}) }, before);
      case 'paragraph':
        return noted({ ...b, inlines: resolve(b.inlines, stats, b.loc) }, before);
      case 'list': {
        // (each item at its own line, its figures and failures its own: a list's were all at its
        // first line, one item's failure hid another's findings, a review)
        const figures: FilledFigure[] = [];
        const unfilled: number[] = [];
        const items = b.items.map((item, k) => {
          const failed = errors.length;
          const out = resolve(item, stats, listItemLoc(b, k));
          figures.push(...filled.map((f) => ({ ...f, item: k })));
          filled = [];
          if (errors.length > failed) unfilled.push(k);
          return out;
        });
        return { ...b, items, ...(figures.length ? { figures } : {}), ...(unfilled.length ? { unfilled } : {}) };
      }
      case 'table':
      {
        // (a table's cells are not checked for shares: its figures noted nowhere)
        const table = { ...b, header: b.header.map((c) => resolve(c, stats, b.loc)), rows: b.rows.map((r) => r.map((c) => resolve(c, stats, b.loc))) };
        filled = [];
        return table;
      }
      case 'statTable':
        return b;
    }
  });
  // cells of the year's form that the statistics' form of other years lacks: the first such error
  // says why ({{t2.normative_documents.valid}} on a 2022 report whose statistics are on gov-2019,
  // where "did you mean" could only mislead)
  const wrong = stats && year !== undefined ? wrongFormNote(stats.template, year) : undefined;
  // (a cell of the year's form, that is: a typo is still met with "did you mean")
  const yearsCells = wrong ? loadTemplate(wrong.form)?.cells : undefined;
  // (every such error, not the first alone: a guess of the statistics' form for a later one swapped
  // 现行有效 for 本年新制作, a review; the first says why, the others point to it)
  let said = false;
  const told = errors.map((e) => {
    if (!wrong || !yearsCells || !e.problem.includes(' is not a cell of template ') || !yearsCells.has(/^\{\{([^}]+)\}\}/.exec(e.problem)?.[1] ?? '')) return e;
    const hint = said ? `a cell of ${wrong.form}, this report's form, and the statistics are on ${stats!.template.id}: see the first such reference` : `${wrong.note}; write the statistics on ${wrong.form} (gongwen new writes an empty file of it), then the references`;
    said = true;
    return new InputError(e.loc, e.problem, hint);
  });
  if (found) found.push(...told);
  else throwAll(told);
  return out;
}
