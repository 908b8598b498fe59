/**
 * fontkit's large CFF INDEXes read lazily (io/cff-lazy-index.ts): every entry of every bundled
 * face's CharStrings, global and local subroutine INDEX is the offset and length fontkit itself
 * decodes (compared with a fresh process in which fontkit is unpatched), the INDEXes are views,
 * not arrays of objects, and the view behaves as the array it stands for. Synthetic INDEXes
 * cover what the bundled faces do not: CFF2's 32-bit count, every offset size, where the
 * stream is left, and INDEXes left to fontkit (small, or out of bounds).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAZY_FROM, lazyIndex, lazyRanges } from '../src/io/cff-lazy-index.js';
import { loadFontkit } from '../src/io/fontkit.js';
import { ROOT } from './helpers/build.js';

const FACES = ['FandolSong-Regular.otf', 'FandolSong-Bold.otf', 'FandolHei-Regular.otf', 'FandolFang-Regular.otf', 'FandolKai-Regular.otf', 'NotoSerifCJKsc-Regular.otf'];
const fontFile = (name: string) => path.join(ROOT, 'fonts', name);

/**
 * The INDEXes of byte ranges of a face's CFF table, by name, as flat [offset, length, …] lists:
 * JavaScript source, run here (fontkit patched) and in a child process that requires fontkit
 * as pdfkit does, without gongwen's patch.
 */
const RANGES_OF = `(cff) => {
  const flat = (xs) => { const out = []; for (let i = 0; i < (xs ? xs.length : 0); i++) out.push(xs[i].offset, xs[i].length); return out; };
  const out = { CharStrings: flat(cff.topDict.CharStrings), globalSubrIndex: flat(cff.globalSubrIndex) };
  if (cff.topDict.Private && cff.topDict.Private.Subrs) out['Private.Subrs'] = flat(cff.topDict.Private.Subrs);
  (cff.topDict.FDArray || []).forEach((fd, i) => { if (fd.Private && fd.Private.Subrs) out['FDArray[' + i + '].Private.Subrs'] = flat(fd.Private.Subrs); });
  return out;
}`;
// eslint-disable-next-line no-new-func
const rangesOf = new Function(`return ${RANGES_OF}`)() as (cff: unknown) => Record<string, number[]>;
const cffOf = (font: unknown) => (font as Record<string, unknown>)['CFF '];

describe('CFF INDEXes read lazily', () => {
  it('gives every entry of every bundled face the offset and length fontkit decodes, and no object per entry until one is read', () => {
    const fontkit = loadFontkit();
    const script = `const fk = require(require.resolve('fontkit', { paths: [require('node:path').dirname(require.resolve('pdfkit/package.json'))] }));
      const rangesOf = ${RANGES_OF};
      const out = {};
      for (const f of ${JSON.stringify(FACES.map(fontFile))}) out[f] = rangesOf(fk.create(require('node:fs').readFileSync(f))['CFF ']);
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
    expect(child.stderr).toBe('');
    const eager = JSON.parse(child.stdout) as Record<string, Record<string, number[]>>;
    let entries = 0;
    for (const name of FACES) {
      const font = fontkit.create(readFileSync(fontFile(name)));
      const here = rangesOf(cffOf(font));
      expect(Object.keys(here), name).toEqual(Object.keys(eager[fontFile(name)]!));
      for (const [index, list] of Object.entries(here)) {
        expect(list.length, `${name} ${index}`).toBe(eager[fontFile(name)]![index]!.length);
        expect(list.every((v, i) => v === eager[fontFile(name)]![index]![i]), `${name} ${index}`).toBe(true);
        entries += list.length / 2;
      }
      // large INDEXes are views: no own entries, the count as length
      const cs = (cffOf(font) as { topDict: { CharStrings: object[] } }).topDict.CharStrings;
      expect(cs.length).toBeGreaterThan(LAZY_FROM);
      expect(Object.keys(cs)).toEqual([]);
    }
    expect(entries).toBeGreaterThan(170_000); // 117,322 glyphs and the fallback face's subroutines
  });

  it('stands in for an array: length, entries, out-of-range reads, `in`, iteration and array methods', () => {
    const made: number[] = [];
    const view = lazyRanges(3, (i) => { made.push(i); return { offset: 10 * i, length: i + 1 }; });
    expect(Array.isArray(view)).toBe(true);
    expect(view.length).toBe(3);
    expect(view[1]).toEqual({ offset: 10, length: 2 });
    expect(made).toEqual([1]); // only what was read
    expect(view[3]).toBeUndefined();
    expect((view as unknown as Record<string, unknown>)['01']).toBeUndefined();
    expect(2 in view).toBe(true);
    expect(3 in view).toBe(false);
    expect([...view].map((r) => r.offset)).toEqual([0, 10, 20]);
    expect(view.map((r) => r.length)).toEqual([1, 2, 3]);
    expect(view.some((r) => r.offset === 20)).toBe(true);
  });
});

/** restructure's DecodeStream, the copy fontkit uses. */
const DecodeStream = (createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('fontkit', { paths: [path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('pdfkit/package.json'))] }))('restructure') as {
  DecodeStream: new (b: Uint8Array) => { pos: number; buffer: Uint8Array; readUInt8(): number; readUInt16BE(): number; readUInt32BE(): number };
}).DecodeStream;

/** `prefix` bytes, then an INDEX of `count` entries of lengths 0–12 (0–1 for one-byte offsets), then 3 bytes that follow it. */
function syntheticIndex(count: number, offSize: number, cff2: boolean, prefix = 5) {
  const offsets = [1];
  for (let i = 0; i < count; i++) offsets.push(offsets[i]! + ((i * 7919) % 13) % (offSize === 1 ? 2 : 13));
  const head = Buffer.alloc(prefix + (cff2 ? 4 : 2) + 1);
  if (cff2) head.writeUInt32BE(count, prefix); else head.writeUInt16BE(count, prefix);
  head[head.length - 1] = offSize;
  const table = Buffer.alloc((count + 1) * offSize);
  offsets.forEach((o, i) => table.writeUIntBE(o, i * offSize, offSize));
  const bytes = Buffer.concat([head, table, Buffer.alloc(offsets[count]! - 1, 0x55), Buffer.from([0xee, 0xee, 0xee])]);
  const dataStart = head.length + table.length - 1; // entry offsets count from the byte before the data
  return { bytes, prefix, end: bytes.length - 3, ranges: offsets.slice(0, -1).map((o, i) => ({ offset: dataStart + o, length: offsets[i + 1]! - o })) };
}

describe('a synthetic CFF INDEX read lazily', () => {
  it('has the entries and leaves the stream after the data, for each offset size, CFF and CFF2 counts', () => {
    for (const [count, offSize, cff2] of [[LAZY_FROM + 1, 1, false], [1000, 2, false], [1000, 3, false], [1000, 4, false], [70_000, 3, true], [300, 4, true]] as const) {
      const index = syntheticIndex(count, offSize, cff2);
      const stream = new DecodeStream(index.bytes);
      stream.pos = index.prefix;
      const view = lazyIndex(stream, cff2)!;
      expect(view, `${count} × ${offSize}`).toBeDefined();
      expect(stream.pos).toBe(index.end);
      expect(view.length).toBe(count);
      for (const i of [0, 1, count >> 1, count - 1]) expect(view[i]).toEqual(index.ranges[i]);
      expect(view[count]).toBeUndefined();
    }
  });

  it('leaves small INDEXes, bad offset sizes and offsets past the end to fontkit, the stream where it was', () => {
    const cases: [string, Buffer][] = [
      ['small', syntheticIndex(LAZY_FROM, 2, false).bytes],
      ['offset size 0', Object.assign(syntheticIndex(300, 2, false).bytes, { [7]: 0 })],
      ['offset size 5', Object.assign(syntheticIndex(300, 2, false).bytes, { [7]: 5 })],
      ['offsets cut short', syntheticIndex(300, 2, false).bytes.subarray(0, 8 + 301 * 2 - 1)],
      ['count cut short', syntheticIndex(300, 2, false).bytes.subarray(0, 6)],
    ];
    for (const [what, bytes] of cases) {
      const stream = new DecodeStream(bytes);
      stream.pos = 5;
      expect(lazyIndex(stream, false), what).toBeUndefined();
      expect(stream.pos, what).toBe(5);
    }
  });
});
