/** The table directory of an OpenType/TrueType face (its `sfnt` header at `sfnt`; 0 unless in a collection). */
export interface TableRecord { offset: number; length: number }

/** Tag → where the table lies, the first record of each tag. Reads past the buffer's end throw (a RangeError). */
export function sfntTables(buf: Buffer, sfnt = 0): Map<string, TableRecord> {
  const tables = new Map<string, TableRecord>();
  const numTables = buf.readUInt16BE(sfnt + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = sfnt + 12 + 16 * i;
    const tag = buf.toString('latin1', rec, rec + 4);
    if (!tables.has(tag)) tables.set(tag, { offset: buf.readUInt32BE(rec + 8), length: buf.readUInt32BE(rec + 12) });
  }
  return tables;
}
