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

interface CffGlyphProto {
  id: number;
  _font: Record<string, unknown>;
  _usedGsubrs: Record<number, boolean>;
  _usedSubrs: Record<number, boolean>;
  _getPath(): unknown;
}

const outlines = new WeakMap<object, Map<number, { path: unknown; gsubrs: Record<number, boolean>; subrs: Record<number, boolean> }>>();

/**
 * The same for glyph outlines of CFF fonts: pdfkit's subsetter decodes every used glyph's
 * charstring (to find the subroutines it calls) in every document. Outlines and the subroutines
 * they use are shared per decoded CFF table (itself shared, see above) and glyph id.
 */
export function shareGlyphOutlines(font: { glyphForCodePoint(cp: number): object }): void {
  const glyph = font.glyphForCodePoint(0x4e00);
  const proto = Object.getPrototypeOf(glyph) as CffGlyphProto;
  if (patched.has(proto) || !('bias' in proto)) return; // CFF glyphs only
  patched.add(proto);
  const getPath = proto._getPath;
  proto._getPath = function (this: CffGlyphProto) {
    const cff = (this._font.CFF2 ?? this._font['CFF ']) as object;
    let byId = outlines.get(cff);
    if (!byId) outlines.set(cff, (byId = new Map()));
    const hit = byId.get(this.id);
    if (hit) {
      this._usedGsubrs = hit.gsubrs;
      this._usedSubrs = hit.subrs;
      return hit.path;
    }
    const path = getPath.call(this);
    byId.set(this.id, { path, gsubrs: this._usedGsubrs, subrs: this._usedSubrs });
    return path;
  };
}
