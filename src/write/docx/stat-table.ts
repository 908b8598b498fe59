/** A statistics grid (layout/stat-grid.ts) → a docx table: fixed widths, gridSpan/vMerge, repeated header rows. */
import { AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { isCovered, type StatGrid } from '../../layout/stat-grid.js';
import { ptToHalfPoints, ptToTwip, ZIHAO } from '../../layout/units.js';
import { TEXT_WIDTH_TWIP } from './blocks.js';
import { STYLE } from './styles.js';

export function statTable(grid: StatGrid): Table {
  const size = ZIHAO[grid.zihao];
  const small = size !== ZIHAO.小四;
  // a table without repeated header rows (表二 blocks, 表四) is kept on one page, Word's way:
  // every row but the last keeps with the next
  const keepWhole = grid.headerRows === 0 || grid.rows.length <= 6;
  const widths = grid.widths.map((w) => Math.floor(w * TEXT_WIDTH_TWIP));
  const rows = grid.rows.map((row, r) => new TableRow({
    tableHeader: r < grid.headerRows,
    cantSplit: true,
    // docx writes the vMerge continuation cells itself: covered slots are left out
    children: row.flatMap((slot, c) => {
      if (isCovered(slot)) return [];
      const width = widths.slice(c, c + slot.colSpan).reduce((a, b) => a + b, 0);
      const header = slot.role === 'head' || slot.role === 'section';
      return [new TableCell({
        width: { size: width, type: WidthType.DXA },
        columnSpan: slot.colSpan > 1 ? slot.colSpan : undefined,
        rowSpan: slot.rowSpan > 1 ? slot.rowSpan : undefined,
        verticalAlign: VerticalAlignTable.CENTER,
        children: [new Paragraph({
          style: header ? STYLE.tableHeader.id : STYLE.tableText.id,
          alignment: slot.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
          ...(keepWhole && r < grid.rows.length - 1 ? { keepNext: true } : {}),
          indent: slot.indent ? { left: ptToTwip(slot.indent * size) } : undefined,
          // the styles are 小四 on 1.35 lines; smaller tables say their size on the text run (a
          // paragraph's `run` option sets only the paragraph mark) and their line on the paragraph
          ...(small ? { spacing: { line: ptToTwip(size * 1.35), lineRule: LineRuleType.EXACT } } : {}),
          children: slot.text ? [new TextRun({ text: slot.text, ...(small ? { size: ptToHalfPoints(size) } : {}) })] : [],
        })],
      })];
    }),
  }));
  return new Table({
    layout: TableLayoutType.FIXED,
    // the cells' margins once for the table (w:tblCellMar), not on each of some 300 cells
    margins: { top: 20, bottom: 20, left: 60, right: 60, marginUnitType: WidthType.DXA },
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows,
  });
}
