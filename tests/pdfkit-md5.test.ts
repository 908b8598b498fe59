/** io/pdfkit-md5.ts: gongwen's MD5 (io/md5.ts) in place of js-md5 gives pdfkit the same digests, and is what pdfkit loads. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { md5 } from '../src/io/pdfkit-md5.js';
import { md5 as md5Bytes } from '../src/io/md5.js';
import { originalModule, standInLoaded } from './helpers/stand-ins.js';

type JsMd5 = ((d: unknown) => string) & Record<'hex' | 'base64', (d: unknown) => string> & Record<'array' | 'digest', (d: unknown) => number[]> & Record<'arrayBuffer' | 'buffer', (d: unknown) => ArrayBuffer>;
// js-md5 itself (the CommonJS cache may hold the stand-in)
const real = originalModule<JsMd5>('js-md5', 'pdfkit');

const inputs: unknown[] = [
  '', 'abc', '1700000000000\nTitle: 商丘市2017年政府信息公开年度工作报告\n', '政府信息公开'.repeat(300),
  new Uint8Array([0, 1, 2, 255]), Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 255).buffer,
  Buffer.from('政府'), new Uint8Array(Buffer.from('xx政府yy')).subarray(2, 8),
];

describe('native md5', () => {
  it('gives the digests js-md5 gives, in every form', () => {
    for (const d of inputs) {
      expect(md5(d as string), String(d)).toBe(real(d));
      for (const form of ['hex', 'base64', 'array', 'digest'] as const) expect(md5[form](d as string), form).toEqual(real[form](d));
      for (const form of ['arrayBuffer', 'buffer'] as const) expect(Buffer.from(md5[form](d as string))).toEqual(Buffer.from(real[form](d)));
    }
    expect(md5('abc')).toBe('900150983cd24fb0d6963f7d28e17f72'); // RFC 1321 test suite
  });

  it('gives Node crypto\'s digests at every length around the block edges, and the RFC 1321 suite', () => {
    for (let n = 0; n <= 300; n++) {
      const d = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 255);
      expect(Buffer.from(md5Bytes(d)).toString('hex'), `${n} bytes`).toBe(createHash('md5').update(d).digest('hex'));
    }
    const suite: [string, string][] = [['', 'd41d8cd98f00b204e9800998ecf8427e'], ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'], ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a']];
    for (const [text, hex] of suite) expect(Buffer.from(md5Bytes(Buffer.from(text))).toString('hex'), text).toBe(hex);
  });

  it('is the js-md5 pdfkit loads once gongwen\'s PDF code is loaded', () => {
    // pdfkit loads js-md5, or what stands in its place
    const run = standInLoaded({ host: 'pdfkit', via: 'pdfkit', dependency: 'js-md5', standIn: 'pdfkit-md5.js', exportName: 'md5' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });
});
