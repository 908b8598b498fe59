/**
 * Row labels that continue across a page break are printed again on the new page.
 *
 * A statistics table groups rows under a label that spans them (表三: 三、本年度办理结果 over
 * twenty rows, （三）不予公开 over eight). pdfmake draws a spanning cell once, at its first row, so
 * the rows that a page break carries onto the next page have a blank label column and nobody can
 * tell which group they belong to. Where a break falls inside a span, the span is cut at the
 * break: the rows before it keep the label, the rows after it get the same label in a cell of
 * their own, at the top of the new page.
 *
 * Page breaks are known only after layout, so this works through pdfmake's pageBreakBefore hook,
 * which sees every laid-out node with its pages, in order: where a row starts a later page than
 * the row above, the spans over the break are cut in the table body; at the table's last row,
 * if anything was cut, pdfmake is asked to lay the document out again, once for all the breaks of
 * the table. (pdfmake answers by setting `pageBreak: 'before'` on that cell; cells of tables with
 * spans ignore that property: they never take a page break of their own.) The table's cells are
 * then checked again on the new layout, so a break that the cuts moved is found and cut too,
 * in one more layout. Tables registered here must have dontBreakRows (see `check`).
 */

interface CellNode {
  text?: unknown;
  rowSpan?: number;
  _span?: boolean;
  pageBreakCalculated?: boolean;
  [key: string]: unknown;
}

interface Place {
  body: CellNode[][];
  row: number;
  /** A copy of the label cell for `row` onwards (fresh text), for spanning cells. */
  copy?: () => CellNode;
}

export interface NodeInfo {
  text?: unknown;
  pageNumbers?: number[];
}

/** Table cells that never take a page break of their own (pdfmake would set one: see above). */
function refusePageBreak(cell: CellNode): void {
  Object.defineProperty(cell, 'pageBreak', { get: () => undefined, set: () => undefined, enumerable: false, configurable: true });
}

export class SpanBreaks {
  /** Cells by their text array, which pdfmake hands back as the node's `text`. */
  private readonly cells = new WeakMap<object, Place>();
  private readonly rowPages = new WeakMap<CellNode[][], number[]>();
  /** Tables cut in this layout, waiting for their last row to ask for the next layout. */
  private readonly pending = new WeakSet<CellNode[][]>();

  /**
   * Register a table body whose cells may span rows. `copies[r][c]` makes a fresh copy of the
   * spanning cell at (r, c), to start anew at a later row.
   */
  register(body: CellNode[][], copies: ((() => CellNode) | undefined)[][]): void {
    if (!body.some((row) => row.some((cell) => (cell.rowSpan ?? 1) > 1))) return;
    body.forEach((row, r) => row.forEach((cell, c) => {
      refusePageBreak(cell);
      if (cell.text && typeof cell.text === 'object') this.cells.set(cell.text, { body, row: r, copy: copies[r]?.[c] });
    }));
  }

  /** pdfmake's pageBreakBefore, for the cells of registered tables: true when a span was cut. */
  check(node: NodeInfo): boolean {
    const place = node.text && typeof node.text === 'object' ? this.cells.get(node.text) : undefined;
    if (!place) return false;
    const { body, row } = place;
    const cell = body[row]!.find((c) => c.text === node.text);
    if (!cell || (cell.rowSpan ?? 1) > 1) return false; // a row's page is the page of its single-row cells
    const page = node.pageNumbers?.[0];
    if (page === undefined) return false;
    let pages = this.rowPages.get(body);
    if (!pages) this.rowPages.set(body, (pages = []));
    pages[row] = page;
    const before = pages[row - 1];
    // Rows are unbreakable (dontBreakRows): pdfmake lays a row out where the row above ended and
    // moves it to the next page if it does not fit, without updating its cells' positions. So
    // the first row whose cells report the new page is the second row there; the row above it,
    // reported on the old page, is the one that moved (tests/stat-tables.test.ts checks this on
    // the rendered pages).
    if (before !== undefined && page > before && row - 1 > 0 && this.cut(body, row - 1)) this.pending.add(body);
    if (row < body.length - 1 || !this.pending.has(body)) return false;
    // lay out again, and check this table's cells again on that layout
    this.pending.delete(body);
    this.rowPages.delete(body);
    for (const cells of body) for (const c of cells) delete c.pageBreakCalculated;
    return true;
  }

  /** Cut every span that runs from above `row` into it. */
  private cut(body: CellNode[][], row: number): boolean {
    let cut = false;
    for (let c = 0; c < body[row]!.length; c++) {
      for (let r0 = row - 1; r0 >= 0; r0--) {
        const above = body[r0]![c]!;
        if (above._span) continue;
        const span = above.rowSpan ?? 1;
        if (r0 + span > row) {
          const place = above.text && typeof above.text === 'object' ? this.cells.get(above.text) : undefined;
          const copy = place?.copy?.();
          if (!copy) break;
          copy.rowSpan = r0 + span - row;
          above.rowSpan = row - r0;
          refusePageBreak(copy);
          if (copy.text && typeof copy.text === 'object') this.cells.set(copy.text, { body, row, copy: place!.copy });
          body[row]![c] = copy;
          cut = true;
        }
        break;
      }
    }
    return cut;
  }
}

