/**
 * pdfmake measures every text node again each time it lays the document out. When a
 * pageBreakBefore hook asks for another layout (write/pdf/span-breaks.ts cuts the spans of a
 * table at its page breaks), the whole document is measured anew: two thirds of a layout's
 * time. A text node's measurement depends only on its text and the styles around it, which
 * another layout of the same definition does not change; so when a node is measured again, its
 * first measurement is handed out again.
 *
 * Laying out consumes a node's measured inlines and changes some in place: it sets their x
 * and, on justified lines, their justifyShift, and it cuts the text and width of an inline too
 * wide for a line (the rest goes into a new inline). The kept measurement is the list of the
 * inline objects with their measured text and width; a repeat restores those and clears
 * justifyShift (x is always set anew). Nodes whose text is a reference to another node's text
 * are always measured anew (table-of-contents entries are new nodes on every layout anyway).
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';

interface Inline { text: string; width: number; justifyShift?: number }
interface Measured { text: unknown; items: Inline[]; texts: string[]; widths: number[]; minWidth: number; maxWidth: number }
interface LeafNode { text: unknown; _textRef?: unknown; _inlines: Inline[]; _minWidth: number; _maxWidth: number }

const measured = new WeakMap<object, Measured>();
/** Text nodes whose measurement was handed out again (for tests). */
export const measureCacheStats = { hits: 0 };

export const reuseLeafMeasurements = oncePerProcess(() => {
  const proto = pdfmakePrototype<{ measureLeaf(node: LeafNode): LeafNode }>('DocMeasure');
  const measureLeaf = proto.measureLeaf;
  proto.measureLeaf = function (this: unknown, node: LeafNode) {
    if (node._textRef) return measureLeaf.call(this, node);
    const hit = measured.get(node);
    if (hit && hit.text === node.text) {
      measureCacheStats.hits++;
      for (let k = 0; k < hit.items.length; k++) {
        const inline = hit.items[k]!;
        inline.text = hit.texts[k]!;
        inline.width = hit.widths[k]!;
        if (inline.justifyShift !== undefined) inline.justifyShift = undefined;
      }
      node._inlines = hit.items.slice();
      node._minWidth = hit.minWidth;
      node._maxWidth = hit.maxWidth;
      return node;
    }
    const result = measureLeaf.call(this, node);
    const items = node._inlines;
    measured.set(node, {
      text: node.text, items: items.slice(), texts: items.map((i) => i.text), widths: items.map((i) => i.width),
      minWidth: node._minWidth, maxWidth: node._maxWidth,
    });
    return result;
  };
});
