/**
 * GB/T 9704 geometry, measured in the rendered PDF (points, origin top-left):
 * margins, the 22 × 28 grid, page numbers, the attachment page, fonts per element.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildPdf, ROOT } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { buildReport } from '../src/build.js';
import { docxParts } from './helpers/docx.js';
import { linesOf, MM, readPdf, type PdfLine, type PdfPage } from './helpers/pdf.js';
import { openFontSet } from '../src/io/fonts.js';
import { loadTemplate } from '../src/read/templates.js';
import type { TemplateRowDef } from '../src/model/types.js';

const TOP = 37 * MM;
const LEFT = 28 * MM;
const TEXT_W = 156 * MM;
const TEXT_H = 225 * MM;
const RIGHT_EDGE = LEFT + TEXT_W;
const BOTTOM_EDGE = TOP + TEXT_H;
const PITCH = TEXT_H / 22;
const ASCENT = 0.88; // every face's em box top, above the baseline (normalised metrics)

let pages: PdfPage[] = [];
let pdf: Buffer;
const bodyLines = (p: PdfPage): PdfLine[] => linesOf(p).filter((l) => l.baseline < BOTTOM_EDGE);
const footerLine = (p: PdfPage): PdfLine | undefined => linesOf(p).find((l) => l.baseline > BOTTOM_EDGE);
const top = (l: PdfLine) => l.baseline - ASCENT * l.items[0].size;

beforeAll(async () => {
  pdf = await buildPdf();
  pages = (await readPdf(pdf)).pages;
});

/** Pages wholly filled with body text: not the first, not the last page of the body, not the attachment. */
const fullBodyPages = () => {
  const attachment = pages.findIndex((p) => bodyLines(p)[0]?.text === '附件');
  return pages.slice(1, attachment - 1);
};

describe('page and margins', () => {
  it('is A4', () => {
    for (const p of pages) {
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(p.height).toBeCloseTo(841.89, 1);
    }
  });

  it('starts body lines at the left margin, 28 mm ± 1 mm, and indents first lines by 2 characters', () => {
    const xs = fullBodyPages().flatMap(bodyLines).map((l) => l.x);
    const flush = xs.filter((x) => x < LEFT + 5);
    expect(flush.length).toBeGreaterThan(100);
    for (const x of flush) expect(Math.abs(x - LEFT)).toBeLessThan(1 * MM);
    const indented = xs.filter((x) => x > LEFT + 5);
    for (const x of indented) expect(x - LEFT).toBeCloseTo(2 * (TEXT_W / 28), 0);
  });

  it('puts the first line of a page at the top of the 版心, 37 mm ± 1 mm', () => {
    for (const p of pages.slice(1)) {
      const first = bodyLines(p)[0];
      expect(Math.abs(top(first) - TOP), `page ${p.number}`).toBeLessThan(1 * MM);
    }
  });

  it('ends justified lines at the right edge of the 版心 (156 mm text width)', () => {
    // lines that end within a quarter character of the edge are the justified ones
    const justified = fullBodyPages().flatMap(bodyLines).filter((l) => l.right > RIGHT_EDGE - 4);
    expect(justified.length).toBeGreaterThan(100);
    // a line that holds its last figure only with its closing mark set in half its width (…占80%；)
    // ends that half past the edge: the mark's ink, in its em's left half, stays inside (lines.ts endRoom)
    const halved = justified.filter((l) => l.right > RIGHT_EDGE + 0.5);
    expect(halved.map((l) => l.text.replace(/\s/g, ''))).toEqual(['的方式答复申请人。其中同意公开和已主动公开239件，占80%；']);
    for (const l of halved) expect(l.right - RIGHT_EDGE).toBeCloseTo(l.items.at(-1)!.size / 2, 1);
    for (const l of justified.filter((j) => !halved.includes(j))) expect(Math.abs(l.right - RIGHT_EDGE)).toBeLessThan(0.5);
  });
});

describe('the 22 × 28 grid', () => {
  it('has full body pages to measure', () => {
    expect(fullBodyPages().length).toBeGreaterThanOrEqual(6);
  });

  it('puts 22 lines on every full page, one grid pitch (28.99 pt) apart', () => {
    for (const p of fullBodyPages()) {
      const lines = bodyLines(p);
      // 21 where a heading that would have been alone on line 22 starts the next page; 20 where it
      // would have stood on line 21 with the first of its paragraph's two lines (README, "Layout
      // decisions": the lines kept with a heading take along a last line that would be left over)
      const next = bodyLines(pages[p.number]!);
      const headingNext = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/.test(next[0]?.text ?? '');
      const twoLinesNext = headingNext && next.length > 3 && next[3]!.x > next[2]!.x; // (line 4 opens a paragraph: indented)
      // 19 where the body ends next page in a paragraph's last line and a heading (七、附表), which the
      // end matter takes along, the heading kept with a line of text before it (README, "Attachment")
      const endNext = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/.test(next[1]?.text ?? '') && next.some((l) => l.text.startsWith('附件：'));
      expect(lines.length === 22 || (lines.length === 21 && headingNext) || (lines.length === 20 && twoLinesNext) || (lines.length === 19 && endNext), `page ${p.number}: ${lines.length} lines`).toBe(true);
      for (let i = 1; i < lines.length; i++) expect(lines[i].baseline - lines[i - 1].baseline).toBeCloseTo(PITCH, 1);
    }
  });

  it('keeps page 1 on the same grid after the title block', () => {
    const grid = new Set(bodyLines(pages[1]).map((l) => l.baseline.toFixed(1)));
    const body = bodyLines(pages[0]).filter((l) => l.items[0].size > 15 && l.items[0].size < 16);
    expect(body.length).toBeGreaterThan(10);
    for (const l of body) expect(grid.has(l.baseline.toFixed(1)), `baseline ${l.baseline}`).toBe(true);
  });

  it('keeps page 1 on the grid after an information block of three rows (an empty cell included)', async () => {
    const page = (await readPdf(await buildPdf(path.join(ROOT, 'content/sample-2021')))).pages[0];
    const lines = bodyLines(page);
    const title = lines.filter((l) => l.items[0].size === 22);
    expect(top(title[0])).toBeCloseTo(TOP + 3 * PITCH, 1);
    const body = lines.filter((l) => l.items[0].size > 15 && l.items[0].size < 16);
    for (const l of body) {
      const k = (top(l) - TOP) / PITCH;
      expect(Math.abs(k - Math.round(k)), `line at ${top(l)}`).toBeLessThan(0.005);
    }
    // the page's 22nd line is used
    expect(top(body.at(-1)!)).toBeCloseTo(TOP + 21 * PITCH, 1);
  });

  it('gives a field too long for half the width a row of its own across it, in both writers, and stays on the grid', async () => {
    // 发布机构 broke as 示例县农业农村局（示例县乡 / 村振兴局） and ran up to 发文日期 (now 发布日期); 索引号 as …/2024- / 00031
    const dir = makeReport({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 示例县农业农村局（示例县乡村振兴局）\nindex_no: 11411400MB1234567X/2024-00031\ncategory: 政府信息公开年报') + '\n正文。\n' }, 'long-fields');
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const page = (await readPdf(outputs.pdf!)).pages[0]!;
    const rows = bodyLines(page).filter((l) => l.items[0].size === 12 && l.baseline < 200);
    expect(rows.map((l) => l.text.replace(/\s+/g, ''))).toEqual([
      '索引号：11411400MB1234567X/2024-00031', '分类：政府信息公开年报', '发布机构：示例县农业农村局（示例县乡村振兴局）', '发布日期：2021年1月15日',
    ]);
    for (const l of rows) expect(l.x).toBeCloseTo(LEFT, 1);
    const body = bodyLines(page).find((l) => l.text.startsWith('正文'))!;
    const k = (top(body) - TOP) / PITCH;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(0.005);
    // the DOCX: four rows of one cell spanning both columns
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(docxParts(outputs.docx!)['word/document.xml'])![0];
    const cells = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => (r[1].match(/<w:tc>/g) ?? []).length);
    expect(cells).toEqual([1, 1, 1, 1]);
    expect(table.match(/<w:gridSpan w:val="2"\/>/g)).toHaveLength(4);
    // a field too long even for the width wraps, and the block is padded by its lines: the body stays on the grid
    const wide = makeReport({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 中共示例市委机构编制委员会办公室（示例市事业单位登记管理局）示例市机构编制电子政务中心\nindex_no: A1\ncategory: 年报') + '\n正文。\n' }, 'wider-field');
    const first = (await readPdf((await buildReport(wide, { fonts: openFontSet(), formats: ['pdf'] })).outputs.pdf!)).pages[0]!;
    const text = bodyLines(first).find((l) => l.text.startsWith('正文'))!;
    const at = (top(text) - TOP) / PITCH;
    expect(Math.abs(at - Math.round(at)), `正文 at ${at} lines`).toBeLessThan(0.005);
  });

  it('sets a source line too long for one line two lines to a grid line, in both writers, and stays on the grid', async () => {
    // its halves stood a grid line apart, a blank line between them
    const dir = makeReport({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府\nsource: 示例省示例市示例县农业农村局（示例县乡村振兴局、示例县畜牧兽医服务中心）办公室政务公开科') + '\n正文。\n' }, 'long-source');
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const lines = bodyLines((await readPdf(outputs.pdf!)).pages[0]!);
    const source = lines.findIndex((l) => l.text.startsWith('来源：'));
    // (its 来源 too long for a line itself: wrapped, then 时间 on a line of its own, never parted)
    expect(lines[source + 2]!.text).toMatch(/^时间：2021年1月15日$/);
    expect(lines[source + 1]!.baseline - lines[source]!.baseline).toBeCloseTo(PITCH / 2, 1);
    expect(lines[source + 2]!.baseline - lines[source + 1]!.baseline).toBeCloseTo(PITCH / 2, 1);
    const body = lines.find((l) => l.text.startsWith('正文'))!;
    const k = (top(body) - TOP) / PITCH;
    expect(Math.abs(k - Math.round(k)), `正文 at ${k} lines`).toBeLessThan(0.005);
    // the DOCX: half-grid lines off the grid, padded to whole grid lines (3 × 289 + 291 = 2 × 579 twips)
    const doc = docxParts(outputs.docx!)['word/document.xml'];
    expect(doc).toContain('<w:pStyle w:val="GwSource"/><w:snapToGrid w:val="0"/><w:spacing w:after="291" w:line="289" w:lineRule="exact"/>');
    // a source line on one line keeps its style, on the grid
    const short = docxParts((await buildReport(makeReport({ 'report.md': FRONT + '\n正文。\n' }), { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/document.xml'];
    expect(short).toMatch(/<w:pPr><w:pStyle w:val="GwSource"\/><\/w:pPr>/);
  });

  it('puts every line of text after a table in the body back on the grid (2021 sample: 表二, 表三, 表四)', async () => {
    const pages21 = (await readPdf(await buildPdf(path.join(ROOT, 'content/sample-2021')))).pages;
    let checked = 0;
    for (const p of pages21) {
      for (const l of bodyLines(p).filter((x) => x.items[0].size > 15 && x.items[0].size < 16 && Math.abs(x.x - LEFT) < 40)) {
        const k = (top(l) - TOP) / PITCH;
        expect(Math.abs(k - Math.round(k)), `page ${p.number}, line at ${top(l).toFixed(2)}: ${l.text.slice(0, 12)}`).toBeLessThan(0.005);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(120);
  });

  it('sets 28 characters on a full line of Chinese text', () => {
    const cjkOnly = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”]+$/u;
    const full = fullBodyPages().flatMap(bodyLines)
      .map((l) => ({ l, text: l.text.replace(/\s+/g, '') }))
      .filter(({ l, text }) => Math.abs(l.x - LEFT) < 1 && Math.abs(l.right - RIGHT_EDGE) < 1 && cjkOnly.test(text));
    expect(full.length).toBeGreaterThan(50);
    const counts = full.map((f) => [...f.text].length);
    // Never more than 28. Fewer only where line-breaking rules move a character down: a closing
    // mark may not start a line (禁则), and UAX #14 keeps “quotes” with their neighbours.
    expect(Math.max(...counts)).toBe(28);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(26);
    expect(counts.filter((c) => c === 28).length / counts.length).toBeGreaterThan(0.7);
    // and 28 unstretched characters exactly fill the 156 mm line: character pitch 156 mm / 28
    const item = full[0].l.items[0];
    expect(item.size * 28).toBeCloseTo(TEXT_W, 1);
  });
});

describe('page numbers (GB/T 9704 §7.5)', () => {
  it('numbers every page "— N —" with em dashes in 四号 Song', () => {
    pages.forEach((p, i) => {
      const f = footerLine(p);
      expect(f?.text.replace(/\s+/g, ' ').trim()).toBe(`— ${i + 1} —`);
      expect(f!.items[0].size).toBeCloseTo(14, 1);
      expect(f!.items[0].font).toBe('FandolSong-Regular');
    });
  });

  it('places odd numbers right and even numbers left, inset one character (14 pt)', () => {
    for (const p of pages) {
      const f = footerLine(p)!;
      if (p.number % 2 === 1) expect(f.right).toBeCloseTo(RIGHT_EDGE - 14, 0);
      else expect(f.x).toBeCloseTo(LEFT + 14, 0);
    }
  });

  it('puts the dash 7 mm ± 1 mm below the 版心', () => {
    const song = openFontSet().face('song').font;
    const dash = song.glyphForCodePoint(0x2014).bbox;
    const centre = (dash.minY + dash.maxY) / 2 / song.unitsPerEm;
    for (const p of pages) {
      const f = footerLine(p)!;
      const dashY = f.baseline - centre * 14;
      expect(Math.abs(dashY - BOTTOM_EDGE - 7 * MM), `page ${p.number}`).toBeLessThan(1 * MM);
    }
  });
});

describe('attachment (GB/T 9704 §7.3.4, §7.3.7)', () => {
  it('never ends a page of the 2014 table with a section or group row: it moves on with its first row', () => {
    const layout = loadTemplate('gov-2014')!.tables[0].layout;
    if (layout.kind !== 'indicator-list') throw new Error('gov-2014 is an indicator list');
    const parents = new Set<string>();
    const walk = (rows: TemplateRowDef[]) => rows.forEach((r) => { if (r.children?.length) { parents.add(r.label!); walk(r.children); } });
    walk(layout.rows);
    const first = pages.findIndex((p) => bodyLines(p)[0]?.text === '附件');
    const tablePages = pages.slice(first);
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages) {
      const labels = bodyLines(p).filter((l) => l.x < LEFT + TEXT_W / 2).map((l) => l.text.replace(/\s+/g, ''));
      const last = labels.at(-1)!;
      // (a row's line holds its label, then its unit and value: — — for a section)
      expect([...parents].some((label) => last.startsWith(label.replace(/\s+/g, ''))), `page ${p.number} ends with ${last}`).toBe(false);
    }
    // the case that made the rule: 八、 at the foot of page 12, its rows on page 13
    const eight = tablePages.find((p) => bodyLines(p).some((l) => l.text.startsWith('八、')))!;
    expect(bodyLines(eight).findIndex((l) => l.text.startsWith('八、'))).toBeLessThan(3);
  });

  it('notes the attachment after the body, one line down, indented 2 characters', () => {
    const i = pages.findIndex((p) => bodyLines(p)[0]?.text === '附件');
    const before = bodyLines(pages[i - 1]);
    const note = before.find((l) => l.text.replace(/\s/g, '').startsWith('附件：'))!;
    expect(note.text.replace(/\s/g, '')).toBe('附件：2017年商丘市政府信息公开工作情况统计表');
    expect(note.x - LEFT).toBeCloseTo(2 * (TEXT_W / 28), 0);
    const prev = before[before.indexOf(note) - 1];
    expect(note.baseline - prev.baseline).toBeCloseTo(2 * PITCH, 0);
  });

  it('starts the attachment on its own page: 附件 in 黑体 top left, the title centred on line 3', () => {
    const p = pages.find((pg) => bodyLines(pg)[0]?.text === '附件')!;
    const [label, title] = bodyLines(p);
    expect(label.items[0].font).toBe('FandolHei-Regular');
    expect(Math.abs(label.x - LEFT)).toBeLessThan(1);
    expect(Math.abs(top(label) - TOP)).toBeLessThan(1 * MM);
    expect(title.text).toBe('2017年商丘市政府信息公开工作情况统计表');
    expect(Math.abs(top(title) - (TOP + 2 * PITCH))).toBeLessThan(1 * MM);
    expect((title.x + title.right) / 2).toBeCloseTo(LEFT + TEXT_W / 2, 0);
  });

  it('repeats the table header on every page the table spans', () => {
    const start = pages.findIndex((p) => bodyLines(p)[0]?.text === '附件');
    const tablePages = pages.slice(start);
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const p of tablePages) {
      expect(bodyLines(p).some((l) => l.text.replace(/\s/g, '') === '统计指标单位统计数'), `page ${p.number}`).toBe(true);
    }
  });

  it('indents table rows by level', () => {
    const rows = pages.flatMap(bodyLines);
    const x = (label: string) => rows.find((l) => l.text.replace(/\s/g, '').startsWith(label))!.x;
    expect(x('（一）收到申请数')).toBeGreaterThan(x('三、依申请公开情况'));
    expect(x('1.当面申请数')).toBeGreaterThan(x('（一）收到申请数'));
    expect(x('其中：涉及国家秘密')).toBeGreaterThan(x('4.不同意公开答复数'));
  });
});

describe('fonts', () => {
  const fontOf = (text: string) => pages.flatMap(bodyLines).find((l) => l.text.replace(/\s/g, '').startsWith(text))!.items[0];

  it('sets each element in its GB/T 9704 face', () => {
    expect(fontOf('商丘市2017年政府信息公开年度工作报告').font).toBe('FandolSong-Bold');
    expect(fontOf('商丘市2017年政府信息公开年度工作报告').size).toBeCloseTo(22, 1);
    expect(fontOf('一、概述').font).toBe('FandolHei-Regular');
    expect(fontOf('（一）主要领导').font).toBe('FandolKai-Regular');
    expect(fontOf('1.加强标准建设').font).toBe('FandolFang-Regular');
    expect(fontOf('市委、市政府领导高度重视').font).toBe('FandolFang-Regular');
  });

  it('writes a line of Chinese text as one text object, not one per character', () => {
    const lines = fullBodyPages().flatMap(bodyLines).filter((l) => /^[\u4e00-\u9fff，。、；：“”《》（）]+$/u.test(l.text.replace(/\s/g, '')));
    expect(lines.length).toBeGreaterThan(50);
    const single = lines.filter((l) => l.items.length === 1);
    expect(single.length / lines.length).toBeGreaterThan(0.8);
  });

  it('embeds every font as a subset', () => {
    const raw = pdf.toString('latin1');
    const fonts = raw.match(/\/Type \/Font\b/g) ?? [];
    const descriptors = raw.match(/\/FontDescriptor\b/g) ?? [];
    const files = raw.match(/\/FontFile[23]?\b/g) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    expect(files.length).toBe(descriptors.length / 2); // each descriptor is named once as /Type and once as a reference
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    for (const m of raw.matchAll(/\/BaseFont \/([^\s/]+)/g)) expect(m[1]).toMatch(/^[A-Z]{6}\+/);
  });
});
