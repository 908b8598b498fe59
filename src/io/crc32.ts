/**
 * CRC-32 (the zlib polynomial) of some bytes: Node's native one where it has it (20.15 on), else the
 * same sum in JavaScript, so that a fingerprint written under one Node is read alike under another
 * (a sum's record of its units' files, io/sum-units.ts; the build records, io/up-to-date.ts).
 */
import * as zlib from 'node:zlib';

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
let table: Uint32Array | undefined;

function crc32InJs(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const crc32 = (bytes: Uint8Array): number => (native ? native(bytes) : crc32InJs(bytes));
/** The JavaScript sum alone, for tests against the native one. */
export const crc32Js = crc32InJs;
