/** The QR code of the report's page, in the PDF and the DOCX, decoded back to the URL. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { qrPng } from '../src/io/qr.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { docxParts, paragraphs } from './helpers/docx.js';
import { unzipSync } from 'fflate';
import { pdfText } from './helpers/published.js';
import { readPdf } from './helpers/pdf.js';

const URL_2021 = 'https://www.example.com/qinghe/zfxxgk/ndbg/2021.html';
const fonts = openFontSet();
let out: { pdf?: Buffer; docx?: Buffer } = {};
beforeAll(async () => {
  out = (await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts, formats: ['pdf', 'docx'] })).outputs;
});

const decodePng = (png: Buffer) => {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
};

describe('QR code of the report page', () => {
  it('is in the DOCX as an image that decodes to the URL, with its caption, at the end', () => {
    const files = unzipSync(new Uint8Array(out.docx!));
    const png = Buffer.from(files['word/media/image1.png']);
    expect(decodePng(png)).toBe(URL_2021);
    const body = paragraphs(docxParts(out.docx!)['word/document.xml']);
    expect(body.at(-1)!.text).toBe('扫一扫在手机打开当前页');
    expect(body.at(-2)!.xml).toContain('<wp:docPr id="1" name="QR"');
  });

  it('is a 1-bit PNG, 10 px a module, with a white quiet zone of 4 modules on every side', () => {
    const png = Buffer.from(unzipSync(new Uint8Array(out.docx!))['word/media/image1.png']);
    expect(png[24]).toBe(1); // IHDR bit depth
    const img = PNG.sync.read(png);
    expect(img.width).toBe(img.height);
    expect(((img.width / 10) - 8 - 21) % 4).toBe(0); // QR sizes are 21 + 4k modules
    const dark = (x: number, y: number) => img.data[(y * img.width + x) * 4] === 0;
    for (let i = 0; i < img.width; i++) {
      for (const edge of [0, 39, img.width - 40, img.width - 1]) {
        expect(dark(i, edge) || dark(edge, i)).toBe(false);
      }
    }
    expect(dark(40, 40)).toBe(true); // the finder pattern's corner
  });

  it('is in the PDF at the end, with its caption (decoded from the rendered page in tests/tools)', async () => {
    const { pages } = await readPdf(out.pdf!);
    expect(pdfText(pages).endsWith('扫一扫在手机打开当前页')).toBe(true);
  });

  it('is left out when the report has no URL', async () => {
    const { outputs } = await buildReport(SAMPLE, { fonts, formats: ['pdf', 'docx'] });
    expect(Object.keys(unzipSync(new Uint8Array(outputs.docx!))).some((f) => f.startsWith('word/media/'))).toBe(false);
    expect(pdfText((await readPdf(outputs.pdf!)).pages)).not.toContain('扫一扫');
  });

  it('decodes back to URLs of every kind: numeric, upper-case and byte mode, Chinese characters, long ones', () => {
    for (const url of ['https://www.example.gov.cn/a.html', 'HTTPS://WWW.EXAMPLE.GOV.CN/A', '12345678901234567890',
      'https://www.example.gov.cn/信息公开/2021年度报告.html', `https://www.example.gov.cn/${'x'.repeat(300)}.html`]) {
      expect(decodePng(qrPng(url)), url).toBe(url);
    }
  });

  it('gives the same bytes when the same report is built twice in one process', async () => {
    const again = (await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts, formats: ['pdf', 'docx'] })).outputs;
    expect(again.docx!.equals(out.docx!)).toBe(true);
    expect(again.pdf!.equals(out.pdf!)).toBe(true);
  });
});
