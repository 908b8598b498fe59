/**
 * DOCX conformance: LibreOffice converts gongwen's DOCX to PDF (with the bundled fonts behind the
 * Chinese font names, tests/tools/fontconfig/aliases.conf), and the result must match the
 * standard and gongwen's own PDF: complete text in order, A4 and margins within 1 mm, 22 body
 * lines on a full page, page count within ±1, "— N —" on the correct side.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/build.js';
import { openFontSet } from '../../src/io/fonts.js';
import { SAMPLE } from '../helpers/build.js';
import { linesOf, MM, readPdf, type PdfLine, type PdfPage } from '../helpers/pdf.js';
import { expectInOrder, normalise, pdfText, publishedParagraphs } from '../helpers/published.js';
import { convertDocxToPdf } from './libreoffice.js';

const LEFT = 28 * MM;
const TOP = 37 * MM;
const RIGHT_EDGE = LEFT + 156 * MM;
const BOTTOM_EDGE = TOP + 225 * MM;

let lo: PdfPage[] = [];
let own: PdfPage[] = [];
let loFile = '';
const body = (p: PdfPage): PdfLine[] => linesOf(p).filter((l) => l.baseline < BOTTOM_EDGE);
const footer = (p: PdfPage): PdfLine | undefined => linesOf(p).find((l) => l.baseline > BOTTOM_EDGE);

beforeAll(async () => {
  if (spawnSync('which', ['soffice']).status !== 0) throw new Error('LibreOffice is not installed: run .ci/run, or apt-get install libreoffice-writer-nogui');
  const { outputs } = await buildReport(SAMPLE, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
  const converted = convertDocxToPdf(outputs.docx!, 'shangqiu-2017');
  loFile = path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-lo-out-')), 'shangqiu-2017-docx.pdf');
  writeFileSync(loFile, converted);
  lo = (await readPdf(converted)).pages;
  own = (await readPdf(outputs.pdf!)).pages;
});

describe('the DOCX as LibreOffice renders it', () => {
  it('uses the bundled faces behind the Chinese font names (no silent substitution)', () => {
    const fonts = execFileSync('pdffonts', [loFile], { encoding: 'utf8' }).trim().split('\n').slice(2)
      .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    expect(new Set(fonts)).toEqual(new Set(['FandolFang-Regular', 'FandolSong-Regular', 'FandolHei-Regular', 'FandolKai-Regular']));
  });

  it('has the complete published text in order', () => {
    expectInOrder(pdfText(lo), publishedParagraphs().map(normalise));
  });

  it('is A4, with the text block at the GB/T margins within 1 mm', () => {
    for (const p of lo) {
      expect(p.width).toBeCloseTo(595.28, 0);
      expect(p.height).toBeCloseTo(841.89, 0);
    }
    const lines = lo.slice(1, -4).flatMap(body);
    const flush = lines.filter((l) => l.x < LEFT + 5);
    expect(flush.length).toBeGreaterThan(100);
    for (const l of flush) expect(Math.abs(l.x - LEFT)).toBeLessThan(1 * MM);
    const justified = lines.filter((l) => l.right > RIGHT_EDGE - 4 && l.right < RIGHT_EDGE + 4);
    expect(justified.length).toBeGreaterThan(100);
    // first line of a body page: its characters' top (0.88 em above the baseline) at 37 mm
    for (const p of lo.slice(1, 9)) {
      const first = body(p)[0];
      expect(Math.abs(first.baseline - 0.88 * first.items[0].size - TOP), `page ${p.number}`).toBeLessThan(1 * MM);
    }
  });

  it('puts 22 body lines on a full page (21 where a heading moved to the next page)', () => {
    const pages = lo.slice(1, 8);
    for (const p of pages) {
      const next = body(lo[p.number])[0];
      const headingNext = /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(next.text.replace(/\s/g, ''));
      expect(body(p).length, `page ${p.number}`).toBeGreaterThanOrEqual(headingNext ? 21 : 22);
      expect(body(p).length).toBeLessThanOrEqual(22);
    }
    expect(pages.filter((p) => body(p).length === 22).length).toBeGreaterThanOrEqual(5);
  });

  it('has the same page count as gongwen\'s PDF, ±1', () => {
    expect(Math.abs(lo.length - own.length)).toBeLessThanOrEqual(1);
  });

  it('numbers pages "— N —", odd on the right and even on the left', () => {
    lo.forEach((p, i) => {
      const f = footer(p)!;
      expect(f.text.replace(/\s+/g, ' ').trim()).toBe(`— ${i + 1} —`);
      if ((i + 1) % 2 === 1) expect(Math.abs(f.right - (RIGHT_EDGE - 14))).toBeLessThan(1 * MM);
      else expect(Math.abs(f.x - (LEFT + 14))).toBeLessThan(1 * MM);
      // and at the same height as in gongwen's PDF
      expect(Math.abs(f.baseline - footer(own[0])!.baseline)).toBeLessThan(1 * MM);
    });
  });

  it('sets the statistics table\'s rows as tall as gongwen\'s PDF does (19.7 pt a row of 小四), so that its pages break alike', () => {
    // the baselines of the unit column's 条 / 件 / 次 down the attachment's first page (under its header 单位)
    const pitches = (pages: PdfPage[]) => {
      const page = pages.find((p) => p.items.some((i) => i.str.includes('统计指标')))!;
      const unit = page.items.find((i) => i.str.trim() === '单位')!;
      const ys = page.items.filter((i) => /^(条|件|次|个|人)$/.test(i.str.trim()) && Math.abs(i.x - unit.x) < 20).map((i) => i.baseline).sort((a, b) => a - b);
      return ys.slice(1, 9).map((y, k) => y - ys[k]!);
    };
    const [pdf, docx] = [pitches(own), pitches(lo)];
    expect(pdf).toHaveLength(8);
    expect(Math.min(...pdf)).toBeCloseTo(19.7, 1); // a row of one line (those of two: 16.2 more)
    docx.forEach((pitch, k) => expect(pitch, `row ${k + 1}`).toBeCloseTo(pdf[k]!, 1));
  });

  it('renders every page to PNG for a look by eye', () => {
    const dir = path.dirname(loFile);
    execFileSync('pdftoppm', ['-png', '-r', '30', loFile, path.join(dir, 'p')]);
    expect(execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.png'))).toHaveLength(lo.length);
  });
});

describe('the 2021 statistics tables as LibreOffice renders them', () => {
  it('sets them in the sizes gongwen\'s PDF uses (表三 五号, 表四 小五), not squeezed to 98 % as 三号 text is, with a grid line below that a page\'s top drops', async () => {
    const { outputs } = await buildReport(path.join(SAMPLE, '../sample-2021'), { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const size = (pages: PdfPage[], text: string) => pages.flatMap((p) => p.items).find((i) => i.str.includes(text))!.size;
    const docx = (await readPdf(convertDocxToPdf(outputs.docx!, 'sample-2021'))).pages;
    const pdf = (await readPdf(outputs.pdf!)).pages;
    for (const [label, pt] of [['申请人情况', 10.5], ['复议后起诉', 9]] as const) {
      expect(size(pdf, label)).toBeCloseTo(pt, 1);
      expect(size(docx, label)).toBeCloseTo(pt, 1);
    }
    // the gap below a table is the next paragraph's space before, dropped at a page's top: the
    // heading after 表二 starts page 6 on its first grid line (an empty paragraph put it on the
    // second: GB/T audit), and a gap below a table mid-page stays a grid line
    const at = (text: string) => docx.flatMap((p) => linesOf(p).map((l) => ({ page: p.number, l }))).find(({ l }) => l.text.replace(/\s+/g, '').startsWith(text))!;
    const third = at('三、收到和处理政府信息公开申请情况');
    const firstTop = body(docx[1]!)[0]!.baseline; // page 2's first line: body text on the first grid line
    expect(third.page).toBeGreaterThan(2);
    expect(third.l.baseline).toBeCloseTo(firstTop, 0);
    const fourth = at('四、政府信息公开行政复议、行政诉讼情况');
    const tableBottom = Math.max(...linesOf(docx[fourth.page - 1]!).filter((l) => l.baseline < fourth.l.baseline).map((l) => l.baseline));
    expect(fourth.l.baseline - tableBottom).toBeGreaterThan(1.5 * (225 * MM) / 22);
  });
});
