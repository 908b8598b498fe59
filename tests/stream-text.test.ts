/**
 * pdfkit-fixes fix 8: text written to a PDF stream is kept as strings and encoded once when the
 * stream is written. The bytes must be the ones pdfkit makes of each piece as it comes,
 * Buffer.from(piece + '\n', 'binary'), in order with the pieces written as bytes.
 */
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { applyPdfkitFixes } from '../src/io/pdfkit-fixes.js';

interface Ref { data: { Length?: number; Filter?: string }; uncompressedLength: number; buffer: unknown[]; write(c: string | Uint8Array): void; end(): void }

/** The bytes of the one stream a fresh document writes, with its dictionary. */
async function streamOf(compress: boolean, pieces: (string | Uint8Array)[]) {
  applyPdfkitFixes();
  const doc = new PDFDocument({ compress, autoFirstPage: false });
  const out: Buffer[] = [];
  doc.on('data', (d: Buffer) => out.push(d));
  const ref = (doc as unknown as { ref(): Ref }).ref();
  for (const p of pieces) ref.write(p);
  // the fix is on: text waits as strings until the stream is written
  const waiting = ref.buffer.filter((c) => typeof c === 'string').length;
  ref.end();
  await new Promise((resolve) => setImmediate(resolve)); // the document's data events
  const file = Buffer.concat(out);
  const start = file.indexOf('stream\n') + 'stream\n'.length;
  const bytes = file.subarray(start, file.indexOf('\nendstream', start));
  return { bytes, data: ref.data, uncompressedLength: ref.uncompressedLength, waiting };
}

const PIECES = ['q', '1 0 0 -1 0 841.89 cm', Buffer.from([0, 1, 2, 255]), 'BT /F1 16 Tf', '[<0001002a>] TJ', 'ā文', '', Buffer.from('raw'), 'ET Q'];
const expected = Buffer.concat(PIECES.map((p) => (typeof p === 'string' ? Buffer.from(`${p}\n`, 'binary') : p)));

describe('stream text encoded once', () => {
  it('gives the bytes pdfkit gives, strings and byte pieces in their order', async () => {
    const s = await streamOf(false, PIECES);
    expect(s.waiting).toBe(PIECES.filter((p) => typeof p === 'string').length);
    expect(s.bytes.equals(expected)).toBe(true);
    expect(s.data.Length).toBe(expected.length);
    expect(s.uncompressedLength).toBe(expected.length);
    expect(s.data.Filter).toBeUndefined();
  });

  it('compresses the same bytes when the document compresses', async () => {
    const s = await streamOf(true, PIECES);
    expect(s.data.Filter).toBe('FlateDecode');
    expect(inflateSync(s.bytes).equals(expected)).toBe(true);
    expect(s.data.Length).toBe(s.bytes.length);
    expect(s.uncompressedLength).toBe(expected.length);
  });
});
