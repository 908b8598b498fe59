/**
 * The report page's QR code as a PNG for the DOCX. The code is the one the PDF draws as vectors:
 * pdfmake's encoder (its `qr` node) makes both, so the two outputs carry the same modules. (The
 * `qrcode` package made the DOCX's before: ≈ 30 ms to load its thirty modules and ≈ 11 ms for
 * its first code, on the DOCX thread of a cold build; pdfmake's encoder is one module, loaded
 * in ≈ 3 ms.) The PNG is written here: 1 bit per pixel,
 * unfiltered rows, native zlib.
 */
import { deflateSync } from 'node:zlib';
import { QR } from '../layout/gbt9704.js';
import { pdfmakeModule } from './pdfmake-internals.js';
import { crc32 } from './zip.js';

interface QrRect { x: number; y: number; w: number; color: string }
interface QrEncoder { measure(node: { qr: string; eccLevel: string }): { _canvas: QrRect[]; _width: number } }

let encoder: QrEncoder | undefined;
const qrEncoder = (): QrEncoder => (encoder ??= pdfmakeModule<QrEncoder>('qrEnc'));

/**
 * The dark modules of `text`'s QR code, as pdfmake draws them: its canvas is a white square, then
 * one black square per dark module, 5 units a module when no size is asked for.
 */
export function qrModules(text: string, eccLevel: string): { size: number; dark: Set<number> } {
  const { _canvas: canvas, _width: width } = qrEncoder().measure({ qr: text, eccLevel });
  const unit = canvas[1]?.w ?? 5;
  const size = Math.round(width / unit);
  const dark = new Set<number>();
  const background = canvas[0]?.color;
  for (const r of canvas.slice(1)) if (r.color !== background) dark.add(Math.round(r.y / unit) * size + Math.round(r.x / unit));
  return { size, dark };
}

/** Quiet zone (modules, ISO/IEC 18004 asks for 4) and pixels a module (10 is ample for 25 mm). */
const MARGIN = 4;
const SCALE = 10;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1-bit greyscale PNG of a square matrix of dark (true) modules, with the quiet zone, SCALE px a module. */
export function matrixPng(size: number, dark: (row: number, col: number) => boolean): Buffer {
  const px = (size + 2 * MARGIN) * SCALE;
  const rowBytes = Math.ceil(px / 8);
  const raw = Buffer.alloc((rowBytes + 1) * px, 0xff); // white; filter byte set to 0 below
  for (let y = 0; y < px; y++) {
    const line = y * (rowBytes + 1);
    raw[line] = 0;
    const r = Math.floor(y / SCALE) - MARGIN;
    if (r < 0 || r >= size) continue;
    for (let x = 0; x < px; x++) {
      const c = Math.floor(x / SCALE) - MARGIN;
      if (c >= 0 && c < size && dark(r, c)) raw[line + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale; compression, filter, interlace 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const cache = new Map<string, Buffer>();

/** Error correction M, as the PDF. The same URL gives the same PNG (cached, a few per process). */
export function qrPng(url: string): Buffer {
  const hit = cache.get(url);
  if (hit) return hit;
  const { size, dark } = qrModules(url, QR.eccLevel);
  const png = matrixPng(size, (r, c) => dark.has(r * size + c));
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(url, png);
  return png;
}
