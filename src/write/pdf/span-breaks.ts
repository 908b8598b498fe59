/**
 * Row labels that continue across a page break are printed again on the new page.
 *
 * A statistics table groups rows under a label that spans them (表三: 三、本年度办理结果 over
 * twenty rows, （三）不予公开 over eight). pdfmake draws a spanning cell once, at its first row, so
 * the rows that a page break carries onto the next page have a blank label column and nobody can
 * tell which group they belong to. Where a break falls inside a group, the group's label cell is
 * cut at the break: the rows before it keep the label, the rows after it get the same label in a
 * cell of their own, at the top of the new page.
 *
 * Page breaks are known only after layout, so this works through pdfmake's pageBreakBefore hook,
 * which sees every laid-out node with its pages, in order. At a table's last row it knows the
 * page of every row and decides, for each group, where its label is cut; if that changed, it
 * asks pdfmake to lay the document out again. (pdfmake answers by setting `pageBreak: 'before'`
 * on that cell; cells of the tables registered here ignore that property: they never take a page
 * break of their own.) The table's cells are checked again on every layout, until nothing
 * changes.
 *
 * A cut must not move the break it was made for. A label is cut only where the rows before the
 * break are tall enough for it, as estimated by the caller: were they not, pdfmake would make
 * the last of them taller, the break would move up, and the label would be printed twice on one
 * page (see `decide` for the first rows of a group). The rows after the last break may be fewer
 * than the label needs (3.其他 and （七）总计 under 三、本年度办理结果): pdfmake makes the last of
 * them taller, below the break, which stays where it is. Should a break still move away from a cut,
 * the group is joined up again and left whole (its label then appears only before the break, as
 * pdfmake draws it). After MAX_ROUNDS layouts all of a table's labels are left whole, whatever
 * happens, so the number of layouts is bounded.
 * Tables registered here must have dontBreakRows (see `decide`).
 */

interface CellNode {
  text?: unknown;
  rowSpan?: number;
  pageBreakCalculated?: boolean;
  [key: string]: unknown;
}

/** A label cell over several rows, as the caller registers it. */
export interface SpanningLabel {
  row: number;
  col: number;
  /** A fresh copy of the label cell (fresh text), to start anew at a later row. */
  copy: () => CellNode;
  /** Whether rows [from, to) are tall enough to hold the label. */
  fits: (from: number, to: number) => boolean;
}

interface Group extends SpanningLabel {
  end: number;
  label: CellNode;
  copies: Map<number, CellNode>;
  cuts: number[];
  /** The label's first rows have a blank cell; the label starts at the first cut. */
  blankFirst: boolean;
  blank?: CellNode;
  frozen: boolean;
  /** Rows where this layout repeated the label while laying out (`LiveLabels`), in order. */
  live: number[];
  /** This layout moved the label from the group's first rows to the first repeat (as `blankFirst`). */
  liveBlankFirst: boolean;
  /** This layout passed a break whose rows before it could not hold the label: no more repeats (as `decide`). */
  liveStopped: boolean;
}

interface Table {
  body: CellNode[][];
  groups: Group[];
  pages: number[];
  /** Layouts decided on so far. */
  rounds: number;
  /** This layout has been decided on (its last row reached). */
  decided: boolean;
}

/** Layouts after which a table's labels are left whole (each group changes at most twice). */
const MAX_ROUNDS = 6;

/**
 * The labels repeated while pdfmake lays a table out, so that the usual case needs no second
 * layout (io/pdfmake-live-labels.ts calls this; it finds it on the table body under LIVE_LABELS).
 * When a row of the table is about to move to a new page, the layout asks which labels to repeat
 * at its top; it then draws a copy of each label's lines there (and grows the row if it is the
 * last of its group and too short), and reports what it drew. `decide` counts those repeats as
 * cuts (a label moved from a group's first rows as `blankFirst`): where they are the cuts it
 * would have made, nothing is laid out again; anything else is still done by cutting the cell
 * and laying out again.
 */
export interface LiveLabels {
  /** A layout of the table starts: forget the repeats of any layout before. */
  begin(): void;
  /**
   * The labels to repeat at the top of `row`, which starts a new page: their column, the row of
   * the body cell whose lines to copy, and whether to take those lines away (the group's first
   * rows, before the break, are too few for the label: `blankFirst`).
   */
  candidates(row: number): LiveRepeat[];
  /** These of the candidates were repeated at the top of `row`. */
  drawn(row: number, repeats: LiveRepeat[]): void;
}

export interface LiveRepeat {
  col: number;
  from: number;
  move: boolean;
}

/** The key of a registered table body's LiveLabels (a symbol shared with io/, which does not import write/). */
export const LIVE_LABELS = Symbol.for('gongwen.liveLabels');

export interface NodeInfo {
  text?: unknown;
  pageNumbers?: number[];
}

/** Table cells that never take a page break of their own (pdfmake would set one: see above). */
const NO_PAGE_BREAK: PropertyDescriptor = { get: () => undefined, set: () => undefined, enumerable: false, configurable: true };
function refusePageBreak(cell: CellNode): void {
  Object.defineProperty(cell, 'pageBreak', NO_PAGE_BREAK);
}

/** The cell of `row` whose text is `text` (a loop: a search with a closure made per call was optimised again and again). */
function cellWithText(row: CellNode[], text: unknown): CellNode | undefined {
  for (const c of row) if (c.text === text) return c;
  return undefined;
}

/**
 * The labels to repeat at the top of `row` while laying out: each group over the row, not yet
 * cut there, whose label so far is not a blank, by the rules of `decide`: where the rows before
 * the break hold it, and where the group's first rows do not (the label then moves); after a
 * break where later rows do not, none (the label stays whole). Called once for each row that
 * moves, in order.
 */
function liveCandidates(table: Table, row: number): LiveRepeat[] {
  const out: LiveRepeat[] = [];
  for (const g of table.groups) {
    if (g.frozen || g.liveStopped || row <= g.row || row >= g.end || g.cuts.includes(row)) continue;
    // the body cell over `row`: the label or the copy at the last cut before it
    let cell = g.row;
    for (const c of g.cuts) if (c < row) cell = c;
    if (cell === g.row && g.blankFirst) continue;
    let from = cell;
    for (const c of g.live) if (c < row && c > from) from = c;
    // the group's first rows too few for the label: it moves to this row (`blankFirst`)
    if (g.fits(from, row)) out.push({ col: g.col, from: cell, move: false });
    else if (from === g.row) out.push({ col: g.col, from: cell, move: true });
    else g.liveStopped = true; // the label stays whole from here on: `decide` cuts no further
  }
  return out;
}

const sameCuts = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export class SpanBreaks {
  /** Cells by their text array, which pdfmake hands back as the node's `text`. */
  private readonly cells = new WeakMap<object, { table: Table; row: number }>();

  /** Register a table body and its label cells over several rows. */
  register(body: CellNode[][], labels: SpanningLabel[]): void {
    if (labels.length === 0) return;
    const table: Table = {
      body,
      pages: [],
      rounds: 0,
      decided: false,
      groups: labels.map((l) => ({
        ...l, end: l.row + (body[l.row]![l.col]!.rowSpan ?? 1), label: body[l.row]![l.col]!, copies: new Map(), cuts: [], blankFirst: false, frozen: false, live: [], liveBlankFirst: false, liveStopped: false,
      })),
    };
    const live: LiveLabels = {
      begin: () => {
        for (const g of table.groups) {
          g.live.length = 0;
          g.liveBlankFirst = false;
          g.liveStopped = false;
        }
      },
      candidates: (row) => liveCandidates(table, row),
      drawn: (row, repeats) => {
        for (const r of repeats) {
          const g = table.groups.find((x) => x.col === r.col && x.row < row && row < x.end);
          if (!g) continue;
          g.live.push(row);
          if (r.move) g.liveBlankFirst = true;
        }
      },
    };
    Object.defineProperty(body, LIVE_LABELS, { value: live, configurable: true });
    body.forEach((row, r) => row.forEach((cell) => {
      refusePageBreak(cell);
      if (cell.text && typeof cell.text === 'object') this.cells.set(cell.text, { table, row: r });
    }));
  }

  /** pdfmake's pageBreakBefore, for the cells of registered tables: true to lay out again. */
  check(node: NodeInfo): boolean {
    const place = node.text && typeof node.text === 'object' ? this.cells.get(node.text) : undefined;
    if (!place) return false;
    const { table, row } = place;
    const cell = cellWithText(table.body[row]!, node.text);
    if (!cell) return false;
    // checked again on every layout (pdfmake checks a node once), so pages are always this layout's
    delete cell.pageBreakCalculated;
    const page = node.pageNumbers?.[0];
    // a row's page is the page of its single-row cells
    if ((cell.rowSpan ?? 1) > 1 || page === undefined) return false;
    table.pages[row] = page;
    // decide once per layout, at the first cell of the last row
    if (row < table.body.length - 1) {
      table.decided = false;
      return false;
    }
    if (table.decided) return false;
    table.decided = true;
    return this.decide(table);
  }

  /** Cut each group's label at the page breaks inside it; true if any group changed. */
  private decide(table: Table): boolean {
    // Rows are unbreakable (dontBreakRows): pdfmake lays a row out where the row above ended and
    // moves it to the next page if it does not fit, without updating its cells' positions. So
    // the first row whose cells report a new page is the second row there; the row above it,
    // reported on the old page, is the one that moved and starts the page (tests/stat-tables
    // checks this on the rendered pages).
    const starts: number[] = [];
    for (let r = 2; r < table.pages.length; r++) {
      const [before, page] = [table.pages[r - 1], table.pages[r]];
      if (before !== undefined && page !== undefined && page > before) starts.push(r - 1);
    }
    let changed = false;
    if (++table.rounds > MAX_ROUNDS) {
      // a safety net: a table whose breaks keep moving is left as pdfmake draws it
      for (const g of table.groups) {
        if (g.frozen) continue;
        if (g.cuts.length || g.blankFirst) {
          this.apply(table, g, [], false);
          changed = true;
        }
        g.frozen = true;
      }
      return changed;
    }
    for (const g of table.groups) {
      if (g.frozen) continue;
      const inside = starts.filter((s) => s > g.row && s < g.end);
      if (g.cuts.some((c) => !inside.includes(c))) {
        // a break moved away from a cut: join the label up again and leave it whole
        this.apply(table, g, [], false);
        g.frozen = true;
        changed = true;
        continue;
      }
      // Cut at each break in turn while the rows before it hold the label; after the last
      // break, the rest of the group takes the label whatever its height (its last row grows).
      // Should the rows between two breaks not hold it (not seen: they fill a page), the label
      // stays whole from the last cut on, as pdfmake draws it.
      // The first rows of a group, at the foot of a page, may be too few for its label: such a
      // group normally starts on the next page (io/pdfmake-label-room.ts), but that rule works
      // on estimated heights. Where it did not move them, the label moves to the next page, where
      // the rest of the group is, and the first rows keep a blank cell (drawn whole, the label
      // would run past the table's last row on that page, into the page number).
      const cuts: number[] = [];
      let from = g.row;
      let blankFirst = false;
      for (const s of inside) {
        if (!g.fits(from, s)) {
          if (from !== g.row) break;
          blankFirst = true;
        }
        cuts.push((from = s));
      }
      // the cuts in the body and the repeats drawn while laying out
      const made = g.live.length ? [...g.cuts, ...g.live].sort((a, b) => a - b) : g.cuts;
      if (!sameCuts(cuts, made) || blankFirst !== (g.blankFirst || g.liveBlankFirst)) {
        this.apply(table, g, cuts, blankFirst);
        changed = true;
      }
    }
    return changed;
  }

  /** Set the group's label cells for `cuts`: the label (or a blank) first, copies at each cut. */
  private apply(table: Table, g: Group, cuts: number[], blankFirst: boolean): void {
    for (const c of g.cuts) if (!cuts.includes(c)) table.body[c]![g.col] = {}; // covered again
    const bounds = [g.row, ...cuts, g.end];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const at = bounds[i]!;
      let cell = at === g.row ? (blankFirst ? g.blank : g.label) : g.copies.get(at);
      if (!cell) {
        cell = g.copy();
        refusePageBreak(cell);
        if (at === g.row) {
          // no text, and no line of the default 三号 either: the rows keep the height of their text
          cell.text = '';
          cell.fontSize = 1;
          g.blank = cell;
        } else {
          if (cell.text && typeof cell.text === 'object') this.cells.set(cell.text, { table, row: at });
          g.copies.set(at, cell);
        }
      }
      cell.rowSpan = bounds[i + 1]! - at;
      table.body[at]![g.col] = cell;
    }
    g.cuts = cuts;
    g.blankFirst = blankFirst;
  }
}
