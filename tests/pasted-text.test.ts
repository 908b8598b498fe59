/**
 * Text as a clerk pastes it from Word, Excel or a PDF, or types it in Notepad: what Markdown would
 * print otherwise than meant is joined, refused or warned about.
 */
import { describe, expect, it } from 'vitest';
import { loadReport, reviewReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { inlineText, type Block } from '../src/model/types.js';
import { inputMessages } from './helpers/errors.js';
import { FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';

const fonts = openFontSet();
const load = (body: string, front = FRONT_BEFORE_FORMS) => loadReport(makeReport({ 'report.md': front + body }));
const findings = (body: string, front = FRONT_BEFORE_FORMS) => reviewReport(load(body, front), fonts).map((f) => ({ line: f.loc.line, message: f.message, hint: f.hint }));
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'paragraph' ? [inlineText(b.inlines)] : b.type === 'list' ? b.items.map(inlineText) : []));
const errorOf = (body: string): string[] => {
  try {
    load(body);
  } catch (e) {
    return inputMessages(e);
  }
  return [];
};

describe('pasted and typed text', () => {
  it('joins a line that ends with spaces (Notepad, a PDF copy) as any other line; a \\ at the end still breaks it', () => {
    const report = load('\n本年共收到申请  \n15件，办结  \t\n12件。\n\n联系地址：示例路1号\\\n联系电话：12345\n');
    expect(texts(report.blocks)).toEqual(['本年共收到申请15件，办结12件。', '联系地址：示例路1号\n联系电话：12345']);
  });

  it('joins a figure or a web address that a PDF copy broke across lines; Latin words keep a space', () => {
    const report = load('\n本年共收到申请1\n5件，详见www.example.\ngov.cn或发送至gk@example.\ngov.cn。\n\n使用WPS\nOffice办公，共2021\n年度。\n\nin 2021\n2,000 people\n');
    expect(texts(report.blocks)).toEqual(['本年共收到申请15件，详见www.example.gov.cn或发送至gk@example.gov.cn。', '使用WPS Office办公，共2021年度。', 'in 2021 2,000 people']);
    // an address that ends whole, and two figures on two lines, stay apart
    const apart = load('\n网站：http://www.test.gov.cn\nE-mail：gk@163.com\n0370-1234567。\n\n联系电话：3281234\n3281235。\n');
    expect(texts(apart.blocks)).toEqual(['网站：http://www.test.gov.cn E-mail：gk@163.com 0370-1234567。', '联系电话：3281234 3281235。']);
  });

  it('writes ……for 。。。 and —— for -- beside Chinese text, as an input method types them; one — is the 一字线', () => {
    const report = load('\n加强宣传。。。全面推进--深化改革。\n\n京沪线（北京—上海）。\n');
    expect(texts(report.blocks)).toEqual(['加强宣传……全面推进——深化改革。', '京沪线（北京—上海）。']);
  });

  it('refuses cells separated by tabs on two lines or more (a table pasted from Excel or Word), with the table to write', () => {
    const [msg] = errorOf('\n正文。\n\n项目\t数量\t占比\n网络申请\t103\t34%\n信函申请\t198\t66%\n');
    expect(msg).toContain('report.md:10: these 3 lines are cells separated by tabs (a table pasted from Excel or Word): Markdown joins them into one paragraph, their cells run together');
    expect(msg).toContain('fix: write a Markdown table — | 项目 | 数量 | 占比 |, then | --- | --- | --- |, then one row a line — or each line as a paragraph, with a blank line between');
    // one line with a tab (联系电话：…⟶传真：…) is a space, as before; so are a contact block's two
    // lines with a tab each (no figure for a cell), and lines with unlike cells
    expect(texts(load('\n联系电话：12345\t传真：67890\n').blocks)).toEqual(['联系电话：12345 传真：67890']);
    expect(texts(load('\n联系电话：0370-1234567\t传真：0370-7654321\n电子邮箱：gk@example.gov.cn\t邮编：476000\n').blocks))
      .toEqual(['联系电话：0370-1234567 传真：0370-7654321电子邮箱：gk@example.gov.cn 邮编：476000']);
    // two lines with a figure for a cell are a table
    expect(errorOf('\n正文。\n\n网络申请\t103\n信函申请\t198\n')[0]).toContain('these 2 lines are cells separated by tabs');
  });

  it('warns of spaces between Chinese characters and figures, in the text and in the printed front matter; Latin words keep theirs', () => {
    const f = findings('\n政 府 信 息 公 开工作。\n\n本年共 15 件。\n\n2022年\u00a01月起使用 WPS Office 办公。\n', FRONT_BEFORE_FORMS.replace('organ: 测试县人民政府', 'organ: 测试县 人民政府'));
    const spaces = f.filter((x) => x.message.includes(' between Chinese'));
    // (the front matter is lines 1–7, the body starts on line 8; every space of a paragraph in its one
    // warning, and a no-break space named, since it looks like none)
    expect(spaces.map((x) => [x.line, x.message]).sort()).toEqual([
      [10, '"本年共 15 件。": spaces between Chinese characters and figures are printed as typed in the text'],
      [12, '"2022年\u00a01月起使用 W": a space between Chinese characters and figures is printed as typed in the text (it is a no-break space (U+00A0))'],
      [4, '"测试县 人民政府": a space between Chinese characters is printed as typed in the organ (发布机构)'],
      [8, '"政 府 信 息 公 开工作。": spaces between Chinese characters are printed as typed in the text'],
    ]);
    expect(spaces[0]!.hint).toContain('delete the space');
    // a figure that belongs to a Latin name keeps its space
    expect(findings('\n使用 Office 2016 软件，执行GB/T 9704-2012 标准，通过ISO 9001 认证。\n').filter((x) => x.message.includes(' between Chinese'))).toEqual([]);
    // spaces inside a figure beside Chinese text (a PDF copy's letter spacing), not inside a Latin
    // name's figures or after a label's colon
    expect(findings('\n培训人员1 6 0余人次，办理转办件2 3 6件，共1. 2万条。\n\n本年共 15 件，其中1 2件。\n\n使用Office 2016 2019版；电话：0370 3288305。\n')
      .filter((x) => x.message.includes('printed as typed in the text')).map((x) => [x.line, x.message])).toEqual([
      [8, '"培训人员1 6 0余人次，办理转办件2 3 6件，共1. 2万条。": spaces inside figures are printed as typed in the text'],
      [10, '"本年共 15 件，其中1 2件。": spaces between Chinese characters and figures, and inside figures, are printed as typed in the text'],
    ]);
    // a phone number's groups of digits, and thousands grouped by spaces (GB/T 15835), are the writer's (review)
    expect(findings('\n请拨打手机138 0000 0000或服务热线400 123 4567咨询，电话0370 3282156，共计1 234 567元。\n')
      .filter((x) => x.message.includes('inside'))).toEqual([]);
    // …but one stray space is (12 3件: review)
    const stray = findings('\n全年共接待12 3件。\n').filter((x) => x.message.includes('inside a figure'));
    expect(stray.length).toBe(1);
    // (two figures meant apart, 30 45件次: the hint says how, review)
    expect(stray[0]!.hint).toContain('write 、 (30、45件)');
  });

  it('warns of a page number copied with the text from a PDF', () => {
    const f = findings('\n加强培训。 — 3 — 二是完善制度。\n\n2021—2022年度，温度区间为 - 5 - 10 摄氏度。\n');
    expect(f.filter((x) => x.message.includes('page number')).map((x) => [x.line, x.message])).toEqual([
      [8, '"— 3 —" looks like a page number copied with the text from a PDF: it is printed as typed'],
    ]);
  });

  it('warns of a page number on a line of its own, spaced or not, at its line (a PDF copy pasted whole)', () => {
    const f = findings('\n围绕县委、县政府\n—1—\n中心工作。\n\n—3—\n\n第 - 2 - 名，温度 -5-10 摄氏度。\n\n围绕中心\n- 4 -\n工作。\n\n- 3-5月开展检查\n');
    expect(f.filter((x) => x.message.includes('page number')).map((x) => [x.line, x.message.split(' looks')[0]])).toEqual([
      [9, '"—1—"'],
      [12, '"—3—"'],
      // (- 4 -, which Markdown reads as a list's item: review)
      [17, '"- 4 -"'],
    ]);
  });

  it('warns of a section that starts inside a paragraph (a PDF copy\'s lost blank lines), at its line; items run into a sentence are text', () => {
    const f = findings('\n全面清理，废止2件。\n（四）平台建设\n2025年，青禾县完善平台。\n一、总体情况\n全年主动公开信息。\n\n本年度工作成效明显。\n二、主动公开政府信息情况：全年公开3条。\n\n主要做法：\n（1）加强领导；\n（2）完善制度。\n\n申请量为\n2、3月份最多。\n');
    expect(f.filter((x) => x.message.includes('starts a section inside')).map((x) => [x.line, x.message.split(' starts')[0], x.hint])).toEqual([
      [9, '"（四）平台建设"', 'leave a blank line before it and write it as a heading: "## 平台建设"'],
      [11, '"一、总体情况"', 'leave a blank line before it and write it as a heading: "# 总体情况"'],
      [15, '"二、主动公开政府信息情况：全年公开3条。"', 'leave a blank line before it, and write its heading with # (gongwen numbers it)'],
    ]);
    // items typed on lines of their own after ：, heading-like or not, are a list run into the text
    // (review: 1、加强组织领导 was told to be a heading); a PDF copy's Kangxi ⼆、 is 二、
    const more = findings('\n主要措施有：\n1、加强组织领导\n2、完善工作制度\n\n全面清理，废止2件。\n⼆、主动公开情况\n全年公开信息。\n');
    expect(more.filter((x) => x.message.includes('starts a section inside')).map((x) => [x.line, x.message.split(' starts')[0]])).toEqual([[13, '"二、主动公开情况"']]);
    // a heading on the first line with the text run on below it: one warning, the heading's (review: two, one of them with the text in the heading)
    const first = findings('\n（一）主动公开情况\n本年度主动公开信息1200条\n').filter((x) => x.message.includes('heading'));
    expect(first.map((x) => [x.line, x.hint])).toEqual([[8, 'leave a blank line after it and write it as a heading: "## 主动公开情况"']]);
  });

  it('warns of quotes and brackets that do not pair within a paragraph', () => {
    const f = findings('\n深化”放管服“改革。\n\n推进“放管服“改革。\n\n详见附件（统计表。\n\n落实“三公”经费）公开。\n\n依据《条例》（国务院令第711号（修订））和“‘放管服’改革”要求，已办结。\n');
    expect(f.filter((x) => x.message.startsWith('quotes or brackets')).map((x) => [x.line, x.message.split(': ').at(-1)])).toEqual([
      [8, '” with no “ before it'],
      [10, '“ opened again before ” closes the first'],
      [12, '（ is never closed'],
      [14, '） with no （ before it'],
    ]);
    // a paragraph of several lines: the line of the mark, and the text around it
    const lines = findings('\n（一）信息处理费收取情况\n本年度未收取信息处理费。\n推进“互联网+政务服务“改革，\n成效明显。\n');
    expect(lines.filter((x) => x.message.startsWith('quotes or brackets')).map((x) => [x.line, x.message])).toEqual([[10, 'quotes or brackets do not pair in "…进“互联网+政务服务“改革，成效明显。": “ opened again before ” closes the first']]);
    // a ( typed in ASCII, or a Markdown link's, counts as the （ it becomes (review: the next line was named)
    for (const body of ['依据(试点)（方案，\n推进（二）工作。', '详见[政府网站](https://www.a.gov.cn)（首页，\n推进（二）工作。']) {
      expect(findings(`\n${body}\n`).filter((x) => x.message.startsWith('quotes or brackets')).map((x) => x.line), body).toEqual([8]);
    }
    // (its first line is a heading typed without #, that the text below runs on from)
    expect(lines.filter((x) => x.message.includes('runs on from it')).map((x) => [x.line, x.hint])).toEqual([[8, 'leave a blank line after it and write it as a heading: "## 信息处理费收取情况"']]);
    // a quotation over several paragraphs (each opens with “, only the last closes), and item
    // numbers with their closing bracket alone, are right
    expect(findings('\n他指出：“第一段。\n\n“第二段。\n\n“第三段。”\n\n主要做法：1)加强组织领导；2）完善制度建设；a）其他。\n')
      .filter((x) => x.message.startsWith('quotes or brackets'))).toEqual([]);
  });

  it('warns where an ordered list prints other numbers than were typed; 1. 1. 1. is numbered in order as meant', () => {
    const f = findings('\n3. 强化监督。\n\n5. 第五项单独一段。\n\n2021. 年度总结。\n\n正文。\n\n1. 甲。\n1. 乙。\n1. 丙。\n\n正文。\n\n3. 丁。\n4. 戊。\n');
    const lists = f.filter((x) => x.message.startsWith('the list item'));
    expect(lists.map((x) => [x.line, x.message])).toEqual([
      [10, 'the list item typed "5." is printed "4.": Markdown numbers a list\'s items in order from its first number'],
    ]);
    expect(lists[0]!.hint).toBe('number the items in order (3. 4. 5.), or write "5\\." to print a figure as typed');
    // a year at a paragraph's start, alone, is a list of one that prints as typed: no warning; after a list it is an item
    expect(findings('\n正文。\n\n2021. 年度总结。\n').filter((x) => x.message.startsWith('the list item'))).toEqual([]);
    expect(findings('\n正文。\n\n1. 强化监督。\n\n2021. 年度总结。\n').filter((x) => x.message.startsWith('the list item')).map((x) => x.hint))
      .toEqual(['a paragraph that starts with a figure and a dot is a list item: write "2021\\." to print it as typed, or put the figure after a word']);
  });

  it('keeps what a QA pass of real report text found right: slogans in quotes, 5G, changes beside shares, items typed 1)', () => {
    const f = findings('\n设置“把人民安全健康放在首位 全力以赴打赢疫情防控硬仗”专栏，开展“政务公开 你我同行”活动。\n\n新建 5G 基站，依据《2017 年浙江省政务公开工作要点》。\n\n共收到申请100件，其中网络申请60件，较上年增加10件，占比60%。\n');
    expect(f.filter((x) => x.message.includes(' between Chinese')).map((x) => [x.line, x.message])).toEqual([
      [10, '"依据《2017 年浙江省政务公": a space between Chinese characters and figures is printed as typed in the text'],
    ]);
    expect(f.filter((x) => x.message.includes(' / 100 = '))).toEqual([]);
    // a line break of a PDF copy inside a quotation or a title is no slogan's space; a label's figure keeps its space
    // (and so does the tab pasted from Word between two labelled fields, 联系人：王明⟶电话：…, audit:
    // deleting the space, as the warning said, ran 王明电话 together; a space before a label of no field is warned of)
    const breaks = findings('\n他指出“要坚持以人民 为中心的发展思想”。\n\n依据《中华人民共和国政府信 息公开条例》。\n\n联系电话：0370-3282156 传真：0370-3282157，邮编：476000 电话：12345。\n\n联系人：王明\t电话：0370-1234567\n\n地址：清河路1号\t邮编：476000\n\n我们 电话：12345。\n\n主要做法：加强组织领 导：成立领导小组。\n\n建立健全公开目 录：逐项梳理。\n');
    // (nor is a PDF copy's line break before a one-character word and a colon, review)
    expect(breaks.filter((x) => x.message.includes(' between Chinese')).map((x) => x.line)).toEqual([8, 10, 18, 20, 22]);
    // items typed 1) 2) print 1） 2）, as typed (Markdown's list printed them 1. 2.)
    const report = load('\n正文。\n\n1) 加强领导；\n2) 完善制度。\n');
    const list = report.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.markers).toEqual(['1）', '2）']);
    const paren = findings('\n正文。\n\n3) 甲。\n\n5) 乙。\n').filter((x) => x.message.startsWith('the list item'));
    expect(paren.map((x) => [x.message.split(':')[0], x.hint])).toEqual([['the list item typed "5)" is printed "4）"', 'number the items in order (3) 4)), or write "5\\)" to print a figure as typed']]);
    // no space between Chinese text and quotes across an emphasis's ends either
    expect(texts(load('\n落实 **“放管服”** 改革。\n').blocks)).toEqual(['落实“放管服”改革。']);
  });

  it('names a heading typed with 一. or with a stray 、 after its number, and a 文号 whose 〔 is not closed', () => {
    const f = findings('\n正文。\n\n一.加强组织领导\n\n（三）、因政府信息公开工作被申请行政复议情况\n\n三、2022年工作要点\n\n依据某政办〔202130号文件办理。\n');
    expect(f.filter((x) => x.message.includes('looks like a heading')).map((x) => x.hint.split(': ').at(-1))).toEqual(['"# 加强组织领导"', '"## 因政府信息公开工作被申请行政复议情况"', '"# 2022年工作要点"']);
    expect(f.filter((x) => x.message.startsWith('quotes or brackets')).map((x) => x.message.split(': ').at(-1))).toEqual(['〔 is never closed']);
  });
});
