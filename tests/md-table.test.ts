/**
 * Markdown tables in the body (write/pdf/md-table.ts): never wider than the 版心, short columns on
 * one line, and the header row never left alone at the foot of a page. Fictional test data.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { geometry } from '../src/layout/gbt9704.js';
import { steppedSize } from '../src/layout/column-widths.js';
import { columnWidths } from '../src/write/pdf/md-table.js';
import { estimateRange } from '../src/write/docx/md-table.js';
import { TEXT_WIDTH_TWIP } from '../src/write/docx/styles.js';
import { docxParts } from './helpers/docx.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf } from './helpers/pdf.js';

const fonts = openFontSet();
const pdfOf = async (body: string) => {
  const dir = makeReport({ 'report.md': `${FRONT}\n${body}` });
  return readPdf((await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!);
};

/** A table of ten columns, with a date, a figure and a web address that cannot break much. */
const WIDE = [
  '| 序号 | 项目名称 | 乡镇 | 金额（万元） | 开工时间 | 完工时间 | 责任单位 | 备注 | 公开方式 | 链接 |',
  '|---|---|---|---|---|---|---|---|---|---|',
  '| 1 | 高标准农田建设项目 | 城关镇 | 1234.56 | 2023-03-01 | 2023-12-31 | 农田建设管理股 | 无 | 网站 | https://www.example.com/project/2023/0001.html |',
].join('\n');

const right = geometry.left + geometry.textWidth;

describe('Markdown tables in the PDF', () => {
  it('keep a wide table inside the 版心, its short columns on one line', async () => {
    const { pages } = await pdfOf(`具体如下：\n\n${WIDE}\n`);
    const items = pages.flatMap((p) => p.items);
    // before the widths were chosen here: every column as wide as the address, text to x = 606 pt
    for (const it of items) expect(it.x + it.width, it.str).toBeLessThanOrEqual(right + 0.5);
    expect(items.some((i) => i.str.includes('https://'))).toBe(true);
    for (const word of ['城关镇', '乡镇', '备注', '1234.56']) expect(items.some((i) => i.str === word), word).toBe(true);
  });

  it('set a table of 13 columns of six-digit figures in 小五, every figure whole, in the PDF and the DOCX', async () => {
    const months = Array.from({ length: 12 }, (_, k) => `${k + 1}月`);
    const row = (name: string, from: number) => `| ${name} | ${months.map((_, k) => from + 1111 * k).join(' | ')} |`;
    const table = [`| 栏目 | ${months.join(' | ')} |`, `|---|${months.map(() => '---:').join('|')}|`, row('门户网站', 104367), row('政务微博', 112286)].join('\n');
    const dir = makeReport({ 'report.md': `${FRONT}\n访问量如下：\n\n${table}\n` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
    const items = (await readPdf(outputs.pdf!)).pages.flatMap((p) => p.items);
    for (let k = 0; k < 12; k++) {
      for (const n of [104367 + 1111 * k, 112286 + 1111 * k]) {
        const item = items.find((i) => i.str === String(n));
        expect(item, String(n)).toBeDefined(); // (it read 1043 / 67 on two lines)
        expect(item!.size).toBeCloseTo(9, 1);
        expect(item!.x + item!.width).toBeLessThanOrEqual(right + 0.5);
      }
    }
    // the DOCX: 小五 by the style of the statistics tables' 小五 cells (no direct formatting on every
    // run, review), its cell margins narrower
    const doc = docxParts(outputs.docx!)['word/document.xml'];
    expect(doc).toMatch(/<w:pStyle w:val="GwTableTextS5"\/>(<w:keepNext\/>)?(<w:jc w:val="right"\/>)?<\/w:pPr><w:r><w:t[^>]*>104367</);
    expect(doc).not.toContain('<w:sz w:val="18"/>');
    expect(doc).toContain('<w:tblCellMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="45"/>');
  });

  it('keep a wide table inside the 版心 with a character outside the BMP in a cell (𠮷, as in names)', async () => {
    const { pages } = await pdfOf(`具体如下：\n\n${WIDE.replace('城关镇', '𠮷家镇')}\n`);
    const items = pages.flatMap((p) => p.items);
    expect(items.some((i) => i.str.includes('𠮷'))).toBe(true);
    for (const it of items) expect(it.x + it.width, it.str).toBeLessThanOrEqual(right + 0.5);
  });

  it('print a first row taller than half a page whole: it is then not kept with the header', async () => {
    // pdfmake keeps header and first row as one block and prints only the first page of a block
    const long = '示例项目名称'.repeat(16); // 96 characters in a column some three characters wide
    const { pages } = await pdfOf(`具体如下：\n\n${WIDE.replace('高标准农田建设项目', long)}\n\n| 甲 | 乙 |\n|---|---|\n| ${'很长的内容'.repeat(160)} | 短 |\n`);
    const text = pages.flatMap((p) => p.items.map((i) => i.str)).join('');
    // counted by character: a cell's text runs on over the page break, between the other cells'
    expect([...text].filter((c) => c === '示').length).toBe(16);
    expect([...text].filter((c) => c === '很').length).toBe(160);
    expect(text).toContain('https://');
  });

  it('never end the document on a blank page when they end on the last line of a page', async () => {
    // pdfmake opened a page for the table's bottom margin: with 12 lines before it, a page holding only "— 2 —"
    for (let filler = 10; filler <= 15; filler++) {
      const lines = Array.from({ length: filler }, (_, k) => `第${k + 1}行。`).join('\n\n');
      const { pages } = await pdfOf(`# 总体\n\n${lines}\n\n# 后面\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n| 乙 | 2 |\n`);
      for (const page of pages) {
        const text = linesOf(page).map((l) => l.text).filter((t) => !/^—\s*\d+\s*—$/.test(t.trim()));
        expect(text.length, `${filler} lines: page ${page.number} of ${pages.length} is blank`).toBeGreaterThan(0);
      }
    }
  });

  it('never split a row across pages', async () => {
    // forty rows of two or three lines each (a name in a narrow column, an address): without
    // dontBreakRows, five of them began on one page and ended on the next
    const rows = Array.from({ length: 40 }, (_, i) => {
      const k = i + 1;
      return `| ${k} | 示例县第${k}局（示例县第${k}中心） | ${(k * 7919) % 90000 + 1000} | ${(k * 613) % 900 + 100} | ${k % 9} | ${k % 7} | https://www.example.gov.cn/dept${k}/index.html | ${['', '按时完成，无超期答复', '按时完成，无超期答复按时完成，无超期答复'][k % 3]} |`;
    }).join('\n');
    const { pages } = await pdfOf(`# 总体情况\n\n2021年，各单位情况如下表所示：\n\n| 序号 | 单位名称 | 主动公开（条） | 依申请（件） | 复议 | 诉讼 | 网址 | 备注 |\n|---|---|---|---|---|---|---|---|\n${rows}\n`);
    const pageOf = (pattern: RegExp) => pages.find((p) => pattern.test(p.items.map((i) => i.str).join('')))?.number;
    const across = Array.from({ length: 40 }, (_, i) => i + 1).filter((k) => pageOf(new RegExp(`第${k}局`)) !== pageOf(new RegExp(`第${k}中心`)));
    expect(pages.length).toBeGreaterThan(2);
    expect(across).toEqual([]);
  });

  it('never leave the header row alone at the foot of a page', async () => {
    // the table starts one grid line lower with each filler line, so its header row meets the foot of page 1
    let headerAtFoot = 0;
    for (let filler = 14; filler <= 21; filler++) {
      const lines = Array.from({ length: filler }, (_, k) => `第${k + 1}行。`).join('\n\n');
      const { pages } = await pdfOf(`${lines}\n\n${WIDE}\n`);
      for (const page of pages) {
        const texts = linesOf(page).map((l) => l.text);
        const header = texts.findIndex((t) => t.startsWith('序号'));
        if (header < 0) continue;
        // the row below the header is on the same page: its first cell, "1", starts a line after it
        const row = texts.findIndex((t, i) => i > header && t.startsWith('1'));
        if (row < 0) headerAtFoot++;
      }
    }
    expect(headerAtFoot).toBe(0);
  });

  it('keep a short table whole, with its lead-in, in the PDF and the DOCX (four rows were parted 2 + 2 across two pages: a 2021-form trial)', async () => {
    const table = '| 项目 | 金额（万元） |\n| --- | ---: |\n' + Array.from({ length: 4 }, (_, k) => `| 第${k + 1}项收支 | ${k + 10}.00 |`).join('\n');
    let moved = 0;
    for (let filler = 14; filler <= 21; filler++) {
      const lines = Array.from({ length: filler }, (_, k) => `第${k + 1}行。`).join('\n\n');
      const { pages } = await pdfOf(`${lines}\n\n具体如下：\n\n${table}\n\n表后。\n`);
      const pageOf = (start: string) => pages.findIndex((p) => linesOf(p).some((l) => l.text.replace(/\s/g, '').startsWith(start)));
      const at = ['具体如下', '项目', '第1项收支', '第2项收支', '第3项收支', '第4项收支'].map(pageOf);
      expect(new Set(at).size, `${filler} lines: ${at}`).toBe(1);
      if (at[0]! > 0) moved++;
    }
    expect(moved, 'a case where the table goes to page 2').toBeGreaterThan(0);
    // a longer one may still break between rows (each row whole, the header repeated)
    const long = '| 项目 | 金额 |\n| --- | ---: |\n' + Array.from({ length: 12 }, (_, k) => `| 第${k + 1}项 | ${k} |`).join('\n');
    let parted = 0;
    for (const filler of [12, 14, 16]) {
      const { pages } = await pdfOf(`${Array.from({ length: filler }, (_, k) => `第${k + 1}行。`).join('\n\n')}\n\n${long}\n`);
      if (pages.filter((p) => linesOf(p).some((l) => /^第\d+项/.test(l.text.replace(/\s/g, '')))).length === 2) parted++;
    }
    expect(parted).toBeGreaterThan(0);
    // the DOCX: every row's paragraphs keep with the next but the last's
    const xml = docxParts((await buildReport(makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n${table}\n` }), { fonts, formats: ['docx'] })).outputs.docx!)['word/document.xml'];
    const rows = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.at(-1)!.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows.map((r) => r.match(/<w:p>[\s\S]*?<\/w:p>/g)!.every((p) => p.includes('<w:keepNext/>')))).toEqual([true, true, true, true, false]);
  });
});

describe('columnWidths', () => {
  const room = (n: number, total: number) => total - n * 8 - (n + 1);
  const sum = (w: (number | '*')[]) => w.reduce<number>((s, x) => s + (x as number), 0);

  it('gives equal shares where they hold every column\'s widest piece and every column fills its share', () => {
    expect(columnWidths([{ min: 20, natural: 200 }, { min: 30, natural: 250 }], 400, 12)).toEqual(['*', '*']);
    // a short column (序号 of 1–30) beside a long one keeps its text on one line, no more: it took
    // a third of the width while the long text beside it wrapped to four lines
    const w = columnWidths([{ min: 12, natural: 12 }, { min: 12, natural: 900 }, { min: 24, natural: 36 }], 400, 12) as number[];
    expect(w[0]).toBeCloseTo(12, 6);
    expect(w[2]).toBeCloseTo(36, 6);
    expect(sum(w)).toBeCloseTo(room(3, 400), 6);
  });

  it('gives an empty column a character, and a table of empty columns finite widths (review: 0 pt and NaN)', async () => {
    const w = columnWidths([{ min: 48, natural: 48 }, { min: 12, natural: 24 }, { min: 0, natural: 0 }], 400, 12) as number[];
    expect(w[2]).toBeGreaterThanOrEqual(12);
    expect(sum(w)).toBeCloseTo(room(3, 400), 6);
    for (const x of columnWidths([{ min: 0, natural: 0 }, { min: 0, natural: 0 }], 400, 12)) expect(x === '*' || (Number.isFinite(x) && x > 0)).toBe(true);
    // and both build (a table with an empty last column stopped the build: a part taller than a page)
    for (const table of ['| 项目 | 数量 | |\n|---|---|---|\n| 政府网站 | 12 | |\n| 微博 | 3 | |', '|   |   |\n|---|---|\n|   |   |']) {
      const { pages } = await pdfOf(`表格如下：\n\n${table}\n\n完。\n`);
      expect(pages.flatMap((p) => p.items).some((i) => i.str.includes('完'))).toBe(true);
    }
  });

  it('sets a table whose columns\' widest pieces do not fit side by side in 五号 or 小五, its figures whole (1043 / 67 in 小四)', () => {
    // 13 columns of six-digit figures: 36 pt each in 小四, 27 pt in 小五
    const mins = [12, ...Array.from({ length: 12 }, () => 36)];
    const roomAt = (s: number) => 442 - 13 * 2 * (4 * s / 12) - 14;
    expect(steppedSize(mins, 12, roomAt)).toBe(9);
    expect(steppedSize(mins.slice(0, 11), 12, roomAt)).toBe(10.5);
    expect(steppedSize(mins.slice(0, 4), 12, roomAt)).toBe(12);
  });

  it('holds each column between its widest piece and its one-line width, at one level', () => {
    const ranges = [{ min: 12, natural: 24 }, { min: 12, natural: 300 }, { min: 150, natural: 280 }, { min: 12, natural: 12 }];
    const w = columnWidths(ranges, 400, 12) as number[];
    expect(sum(w)).toBeCloseTo(room(4, 400), 6);
    expect(w[0]).toBeCloseTo(24, 6); // short columns keep their text on one line
    expect(w[3]).toBeCloseTo(12, 6);
    expect(w[2]!).toBeGreaterThanOrEqual(150);
    expect(w[1]).toBeCloseTo(w[2]!, 6); // the two long ones at the same level
  });

  it('shares out what is left in proportion when every column fits on one line', () => {
    const w = columnWidths([{ min: 10, natural: 40 }, { min: 200, natural: 200 }], 400, 12) as number[];
    expect(sum(w)).toBeCloseTo(room(2, 400), 6);
    expect(w[1]! / w[0]!).toBeCloseTo(5, 6);
  });

  it('never exceeds the width when even the widest pieces do not fit: one character each at least', () => {
    const ranges = Array.from({ length: 6 }, (_, k) => ({ min: k === 0 ? 0 : 120, natural: 300 }));
    const w = columnWidths(ranges, 400, 12) as number[];
    expect(sum(w)).toBeCloseTo(room(6, 400), 6);
    expect(Math.min(...w)).toBeCloseTo(12, 6);
  });
});

describe('Markdown tables in the DOCX', () => {
  it('take the PDF\'s rules for their widths, from estimated text: short columns narrow, the address wide, within the 版心', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n${WIDE}\n` });
    const doc = docxParts((await buildReport(dir, { fonts, formats: ['docx'] })).outputs.docx!)['word/document.xml'];
    const table = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('序号'))!;
    const cols = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(cols).toHaveLength(10);
    expect(cols.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH_TWIP); // the 版心 exactly (it was 39 twips short of it)
    // cells padded above and below as in the PDF (2 pt), and the lead-in kept with the table's start
    expect(table).toMatch(/<w:tblCellMar><w:top w:type="dxa" w:w="40"\/>/);
    const lead = doc.match(/<w:p>(?:(?!<w:p>)[\s\S])*?具体如下：/)![0];
    expect(lead).toContain('<w:pStyle w:val="GwLeadInTable"/>'); // (kept with the table by its style, leadInStyle below)
    const [no, name, town, , , , , note, , link] = cols as number[];
    expect(link!).toBeGreaterThan(2 * town!); // the address gets the room, not equal shares
    expect(name!).toBeGreaterThan(note!);
    expect(no!).toBeLessThan(town!);
    // the header row repeats and keeps with the first row; body rows do not split
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[0]).toContain('<w:keepNext/>');
    expect(rows[1]).toContain('<w:cantSplit/>');
  });

  it('align a column as its | :---: | line asks, in the PDF and the DOCX (the header centred either way)', async () => {
    const table = '| 渠道 | 件数 | 占比 |\n| :--- | ---: | :---: |\n| 网站 | 1205 | 12% |\n| 当面 | 3 | 1% |\n';
    const dir = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n${table}` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
    const items = (await readPdf(outputs.pdf!)).pages.flatMap((p) => p.items);
    const at = (s: string) => items.find((i) => i.str === s)!;
    // right-aligned figures end at one x; centred shares have one middle
    expect(Math.abs(at('1205').x + at('1205').width - (at('3').x + at('3').width))).toBeLessThan(0.5);
    expect(at('1205').x).toBeLessThan(at('3').x - 5);
    expect(Math.abs(at('12%').x + at('12%').width / 2 - (at('1%').x + at('1%').width / 2))).toBeLessThan(0.5);
    const doc = docxParts(outputs.docx!)['word/document.xml'];
    const para = (text: string) => doc.match(new RegExp(`<w:p>(?:(?!<w:p>)[\\s\\S])*?>${text}</w:t>`))![0];
    expect(para('1205')).toContain('<w:jc w:val="right"/>');
    expect(para('12%')).toContain('<w:jc w:val="center"/>');
    expect(para('网站')).not.toContain('<w:jc ');
    // half a grid line between the lead-in and the table, as in the PDF (a Word table has no space above)
    const half = Math.round(((225 * 72) / 25.4 / 22 / 2) * 20);
    // (in the lead-in's style, 公文表前句（表格）, with the keeping: Enter leaves it for body text, where
    // as direct formatting Enter copied them into the paragraph a reviewer typed)
    expect(para('具体如下：')).toContain('<w:pStyle w:val="GwLeadInTable"/>');
    expect(para('具体如下：')).not.toMatch(/<w:spacing |<w:keepNext/);
    const style = /<w:style [^>]*w:styleId="GwLeadInTable"[\s\S]*?<\/w:style>/.exec(docxParts(outputs.docx!)['word/styles.xml'])![0];
    expect(style).toContain('<w:name w:val="公文表前句（表格）"/>');
    expect(style).toContain('<w:basedOn w:val="GwBody"/>');
    expect(style).toContain('<w:next w:val="GwBody"/>');
    expect(style).toContain('<w:keepNext/>');
    expect(style).toContain(`<w:spacing w:after="${half}"/>`);
    const lead = items.find((i) => i.str.startsWith('具体如下'))!;
    expect(at('渠道').baseline - lead.baseline).toBeGreaterThan((225 * 72) / 25.4 / 22 * 1.2);
  });

  it('refuse a row with more cells than the header row, which Markdown would drop', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n| 渠道 | 件数 |\n| --- | --- |\n| 网站 | 12 | 多余 |\n| 当面 \\| 电话 | 3 |\n` });
    await expect(buildReport(dir, { fonts, formats: ['pdf'] })).rejects.toThrow(/report\.md:12: this row has 3 cells and the header row 2: Markdown drops the cells beyond the header's, so the last one would not be printed/);
    // an empty cell beyond them loses nothing
    const blank = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n| 渠道 | 件数 |\n| --- | --- |\n| 网站 | 12 | |\n| 当面 | 3 ||\n` });
    await expect(buildReport(blank, { fonts, formats: ['pdf'] })).resolves.toBeDefined();
  });

  it('refuse a line right under a table with no blank line between, which Markdown reads as a row (a large-report audit: a note printed in the first cell, widening its column)', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n| 序号 | 单位 | 数量 |\n| --- | --- | --- |\n| 1 | 示例局 | 12 |\n注：数据截至2021年12月31日，由各街道报送汇总。\n` });
    await expect(buildReport(dir, { fonts, formats: ['pdf'] })).rejects.toThrow(/report\.md:13: "注：数据截至2021年12月31…" right under the table is read as one of its rows \(Markdown takes a line under a table, without a blank line between, as a row\)\n {2}fix: leave a blank line between the table and this line/);
    // with the blank line: a note under the table; a one-column table's rows need no |
    const apart = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n| 序号 | 单位 | 数量 |\n| --- | --- | --- |\n| 1 | 示例局 | 12 |\n\n注：数据截至2021年12月31日。\n` });
    await expect(buildReport(apart, { fonts, formats: ['pdf'] })).resolves.toBeDefined();
    const one = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n| 单位 |\n| --- |\n示例局\n` });
    await expect(buildReport(one, { fonts, formats: ['pdf'] })).resolves.toBeDefined();
  });

  it('refuse a table of more columns than the 版心 holds (forty-five ran off the page, thirteen shown), and set 29 within it', async () => {
    const table = (n: number) => [0, 1, 2].map((r) => `|${Array.from({ length: n }, (_, k) => (r === 1 ? '---' : String((k + r) % 10))).join('|')}|`).join('\n');
    const wide = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n${table(30)}\n` });
    await expect(buildReport(wide, { fonts, formats: ['docx'] })).rejects.toThrow(/report\.md:10: this table has 30 columns, and the 156 mm 版心 holds 29 at most/);
    const fits = makeReport({ 'report.md': `${FRONT}\n具体如下：\n\n${table(29)}\n` });
    const { pages } = await readPdf((await buildReport(fits, { fonts, formats: ['pdf'] })).outputs.pdf!);
    const cells = pages[0].items.filter((i) => /^\d$/.test(i.str));
    expect(cells.length).toBeGreaterThanOrEqual(58); // (and the page number)
    // every figure inside the 版心's right edge (28 mm margin + 156 mm)
    for (const c of cells) expect(c.x + c.width).toBeLessThan((28 + 156) * 72 / 25.4);
  });

  it('estimate a cell\'s pieces: each Chinese character, a run of other characters up to a space, / or -', () => {
    expect(estimateRange('城关镇')).toEqual({ min: 1, natural: 3 });
    expect(estimateRange('2023-03-01')).toEqual({ min: 2.5, natural: 5 });
    expect(estimateRange('https://www.example.com/a')).toEqual({ min: 8, natural: 12.5 });
    expect(estimateRange('1234.56 万元')).toEqual({ min: 3.5, natural: 6 });
  });
});
