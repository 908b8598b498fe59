/** The QR code of the report's page, in the PDF and the DOCX, decoded back to the URL. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { qrModules, qrPng } from '../src/io/qr.js';
import { QR, qrText } from '../src/layout/gbt9704.js';
import { mmToPt } from '../src/layout/units.js';
import { pdfDefinition } from '../src/write/pdf/index.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { createRequire } from 'node:module';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { docxParts, paragraphs } from './helpers/docx.js';
import { unzipSync } from 'fflate';
import { pdfText } from './helpers/published.js';
import { readPdf } from './helpers/pdf.js';
import { pageContents } from './helpers/pdf-content.js';
import { moduleRects } from '../src/io/pdfmake-qr-path.js';
import { renderPdf } from '../src/io/pdf-render.js';

/** The size the PDF asks the code to fit. */
const mmToPtFit = () => mmToPt(QR.sizeMm);
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

  it('carries a URL with characters outside the BMP percent-encoded, in the PDF and the DOCX alike', async () => {
    const url = 'https://www.example.gov.cn/𠀀/a.html';
    expect(qrText(url)).toBe('https://www.example.gov.cn/%F0%A0%80%80/a.html');
    expect(qrText(URL_2021)).toBe(URL_2021);
    // pdfmake's encoder writes such a character as two UTF-16 halves that no reader decodes
    expect(decodePng(qrPng(url))).not.toBe(url);
    const dir = makeReport({ 'report.md': `${FRONT.replace('---\n', `---\nurl: ${url}\n`)}\n正文。\n` }, 'astral');
    const { outputs, report } = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
    expect(report.meta.url).toBe(url);
    const png = Buffer.from(unzipSync(new Uint8Array(outputs.docx!))['word/media/image1.png']);
    expect(decodePng(png)).toBe(qrText(url));
    // the PDF's node carries the same text, so the same modules
    const qrNodes: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') { if (typeof (n as { qr?: unknown }).qr === 'string') qrNodes.push((n as { qr: string }).qr); Object.values(n).forEach(walk); }
    };
    walk(pdfDefinition(report, { glyphs: { has: fonts.has, dashCentre: 0.3 }, created: new Date(0) }).content);
    expect(qrNodes).toEqual([qrText(url)]);
  });

  it('has the modules the PDF draws: the DOCX image and the PDF node come from one encoder', () => {
    const require = createRequire(import.meta.url);
    const { measure } = (require('pdfmake/js/qrEnc.js') as { default: { measure(n: object): { _canvas: { x: number; y: number; w: number }[] } } }).default;
    for (const url of [URL_2021, 'https://www.example.gov.cn/信息公开/2021年度报告.html']) {
      const { size, dark } = qrModules(url, QR.eccLevel);
      // as the PDF asks for it: fitted to 25 mm
      const canvas = measure({ qr: url, fit: 70.87, eccLevel: QR.eccLevel })._canvas;
      const unit = canvas[1]!.w;
      const drawn = new Set(canvas.slice(1).map((r) => Math.round(r.y / unit) * size + Math.round(r.x / unit)));
      expect(drawn).toEqual(dark);
    }
  });

  it('gives the same bytes when the same report is built twice in one process', async () => {
    const again = (await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts, formats: ['pdf', 'docx'] })).outputs;
    expect(again.docx!.equals(out.docx!)).toBe(true);
    expect(again.pdf!.equals(out.pdf!)).toBe(true);
  });

  it('is drawn in the PDF as a white square and one filled path of its dark modules, the same modules', () => {
    const last = pageContents(out.pdf!).at(-1)!.content.split('\n');
    const { size, dark } = qrModules(URL_2021, QR.eccLevel);
    // the white square, then black, then the rectangles and one fill
    const square = last.findIndex((l) => / re$/.test(l));
    const [x0, y0, side] = last[square]!.split(' ').map(Number) as [number, number, number];
    expect(last.slice(square + 1, square + 3)).toEqual(['f', '0 0 0 scn']);
    const end = last.indexOf('f', square + 3);
    const rects = last.slice(square + 3, end);
    expect(rects.every((l) => / re$/.test(l))).toBe(true);
    const unit = side / size;
    expect(unit).toBe(Math.floor(mmToPtFit() / size));
    const drawn = new Set<number>();
    for (const l of rects) {
      const [x, y, w, h] = l.split(' ').map(Number) as [number, number, number, number];
      for (let r = Math.round((y - y0) / unit); r < Math.round((y + h - y0) / unit); r++) {
        for (let c = Math.round((x - x0) / unit); c < Math.round((x + w - x0) / unit); c++) {
          expect(drawn.has(r * size + c), 'rectangles overlap').toBe(false);
          drawn.add(r * size + c);
        }
      }
    }
    expect(drawn).toEqual(dark);
    expect(rects.length).toBeLessThan(dark.size / 2);
    // nothing else of the code: no fill per module
    expect(last.slice(end + 1).filter((l) => l === 'f')).toHaveLength(0);
  });

  it('covers exactly the dark modules with rectangles that do not overlap (random matrices)', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 100; round++) {
      const n = 1 + Math.floor(random() * 40);
      const density = random();
      const m = Array.from({ length: n * n }, () => random() < density);
      const rects = moduleRects(n, (r, c) => m[r * n + c]!);
      const covered = new Array<number>(n * n).fill(0);
      for (let i = 0; i < rects.length; i += 4) {
        const [x, y, w, h] = rects.slice(i, i + 4) as [number, number, number, number];
        for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) covered[r * n + c]!++;
      }
      expect(covered.map((k) => k === 1), `round ${round}`).toEqual(m);
    }
  });

  it('leaves a qr node with options of its own (colours, version …) or no fit to pdfmake: one square per module', async () => {
    const { dark } = qrModules(URL_2021, QR.eccLevel);
    const fills = async (node: Record<string, unknown>) => {
      const pdf = await renderPdf({ content: [{ qr: URL_2021, eccLevel: QR.eccLevel, ...node }], defaultStyle: { font: 'song' } } as never, fonts);
      const content = pageContents(pdf)[0]!.content;
      return { re: (content.match(/ re\n/g) ?? []).length, f: (content.match(/^f$/gm) ?? []).length };
    };
    // as gongwen asks: the white square and the modules as one path
    const ours = await fills({ fit: 70 });
    expect(ours.f).toBe(2);
    expect(ours.re).toBeLessThan(dark.size / 2);
    for (const node of [{ fit: 70, foreground: '#000' }, { fit: 70, background: '#fff' }, { fit: 70, version: 3 }, {}, { fit: 0 }]) {
      const theirs = await fills(node);
      // a fill for each square (another version has other modules)
      expect(theirs.f, JSON.stringify(node)).toBe(theirs.re);
      if (!('version' in node)) expect(theirs.re, JSON.stringify(node)).toBe(dark.size + 1);
      else expect(theirs.re).toBeGreaterThan(ours.re);
    }
  });
});
