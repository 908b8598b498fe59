/**
 * Statistics table templates: data files in templates/ (the national formats of 2014, 2019 and
 * 2021). A provincial variant is one more YAML file there, not code. This module turns a file
 * into the value cells, labels and arithmetic rules gongwen checks and renders.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BlockDef, HeaderCellDef, StatCell, StatRule, StatTableTemplate, StatTemplate, TableLayoutDef, TemplateRowDef,
} from '../model/types.js';
import { parseYaml } from './yaml.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export function availableTemplates(): string[] {
  return readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}

interface RawRule {
  id: string;
  status?: 'printed' | 'derived';
  scope?: 'each row' | 'each data column';
  sum?: { of: string[]; equals?: string; equals_sum_of?: string[] };
  lte?: { part: string; whole?: string };
}

interface RawTable {
  id: string;
  title: string;
  layout: 'blocks' | 'matrix' | 'single-row';
  grid_columns?: number;
  blocks?: BlockDef[];
  label_columns?: number;
  data_columns?: { id: string; label: string }[];
  header_rows?: HeaderCellDef[][];
  rows?: TemplateRowDef[];
  unit?: string;
  rules?: RawRule[];
  notes?: string[];
}

interface RawTemplate {
  id: string;
  applies_to?: { report_years?: string };
  title?: string;
  layout?: { kind: 'indicator-list'; columns: { id: string; header: string }[]; section_row_placeholder?: string };
  rows?: TemplateRowDef[];
  rules?: RawRule[];
  tables?: RawTable[];
  sections?: { no: string; title: string; table?: string | null }[];
}

/** "三、本年度办理结果" → "三"; "（三）不予公开" → "（三）"; "1.属于…" → "1." */
function markerOf(label: string | null): string {
  if (!label) return '';
  const m = /^([一二三四五六七八九十]+)、|^(（[一二三四五六七八九十\d]+）)|^(\d+\.)/.exec(label);
  return m ? (m[1] ?? m[2] ?? m[3]) : '';
}

/** Depth-first rows with the markers of their ancestors, e.g. "三（三）" for a child of （三）. */
function* walk(rows: TemplateRowDef[], prefix = ''): Generator<{ row: TemplateRowDef; prefix: string }> {
  for (const row of rows) {
    yield { row, prefix };
    if (row.children) yield* walk(row.children, prefix + markerOf(row.label));
  }
}

const isValueRow = (r: TemplateRowDef) => r.kind !== 'section' && r.kind !== 'group';

/** The section and group rows of `rows`: their ids, and each one's label and the value rows under it. */
function groupsOf(rows: TemplateRowDef[]): { groupRows: string[]; groups: Map<string, { label: string; rows: string[] }> } {
  const heads = [...walk(rows)].filter(({ row }) => !isValueRow(row)).map(({ row }) => row);
  return {
    groupRows: heads.map((r) => r.id),
    groups: new Map(heads.map((r) => [r.id, { label: r.label ?? r.id, rows: [...walk(r.children ?? [])].filter(({ row }) => isValueRow(row)).map(({ row }) => row.id) }])),
  };
}

/** "二、主动公开政府信息情况" → "表二" */
const tableName = (title: string) => `表${title.split('、')[0]}`;

/** For each data column, the header texts above it (top to bottom), from header rows with spans. */
function headerPaths(headerRows: HeaderCellDef[][], firstDataColumn: number, columns: number): string[][] {
  const width = firstDataColumn + columns;
  const taken: boolean[][] = headerRows.map(() => new Array<boolean>(width).fill(false));
  const paths: string[][] = Array.from({ length: columns }, () => []);
  headerRows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken[r][c]) c++;
      const rs = cell.rowspan ?? 1;
      const cs = cell.colspan ?? 1;
      for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) taken[i][j] = true;
      for (let j = c; j < c + cs; j++) if (j >= firstDataColumn) paths[j - firstDataColumn].push(cell.text);
      c += cs;
    }
  });
  return paths;
}

function expandRules(table: string, raw: RawRule[] | undefined, keyOf: (row: string | undefined, col: string | undefined) => string,
  rows: string[], cols: string[]): StatRule[] {
  const out: StatRule[] = [];
  for (const r of raw ?? []) {
    const status = r.status ?? 'derived';
    if (r.lte) {
      if (r.lte.whole) out.push({ id: r.id, table, kind: 'lte', status, parts: [keyOf(r.lte.part, undefined)], totals: [keyOf(r.lte.whole, undefined)] });
      continue;
    }
    if (!r.sum) continue; // a note, not a rule
    const totalsOf = (f: (id: string) => string) => (r.sum!.equals ? [f(r.sum!.equals)] : (r.sum!.equals_sum_of ?? []).map(f));
    if (r.scope === 'each row') {
      for (const row of rows) out.push({ id: r.id, table, kind: 'sum', status, parts: r.sum.of.map((c) => keyOf(row, c)), totals: totalsOf((c) => keyOf(row, c)) });
    } else if (r.scope === 'each data column') {
      for (const col of cols) out.push({ id: r.id, table, kind: 'sum', status, parts: r.sum.of.map((row) => keyOf(row, col)), totals: totalsOf((row) => keyOf(row, col)) });
    } else {
      out.push({ id: r.id, table, kind: 'sum', status, parts: r.sum.of.map((x) => keyOf(x, undefined)), totals: totalsOf((x) => keyOf(x, undefined)) });
    }
  }
  return out;
}

function indicatorList(raw: RawTemplate): { table: StatTableTemplate; rules: StatRule[] } {
  const layout: TableLayoutDef = {
    kind: 'indicator-list',
    columns: raw.layout!.columns,
    placeholder: raw.layout!.section_row_placeholder ?? '—',
    rows: raw.rows ?? [],
  };
  const cells: StatCell[] = [];
  for (const { row, prefix } of walk(raw.rows ?? [])) {
    if (!isValueRow(row)) continue;
    const unit = row.unit ?? '';
    cells.push({ key: row.id, table: 'main', row: row.id, label: `${prefix}${row.label ?? ''}`, unit, signed: false, decimals: unit === '万元' });
  }
  const table: StatTableTemplate = { id: 'main', title: raw.title ?? '', layout, cells, ...groupsOf(raw.rows ?? []) };
  return { table, rules: expandRules('main', raw.rules, (row) => row!, [], []) };
}

function gridTable(t: RawTable): { table: StatTableTemplate; rules: StatRule[] } {
  const name = tableName(t.title);
  const cells: StatCell[] = [];
  const unitOf = (u: string | undefined) => u ?? t.unit ?? '件';
  let layout: TableLayoutDef;
  let rowIds: string[] = [];
  let colIds: string[] = [];
  if (t.layout === 'blocks') {
    layout = { kind: 'blocks', gridColumns: t.grid_columns ?? 4, blocks: t.blocks ?? [] };
    for (const b of t.blocks ?? []) {
      for (const row of b.rows) {
        for (const c of row.cells) {
          const head = b.header.find((h) => h.col === c.col)?.text ?? c.col;
          const signed = /增\/减/.test(head);
          // (a count of 项目, and its change beside it, is of items, not 件: the fix of a -126 under
          // 上一年项目数量 said "write a number of 件", a 2019-form audit)
          const items = /项目/.test(head) || (signed && b.header.some((h) => /项目/.test(h.text)));
          const unit = row.unit ?? (/万元/.test(head) ? '万元' : items ? '项' : '件');
          cells.push({ key: `${t.id}.${row.id}.${c.col}`, table: t.id, row: row.id, col: c.col, label: `${name} ${row.label} / ${head}`, unit, signed, decimals: unit === '万元' || /金额/.test(head) });
        }
      }
    }
  } else if (t.layout === 'matrix') {
    const dataColumns = t.data_columns ?? [];
    layout = { kind: 'matrix', labelColumns: t.label_columns ?? 1, dataColumns, headerRows: t.header_rows ?? [], rows: t.rows ?? [] };
    colIds = dataColumns.map((c) => c.id);
    for (const { row, prefix } of walk(t.rows ?? [])) {
      if (!isValueRow(row)) continue;
      rowIds.push(row.id);
      for (const c of dataColumns) {
        cells.push({ key: `${t.id}.${row.id}.${c.id}`, table: t.id, row: row.id, col: c.id, label: `${name} ${prefix}${row.label} / ${c.label}`, unit: unitOf(row.unit), signed: false, decimals: false });
      }
    }
  } else {
    const dataColumns = t.data_columns ?? [];
    const headerRows = t.header_rows ?? [];
    layout = { kind: 'single-row', dataColumns, headerRows };
    const paths = headerPaths(headerRows, 0, dataColumns.length);
    dataColumns.forEach((c, k) => {
      cells.push({ key: `${t.id}.${c.id}`, table: t.id, col: c.id, label: `${name} ${paths[k].join('·')}`, unit: unitOf(undefined), signed: false, decimals: false });
    });
  }
  const keyOf = (row: string | undefined, col: string | undefined) =>
    t.layout === 'single-row' ? `${t.id}.${row ?? col}` : `${t.id}.${row}.${col}`;
  if (t.layout === 'blocks') rowIds = [...new Set(cells.map((c) => c.row!))];
  return { table: { id: t.id, title: t.title, layout, cells, ...groupsOf(t.rows ?? []) }, rules: expandRules(t.id, t.rules, keyOf, rowIds, colIds) };
}

const cache = new Map<string, StatTemplate>();

/** Load a template by id (the file name in templates/ without .yaml), or undefined if there is none. */
/** The rows of a template whose wording is provisional (`confirmed: false`: not yet checked against a published form). */
export function unconfirmedRows(template: StatTemplate): number {
  const count = (rows: TemplateRowDef[] = []): number => rows.reduce((n, r) => n + (r.confirmed === false ? 1 : 0) + count(r.children), 0);
  return template.tables.reduce((n, t) => n + ('rows' in t.layout ? count(t.layout.rows) : 0), 0);
}

export function loadTemplate(id: string): StatTemplate | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  if (!/^[\w-]+$/.test(id)) return undefined;
  const file = path.join(TEMPLATE_DIR, `${id}.yaml`);
  if (!existsSync(file)) return undefined;
  const raw = parseYaml(readFileSync(file, 'utf8')) as RawTemplate;
  const parts = raw.layout?.kind === 'indicator-list' ? [indicatorList(raw)] : (raw.tables ?? []).map(gridTable);
  const tables = parts.map((p) => p.table);
  const span = /(\d{4})\s*[–-]\s*(\d{4})?/.exec(String(raw.applies_to?.report_years ?? ''));
  const template: StatTemplate = {
    id: raw.id,
    years: span ? { from: Number(span[1]), to: span[2] ? Number(span[2]) : undefined } : undefined,
    title: raw.title ?? tables[0]?.title ?? raw.id,
    placement: raw.layout?.kind === 'indicator-list' ? 'attachment' : 'body',
    ...(raw.sections ? { sections: raw.sections.map((x) => ({ no: x.no, title: x.title, ...(x.table ? { table: x.table } : {}) })) } : {}),
    tables,
    cells: new Map(tables.flatMap((t) => t.cells).map((c) => [c.key, c])),
    rules: parts.flatMap((p) => p.rules),
  };
  cache.set(id, template);
  return template;
}

/** The first report year with a national form (the 2014 table). */
export const FIRST_FORM_YEAR = 2014;

/** The form of a report year (the 2014 table for 2014–2018, 2019 for 2019–2020, 2021 on). */
export const templateForYear = (year: number): string => (year >= 2021 ? 'gov-2021' : year >= 2019 ? 'gov-2019' : 'gov-2014');

/** Whether a template is a form for the report year (one without years is for any). */
export const formCovers = (template: Pick<StatTemplate, 'years'>, year: number): boolean => {
  const y = template.years;
  return !y || (year >= y.from && (y.to === undefined || year <= y.to));
};

/**
 * Where a template is not the form of the report's year, a note that says so (for the errors a
 * wrong form brings: cells and rows it does not have), else undefined.
 */
export function wrongFormNote(template: Pick<StatTemplate, 'id' | 'years'>, year: number): { note: string; form: string } | undefined {
  const y = template.years;
  if (!y || formCovers(template, year)) return undefined;
  const form = templateForYear(year);
  return { note: `${template.id} is the form for report years ${y.from}–${y.to ?? ''}, and this report is on ${year}: its form is ${form}`, form };
}
