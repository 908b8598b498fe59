/**
 * gongwen's MD5 (io/md5.ts) in place of `js-md5` for pdfkit.
 *
 * pdfkit hashes each document's Info dictionary with MD5 for the file identifier (/ID), and
 * embedded files for their checksum. Loading js-md5 costs a cold build ≈ 8 ms (it builds its
 * tables and API as it loads); so did Node's crypto module, used here until 2026-11-26, whose
 * loading takes ≈ 8.5 ms. io/md5.ts gives the same digests. Imported before pdfkit loads (by
 * io/lazy-modules.ts), this puts a module with the part of js-md5's interface pdfkit uses (and
 * the rest of its digest forms) into the CommonJS cache under js-md5's path, as pdfkit
 * resolves it.
 */
import { createRequire } from 'node:module';
import { md5 as md5Bytes } from './md5.js';
import { putInCache } from './module-cache.js';

type Input = string | ArrayBuffer | ArrayBufferView;

function digest(data: Input): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') // js-md5 hashes a string's UTF-8 bytes
    : data instanceof ArrayBuffer ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(md5Bytes(bytes));
}

/** js-md5's `md5(data)` (hex) with its `hex`, `array`, `digest`, `arrayBuffer`, `buffer` and `base64` forms. */
export const md5 = Object.assign((data: Input) => digest(data).toString('hex'), {
  hex: (data: Input) => digest(data).toString('hex'),
  array: (data: Input) => [...digest(data)],
  digest: (data: Input) => [...digest(data)],
  arrayBuffer: (data: Input) => {
    const b = digest(data);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  },
  buffer: (data: Input) => {
    const b = digest(data);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  },
  base64: (data: Input) => digest(data).toString('base64'),
});

/** Put `md5` into the CommonJS cache as js-md5, as pdfkit resolves it. */
export function replaceJsMd5(): string | undefined {
  return putInCache(createRequire(createRequire(import.meta.url).resolve('pdfkit')), 'js-md5', md5);
}

replaceJsMd5();
