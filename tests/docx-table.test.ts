/**
 * Statistics tables are written to the DOCX as text (src/write/docx/stat-table.ts). The text must
 * be what docx itself writes for the same table built from its objects, byte for byte: the
 * reference below is that object construction (gongwen's writer before the change), and both go
 * through one Document, docx's compiler and the part fix that puts raw XML in place.
 */
import {
  AlignmentType, Document, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun,
  VerticalAlignTable, VerticalMergeType, WidthType, type FileChild,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { packDocx } from '../src/io/docx-pack.js';
import { cellTextWidth, columnTextWidths, isCovered, statGrid, type GridCell, type StatGrid } from '../src/layout/stat-grid.js';
import { ptToTwip, twipToPt, ZIHAO } from '../src/layout/units.js';
import { availableTemplates, loadTemplate } from '../src/read/templates.js';
import { TEXT_WIDTH_TWIP } from '../src/write/docx/styles.js';
import { DOCX_PART_FIXES } from '../src/write/docx/fixups.js';
import { expandRawXml, RawXml } from '../src/write/docx/raw-xml.js';
import { cellLines, cellRoom, docxColumnWidths, figureHalfPoints, groupStartRows, statTable, statTableXml } from '../src/write/docx/stat-table.js';
import { tableStyleId } from '../src/write/docx/styles.js';
import { docxParts } from './helpers/docx.js';

/** The table as docx's objects give it. */
/** Centred in the cell's height; a group's label over several rows at its first row, as in the PDF. */
const alignOf = (slot: { role: string; rowSpan: number }) => (slot.role === 'label' && slot.rowSpan > 1 ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER);

function referenceTable(grid: StatGrid): Table {
  const size = ZIHAO[grid.zihao];
  // the smaller tables' sizes are their styles' (五号, 小五): no run or paragraph says it
  const styles = { text: tableStyleId('tableText', grid.zihao)!, header: tableStyleId('tableHeader', grid.zihao)! };
  const keepWhole = grid.headerRows === 0 || grid.rows.length <= 6;
  const widths = docxColumnWidths(grid);
  const widthOf = (c: number, slot: GridCell) => widths.slice(c, c + slot.colSpan).reduce((a, b) => a + b, 0);
  const pdfText = columnTextWidths(grid, twipToPt(TEXT_WIDTH_TWIP));
  // (which rows keep a group's label whole: the writer's rule, tested in stat-tables.test.ts)
  const groupStarts = groupStartRows(grid);
  // the label over each slot covered by a row span, where its columns start
  const above = new Map<string, GridCell>();
  const rows = grid.rows.map((row, r) => new TableRow({
    tableHeader: r < grid.headerRows,
    cantSplit: true,
    children: row.flatMap((slot, c, all) => {
      // a section or group row keeps with the next, as do the header rows and the first row of a table with a header
      const keep = r < grid.rows.length - 1 && ((!isCovered(all[0]!) && Boolean(all[0]!.keepWithNext)) || (grid.headerRows > 0 && r <= grid.headerRows) || groupStarts.has(r));
      const paragraph = (cell: GridCell, children: TextRun[]) => new Paragraph({
        style: cell.role === 'head' || cell.role === 'section' ? styles.header : styles.text,
        alignment: cell.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        // (but the last row of each of 表二's blocks but the last: the table may break there)
        ...((keepWhole && r < grid.rows.length - 1 && !grid.blockEnds?.includes(r)) || keep ? { keepNext: true } : {}),
        indent: cell.indent ? { left: ptToTwip(cell.indent * size) } : undefined,
        children,
      });
      if (isCovered(slot)) {
        // continuing a vertical merge: an empty paragraph in the label's style
        const merged = above.get(`${r},${c}`);
        return merged ? [new TableCell({
          width: { size: widthOf(c, merged), type: WidthType.DXA },
          columnSpan: merged.colSpan > 1 ? merged.colSpan : undefined,
          verticalMerge: VerticalMergeType.CONTINUE,
          verticalAlign: alignOf(merged),
          children: [paragraph(merged, [])],
        })] : [];
      }
      for (let k = 1; k < slot.rowSpan; k++) above.set(`${r + k},${c}`, slot);
      const width = widthOf(c, slot);
      // (a figure too wide for its cell: smaller, and a label's lines, by the writer's own rules —
      // tested in stat-tables.test.ts; here only the XML's form)
      const room = cellRoom(slot, width, size);
      const fitted = figureHalfPoints(slot, room, size);
      const sized = fitted !== undefined ? { size: fitted } : {};
      const lines = slot.text ? cellLines(slot, room, size, cellTextWidth(pdfText, c, slot, size)) ?? [slot.text] : [];
      return [new TableCell({
        width: { size: width, type: WidthType.DXA },
        columnSpan: slot.colSpan > 1 ? slot.colSpan : undefined,
        verticalMerge: slot.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
        verticalAlign: alignOf(slot),
        children: [paragraph(slot, lines.map((text, k) => new TextRun({ text, ...(k ? { break: 1 } : {}), ...sized })))],
      })];
    }),
  }));
  return new Table({
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 20, left: 60, right: 60, marginUnitType: WidthType.DXA },
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows,
  });
}

/** The w:tbl elements of a document with these blocks, as packed. */
async function tablesOf(children: FileChild[]): Promise<string[]> {
  const doc = new Document({ sections: [{ children }] });
  const xml = docxParts(await packDocx(doc, new Date(0), DOCX_PART_FIXES))['word/document.xml']!;
  expect(xml).not.toContain('gongwen:raw');
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
}

/** Every table of every template, with made-up values (some signed or fractional). */
const grids = availableTemplates().flatMap((id) => loadTemplate(id)!.tables.map((t) => {
  const values = Object.fromEntries(t.cells.map((c, i) => [c.key, c.decimals ? i / 4 : c.signed ? i - 20 : i]));
  return { name: `${id} ${t.id}`, grid: statGrid(t, values) };
}));

describe('statistics tables written as text', () => {
  it('covers every template: spans over rows and columns, header rows, indents, the smaller sizes', () => {
    const all = grids.map((g) => g.grid);
    expect(all.length).toBe(7); // 2014: one; 2019 and 2021: three each
    const cells = all.flatMap((g) => g.rows.flat().filter((s) => !isCovered(s)));
    expect(cells.some((s) => !isCovered(s) && s.rowSpan > 2)).toBe(true);
    expect(cells.some((s) => !isCovered(s) && s.rowSpan > 1 && s.colSpan > 1)).toBe(true);
    expect(cells.some((s) => !isCovered(s) && s.indent > 0)).toBe(true);
    expect(all.some((g) => g.headerRows > 1)).toBe(true);
    expect(new Set(all.map((g) => g.zihao)).size).toBeGreaterThan(1);
  });

  it.each(grids)('$name: the same bytes as docx writes for its Table', async ({ grid }) => {
    const [reference, direct, ...rest] = await tablesOf([referenceTable(grid), statTable(grid)]);
    expect(rest).toEqual([]);
    expect(direct).toBe(reference);
  });

  it('sets a group\'s label over several rows at its first row, as the PDF does, and the other cells in the middle of their height (statistics audit)', () => {
    const t3 = grids.find((g) => g.name === 'gov-2021 t3')!.grid;
    const xml = statTableXml(t3);
    const cellOf = (text: string) => new RegExp(`<w:tc><w:tcPr>((?:(?!</w:tcPr>).)*)</w:tcPr>(?:(?!</w:tc>).)*${text}`).exec(xml)?.[1];
    expect(cellOf('>（三）</w:t>')).toMatch(/<w:vMerge w:val="restart"\/><w:vAlign w:val="top"\/>$/);
    expect(cellOf('>三、</w:t>')).toMatch(/<w:vAlign w:val="top"\/>$/);
    expect(cellOf('自然人')).toMatch(/<w:vAlign w:val="center"\/>$/); // a header over two rows
    expect(cellOf('1\\.属于国家秘密')).toMatch(/<w:vAlign w:val="center"\/>$/);
  });

  it('escapes text as docx does (markup characters, quotes, control characters dropped)', async () => {
    const grid = structuredClone(grids[0]!.grid);
    const first = grid.rows.flat().find((s) => !isCovered(s) && s.text)!;
    if (isCovered(first)) throw new Error('unreachable');
    first.text = 'A&B <c> "d" \'e\'\u0001';
    const [reference, direct] = await tablesOf([referenceTable(grid), statTable(grid)]);
    expect(direct).toBe(reference);
    expect(direct).toContain('A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;</w:t>');
  });

  it('puts the text in place of its placeholder, unescaped, and leaves other XML alone', () => {
    const xml = '<w:tbl><w:t>a &amp; b 统计</w:t></w:tbl>';
    const other = '<w:tbl><w:t>"x" &lt; y</w:t></w:tbl>';
    const [a, b] = [new RawXml(xml), new RawXml(other)];
    const placeholder = (r: RawXml) => {
      const { _attr } = r.prepForXml()['gongwen:raw'];
      expect(Object.keys(_attr)).toEqual(['id']); // a number: nothing for docx to escape or search
      return `<gongwen:raw id="${_attr.id}"/>`;
    };
    expect(expandRawXml(`<w:body><w:p/>${placeholder(a)}<w:p>x &amp; y</w:p>${placeholder(b)}${placeholder(a)}</w:body>`))
      .toBe(`<w:body><w:p/>${xml}<w:p>x &amp; y</w:p>${other}${xml}</w:body>`);
    expect(() => expandRawXml('<gongwen:raw id="999999999"/>')).toThrow(/no text for raw XML block 999999999/);
    expect(statTableXml(grids[0]!.grid)).toMatch(/^<w:tbl><w:tblPr>[\s\S]*<\/w:tbl>$/);
  });
});
