/**
 * No blank last page. pdfmake 0.3 moves to a new page when a node's bottom margin does not fit
 * below it (LayoutBuilder applyMargins): a table ending on the last line of the 版心, its margin
 * below (write/pdf/md-table.ts, stat tables), opened a page for whatever follows — and where
 * nothing followed, the document ended on a page that holds only its page number. GB/T 9704 has
 * no blank pages, so trailing pages without anything inside the 版心 are dropped after layout.
 * The footer (the page number) is laid out below the 版心 and does not count; nothing can point at
 * a page that holds nothing (bookmarks, the table of contents).
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';

interface Item { type: string; item: { y?: number; y1?: number; y2?: number; h?: number } }
interface Page { items: Item[]; pageSize: { height: number }; pageMargins: { bottom: number } }
interface LayoutBuilderProto { layoutDocument(...args: unknown[]): Page[] }

/** Whether the page holds nothing above its bottom margin (its footer is below it). */
export function isBlankPage(page: Page): boolean {
  const bottom = page.pageSize.height - page.pageMargins.bottom;
  return page.items.every(({ item }) => (item.y ?? Math.min(item.y1 ?? Infinity, item.y2 ?? Infinity)) >= bottom - 1e-6);
}

/** Patch pdfmake's LayoutBuilder, once per process. */
export const dropBlankLastPages = oncePerProcess(() => {
  const proto = pdfmakePrototype<LayoutBuilderProto>('LayoutBuilder');
  const layoutDocument = proto.layoutDocument;
  proto.layoutDocument = function (this: LayoutBuilderProto, ...args: unknown[]) {
    const pages = layoutDocument.apply(this, args);
    while (pages.length > 1 && isBlankPage(pages[pages.length - 1]!)) pages.pop();
    return pages;
  };
});
