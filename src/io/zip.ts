/**
 * A small ZIP writer for OOXML packages: DEFLATE by Node's native zlib, fixed timestamps, entries
 * in the order given, no ZIP64 (a report's DOCX is far below 4 GiB). Written for speed: the pure
 * JavaScript DEFLATE that docx and fflate use cost ≈ 130 ms on a cold process and ≈ 40 ms on every
 * warm DOCX; zlib takes a few milliseconds. Parts that are the same in every document (styles,
 * settings, theme, font table …) are compressed once per process and reused.
 *
 * Format: PKWARE APPNOTE 6.3, local file header + data per entry, central directory, end record.
 */
import * as zlib from 'node:zlib';

const { deflateRawSync } = zlib;
/** Node's native CRC-32 (from 20.15 on); older Node 20 releases use the table version below. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320). */
export function crc32(data: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(data) : tableCrc32(data);
}

let crcTable: Int32Array | undefined;
export function tableCrc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** DOS date and time of 1980-01-01 00:00, the earliest a ZIP can say: the same bytes in every time zone. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface Packed { name: Buffer; crc: number; size: number; data: Buffer }

/** Compressed parts by name and exact text, least recently used out first: shared parts stay, one-offs rotate out. */
const packedCache = new Map<string, Packed>();
const CACHE_LIMIT = 32;

function pack(name: string, content: string | Uint8Array): Packed {
  const key = typeof content === 'string' && content.length < 200_000 ? `${name}\u0000${content}` : undefined;
  const hit = key === undefined ? undefined : packedCache.get(key);
  if (hit) {
    packedCache.delete(key!); // least recently used goes first
    packedCache.set(key!, hit);
    return hit;
  }
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const packed = { name: Buffer.from(name, 'utf8'), crc: crc32(bytes), size: bytes.length, data: deflateRawSync(bytes, { level: 6 }) };
  if (key !== undefined) {
    if (packedCache.size >= CACHE_LIMIT) packedCache.delete(packedCache.keys().next().value!);
    packedCache.set(key, packed);
  }
  return packed;
}

/** A ZIP archive of `files` (path → text, written as UTF-8, or bytes), every entry DEFLATE-compressed. */
export function zipFiles(files: Iterable<[string, string | Uint8Array]>): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, content] of files) {
    const p = pack(name, content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (DEFLATE)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // DEFLATE
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    local.copy(dir, 6, 4, 30); // version needed … name length: as in the local header
    dir.writeUInt16LE(0, 32); // comment length (extra length 0 copied at 30)
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, p.name, p.data);
    central.push(dir, p.name);
    offset += 30 + p.name.length + p.data.length;
    count++;
  }
  if (count > 0xffff || offset > 0xffffffff) throw new Error('zip: too large for a ZIP without ZIP64');
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
