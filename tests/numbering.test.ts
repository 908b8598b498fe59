import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { chineseNumeral, marker, numberHeadings, numberLists } from '../src/transform/numbering.js';
import { joinRunInHeadings } from '../src/transform/run-in.js';
import { docxParts, paragraphs } from './helpers/docx.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf } from './helpers/pdf.js';
import { inlineText, type Block, type HeadingBlock, type HeadingLevel } from '../src/model/types.js';
import { sampleReport } from './helpers/build.js';

const h = (level: HeadingLevel, text: string): Block => ({
  type: 'heading', level, inlines: [{ type: 'text', text }], loc: { file: 't.md', line: 1 },
});
const numbers = (blocks: Block[]) =>
  numberHeadings(blocks).filter((b): b is HeadingBlock => b.type === 'heading').map((b) => b.number);

describe('Chinese numerals', () => {
  it.each([
    [1, '一'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'],
    [99, '九十九'], [100, '一百'], [101, '一百零一'], [110, '一百一十'], [123, '一百二十三'],
  ])('%i → %s', (n, s) => expect(chineseNumeral(n)).toBe(s));

  it('rejects numbers it cannot write', () => {
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
  });
});

describe('markers per level (GB/T 9704 §7.3.3)', () => {
  it('uses 一、 （一） 1. （1） with full-width brackets', () => {
    expect(marker(1, 3)).toBe('三、');
    expect(marker(2, 12)).toBe('（十二）');
    expect(marker(3, 4)).toBe('4.');
    expect(marker(4, 2)).toBe('（2）');
    expect(marker(2, 1)).not.toContain('(');
  });
});

describe('numberHeadings', () => {
  it('rejects a decimal outline number typed before the text when its figures are the heading\'s place', () => {
    const typed = (blocks: Block[]): string => {
      try { numberHeadings(blocks); } catch (e) { return (e as Error).message; }
      return '';
    };
    expect(typed([h(1, '总体情况'), h(2, '1.1细则')])).toContain('the heading starts with a section number typed by hand, "1.1"');
    expect(typed([h(1, '甲'), h(1, '乙'), h(2, '丙'), h(2, '丁'), h(3, '2.2.1加强培训')])).toContain('"2.2.1"');
    expect(typed([h(1, '甲'), h(2, '丙'), h(3, '１．１措施')])).toContain('"１．１"');
    // dates and figures glued to the text, and numbers that are not the heading's place
    for (const blocks of [
      [h(1, '5.12地震灾后重建信息公开')],
      [h(1, '甲'), h(2, '7.1讲话精神学习')],
      [h(1, '甲'), h(2, '乙'), h(2, '丙'), h(2, '丁'), h(2, '戊'), h(2, '1.5万件申请的办理')],
      [h(1, '甲'), h(2, '1.1%的增幅')],
      [h(1, '甲'), h(2, '乙'), h(2, '1.1细则')],
    ]) expect(typed(blocks), inlineText((blocks.at(-1) as HeadingBlock).inlines)).toBe('');
  });

  it('restarts each level under a new parent', () => {
    const got = numbers([h(1, 'a'), h(2, 'b'), h(2, 'c'), h(3, 'd'), h(4, 'e'), h(4, 'f'), h(3, 'g'), h(1, 'h'), h(2, 'i'), h(3, 'j')]);
    expect(got).toEqual(['一、', '（一）', '（二）', '1.', '（1）', '（2）', '2.', '二、', '（一）', '1.']);
  });

  it('counts past 十', () => {
    const got = numbers(Array.from({ length: 21 }, (_, i) => h(1, `s${i}`)));
    expect(got.slice(9)).toEqual(['十、', '十一、', '十二、', '十三、', '十四、', '十五、', '十六、', '十七、', '十八、', '十九、', '二十、', '二十一、']);
    const sub = numbers([h(1, 'a'), ...Array.from({ length: 12 }, (_, i) => h(2, `s${i}`))]);
    expect(sub.at(-1)).toBe('（十二）');
  });

  it('keeps the written level when a level is skipped (一、 then 1.)', () => {
    expect(numbers([h(1, 'a'), h(3, 'b'), h(3, 'c')])).toEqual(['一、', '1.', '2.']);
  });
});

describe('the Shangqiu report', () => {
  const headings = sampleReport().blocks.filter((b): b is HeadingBlock => b.type === 'heading');
  const label = (b: HeadingBlock) => `${b.number}${inlineText(b.inlines)}`;

  it('numbers the seven sections 一 … 七', () => {
    expect(headings.filter((b) => b.level === 1).map(label)).toEqual([
      '一、概述', '二、政府信息主动公开情况', '三、依申请公开政府信息及收费情况', '四、回应社会关注和政策解读情况',
      '五、行政复议、行政诉讼和举报投诉情况', '六、存在的问题和改进措施', '七、附表',
    ]);
  });

  it('numbers the measures under 六（二） as 1. 2. 3. 4., not （一）…', () => {
    const i = headings.findIndex((b) => label(b) === '（二）2018年改进措施');
    expect(i).toBeGreaterThan(0);
    const measures = headings.slice(i + 1, i + 5);
    expect(measures.map((b) => b.number)).toEqual(['1.', '2.', '3.', '4.']);
    expect(measures.map((b) => b.level)).toEqual([3, 3, 3, 3]);
    expect(inlineText(measures[0].inlines)).toBe('加强标准建设，规范推进五公开。');
    // run in: the heading carries the paragraph that follows it
    expect(inlineText(measures[0].runIn ?? [])).toMatch(/^严格落实《实施意见》/);
  });

  it('drops the spaces after a run-in heading\'s mark (a full-width one pasted from Word opened a gap before its text)', () => {
    const blocks = joinRunInHeadings([h(3, '加强培训。　'), { type: 'paragraph', inlines: [{ type: 'text', text: '全年举办培训3次。' }], loc: { file: 't.md', line: 2 } }]);
    expect(blocks).toHaveLength(1);
    expect(inlineText((blocks[0] as HeadingBlock).inlines)).toBe('加强培训。');
  });

  it('restarts （一） under each level-1 section', () => {
    const six = headings.findIndex((b) => label(b) === '六、存在的问题和改进措施');
    expect(label(headings[six + 1])).toBe('（一）存在的不足');
  });
});

describe('ordered lists (numberLists)', () => {
  const list = (start: number, n: number, ordered = true): Block => ({
    type: 'list', ordered, start, items: Array.from({ length: n }, (_, k) => [{ type: 'text', text: `第${k + 1}项` }]), loc: { file: 't.md', line: 1 },
  });
  const markers = (blocks: Block[]) => numberLists(numberHeadings(blocks)).filter((b) => b.type === 'list').map((b) => (b as { markers?: string[] }).markers);

  it('numbers items under a 1. heading （1）（2）, under a （1） heading 1）2）, the next levels, and elsewhere 1. 2. from the list\'s start', () => {
    // (under （1）, 1. read as a level above its heading)
    expect(markers([list(1, 2), h(1, '甲'), list(1, 2), h(2, '乙'), list(3, 2), h(3, '丙'), list(1, 3), h(4, '丁'), list(1, 2)]))
      .toEqual([['1.', '2.'], ['1.', '2.'], ['3.', '4.'], ['（1）', '（2）', '（3）'], ['1）', '2）']]);
    expect(markers([h(3, '丙'), list(1, 2, false)])).toEqual([undefined]);
  });

  it('prints them so in the PDF and the DOCX', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 总体情况\n\n### 规范公开流程\n\n1. 制定公开目录；\n2. 明确办理时限。\n` });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const text = (await readPdf(outputs.pdf!)).pages.flatMap((p) => linesOf(p).map((l) => l.text));
    expect(text).toContain('1.规范公开流程');
    expect(text).toContain('（1）制定公开目录；');
    expect(text).toContain('（2）明确办理时限。');
    expect(paragraphs(docxParts(outputs.docx!)['word/document.xml']).map((p) => p.text)).toContain('（1）制定公开目录；');
  });
});
