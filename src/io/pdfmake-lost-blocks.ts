/**
 * No text lost without a word. pdfmake 0.3 keeps only the first page of an unbreakable block
 * (PageElementWriter.commitUnbreakableBlock: "no support for multi-page unbreakableBlocks"), and
 * places that page as one fragment, which it tries on the next page where it does not fit and
 * drops there too where it is taller than a page (PageElementWriter.addFragment) — silently, and
 * with it whatever the block holds: the headings kept with the first line below them (twenty
 * empty headings in a row), an end matter of a long 责任编辑 line with the QR code, a heading or
 * table cell of hundreds of characters. The DOCX keeps all of it, so the two outputs would
 * differ. Such a block now stops the build: LostBlockError carries the text that would be lost,
 * and the build names it with its line (build.ts).
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';

interface Item { type: string; item: { inlines?: { text: string }[] } }
interface Writer {
  transactionLevel: number;
  context(): { pages: { items: Item[] }[] };
  commitUnbreakableBlock(...args: unknown[]): unknown;
  addFragment(fragment: { items: Item[] }, useBlockXOffset?: boolean, ...rest: unknown[]): unknown;
}

const textOf = (items: Item[]): string => items.flatMap((i) => i.item.inlines?.map((x) => x.text) ?? []).join('').trim();

export class LostBlockError extends Error {
  /** The text on the pages past the first (empty where they hold only drawings: a QR code, rules). */
  constructor(readonly lost: string) {
    super('pdfmake would drop the part of an unbreakable block past its first page');
  }
}

/** Patch pdfmake's PageElementWriter, once per process. */
export const refuseLostBlocks = oncePerProcess(() => {
  const proto = pdfmakePrototype<Writer>('PageElementWriter');
  const commit = proto.commitUnbreakableBlock;
  proto.commitUnbreakableBlock = function (this: Writer, ...args: unknown[]) {
    if (this.transactionLevel === 1) {
      const later = this.context().pages.slice(1).flatMap((p) => p.items);
      if (later.length) throw new LostBlockError(textOf(later));
    }
    return commit.apply(this, args);
  };
  // the block, one page long, is placed: where it is taller than a page, pdfmake tries it on the
  // next page, fails again and goes on without it
  const addFragment = proto.addFragment;
  proto.addFragment = function (this: Writer, fragment, useBlockXOffset, ...rest) {
    const position = addFragment.call(this, fragment, useBlockXOffset, ...rest);
    if (!position && !useBlockXOffset) throw new LostBlockError(textOf(fragment.items));
    return position;
  };
});
