/**
 * A standalone heading is never the last line of a page (README "Layout decisions"): it is kept
 * with the first line of its paragraph in one block (write/pdf/index.ts); the pageBreakBefore rule
 * that catches the other cases used to count the page number, listed after the body, as text
 * below the heading.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { ROOT } from './helpers/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { FRONT, FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';
import { countLayouts } from './helpers/layouts.js';
import { linesOf, readPdf } from './helpers/pdf.js';

const fonts = openFontSet();
const lastLine = (lines: { text: string }[]) => lines.filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim())).at(-1)?.text;


describe('run-in headings', () => {
  it('never leave the first line of their paragraph alone at the foot of a page (PDF)', async () => {
    // the run-in heading fills its first line: alone at a page's foot it read as a heading left there
    let atFoot = 0;
    for (let n = 12; n <= 22; n++) {
      const body = '# 总体情况\n\n' + Array.from({ length: n }, (_, k) => `第${k + 1}段正文。\n\n`).join('') +
        '### 持续深化生态环境领域基层政务公开标准化规范化建设有关工作情况。\n全年围绕生态环境领域政务公开重点任务开展工作，取得明显成效，群众满意度持续提升。\n';
      const { outputs } = await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `runin-${n}`), { fonts, formats: ['pdf'] });
      const { pages } = await readPdf(outputs.pdf!);
      const page = pages.find((p) => linesOf(p).some((l) => l.text.replace(/\s/g, '').startsWith('1.持续深化')))!;
      const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()));
      const at = lines.findIndex((l) => l.text.replace(/\s/g, '').startsWith('1.持续深化'));
      expect(at, `${n} paragraphs: the run-in heading's first line is the last of page ${page.number}`).toBeLessThan(lines.length - 1);
      if (page.number > 1 && at === 0) atFoot++;
    }
    expect(atFoot, 'a case where the heading moved to the next page').toBeGreaterThan(0);
  }, 30_000);

  it('keep no more than the run-in heading\'s lines where its last line holds text already (review: a page foot of six blank lines)', async () => {
    const heading = '## 坚持以人民为中心的发展思想围绕放管服改革优化营商环境和保障改善民生等重点领域全面加强政府信息主动公开和政策解读工作坚持以人民为中心的发展思想围绕放管服改革优化营商环境和保障改善民生等重点领域全面加强政府信息。';
    const body = Array.from({ length: 11 }, (_, k) => `第${k + 1}段正文。\n\n`).join('') + `# 主动公开情况\n\n${heading}\n本单位认真贯彻落实政府信息公开条例持续深化决策执行管理服务结果公开不断提升政务。\n`;
    const { outputs } = await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, 'runin4-text'), { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    // the heading and the run-in heading's four lines (the last with text) on page 1, the paragraph's last two lines after
    const first = linesOf(pages[0]!).map((l) => l.text.replace(/\s/g, ''));
    expect(first.some((t) => t.startsWith('一、主动公开情况'))).toBe(true);
    expect(first.some((t) => t.endsWith('政府信息。本单位'))).toBe(true);
  });

  it('keep a run-in heading of three lines on one page with the line after it (its last line went on alone)', async () => {
    const heading = '## 坚持以人民为中心的发展思想，围绕“放管服”改革、优化营商环境和保障改善民生等重点领域，全面加强政府信息主动公开和政策解读工作。';
    let moved = 0;
    // (also right under a standalone heading, # 一、 over ## （一）…。, the usual structure: review)
    for (const [under, n] of [13, 14, 15, 16, 17, 18].flatMap((k) => [['', k], ['# 主动公开情况\n\n', k - 1]] as const)) {
      const body = '# 总体情况\n\n' + Array.from({ length: n }, (_, k) => `第${k + 1}段正文。\n\n`).join('') + `${under}${heading}\n持续深化决策执行管理服务结果公开，不断提升政务公开标准化规范化水平，切实保障人民群众的知情权参与权表达权和监督权。\n`;
      const { outputs } = await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `runin3-${under.length}-${n}`), { fonts, formats: ['pdf'] });
      const { pages } = await readPdf(outputs.pdf!);
      const pageOf = (text: string) => pages.findIndex((p) => linesOf(p).some((l) => l.text.replace(/\s/g, '').includes(text)));
      // the heading's first and last lines, and the line of text after them, on one page
      const first = pageOf('（一）坚持以人民为中心');
      expect(pageOf('息主动公开和政策解读工作。'), `${n} paragraphs`).toBe(first);
      // (its last line holds text after it already: the next line may go on, review)
      expect(pageOf('开，不断提升政务公开'), `${n} paragraphs`).toBeGreaterThanOrEqual(first);
      if (under) expect(pageOf('二、主动公开情况'), `${n} paragraphs: the heading above`).toBe(first);
      if (first > 0 && pageOf(`第${n}段正文`) < first) moved++;
    }
    expect(moved, 'a case where the heading moved to the next page').toBeGreaterThan(0);
  }, 30_000);
});

describe('headings of two lines', () => {
  it('never leave one character alone on their last line, nor break inside a word there (PDF)', async () => {
    const headings = ['# 持续深化生态环境领域基层政务公开标准化规范化建设有', '## 深入推进生态环境领域基层政务公开标准化规范化建设',
      '### 持续深化生态环境领域基层政务公开标准化规范化建设有关', '#### 深入推进生态环境领域基层政务公开标准化规范化建设'];
    const body = headings.map((h) => `${h}\n\n正文。\n`).join('\n');
    const { outputs } = await buildReport(makeReport({ 'report.md': `${FRONT}\n${body}` }, 'long-headings'), { fonts, formats: ['pdf'] });
    const lines = linesOf((await readPdf(outputs.pdf!)).pages[0]!).map((l) => l.text.replace(/\s/g, ''));
    const numbers = ['一、', '（一）', '1.', '（1）'];
    for (const [k, h] of headings.entries()) {
      const text = h.replace(/^#+ /, '');
      const at = lines.findIndex((l) => l.startsWith(numbers[k]!));
      expect(at, h).toBeGreaterThanOrEqual(0);
      const last = lines[at + 1]!;
      expect(lines[at]! + last, h).toMatch(new RegExp(`${text}$`));
      expect([...last].length, `${h}: its last line "${last}"`).toBeGreaterThan(1);
      expect(lines[at]!.endsWith('建'), `${h}: 建 / 设`).toBe(false);
    }
  });

  it('hold a heading that fits its line with its last mark set in half its width as gongwen breaks it (pdfmake broke it again: 规范化建 / 设”)', async () => {
    // 26.5 em of 黑体 on the 26 em after the indent: one line, its ” halved
    const { outputs } = await buildReport(makeReport({ 'report.md': `${FRONT}
# 依托12345热线推进“基层政务公开标准化规范化建设”

正文。
` }, 'halved-heading'), { fonts, formats: ['pdf'] });
    const page = (await readPdf(outputs.pdf!)).pages[0]!;
    const heading = linesOf(page).find((l) => l.text.startsWith('一、'))!;
    expect(heading.text.replace(/\s/g, '')).toBe('一、依托12345热线推进“基层政务公开标准化规范化建设”');
    const edge = (28 + 156) * 72 / 25.4;
    expect(heading.right - edge).toBeCloseTo(heading.items.at(-1)!.size / 2, 1);
  });
});

describe('headings kept with the text after them', () => {
  it('moves a heading that would end a page to the next page, at every place near the foot', async () => {
    // n one-line paragraphs, then a level-2 and a level-1 heading each followed by a paragraph:
    // with 15, （一） falls on line 22, the last of page 1; with 13, 二、 does
    for (const n of [12, 13, 14, 15, 16]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') +
        '## 测试小标题\n\n小标题后的段落。\n\n# 后面\n\n后面的段落文字。\n';
      const { result: { outputs }, layouts } = await countLayouts(() => buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep-${n}`), { fonts, formats: ['pdf'] }));
      // the heading and its paragraph's first line are one unbreakable block: no second layout
      expect(layouts, `${n} paragraphs`).toBe(1);
      const { pages } = await readPdf(outputs.pdf!);
      for (const heading of ['（一）测试小标题', '二、后面']) {
        const page = pages.find((p) => linesOf(p).some((l) => l.text === heading))!;
        const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim())); // not the page number
        const at = lines.findIndex((l) => l.text === heading);
        expect(at, `${n} paragraphs: ${heading} on page ${page.number}`).toBeGreaterThanOrEqual(0);
        expect(at, `${n} paragraphs: ${heading} is the last line of page ${page.number}`).toBeLessThan(lines.length - 1);
      }
    }
  }, 30_000);

  it('keeps a heading over another heading with them, without another layout', async () => {
    for (const n of [13, 14, 15]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') + '# 后面\n\n## 子标题\n\n后面的段落文字。\n';
      const { result: { outputs }, layouts } = await countLayouts(() => buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep2-${n}`), { fonts, formats: ['pdf'] }));
      expect(layouts, `${n} paragraphs`).toBe(1);
      const { pages } = await readPdf(outputs.pdf!);
      for (const heading of ['二、后面', '（一）子标题']) {
        const page = pages.find((p) => linesOf(p).some((l) => l.text === heading))!;
        const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()));
        expect(lines.findIndex((l) => l.text === heading), `${n} paragraphs: ${heading} is the last line of page ${page.number}`).toBeLessThan(lines.length - 1);
      }
    }
  }, 30_000);

  it('keeps a heading with the first line of a run-in heading below it, without another layout', async () => {
    for (const n of [14, 15, 16]) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') +
        '## 改进情况\n\n### 加强政策解读。\n\n' + '围绕重要政策文件，坚持解读材料与政策文件同步组织、同步审签、同步部署。'.repeat(2) + '\n';
      const { result: { outputs }, layouts } = await countLayouts(() => buildReport(makeReport({ 'report.md': FRONT + '\n' + body }, `keep3-${n}`), { fonts, formats: ['pdf'] }));
      expect(layouts, `${n} paragraphs`).toBe(1);
      const { pages } = await readPdf(outputs.pdf!);
      const page = pages.find((p) => linesOf(p).some((l) => l.text === '（一）改进情况'))!;
      const lines = linesOf(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()));
      const at = lines.findIndex((l) => l.text === '（一）改进情况');
      expect(at, `${n} paragraphs: the heading is the last line of page ${page.number}`).toBeLessThan(lines.length - 1);
      expect(lines[at + 1]!.text.replace(/\s+/g, ''), `${n} paragraphs`).toMatch(/^1\.加强政策解读。围绕/);
    }
  }, 30_000);

  // the heading, or the lead-in sentence, on each of the last lines of page 1 in turn
  const near = (tail: string) => Array.from({ length: 6 }, (_, k) => 12 + k).map((n) =>
    '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('') + tail);
  const lastText = (lines: { text: string }[]) => lines.filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim())).at(-1)?.text;

  it('keeps headings with the first item of a list below them', async () => {
    for (const body of near('# 后面\n\n## 主动公开\n\n1. 列表一。\n2. 列表二。\n')) {
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }), { fonts, formats: ['pdf'] })).outputs.pdf!);
      for (const page of pages) expect(lastText(linesOf(page)), `page ${page.number}`).not.toMatch(/^(二、后面|（一）主动公开)$/);
      const text = pages.flatMap((p) => linesOf(p).map((l) => l.text));
      expect(text.indexOf('1.列表一。')).toBe(text.indexOf('（一）主动公开') + 1);
    }
  }, 30_000);

  it('loses nothing of a long first list item that pdfmake breaks itself (a character outside the BMP, a hard break)', async () => {
    const sentence = '本机关认真贯彻落实条例要求，扎实推进政府信息公开工作，取得了较好成效。';
    for (const first of [`张𠮷同志${sentence.repeat(60)}`, `第一行。  \n   ${sentence.repeat(60)}`]) {
      const body = `# 总体情况\n\n前文。\n\n## 主动公开\n\n1. ${first}\n2. 第二项。\n\n后文段落。\n`;
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }), { fonts, formats: ['pdf'] })).outputs.pdf!);
      const text = pages.flatMap((p) => p.items.map((i) => i.str)).join('').replace(/\s+/g, '');
      expect(text).toContain('（一）主动公开');
      expect(text.split('扎实推进').length - 1).toBe(60); // every sentence of the long item
      expect(text).toContain('后文段落。');
    }
  }, 30_000);

  it('keeps a heading, and a short lead-in sentence, with the start of a Markdown table below them', async () => {
    const table = '| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n| 乙 | 2 |\n';
    for (const tail of ['# 后面\n\n' + table, '# 后面\n\n具体如下：\n\n' + table]) {
      for (const body of near(tail)) {
        const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': FRONT + '\n' + body }), { fonts, formats: ['pdf'] })).outputs.pdf!);
        for (const page of pages) expect(lastText(linesOf(page)), `page ${page.number}`).not.toMatch(/^(二、后面|具体如下：)$/);
        // the heading, the sentence and the header row with its first row, on one page
        const page = pages.find((p) => linesOf(p).some((l) => l.text === '二、后面'))!;
        const texts = linesOf(page).map((l) => l.text.replace(/\s+/g, ''));
        expect(texts.some((t) => t === '甲1'), `page ${page.number}: ${texts.join(' / ')}`).toBe(true);
      }
    }
  }, 120_000);
});

describe('headings over a statistics table kept whole', () => {
  it('keeps every heading right above a table\'s lead-in with it, not only the nearest (（一）小标 over 二、后面 over 表二)', async () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const front = FRONT.replace('测试县2020年', '测试县2021年').replace('year: 2020', 'year: 2021').replace('2021-01-15', '2022-01-15').replace('---\n', '---\nstatistics: statistics.yaml\n');
    const stats = readFileSync(path.join(sample, 'statistics.yaml'), 'utf8');
    for (let n = 10; n <= 17; n++) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。\n\n`).join('')
        + '## 小标\n\n# 后面\n\n情况如下：\n\n{{table t2}}\n\n# 依申请公开\n\n{{table t3}}\n\n# 复议诉讼\n\n{{table t4}}\n';
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': front + '\n' + body, 'statistics.yaml': stats }), { fonts, formats: ['pdf'] })).outputs.pdf!);
      for (const page of pages) expect(lastLine(linesOf(page)), `${n} paragraphs: page ${page.number}`).not.toMatch(/^(（一）小标|二、后面|情况如下：)$/);
    }
  }, 120_000);
});

describe('a heading right above a statistics table, with no lead-in sentence', () => {
  it('never ends a page: it goes on with 表三\'s start, or with 表四 whole (a large-report audit: left alone at the foot, 3 and 2 places of 23)', async () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const front = FRONT.replace('测试县2020年', '测试县2021年').replace('year: 2020', 'year: 2021').replace('2021-01-15', '2022-01-15').replace('---\n', '---\nstatistics: statistics.yaml\n');
    const stats = readFileSync(path.join(sample, 'statistics.yaml'), 'utf8');
    for (let n = 0; n <= 22; n++) {
      const body = '# 总体\n\n' + Array.from({ length: n }, (_, i) => `补充说明第${i + 1}项。\n\n`).join('')
        + '# 依申请公开\n\n{{table t3}}\n\n' + Array.from({ length: n }, (_, i) => `再作说明第${i + 1}项。\n\n`).join('') + '# 复议诉讼\n\n{{table t4}}\n\n# 主动公开\n\n{{table t2}}\n';
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': front + '\n' + body, 'statistics.yaml': stats }), { fonts, formats: ['pdf'] })).outputs.pdf!);
      for (const page of pages) expect(lastLine(linesOf(page)), `${n} paragraphs: page ${page.number}`).not.toMatch(/^[一二三四五六]、(依申请公开|复议诉讼|主动公开)$/);
    }
  }, 120_000);
});

describe('the end matter kept with the text', () => {
  it('never sets the editor line or the QR code on a page without text: the last line of the body goes with them', async () => {
    const front = FRONT.replace('---\n', '---\neditor: 王五\nurl: https://www.example.gov.cn/a.html\n');
    let moved = 0;
    // the body ends in a paragraph, a list, or a heading over a one-line paragraph
    const tails = ['本机关认真贯彻落实条例要求，扎实推进政府信息公开工作。'.repeat(3), '# 后面\n\n1. 列表一。\n2. 列表二。\n3. 列表三。', '# 后面\n\n一行正文。', '一行正文。\n\n# 最后的标题'];
    for (let n = 4; n <= 22; n++) for (const tail of tails) {
      const body = Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + '\n\n' + tail + '\n';
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': front + '\n' + body }), { fonts, formats: ['pdf'] })).outputs.pdf!);
      const page = pages.find((p) => linesOf(p).some((l) => l.text.includes('责任编辑')))!;
      const lines = linesOf(page).map((l) => l.text);
      const at = lines.findIndex((l) => l.includes('责任编辑'));
      expect(at, `${n} paragraphs, ${tail.slice(0, 6)}: the editor line starts page ${page.number}`).toBeGreaterThan(0);
      expect(lines.some((l) => l.includes('扫一扫')), `${n} paragraphs, ${tail.slice(0, 6)}: the QR caption is not on the editor's page`).toBe(true);
      // (one line, or two where the last paragraph is one line)
      if (page.number > 1 && (at === 1 || at === 2)) moved++;
    }
    expect(moved).toBeGreaterThan(0); // some place made the end matter take the last line along
  }, 120_000);

  it('keeps the 附件说明 with the body\'s last line too, and never leaves one character, or half a word, on its last line', async () => {
    // the Shangqiu sample's front matter (its editor, its 2014 statistics as the attachment), a longer attachment name
    const sample = readFileSync(path.join(ROOT, 'content/shangqiu-2017/report.md'), 'utf8');
    const front = sample.slice(0, sample.indexOf('\n---\n', 4) + 5).replace('title: 2017年商丘市政府信息公开工作情况统计表', 'title: 2017年某县自然资源和规划局政府信息公开工作情况统计表');
    const stats = readFileSync(path.join(ROOT, 'content/shangqiu-2017/statistics.yaml'), 'utf8');
    let moved = 0;
    for (let n = 14; n <= 22; n++) {
      const body = Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + '\n';
      const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': front + '\n' + body, 'statistics.yaml': stats }, `note-${n}`), { fonts, formats: ['pdf'] })).outputs.pdf!);
      const page = pages.find((p) => linesOf(p).some((l) => l.text.startsWith('附件：')))!;
      const lines = linesOf(page).map((l) => l.text.replace(/\s+/g, ''));
      const at = lines.findIndex((l) => l.startsWith('附件：'));
      expect(at, `${n} paragraphs: the 附件说明 starts page ${page.number}`).toBeGreaterThan(0);
      expect(lines.slice(0, at).some((l) => /^这是第\d+段测试文字。$/.test(l)), `${n} paragraphs: body text above the note`).toBe(true);
      // 附件：2017年某县自然资源和规划局政府信息公开工作情况 / 统计表 (not …情况统 / 计表, not …统计 / 表)
      // (the name of 23 characters' width without 和规划 fills its line exactly: one line)
      expect(lines.slice(at, at + 2), `${n} paragraphs`).toEqual(['附件：2017年某县自然资源和规划局政府信息公开工作情况', '统计表']);
      expect(lines[at + 2]).toBe('责任编辑：李瑞');
      if (page.number > 1 && (at === 1 || at === 2)) moved++;
    }
    expect(moved).toBeGreaterThan(0); // some place made the note take the last line along
  }, 60_000);

  it('never loses the end of the body with an attachment after it: a last heading (# 附表), or one over a one-line paragraph, at every place near the foot', async () => {
    // (grouped with the end matter, such a heading took a page break of its own inside the group,
    // and pdfmake left a blank page where the heading, the 附件说明 and 责任编辑 should have been)
    const sample = readFileSync(path.join(ROOT, 'content/shangqiu-2017/report.md'), 'utf8');
    const front = sample.slice(0, sample.indexOf('\n---\n', 4) + 5);
    const stats = readFileSync(path.join(ROOT, 'content/shangqiu-2017/statistics.yaml'), 'utf8');
    for (const tail of ['# 附表', '# 最后一部分\n\n一行正文。']) {
      for (let n = 14; n <= 22; n++) {
        const body = Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + `\n\n${tail}\n`;
        const { pages } = await readPdf((await buildReport(makeReport({ 'report.md': front + '\n' + body, 'statistics.yaml': stats }, `end-${n}`), { fonts, formats: ['pdf'] })).outputs.pdf!);
        const text = pages.map((p) => linesOf(p).map((l) => l.text.replace(/\s+/g, '')).join('\n')).join('\n');
        const what = `${n} paragraphs, then ${tail.split('\n')[0]}`;
        expect(text, what).toContain(tail.startsWith('# 附表') ? '附表' : '最后一部分');
        expect(text, what).toContain('附件：2017年商丘市政府信息公开工作情况统计表');
        expect(text, what).toContain('责任编辑：李瑞');
        // no page holds only its number
        for (const page of pages) expect(lastLine(linesOf(page)), `${what}: page ${page.number}`).toBeDefined();
        // the end matter's page holds body text above the heading it took along
        const endPage = pages.find((p) => linesOf(p).some((l) => l.text.replace(/\s+/g, '').startsWith('附件：')))!;
        const endLines = linesOf(endPage).map((l) => l.text.replace(/\s+/g, ''));
        expect(endLines.slice(0, endLines.findIndex((l) => l.startsWith('附件：'))).some((l) => /^(这是第\d+段测试文字。|一行正文。)$/.test(l)), what).toBe(true);
      }
    }
  }, 120_000);
});

describe('a part kept on one page that is taller than a page', () => {
  it('stops the build at its line instead of leaving it out of the PDF (pdfmake dropped it, exit 0); the DOCX alone builds', async () => {
    // 24 empty headings in a row: kept with the line below them, one block of 25 lines and more
    const body = Array.from({ length: 24 }, (_, k) => `## 小标题甲${k}\n\n`).join('') + '正文一段。\n';
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n${body}` });
    // (named from the run's first heading, # 概述, with the run's lines: a large-report audit)
    const headingLine = readFileSync(path.join(dir, 'report.md'), 'utf8').split('\n').indexOf('# 概述') + 1;
    const error = await buildReport(dir, { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.constructor.name).toBe('InputError');
    expect(String(error)).toMatch(/25 headings in a row without text between them \(lines \d+–\d+\) are kept on one page with the line below them, and are taller than a page: the PDF would leave out "一、概述（一）小标题甲0/);
    expect((error as unknown as { loc: { line?: number } }).loc.line).toBe(headingLine);
    // located at the heading that starts the lost text, not at the opening paragraph that names
    // every part (主动公开政府信息情况) nor at a heading that only begins like it (（一）主动公开)
    const sample = readFileSync(path.join(ROOT, 'content/sample-2021/report.md'), 'utf8');
    const part = makeReport({ 'report.md': sample.replace('# 主动公开政府信息情况\n', `# 主动公开政府信息情况\n\n${Array.from({ length: 24 }, (_, k) => `## 小标题乙${k}\n\n`).join('')}`),
      'statistics.yaml': readFileSync(path.join(ROOT, 'content/sample-2021/statistics.yaml'), 'utf8') });
    const partError = await buildReport(part, { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e as { loc: { line?: number } });
    expect(partError?.loc.line).toBe(sample.split('\n').indexOf('# 主动公开政府信息情况') + 1);
    // what stays on a page builds as before, and the DOCX holds every heading
    expect((await buildReport(dir, { fonts, formats: ['docx'] })).outputs.docx).toBeDefined();
    const fine = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n${body.split('## ').slice(0, 6).join('## ')}正文一段。\n` });
    const { pages } = await readPdf((await buildReport(fine, { fonts, formats: ['pdf'] })).outputs.pdf!);
    expect(pages.flatMap((p) => p.items.map((i) => i.str)).join('')).toContain('小标题甲4');
  });

  it('names an over-long heading at its own line, before any layout (an over-long ## under its #: adversarial audit; at the end of the body the paragraph before it was named: a bad-input audit)', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述部分的内容说明\n\n## ${'很长的标题'.repeat(180)}\n\n正文。\n` });
    const error = await buildReport(dir, { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e as Error & { loc: { line?: number } });
    expect(error?.message).toMatch(/report\.md:10: the heading is 900 characters long, more than 140 \(five full lines\)/);
    // a long heading over a long paragraph, and one that ends the body
    for (const body of [`# ${'很长的标题'.repeat(160)}\n\n${'正文很长。'.repeat(420)}\n`, `# 概述\n\n${'正文。'.repeat(200)}\n\n## ${'很长的标题'.repeat(400)}\n`]) {
      const overError = await buildReport(makeReport({ 'report.md': `${FRONT}\n${body}` }), { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e as Error);
      expect(overError?.message).toMatch(/: the heading is \d+ characters long, more than 140/);
    }
  });
});

describe('a long lead-in before a statistics table', () => {
  it('builds with every line: a lead-in of more than six lines flows as a paragraph, not kept whole with the table (eleven lines before 表二 made a group taller than a page)', async () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const long = '全年围绕重点领域信息公开开展专项检查，逐项核对公开事项目录，及时更新栏目内容，确保信息准确完整。'.repeat(6);
    for (const before of ['2021年，本机关主动公开政府信息情况如下：', '2021年，本机关收到和处理政府信息公开申请情况如下：', '2021年，本机关政府信息公开行政复议、行政诉讼情况如下：']) {
      const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
      expect(text, before).toContain(before);
      const dir = makeReport({ 'report.md': text.replace(before, long + before), 'statistics.yaml': readFileSync(path.join(sample, 'statistics.yaml'), 'utf8') });
      const { pages } = await readPdf((await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!);
      // (the page numbers, — 5 —, read between a paragraph's pages)
      const all = pages.flatMap((p) => p.items.map((i) => i.str)).join('').replace(/\s/g, '').replace(/—\d+—/g, '');
      expect(all, before).toContain(long + before);
    }
  });
});

describe('the last page', () => {
  it('holds two lines of the body\'s last paragraph at least, with the end matter or without (one line, 实。, made a page)', async () => {
    // (a paragraph of three lines, and one of two)
    const texts = ['强化监督考核和业务培训，本单位认真贯彻落实政府信息公开条例，持续深化决策执行管理服务结果公开，不断提升政务公开标准化规范化水平，切实保障人民群众的知情权。',
      '强化监督考核和业务培训，本单位认真贯彻落实政府信息公开条例，持续深化决策执行管理服务结果公开。'];
    let turned = 0;
    // (and endings that keepTogether splits first, or that are lists: review)
    // (and a last paragraph or list item of one line, 特此报告。: review)
    const ends = [...texts, `# 其他需要报告的事项\n\n${texts[0]}`, `## 其他需要报告的事项。\n${texts[0]}`, `- ${texts[1]}\n- ${texts[1]}`,
      `${texts[0]}\n\n特此报告。`, `- ${texts[1]}\n- 特此报告。`];
    for (const [editor, last] of [[false, ends[0]], [true, ends[0]], [false, ends[1]], [false, ends[2]], [false, ends[3]], [true, ends[3]], [false, ends[4]], [true, ends[4]],
      [false, ends[5]], [true, ends[5]], [false, ends[6]]] as const) {
      for (let n = 13; n <= 17; n++) {
        const front = editor ? FRONT.replace(/---\n$/, 'editor: 李四\n---\n') : FRONT;
        const body = Array.from({ length: n }, (_, k) => `第${k + 1}段正文。\n\n`).join('') + `${last}\n`;
        const { outputs } = await buildReport(makeReport({ 'report.md': front + '\n' + body }, `last-${editor}-${last.length}-${n}`), { fonts, formats: ['pdf'] });
        const { pages } = await readPdf(outputs.pdf!);
        const text = linesOf(pages.at(-1)!).map((l) => l.text.replace(/\s/g, '')).filter((t) => !/^—\d+—$/.test(t) && !t.startsWith('责任编辑') && !/^[一二三四五六七八九十]+、其他需要报告的事项$/.test(t));
        if (pages.length > 1 && !text.some((t) => /^第\d+段/.test(t))) {
          turned++;
          expect(text.length, `${n} paragraphs${editor ? ', with an editor' : ''}: ${text.join(' | ')}`).toBeGreaterThanOrEqual(2);
        }
      }
    }
    expect(turned, 'cases where the last paragraph runs onto a page of its own').toBeGreaterThan(8);
  }, 150_000);
});

describe('a run of headings without text between them', () => {
  it('taller than a page, is named from its first heading with its lines, not at the heading the page ran out at (a large-report audit)', async () => {
    const body = `# 总体情况\n\n正文。\n\n${Array.from({ length: 25 }, (_, i) => `## 第${i + 1}小节内容\n\n`).join('')}最后的正文。\n`;
    const error = await buildReport(makeReport({ 'report.md': FRONT_BEFORE_FORMS + '\n' + body }), { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/report\.md:12: 25 headings in a row without text between them \(lines 12–60\) are kept on one page with the line below them, and are taller than a page: the PDF would leave out "/);
  });
});
