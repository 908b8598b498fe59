/**
 * WordprocessingML written as text, carried through docx's compiler.
 *
 * docx builds an object for every element and attribute and formats the tree to XML; for a
 * statistics table (some 300 cells, each a cell, paragraph, run and their properties) that was
 * most of a DOCX's build time. Such blocks are written as text (stat-table.ts) and placed in the
 * document as a `RawXml` child: docx writes it as one placeholder element with the text in an
 * attribute, and `expandRawXml`, a part fix of word/document.xml (fixups.ts), puts the text back
 * in its place. The attribute holds the text in base64, which docx's escaping passes over
 * untouched: escaped and unescaped character by character, the text cost a third of the time
 * it saved.
 */
import { FileChild } from 'docx';

const TAG = 'gongwen:raw';

export class RawXml extends FileChild {
  constructor(readonly xml: string) {
    super(TAG);
  }

  override prepForXml(): { [TAG]: { _attr: { base64: string } } } {
    return { [TAG]: { _attr: { base64: Buffer.from(this.xml, 'utf8').toString('base64') } } };
  }
}

const PLACEHOLDER = new RegExp(`<${TAG} base64="([A-Za-z0-9+/=]*)"/>`, 'g');

/** word/document.xml with every RawXml placeholder replaced by its text. */
export function expandRawXml(xml: string): string {
  return xml.replace(PLACEHOLDER, (_, base64: string) => Buffer.from(base64, 'base64').toString('utf8'));
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/**
 * Text for element content or an attribute value, escaped as docx escapes it (the same five
 * entities; the control characters XML 1.0 forbids are dropped).
 */
export const escapeLikeDocx = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => TEXT_ESCAPES[c] ?? '');
