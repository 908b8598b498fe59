/**
 * Row labels repeated while pdfmake lays a statistics table out (write/pdf/span-breaks.ts,
 * `LiveLabels`), so that the repeats take no layout of their own.
 *
 * Before, every repeat was made by cutting the label cell in the table body and laying the whole
 * document out again (a 2021-format report's PDF took 9–14 % more CPU). Now, when an unbreakable
 * row is about to move to a new page (pdfmake's own test: the row's block is taller than what is
 * left of the page), the labels span-breaks.ts names are repeated at the top of that row:
 *
 * - the lines of the label, as pdfmake laid them out where the label starts, are copied to the
 *   new page, shifted down to the row's top (same x, same text objects);
 * - the rule under the label columns at the foot of the old page, which pdfmake leaves out inside
 *   a row span, is drawn like the row's other rules;
 * - the rows below, up to the end of the label, must hold the copy: the cell at the label's last
 *   row gets the copy's start, so pdfmake makes that row taller if they do not
 *   (io/pdfmake-row-spans.ts explains those fields); when the moving row is itself the label's
 *   last row, it is made taller here, before it is placed, and its centred cells are centred in
 *   the new height.
 *
 * The result is what a second layout with the label cut at that row gives (tests compare the
 * two; a review compared renders at 323 places of 表三 on the page); span-breaks.ts then finds its
 * cuts already made and asks for no second layout. (Labels much longer than the template's can
 * differ: growing a row under a cut label can move a later break, and the second layout then
 * leaves the label whole from there on, where this repeats it.)
 *
 * A row is grown before it is placed, on pdfmake's own test that it will not fit; pdfmake could
 * instead move it to another column of snaking columns, which gongwen never uses.
 */
import { oncePerProcess, pdfmakePrototype, type SpanCell } from './pdfmake-internals.js';

/** write/pdf/span-breaks.ts's LiveLabels (io/ does not import write/: the symbol is global). */
interface LiveRepeat {
  col: number;
  from: number;
  move: boolean;
}
interface LiveLabels {
  begin(): void;
  candidates(row: number): LiveRepeat[];
  drawn(row: number, repeats: LiveRepeat[]): void;
}
const LIVE_LABELS = Symbol.for('gongwen.liveLabels');

interface Context {
  x: number;
  y: number;
  page: number;
  availableHeight: number;
  pages: { items: PageItem[] }[];
  moveDown(offset: number): void;
}
interface LineItem {
  x: number;
  y: number;
  clone(): LineItem;
}
interface VectorItem {
  type: string;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}
type PageItem = { type: 'line'; item: LineItem } | { type: 'vector'; item: VectorItem } | { type: string; item: unknown };

export interface Writer {
  context(): Context;
  contextStack: Context[];
}

export interface TableProcessor {
  tableNode: { table: { body: SpanCell[][] } };
  layout: { paddingBottom(row: number, node: unknown): number; hLineWidth(row: number, node: unknown): number };
  rowSpanData: { left: number; width: number }[];
}

interface AlignmentItem {
  begin: { item: { cell?: unknown; viewHeight?: number } };
}

/**
 * Where a label's lines are, for the labels moved in this layout of their table (taken from the
 * group's first rows to its first repeat): later repeats copy them from there.
 */
const movedLines = new WeakMap<object, Map<SpanCell, { page: number; y: number }>>();

/** The layout builder of the table being laid out (its list of vertically centred cells). */
let builder: { verticalAlignmentItemStack: AlignmentItem[] } | undefined;

interface Repeat {
  asked: LiveRepeat;
  col: number;
  label: SpanCell;
  /** The label's text bottom, from the top of its row (pdfmake's saved context). */
  bottom: number;
  /** The moving row is the label's last row. */
  last: boolean;
}

/** What to draw once the row has moved. */
export interface Plan {
  live: LiveLabels;
  body: object;
  row: number;
  repeats: Repeat[];
  oldPage: number;
  /** Where the row would have started on the old page. */
  top: number;
  x: number;
  rule: number;
  columns: { left: number; width: number }[];
}

const liveOf = (body: SpanCell[][]) => (body as unknown as Record<symbol, LiveLabels | undefined>)[LIVE_LABELS];

/**
 * Before pdfmake ends row `row` (its block not yet placed): the labels to repeat if the row is
 * about to move to a new page; the row grown if it ends a label that it cannot hold.
 */
export function planRepeats(tp: TableProcessor, row: number, writer: Writer): Plan | undefined {
  const body = tp.tableNode.table.body;
  const live = liveOf(body);
  if (!live || row === 0) return undefined;
  const block = writer.context();
  const page = writer.contextStack[writer.contextStack.length - 1]!;
  // the block's height when placed: endRow adds the bottom padding and the rule below
  const height = block.y + tp.layout.paddingBottom(row, tp.tableNode) + tp.layout.hLineWidth(row + 1, tp.tableNode);
  if (height <= page.availableHeight) return undefined;
  const repeats: Repeat[] = [];
  for (const asked of live.candidates(row)) {
    const { col, from } = asked;
    const label = body[from]![col]!;
    const bottom = label._endingCell?._columnEndingContext?.y;
    if (bottom === undefined || label._startingRowSpanY === undefined || label._startingRowSpanPage === undefined) continue;
    repeats.push({ asked, col, label, bottom, last: from + (label.rowSpan ?? 1) - 1 === row });
  }
  if (repeats.length === 0) return undefined;
  const grow = Math.max(0, ...repeats.filter((r) => r.last).map((r) => r.bottom - block.y));
  if (grow > 0) {
    block.moveDown(grow);
    // the row's centred cells are the last ones pdfmake listed (it never empties the list)
    const cells = new Set<unknown>(body[row]);
    const list = builder?.verticalAlignmentItemStack ?? [];
    for (let k = list.length - 1; k >= 0 && cells.has(list[k]!.begin.item.cell); k--) {
      const item = list[k]!.begin.item;
      if (item.viewHeight !== undefined) item.viewHeight += grow;
    }
  }
  return {
    live, body, row, repeats, oldPage: page.page, top: page.y, x: page.x,
    rule: tp.layout.hLineWidth(row, tp.tableNode),
    columns: tp.rowSpanData,
  };
}

/** After the row moved to `page`, its top at `top`: draw the repeats. */
export function drawRepeats(plan: Plan, writer: Writer, top: number, page: number, restart: (cells: (SpanCell | undefined)[], y: number, page: number) => void): void {
  const pages = writer.context().pages;
  const old = pages[plan.oldPage]!.items;
  const now = pages[page]!.items;
  // the rule at the foot of the old page, as pdfmake drew it under the other columns
  const ruleY = plan.top - plan.rule / 2;
  let rule: VectorItem | undefined;
  for (let k = old.length - 1; k >= 0 && !rule; k--) {
    const it = old[k]!;
    if (it.type === 'vector') {
      const v = it.item as VectorItem;
      if (v.type === 'line' && v.y1 === v.y2 && Math.abs(v.y1 - ruleY) < 0.01) rule = v;
    }
  }
  for (const r of plan.repeats) {
    const left = plan.x + plan.columns[r.col]!.left;
    const right = left + plan.columns[r.col]!.width;
    if (rule) old.push({ type: 'vector', item: { ...rule, x1: left, x2: right } });
    const moved = movedLines.get(plan.body)?.get(r.label);
    const from = moved?.y ?? r.label._startingRowSpanY!;
    const source = pages[moved?.page ?? r.label._startingRowSpanPage!]!.items;
    const lines = new Set<PageItem>();
    for (const it of source) {
      if (it.type !== 'line') continue;
      const line = it.item as LineItem;
      if (line.y >= from - 0.01 && line.y < from + r.bottom && line.x >= left - 0.01 && line.x < right) lines.add(it);
    }
    for (const it of lines) {
      const line = it.item as LineItem;
      const copy = line.clone();
      copy.y = line.y - from + top;
      now.push({ type: 'line', item: copy });
    }
    // a label moved from the group's first rows (too few for it) leaves a blank there
    if (r.asked.move) {
      for (let k = source.length - 1; k >= 0; k--) if (lines.has(source[k]!)) source.splice(k, 1);
      movedLines.get(plan.body)?.set(r.label, { page, y: top });
    }
    // the rows below up to the label's end hold the copy (pdfmake grows the last if they do not)
    if (!r.last) restart([r.label._endingCell, r.label._leftEndingCell], top, page);
  }
  plan.live.drawn(plan.row, plan.repeats.map((r) => r.asked));
}

interface LayoutBuilderProto {
  processTable(tableNode: unknown): unknown;
  verticalAlignmentItemStack: AlignmentItem[];
}
interface TableProcessorProto {
  tableNode: { table: { body: SpanCell[][] } };
  beginTable(writer: unknown): void;
}


/** Tell each table's LiveLabels when a layout of it starts, and keep the builder at hand (once per process). */
export const hookTableStarts = oncePerProcess(() => {
  const lproto = pdfmakePrototype<LayoutBuilderProto>('LayoutBuilder');
  const processTable = lproto.processTable;
  lproto.processTable = function (this: LayoutBuilderProto, tableNode) {
    const outer = builder;
    builder = this;
    try {
      return processTable.call(this, tableNode);
    } finally {
      builder = outer;
    }
  };
  const tproto = pdfmakePrototype<TableProcessorProto>('TableProcessor');
  const beginTable = tproto.beginTable;
  tproto.beginTable = function (this: TableProcessorProto, writer) {
    beginTable.call(this, writer);
    const body = this.tableNode.table.body;
    const live = liveOf(body);
    if (!live) return;
    live.begin();
    movedLines.set(body, new Map());
  };
});
