/** The 2021 format: three tables in the body, merged cells in both writers, values by reference. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, loadReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { InputError } from '../src/model/errors.js';
import { loadChecked, ROOT } from './helpers/build.js';
import { docxParts } from './helpers/docx.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, MM, readPdf, type PdfPage } from './helpers/pdf.js';
import { pageContents } from './helpers/pdf-content.js';
import { pdfText } from './helpers/published.js';
import { FIGURE, figureEm, fittedSize } from '../src/layout/fit.js';
import { geometry } from '../src/layout/gbt9704.js';
import { cellTextWidth, columnTextWidths, isCovered, statGrid } from '../src/layout/stat-grid.js';
import { ZIHAO } from '../src/layout/units.js';
import { estimatedWidthEm } from '../src/layout/kinsoku.js';
import { labelLines } from '../src/layout/title-lines.js';
import { availableTemplates, loadTemplate } from '../src/read/templates.js';
import { cellLines, cellRoom, docxColumnWidths, groupStartRows } from '../src/write/docx/stat-table.js';
import type { PdfContext } from '../src/write/pdf/context.js';
import { statTable } from '../src/write/pdf/stat-table.js';

const SAMPLE = path.join(ROOT, 'content/sample-2021');
const STATS = readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8');
let pages: PdfPage[] = [];
let text = '';
let docx: Record<string, string> = {};

beforeAll(async () => {
  const { outputs } = await buildReport(SAMPLE, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
  pages = (await readPdf(outputs.pdf!)).pages;
  text = pdfText(pages);
  docx = docxParts(outputs.docx!);
});

const tables = () => [...docx['word/document.xml'].matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const docxStyles = () => docx['word/styles.xml']!;

describe('sample-2021 (fictional unit, 2021 format)', () => {
  it('says it is fictional', () => {
    expect(text).toContain('单位名称、人名、地址和全部数据均为虚构');
  });

  it('prints the three tables under sections 二, 三 and 四 with their headers', () => {
    const i2 = text.indexOf('二、主动公开政府信息情况');
    const i3 = text.indexOf('三、收到和处理政府信息公开申请情况');
    const i4 = text.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    expect(i2).toBeGreaterThan(0);
    expect(text.indexOf('第二十条第（一）项', i2)).toBeLessThan(i3);
    expect(text.indexOf('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', i3)).toBeLessThan(i4);
    expect(text.indexOf('未经复议直接起诉', i4)).toBeGreaterThan(i4);
  });

  it('replaces {{references}} with the table values', () => {
    expect(text).not.toContain('{{');
    expect(text).toMatch(/本年新收政府信息公开申请271件/);
  });

  it('fits the 15-column 表四 inside the 版心', () => {
    const page = pages.find((p) => pdfText([p]).includes('四、政府信息公开行政复议、行政诉讼情况'))!;
    expect(pdfText([page])).toContain('尚未审结');
    for (const l of linesOf(page)) {
      expect(l.x).toBeGreaterThanOrEqual(28 * MM - 0.5);
      // (a body line may end in a mark set in half its width, its blank past the edge: lines.ts endRoom)
      const halved = /[，、。；：！？）》”’】」』〕〉]$/.test(l.text) ? l.items.at(-1)!.size / 2 : 0;
      expect(l.right).toBeLessThanOrEqual((28 + 156) * MM + 0.5 + halved);
    }
  });

  it('keeps 政府 whole in （六）1\'s long label, its lines chosen on the face\'s widths where the estimate takes a line more', () => {
    const page = pages.find((p) => p.items.some((i) => i.str.startsWith('申请人无正当理由')))!;
    const first = page.items.find((i) => i.str.startsWith('申请人无正当理由'))!;
    // the label's lines: "1." and the items below it in its column, until the next label (2.)
    const below = page.items.filter((i) => i.x < first.x && i.x > first.x - 20 && i.baseline > first.baseline + 1).sort((a, b) => a.baseline - b.baseline);
    const lines = ['1.' + first.str, ...below.slice(0, below.findIndex((i) => i.str.startsWith('2.'))).map((i) => i.str)];
    expect(lines.join('')).toBe('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    expect(lines).toHaveLength(4);
    for (let k = 1; k < lines.length; k++) expect(lines[k - 1]!.at(-1)! + lines[k]![0]).not.toBe('政府');
  });

  it('merges the DOCX header and label cells with gridSpan and vMerge, and repeats header rows', () => {
    const t3 = tables().find((t) => t.includes('申请人情况'))!;
    expect(t3).toMatch(/<w:gridSpan w:val="7"\/>[\s\S]*?申请人情况/);   // 申请人情况 over 7 columns
    expect(t3).toMatch(/<w:gridSpan w:val="5"\/>[\s\S]*?法人或其他组织/);
    // (the label's lines: 三、 / 本 / 年度 / 办理 / 结果)
    expect(t3).toMatch(/<w:vMerge w:val="restart"\/>[\s\S]*?三、<\/w:t><\/w:r><w:r>(<w:rPr>(?:(?!<\/w:r>).)*<\/w:rPr>)?<w:br\/><w:t xml:space="preserve">本</);
    expect((t3.match(/<w:vMerge w:val="continue"\/>/g) ?? []).length).toBeGreaterThan(20);
    expect((t3.match(/<w:tblHeader\/>/g) ?? []).length).toBe(3);
    expect([...t3.matchAll(/<w:gridCol /g)]).toHaveLength(10);
    const t4 = tables().find((t) => t.includes('复议后起诉'))!;
    expect(t4).toMatch(/<w:gridSpan w:val="10"\/>[\s\S]*?行政诉讼/);
    expect([...t4.matchAll(/<w:gridCol /g)]).toHaveLength(15);
  });

  it('keeps each DOCX table\'s lead-in sentence with it, a quarter line above it as in the PDF', () => {
    const xml = docx['word/document.xml'];
    const leadIns = [...xml.matchAll(/<w:p>((?:(?!<w:p>)[\s\S])*?)<\/w:p>\s*<w:tbl>/g)].map((m) => m[1]!);
    expect(leadIns).toHaveLength(3);
    // (by a style of its own, 公文表前句, which Enter leaves for 公文正文: as direct formatting, Enter
    // at its end copied the keeping and the gap into the paragraph a reviewer typed)
    for (const p of leadIns) {
      expect(p).toContain('<w:pStyle w:val="GwLeadIn"/>');
      expect(p).not.toMatch(/<w:spacing |<w:keepNext/);
      expect(p.replace(/<[^>]+>/g, '')).toMatch(/情况如下：$/);
    }
    const style = /<w:style [^>]*w:styleId="GwLeadIn"[\s\S]*?<\/w:style>/.exec(docxStyles())![0];
    expect(style).toContain('<w:name w:val="公文表前句"/>');
    expect(style).toContain('<w:next w:val="GwBody"/>');
    expect(style).toContain('<w:keepNext/>');
    expect(style).toContain(`<w:spacing w:after="${Math.round(28.95 / 4 * 20)}"/>`);
  });

  it('leaves the gap above a DOCX statistics table under a heading with no lead-in, as in the PDF (its top rule stood 2 pt under the heading: a 2021-form trial)', async () => {
    const md = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace(/\n\d{4}年，本机关主动公开政府信息情况如下：\n/, '\n');
    const xml = docxParts((await buildReport(makeReport({ 'report.md': md, 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') }, 'heading-table'), { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/document.xml'];
    const heading = /<w:p>(?:(?!<w:p>)[\s\S])*?主动公开政府信息情况<\/w:t>[\s\S]*?<\/w:p>(?=\s*<w:tbl>)/.exec(xml)?.[0];
    expect(heading).toContain('<w:pStyle w:val="Heading1"/>');
    expect(heading).toContain(`w:after="${Math.round(28.95 / 4 * 20)}"`);
  });

  it('sets the smaller DOCX tables in their own size and lines (as the PDF), by styles of their own, not on every run', () => {
    // 表三 in 五号 (10.5 pt = 21 half-points, lines 10.5 × 1.35 pt), 表四 in 小五 (9 pt = 18)
    for (const [label, halfPoints, lineTwip, suffix, name] of [['申请人情况', 21, 284, '5', '（五号）'], ['复议后起诉', 18, 243, 'S5', '（小五）']] as const) {
      const t = tables().find((x) => x.includes(label))!;
      const runs = [...t.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!).filter((r) => r.includes('<w:t'));
      expect(runs.length).toBeGreaterThan(20);
      // no direct size (but on a figure set smaller to fit its cell) and no direct line: the style's
      expect(runs.filter((r) => r.includes('<w:sz ')).length, label).toBeLessThan(3);
      expect(t).not.toContain('<w:spacing ');
      const used = new Set([...t.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]));
      expect([...used].sort()).toEqual([`GwTableHeader${suffix}`, `GwTableText${suffix}`]);
      for (const [id, base] of [[`GwTableText${suffix}`, '公文表格文字'], [`GwTableHeader${suffix}`, '公文表头']] as const) {
        const def = new RegExp(`<w:style [^>]*w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(docxStyles())![0];
        expect(def).toContain(`<w:name w:val="${base}${name}"/>`);
        expect(def).toContain(`<w:sz w:val="${halfPoints}"/>`);
        expect(def).toContain(`w:line="${lineTwip}" w:lineRule="exact"`);
      }
    }
  });
});

describe('tables across pages and merged header cells (sample-2021)', () => {
  const pageWith = (start: string) => pages.find((p) => p.items.some((i) => i.str.startsWith(start)))!;
  const item = (page: PdfPage, start: string) => page.items.find((i) => i.str.startsWith(start))!;

  it('keeps 表二 with its heading and lead-in at the foot of a page where it fits but for the gap below it', () => {
    // page 5 has 11 lines of text and room for the group but for the half line kept below the
    // table, which pdfmake counted as part of the group and moved it to page 6 (half of page 5 empty)
    const page = pages[4]!;
    const heading = item(page, '二、主动公开');
    const last = item(page, '126.35');
    expect(heading.baseline).toBeGreaterThan(400);
    // the last row inside the text block (its foot 37 + 225 mm from the top)
    expect(last.baseline).toBeLessThan((37 + 225) * MM);
    expect(pages[5]!.items.some((i) => i.str.startsWith('三、收到和处理'))).toBe(true);
  });

  it('prints a row label again where a page break divides its rows (表三)', async () => {
    // (on the sample as it was when 表二's group, which fits page 5 but for the gap below it, went
    // to page 6: seven more lines at the end of part 一 move it there — one did while 表二 was kept
    // whole — and 表三 breaks twice again)
    const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace('# 主动公开政府信息情况', `${'测试段落。\n\n'.repeat(7)}# 主动公开政府信息情况`);
    const { outputs } = await buildReport(makeReport({ 'report.md': report, 'statistics.yaml': STATS }), { fonts: openFontSet(), formats: ['pdf'] });
    const pages = (await readPdf(outputs.pdf!)).pages;
    const pageWith = (start: string) => pages.find((p) => p.items.some((i) => i.str.startsWith(start)))!;
    expect(pages.findIndex((p) => p.items.some((i) => i.str.startsWith('二、主动公开'))), '二、 on page 6').toBe(5);
    // 表三 runs over three pages; on each continuation page the first body row carries the labels
    // of the groups it belongs to, at its top (labels are set at the top; the row's own text is
    // centred in it). (Where a page holds fewer rows of a group than its labels have lines, the
    // last row grows to hold them: tests/span-breaks.test.ts.)
    const LABEL_COLUMNS = 155; // the label columns end left of the row texts (x ≈ 160)
    // page 7 starts with the group 三、 (its first rows, at the foot of page 6, could not hold its
    // label); page 8 with the group （六）, inside 三、
    for (const [first, labels] of [['（一）予以公开', ['三、']], ['申请人无正当理由', ['三、', '（六）']]] as const) {
      const page = pages.find((p) => p.items.some((i) => i.str === first))!;
      const row = item(page, first);
      expect(item(page, '申请人情况').baseline, `header repeated above ${first}`).toBeLessThan(row.baseline);
      // the header's last line (社会公益组织, 法律服务机构)
      const header = Math.max(...page.items.filter((i) => i.str === '组织' || i.str === '机构').map((i) => i.baseline));
      const between = page.items.filter((i) => i.str.trim() && i.x > LABEL_COLUMNS && i.baseline > header + 1 && i.baseline < row.baseline - 1);
      expect(between.map((i) => i.str), `no body row above ${first}`).toEqual([]);
      const top = Math.min(...page.items.filter((i) => i.str.trim() && i.baseline > header + 1).map((i) => i.baseline));
      for (const label of labels) {
        const found = page.items.filter((i) => i.str === label);
        expect(found, `${label} on the page of ${first}`).toHaveLength(1);
        expect(Math.abs(found[0]!.baseline - top), `${label} on the first line below the header`).toBeLessThan(0.5);
      }
    }
    // the labels on page 8 end inside their group's rows, above the next group
    const last = pageWith('（七）总计');
    const labelEnd = Math.max(...last.items.filter((i) => i.x < 110 && i.baseline < item(last, '四、结转').baseline && i.baseline > item(last, '（本列数据').baseline).map((i) => i.baseline));
    expect(item(last, '四、结转').baseline - labelEnd, 'the label of 三、 runs into 四、结转').toBeGreaterThan(10.5 * 1.35);
    // page 6 ends with 二、上年结转…: 1.属于国家秘密 alone was too few for （三）'s label, and
    // without it （一） and （二） are too few for 三、's, so the group starts page 7
    // (io/pdfmake-label-room.ts)
    const start = pageWith('一、本年新收');
    expect(start.items.some((i) => i.str.startsWith('二、上年结转'))).toBe(true);
    for (const s of ['三、', '（一）予以公开', '（三）', '属于国家秘密']) expect(start.items.filter((i) => i.str === s), s).toHaveLength(0);
  });

  it('never starts 表三 at the foot of a page with its header over a single row, nor leaves its lead-in behind', async () => {
    // four more paragraphs before part 三 bring 表三's start to the foot of page 6: pdfmake set the
    // header and 一、本年新收… there, 二、上年结转… on the next page; now the heading, the lead-in
    // sentence, the header and two rows go on together
    const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace('# 收到和处理政府信息公开申请情况', '测试段落。\n\n'.repeat(4) + '# 收到和处理政府信息公开申请情况');
    const dir = makeReport({ 'report.md': report, 'statistics.yaml': STATS });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] });
    const moved = (await readPdf(outputs.pdf!)).pages;
    const start = moved.find((p) => p.items.some((i) => i.str === '申请人情况'))!;
    const onPage = start.items.map((i) => i.str).join('').replace(/\s+/g, '');
    for (const s of ['三、收到和处理', '2021年，本机关收到和处理', '一、本年新收', '二、上年结转']) expect(onPage, s).toContain(s);
  });

  it('breaks labels and headers with their words whole and no character alone on a line, in both writers', () => {
    // filled, （三）不予公开 left 开 alone, 4.保护第三方合法权益 益, 6.属于四类过程性信息 息
    const page = pageWith('属于国家秘密');
    const lines = page.items.map((i) => i.str.trim());
    for (const orphan of ['开', '益', '息', '供', '理', '物']) expect(lines, orphan).not.toContain(orphan);
    const three = item(page, '（三）');
    const under = (s: string) => page.items.find((i) => i.str === s && Math.abs(i.x + i.width / 2 - (three.x + three.width / 2)) < 1 && i.baseline > three.baseline);
    expect(under('不予')?.baseline).toBeCloseTo(three.baseline + 10.5 * 1.35, 1);
    expect(under('公开')?.baseline).toBeCloseTo(three.baseline + 2 * 10.5 * 1.35, 1);
    expect(lines).toContain('保护第三方'); // (4. is an item of its own)
    // 自然人, 0.3 pt too wide for its column, is set a little smaller on one line (it was 自然 / 人)
    const natural = page.items.find((i) => i.str === '自然人');
    expect(natural?.size).toBeLessThan(10.5);
    expect(natural?.size).toBeGreaterThanOrEqual(10);
    expect(lines).toContain('合法权益');
    // the DOCX breaks the same labels at the same places, with line breaks in the cell
    const t3 = tables().find((t) => t.includes('申请人情况'))!;
    const cellText = (start: string) => {
      const p = t3.match(/<w:p>[\s\S]*?<\/w:p>/g)!.find((x) => x.includes(`>${start}</w:t>`))!;
      return p.replace(/<w:br\/>/g, '|').replace(/<[^>]+>/g, '');
    };
    expect(cellText('（三）')).toBe('（三）|不予|公开');
    expect(cellText('4.保护第三方')).toBe('4.保护第三方|合法权益');
    // a cell under a label over several rows holds an empty paragraph in the label's style, not the document's default (三号, 28.95 pt lines)
    const continued = [...t3.matchAll(/<w:vMerge w:val="continue"\/>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
    expect(continued.length).toBeGreaterThan(10);
    for (const c of continued) expect(c).toMatch(/<w:p><w:pPr><w:pStyle w:val="GwTable(Text|Header)(5|S5)?"\/>/);
  });

  it('breaks every label and header of every form at the same places in the PDF and the DOCX, each line within its cell', () => {
    const fonts = openFontSet();
    const ctx: PdfContext = { glyphs: { has: fonts.has, advance: fonts.advance, advanceOfUnit: fonts.advanceOfUnit, dashCentre: 0.3 }, textWidth: geometry.textWidth, breakLines: true };
    let broken = 0;
    let agreed = 0;
    const owned: string[] = [];
    // empty forms, and the 2021 sample's figures (which widen the figure columns and narrow the labels')
    const sample = loadReport(path.resolve('content/sample-2021')).statistics!;
    const forms = [...availableTemplates().map((id) => [loadTemplate(id)!, {}] as const), [sample.template, sample.values] as const];
    for (const [template, values] of forms) {
      const id = template.id;
      for (const table of template.tables) {
        const grid = statGrid(table, values);
        const size = ZIHAO[grid.zihao];
        const body = (statTable(ctx, grid) as unknown as { table: { body: { text?: { text: string }[] }[][] } }).table.body;
        const widths = columnTextWidths(grid, geometry.textWidth);
        const docxWidths = docxColumnWidths(grid);
        grid.rows.forEach((row, r) => row.forEach((slot, c) => {
          if (isCovered(slot) || slot.role === 'value' || !slot.text) return;
          const text = body[r]![c]!.text!.map((i) => i.text).join('');
          const pdf = text.includes('\n') ? text.split('\n') : undefined;
          const room = cellTextWidth(widths, c, slot, size);
          const docxWidth = docxWidths.slice(c, c + slot.colSpan).reduce((a, b) => a + b, 0);
          const docx = cellLines(slot, cellRoom(slot, docxWidth, size), size, room);
          const where = `${id} ${table.id} row ${r} column ${c} ${slot.text}`;
          // Where both break a label, at the same places. (Each decides by how the cell fills in
          // its own face: 7.属于行政执法案卷 is 8.75 em in FandolFang, one line in the PDF, and 9 by
          // the DOCX's estimate, which counts digits and . as half an em as 仿宋_GB2312 has them.)
          if (!pdf) return;
          // (but for a label whose lines of whole words at the PDF's width, by the estimate, take
          // more lines than filling: the DOCX then chooses them at its cell's own width, each line
          // within it, the words whole — 2021's 表三（六）1, which Word had broken in 行政机 / 关)
          const own = docx && labelLines(slot.text, cellRoom(slot, docxWidth, size) / size, slot.align, undefined, room / size) === undefined;
          if (own) {
            for (const line of docx) expect(estimatedWidthEm(line) * size, `${where}: ${line}`).toBeLessThanOrEqual(cellRoom(slot, docxWidth, size));
            for (let k = 1; k < docx.length; k++) expect(['政府', '信息', '公开', '申请', '处理', '行政', '机关', '不再', '正当', '理由'], `${where}: ${docx[k - 1]} / ${docx[k]}`).not.toContain(docx[k - 1]!.at(-1)! + docx[k]![0]);
            owned.push(where);
          } else if (docx) { expect(docx, where).toEqual(pdf); agreed++; }
          broken++;
          expect(pdf.join(''), where).toBe(slot.text.replace(/\s+/g, ''));
          const role = slot.role === 'head' || slot.role === 'section' ? 'hei' : 'fang';
          for (const line of pdf) expect(fonts.advance(role, line, size), `${where}: ${line}`).toBeLessThanOrEqual(room + 0.01);
          // no seam splits a word the forms are made of (the PDF's 1.申请人无正当理由…其政 / 府信息公开申请
          // before its lines were chosen on FandolFang's widths where the estimate took a line more)
          for (let k = 1; k < pdf.length; k++) expect(['政府', '信息', '公开', '申请', '处理', '行政', '机关'], `${where}: ${pdf[k - 1]} / ${pdf[k]}`).not.toContain(pdf[k - 1]!.at(-1)! + pdf[k]![0]);
        }));
      }
    }
    expect(broken).toBeGreaterThan(20);
    expect(agreed).toBeGreaterThan(broken * 0.8); // (60 of 64)
    // (in the empty 2021 form and in the sample's)
    expect(owned).toEqual(Array(2).fill('gov-2021 t3 row 23 column 2 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'));
  });

  it('keeps a group\'s first rows together in the DOCX until they are as tall as its label, which Word would cut at a page break', () => {
    const grid = statGrid(loadTemplate('gov-2021')!.tables.find((t) => t.id === 't3')!, {});
    const rowOf = (start: string) => grid.rows.findIndex((row) => row.some((slot) => !isCovered(slot) && slot.role !== 'head' && slot.text.replace(/^\d+\./, '').startsWith(start)));
    const keep = groupStartRows(grid);
    // 三、 / 本 / 年度 / 办理 / 结果 (five lines) over （一） (one), （二） (three): both keep with the next
    expect(keep.has(rowOf('（一）予以公开'))).toBe(true);
    expect(keep.has(rowOf('（二）部分公开'))).toBe(true);
    // （三） / 不予 / 公开 over 1. (one line) and 2. (two): 1. keeps with 2., 2. is enough
    expect(keep.has(rowOf('属于国家秘密'))).toBe(true);
    expect(keep.has(rowOf('其他法律行政法规'))).toBe(false);
    // and in the document: those rows' paragraphs keep with the next
    const t3 = tables().find((t) => t.includes('申请人情况'))!;
    const row = [...t3.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]).find((r) => r.includes('属于国家秘密'))!;
    for (const p of row.match(/<w:p>[\s\S]*?<\/w:p>/g)!) expect(p).toContain('<w:keepNext/>');
  });

  it('draws the rows under a repeated label as tall as their text, not as the label', () => {
    // pdfmake made the last row of a label repeated at the top of a page as tall as the whole
    // label (io/pdfmake-row-spans.ts): 8.属于行政查询事项, one line, was drawn 1.5 lines too tall
    const page = pageWith('属于行政查询事项');
    const at = (s: string) => item(page, s).baseline;
    const pitch = 10.5 * 1.35 + 2 + 1 + 0.5; // one line of 五号 and the cell's padding and rule
    expect(at('属于行政查询事项') - at('属于行政执法案卷')).toBeCloseTo(pitch, 1);
    expect(at('本机关不掌握') - at('属于行政查询事项')).toBeCloseTo(pitch, 1);
  });

  it('pulls rows over to the page where a group goes on, rather than growing its last rows to hold the label repeated there', async () => {
    const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
    const anchor = '2021年，本机关收到和处理政府信息公开申请情况如下：';
    const fonts = openFontSet();
    const pagesAt = async (k: number) => {
      const dir = makeReport({ 'report.md': report.replace(anchor, '测试段落。\n\n'.repeat(k) + anchor), 'statistics.yaml': STATS }, `pull-${k}`);
      return (await readPdf((await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!)).pages;
    };
    const has = (page: PdfPage, start: string) => page.items.some((i) => i.str.startsWith(start));
    // 17 paragraphs before 表三: 7. and 8. of （三） went on alone to page 8, each grown half a
    // line to hold （三）不予公开 (three lines); 6. now goes with them, and they keep their height
    const at17 = (await pagesAt(17)).find((p) => has(p, '属于行政查询事项'))!;
    expect(has(at17, '属于四类')).toBe(true);
    const at = (s: string) => at17.items.find((i) => i.str.startsWith(s))!.baseline;
    const pitch = 10.5 * 1.35 + 2 + 1 + 0.5; // one line of 五号 and the cell's padding and rule
    expect(at('属于行政查询事项') - at('属于行政执法案卷')).toBeCloseTo(pitch, 1);
    // 21: （七）总计 went on alone to page 9, grown to the five lines of 三、本年度办理结果; the last
    // row of （六） now goes with it
    const at21 = (await pagesAt(21)).find((p) => has(p, '（七）总计'))!;
    expect(has(at21, '申请人逾期未')).toBe(true);
  }, 60_000);

  it('never prints a row label twice on a page, nor over anything, nor leaves rows without it, wherever 表三 starts on the page', async () => {
    // 表三 moved down the page one line at a time (at 14 and 15 （四）'s first row would end a
    // page): its page breaks fall after each of its rows in turn. A label cut where its rows cannot hold it would make them taller, move the break and
    // print the label twice; a label drawn whole over too few rows would run into the page number.
    // A group's first rows at the foot of a page, too few for its label, go to the next page with
    // it (io/pdfmake-label-room.ts): every page with rows of a group prints the group's label.
    const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
    const anchor = '2021年，本机关收到和处理政府信息公开申请情况如下：';
    const LABELS = new Set(['三、', '（三）', '（四）', '（五）', '（六）']);
    // the start of each row's first line (3.其他, which is also a header cell, left out)
    const ROWS: Record<string, string[]> = {
      '（三）': ['属于国家秘密', '其他法律行政', '危及', '保护第三方', '属于三类', '属于四类', '属于行政执法案卷', '属于行政查询事项'],
      '（四）': ['本机关不掌握', '没有现成信息', '补正后申请'],
      '（五）': ['信访举报', '重复申请', '要求提供', '无正当理由', '要求行政机关'],
      '（六）': ['申请人无正当理由', '申请人逾期未'],
    };
    ROWS['三、'] = ['（一）予以公开', '（二）部分公开', '（七）总计', ...Object.values(ROWS).flat()];
    const fonts = openFontSet();
    for (let k = 0; k < 22; k++) { // a page is 22 lines: every place 表三 can start at
      const dir = makeReport({ 'report.md': report.replace(anchor, '测试段落。\n\n'.repeat(k) + anchor), 'statistics.yaml': STATS }, `offset-${k}`);
      const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
      const pages = (await readPdf(outputs.pdf!)).pages;
      // every row is found by the start of its first line (a start that matched nothing would test nothing)
      for (const r of ROWS['三、']) expect(pages.some((p) => p.items.some((i) => i.str.startsWith(r))), `offset ${k}: no row starts ${r}`).toBe(true);
      for (const page of pages) {
        const labels = page.items.filter((i) => LABELS.has(i.str) && i.x < 160).map((i) => i.str);
        expect(labels.length, `offset ${k}, page ${page.number}: ${labels.join(' ')}`).toBe(new Set(labels).size);
        for (const [label, rows] of Object.entries(ROWS)) {
          const row = page.items.find((i) => rows.some((r) => i.str.startsWith(r)));
          if (row) expect(labels, `offset ${k}, page ${page.number}: ${row.str} without ${label}`).toContain(label);
        }
        const items = page.items.filter((i) => i.str.trim());
        // (a mark set in part of its width in a squeezed line, 标点挤压, has the character after it
        // within its em's blank half: no text over another)
        const squeezed = (a: { str: string; x: number; width: number }, b: { x: number }) => /^[，、。；：！？）》”’】」』〕〉]$/u.test(a.str) && b.x >= a.x + a.width / 2 - 0.5;
        for (const a of items) for (const b of items) {
          if (a === b || Math.abs(a.baseline - b.baseline) >= Math.min(a.size, b.size) * 0.8 || squeezed(a, b) || squeezed(b, a)) continue;
          expect(a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5, `offset ${k}, page ${page.number}: "${a.str}" over "${b.str}"`).toBe(false);
        }
      }
    }
  }, 60_000);

  it('centres 表四\'s header cells over two rows inside the header, not below the table', () => {
    const page = pageWith('行政复议');
    const direct = item(page, '未经复议直接起诉');
    const heading = page.items.find((i) => i.str.startsWith('五、'));
    // 结果维持, 结果纠正 and 其他结果 ("结果" is the second line of the last) in each of the three groups
    const top = item(page, '行政复议').baseline; // (表三's label 三、本年度办理结果 may end above, in a line 结果)
    // (the table ends above 五、 where it is on the same page)
    const end = heading?.baseline ?? Infinity;
    const results = page.items.filter((i) => i.str === '结果' && i.baseline > top && i.baseline < end).sort((a, b) => a.x - b.x);
    expect(results).toHaveLength(9);
    const review = results[0]!; // 行政复议's 结果维持, over header rows 2 and 3
    const litigation = results[3]!; // 未经复议直接起诉's 结果维持, a cell of header row 3
    const reviewSecond = page.items.find((i) => i.str === '维持' && Math.abs(i.x - review.x) < 1)!;
    const data = page.items.filter((i) => /^\d+$/.test(i.str) && i.baseline > litigation.baseline && i.baseline < end);
    expect(data.length).toBe(15);
    expect(review.baseline).toBeGreaterThan(direct.baseline);
    expect(review.baseline).toBeLessThan(litigation.baseline);
    expect(reviewSecond.baseline).toBeLessThan(Math.min(...data.map((i) => i.baseline)) - 5);
  });
});

describe('placing and referring to tables', () => {
  const report = (body: string, stats = STATS) => makeReport({
    'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n') + body,
    'statistics.yaml': stats,
  });
  const error = (dir: string) => { try { loadChecked(dir); } catch (e) { return (e as InputError).message; } return ''; };
  const tables3 = '{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n';

  it('asks first for the form where the statistics are on another year\'s (a unit\'s old workbook)', () => {
    // a 2020 report (gov-2019's year) with 2014-form statistics and the body's {{table}} lines
    const stats2014 = readFileSync(path.join(ROOT, 'content/shangqiu-2017/statistics.yaml'), 'utf8');
    expect(error(report('{{table t2}}\n', stats2014))).toMatch(/the gov-2014 table is printed as an attachment, not in the body\n  fix: remove this \{\{table …\}\} line — but first check the form: the statistics file is on gov-2014, and a 2020 report is on gov-2019/);
    // the lines are right and the form is wrong: said once, with every line (not "remove this line"
    // at each, which invites deleting them: a review)
    expect(error(report(tables3, stats2014))).toMatch(/report\.md:8: the statistics file is on gov-2014, whose table is printed as an attachment, not where this \{\{table\}\} line and those at lines 10, 12 stand\n  fix: check the form: a 2020 report is on gov-2019, which prints its tables where these lines stand — correct the statistics file's template: line, or write this year's figures on gov-2019 \(gongwen new <folder> --year 2020 writes an empty file of it\)$/);
    // on the 2014 form's own year, each {{table}} line at once, at its line (one a run: a 2019-form audit)
    const of2017 = makeReport({ 'report.md': FRONT.replace(/2020/g, '2017').replace('2021-01-15', '2018-01-15').replace(/---\n$/, 'statistics: statistics.yaml\nattachment: { title: 统计表 }\n---\n') + tables3, 'statistics.yaml': stats2014 });
    expect(error(of2017).match(/:(\d+): the gov-2014 table is printed as an attachment, not in the body\n  fix: remove this \{\{table …\}\} line$/gm)).toHaveLength(3);
    // on the year's form, no such word
    const on2021 = makeReport({ 'report.md': FRONT.replace('year: 2020', 'year: 2021').replace(/---\n$/, 'statistics: statistics.yaml\n---\n') + '{{table t2}}\n\n{{table t4}}\n', 'statistics.yaml': STATS });
    expect(error(on2021)).toContain('is not placed');
    expect(error(on2021)).not.toContain('check the form');
  });

  it('requires every table of the format to be placed', () => {
    expect(error(report('{{table t2}}\n\n{{table t4}}\n'))).toMatch(/report\.md:6: the gov-2021 format prints its tables in the body, but \{\{table t3\}\} \(三、收到和处理政府信息公开申请情况\) is not placed/);
    // where the report has the part's heading, at that heading (line 6 is statistics:, no help)
    const parts = '# 总体情况\n\n无。\n\n# 主动公开政府信息情况\n\n{{table t2}}\n\n# 收到和处理政府信息公开申请情况\n\n本年收到申请3件。\n\n# 政府信息公开行政复议、行政诉讼情况\n\n{{table t4}}\n';
    expect(error(report(parts))).toMatch(/report\.md:16: the gov-2021 format prints 表三 in the body, under this heading, and no \{\{table t3\}\} places it\n {2}fix: write "\{\{table t3\}\}" on a line of its own, with blank lines around it, in the text under this heading/);
  });

  it('refuses a placeholder typed with full-width braces or one brace short, at its line, even beside the table placed (printed as typed, a newcomer\'s trial)', () => {
    const full = error(report('{{table t2}}\n\n｛｛table t3｝｝\n\n{{table t4}}\n'));
    expect(full).toMatch(/report\.md:10: "｛｛table t3｝｝" is written with full-width braces ｛ ｝\n {2}fix: write \{\{table t3\}\} with ASCII braces \(switch the input method to 半角 or English\), alone on its line/);
    expect(full).not.toContain('is not placed');
    expect(error(report('{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n\n{table t4}\n'))).toMatch(/report\.md:14: "\{table t4\}" is no table placeholder: it takes two braces on each side\n {2}fix: write \{\{table t4\}\}, alone on its line/);
    expect(error(report('{{table t2}}\n\n{{table t3}}\n\n{{table t4}\n'))).toMatch(/report\.md:12: "\{\{table t4\}" is no table placeholder/);
  });

  it('lists the references\' problems with the placement\'s (a table placed twice hid a misspelt reference until it was fixed: a newcomer\'s trial)', () => {
    const both = error(report('{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n\n{{table t4}}\n\n共收到申请{{t3.new_recieved.total}}件。\n'));
    expect(both).toMatch(/report\.md:14: table t4 is placed twice/);
    expect(both).toMatch(/report\.md:16: .*t3\.new_recieved\.total/);
    // a placeholder a brace short is said once, not also by the references
    const short = error(report('{{table t2}}\n\n{{table t3}}\n\n{{table t4}\n'));
    expect(short.match(/is no table placeholder/g)).toHaveLength(1);
  });

  it('lists every placement problem in one run, and a placeholder inside a sentence at its line', () => {
    const both = error(report('{{table t2}}\n\n{{table t3}}\n\n{{table t3}}\n'));
    expect(both).toMatch(/report\.md:12: table t3 is placed twice/);
    expect(both).toMatch(/\{\{table t4\}\} \(.*\) is not placed/);
    // in line order, whatever the order of the checks
    expect(error(report('{{table t2}}\n\n{{table t2}}\n\n{{table t9}}\n')).match(/report\.md:(\d+):/g)!.map((m) => Number(m.slice(10, -1)))).toEqual([6, 10, 12]);
    // a placeholder in a list item is reported at the list
    expect(error(report('{{table t2}}\n\n- 见{{table t3}}\n\n{{table t4}}\n'))).toMatch(/report\.md:10: "\{\{table t3\}\}" must be a paragraph of its own/);
    const inSentence = error(report('{{table t2}}\n\n本年情况见下表 {{table t3}}\n\n{{table t4}}\n'));
    expect(inSentence).toMatch(/report\.md:10: "\{\{table t3\}\}" must be a paragraph of its own\n {2}fix: put the table placeholder alone on its line/);
    expect(inSentence).not.toContain('is not placed');
    // an unknown table typed at a paragraph's last line, beside a missing one: both at once, each at its line (audit)
    // (at the line that holds it, not one that only names table and t9, review)
    const unknown = error(report('{{table t2}}\n\n{{table t3}}\n\n无。\n说明t9的table。\n{{table t9}}\n'));
    expect(unknown).toMatch(/report\.md:6: the gov-2021 format prints its tables in the body, but \{\{table t4\}\}.* is not placed/);
    expect(unknown).toMatch(/report\.md:14: no table "t9" in template gov-2021, and "\{\{table t9\}\}" is not a paragraph of its own\n {2}fix: write one of \{\{table t2\}\}, \{\{table t3\}\}, \{\{table t4\}\}, alone on its line with blank lines around it, or remove it/);
  });

  it('says which table a placeholder means that names it otherwise, or none (an office trial: {{table 表三}} was said not to stand alone, {{table: t3}} not seen)', () => {
    const only = (placeholder: string) => {
      const e = error(report(`{{table t2}}\n\n${placeholder}\n\n{{table t4}}\n`));
      expect(e.match(/report\.md:\d+:/g), placeholder).toHaveLength(1); // (not also said to be missing)
      return e;
    };
    expect(only('{{table 表三}}')).toMatch(/report\.md:10: no table "表三" in template gov-2021\n {2}fix: write \{\{table t3\}\} \(表三 is t3\)$/);
    expect(only('{{table 3}}')).toMatch(/report\.md:10: no table "3" in template gov-2021\n {2}fix: write \{\{table t3\}\} \(表三 is t3\)$/);
    expect(only('{{table: t3}}')).toMatch(/report\.md:10: "\{\{table: t3\}\}" names no table of template gov-2021\n {2}fix: write \{\{table t3\}\} \(表三 is t3\)$/);
    const none = error(report(`${tables3}\n{{table}}\n`));
    expect(none).toMatch(/report\.md:14: "\{\{table\}\}" names no table of template gov-2021\n {2}fix: write one of \{\{table t2\}\}, \{\{table t3\}\}, \{\{table t4\}\}, or remove it$/);
    expect(none).not.toContain('is not a cell');
    // one that names no table, twice: said at each, not also to be placed twice (a review)
    const twice = error(report(`${tables3}\n{{table foo}}\n\n{{table foo}}\n`));
    expect(twice.match(/report\.md:\d+: no table "foo"/g)).toHaveLength(2);
    expect(twice).not.toContain('placed twice');
    // a number no table has (an internal error: chineseNumeral takes 1 to 999, a review)
    expect(error(report(`${tables3}\n{{table 0}}\n`))).toMatch(/report\.md:14: no table "0" in template gov-2021\n {2}fix: write one of/);
    expect(error(report(`${tables3}\n{{table 1000}}\n`))).toMatch(/no table "1000" in template gov-2021/);
  });

  it('rejects an unknown table and a reference to an unknown cell, with a suggestion', () => {
    expect(error(report(`${tables3}\n{{table t5}}\n`))).toMatch(/report\.md:14: no table "t5" in template gov-2021/);
    expect(error(report(`${tables3}\n共收到{{t3.new_recieved.total}}件。\n`))).toMatch(/report\.md:14: \{\{t3\.new_recieved\.total\}\} is not a cell of template gov-2021\n  fix: did you mean \{\{t3\.new_received\.total\}\}\?/);
    // too far from every cell for a guess: the part that names nothing, with the ones there are
    expect(error(report(`${tables3}\n共收到{{t3.foo.total}}件。\n`))).toMatch(/\{\{t3\.foo\.total\}\} is not a cell of template gov-2021\n  fix: "foo" is no row of t3: there are new_received, carried_over, granted, .*, … \(the ids are in statistics\.yaml/);
    expect(error(report(`${tables3}\n共{{t4.review_totle}}件。\n`))).toMatch(/fix: did you mean \{\{t4\.review_total\}\}\?/);
    // another form's cell: said so, as the statistics file's own ids are (a 2019-form audit)
    // (on a 2021 report: on 2020's, gov-2019's year, the statistics' form is what is said to be wrong)
    const of2021 = makeReport({ 'report.md': FRONT.replace('year: 2020', 'year: 2021').replace(/---\n$/, 'statistics: statistics.yaml\n---\n') + `${tables3}\n共{{t2.regulations.new_made}}件。\n`, 'statistics.yaml': STATS });
    expect(error(of2021)).toMatch(/\{\{t2\.regulations\.new_made\}\} is not a cell of template gov-2021\n  fix: \{\{t2\.regulations\.new_made\}\} is gov-2019's, and the report's statistics are on gov-2021: did you mean \{\{t2\.regulations\.made\}\}\?/);
  });

  it('guesses no cell of a form of other ids for another form\'s reference (a 2014-form trial: "did you mean s4?", 行政复议数量, for t3.new_received.total)', () => {
    const dir = makeReport({ 'report.md': FRONT.replace(/2020/g, '2016').replace('2021-01-15', '2017-01-15').replace(/---\n$/, 'attachment: { title: 统计表 }\nstatistics: statistics.yaml\n---\n') + '\n共收到申请{{t3.new_received.total}}件。\n', 'statistics.yaml': 'template: gov-2014\nvalues:\n  s3_1: 10\n' });
    const message = error(dir);
    expect(message).toMatch(/\{\{t3\.new_received\.total\}\} is not a cell of template gov-2014\n  fix: \{\{t3\.new_received\.total\}\} is gov-2019's, and the report's statistics are on gov-2014: write the id of this form's cell \(statistics\.yaml names each with its label: s3_1 is 三（一）收到申请数\)$/);
    expect(message).not.toContain('did you mean');
  });

  it('rejects a reference to an empty cell', () => {
    const stats = STATS.replace(/ {4}review_total: \d+\n/, '');
    expect(error(report(`${tables3}\n复议{{t4.review_total}}件。\n`, stats))).toMatch(/\{\{t4\.review_total\}\} \(表四 行政复议·总计\) is empty in/);
  });
});

describe('the 2019 format', () => {
  it('does not leave （七）总计 alone on a page under 三、, whose label is longer than a page\'s share of its rows', async () => {
    // 16 paragraphs before 表三 brought its page break to just before （七）总计, which was made
    // as tall as 三、本年度办理结果 (write/pdf/label-room.ts pulls rows over instead)
    const paras = Array.from({ length: 16 }, (_, i) => `第${i + 1}段。`).join('\n\n');
    const dir = makeReport({
      'report.md': FRONT.replace('year: 2020', 'year: 2019').replace(/---\n$/, 'statistics: statistics.yaml\n---\n')
        + `# 主动公开政府信息情况\n\n{{table t2}}\n\n# 收到和处理政府信息公开申请情况\n\n${paras}\n\n{{table t3}}\n\n# 政府信息公开行政复议、行政诉讼情况\n\n{{table t4}}\n`,
      'statistics.yaml': 'template: gov-2019\ntables:\n  t3:\n    new_received: {natural: 10, total: 10}\n',
    }, 'y2019-pull');
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] });
    const page = (await readPdf(outputs.pdf!)).pages.find((p) => p.items.some((i) => i.str.startsWith('（七）总计')))!;
    expect(page.items.some((i) => i.str.startsWith('（六）其他处理'))).toBe(true);
  });

  it('prints a row of figures left blank one line tall (表四 of a new 2019 folder was a strip of its padding)', async () => {
    const dir = makeReport({
      'report.md': FRONT.replace('year: 2020', 'year: 2019').replace(/---\n$/, 'statistics: statistics.yaml\n---\n')
        + `# 主动公开政府信息情况\n\n{{table t2}}\n\n# 收到和处理政府信息公开申请情况\n\n{{table t3}}\n\n# 政府信息公开行政复议、行政诉讼情况\n\n{{table t4}}\n`,
      'statistics.yaml': 'template: gov-2019\ntables:\n  t3:\n    new_received: {natural: 10, total: 10}\n',
    }, 'y2019-blank-t4');
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] });
    const pages = (await readPdf(outputs.pdf!)).pages;
    const n = pages.findIndex((p) => p.items.some((i) => i.str === '复议后起诉'));
    const head = pages[n]!.items.find((i) => i.str === '复议后起诉')!;
    // the table's horizontal rules below its header's last row, top down (pdfkit's page is flipped)
    const content = pageContents(outputs.pdf!)[n]!.content;
    const rules = [...content.matchAll(/([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l\nS/g)]
      .filter((m) => m[2] === m[4] && Number(m[2]) > head.baseline).map((m) => Number(m[2]));
    const ys = [...new Set(rules.map((y) => y.toFixed(1)))].map(Number).sort((a, b) => a - b);
    expect(ys).toHaveLength(3); // under 结果维持 …, under the blank row (each drawn as one rule a cell)
    const size = ZIHAO[statGrid(loadTemplate('gov-2019')!.tables.find((t) => t.id === 't4')!, {}).zihao];
    expect(ys[2]! - ys[1]!).toBeGreaterThan(size * 1.35);
  });

  it('renders its tables, with signed 本年增/减 values, and reports the empty cells', async () => {
    const stats = [
      'template: gov-2019',
      'tables:',
      '  t2:',
      '    regulations: {new_made: 1, new_published: 1, total_published: 12}',
      '    licensing: {prev_items: 120, delta: -8, decisions: 3000}',
      '    other_services: {prev_items: 40, delta: 4, decisions: 200}',
      '  t3:',
      '    new_received: {natural: 10, total: 10}',
      '  t4:',
      '    review_upheld: 1',
      '    review_total: 1',
    ].join('\n');
    const dir = makeReport({
      'report.md': FRONT.replace('year: 2020', 'year: 2019').replace(/---\n$/, 'statistics: statistics.yaml\n---\n') + '# 主动公开政府信息情况\n\n{{table t2}}\n\n许可事项较上年{{t2.licensing.delta}}项。\n\n# 收到和处理政府信息公开申请情况\n\n{{table t3}}\n\n# 政府信息公开行政复议、行政诉讼情况\n\n{{table t4}}\n',
      'statistics.yaml': stats,
    }, 'y2019');
    const { outputs, warnings } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const text = pdfText((await readPdf(outputs.pdf!)).pages);
    // the minus sign printed (an em wide, as the figures' signs are set) reads as "-" when copied
    // or searched (pdfkit fix 24): "-8" finds it, a spreadsheet takes it as a number
    expect(text).toContain('许可事项较上年-8项。');
    expect(text).toMatch(/行政许可120-83000/);
    // (printed from the fallback face, whose U+2212 is 0.58 em wide and whose hyphen-minus 0.346)
    const signs = (await readPdf(outputs.pdf!)).pages.flatMap((p) => p.items).filter((i) => i.str === '-');
    expect(signs.length).toBeGreaterThanOrEqual(2);
    for (const s of signs) expect(s.width / s.size).toBeCloseTo(0.58, 2);
    expect(text).toMatch(/其他对外管理服务事项40\+4200/);
    expect(warnings.some((w) => /表三.*incomplete|incomplete/.test(w.message))).toBe(true);
    expect(docxParts(outputs.docx!)['word/document.xml']).toContain('+4');
  });
});

describe('figures too wide for their cells (a city\'s sums)', () => {
  it('sets a six-digit 表三 total smaller on one line, in the PDF and the DOCX; five digits at 五号', async () => {
    // the sample's 表三 figures times 2,000: its totals have six digits (271 → 542000), still adding up
    const stats = STATS.replace(/^(\s+(?:new_received|carried_over|granted|partial|denied_\w+|unable_\w+|not_processed_\w+|other_\w+|results_total|carried_forward):\s*)\{([^}]*)\}/gm,
      (_m, key: string, cells: string) => `${key}{${cells.replace(/(\w+):\s*(\d+)/g, (_c, k: string, v: string) => `${k}: ${Number(v) * 2000}`)}}`);
    expect(stats).toContain('total: 542000');
    const dir = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace(/\{\{t3\.[^}]+\}\}/g, '若干'), 'statistics.yaml': stats });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'], allowMissingGlyphs: true });
    const items = (await readPdf(outputs.pdf!)).pages.flatMap((p) => p.items);
    const total = items.find((i) => i.str === '542000');
    expect(total, 'the total as one piece of text').toBeDefined();
    expect(total!.size).toBeLessThan(10.5);
    expect(total!.size).toBeGreaterThan(8);
    expect(items.find((i) => i.str === '42000')?.size).toBeCloseTo(10.5, 1); // 21 × 2000: five digits fit
    const doc = docxParts(outputs.docx!)['word/document.xml'];
    const run = /<w:r><w:rPr><w:sz w:val="(\d+)"\/><w:szCs w:val="\d+"\/><\/w:rPr><w:t xml:space="preserve">542000<\/w:t><\/w:r>/.exec(doc);
    expect(run, 'the DOCX run of the total').not.toBeNull();
    expect(Number(run![1])).toBeLessThan(21);
  });
});

describe('figures (layout/fit.ts)', () => {
  it('are digits with a sign, a decimal point and separators; estimated with the sign a whole em', () => {
    for (const f of ['542000', '−12', '+4', '126.65', '1,200']) expect(FIGURE.test(f), f).toBe(true);
    for (const t of ['.', ',', '—', '', '12件']) expect(FIGURE.test(t), t).toBe(false);
    expect(figureEm('−1,234.5')).toBe(4.5);
    expect(fittedSize(30, 29.7, 10.5)).toBe(10.3);
    expect(fittedSize(20, 29.7, 10.5)).toBe(10.5);
  });
});

describe('amounts in 万元', () => {
  it('print a fraction to two decimals (12.30, not 12.3), or to the yuan (0.0012, 12 元: it had printed 0.00), in both writers and the text; a whole amount as it is', async () => {
    // (decided on the yuan count: 262150.1 had printed without its 0, a review)
    for (const [written, printed] of [['12.3', '12.30'], ['100', '100'], ['0.5', '0.50'], ['0.0012', '0.0012'], ['0.056', '0.056'], ['262150.1', '262150.10']] as const) {
      const stats = STATS.replace('fees: {amount: 126.35}', `fees: {amount: ${written}}`);
      const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8') + '\n收费{{t2.fees.amount}}万元。\n';
      const { outputs } = await buildReport(makeReport({ 'report.md': report, 'statistics.yaml': stats }), { fonts: openFontSet(), formats: ['pdf', 'docx'] });
      const text = (await readPdf(outputs.pdf!)).pages.flatMap((p) => p.items.map((i) => i.str)).join('\n');
      expect(text.split('\n'), written).toContain(printed); // the table cell
      expect(text.replace(/\n/g, ''), written).toContain(`收费${printed}万元。`);
      expect(docxParts(outputs.docx!)['word/document.xml'], written).toContain(`>${printed}</w:t>`);
    }
  });

  it('refuse more than four decimals (to the yuan), with the amount to the yuan as the fix', () => {
    const dir = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace('fees: {amount: 126.35}', 'fees: {amount: 0.00004}') });
    expect(() => loadReport(dir)).toThrow(/statistics\.yaml:13: 表二 .*value 0\.00004 is not a non-negative amount in 万元 to the yuan \(four decimals at most: 0\.0012 is 12元\)\n {2}fix: round it to the yuan: 0$/m);
    // rounded as a person would: 1.00005 → 1.0001
    const half = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace('fees: {amount: 126.35}', 'fees: {amount: 1.00005}') });
    expect(() => loadReport(half)).toThrow(/fix: round it to the yuan: 1\.0001/);
    // a billionth of a 万元 is no float noise (it passed a fixed 1e-6 tolerance and printed 0.00)
    const tiny = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace('fees: {amount: 126.35}', 'fees: {amount: 0.000000001}') });
    expect(() => loadReport(tiny)).toThrow(/value 1e-9 is not a non-negative amount in 万元 to the yuan/);
    // nor is a fifth decimal of a large amount
    const large = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace('fees: {amount: 126.35}', 'fees: {amount: 1234567.89012}') });
    expect(() => loadReport(large)).toThrow(/value 1234567\.89012 is not a non-negative amount in 万元 to the yuan/);
    // four decimals, the yuan, are read (12 元 was refused as 0.0012 and its fix said 0.00)
    const yuan = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace('fees: {amount: 126.35}', 'fees: {amount: 0.0012}') });
    expect(loadReport(yuan).statistics!.values['t2.fees.amount']).toBe(0.0012);
  });

  it('read a statistics file with old Mac (CR) or Windows (CRLF) line ends as with LF, errors at their lines', () => {
    const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
    const lf = loadReport(makeReport({ 'report.md': report, 'statistics.yaml': STATS })).statistics!.values;
    for (const end of ['\r', '\r\n']) {
      expect(loadReport(makeReport({ 'report.md': report, 'statistics.yaml': STATS.replace(/\n/g, end) })).statistics!.values, JSON.stringify(end)).toEqual(lf);
      const bad = makeReport({ 'report.md': report, 'statistics.yaml': STATS.replace('fees: {amount: 126.35}', 'fees: {amount: 0.00004}').replace(/\n/g, end) });
      expect(() => loadReport(bad)).toThrow(/statistics\.yaml:13: 表二 /);
    }
  });

  it('refuse a figure too long to be stored as typed (99999999999999999999 printed as 100000000000000000000)', () => {
    const stats = STATS.replace(/licensing: \{decisions: \d+\}/, 'licensing: {decisions: 99999999999999999999}').replace('fees: {amount: 126.35}', 'fees: {amount: 99999999999999999999.99}');
    const dir = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': stats });
    // (named as typed, not as YAML read it)
    expect(() => loadReport(dir)).toThrow(/本年处理决定数量: value 99999999999999999999 is not a number of 15 digits at most \(a longer one is not stored as typed\)/);
    expect(() => loadReport(dir)).toThrow(/本年收费金额.*: value 99999999999999999999\.99 is not a number of 11 digits before the point at most/);
    // the longest that is stored as typed passes
    const fine = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace(/licensing: \{decisions: \d+\}/, 'licensing: {decisions: 999999999999999}') });
    expect(loadReport(fine).statistics!.values['t2.licensing.decisions']).toBe(999999999999999);
    // and one digit more does not, as the message says (16 digits below 2^53 passed, audit)
    const sixteen = makeReport({ 'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8'), 'statistics.yaml': STATS.replace(/licensing: \{decisions: \d+\}/, 'licensing: {decisions: 1234567890123456}').replace('fees: {amount: 126.35}', 'fees: {amount: 123456789012}') });
    expect(() => loadReport(sixteen)).toThrow(/本年处理决定数量: value 1234567890123456 is not a number of 15 digits at most/);
    expect(() => loadReport(sixteen)).toThrow(/本年收费金额.*: value 123456789012 is not a number of 11 digits before the point at most/);
  });

  it('point a form for other years at its template: line', async () => {
    const report = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace(/^year: 2021$/m, 'year: 2020').replace(/^published: 2022/m, 'published: 2021');
    const { warnings } = await buildReport(makeReport({ 'report.md': report, 'statistics.yaml': STATS }), { fonts: openFontSet(), formats: ['pdf'] });
    const w = warnings.find((f) => /is the form for report years/.test(f.message))!;
    expect(w.loc.line).toBe(5);
  });
});

describe('表二 across a page break', () => {
  it('breaks between its blocks, each whole with its title and header rows, where it does not fit whole (kept whole, the 2019 表二 left up to two thirds of a page empty: a 2019-form audit)', async () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
    const stats = readFileSync(path.join(sample, 'statistics.yaml'), 'utf8');
    const blocks = ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'];
    let split = 0;
    for (let n = 0; n <= 21; n += 3) {
      const filled = text.replace('# 主动公开政府信息情况', `${Array.from({ length: n }, (_, i) => `补充第${i + 1}项。\n\n`).join('')}# 主动公开政府信息情况`);
      const { outputs } = await buildReport(makeReport({ 'report.md': filled, 'statistics.yaml': stats }), { fonts: openFontSet(), formats: ['pdf', 'docx'] });
      const { pages } = await readPdf(outputs.pdf!);
      const pageOf = (s: string) => pages.findIndex((p) => linesOf(p).some((l) => l.text.replace(/\s/g, '').startsWith(s)));
      const at = blocks.map(pageOf);
      // in order, every block on one page (its title row and its last row together)
      expect(at.every((p, k) => p >= 0 && (k === 0 || p >= at[k - 1]!)), `${n}: ${at}`).toBe(true);
      expect(pageOf('行政规范性文件'), `${n}`).toBe(at[0]);
      expect(pageOf('行政事业性收费'), `${n}`).toBe(at[3]);
      // the lead-in goes on with the first block
      expect(pageOf('2021年，本机关主动公开政府信息情况如下'), `${n}`).toBe(at[0]);
      if (at[3]! > at[0]!) split++;
    }
    expect(split).toBeGreaterThan(0);
  }, 60_000);

  it('draws the parts on one page as the table whole: one rule where two blocks meet, not two (a review: twice as heavy, and each join half a point lower)', async () => {
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const page = pages.find((p) => p.items.some((i) => i.str === '规章'))!;
    const y = (s: string) => page.items.find((i) => i.str === s)!.baseline;
    // the rows of one line are as far apart across the join as inside a block
    expect(y('第二十条第（五）项') - y('行政规范性文件')).toBeCloseTo(y('行政规范性文件') - y('规章'), 2);
  });

  it('lets the DOCX break after a block\'s last row, and keeps every other row with the next', async () => {
    const template = loadTemplate('gov-2021')!;
    const grid = statGrid(template.tables.find((t) => t.id === 't2')!, {});
    expect(grid.blockEnds).toEqual([3, 6, 10]);
    expect(grid.rows[3]![0]).toMatchObject({ text: '行政规范性文件' });
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml']!;
    const row = (label: string) => [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/g)].map((m) => m[0]).find((r) => r.includes(`>${label}<`))!;
    expect(row('规章')).toContain('<w:keepNext/>');
    expect(row('行政规范性文件')).not.toContain('<w:keepNext/>');
    expect(row('行政许可')).not.toContain('<w:keepNext/>');
    expect(row('行政处罚')).toContain('<w:keepNext/>');
  });
});
