/**
 * A note under a table (注：…, model/types.ts isTableNote) is kept with the table's last row, in
 * the PDF (write/pdf/table-note.ts) and the DOCX: a note that began the next page read as text of
 * its own, its table left behind on the page before.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { isTableNote, type Block } from '../src/model/types.js';
import { docxParts, paragraphs } from './helpers/docx.js';
import { SAMPLE } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf, type PdfPage } from './helpers/pdf.js';
import { pageContents } from './helpers/pdf-content.js';

const fonts = openFontSet();
const para = (text: string): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }], loc: { file: 'r.md', line: 1 } });
const table: Block = { type: 'table', header: [[{ type: 'text', text: '项目' }]], rows: [], align: [], loc: { file: 'r.md', line: 1 } } as unknown as Block;

/**
 * How far the tops of the line of `pages[n]` that holds `text` (its ideographs' box: its baseline
 * less 0.88 of its size) stand below the lowest horizontal rule above it, in pt.
 */
function clearOfRule(pdf: Buffer, pages: PdfPage[], text: string): number {
  const n = pages.findIndex((p) => linesOf(p).some((l) => l.text.replace(/\s/g, '').includes(text)));
  const line = linesOf(pages[n]!).find((l) => l.text.replace(/\s/g, '').includes(text))!;
  // (pdfkit's page is flipped: y from the top)
  const rule = Math.max(...[...pageContents(pdf)[n]!.content.matchAll(/([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l\nS/g)]
    .filter((m) => m[2] === m[4] && Number(m[2]) < line.baseline).map((m) => Number(m[2])));
  return line.baseline - 0.88 * line.items[0]!.size - rule;
}

describe('the attachment\'s note (attachment.note)', () => {
  const sample = (f: string) => readFileSync(path.join(SAMPLE, f), 'utf8');
  const NOTE = '注：原报告页面未载本表数据，表中数据取自报告文中，文中未载明的项目未列数据。';

  it('prints under the 2014 table\'s last row, on its page, as a body paragraph, in the PDF and the DOCX (the Shangqiu sample: the published page gives no figures)', async () => {
    const { outputs } = await buildReport(SAMPLE, { fonts, formats: ['pdf', 'docx'] });
    const { pages } = await readPdf(outputs.pdf!);
    const last = pages.at(-1)!;
    const lines = linesOf(last);
    const at = lines.findIndex((l) => l.text.startsWith('注：'));
    expect(lines.slice(at).map((l) => l.text.replace(/\s+/g, '')).join('')).toBe(`${NOTE}— ${pages.length} —`.replace(/\s+/g, ''));
    expect(lines[at - 1]!.text.replace(/\s+/g, '')).toBe('（三）接受培训人员数人次');
    // 仿宋 三号 at the grid's pitch, indented two characters, right under the row
    const note = lines[at]!;
    expect(note.items[0]!.font).toMatch(/FandolFang/);
    expect(note.items[0]!.size).toBeCloseTo(15.79, 1);
    expect(note.x).toBeCloseTo(28 * 72 / 25.4 + 2 * 15.79, 0);
    expect(note.baseline - lines[at - 1]!.baseline).toBeLessThan(2 * 28.99);
    // half a line's leading clear of the table's bottom rule (it stood 0.07 pt under it)
    expect(clearOfRule(outputs.pdf!, pages, NOTE.slice(0, 8))).toBeCloseTo((28.95 - 15.79) / 2, 0);
    // the DOCX: the body paragraph after the table ends the document (no 1-pt paragraph), the table's last row kept with it
    const xml = docxParts(outputs.docx!)['word/document.xml'];
    const tail = xml.slice(xml.lastIndexOf('</w:tbl>'), xml.indexOf('<w:sectPr'));
    const p = paragraphs(tail);
    expect(p.map((x) => [x.style, x.text])).toEqual([['GwBody', NOTE]]);
    const lastRow = xml.slice(xml.lastIndexOf('<w:tr>'), xml.lastIndexOf('</w:tbl>'));
    expect(lastRow).toContain('<w:keepNext/>');
  });

  it('of more than four lines follows the table as a paragraph of its own, as clear of its rule', async () => {
    const long = `${NOTE}${'本注释为测试用的长注释，用来检验多行注释的位置。'.repeat(6)}`;
    const report = sample('report.md').replace(NOTE, long);
    expect(report).toContain(long);
    const { outputs } = await buildReport(makeReport({ 'report.md': report, 'statistics.yaml': sample('statistics.yaml') }, 'long-attachment-note'), { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    expect(pages.at(-1)!.items.map((i) => i.str).join('').replace(/\s/g, '')).toContain(`${long}—${pages.length}—`);
    expect(clearOfRule(outputs.pdf!, pages, NOTE.slice(0, 8))).toBeCloseTo((28.95 - 15.79) / 2, 0);
  });

  it('gets the body\'s punctuation, joins the lines of a note written over several, and names a character no font has at its own line', async () => {
    const report = sample('report.md').replace(/^  note: .*$/m, '  note: |\n    注:表中数字摘自报告正文,\n    正文未载明的项目空白.');
    const { outputs } = await buildReport(makeReport({ 'report.md': report, 'statistics.yaml': sample('statistics.yaml') }), { fonts, formats: ['docx'] });
    expect(paragraphs(docxParts(outputs.docx!)['word/document.xml']).at(-1)!.text).toBe('注：表中数字摘自报告正文，正文未载明的项目空白。');
    // the checks of the body's text read it too (a review: a formula in it passed)
    const formula = report.replace('正文未载明的项目空白.', '增长率为$\\frac{a}{b}$.');
    const { warnings } = await buildReport(makeReport({ 'report.md': formula, 'statistics.yaml': sample('statistics.yaml') }), { fonts, formats: ['docx'] });
    expect(warnings.map((w) => `${w.loc.line}: ${w.message}`)).toContainEqual(expect.stringMatching(new RegExp(`^${formula.split('\n').findIndex((l) => l.startsWith('  note:')) + 1}: .*a formula in LaTeX`)));
    const missing = report.replace('注:表中数字', '注:表\u{F8FF}中数字');
    const dir = makeReport({ 'report.md': missing, 'statistics.yaml': sample('statistics.yaml') });
    await expect(buildReport(dir, { fonts, formats: ['pdf'] })).rejects.toThrow(new RegExp(`report\\.md:${missing.split('\n').findIndex((l) => l.startsWith('  note:')) + 1}: .*U\\+F8FF`, 'u'));
  });
});

describe('a note under a table', () => {
  it('is a paragraph right after a table that opens as a note does', () => {
    for (const text of ['注：本表数据截至12月31日。', '注1：含网络申请。', '注: 单位为件。', '说明：数据由司法局提供。', '备注：无。', '资料来源：区统计局。']) {
      expect(isTableNote([table, para(text)], 1), text).toBe(true);
    }
    for (const text of ['注意：以下为本年情况。', '本表注：无', '说明了情况。']) expect(isTableNote([table, para(text)], 1), text).toBe(false);
    expect(isTableNote([para('前文。'), para('注：不在表下。')], 1)).toBe(false);
  });

  it('moves with the table\'s last row to the next page, under the header repeated there, wherever the table ends (PDF)', async () => {
    // (more rows than a short table, kept whole: SHORT_TABLE_ROWS)
    const rows = Array.from({ length: 8 }, (_, k) => `| 第${k + 1}项 | ${k + 10} |`).join('\n');
    let moved = 0;
    let measured = 0;
    // the table's end walks down page 1 and onto page 2, line by line
    for (let n = 8; n <= 14; n++) {
      const body = Array.from({ length: n }, (_, k) => `这是第${k + 1}段测试文字。\n\n`).join('') +
        `| 事项 | 件数 |\n| --- | ---: |\n${rows}\n\n注：本表数据截至2020年12月31日，含网络平台提交的申请。\n\n表后的一段文字。\n`;
      const { outputs } = await buildReport(makeReport({ 'report.md': `${FRONT}\n${body}` }, `note-${n}`), { fonts, formats: ['pdf'] });
      const { pages } = await readPdf(outputs.pdf!);
      const pageOf = (text: string) => pages.findIndex((p) => linesOf(p).some((l) => l.text.replace(/\s/g, '').includes(text)));
      const last = pageOf('第8项');
      expect(pageOf('注：本表数据截至'), `${n} paragraphs`).toBe(last);
      expect(pageOf('表后的一段文字'), `${n} paragraphs`).toBeGreaterThanOrEqual(last);
      // the text after it on the first grid line below the note's row: less than two lines below
      // the note (it stood up to 2.1 lines below: the row's paddings and the table's gap pushed it
      // a line further)
      if (pageOf('表后的一段文字') === last) {
        measured++;
        const lines = linesOf(pages[last]!);
        const after = lines.findIndex((l) => l.text.replace(/\s/g, '').includes('表后的一段文字'));
        // (from the note's last line, the line above)
        expect((lines[after]!.baseline - lines[after - 1]!.baseline) / ((225 * 72) / 25.4 / 22), `${n} paragraphs`).toBeLessThan(2 - 1e-6);
      }
      if (pageOf('第7项') < last) {
        // alone on its page with the note: under the header, repeated
        moved++;
        const lines = linesOf(pages[last]!).map((l) => l.text.replace(/\s/g, ''));
        expect(lines.findIndex((l) => l.startsWith('事项')), `${n} paragraphs`).toBe(lines.findIndex((l) => l.startsWith('第8项')) - 1);
      }
    }
    expect(moved, 'a case where the last row moves').toBeGreaterThan(0);
    expect(measured, 'cases where the text after the note is on its page').toBeGreaterThan(3);
  }, 60_000);

  it('stays in the group of a table kept whole (表二), right under it, and the text after it goes back to the grid', async () => {
    const dir = path.join(SAMPLE, '../sample-2021');
    const md = readFileSync(path.join(dir, 'report.md'), 'utf8').replace('{{table t2}}', '{{table t2}}\n\n注：规范性文件数据以备案为准。');
    const noted = makeReport({ 'report.md': md, 'statistics.yaml': readFileSync(path.join(dir, 'statistics.yaml'), 'utf8') }, 'sample-note');
    const { pages } = await readPdf((await buildReport(noted, { fonts, formats: ['pdf'] })).outputs.pdf!);
    const page = pages.find((p) => linesOf(p).some((l) => l.text.includes('规范性文件数据以备案为准')))!;
    const lines = linesOf(page);
    const note = lines.findIndex((l) => l.text.includes('规范性文件数据以备案为准'));
    expect(lines[note - 1]!.text.replace(/\s/g, '')).toBe('行政事业性收费126.35'); // the table's last row, right above
    // the heading after it is on the grid: a whole number of 28.95 pt lines below a page's first
    // line of body text (page 2's; 表二 may now break between its blocks, and here its last block
    // and the note start the page)
    const next = lines[note + 1]!;
    expect(next.text.replace(/\s/g, '')).toMatch(/^三、/);
    const grid = (next.baseline - linesOf(pages[1]!)[0]!.baseline) / 28.95;
    expect(Math.abs(grid - Math.round(grid)) * 28.95).toBeLessThan(1); // (a heading after a table sits ≈ 0.5 pt below its line, as without a note)
  }, 30_000);

  it('stands clear of the table\'s bottom rule by half a line\'s leading, and what follows stays on its grid line (its tops stood 1 pt under the rule)', async () => {
    const dir = path.join(SAMPLE, '../sample-2021');
    const md = readFileSync(path.join(dir, 'report.md'), 'utf8')
      .replace('{{table t2}}', '{{table t2}}\n\n注：规范性文件数据以备案为准。')
      .replace('{{table t4}}', '{{table t4}}\n\n| 事项 | 件数 |\n| --- | ---: |\n| 第1项 | 10 |\n| 第2项 | 11 |\n\n注：本表数据截至2021年12月31日。\n\n表后的一段文字。');
    const { outputs } = await buildReport(makeReport({ 'report.md': md, 'statistics.yaml': readFileSync(path.join(dir, 'statistics.yaml'), 'utf8') }, 'note-clear'), { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    for (const note of ['规范性文件数据以备案为准', '本表数据截至2021年12月31日']) {
      // (a 16-pt line's tops 6.5 pt under the rule, half of 28.95 − 16, measured from the rule's
      // middle: half a 1-pt rule's width more under a Markdown table)
      expect(clearOfRule(outputs.pdf!, pages, note), note).toBeGreaterThan(6);
      expect(clearOfRule(outputs.pdf!, pages, note), note).toBeLessThan(7.5);
      const lines = linesOf(pages.find((p) => linesOf(p).some((l) => l.text.includes(note)))!);
      const k = lines.findIndex((l) => l.text.includes(note));
      if (note.startsWith('本表')) {
        // the text after it on the next grid line, as before: the note's line gives its leading back
        expect(lines[k + 1]!.text.replace(/\s/g, '')).toBe('表后的一段文字。');
        expect(lines[k + 1]!.baseline - lines[k]!.baseline).toBeLessThan(28.95 + 1);
      }
    }
  }, 30_000);

  it('keeps a long note apart, lost with nothing (a block taller than a page, pdfmake drops), and a last note with the end matter', async () => {
    const dir = path.join(SAMPLE, '../sample-2021');
    const stats = readFileSync(path.join(dir, 'statistics.yaml'), 'utf8');
    const long = `注：${'本表数据由各乡镇和部门报送并经汇总核对。'.repeat(14)}END。`;
    const md = readFileSync(path.join(dir, 'report.md'), 'utf8').replace('{{table t2}}', `{{table t2}}\n\n${long}`);
    const text = (await readPdf((await buildReport(makeReport({ 'report.md': md, 'statistics.yaml': stats }, 'long-note'), { fonts, formats: ['pdf'] })).outputs.pdf!))
      .pages.flatMap((p) => linesOf(p).map((l) => l.text.replace(/\s/g, ''))).join('');
    for (const kept of ['行政事业性收费', '主动公开政府信息情况如下', 'END。']) expect(text, kept).toContain(kept);
    const mdLong = `${FRONT}\n| 事项 | 件数 |\n| --- | ---: |\n| 第1项 | 10 |\n| 第2项 | 11 |\n\n注：${'很长的说明文字。'.repeat(100)}END。\n`;
    const mdText = (await readPdf((await buildReport(makeReport({ 'report.md': mdLong }, 'long-md-note'), { fonts, formats: ['pdf'] })).outputs.pdf!))
      .pages.flatMap((p) => linesOf(p).map((l) => l.text.replace(/\s/g, ''))).join('');
    expect(mdText).toContain('END。');
    // a note that ends the body, before 责任编辑: the editor line never starts a page without it
    for (let n = 9; n <= 13; n++) {
      const body = Array.from({ length: n }, (_, k) => `第${k + 1}段。\n\n`).join('') + '| 事项 | 件数 |\n| --- | ---: |\n| 甲 | 1 |\n| 乙 | 2 |\n| 丙 | 3 |\n\n注：本表数据截至2020年12月31日。\n';
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': `${FRONT.replace('---\n', '---\neditor: 张三\n')}\n${body}` }, `end-note-${n}`), { fonts, formats: ['pdf'] })).outputs.pdf!);
      const page = pages.find((p) => linesOf(p).some((l) => l.text.includes('责任编辑')))!;
      const lines = linesOf(page).map((l) => l.text.replace(/\s/g, ''));
      expect(lines.findIndex((l) => l.startsWith('责任编辑')), `${n} paragraphs: 责任编辑 alone at the top of page ${page.number}`).toBeGreaterThan(0);
    }
  }, 60_000);

  it('follows its table right below the last row in the DOCX, which keeps with it (no gap paragraph between)', async () => {
    // (more rows than a short table, kept whole: SHORT_TABLE_ROWS)
    const md = `${FRONT}\n| 事项 | 件数 |\n| --- | ---: |\n${Array.from({ length: 8 }, (_, k) => `| 第${k + 1}项 | ${k + 10} |`).join('\n')}\n\n注：本表数据截至2020年12月31日。\n\n后文。\n`;
    const xml = docxParts((await buildReport(makeReport({ 'report.md': md }), { fonts, formats: ['docx'] })).outputs.docx!)['word/document.xml']!;
    // (the last table: the first is the information block)
    const tbl = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.at(-1)!;
    const rows = tbl.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows.at(-1)!.match(/<w:p>[\s\S]*?<\/w:p>/g)!.every((p) => p.includes('<w:keepNext/>'))).toBe(true);
    expect(rows[1]!).not.toContain('<w:keepNext/>');
    const after = paragraphs(xml.slice(xml.lastIndexOf('</w:tbl>')));
    expect(after[0]!.text).toBe('注：本表数据截至2020年12月31日。');
    // (no gap after it: what follows is on the next line, as in the PDF — a grid line's gap had
    // set a blank line the PDF has not, a 2021-form trial)
    expect(after[0]!.xml).not.toContain('<w:spacing ');
    expect(after[1]!.text).toBe('后文。');
    expect(after[1]!.xml).not.toContain('<w:spacing ');
    // a table without a note keeps a grid line's gap below it, as the next paragraph's space before
    // (which Word drops at a page's top, where an empty paragraph printed a blank line: GB/T
    // audit), and its last row keeps with nothing
    const plain = docxParts((await buildReport(makeReport({ 'report.md': md.replace('注：', '其中：') }), { fonts, formats: ['docx'] })).outputs.docx!)['word/document.xml']!;
    const below = paragraphs(plain.slice(plain.lastIndexOf('</w:tbl>')))[0]!;
    expect(below.text).toBe('其中：本表数据截至2020年12月31日。');
    expect(below.xml).toMatch(/<w:spacing w:before="579"\/>/);
    expect(plain.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.at(-1)!.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!.at(-1)).not.toContain('<w:keepNext/>');
  });
});
