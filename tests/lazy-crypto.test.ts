/** pdfkit's AES module is loaded only if something encrypts (io/lazy-crypto.ts), and works then. */
import { createRequire } from 'node:module';
import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AES_MODULE } from '../src/io/lazy-crypto.js';
import { buildPdf } from './helpers/build.js';

const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));

describe('lazy AES for pdfkit', () => {
  it('builds a PDF without loading the AES module', async () => {
    const pdf = await buildPdf();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(types.isProxy(fromPdfkit.cache[AES_MODULE]!.exports)).toBe(true);
  });

  it('hands out the real AES functions on first use', () => {
    const aes = fromPdfkit('@noble/ciphers/aes') as { ecb(key: Uint8Array, o?: object): { encrypt(b: Uint8Array): Uint8Array } };
    expect(Object.keys(aes)).toContain('ecb'); // listing the stand-in's keys works (and loads the real module)
    expect({ ...aes }.ecb).toBe(aes.ecb);
    // FIPS-197 appendix C.1: AES-128 of 00112233…ff under key 00010203…0f
    const key = Uint8Array.from({ length: 16 }, (_, i) => i);
    const block = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const out = aes.ecb(key, { disablePadding: true }).encrypt(block);
    expect(Buffer.from(out).toString('hex')).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
    expect(types.isProxy(fromPdfkit.cache[AES_MODULE]!.exports)).toBe(false); // the real module is cached now
  });
});
