/**
 * CFF DICT data (CFF spec §4): integer operands, and a DICT as its operators with their operands'
 * bytes. Shared by io/sparse-font.ts (the CharStrings offset in a face's Top DICT) and
 * io/cff-encode.ts (the DICTs of a subset fontkit wrote).
 */

/** An integer operand of a CFF DICT at `p`: [value, next position], or undefined for a real or an operator. */
export function dictInteger(b: Uint8Array, p: number): [number, number] | undefined {
  const b0 = b[p]!;
  if (b0 >= 32 && b0 <= 246) return [b0 - 139, p + 1];
  if (b0 >= 247 && b0 <= 250) return [(b0 - 247) * 256 + b[p + 1]! + 108, p + 2];
  if (b0 >= 251 && b0 <= 254) return [-(b0 - 251) * 256 - b[p + 1]! - 108, p + 2];
  if (b0 === 28) return [(((b[p + 1]! << 8) | b[p + 2]!) << 16) >> 16, p + 3];
  if (b0 === 29) return [(b[p + 1]! << 24) | (b[p + 2]! << 16) | (b[p + 3]! << 8) | b[p + 4]!, p + 5];
  return undefined;
}

/** Where a real operand starting at `p` (byte 30) ends: its nibbles run up to an f. */
export function afterReal(b: Uint8Array, p: number, to = b.length): number {
  p++;
  while (p < to && (b[p]! & 0x0f) !== 0x0f && (b[p]! & 0xf0) !== 0xf0) p++;
  return p + 1;
}

/** A DICT operator (12 x as 0x0c00 | x) and its operands' bytes as written. */
export interface DictEntry { op: number; operands: Uint8Array }

/** A DICT's entries, or undefined where a byte is neither an operator nor an operand. */
export function readDict(b: Uint8Array): DictEntry[] | undefined {
  const out: DictEntry[] = [];
  let start = 0;
  for (let p = 0; p < b.length;) {
    const b0 = b[p]!;
    if (b0 <= 21) {
      out.push({ op: b0 === 12 ? 0x0c00 | b[p + 1]! : b0, operands: b.subarray(start, p) });
      p += b0 === 12 ? 2 : 1;
      start = p;
    } else if (b0 === 30) p = afterReal(b, p);
    else {
      const v = dictInteger(b, p);
      if (!v) return undefined;
      p = v[1];
    }
  }
  return start === b.length ? out : undefined;
}

/** The last of an entry's operands, where all are integers (an offset, or a Private DICT's offset after its size); else NaN. */
export function lastInteger(operands: Uint8Array): number {
  let last = NaN;
  for (let p = 0; p < operands.length;) {
    const v = dictInteger(operands, p);
    if (!v) return NaN;
    [last, p] = v;
  }
  return last;
}
