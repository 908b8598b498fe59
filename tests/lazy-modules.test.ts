/**
 * The library modules gongwen never calls (AES and hashes for encryption, brotli for WOFF2) are
 * loaded only if something calls them (io/lazy-modules.ts), and work then.
 */
import { brotliCompressSync } from 'node:zlib';
import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFERRED } from '../src/io/lazy-modules.js';
import { buildPdf } from './helpers/build.js';

const cached = (m: { from: NodeRequire; file: string }) => m.from.cache[m.file]!.exports;

describe('lazy library modules', () => {
  it('builds a PDF without loading any of them', async () => {
    const pdf = await buildPdf();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    for (const [name, m] of Object.entries(DEFERRED)) expect(types.isProxy(cached(m)), name).toBe(true);
  });

  it('hands out the real AES functions on first use', () => {
    const aes = DEFERRED.aes.from('@noble/ciphers/aes') as { ecb(key: Uint8Array, o?: object): { encrypt(b: Uint8Array): Uint8Array } };
    expect(Object.keys(aes)).toContain('ecb'); // listing the stand-in's keys works (and loads the real module)
    expect({ ...aes }.ecb).toBe(aes.ecb);
    // FIPS-197 appendix C.1: AES-128 of 00112233…ff under key 00010203…0f
    const key = Uint8Array.from({ length: 16 }, (_, i) => i);
    const block = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const out = aes.ecb(key, { disablePadding: true }).encrypt(block);
    expect(Buffer.from(out).toString('hex')).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
    expect(types.isProxy(cached(DEFERRED.aes))).toBe(false); // the real module is cached now
  });

  it('hands out the real hash functions on first use', () => {
    const sha2 = DEFERRED.sha2.from('@noble/hashes/sha2') as { sha256(b: Uint8Array): Uint8Array };
    const utils = DEFERRED.hashUtils.from('@noble/hashes/utils') as { concatBytes(...b: Uint8Array[]): Uint8Array };
    const abc = utils.concatBytes(Uint8Array.of(0x61), Uint8Array.of(0x62, 0x63));
    // FIPS 180-2 appendix B.1: SHA-256 of "abc"
    expect(Buffer.from(sha2.sha256(abc)).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(types.isProxy(cached(DEFERRED.sha2))).toBe(false);
  });

  it('calls the real brotli decoder through the stand-in (fontkit calls it as a function)', () => {
    const decode = cached(DEFERRED.brotli) as (b: Uint8Array, size?: number) => Uint8Array;
    expect(typeof decode).toBe('function');
    const text = '政府信息公开工作年度报告 '.repeat(20);
    const out = decode(brotliCompressSync(Buffer.from(text)));
    expect(Buffer.from(out).toString()).toBe(text);
    expect(Object.keys(decode)).toBeInstanceOf(Array); // listing keys keeps the proxy invariants
  });

  it('hands out pdfmake\'s SVG parser and drawing on first use (Babel\'s interop does not load them)', async () => {
    const draw = cached(DEFERRED.svgToPdfkit) as ((doc: unknown, svg: string, x: number, y: number) => void) & { __esModule?: unknown };
    expect(draw.__esModule).toBeUndefined();
    expect(types.isProxy(cached(DEFERRED.svgToPdfkit))).toBe(true); // asking for __esModule loads nothing
    const { XmlDocument } = DEFERRED.xmldoc.from(DEFERRED.xmldoc.file) as { XmlDocument: new (s: string) => { name: string; attr: Record<string, string> } };
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    expect(new XmlDocument(svg).attr.width).toBe('10');
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    draw(doc, svg, 0, 0); // the real drawing function, through the stand-in
    doc.end();
    await new Promise((resolve) => doc.on('end', resolve));
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  });
});


describe("Node's crypto module", () => {
  it('is not loaded by a build of a report that prints a sum (≈ 8–13 ms of a cold build: a sum\'s fingerprint is gongwen\'s own MD5)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, cpSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { ROOT } = await import('./helpers/build.js');
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-crypto-'));
    // a city of two units, summed, and its report
    for (const [name, k] of [['a', 1], ['b', 2]] as const) {
      const unit = path.join(root, 'units', name);
      cpSync(path.join(ROOT, 'content/sample-2021'), unit, { recursive: true });
      const stats = path.join(unit, 'statistics.yaml');
      writeFileSync(stats, (await import('node:fs')).readFileSync(stats, 'utf8').replace('licensing: {decisions: 3862}', `licensing: {decisions: ${3862 + k}}`));
    }
    const city = path.join(root, 'city');
    cpSync(path.join(ROOT, 'content/sample-2021/report.md'), path.join(city, 'report.md'));
    const bin = path.join(ROOT, 'bin/gongwen.mjs');
    expect(spawnSync(process.execPath, [bin, 'aggregate', path.join(root, 'units/a'), path.join(root, 'units/b'), '--out', path.join(city, 'statistics.yaml')]).status).toBe(0);
    const probe = path.join(root, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\ncrypto loaded: ${process.moduleLoadList.some((m) => /^NativeModule crypto$/.test(m))}\\n`));\n");
    const r = spawnSync(process.execPath, ['-r', probe, bin, 'build', city, '--out', path.join(root, 'out')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('crypto loaded: false');
  });
});
