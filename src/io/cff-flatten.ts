/**
 * Subroutine-free CFF subsets ("desubroutinising"). A Type 2 charstring may call shared pieces of
 * outline, subroutines, from the font's global INDEX or its font DICT's local INDEX. fontkit's
 * subsetter keeps every subroutine INDEX at full length (unused entries as a one-byte `return`),
 * because charstrings call them by number. For Noto Serif CJK, the fallback face, that is 3,241
 * global and up to 53,975 local entries, encoded one by one for every document that uses even one
 * rare character: ≈ 16 ms a document for three glyphs, where a Fandol face (no subroutines) takes
 * ≈ 1 ms for hundreds.
 *
 * flattenCharstring copies a glyph's charstring with every call replaced by the called bytes
 * (Adobe TN 5177, "Type 2 Charstring Format"): the subroutine number operand and the
 * callsubr/callgsubr operator are dropped, the body goes in without its `return`, and an
 * `endchar` in a body ends the glyph. Hint masks are copied with their byte count, which
 * depends on the number of stems declared so far, so stems are counted on the way. The outline
 * drawn is the same; tests/cff-flatten.test.ts compares every subset glyph's path with the
 * original font's.
 */

export interface ByteRange { offset: number; length: number }

export interface CharstringSource {
  /** Bytes of the font's CFF table (or the whole file: offsets are absolute in fontkit's stream). */
  bytes: Uint8Array;
  gsubrs: ByteRange[];
  lsubrs: ByteRange[];
}

const bias = (count: number): number => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

/** The value of the number operand encoded at bytes[i] (Type 2: 28, 32–246, 247–254, 255). */
function numberAt(bytes: ArrayLike<number>, i: number): number {
  const b0 = bytes[i]!;
  if (b0 >= 32 && b0 <= 246) return b0 - 139;
  if (b0 >= 247 && b0 <= 250) return (b0 - 247) * 256 + bytes[i + 1]! + 108;
  if (b0 >= 251 && b0 <= 254) return -(b0 - 251) * 256 - bytes[i + 1]! - 108;
  if (b0 === 28) return ((bytes[i + 1]! << 24) >> 16) | bytes[i + 2]!;
  // 255: 16.16 fixed; never a subroutine number in practice, but give its integer part
  return ((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 8) | bytes[i + 4]!) / 65536;
}

const numberLength = (b0: number): number => (b0 === 28 ? 3 : b0 === 255 ? 5 : b0 >= 247 ? 2 : 1);

/** One flattening under way: the output so far and what the interpreter tracks. */
interface Flattening {
  src: CharstringSource;
  out: number[];
  /** output offsets where the operands now on the stack begin (for dropping a call's number) */
  operands: number[];
  stems: number;
  depth: number;
  ended: boolean;
  gBias: number;
  lBias: number;
}

/**
 * Copy the charstring bytes[start, end) to `f.out`, a subroutine call by the subroutine's bytes.
 * A module function, not a closure made per glyph: V8 compiled such closures again and again
 * over a batch (docs/speed.md, item 15).
 */
function run(f: Flattening, bytes: Uint8Array, start: number, end: number): void {
  const { out, operands } = f;
  if (++f.depth > 10) throw new Error('CFF: subroutines nested more than 10 deep');
  let i = start;
  while (i < end && !f.ended) {
    const b0 = bytes[i]!;
    if (b0 >= 32 || b0 === 28) { // a number
      const n = numberLength(b0);
      operands.push(out.length);
      for (let k = 0; k < n; k++) out.push(bytes[i + k]!);
      i += n;
      continue;
    }
    if (b0 === 10 || b0 === 29) { // callsubr, callgsubr
      const at = operands.pop();
      if (at === undefined) throw new Error('CFF: subroutine call without a number');
      const index = numberAt(out, at) + (b0 === 10 ? f.lBias : f.gBias);
      out.length = at;
      const subr = (b0 === 10 ? f.src.lsubrs : f.src.gsubrs)[index];
      if (!subr) throw new Error(`CFF: call of missing subroutine ${index}`);
      run(f, f.src.bytes, subr.offset, subr.offset + subr.length);
      i += 1;
      continue;
    }
    if (b0 === 11) { // return
      f.depth--;
      return;
    }
    // reserved operators: no charstring holds them (zeros where an outline was, a damaged file)
    if (b0 === 0 || b0 === 2 || b0 === 9 || b0 === 13 || b0 === 15 || b0 === 16 || b0 === 17) throw new Error(`CFF: reserved operator ${b0}`);
    if (b0 === 1 || b0 === 3 || b0 === 18 || b0 === 23) { // hstem, vstem, hstemhm, vstemhm
      f.stems += operands.length >> 1;
    } else if (b0 === 19 || b0 === 20) { // hintmask, cntrmask: an implied vstem, then the mask bytes
      f.stems += operands.length >> 1;
      out.push(b0);
      const maskBytes = (f.stems + 7) >> 3;
      for (let k = 1; k <= maskBytes; k++) out.push(bytes[i + k]!);
      i += 1 + maskBytes;
      operands.length = 0;
      continue;
    }
    if (b0 === 12) { // two-byte operator: only the flex family; arithmetic and storage would need a real stack
      const op = bytes[i + 1]!;
      if (op < 34 || op > 37) throw new Error(`CFF: operator 12 ${op} is not supported by the flattener`);
      out.push(b0, op);
      i += 2;
      operands.length = 0;
      continue;
    }
    out.push(b0);
    i += 1;
    operands.length = 0;
    if (b0 === 14) f.ended = true; // endchar
  }
  f.depth--;
}

/** A charstring with its subroutine calls inlined; throws on malformed input rather than guessing. */
export function flattenCharstring(charstring: Uint8Array, src: CharstringSource): Uint8Array {
  const f: Flattening = { src, out: [], operands: [], stems: 0, depth: 0, ended: false, gBias: bias(src.gsubrs.length), lBias: bias(src.lsubrs.length) };
  run(f, charstring, 0, charstring.length);
  // (a charstring ends in endchar, its own or a subroutine's: one that runs out before it is cut)
  if (!f.ended) throw new Error('CFF: charstring without endchar');
  return Uint8Array.from(f.out);
}
