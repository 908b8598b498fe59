/**
 * A fix to pdfmake's row-spanning cells in tables with unbreakable rows (`dontBreakRows`), which
 * every gongwen statistics table has.
 *
 * pdfmake lays an unbreakable row out on a page of its own (y from 0) and then places it where
 * the table has got to, or, if it does not fit there, at the top of the next page below the
 * repeated header rows. A cell spanning rows [a, b] ends at row b, whose height pdfmake makes at
 * least the rest of the cell's text: the text's bottom (measured from row a's top) less the
 * distance from row a's top to row b's top. It takes row a's top as the y and page where row a
 * was *begun*. When row a did not fit and moved to the next page, that is still the foot of the
 * old page, so the distance is not subtracted (the pages differ) and row b is made as tall as
 * the whole label: in the 2021 sample's 表三, the last rows of the labels repeated at the top
 * of pages 7 and 8 (8.属于行政查询事项, 3.其他, （七）总计) were drawn one to three lines too tall.
 *
 * The same happens to a span that a page break divides (pdfmake draws its text on its first page
 * only): its last row, on a later page, was made as tall as the text's overflow from its first
 * row, measured as if on the same page.
 *
 * When a row moves to a new page, its spanning cells (and the cells their spans end at, which
 * hold pdfmake's copy) now get the y and page where the row really starts, and the spans that
 * began on an earlier page and go on past this row get a start that carries nothing over. Rows
 * that stay where they were begun are left alone. Besides the ending row's height, pdfmake reads
 * these two fields only to centre a spanning cell vertically, and gongwen sets such cells at the
 * top (write/pdf/stat-table.ts).
 */
import { oncePerProcess, pdfmakePrototype, type SpanCell } from './pdfmake-internals.js';
import { drawRepeats, planRepeats, type TableProcessor as LiveTableProcessor, type Writer as LiveWriter } from './pdfmake-live-labels.js';
import { keepLabelsWithFirstRow, type RoomWriter } from './pdfmake-label-room.js';

interface Writer {
  transactionLevel: number;
  context(): { page: number };
  addListener(event: string, listener: (e: { y: number }) => void): void;
  removeListener(event: string, listener: (e: { y: number }) => void): void;
}

interface TableProcessorProto {
  dontBreakRows: boolean;
  headerRows: number;
  tableNode: { table: { body: SpanCell[][] } };
  /** The page the table's last body row ended on, in this layout (a processor lays one table out once). */
  gwBodyPage?: number;
  /** The first body row on that page. */
  gwPageFirst?: number;
  endRow(rowIndex: number, writer: Writer, pageBreaks: unknown): void;
}


/** Where the row being ended landed, when it moved to a new page (set by the listener below). */
let landedAt: number | undefined;
const onPageChanged = (e: { y: number }) => {
  landedAt = e.y;
};

/**
 * A start far above the page, for a span that began on an earlier page: its text was laid out
 * there, whole (an unbreakable row never breaks its text), and nothing of it is carried over.
 */
const NO_CARRY = -1e6;

function restart(cells: (SpanCell | undefined)[], y: number, page: number): void {
  for (const c of cells) {
    if (!c) continue;
    c._startingRowSpanY = y;
    c._startingRowSpanPage = page;
  }
}

/** Patch pdfmake's TableProcessor, once per process. */
export const fixRowSpanStarts = oncePerProcess(() => {
  const proto = pdfmakePrototype<TableProcessorProto>('TableProcessor');
  const endRow = proto.endRow;
  proto.endRow = function (this: TableProcessorProto, rowIndex, writer, pageBreaks) {
    // a row of its own unbreakable block (not inside a block kept whole, which moves as one): its
    // block is placed at the end of endRow; a move to the next page ends below the repeated
    // header, where pdfmake reports the page change
    if (!this.dontBreakRows || writer.transactionLevel !== 1) {
      endRow.call(this, rowIndex, writer, pageBreaks);
      return;
    }
    // a group's first row goes to a new page with its label if this one cannot hold the label
    // (io/pdfmake-label-room.ts); then the labels to repeat at its top (io/pdfmake-live-labels.ts)
    keepLabelsWithFirstRow(this.tableNode.table.body[rowIndex]!, writer as unknown as RoomWriter, this.gwBodyPage, rowIndex, this.gwPageFirst ?? rowIndex);
    const plan = planRepeats(this as unknown as LiveTableProcessor, rowIndex, writer as unknown as LiveWriter);
    landedAt = undefined;
    writer.addListener('pageChanged', onPageChanged);
    try {
      endRow.call(this, rowIndex, writer, pageBreaks);
    } finally {
      writer.removeListener('pageChanged', onPageChanged);
    }
    if (rowIndex >= this.headerRows) {
      const page = writer.context().page;
      if (page !== this.gwBodyPage) this.gwPageFirst = rowIndex;
      this.gwBodyPage = page;
    }
    if (landedAt === undefined) return;
    const page = writer.context().page;
    const body = this.tableNode.table.body;
    for (let r = 0; r <= rowIndex; r++) {
      for (const cell of body[r]!) {
        const span = cell.rowSpan ?? 1;
        if (span < 2 || cell._startingRowSpanY === undefined) continue;
        if (r === rowIndex) restart([cell, cell._endingCell, cell._leftEndingCell], landedAt, page);
        else if (r + span - 1 > rowIndex) restart([cell._endingCell, cell._leftEndingCell], NO_CARRY, page);
      }
    }
    if (plan) drawRepeats(plan, writer as unknown as LiveWriter, landedAt, page, restart);
  };
});
