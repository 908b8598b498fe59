/** A statistics grid (layout/stat-grid.ts) → a pdfmake table with merged cells and repeated headers. */
import type { Content } from 'pdfmake/interfaces.js';
import { geometry } from '../../layout/gbt9704.js';
import { isCovered, type StatGrid } from '../../layout/stat-grid.js';
import { ZIHAO } from '../../layout/units.js';
import type { PdfContext } from './context.js';
import { runs } from './text.js';

export function statTable(ctx: PdfContext, grid: StatGrid): Content {
  const size = ZIHAO[grid.zihao];
  const cell = { role: 'fang' as const, size, lineHeight: size * 1.35 };
  const head = { ...cell, role: 'hei' as const };
  const body = grid.rows.map((row) => row.map((slot) => {
    if (isCovered(slot)) return {};
    const style = slot.role === 'head' || slot.role === 'section' ? head : cell;
    return {
      text: runs(ctx, slot.text, style),
      alignment: slot.align,
      margin: [slot.indent * size, 0, 0, 0],
      rowSpan: slot.rowSpan,
      colSpan: slot.colSpan,
      // pdfmake centres a row-spanning cell over its whole span even when the span breaks across
      // pages, which draws it over other cells: such cells are set at the top.
      // (header rows never break, so their cells stay centred)
      verticalAlignment: slot.rowSpan > 1 && slot.role !== 'head' ? 'top' : 'middle',
    };
  }));
  // pdfmake widths exclude the cell padding and the rules: share out what is left of the 版心
  const padding = 3;
  const available = geometry.textWidth - grid.widths.length * (2 * padding + 0.5) - 0.5;
  return {
    table: {
      headerRows: grid.headerRows,
      dontBreakRows: true,
      widths: grid.widths.map((w) => w * available),
      body,
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingTop: () => 2,
      paddingBottom: () => 1,
      paddingLeft: () => padding,
      paddingRight: () => padding,
    },
  } as unknown as Content;
}
