/**
 * A statistics table as a grid of cells with spans, from its template and values: the one
 * description of the printed table that both writers render (normalise → size → render).
 */
import { formatAmount } from '../model/amounts.js';
import type { StatTableTemplate, TemplateRowDef, HeaderCellDef } from '../model/types.js';
import type { Zihao } from './units.js';

export type GridRole = 'head' | 'section' | 'label' | 'value';

export interface GridCell {
  text: string;
  role: GridRole;
  rowSpan: number;
  colSpan: number;
  align: 'left' | 'center';
  /** Indent of a row label, in levels (one character each). */
  indent: number;
  /**
   * A section or group row (八、机构建设和保障经费情况, （一）收到申请数): set on its label, the
   * row is kept on a page with the row below it, never left as the last row of a page.
   */
  keepWithNext?: boolean;
}

export type GridSlot = GridCell | { covered: true };

export interface StatGrid {
  table: string;
  /** The template table it is drawn from: what every report on the form shares (its labels, spans, widths). */
  form?: StatTableTemplate;
  /** Relative column widths (sum 1). */
  widths: number[];
  /** Rows repeated at the top of every page the table spans. */
  headerRows: number;
  /**
   * Rows after which a table kept on one page may break all the same: the last row of each of a
   * 表二's blocks but the last, the next block starting with its own title and header rows (a
   * 2019-form audit: the 2019 表二 of 18 rows, kept whole, left two thirds of a page empty).
   */
  blockEnds?: number[];
  rows: GridSlot[][];
  /** Cell text size: smaller for wider tables, so every table fits the 版心 in portrait (GB/T 9704 §8). */
  zihao: Zihao;
}

export const isCovered = (s: GridSlot): s is { covered: true } => 'covered' in s;

/**
 * The padding of a statistics table's cells and the width of its rules, in pt: the same in both
 * writers, so that a row is as tall in the DOCX as in the PDF (a row of 小四 text 2 + 16.2 + 1 pt
 * and its rule) and the pages break alike.
 */
export const CELL_PADDING_X = 3;
export const CELL_PADDING_TOP = 2;
export const CELL_PADDING_BOTTOM = 1;
export const TABLE_RULE = 0.5;

/**
 * The text width in pt of each column of `grid` in a 版心 `textWidth` pt wide: what is left of it
 * after every column's padding and rule, shared by the grid's relative widths. Both writers lay
 * the table out on these (the DOCX's columns are these plus their padding and rule), so that a
 * label breaks at the same place in the PDF and the DOCX.
 */
export function columnTextWidths(grid: StatGrid, textWidth: number): number[] {
  const available = textWidth - grid.widths.length * (2 * CELL_PADDING_X + TABLE_RULE) - TABLE_RULE;
  return grid.widths.map((w) => w * available);
}

/** The text width in pt of the cell `slot` from column `c` (`widths`: columnTextWidths), less its indent at `size` pt. */
export const cellTextWidth = (widths: readonly number[], c: number, slot: GridCell, size: number): number =>
  widths.slice(c, c + slot.colSpan).reduce((a, b) => a + b, 0) + (slot.colSpan - 1) * (2 * CELL_PADDING_X + TABLE_RULE) - slot.indent * size;

class Grid {
  readonly rows: (GridSlot | undefined)[][] = [];
  constructor(readonly columns: number) {}
  private row(r: number) {
    while (this.rows.length <= r) this.rows.push(new Array<GridSlot | undefined>(this.columns).fill(undefined));
    return this.rows[r];
  }
  /** First free column in row r at or after c. */
  free(r: number, c = 0): number {
    const row = this.row(r);
    while (c < this.columns && row[c] !== undefined) c++;
    return c;
  }
  place(r: number, c: number, cell: Omit<GridCell, 'rowSpan' | 'colSpan' | 'indent' | 'align'> & Partial<GridCell>): void {
    const full: GridCell = { rowSpan: 1, colSpan: 1, indent: 0, align: cell.role === 'label' || cell.role === 'section' ? 'left' : 'center', ...cell };
    for (let i = r; i < r + full.rowSpan; i++) for (let j = c; j < c + full.colSpan; j++) this.row(i)[j] = { covered: true };
    this.row(r)[c] = full;
  }
  /** Header rows with spans, placed left to right around cells already taken. */
  header(first: number, rows: HeaderCellDef[][], offset = 0): void {
    rows.forEach((cells, k) => {
      let c = offset;
      for (const h of cells) {
        c = this.free(first + k, c);
        this.place(first + k, c, { text: h.text, role: 'head', rowSpan: h.rowspan ?? 1, colSpan: h.colspan ?? 1 });
        c += h.colspan ?? 1;
      }
    });
  }
  done(): GridSlot[][] {
    return this.rows.map((row) => row.map((s) => s ?? { text: '', role: 'value', rowSpan: 1, colSpan: 1, align: 'center', indent: 0 }));
  }
}

export function formatValue(v: number | undefined, signed = false, amount = false): string {
  if (v === undefined) return '';
  // an amount in 万元 with a fraction is printed to two decimals (12.30, not 12.3), or to the yuan (0.0012); a whole one as it is
  const s = (amount ? formatAmount(v) : String(v)).replace('-', '−');
  return signed && v > 0 ? `+${s}` : s;
}

export function statGrid(t: StatTableTemplate, values: Record<string, number>): StatGrid {
  // the keys of cells that may be negative (a set: each value cell used to search the list)
  const signed = new Set(t.cells.filter((c) => c.signed).map((c) => c.key));
  const amounts = new Set(t.cells.filter((c) => c.decimals).map((c) => c.key));
  const value = (key: string) => formatValue(values[key], signed.has(key), amounts.has(key));
  const L = t.layout;
  switch (L.kind) {
    case 'indicator-list': {
      const g = new Grid(3);
      L.columns.forEach((c, k) => g.place(0, k, { text: c.header, role: 'head' }));
      let r = 1;
      const walk = (rows: TemplateRowDef[]) => {
        for (const row of rows) {
          const header = row.kind === 'section' || row.kind === 'group';
          g.place(r, 0, { text: row.label ?? '', role: row.level === 1 ? 'section' : 'label', indent: (row.level ?? 1) - 1, ...(row.children?.length ? { keepWithNext: true } : {}) });
          g.place(r, 1, { text: header ? L.placeholder : row.unit ?? '', role: 'value' });
          g.place(r, 2, { text: header ? L.placeholder : value(row.id), role: 'value' });
          r++;
          if (row.children) walk(row.children);
        }
      };
      walk(L.rows);
      return { table: t.id, form: t, widths: [0.742, 0.095, 0.163], headerRows: 1, rows: g.done(), zihao: '小四' };
    }
    case 'blocks': {
      const n = L.gridColumns;
      const g = new Grid(n);
      let r = 0;
      const blockEnds: number[] = [];
      for (const b of L.blocks) {
        if (r > 0) blockEnds.push(r - 1);
        g.place(r++, 0, { text: b.title.text, role: 'head', colSpan: b.title.colspan, align: 'left' });
        g.header(r++, [b.header]);
        for (const row of b.rows) {
          g.place(r, 0, { text: row.label, role: 'label' });
          let c = 1;
          for (const cell of row.cells) {
            g.place(r, c, { text: value(`${t.id}.${row.id}.${cell.col}`), role: 'value', colSpan: cell.colspan ?? 1 });
            c += cell.colspan ?? 1;
          }
          r++;
        }
      }
      const first = 0.3;
      return { table: t.id, form: t, widths: [first, ...Array.from({ length: n - 1 }, () => (1 - first) / (n - 1))], headerRows: 0, ...(blockEnds.length ? { blockEnds } : {}), rows: g.done(), zihao: '五号' };
    }
    case 'matrix': {
      const lc = L.labelColumns;
      const g = new Grid(lc + L.dataColumns.length);
      g.header(0, L.headerRows);
      let r = L.headerRows.length;
      const leaves = (row: TemplateRowDef): number => (row.children ? row.children.reduce((s, c) => s + leaves(c), 0) : 1);
      const walk = (rows: TemplateRowDef[], depth: number) => {
        for (const row of rows) {
          if (row.children) {
            g.place(r, depth, { text: row.label ?? '', role: 'label', rowSpan: leaves(row), align: 'center' });
            walk(row.children, depth + 1);
            continue;
          }
          g.place(r, depth, { text: row.label ?? '', role: 'label', colSpan: lc - depth });
          L.dataColumns.forEach((c, k) => g.place(r, lc + k, { text: value(`${t.id}.${row.id}.${c.id}`), role: 'value' }));
          r++;
        }
      };
      walk(L.rows, 0);
      const labels = [0.07, 0.1, 0.25].slice(3 - lc);
      const rest = 1 - labels.reduce((a, b) => a + b, 0);
      return { table: t.id, form: t, widths: [...labels, ...L.dataColumns.map(() => rest / L.dataColumns.length)], headerRows: L.headerRows.length, rows: g.done(), zihao: '五号' };
    }
    case 'single-row': {
      const g = new Grid(L.dataColumns.length);
      g.header(0, L.headerRows);
      const r = L.headerRows.length;
      L.dataColumns.forEach((c, k) => g.place(r, k, { text: value(`${t.id}.${c.id}`), role: 'value' }));
      return { table: t.id, form: t, widths: L.dataColumns.map(() => 1 / L.dataColumns.length), headerRows: L.headerRows.length, rows: g.done(), zihao: '小五' };
    }
  }
}
