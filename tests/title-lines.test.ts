/**
 * Titles too long for one line are broken at a seam, in even lines (GB/T 9704 7.3.1), the same
 * in the PDF and the DOCX.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, loadReport, reviewReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { labelLines, TITLE_EXTRA_LINE_COST, titleLines } from '../src/layout/title-lines.js';
import { estimatedWidthEm } from '../src/layout/kinsoku.js';
import { docxParts, paragraphs } from './helpers/docx.js';
import { linesOf, MM, readPdf } from './helpers/pdf.js';
import { FRONT, FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';

/** 156 mm at 22 pt: 20.1 characters of 二号. */
const MAX = (156 * MM) / 22;

describe('titleLines', () => {
  it('keeps a title that fits on one line', () => {
    expect(titleLines('商丘市2017年政府信息公开年度工作报告', MAX)).toEqual(['商丘市2017年政府信息公开年度工作报告']);
  });

  it('breaks a title one character too long after its year, not before its last character', () => {
    expect(titleLines('示例市清河区2021年政府信息公开工作年度报告', MAX)).toEqual(['示例市清河区2021年', '政府信息公开工作年度报告']);
  });

  it('breaks between a long organ name and its year when that makes the lines even', () => {
    expect(titleLines('河南省商丘市睢阳区人民政府办公室2021年政府信息公开工作年度报告', MAX))
      .toEqual(['河南省商丘市睢阳区人民政府办公室', '2021年政府信息公开工作年度报告']);
    expect(titleLines('商丘市睢阳区人民政府办公室2021年度政府信息公开工作报告', MAX))
      .toEqual(['商丘市睢阳区人民政府办公室', '2021年度政府信息公开工作报告']);
  });

  it('keeps an organ\'s other name in brackets whole where lines that fit allow it, breaking after its bracket', () => {
    expect(titleLines('示例市市场监督管理局（示例市知识产权局）2021年政府信息公开工作年度报告', MAX))
      .toEqual(['示例市市场监督管理局（示例市知识产权局）', '2021年政府信息公开工作年度报告']);
    expect(titleLines('示例县农业农村局（县乡村振兴局）2021年政府信息公开工作年度报告', MAX))
      .toEqual(['示例县农业农村局（县乡村振兴局）', '2021年政府信息公开工作年度报告']);
    // two lines that fit need a break inside the brackets here: with the fewest lines it is made
    // (not inside 乡村振兴); a title of the report takes a third line instead, at its seams
    // (GB/T 9704 7.3.1: 词意完整 first)
    const long = '河南省商丘市示例县农业农村局（县乡村振兴局）2016年度政府信息公开工作年度报告';
    expect(titleLines(long, MAX)).toEqual(['河南省商丘市示例县农业农村局（县乡村振兴', '局）2016年度政府信息公开工作年度报告']);
    expect(titleLines(long, MAX, undefined, TITLE_EXTRA_LINE_COST)).toEqual(['河南省商丘市示例县农业农村局', '（县乡村振兴局）2016年度', '政府信息公开工作年度报告']);
    expect(titleLines('虚构省虚构市虚构县卫生健康委员会（县中医药管理局）2013年政府信息公开工作年度报告', MAX, undefined, TITLE_EXTRA_LINE_COST))
      .toEqual(['虚构省虚构市虚构县卫生健康委员会', '（县中医药管理局）2013年', '政府信息公开工作年度报告']);
    // a title whose fewest lines break at seams keeps them
    expect(titleLines('示例市清河区2021年政府信息公开工作年度报告', MAX, undefined, TITLE_EXTRA_LINE_COST)).toEqual(['示例市清河区2021年', '政府信息公开工作年度报告']);
    expect(titleLines('示例县卫生健康委员会关于2023年政府信息公开工作年度报告的说明', MAX, undefined, TITLE_EXTRA_LINE_COST)).toEqual(['示例县卫生健康委员会关于2023年', '政府信息公开工作年度报告的说明']);
  });

  it('breaks a long attachment title after a list\'s 、, never inside 行政', () => {
    expect(titleLines('2016年示例县某某局政府信息公开工作情况统计表（含依申请公开、行政复议、行政诉讼及举报投诉情况）', MAX))
      .toEqual(['2016年示例县某某局政府信息公开', '工作情况统计表（含依申请公开、', '行政复议、行政诉讼及举报投诉情况）']);
  });

  it('takes 年度 whole and breaks before 关于', () => {
    expect(titleLines('示例市清河区2021年度政府信息公开工作年度报告', MAX))
      .toEqual(['示例市清河区2021年度', '政府信息公开工作年度报告']);
    expect(titleLines('商丘市睢阳区人民政府办公室关于进一步加强和规范公开工作的通知', MAX))
      .toEqual(['商丘市睢阳区人民政府办公室', '关于进一步加强和规范公开工作的通知']);
  });

  it('never splits a Latin word, a figure, a word of the title or a surrogate pair, and keeps 禁则', () => {
    // each of these has its most even break at the place that is refused
    expect(titleLines('一二三四五六七八九十ABCDEFGH一二三四五六七八九十', MAX)).toEqual(['一二三四五六七八九十', 'ABCDEFGH一二三四五六七八九十']);
    expect(titleLines('一二三四五六七八九十一，二三四五六七八九十一二', MAX)).toEqual(['一二三四五六七八九十一，', '二三四五六七八九十一二']);
    expect(titleLines('示例县人民政府关于城关镇人民政府信息公开工作年度报告的通知', MAX)).toEqual(['示例县人民政府关于城关镇人民政府', '信息公开工作年度报告的通知']);
    expect(titleLines('某某区卫生健康委员会关于COVID-19疫情防控信息公开工作年度报告', MAX)).toEqual(['某某区卫生健康委员会', '关于COVID-19疫情防控信息公开工作年度报告']);
    expect(titleLines('某某区卫生健康委员会防控COVID-19疫情防控信息公开工作报告', MAX)).toEqual(['某某区卫生健康委员会防控', 'COVID-19疫情防控信息公开工作报告']);
    expect(titleLines('某某区人民政府关于投入经费12345678.5万元的政府信息公开情况说明', MAX)).toEqual(['某某区人民政府关于投入经费', '12345678.5万元的政府信息公开情况说明']);
    const astral = '𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏𠀐𠀑𠀒𠀓𠀔';
    const lines = titleLines(astral, MAX);
    expect(lines.join('')).toBe(astral);
    for (const l of lines) expect(l, 'no half of a pair at either end').not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it('uses as few lines as the title needs, as even as the seams allow', () => {
    const lines = titleLines('河南省商丘市睢阳区人民政府办公室河南省商丘市睢阳区人民政府办公室2021年政府信息公开工作年度报告', MAX);
    expect(lines).toHaveLength(3);
    expect(lines.join('')).toBe('河南省商丘市睢阳区人民政府办公室河南省商丘市睢阳区人民政府办公室2021年政府信息公开工作年度报告');
    // an even split found without any seam: lines differ by at most a character
    const plain = titleLines('一二三四五六七八九十一二三四五六七八九十一二', MAX);
    expect(plain.map((l) => l.length)).toEqual([11, 11]);
  });
});

describe('insideWords', () => {
  it('keeps 群众 whole in 人民群众 (a heading of two lines printed 人民群 / 众: a large-report audit)', async () => {
    const { insideWords } = await import('../src/layout/title-lines.js');
    const s = '切实保障人民群众知情权参与权表达权和监督权';
    const inside = insideWords(s);
    expect(inside[s.indexOf('众')]).toBe(true); // (a break before 众 would split 群众)
    expect(inside[s.indexOf('知')]).toBe(false);
  });
});

describe('labelLines (statistics tables\' labels and headers)', () => {
  it('keeps words whole and lines even where filling the cell leaves one character alone', () => {
    // filled at 6 em: 本年新制作数 / 量; at 3.6 em: （三） / 不予公 / 开
    expect(labelLines('本年新制作数量', 6)).toEqual(['本年新', '制作数量']);
    expect(labelLines('（三）不予公开', 3.6)).toEqual(['（三）', '不予', '公开']);
    expect(labelLines('6.属于四类过程性信息', 9)).toEqual(['6.属于四类', '过程性信息']);
  });

  it('leaves a label that fits on one line, or that even lines would make taller, to the typesetter', () => {
    expect(labelLines('处理决定数量', 6)).toBeUndefined();
    // with 政府 and 信息 whole, four lines of 8.5 em cannot hold it; filled, it takes four
    expect(labelLines('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 8.5)).toBeUndefined();
    expect(labelLines('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 9)).toHaveLength(4);
    // a three-character word in a cell two characters wide: filled as before
    expect(labelLines('自然人', 2.4)).toBeUndefined();
  });

  it('never ends a line with 关于, nor parts a figure from its 年', () => {
    // the organ–year seam made it 示例县卫生健康委员会关于｜2023年政府信息公开工作年度报告
    expect(titleLines('示例县卫生健康委员会关于2023年政府信息公开工作年度报告', MAX)).toEqual(['示例县卫生健康委员会关于2023年', '政府信息公开工作年度报告']);
    expect(titleLines('示例市人民政府关于2021年度政府信息公开工作开展情况的年度报告', MAX)).toEqual(['示例市人民政府关于2021年度', '政府信息公开工作开展情况的年度报告']);
    for (const line of titleLines('示例市人力资源和社会保障局关于2021年度政府信息公开工作开展情况的年度报告', MAX)) {
      expect(line).not.toMatch(/关于$|\d$/);
    }
  });

  it('breaks after a clause\'s ，or ：, also inside brackets around the whole label', () => {
    // 表三's corner: filled, …之和，等 / 于第三项…
    expect(labelLines('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 12.3))
      .toEqual(['（本列数据的勾稽关系为：', '第一项加第二项之和，', '等于第三项加第四项之和）']);
  });

  it('avoids breaking inside quotes, as inside brackets', () => {
    expect(titleLines('关于“三安全一稳定”工作情况', 10)).toEqual(['关于“三安全一稳定”', '工作情况']);
  });
});

describe('in the outputs', () => {
  let pdfLines: { text: string; x: number; right: number; size: number }[] = [];
  let docxTitle: { text: string; xml: string };
  let attachmentTitle: { text: string; xml: string };
  beforeAll(async () => {
    const front = FRONT.replace(/^title: .*$/m, 'title: 示例市清河区2021年政府信息公开工作年度报告')
      .replace(/---\n$/, 'attachment:\n  title: 示例市清河区2021年政府信息公开工作年度报告统计表附表\n---\n');
    const dir = makeReport({ 'report.md': `${front}\n# 总体情况\n\n正文。\n` });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const pages = (await readPdf(outputs.pdf!)).pages;
    pdfLines = linesOf(pages[0]).map((l) => ({ text: l.text, x: l.x, right: l.right, size: l.items[0].size }));
    const body = paragraphs(docxParts(outputs.docx!)['word/document.xml']);
    docxTitle = body.find((p) => p.text.startsWith('示例市清河区2021年政府'))!;
    attachmentTitle = body.find((p) => p.text === '示例市清河区2021年政府信息公开工作年度报告统计表附表')!;
  });

  it('sets the two title lines in the PDF, each centred in the 版心', () => {
    const title = pdfLines.filter((l) => l.size === 22);
    expect(title.map((l) => l.text.replace(/\s+/g, ''))).toEqual(['示例市清河区2021年', '政府信息公开工作年度报告']);
    for (const l of title) expect((l.x + l.right) / 2).toBeCloseTo(28 * MM + (156 * MM) / 2, 0);
  });

  it('keeps the lines of a title broken by hand (title: | in the front matter), in both, and one line in the metadata (the same title feeds the PDF\'s Info)', async () => {
    const front = FRONT.replace(/^title: .*$/m, 'title: |\n  测试县人民政府办公室\n  2020年政府信息公开工作年度报告');
    const dir = makeReport({ 'report.md': `${front}\n# 总体情况\n\n正文。\n` });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const lines = linesOf((await readPdf(outputs.pdf!)).pages[0]).filter((l) => l.items[0].size === 22);
    expect(lines.map((l) => l.text.replace(/\s+/g, ''))).toEqual(['测试县人民政府办公室', '2020年政府信息公开工作年度报告']);
    const parts = docxParts(outputs.docx!);
    const title = paragraphs(parts['word/document.xml']).find((p) => p.text.startsWith('测试县人民政府办公室'))!;
    expect(title.text).toBe('测试县人民政府办公室2020年政府信息公开工作年度报告');
    expect(title.xml).toContain('<w:br/>');
    expect(parts['docProps/core.xml']).toContain('<dc:title>测试县人民政府办公室2020年政府信息公开工作年度报告</dc:title>');
  });

  it('warns of a line of a title broken by hand that is wider than a line of the title, at its line (it was broken again at the margin without a word: 政务 / 公开)', () => {
    const front = FRONT.replace(/^title: .*$/m, 'title: |\n  测试县人民政府关于示例区政务公开标准化规范化建设推进情况\n  2020年政府信息公开工作年度报告');
    const dir = makeReport({ 'report.md': `${front}\n# 总体情况\n\n正文。\n` });
    const found = reviewReport(loadReport(dir), openFontSet()).filter((f) => f.message.includes('of the title'));
    expect(found.map((f) => [f.loc.line, f.message])).toEqual([[3, 'line 1 of the title, "测试县人民政府关于示例区政务公开标准化规范化建设推进情况", is 28 characters wide, more than the 20 a line of the title holds: it is broken again at the margin, inside a word where one stands there']]);
    // the lines that fit: none
    const fits = makeReport({ 'report.md': `${FRONT.replace(/^title: .*$/m, 'title: |\n  测试县人民政府办公室\n  2020年政府信息公开工作年度报告')}\n# 总体情况\n\n正文。\n` });
    expect(reviewReport(loadReport(fits), openFontSet()).filter((f) => f.message.includes('of the title'))).toEqual([]);
  });

  it('breaks a source line too long for one line between 来源 and 时间, never inside the date, in both', async () => {
    const front = FRONT.replace('published: 2021-01-15', 'published: 2021-01-15 09:30').replace(/---\n$/, 'source: 测试县人民政府办公室（县政务服务和大数据管理局）\n---\n');
    const { outputs } = await buildReport(makeReport({ 'report.md': `${front}\n# 总体情况\n\n正文。\n` }), { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const lines = linesOf((await readPdf(outputs.pdf!)).pages[0]).map((l) => l.text.replace(/\s+/g, ''));
    const at = lines.findIndex((l) => l.startsWith('来源：'));
    // (it read 来源：…管理局）　　时间：2021年1月 / 15日 09:30)
    expect(lines.slice(at, at + 2)).toEqual(['来源：测试县人民政府办公室（县政务服务和大数据管理局）', '时间：2021年1月15日09:30']);
    const source = paragraphs(docxParts(outputs.docx!)['word/document.xml']).find((p) => p.text.startsWith('来源：'))!;
    expect(source.xml).toMatch(/>来源：测试县人民政府办公室（县政务服务和大数据管理局）<\/w:t><\/w:r><w:r>(<w:rPr\/>)?<w:br\/><w:t[^>]*>时间：2021年1月15日 09:30</);
  });

  it('breaks a 来源 too long for a line of its own as a title is, never inside a word (大数｜据: a kitchen-sink audit)', async () => {
    const front = FRONT.replace(/---\n$/, 'source: 虚构省示例市示例区人民政府办公室（虚构省示例市示例区政务服务和大数据管理局）\n---\n');
    const { outputs } = await buildReport(makeReport({ 'report.md': `${front}\n# 总体情况\n\n正文。\n` }), { fonts: openFontSet(), formats: ['pdf'] });
    const lines = linesOf((await readPdf(outputs.pdf!)).pages[0]).map((l) => l.text.replace(/\s+/g, ''));
    const at = lines.findIndex((l) => l.startsWith('来源：'));
    expect(lines.slice(at, at + 3)).toEqual(['来源：虚构省示例市示例区人民政府办公室', '（虚构省示例市示例区政务服务和大数据管理局）', '时间：2021年1月15日']);
  });

  it('breaks the DOCX title at the same place with a line break', () => {
    expect(docxTitle.text).toBe('示例市清河区2021年政府信息公开工作年度报告');
    expect(docxTitle.xml).toMatch(/<w:t[^>]*>示例市清河区2021年<\/w:t><\/w:r><w:r>(<w:rPr\/>)?<w:br\/><w:t[^>]*>政府信息公开工作年度报告<\/w:t>/);
    expect(attachmentTitle.xml).toContain('<w:br/>');
  });
});

describe('a title of many lines', () => {
  it('breaks a title of up to 12 lines into lines that fit, and leaves a longer one to the typesetter (the search is quadratic)', () => {
    const title = (n: number) => `示例市清河区2021年政府信息公开工作年度报告${'很长'.repeat(n)}`;
    const lines = titleLines(title(100), MAX);
    expect(lines.join('')).toBe(title(100));
    expect(lines.length).toBeLessThanOrEqual(Math.ceil(estimatedWidthEm(title(100)) / MAX) + 1); // (one more where it keeps words whole)
    for (const l of lines) expect(estimatedWidthEm(l)).toBeLessThanOrEqual(MAX);
    expect(titleLines(title(3000), MAX)).toEqual([title(3000)]);
  });

  it('warns where the title fills page 1, which must show body text (GB/T 9704 7.3.3); an error under --strict', async () => {
    const long = FRONT_BEFORE_FORMS.replace(/^title: .*$/m, `title: 测试县2013年政府信息公开工作年度报告${'很长'.repeat(200)}`);
    const dir = makeReport({ 'report.md': `${long}\n正文。\n` });
    const { warnings } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] });
    const found = warnings.find((w) => w.message.startsWith('the title block fills page 1'));
    expect(found?.message).toMatch(/^the title block fills page 1, so the body starts on page [2-9]; GB\/T 9704 7\.3\.3 has page 1 show body text$/);
    expect(found?.loc.line).toBe(2);
    await expect(buildReport(dir, { fonts: openFontSet(), formats: ['pdf'], strict: true })).rejects.toThrow(/title block fills page 1[\s\S]*fix: shorten the title/);
    // with a table of contents that starts after page 1, or none to print, the title is named (review)
    for (const body of ['# 概述\n\n正文。', '正文。']) {
      const withToc = makeReport({ 'report.md': `${long.replace(/---\n$/, 'toc: true\n---\n')}\n${body}\n` });
      const messages = (await buildReport(withToc, { fonts: openFontSet(), formats: ['pdf'] })).warnings.map((w) => w.message);
      expect(messages.some((m) => m.startsWith('the title block fills page 1')), body).toBe(true);
      expect(messages.some((m) => m.startsWith('the table of contents fills page 1')), body).toBe(false);
    }
    // a title of a few lines does not
    const short = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n正文。\n` });
    expect((await buildReport(short, { fonts: openFontSet(), formats: ['pdf'] })).warnings.map((w) => w.message).join('\n')).not.toContain('title block');
  });
});
