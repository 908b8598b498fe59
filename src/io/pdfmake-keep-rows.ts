/**
 * A table row kept on a page with the row below it.
 *
 * gongwen's tables break between rows, never inside one (pdfmake's `dontBreakRows`: each row is
 * an unbreakable block of its own). So a section row of the 2014 table could end a page with
 * all of its rows on the next (Shangqiu's 八、机构建设和保障经费情况 at the foot of page 12). A
 * row whose first cell says `keepWithNextRow` (write/pdf/stat-table.ts) now opens one more
 * unbreakable block before its own, closed when the next row ends: the two rows move to a new
 * page together. pdfmake's blocks nest by a counter, so a chain (a section over a group over its
 * first row) moves as one.
 *
 * Of the statistics tables only the 2014 table has such rows, and it has no cells over several
 * rows: the fixes for those (io/pdfmake-row-spans.ts, io/pdfmake-live-labels.ts) act on a row
 * ending its own block, and pass over rows inside a kept pair. A form with both would need them
 * to look through the pair. Table notes (write/pdf/table-note.ts) and the table of contents'
 * next-to-last entry (write/pdf/toc.ts) use it too. The first row never opens a block (a table's
 * start is kept by the groups of write/pdf/index.ts), so a contents list of two entries may part.
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';

interface Writer {
  beginUnbreakableBlock(): void;
  commitUnbreakableBlock(): void;
}

interface TableProcessorProto {
  dontBreakRows: boolean;
  tableNode: { table: { body: { keepWithNextRow?: boolean }[][] } };
  /** Rows after whose end one kept block is closed. */
  gwCloseAfter?: number[];
  beginRow(rowIndex: number, writer: Writer): void;
  endRow(rowIndex: number, writer: Writer, pageBreaks: unknown): void;
}

/** Patch pdfmake's TableProcessor, once per process. */
export const keepRowsWithNext = oncePerProcess(() => {
  const proto = pdfmakePrototype<TableProcessorProto>('TableProcessor');
  const { beginRow, endRow } = proto;
  proto.beginRow = function (this: TableProcessorProto, rowIndex, writer) {
    const body = this.tableNode.table.body;
    if (this.dontBreakRows && rowIndex > 0 && rowIndex + 1 < body.length && body[rowIndex]?.[0]?.keepWithNextRow) {
      writer.beginUnbreakableBlock();
      (this.gwCloseAfter ??= []).push(rowIndex + 1);
    }
    beginRow.call(this, rowIndex, writer);
  };
  proto.endRow = function (this: TableProcessorProto, rowIndex, writer, pageBreaks) {
    endRow.call(this, rowIndex, writer, pageBreaks);
    while (this.gwCloseAfter?.[0] === rowIndex) {
      this.gwCloseAfter.shift();
      writer.commitUnbreakableBlock();
    }
  };
});
