/**
 * pdfkit opens every font anew for every document (fontkit.create on the same bytes), and
 * decoding a CJK face's tables — its cmap, metrics and 10,000- to 65,000-glyph CFF table — is a
 * large part of the time of a small document. Decoded tables are shared between all fontkit
 * fonts opened on the same bytes: keyed by the font file's buffer and the table's offset, kept as
 * long as the buffer lives. The fonts stay separate objects (their glyph caches and subsets are
 * per document); only the decoded tables, which nothing writes to, are shared.
 */
interface FontkitTable {
  tag: string;
  offset: number;
}

interface FontkitFontProto {
  _decodeTable(table: FontkitTable): unknown;
  stream: { buffer: Uint8Array };
}

const patched = new WeakSet<object>();
const tables = new WeakMap<Uint8Array, Map<string, unknown>>();
export const tableCacheStats = { hits: 0, misses: 0 };

/** Patch the class of `font` (fontkit's TTFFont, which CFF-flavoured OpenType fonts use too). */
export function shareDecodedTables(font: object): void {
  const proto = Object.getPrototypeOf(font) as FontkitFontProto;
  if (patched.has(proto)) return;
  patched.add(proto);
  const decode = proto._decodeTable;
  proto._decodeTable = function (this: FontkitFontProto, table: FontkitTable) {
    const buffer = this.stream.buffer;
    let cache = tables.get(buffer);
    if (!cache) tables.set(buffer, (cache = new Map()));
    const key = `${table.tag}@${table.offset}`;
    if (cache.has(key)) tableCacheStats.hits++;
    else {
      tableCacheStats.misses++;
      cache.set(key, decode.call(this, table));
    }
    return cache.get(key);
  };
}
