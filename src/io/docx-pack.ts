/**
 * The docx edge: pack a Document into bytes that are the same on every build, in any time zone.
 * docx stamps core.xml with the clock and the ZIP entries with the current time; both are
 * replaced with the report's own date.
 */
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** The W3CDTF form of an instant, without milliseconds. */
const w3cdtf = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `fixes` rewrite named XML parts after packing (see write/docx/fixups.ts). */
export async function packDocx(doc: Document, created: Date, fixes: Record<string, (xml: string) => string> = {}): Promise<Buffer> {
  const raw = await Packer.toBuffer(doc);
  const entries = unzipSync(new Uint8Array(raw));
  const core = strFromU8(entries['docProps/core.xml'])
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${w3cdtf(created)}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${w3cdtf(created)}$2`);
  entries['docProps/core.xml'] = strToU8(core);
  for (const [name, fix] of Object.entries(fixes)) entries[name] = strToU8(fix(strFromU8(entries[name])));
  // new Date(1980, 0, 1) is local time on both ends of the ZIP round trip, so the bytes do not depend on TZ.
  const mtime = new Date(1980, 0, 1);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(entries)) zippable[name] = [data, { mtime, level: 6 }];
  return Buffer.from(zipSync(zippable));
}
