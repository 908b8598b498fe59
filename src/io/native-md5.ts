/**
 * Node's crypto in place of `js-md5`, an MD5 written in JavaScript, for pdfkit.
 *
 * pdfkit hashes each document's Info dictionary with MD5 for the file identifier (/ID), and
 * embedded files for their checksum. Loading js-md5 costs a cold build ≈ 8 ms (it builds its
 * tables and API as it loads); Node's `createHash('md5')` is built in and gives the same digests.
 * Imported before pdfkit loads (by io/lazy-modules.ts), this puts a module with the part of
 * js-md5's interface pdfkit uses (and the rest of its digest forms) into the CommonJS cache
 * under js-md5's path, as pdfkit resolves it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { putInCache } from './module-cache.js';

type Input = string | ArrayBuffer | ArrayBufferView;

function digest(data: Input): Buffer {
  const hash = createHash('md5');
  if (typeof data === 'string') hash.update(data, 'utf8'); // js-md5 hashes a string's UTF-8 bytes
  else if (data instanceof ArrayBuffer) hash.update(new Uint8Array(data));
  else hash.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return hash.digest();
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
