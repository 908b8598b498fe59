/**
 * Text after a table back on the line grid.
 *
 * A table is as tall as its rows, which is no whole number of the body's grid lines, and pdfmake
 * goes on where it ends: in the 2021 sample the text after 表二, 表三 and 表四 sat 0.31 to 0.85 of
 * a line off the 22-line grid, out of register with the facing page, and page 8 held a line less.
 * A node that gives `gridAfter` (its pitch in pt; write/pdf/blocks.ts sets it on the tables of
 * the body, and the groups that end with one) now moves what follows it down to the next grid
 * line, counted from the top of the page's text block: the bottom margin it asks for is the
 * least gap, the grid adds up to a line.
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';

interface Context {
  y: number;
  availableHeight: number;
  pageMargins: { top: number };
  moveDown(offset: number): void;
}

interface LayoutBuilderProto {
  writer: { context(): Context; transactionLevel: number };
  processNode(node: { gridAfter?: number }, isVerticalAlignmentAllowed?: boolean): unknown;
}

/** How far past a grid line a node may end and what follows still start on that line, in pt. */
const SNAP_TOLERANCE = 0.1;

/** Patch pdfmake's LayoutBuilder, once per process. */
export const snapToGridAfterNodes = oncePerProcess(() => {
  const proto = pdfmakePrototype<LayoutBuilderProto>('LayoutBuilder');
  const processNode = proto.processNode;
  // (called for every node of every layout: no rest parameters, no array a call)
  proto.processNode = function (this: LayoutBuilderProto, node, isVerticalAlignmentAllowed) {
    const out = processNode.call(this, node, isVerticalAlignmentAllowed);
    const pitch = node.gridAfter;
    // not inside a block kept whole, which pdfmake lays out apart from the page: a group that
    // holds a table must carry the snap itself (write/pdf/index.ts keepTogether does)
    if (pitch && this.writer.transactionLevel === 0) {
      const ctx = this.writer.context();
      const lines = (ctx.y - ctx.pageMargins.top) / pitch;
      // a tenth of a point's tolerance: a table that ends on a line stays there, and so does one
      // whose rules and paddings end a few hundredths past it (a note row's second line, 0.03 pt
      // below its grid line, sent the text after it a line further); the line after starts that much
      // into the table's last line box, above its text
      const gap = (Math.ceil(lines - SNAP_TOLERANCE / pitch) - lines) * pitch;
      if (gap > 1e-6) ctx.moveDown(Math.min(gap, ctx.availableHeight));
    }
    return out;
  };
});
