/** io/native-inflate.ts: zlib in place of tiny-inflate gives the same bytes, and is what the libraries get. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateInto } from '../src/io/native-inflate.js';
import { ROOT } from './helpers/build.js';
import { originalModule, standInLoaded } from './helpers/stand-ins.js';

type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
// tiny-inflate itself (the CommonJS cache may hold the stand-in)
const tiny = originalModule<Inflate>('tiny-inflate', 'unicode-trie');

/** Both decoders on the same input and destination size. */
function both(source: Uint8Array, size: number): [Uint8Array, Uint8Array] {
  return [tiny(source, new Uint8Array(size)), inflateInto(source, new Uint8Array(size))];
}

describe('native inflate', () => {
  it('unpacks the Unicode tables fontkit ships (compressed twice) as tiny-inflate does', () => {
    const dir = path.join(ROOT, 'node_modules/fontkit/src/opentype/shapers');
    for (const name of ['data.trie', 'use.trie', 'indic.trie']) {
      const file = readFileSync(path.join(dir, name));
      const size = file.readUInt32LE(8);
      const [a1, b1] = both(file.subarray(12), size);
      expect(Buffer.from(b1).equals(Buffer.from(a1)), name).toBe(true);
      const [a2, b2] = both(a1, size);
      expect(Buffer.from(b2).equals(Buffer.from(a2)), name).toBe(true);
      expect(b2.length, name).toBe(size);
    }
  });

  it('gives the same bytes and length for any data, destination too long or too short', () => {
    for (const level of [0, 1, 6, 9]) {
      for (const data of [Buffer.alloc(0), Buffer.from('政府信息公开'.repeat(500)), randomBytes(70_000)]) {
        const packed = deflateRawSync(data, { level });
        for (const size of [data.length, data.length + 10, Math.floor(data.length / 2)]) {
          const [a, b] = both(packed, size);
          expect(b.length, `level ${level}, ${data.length} → ${size}`).toBe(a.length);
          expect(Buffer.from(b).equals(Buffer.from(a)), `level ${level}, ${data.length} → ${size}`).toBe(true);
        }
      }
    }
  });

  it('throws on corrupt data, as tiny-inflate does', () => {
    const bad = Uint8Array.from([0xff, 0xff, 0xff, 0xff]);
    expect(() => tiny(bad, new Uint8Array(10))).toThrow();
    expect(() => inflateInto(bad, new Uint8Array(10))).toThrow();
  });

  it('is the tiny-inflate the Unicode libraries load once gongwen\'s PDF code is loaded', () => {
    // unicode-properties loads unicode-trie and tiny-inflate, or what stands in its place
    const run = standInLoaded({ host: 'unicode-properties', via: 'unicode-trie', dependency: 'tiny-inflate', standIn: 'native-inflate.js', exportName: 'inflateInto' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });
});
