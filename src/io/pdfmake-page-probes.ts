/**
 * Where a part of the document landed, told by the laid-out pages themselves. pdfmake notes a
 * node's positions on the node, but a block kept whole (`unbreakable`) that it moves on to the next
 * page keeps the positions of its first try; so a writer marks an inline with a probe
 * (PAGE_PROBE: an object, which pdfmake's copies of the inline share), and once the pages are laid
 * out the probe learns the page of the line that holds it, and whether that line opens its page.
 * The end matter set apart after a table (write/pdf/index.ts) is told so: starting a page, it
 * leaves that page without body text (GB/T 9704 7.3.5), which build.ts warns of.
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';
import { PAGE_PROBE, type PageProbe } from '../write/pdf/text.js';

interface Item { type: string; item: { inlines?: Record<string, unknown>[] } }
interface LayoutBuilderProto { layoutDocument(...args: unknown[]): { items: Item[] }[] }

/** Patch pdfmake's LayoutBuilder, once per process. */
export const readPageProbes = oncePerProcess(() => {
  const proto = pdfmakePrototype<LayoutBuilderProto>('LayoutBuilder');
  const layoutDocument = proto.layoutDocument;
  proto.layoutDocument = function (this: LayoutBuilderProto, ...args: unknown[]) {
    const pages = layoutDocument.apply(this, args);
    pages.forEach((page, p) => {
      let first = true;
      for (const { type, item } of page.items) {
        if (type !== 'line') continue;
        for (const inline of item.inlines ?? []) {
          const probe = inline[PAGE_PROBE] as PageProbe | undefined;
          if (probe) {
            probe.page = p + 1;
            probe.opensPage = first;
          }
        }
        first = false;
      }
    });
    return pages;
  };
});
