/**
 * Where a part of the document landed, told by the laid-out pages themselves. pdfmake notes a
 * node's positions on the node, but a block kept whole (`unbreakable`) that it moves on to the next
 * page keeps the positions of its first try; so a writer marks an inline with a probe
 * (PAGE_PROBE: an object, which pdfmake's copies of the inline share), and once the pages are laid
 * out the probe learns the page of the line that holds it, and whether that line opens its page.
 * The end matter set apart after a table (write/pdf/index.ts) is told so: starting a page, it
 * leaves that page without body text (GB/T 9704 7.3.5), which build.ts warns of.
 *
 * Only a document whose content carries a probe (PAGE_PROBE on the content array, which pdfmake
 * hands to the layout as it is) is looked through, from its last page back to the probe's line:
 * looking up the property on every inline of every page cost a warm report ≈ 2 ms.
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
    const probe = (args[0] as Record<string, unknown> | undefined)?.[PAGE_PROBE] as PageProbe | undefined;
    if (!probe) return pages;
    for (let p = pages.length - 1; p >= 0 && !probe.page; p--) {
      const lines = pages[p]!.items.filter((i) => i.type === 'line');
      const at = lines.findIndex(({ item }) => item.inlines?.some((inline) => inline[PAGE_PROBE] === probe));
      if (at >= 0) {
        probe.page = p + 1;
        probe.opensPage = at === 0;
      }
    }
    return pages;
  };
});
