/**
 * WordprocessingML written as text, carried through docx's compiler.
 *
 * docx builds an object for every element and attribute and formats the tree to XML; for a
 * statistics table (some 300 cells, each a cell, paragraph, run and their properties) that was
 * most of a DOCX's build time. Such blocks are written as text (stat-table.ts) and placed in the
 * document as a `RawXml` child: docx writes it as one placeholder element that carries only the
 * block's number, and `expandRawXml`, a part fix of word/document.xml (fixups.ts), puts the text
 * in its place. (Escaped into the placeholder, the text cost a third of the time it saved; in
 * base64, docx still escaped, searched and copied ≈ 100 KB of it per document, and it had to be
 * decoded: the number instead made a warm DOCX ≈ 25 % cheaper.)
 */
import { FileChild } from 'docx';

const TAG = 'gongwen:raw';

/**
 * Texts of the RawXml blocks made in this thread, by number. A document is written and packed in
 * one go (io/docx-build.ts), so only its own few blocks (a statistics table each, three at most)
 * are needed; the last KEPT are kept (a document may be packed more than once), older ones are
 * let go. (256 kept ≈ 16 MiB of table text alive in a DOCX thread: a review measured it.)
 */
const waiting = new Map<number, string>();
const KEPT = 16;
let made = 0;

export class RawXml extends FileChild {
  private readonly id: number;

  /** `xml` is kept in `waiting` (above), not on the block. */
  constructor(xml: string) {
    super(TAG);
    this.id = ++made;
    waiting.set(this.id, xml);
    if (waiting.size > KEPT) waiting.delete(waiting.keys().next().value!);
  }

  override prepForXml(): { [TAG]: { _attr: { id: number } } } {
    return { [TAG]: { _attr: { id: this.id } } };
  }
}

const PLACEHOLDER = new RegExp(`<${TAG} id="(\\d+)"/>`, 'g');

/** word/document.xml with every RawXml placeholder replaced by its text. */
export function expandRawXml(xml: string): string {
  return xml.replace(PLACEHOLDER, (_, id: string) => {
    const text = waiting.get(Number(id));
    if (text === undefined) throw new Error(`no text for raw XML block ${id}: was its document packed long after it was written?`);
    return text;
  });
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** The character each of those entities stands for ('&amp;' → '&'). */
export const ENTITY_CHARS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TEXT_ESCAPES).map(([c, e]) => [e, c]));

/**
 * Text for element content or an attribute value, escaped as docx escapes it (the same five
 * entities; the control characters XML 1.0 forbids are dropped).
 */
export const escapeLikeDocx = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => TEXT_ESCAPES[c] ?? '');
