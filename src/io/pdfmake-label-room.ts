/**
 * A row that starts a group of table rows moves to a new page when the rows that would stay
 * with it on this page cannot hold the group's label; and a row inside a group moves when the
 * group's rows that go on to the next page would be too few for the label repeated there
 * (write/pdf/label-room.ts: rows are pulled over rather than the last one grown).
 *
 * 表三's labels (（三）不予公开 over eight rows, 三、本年度办理结果 over twenty) are taller than a
 * group's first row. When such a row fell at the foot of a page, pdfmake set it there and the
 * label could not go with it: write/pdf/span-breaks.ts moved the label to the next page and left
 * the rows under a blank label cell (the 2021 sample's page 6 ended with 1.属于国家秘密 alone,
 * its group's name only on page 7). A typesetter starts the group on the next page instead, and
 * so does gongwen now: write/pdf/stat-table.ts gives each label cell a test (`gwMustMove`,
 * write/pdf/label-room.ts) of whether its row must start a new page given the room left, and
 * a row that must is moved by pdfmake's own move of a row that does not fit. The labels of the
 * groups it continues are repeated above it as for any row that starts a page
 * (io/pdfmake-live-labels.ts).
 *
 * The test works on estimated row heights; where the page breaks earlier than estimated,
 * span-breaks.ts still moves the label. A row that would have to move on a new page too stays,
 * and so does the first body row on a page (the header would be left alone).
 */
import type { SpanCell } from './pdfmake-internals.js';

/** A label cell, as write/pdf/stat-table.ts marks it; pdfmake passes unknown fields of a cell over. */
export interface RoomCell extends SpanCell {
  /** Whether its row, given `left` pt of page room at its top and the first body row on the page, must start a new page (write/pdf/label-room.ts). */
  gwMustMove?: (left: number, pageFirst: number) => boolean;
}

interface PageContext {
  page: number;
  availableHeight: number;
  pageMargins: { top: number; bottom: number };
  getCurrentPage(): { pageSize: { height: number } };
}

export interface RoomWriter {
  contextStack: PageContext[];
  repeatables: { height: number }[];
}

/**
 * Before pdfmake ends a row, its own unbreakable block not yet placed: if the row must start a
 * new page for its labels, and on a new page it need not, leave this page no room, so that
 * pdfmake's own test moves the row to the next page (the move sets the room anew).
 * `lastBodyPage`: the page the table's last body row ended on; `pageFirst`: the first body row
 * on it (`row` itself when this row will start a page). The first body row on a page never
 * moves: it would leave the table's header, or its repeat, alone at the page's foot.
 */
export function keepLabelsWithFirstRow(cells: RoomCell[], writer: RoomWriter, lastBodyPage: number | undefined,
  row: number, pageFirst: number): void {
  let mustMove: RoomCell['gwMustMove'];
  for (const cell of cells) mustMove ??= cell.gwMustMove;
  if (!mustMove) return;
  const page = writer.contextStack[writer.contextStack.length - 1]!;
  if (lastBodyPage !== page.page || !mustMove(page.availableHeight, pageFirst)) return;
  let fresh = page.getCurrentPage().pageSize.height - page.pageMargins.top - page.pageMargins.bottom;
  for (const r of writer.repeatables) fresh -= r.height; // the table's header, repeated on the new page
  if (mustMove(fresh, row)) return; // on a new page it would be the first body row
  page.availableHeight = 0;
}
