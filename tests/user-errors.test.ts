/** Mistakes a disclosure office makes, each with a clear message, exit 2 and nothing written. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, loadReport, reviewReport } from '../src/build.js';
import { docxParts } from './helpers/docx.js';
import { readPdf } from './helpers/pdf.js';
import { openFontSet } from '../src/io/fonts.js';
import { FindingErrors, InputError } from '../src/model/errors.js';
import { tocInlines } from '../src/model/types.js';
import { loadChecked, ROOT, SAMPLE } from './helpers/build.js';
import { FRONT, FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';
import { inputMessages } from './helpers/errors.js';
import * as fontkit from 'fontkit';

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = () => mkdtempSync(path.join(tmpdir(), 'gongwen-user-'));
/** Where an OpenType file's table `tag` lies (its table directory). */
const tableRange = (font: Buffer, tag: string) => {
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    if (font.toString('latin1', at, at + 4) === tag) return { offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) };
  }
  throw new Error(`no ${tag} table`);
};
const loadError = (body: string, files: Record<string, string> = {}, front = FRONT) => {
  try { loadChecked(makeReport({ 'report.md': front + body, ...files })); } catch (e) { return (e as InputError).message; }
  return '';
};

const catchError = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
};

describe('Markdown a 公文 cannot print', () => {
  it.each([
    ['![图](a.png)\n', /report\.md:8: an image cannot be printed in a 公文/],
    ['<div>HTML</div>\n', /report\.md:8: HTML cannot be printed/],
    ['```\ncode\n```\n', /report\.md:8: a code block cannot be printed/],
    ['正文`代码`。\n', /report\.md:8: code cannot be printed/],
    ['> 引文\n', /report\.md:8: a quotation block \(>\) cannot be printed/],
    ['甲\n\n---\n', /report\.md:10: a horizontal rule \(---\) cannot be printed/],
  ])('%j', (body, message) => {
    expect(loadError(`\n${body}`)).toMatch(message);
  });

  it('warns of a paragraph typed right under a list, which Markdown makes part of its last item (a newcomer: printed inside item 2)', () => {
    const fonts = openFontSet();
    const body = '\n# 总体情况\n\n存在的问题：\n\n1. 政策解读形式较为单一。\n2. 依申请公开答复的规范化水平有待提高。\n2025年，我局将进一步加强。\n';
    const told = reviewReport(loadReport(makeReport({ 'report.md': FRONT + body })), fonts).filter((f) => f.message.includes('right under a list'));
    expect(told.map((f) => [f.loc.line, f.hint])).toEqual([[14, 'leave a blank line before it, to make it a paragraph of its own']]);
    expect(reviewReport(loadReport(makeReport({ 'report.md': FRONT + body.replace('提高。\n2025年', '提高。\n\n2025年') })), fonts).some((f) => f.message.includes('right under a list'))).toBe(false);
    // a list whose every item goes on at the margin is written so: none (a review)
    const style = '\n# 总体情况\n\n1. 一是加强培训。\n全年培训3次，覆盖全体干部。\n2. 二是完善制度。\n全年修订制度5项。\n';
    expect(reviewReport(loadReport(makeReport({ 'report.md': FRONT + style })), fonts).some((f) => f.message.includes('right under a list'))).toBe(false);
  });

  it('leaves out HTML comments, notes to the writer that never print, every line keeping its number (they were refused as HTML, the fix to write them as text: an edge audit)', () => {
    const report = loadReport(makeReport({ 'report.md': `${FRONT}\n<!-- 待核实：下段数据 -->\n\n第一段<!-- 行内注释 -->文字。\n\n<!--\n多行\n注释\n-->\n\n第二段\n` }));
    expect(report.blocks.map((b) => [b.type, b.type === 'paragraph' ? b.inlines.map((i) => i.text).join('') : '', b.loc.line])).toEqual([
      ['paragraph', '第一段文字。', 10], ['paragraph', '第二段', 17],
    ]);
    // one never closed is said to be one, at its line, at a line's start or after text (it printed as typed, a review)
    for (const body of ['\n正文。\n\n<!-- 未闭合\n\n第二段。\n', '\n正文。\n\n文字<!-- 未闭合\n'])
      expect(loadError(body)).toMatch(/report\.md:10: an HTML comment is opened with <!-- and never closed with -->\n {2}fix: close it with -->/);
    // <!--> is an empty one; <!-- in a code span is the code's, which is refused
    expect(loadReport(makeReport({ 'report.md': `${FRONT}\n甲<!-->乙。\n` })).blocks.map((b) => b.type === 'paragraph' ? b.inlines.map((i) => i.text).join('') : '')).toEqual(['甲乙。']);
    expect(loadError('\n正文`<!--`代码。\n\n后文 -->。\n')).toMatch(/report\.md:8: code cannot be printed/);
  });

  it('says why Word habits would print as typed: a heading without its space, a table without its --- line or with ｜, a tab-indented paragraph', () => {
    expect(loadError('\n正文。\n\n##依申请公开情况\n')).toMatch(/report\.md:10: "##依申请公开情况" is printed as text, not as a heading: there is no space after ##\n  fix: write "## 依申请公开情况"/);
    expect(loadError('\n＃ 总体情况\n')).toMatch(/report\.md:8: .* its ＃ is full-width\n  fix: write "# 总体情况"/);
    expect(loadError('\n##　依申请公开情况\n')).toMatch(/report\.md:8: .* the space after ## is a full-width space\n  fix: write "## 依申请公开情况"/);
    // the second line of a paragraph too, at its own line
    expect(loadError('\n正文。\n#总体情况\n')).toMatch(/report\.md:9: "#总体情况" is printed as text/);
    expect(loadError('\n| 序号 | 渠道 |\n| 1 | 网站 |\n')).toMatch(/report\.md:8: these lines between \| are printed as text, not as a table: a table needs a line of \| --- \| under its header row/);
    expect(loadError('\n｜类别｜件数｜\n｜－－｜－－｜\n')).toMatch(/report\.md:8: .*written with ASCII \|, not the full-width ｜/);
    // inside a list item too, at the item's line
    expect(loadError('\n- 网站公开。\n- ##依申请公开情况\n')).toMatch(/report\.md:9: "##依申请公开情况" is printed as text, not as a heading/);
    expect(loadError('\n1. 渠道如下：\n\n   | 序号 | 渠道 |\n   | 1 | 网站 |\n')).toMatch(/report\.md:10: these lines between \| are printed as text, not as a table/);
    expect(loadError('\n\t本年度通过门户网站公开。\n')).toMatch(/report\.md:8: the line is indented \(a tab or four spaces at its start\).*\n  fix: remove the indentation/);
    // text that only looks alike stays text: an escaped #, a # inside a line, a line with one |,
    // a number or a topic tag after # or ＃
    expect(loadError('\n\\#政务公开已交付，编号#2。\n\n甲|乙\n')).toBe('');
    expect(loadError('\n#1号楼改造工程于2021年完工。\n\n＃3机组检修。\n\n关注话题\n#政务公开#阅读量10万。\n')).toBe('');
  });

  it('drops characters that print nothing (a zero-width space from a web page), and names a private-use bullet from Word', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n本年度\u200b工作\u00ad。\n` });
    const p = loadReport(dir).blocks.find((b) => b.type === 'paragraph')!;
    expect(p.type === 'paragraph' && p.inlines.map((i) => i.text).join('')).toBe('本年度工作。');
    // before lines are joined (申请\u200b⏎15件 is 申请15件), joiners and direction marks too, and in the front matter
    const joined = makeReport({ 'report.md': `${FRONT.replace('测试县2020年', '测试县\u200b2020年')}\n申请\u200b\n15件，甲\u200c乙\u200d丙\u200e丁。\n` });
    const r = loadReport(joined);
    const q = r.blocks.find((b) => b.type === 'paragraph')!;
    expect(q.type === 'paragraph' && q.inlines.map((i) => i.text).join('')).toBe('申请15件，甲乙丙丁。');
    expect(r.meta.title).toBe('测试县2020年政府信息公开工作年度报告');
    const bullet = makeReport({ 'report.md': `${FRONT}\n\uf0b7 要点一。\n` });
    const errors = reviewReport(loadReport(bullet), openFontSet()).filter((f) => f.severity === 'error');
    expect(errors[0]?.message).toMatch(/character "\uf0b7" \(U\+F0B7\) is a private-use character, as Word's bullets from its Symbol font are/);
    expect(errors[0]?.hint).toContain('start each item\'s line with "- "');
  });

  it('joins the lines of a paragraph without a space beside a Chinese character, and drops full-width spaces typed as an indent', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n　　全年共收到申请\n15件，其中网络申请\n9件。信函为\nA类，见“\n三安全”。Latin words\nstay apart.\n` });
    const p = loadReport(dir).blocks.find((b) => b.type === 'paragraph')!;
    expect(p.type === 'paragraph' && p.inlines.map((i) => i.text).join('')).toBe('全年共收到申请15件，其中网络申请9件。信函为A类，见“三安全”。Latin words stay apart.');
  });

  it('starts a paragraph at a line indented with full-width spaces, as text pasted from Word marks one; a line of them alone is no paragraph', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n　　一是部分信息公开不够及时。\n　　二是政策解读形式较为单一，\n需要加强。\n　　\n　　三是网站建设有待加强。\n` });
    const paragraphs = loadReport(dir).blocks.filter((b) => b.type === 'paragraph');
    expect(paragraphs.map((p) => p.type === 'paragraph' && p.inlines.map((i) => i.text).join(''))).toEqual(
      ['一是部分信息公开不够及时。', '二是政策解读形式较为单一，需要加强。', '三是网站建设有待加强。']);
    // each at the line it starts on (the body's first line is line 8)
    expect(paragraphs.map((p) => p.loc.line)).toEqual([8, 9, 12]);
    const texts = (body: string, type = 'paragraph') => loadReport(makeReport({ 'report.md': `${FRONT}\n${body}` })).blocks.filter((b) => b.type === type);
    // a first line of full-width spaces alone: no empty paragraph before the first
    expect(texts('　　\n　　一是及时。\n').map((p) => p.type === 'paragraph' && p.inlines.map((i) => i.text).join(''))).toEqual(['一是及时。']);
    // a hard line break (\) counts for the line numbers
    expect(texts('第一行\\\n第二行\n　　一是及时。\n').map((p) => p.loc.line)).toEqual([8, 10]);
    // not cut inside bold: 二是 stays bold
    const bold = texts('正文**加粗\n　　二是**规范。\n');
    expect(bold).toHaveLength(1);
    expect(bold[0]!.type === 'paragraph' && bold[0]!.inlines.find((i) => i.bold)?.text).toBe('加粗二是');
    // in a list item, such a line goes on a line of its own
    const [list] = texts('正文。\n\n1. 完善制度建设\n　　建立健全政务公开制度。\n', 'list');
    expect(list!.type === 'list' && list!.items[0]!.map((i) => i.text).join('')).toBe('完善制度建设\n建立健全政务公开制度。');
  });

  it('warns of a heading with nothing under it, at its line, but not of a last heading over the attachments', () => {
    const dir = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n# 总体情况\n\n## 平台建设\n\n## 监督保障\n\n正文。\n\n# 其他需要报告的事项\n` });
    const warnings = reviewReport(loadReport(dir), openFontSet()).filter((f) => f.message.includes('has no text under it'));
    expect(warnings.map((w) => `${w.loc.line}: ${w.message}`)).toEqual(['10: "（一）平台建设" has no text under it', '16: "二、其他需要报告的事项" has no text under it']);
    expect(warnings[0]!.hint).toContain('无。');
    // # 总体情况 has its subsections; the Shangqiu sample ends in "# 附表", over its attachment: no warning
    expect(reviewReport(loadReport(SAMPLE), openFontSet()).filter((f) => f.message.includes('has no text under it'))).toEqual([]);
  });

  it('refuses a table that follows a list item without a blank line (Markdown reads it as the item\'s text), at the table\'s line', () => {
    for (const marker of ['1.', '-']) {
      let message = '';
      try {
        loadReport(makeReport({ 'report.md': `${FRONT}\n正文。\n\n${marker} 检查3次。\n| 平台 | 更新量 |\n| --- | ---: |\n| 网站 | 1905 |\n` }));
      } catch (e) { message = (e as Error).message; }
      expect(message, marker).toMatch(/report\.md:11: this table follows the line above it without a blank line, so it is read as that text and printed with its \|\n {2}fix: leave a blank line before the table/);
    }
    // with the blank line, a table
    expect(loadReport(makeReport({ 'report.md': `${FRONT}\n正文。\n\n1. 检查3次。\n\n| 平台 | 更新量 |\n| --- | ---: |\n| 网站 | 1905 |\n` })).blocks.some((b) => b.type === 'table')).toBe(true);
  });

  it('reads a tab inside a line as a space (联系电话：…⟶传真：…, pasted from Word or Excel)', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n联系电话：0371-12345678\t传真：0371-12345679，地址：\t某县某路1号。\n` });
    const p = loadReport(dir).blocks.find((b) => b.type === 'paragraph')!;
    expect(p.type === 'paragraph' && p.inlines.map((i) => i.text).join('')).toBe('联系电话：0371-12345678 传真：0371-12345679，地址：某县某路1号。');
  });

  it('reports the problems of front matter, body and statistics at once, every block of the body', () => {
    const front = FRONT.replace('year: 2020', 'year: 2020年').replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const body = '\n# 总体情况\n\n![图](a.png)\n\n正文。\n\n<div>x</div>\n\n##### 太深\n';
    let messages: string[] = [];
    try {
      loadReport(makeReport({ 'report.md': front + body, 'statistics.yaml': 'template: gov-2014\nvalues:\n  s1_1: 156件\n' }));
    } catch (e) { messages = inputMessages(e); }
    expect(messages.map((m) => /(report\.md|statistics\.yaml):(\d+)/.exec(m)!.slice(1).join(':'))).toEqual(
      ['report.md:3', 'report.md:11', 'report.md:15', 'report.md:17', 'statistics.yaml:3']);
    expect(messages[0]).toContain('field "year"');
    expect(messages[4]).toContain('write the number alone: 156');
  });

  it('rejects a reference that is not closed, and a table placeholder inside a sentence', () => {
    expect(loadError('\n共{{t3.new_received.total件。\n')).toMatch(/report\.md:8: "\{\{t3\.new_received\.total件。" is not a complete reference/);
    expect(loadError('\n前文{{table t3}}\n')).toMatch(/report\.md:8: "\{\{table t3\}\}" must be a paragraph of its own/);
  });

  it('rejects a reference typed with one brace or with full-width braces, which would print as typed', () => {
    expect(loadError('\n共{t3.granted.total}件。\n')).toMatch(/report\.md:8: "\{t3\.granted\.total\}" has one brace on each side\n  fix: write \{\{t3\.granted\.total\}\}/);
    expect(loadError('\n共｛｛t3.granted.total｝｝件。\n')).toMatch(/report\.md:8: "｛｛t3\.granted\.total｝｝" is written with full-width braces ｛ ｝\n  fix: write \{\{t3\.granted\.total\}\} with ASCII braces/);
    expect(loadError('\n共{{t3.granted.total｝｝件。\n')).toMatch(/full-width braces/);
    // a look-alike after a good reference in the same paragraph is caught too, and every problem of a run is listed
    const stats = { 'statistics.yaml': 'template: gov-2014\nvalues:\n  s3_1: 10\n' };
    const front = FRONT.replace(/---\n$/, 'attachment: { title: 表 }\nstatistics: statistics.yaml\n---\n');
    let messages: string[] = [];
    try {
      loadChecked(makeReport({ 'report.md': `${front}\n共{{s3_1}}件，其中｛｛s3_1｝｝件，{{s3_2}}件。\n\n又{s4}件。\n`, ...stats }));
    } catch (e) { messages = inputMessages(e); }
    expect(messages.map((m) => m.split('\n')[0].replace(/^.*report\.md:/, ''))).toEqual([
      '10: "｛｛s3_1｝｝" is written with full-width braces ｛ ｝',
      '10: {{s3_2}} (三（二）申请办结数) is empty in ' + messages[1]?.match(/is empty in (\S+)/)?.[1],
      '12: "{s4}" has one brace on each side',
    ]);
    // braces around other text are text
    expect(loadError('\n集合{甲，乙}与｛丙｝。\n')).toBe('');
  });

  it('rejects a section number typed into a heading (gongwen numbers headings)', () => {
    for (const [heading, n] of [['# 一、总体情况', '一、'], ['## （一）主动公开', '（一）'], ['## (二)依申请公开', '(二)'], ['### 1.加强培训。', '1.'], ['### 2、加强培训。', '2、'], ['#### （3）其他', '（3）'],
      // as pasted from Word: full-width digits, a closing bracket alone, a number and a space
      ['### ２．措施', '２．'], ['#### 1）细则', '1）'], ['#### 2)细则', '2)'], ['### 2 措施', '2'], ['#### （１）其他', '（１）'],
      ['# 一 总体情况', '一'], ['# 一　总体情况', '一'], ['## 1.1 总体情况', '1.1'], ['## ①总体情况', '①'], ['# Ⅰ、总体情况', 'Ⅰ、'], ['# 第一部分　总体情况', '第一部分'],
      // Word's automatic numbering, pasted: ⑴ ⒈; a bracket alone after a numeral; 大写 numerals
      ['#### ⑴加强领导', '⑴'], ['### ⒈加强领导', '⒈'], ['## 一）主动公开', '一）'], ['# 壹、总体情况', '壹、'],
      ['## ㈠主动公开', '㈠'], ['## 〔一〕主动公开', '〔一〕'], ['## 【一】主动公开', '【一】'], ['### 1.1.1细则', '1.1.1'], ['### 1.1.1 细则', '1.1.1']]) {
      const message = loadError(`\n${heading}\n\n正文。\n`);
      expect(message, heading).toContain(`report.md:8: the heading starts with a section number typed by hand, "${n}"`);
      expect(message).toContain('fix: remove');
    }
    // numbers that are part of the heading's text
    for (const heading of ['## 2018年改进措施', '# 十九大精神学习情况', '## 第三方评估情况', '## 第十四个五年规划实施情况', '### 1.5万件申请的办理。', '## （2021年）工作', '# 一、二季度政策解读', '# 七、八月份集中办理情况', '# （2021）年度工作', '# 5.12地震灾后重建信息公开',
      '## 5G网络建设', '## ２０２１年工作', '## 12345热线办理情况', '## 2021 年工作', '### １.５万件申请',
      // a count with a space before its measure word or unit
      '## 12 月份工作', '## 3 个方面的问题', '## 10 大民生实事', '## 12 个重点领域', '## 95 后群体', '### 1.5 万件申请']) {
      expect(loadError(`\n${heading}\n\n正文。\n`), heading).toBe('');
    }
  });

  it('rejects a run-in heading written on one line with its text (it would be printed, and listed, whole)', () => {
    const message = loadError('\n### 信息处理费。 本年度未收取信息处理费。\n');
    expect(message).toContain('report.md:8: the heading goes on after "信息处理费。": a run-in heading\'s text is written on the line after it');
    expect(message).toContain('fix: end the heading line after "。", and put "本年度未收取信息处理费。…" on the next line');
    expect(loadError('\n### 信息处理费。\n本年度未收取信息处理费。\n')).toBe('');
    // a heading that ends in 。 inside its closing quote runs in, and is listed without the 。 (a text audit)
    expect(loadError('\n# 总体情况\n\n## 坚持“公开为常态、不公开为例外。”\n全年主动公开信息120条。\n')).toBe('');
    const heading = loadReport(makeReport({ 'report.md': `${FRONT}\n# 总体情况\n\n## 坚持“公开为常态、不公开为例外。”\n全年主动公开信息120条。\n` })).blocks.find((b) => b.type === 'heading' && b.level === 2);
    expect(heading?.type === 'heading' && heading.runIn?.map((i) => i.text).join('')).toBe('全年主动公开信息120条。');
    expect(heading?.type === 'heading' && tocInlines(heading).map((i) => i.text).join('')).toBe('坚持“公开为常态、不公开为例外”');
  });

  it('names the file Notepad saved as report.md.txt (Windows hides the .txt) where report.md is missing', () => {
    const dir = makeReport({ 'report.md.txt': `${FRONT}\n正文。\n`, 'notes.md': '备忘' });
    let message = '';
    try { loadReport(dir); } catch (e) { message = (e as InputError).message; }
    expect(message).toMatch(/report\.md: report\.md not found; the folder has report\.md\.txt\n  fix: rename report\.md\.txt to report\.md \(Notepad added \.txt/);
    // no such file: the general advice
    const other = makeReport({ 'a.md': 'x', 'b.md': 'y' });
    try { loadReport(other); } catch (e) { message = (e as InputError).message; }
    expect(message).toMatch(/report\.md: report\.md not found\n  fix: every report folder needs a report\.md/);
  });

  it('refuses a file that is not UTF-8 (GBK, as Chinese Windows saves it) at its first such line', () => {
    // GBK bytes of the characters used, found by decoding every two-byte GBK code (Node encodes no GBK)
    const codes = new Map<string, number[]>();
    const gbkDecoder = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) codes.set(gbkDecoder.decode(Uint8Array.of(a, b)), [a, b]);
    const inGbk = (text: string) => Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : codes.get(c)!)));
    const dir = makeReport({});
    const messageOf = (bytes: Buffer) => {
      writeFileSync(path.join(dir, 'report.md'), bytes);
      try { loadReport(dir); } catch (e) { return (e as InputError).message; }
      return '';
    };
    expect(messageOf(inGbk(`${FRONT}\n正文。\n`))).toMatch(/report\.md:2: the file is not UTF-8 text \(saved as GBK\/ANSI\?\)\n  fix: save it as UTF-8.*iconv -f GBK -t UTF-8/);
    // a UTF-8 file with a line pasted in GBK: that line is to be typed again, not the file converted
    const mixed = Buffer.concat([Buffer.from(`${FRONT}\n正文。\n\n`), inGbk('本年度收到申请15件。\n'), Buffer.from('\n办结12件。\n')]);
    // … however much was pasted (more lines in GBK than in UTF-8)
    const most = Buffer.concat([Buffer.from(`${FRONT}\n正文。\n\n`), inGbk('本年度收到申请15件。\n\n'.repeat(6))]);
    expect(messageOf(most)).toMatch(/report\.md:10: the file is UTF-8, but lines 10, 12, 14, 16, 18, 20 are not/);
    expect(messageOf(mixed)).toMatch(/report\.md:10: the file is UTF-8, but this line is not \(text pasted from a file in another encoding, GBK\?\)\n  fix: type or paste the line again in this file \(converting the whole file, iconv -f GBK, would garble the lines that are right\)/);
    // a file cut short inside its last character (a copy that stopped) is said to be so, not GBK
    const whole = Buffer.from(`${FRONT}\n正文。\n\n办结12件`);
    expect(messageOf(whole.subarray(0, whole.length - 1))).toMatch(/report\.md:10: the file ends inside a character: it was cut short/);
    expect(messageOf(whole.subarray(0, whole.length - 2))).toMatch(/the file ends inside a character/);
    // a BOM is fine
    writeFileSync(path.join(dir, 'report.md'), `\uFEFF${FRONT}\n正文。\n`);
    expect(loadReport(dir).blocks).toHaveLength(1);
  });
});

describe('links, which a 公文 prints as text', () => {
  const textOf = (md: string) => loadReport(makeReport({ 'report.md': `${FRONT}\n${md}\n` })).blocks.map((b) => ('inlines' in b ? b.inlines.map((i) => i.text).join('') : '')).join('');
  it('print the address after the link\'s text, in brackets, unless the text is the address', () => {
    expect(textOf('详见[政府网站](https://www.example.gov.cn/a.html)。')).toBe('详见政府网站（https://www.example.gov.cn/a.html）。');
    expect(textOf('网址：[https://www.example.gov.cn/](https://www.example.gov.cn/)。')).toBe('网址：https://www.example.gov.cn/。');
    expect(textOf('邮箱：[gk@example.gov.cn](mailto:gk@example.gov.cn)。')).toBe('邮箱：gk@example.gov.cn。');
  });

  it('print an address with Chinese characters as typed, not in punycode and %-escapes (a bad-input audit); ASCII escapes stay', () => {
    expect(textOf('详见[年报专栏](http://www.郑州.gov.cn/年报/2021.html)。')).toBe('详见年报专栏（http://www.郑州.gov.cn/年报/2021.html）。');
    expect(textOf('联系[邮箱](mailto:张三@example.com)。')).toBe('联系邮箱（张三@example.com）。');
    expect(textOf('见[郑州市人民政府.政务](http://郑州市人民政府.政务)。')).toBe('见郑州市人民政府.政务。');
    expect(textOf('见[清单](https://www.example.gov.cn/a%20b.html?q=%E5%B9%B4)。')).toBe('见清单（https://www.example.gov.cn/a%20b.html?q=年）。');
    // escapes of what prints nothing or a space stay escapes; a host with a port is decoded too (a review)
    expect(textOf('见[专栏](https://www.example.gov.cn/a%C2%85b%E2%80%8Bc%E3%80%80d.html)。')).toBe('见专栏（https://www.example.gov.cn/a%C2%85b%E2%80%8Bc%E3%80%80d.html）。');
    expect(textOf('见[专栏](http://www.郑州.gov.cn:8080/)。')).toBe('见专栏（http://www.郑州.gov.cn:8080/）。');
  });
});

describe('a statistics: line naming no file', () => {
  it('names a device or a pipe at the statistics: line (a bad-input audit: the path alone)', () => {
    const message = loadError('\n正文。\n', {}, FRONT.replace(/---\n$/, 'statistics: /dev/zero\n---\n'));
    expect(message).toMatch(/report\.md:6: statistics: \/dev\/zero is not a file but a device or a pipe \(\/dev\/zero\)\n {2}fix: name the statistics file itself on this line/);
  });
});

describe('references to the statistics in the front matter', () => {
  it('are refused at their line, as the body refuses what it cannot fill in: the front matter printed {{…}} as typed (a bad-input audit)', () => {
    const front = FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府\ndoc_no: 测政〔2021〕{{t4.review_total}}号\nsignature: "{{s3_1}}"');
    const message = loadError('\n正文。\n', {}, front);
    expect(message).toMatch(/report\.md:5: field "doc_no" \([^)]*\) holds \{\{t4\.review_total\}\}, which would print as typed: references to the statistics are filled in in the body only\n {2}fix: write the figure itself here, or say it in the body/);
    expect(message).toMatch(/report\.md:6: field "signature" \([^)]*\) holds \{\{s3_1\}\}/);
  });
});

describe('letters typed with combining marks', () => {
  it('are composed into one character each, in the body and the front matter (a mark set apart was drawn over the next character: a bad-input audit)', () => {
    const report = loadReport(makeReport({ 'report.md': `${FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府\nsource: Jose\u0301')}\n外宾Jose\u0301与学者Lu\u0308来访，拼音ha\u030cn。\n` }));
    const text = report.blocks.map((b) => ('inlines' in b ? b.inlines.map((i) => i.text).join('') : '')).join('');
    expect(text).toBe('外宾José与学者Lü来访，拼音hǎn。');
    expect(text).not.toMatch(/\p{M}/u);
    expect(JSON.stringify(report.meta)).toContain('José');
    expect(reviewReport(report, openFontSet()).some((f) => f.message.includes('composed of'))).toBe(false);
  });

  it('warn of a mark no character is composed of (pinyin ê̄, n̄: drawn on its own over the next character, a rare-character audit)', () => {
    const report = loadReport(makeReport({ 'report.md': `${FRONT}\n拼音e\u0302\u0304（ê̄）和n\u0304。\n` }));
    expect(reviewReport(report, openFontSet()).filter((f) => f.message.includes('composed of'))).toMatchObject([{
      severity: 'warning', loc: { line: 8 },
      message: '"ê̄" is a letter with a mark that no character is composed of (U+0304): the mark is printed on its own, over the edge of the letter or the character after it',
      hint: 'write the letter without the mark (ê), or the word another way (拼音 without the tone, or in Chinese characters)',
    }]);
  });
});

describe('front matter and statistics mistakes', () => {
  it('refuses a line break in a field printed on one line (发布机构：示例市清河区 / 人民政府 in the PDF, a space in the DOCX: an edge audit), and keeps a title\'s lines', () => {
    const front = FRONT.replace('organ: 测试县人民政府', 'organ: "测试县\\n人民政府"\nsource: |\n  测试县人民政府\n  办公室\nindex_no: "QH-2022-\\n00015"\ncontact:\n  address: "Room 5\\nBuilding 2"\nsite: "Jose\\nSmith"');
    expect(inputMessages(catchError(() => loadChecked(makeReport({ 'report.md': `${front}\n正文。\n` }))))).toEqual([
      expect.stringMatching(/report\.md:4: field "organ" \(发布机构\) runs over 2 lines, and is printed on one: the line breaks would print as typed\n {2}fix: write it on one line: 测试县人民政府$/),
      expect.stringMatching(/report\.md:5: field "source" \(来源\) runs over 2 lines, .*\n {2}fix: write it on one line: 测试县人民政府办公室$/),
      expect.stringMatching(/report\.md:8: field "index_no" \(索引号\) runs over 2 lines, .*\n {2}fix: write it on one line: QH-2022-00015$/),
      expect.stringMatching(/report\.md:11: field "site" \(网站名称\) runs over 2 lines, .*\n {2}fix: write it on one line: Jose Smith$/),
    ]);
    // (the unprinted contact keeps its lines; the attachment's title keeps them as the title does; names
    // one a line are the editor's list, keywords one a line are keywords: a review)
    const kept = loadChecked(makeReport({ 'report.md': `${FRONT.replace(/---\n$/, 'editor: |\n  张三\n  李四\nkeywords: |\n  政府信息公开\n  年度报告\n---\n')}\n正文。\n` })).meta;
    expect([kept.editor, kept.keywords]).toEqual(['张三、李四', ['政府信息公开', '年度报告']]);
    expect(loadError('正文。\n', {}, FRONT.replace(/^title: (.*)$/m, 'title: |\n  测试县2020年\n  政府信息公开工作年度报告'))).toBe('');
  });

  it('suggests the right field inside contact', () => {
    expect(loadError('\n正文。\n', {}, FRONT.replace('---\n\n', '').replace(/---\n$/, 'contact: { emial: a@b.cn }\n---\n'))).toMatch(/unknown field "contact\.emial"\n {2}fix: did you mean "email"\?/);
  });

  it('accepts only http(s) addresses as url', () => {
    expect(loadError('\n正文。\n', {}, FRONT.replace(/---\n$/, 'url: "javascript:alert(1)"\n---\n'))).toMatch(/field "url" must be a full web address starting with http/);
  });

  it('says to write a statistics path typed with \\ (Windows) with /', () => {
    const msg = loadError('\n正文。\n', { 'statistics.yaml': 'template: gov-2014\nvalues: {}\n' }, FRONT.replace(/---\n$/, 'statistics: .\\statistics.yaml\n---\n'));
    expect(msg).toMatch(/report\.md:6: statistics file not found: .*\.\\statistics\.yaml\n {2}fix: write the path with \/ between folders, as on every system: statistics: \.\/statistics\.yaml$/);
    expect(loadError('\n正文。\n', {}, FRONT.replace(/---\n$/, 'statistics: data\\s.yaml\n---\n'))).toMatch(/statistics: data\/s\.yaml \(and check that the file is there\)$/);
  });

  it('explains that a report reads YAML statistics, not a workbook', () => {
    const msg = loadError('\n正文。\n', { 'statistics.xlsx': 'x' }, FRONT.replace(/---\n$/, 'attachment: { title: 表 }\nstatistics: statistics.xlsx\n---\n'));
    // at the statistics: line (7), with the unit's folder in the command to run
    expect(msg).toMatch(/report\.md:7: statistics: statistics\.xlsx is a workbook; a report reads its statistics from a YAML file\n {2}fix: convert the workbook once: gongwen aggregate (\S+)\/report --out \1\/report\/statistics\.yaml, then write "statistics: statistics\.yaml" on this line/);
    // a {{table}} with no statistics: named and only the workbook in the folder: the conversion to run first
    const placed = loadError('\n{{table t2}}\n', { 'statistics.xlsx': 'x' }, FRONT.replace('year: 2020', 'year: 2021'));
    expect(placed).toMatch(/\{\{table t2\}\} but the report has no statistics\n {2}fix: convert the workbook in its folder once, gongwen aggregate (\S+)\/report --out \1\/report\/statistics\.yaml, then add "statistics: statistics\.yaml" to the front matter/);
    expect(loadError('\n{{table t2}}\n', {}, FRONT.replace('year: 2020', 'year: 2021'))).toMatch(/no statistics\n {2}fix: add "statistics: statistics\.yaml" to the front matter$/);
  });

  it('warns about a form of other years and about an empty attachment', () => {
    const fonts = openFontSet();
    const stats = 'template: gov-2014\nvalues:\n  s1_1: 10\n';
    const old = loadReport(makeReport({ 'report.md': FRONT.replace('year: 2020', 'year: 2021').replace(/---\n$/, 'attachment: { title: 表 }\nstatistics: statistics.yaml\n---\n正文。\n'), 'statistics.yaml': stats }));
    expect(reviewReport(old, fonts).map((f) => f.message)).toContain('template gov-2014 is the form for report years 2014–2018, but the report is for 2021');
    const empty = loadReport(makeReport({ 'report.md': FRONT.replace(/---\n$/, 'attachment: { title: 附件甲 }\n---\n正文。\n') }));
    expect(reviewReport(empty, fonts).map((f) => f.message)).toContain('attachment "附件甲" has no content and prints as an empty page');
    // with a note: said to print it alone (it was "an empty page": a review)
    const noted = loadReport(makeReport({ 'report.md': FRONT.replace(/---\n$/, 'attachment: { title: 附件甲, note: 注：本表数据截至年底。 }\n---\n正文。\n') }));
    expect(reviewReport(noted, fonts).map((f) => f.message)).toContain('attachment "附件甲" has no table: it prints its title and its note (注：…) alone, a note on no table');
  });

  it('warns about a part of the 2021 form without its heading, and a table under another part', () => {
    const fonts = openFontSet();
    const sample = path.join(ROOT, 'content/sample-2021');
    const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
    const stats = { 'statistics.yaml': readFileSync(path.join(sample, 'statistics.yaml'), 'utf8') };
    const structure = (f: { message: string }) => /has no heading|the form places it/.test(f.message);
    // the sample itself follows the form
    expect(reviewReport(loadReport(sample), fonts).filter(structure)).toEqual([]);
    // 表二 and 表三 swapped, and part 六 left out
    const swapped = text.replace('{{table t2}}', '{{table T}}').replace('{{table t3}}', '{{table t2}}').replace('{{table T}}', '{{table t3}}')
      .replace(/\n# 其他需要报告的事项\n/, '\n');
    const found = reviewReport(loadReport(makeReport({ 'report.md': swapped, ...stats })), fonts).filter(structure);
    expect(found.map((f) => f.message)).toEqual([
      'the gov-2021 form has 6 parts; "六、其他需要报告的事项" has no heading',
      '表三 sits under "二、主动公开政府信息情况"; the form places it in part 三、收到和处理政府信息公开申请情况',
      '表二 sits under "三、收到和处理政府信息公开申请情况"; the form places it in part 二、主动公开政府信息情况',
    ]);
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
    // the missing part at the heading of the part before it (五、), not at the body's start
    const five = swapped.split('\n').findIndex((l) => l === '# 存在的主要问题及改进情况') + 1;
    expect(five).toBeGreaterThan(0);
    expect(found[0].loc.line).toBe(five);
    expect(found[1].loc.line).toBeGreaterThan(10);
    expect(found[1].hint).toBe('move {{table t3}} under "# 收到和处理政府信息公开申请情况"');
    // parts worded freely, as offices do: known by their place when there are six
    const free = text.replace('# 主动公开政府信息情况', '# 主动公开情况').replace('# 收到和处理政府信息公开申请情况', '# 依申请公开情况');
    expect(reviewReport(loadReport(makeReport({ 'report.md': free, ...stats })), fonts).filter(structure)).toEqual([]);
    const freeSwapped = free.replace('{{table t2}}', '{{table T}}').replace('{{table t3}}', '{{table t2}}').replace('{{table T}}', '{{table t3}}');
    expect(reviewReport(loadReport(makeReport({ 'report.md': freeSwapped, ...stats })), fonts).filter(structure).map((f) => f.message)).toEqual([
      '表三 sits under "二、主动公开情况" (part 二、主动公开政府信息情况); the form places it in part 三、收到和处理政府信息公开申请情况',
      '表二 sits under "三、依申请公开情况" (part 三、收到和处理政府信息公开申请情况); the form places it in part 二、主动公开政府信息情况',
    ]);
    // a part worded freely, and another left out: the freely worded one is named at its heading (newcomer)
    const renamed = text.replace('# 主动公开政府信息情况', '# 主动公开情况').replace(/\n# 其他需要报告的事项\n/, '\n');
    const named = reviewReport(loadReport(makeReport({ 'report.md': renamed, ...stats })), fonts).filter((f) => /is not read as part|has no heading/.test(f.message));
    expect(named.map((f) => [f.loc.line, f.message, f.hint])).toEqual([
      [renamed.split('\n').indexOf('# 主动公开情况') + 1, '"主动公开情况" is not read as part 二、主动公开政府信息情况 of the gov-2021 form, which has no heading', 'name it as the form does: "# 主动公开政府信息情况" (gongwen numbers it)'],
      [renamed.split('\n').indexOf('# 存在的主要问题及改进情况') + 1, 'the gov-2021 form has 6 parts; "六、其他需要报告的事项" has no heading', 'add "# 其他需要报告的事项" in its place, after the part before it (gongwen numbers it)'],
    ]);
    // a part of the 2014 reports added in part 四's place, part 六 left out: six parts, but 表四 printed
    // under 五、 and nothing said (a 2019-form audit); added with all six kept, 七 parts; 四 and 五 swapped
    const told2014 = (t: string) => reviewReport(loadReport(makeReport({ 'report.md': t, ...stats })), fonts)
      .filter((f) => /part|form/.test(f.message)).map((f) => [f.loc.line, f.message]);
    const extra = text.replace('# 政府信息公开行政复议、行政诉讼情况', '# 回应社会关注和政策解读情况\n\n本年度回应关切。\n\n# 政府信息公开行政复议、行政诉讼情况');
    const lineOf = (t: string, l: string) => t.split('\n').indexOf(l) + 1;
    const instead = extra.replace(/\n# 其他需要报告的事项\n/, '\n');
    expect(told2014(instead)).toEqual([
      [lineOf(instead, '# 存在的主要问题及改进情况'), 'the gov-2021 form has 6 parts; "六、其他需要报告的事项" has no heading'],
      [lineOf(instead, '# 回应社会关注和政策解读情况'), '"回应社会关注和政策解读情况" names none of the gov-2021 form\'s 6 parts, and stands in the place of part 四, which "政府信息公开行政复议、行政诉讼情况" names'],
    ]);
    expect(told2014(extra)).toEqual([[lineOf(extra, '# 回应社会关注和政策解读情况'),
      'the gov-2021 form has 6 parts, the report 7: "回应社会关注和政策解读情况" names none of them — gongwen numbers the parts as they come, so they are not numbered as on the form']]);
    // a part named twice: in two (四's 复议 and 诉讼), or continued (（续）) — a review; with six, said
    // as such, not as a part out of order
    const split = text.replace('# 政府信息公开行政复议、行政诉讼情况', '# 政府信息公开行政复议情况\n\n本年度复议。\n\n# 政府信息公开行政诉讼情况');
    expect(told2014(split)).toEqual([[lineOf(split, '# 政府信息公开行政诉讼情况'),
      'the gov-2021 form has 6 parts, the report 7: "政府信息公开行政诉讼情况" names part 四 again — gongwen numbers the parts as they come, so they are not numbered as on the form']]);
    const copied = text.replace('# 存在的主要问题及改进情况', '# 主动公开政府信息情况');
    expect(told2014(copied)).toEqual([
      [lineOf(copied, '# 政府信息公开行政复议、行政诉讼情况'), 'the gov-2021 form has 6 parts; "五、存在的主要问题及改进情况" has no heading'],
      [copied.split('\n').lastIndexOf('# 主动公开政府信息情况') + 1, '"主动公开政府信息情况" names part 二、主动公开政府信息情况 of the gov-2021 form again, after "主动公开政府信息情况"'],
    ]);
    const sections = text.split(/(?=^# )/m);
    const [partFour, partFive] = [sections.findIndex((p) => p.startsWith('# 政府信息公开行政复议')), sections.findIndex((p) => p.startsWith('# 存在的主要问题'))];
    [sections[partFour], sections[partFive]] = [sections[partFive]!, sections[partFour]!];
    const swappedParts = sections.join('');
    expect(told2014(swappedParts)).toEqual([[lineOf(swappedParts, '# 政府信息公开行政复议、行政诉讼情况'),
      'part 四 of the gov-2021 form, "政府信息公开行政复议、行政诉讼情况", comes after its part 五, "存在的主要问题及改进情况": gongwen numbers the parts as they come']]);
    // two parts missing around one such heading: which it stands for cannot be told, so neither is said of it (review)
    const two = text.replace('# 主动公开政府信息情况', '# 工作情况').replace(/\n# 收到和处理政府信息公开申请情况\n/, '\n');
    const told = reviewReport(loadReport(makeReport({ 'report.md': two, ...stats })), fonts).filter((f) => /is not read as part|has no heading/.test(f.message));
    expect(told.map((f) => f.message)).toEqual([
      'the gov-2021 form has 6 parts; "二、主动公开政府信息情况" has no heading',
      'the gov-2021 form has 6 parts; "三、收到和处理政府信息公开申请情况" has no heading',
    ]);
  });

  it('prints the 附件说明 once: a title typed with its label loses it, a body line or heading that repeats it is warned of, and the attachment\'s title is held to the year (a 2014-form trial)', async () => {
    const fonts = openFontSet();
    const text = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
    const stats = { 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') };
    const title = '2017年商丘市政府信息公开工作情况统计表';
    // the label typed in the title: 附件：附件：… had been printed under the body
    for (const typed of [`附件：${title}`, `附件1: ${title}`, `附表：${title}`, `附件一：${title}`, `附件 ${title}`, `附件1 ${title}`]) {
      const report = loadReport(makeReport({ 'report.md': text.replace(`title: ${title}`, `title: "${typed}"`), ...stats }));
      expect(report.attachments[0]!.title, typed).toBe(title);
    }
    // the label alone is no name (it printed 附件：附件：, a review)
    expect(() => loadReport(makeReport({ 'report.md': text.replace(`title: ${title}`, 'title: 附件：'), ...stats }))).toThrow(/report\.md:\d+: attachment\.title \(附件名称\) "附件：" is only the attachment's label, which gongwen prints before the title\n {2}fix: write the attachment's name: title: 2017年XX政府信息公开工作情况统计表/);
    const labelled = makeReport({ 'report.md': text.replace(`title: ${title}`, `title: 附件：${title}`), ...stats }, 'attachment-label');
    const { pages } = await readPdf((await buildReport(labelled, { fonts, formats: ['pdf'] })).outputs.pdf!);
    const all = pages.flatMap((p) => p.items.map((i) => i.str)).join('').replace(/\s/g, '');
    expect(all.match(/附件：/g)).toHaveLength(1);
    // the line a Word draft ends with, and a heading that names the attachment
    const lines = text.replace('# 附表', `# 附表\n\n附件：${title}`);
    const line = lines.split('\n').indexOf(`附件：${title}`) + 1;
    expect(reviewReport(loadReport(makeReport({ 'report.md': lines, ...stats })), fonts).filter((f) => f.message.includes('附件说明'))).toMatchObject([{
      severity: 'warning', loc: { line },
      message: `the line "附件：2017年商丘市政府信息公开工作情况统计表" prints the 附件说明 a second time: gongwen prints "附件：${title}" under the body, from attachment:`,
      hint: 'remove the line',
    }]);
    const heading = text.replace('# 附表', `# 附件：${title}`);
    expect(reviewReport(loadReport(makeReport({ 'report.md': heading, ...stats })), fonts).filter((f) => f.message.includes('附件说明')).map((f) => f.hint)).toEqual(['remove the heading, or name it 附表 or 附件 alone']);
    // the sample's own heading 附表, over the attachment as published, is none
    expect(reviewReport(loadReport(SAMPLE), fonts).some((f) => f.message.includes('附件说明'))).toBe(false);
    // last year's attachment title
    const stale = reviewReport(loadReport(makeReport({ 'report.md': text.replace(`title: ${title}`, 'title: 2016年商丘市政府信息公开工作情况统计表'), ...stats })), fonts);
    expect(stale.filter((f) => f.message.includes('says 2016年'))).toMatchObject([{ severity: 'warning', message: 'the attachment\'s title says 2016年, but the report is on 2017 (year: 2017)' }]);
  });

  it('tells of a 附件说明 or a 详见附件 with no attachment, a part\'s heading typed a level low, headings of two levels side by side, and paragraphs opening with last year (a 2019-form trial)', () => {
    const fonts = openFontSet();
    const sample = path.join(ROOT, 'content/sample-2021');
    const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
    const stats = { 'statistics.yaml': readFileSync(path.join(sample, 'statistics.yaml'), 'utf8') };
    const review = (body: string) => reviewReport(loadReport(makeReport({ 'report.md': body, ...stats })), fonts);
    const at = (body: string, line: string) => body.split('\n').indexOf(line) + 1;
    // the Word draft's last lines kept, the report having no attachment: printed under the body as typed
    const note = text.replace('# 其他需要报告的事项\n', '# 其他需要报告的事项\n\n本年度统计数据详见附件2。\n\n附件：1.示例市清河区2021年政府信息公开工作情况统计表\n　　　2.示例市清河区政府信息公开申请办理流程图\n');
    const told = review(note);
    expect(told.filter((f) => /attachment/.test(f.message))).toMatchObject([
      { severity: 'warning', loc: { line: at(note, '本年度统计数据详见附件2。') }, message: '"…详见附件2…" refers to 附件2, but the report has no attachment' },
      { severity: 'warning', loc: { line: at(note, '附件：1.示例市清河区2021年政府信息公开工作情况统计表') }, message: 'the line "附件：1.示例市清河区2021年政府信息公开工作情况统计表" names an attachment, but the report has none: it is printed as typed, with no attachment after it' },
    ]);
    // its second attachment is no heading typed without #
    expect(told.some((f) => f.message.includes('typed without #'))).toBe(false);
    expect(review(text).some((f) => /attachment|typed without/.test(f.message))).toBe(false);
    // a web site's 附件下载专区, another document's attachment, 意见附件: none (a review)
    const others = text.replace('# 其他需要报告的事项\n', '# 其他需要报告的事项\n\n收费标准详见附件下载专区。按照市政府办公室《关于做好政务公开工作的通知》的要求（其中考核细则参见附件3），逐项落实。征求意见附件已公开。\n');
    expect(review(others).some((f) => /attachment/.test(f.message))).toBe(false);
    // a part's heading typed as ##: said at it, not "add # …", which would print the part twice
    // (a ## with a part's words elsewhere is none: # 总体情况 left out, ## 申请办理总体情况 under 三, a review)
    const elsewhere = text.replace('# 总体情况\n', '').replace('# 收到和处理政府信息公开申请情况\n', '# 收到和处理政府信息公开申请情况\n\n## 申请办理总体情况\n\n正文。\n');
    expect(review(elsewhere).filter((f) => /总体情况/.test(f.message)).map((f) => f.message)).toEqual(['the gov-2021 form has 6 parts; "一、总体情况" has no heading']);
    const low = text.replace('# 主动公开政府信息情况\n', '## 主动公开政府信息情况\n');
    expect(review(low).filter((f) => /主动公开政府信息情况"/.test(f.message)).map((f) => [f.loc.line, f.message, f.hint])).toEqual([[
      at(low, '## 主动公开政府信息情况'),
      '"（六）主动公开政府信息情况" names part 二、主动公开政府信息情况 of the gov-2021 form, but is a ## heading: it is printed inside the part before it',
      'write it as "# 主动公开政府信息情况" (a part\'s heading is a #; gongwen numbers it)',
    ]]);
    // ### typed for ##: 1.主动公开 and then （一）依申请公开 in one part; a level skipped alone is allowed
    const deep = text.replace('## 主动公开\n', '### 主动公开\n');
    expect(review(deep).filter((f) => f.message.includes('side by side')).map((f) => [f.loc.line, f.message, f.hint])).toEqual([[
      at(deep, '### 主动公开'),
      '"1.主动公开" and "（一）依申请公开" stand side by side under "一、总体情况", numbered at two levels: the first is a ### heading, the second a ##',
      'write it as "## 主动公开" (gongwen numbers it with the heading after it)',
    ]]);
    const skipped = text.replace(/^## (主动公开|依申请公开|政府信息管理|平台建设|监督保障)$/gm, '### $1');
    expect(review(skipped).some((f) => f.message.includes('side by side'))).toBe(false);
    // last year's sentences kept (the lead-ins of the tables among them); a plan's year, a date and a comparison are none
    // (本年度, 今年, 同比 name the report's year: a review)
    const stale = text.replace('2021年，本机关主动公开政府信息情况如下：', '2020年，本机关主动公开政府信息情况如下：')
      .replace('2021年，区政府承办', '2022年，区政府将继续承办') + '\n2020年5月，区政府印发了政务公开工作方案。\n\n2020年，收到申请98件；2021年，收到申请120件。\n'
      + '\n2020年，收到申请228件，本年度收到271件，同比增长18.9%。\n\n2020年，年报中指出的问题已于今年全部整改到位。\n';
    // a figure from the statistics with the other count's unit: printed so, and its share went unchecked
    // (another figure ending in the same digits, 16条 beside {{…}}件 of 6, is none: a review)
    const natural = loadReport(sample).statistics!.values['t3.new_received.natural'];
    const digits = text.replace('自然人申请{{t3.new_received.natural}}件', `自然人申请{{t3.new_received.natural}}件，另有咨询1${natural}条`);
    expect(review(digits).some((f) => f.message.includes('counts in'))).toBe(false);
    const unit = text.replace('自然人申请{{t3.new_received.natural}}件', '自然人申请{{t3.new_received.natural}}条');
    expect(unit).not.toBe(text);
    expect(review(unit).filter((f) => f.message.includes('counts in'))).toMatchObject([{
      severity: 'warning', loc: { line: at(unit, unit.split('\n').find((l) => l.includes('{{t3.new_received.natural}}条'))!) },
      message: expect.stringMatching(/^"\d+条": \d+ is \{\{t3\.new_received\.natural\}\} \(表三 一、本年新收政府信息公开申请数量 \/ 自然人\), which the form counts in 件$/),
    }]);
    expect(review(text).some((f) => f.message.includes('counts in'))).toBe(false);
    expect(review(stale).filter((f) => f.message.includes('opens with')).map((f) => [f.loc.line, f.message])).toEqual([[
      at(stale, '2020年，本机关主动公开政府信息情况如下：'),
      '"2020年，本机关主动公开政府信…" opens with 2020年, the year before the report\'s (year: 2021), and names 2021年 nowhere: a sentence left from last year\'s report?',
    ]]);
  });

  it('warns about a title whose year is not the report\'s, and a report on a form\'s year without statistics (and then its parts)', () => {
    const fonts = openFontSet();
    const sample = path.join(ROOT, 'content/sample-2021');
    const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
    const stats = { 'statistics.yaml': readFileSync(path.join(sample, 'statistics.yaml'), 'utf8') };
    // last year's file copied: its title keeps 2020
    const copied = reviewReport(loadReport(makeReport({ 'report.md': text.replace(/^title: (.*)2021年/m, 'title: $12020年'), ...stats })), fonts);
    expect(copied.filter((f) => f.message.includes('the title says'))).toMatchObject([{ severity: 'warning', loc: { line: 7 }, message: 'the title says 2020年, but the report is on 2021 (year: 2021)' }]);
    expect(reviewReport(loadReport(sample), fonts).some((f) => f.message.includes('the title says'))).toBe(false);
    // a title that names another year besides its own
    const other = text.replace(/^title: (.*)$/m, 'title: 关于贯彻落实2020年部署的示例市清河区2021年政府信息公开工作年度报告');
    expect(reviewReport(loadReport(makeReport({ 'report.md': other, ...stats })), fonts).some((f) => f.message.includes('the title says'))).toBe(false);
    // no statistics at all: one warning; with parts of its own, they are held to the form's six
    const bare = reviewReport(loadReport(makeReport({ 'report.md': FRONT + '正文。\n' })), fonts).map((f) => f.message);
    expect(bare).toEqual(['a 2020 report carries the statistics of the gov-2019 form (表二, 表三, 表四), and this one names no statistics file']);
    const parted = reviewReport(loadReport(makeReport({ 'report.md': FRONT + '# 总体情况\n\n正文。\n' })), fonts).map((f) => f.message);
    expect(parted).toContain('the gov-2019 form has 6 parts; "二、主动公开政府信息情况" has no heading');
    // a year before the national forms (2014) expects none
    expect(reviewReport(loadReport(makeReport({ 'report.md': FRONT_BEFORE_FORMS + '正文。\n' })), fonts)).toEqual([]);
  });

  it('gives the front matter\'s printed fields the body\'s punctuation, and a 文号\'s year its 六角括号', () => {
    const front = FRONT.replace('organ: 测试县人民政府', 'organ: 测试县农业农村局(测试县乡村振兴局)\nsource: 测试县农业农村局,测试县乡村振兴局\neditor: 张伟;李娜\ndoc_no: 测农[2021]3号\nindex_no: 000014349/2021-00012');
    const { meta } = loadReport(makeReport({ 'report.md': `${front}\n正文。\n` }));
    expect(meta.organ).toBe('测试县农业农村局（测试县乡村振兴局）');
    expect(meta.source).toBe('测试县农业农村局，测试县乡村振兴局');
    expect(meta.editor).toBe('张伟；李娜');
    expect(meta.docNo).toBe('测农〔2021〕3号');
    expect(meta.indexNo).toBe('000014349/2021-00012'); // a code: as typed
    for (const typed of ['测农【2021】3号', '测农（2021）3号', '测农〔2021〕3号', '测农﹝2021﹞3号', '测农 [2021] 3号', '测农（２０２１）３号']) {
      expect(loadReport(makeReport({ 'report.md': `${FRONT.replace('organ: 测试县人民政府', `organ: 测试县人民政府\ndoc_no: ${typed}`)}\n正文。\n` })).meta.docNo).toBe('测农〔2021〕3号');
    }
  });

  it('reports a reference to an empty cell with every other check\'s findings, and names a workbook saved since as its likely cause (a 2014-form trial: it hid them)', async () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
    // 现行有效 left empty (the text refers to it); 新收申请 total one over its parts
    const stats = readFileSync(path.join(sample, 'statistics.yaml'), 'utf8').replace('valid: 31', 'valid: ').replace('other_org: 4, total: 271', 'other_org: 4, total: 272');
    const dir = makeReport({ 'report.md': text, 'statistics.yaml': stats }, 'ref-and-sum');
    const line = text.split('\n').findIndex((l) => l.includes('{{t2.normative_documents.valid}}')) + 1;
    const e = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] }).then(() => undefined, (x: unknown) => x as FindingErrors);
    expect(e).toBeInstanceOf(FindingErrors);
    // (the form's balance of 表三, an error of its own, with it: it was hidden too)
    expect(inputMessages(e)).toEqual([
      expect.stringMatching(new RegExp(`report\\.md:${line}: \\{\\{t2\\.normative_documents\\.valid\\}\\} \\(.*\\) is empty in .*\\n  fix: fill in the figure, or write the text without the reference$`)),
      expect.stringMatching(/statistics\.yaml:16: .* = 282, but .* = 281 \(a difference of 1\)/),
    ]);
    expect(e!.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/add up to 271, the total says 272/));
    // check says both, exits 2 and writes nothing; a build writes nothing
    const checked = run('check', dir);
    expect(checked.code).toBe(2);
    expect(checked.err).toMatch(/error: .*is empty in[\s\S]*warning: .*the total says 272/);
    const out = tmp();
    expect(run('build', dir, '--out', out).code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
    // a workbook saved after the YAML file: the fix names it
    writeFileSync(path.join(dir, 'statistics.xlsx'), 'PK');
    utimesSync(path.join(dir, 'statistics.xlsx'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const waiting = inputMessages(await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] }).catch((x: unknown) => x));
    expect(waiting[0]).toMatch(/is empty in .*\n  fix: .*statistics\.xlsx, saved after .*statistics\.yaml, may hold it: convert it \(see the warning on .*\), or fill in the figure$/);
  });

  it('says first that statistics are on another year\'s form, where that form\'s rows or cells fail', () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const text = readFileSync(path.join(sample, 'report.md'), 'utf8');
    const stats = readFileSync(path.join(sample, 'statistics.yaml'), 'utf8');
    // the 2021 figures under template: gov-2019 (its columns differ): the template line, then the rows
    const rows = inputMessages(catchError(() => loadChecked(makeReport({ 'report.md': text, 'statistics.yaml': stats.replace('template: gov-2021', 'template: gov-2019') }))));
    expect(rows[0]).toMatch(/statistics\.yaml:\d+: template: gov-2019 — gov-2019 is the form for report years 2019–2020, and this report is on 2021: its form is gov-2021/);
    expect(rows[0]).toContain('fix: write the statistics on gov-2021: gongwen new <folder> --year 2021 writes an empty file of it');
    // (said to be gov-2021's, with this form's columns: a 2019-form audit)
    expect(rows[1]).toMatch(/unknown column of t2\.regulations: "made"\n {2}fix: "made" is gov-2021's \(the form for 2021 on\), and this file is on gov-2019 \(the form for 2019–2020\): write this form's column \(new_made, new_published, total_published\), or correct template: if the figures are on gov-2021/);
    // a reference to a cell the other form lacks: its fix says why, not "did you mean"
    const gov2019 = 'template: gov-2019\ntables:\n  t2:\n    regulations: {new_made: 1}\n';
    const refs = inputMessages(catchError(() => loadChecked(makeReport({ 'report.md': FRONT.replace(/2020/g, '2022').replace('2021-01-15', '2023-01-15').replace('---\n', '---\nstatistics: statistics.yaml\n') + '\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n\n有效{{t2.normative_documents.valid}}件，制作{{t2.normative_documents.made}}件。\n', 'statistics.yaml': gov2019 }))));
    expect(refs.join('\n')).toMatch(/\{\{t2\.normative_documents\.valid\}\} is not a cell of template gov-2019\n  fix: gov-2019 is the form for report years 2019–2020, and this report is on 2022: its form is gov-2021/);
    // every such reference, not the first alone: a guess of the other form's cell swapped 现行有效 for 本年新制作 (a review)
    expect(refs.join('\n')).toMatch(/\{\{t2\.normative_documents\.made\}\} is not a cell of template gov-2019\n  fix: a cell of gov-2021, this report's form, and the statistics are on gov-2019: see the first such reference/);
    expect(refs.join('\n')).not.toContain('did you mean');
  });

  it('warns of toc: in a report without headings, and prints no empty 目录', async () => {
    const fonts = openFontSet();
    const dir = makeReport({ 'report.md': FRONT_BEFORE_FORMS.replace('---\n', '---\ntoc: true\n') + '\n正文。\n' });
    const found = reviewReport(loadReport(dir), fonts);
    expect(found).toMatchObject([{ severity: 'warning', loc: { line: 2 }, message: 'toc: lists headings, and the report has none: no table of contents is printed' }]);
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
    expect((await readPdf(outputs.pdf!)).pages.flatMap((p) => p.items.map((i) => i.str)).join('')).not.toContain('目录');
    expect(docxParts(outputs.docx!)['word/document.xml']).not.toContain('TOC \\o');
    // toc: 1 over a report with only ## headings: none of its levels either
    const deep = makeReport({ 'report.md': FRONT_BEFORE_FORMS.replace('---\n', '---\ntoc: 1\n') + '\n## 小标题\n\n正文。\n' });
    expect(reviewReport(loadReport(deep), fonts).map((f) => f.message)).toContain('toc: lists headings of levels 1–1, and the report has none: no table of contents is printed');
  });

  it('warns about a report published before the end of its year', () => {
    const fonts = openFontSet();
    const early = loadReport(makeReport({ 'report.md': FRONT.replace('published: 2021-01-15', 'published: 2020-01-15') + '正文。\n' }));
    const found = reviewReport(early, fonts).find((f) => f.message.includes('before the end'));
    expect(found).toMatchObject({ severity: 'warning', loc: { line: 5 }, message: 'published 2020-01-15 is before the end of 2020, the year the report covers' });
    expect(reviewReport(loadReport(makeReport({ 'report.md': FRONT + '正文。\n' })), fonts).some((f) => f.message.includes('before the end'))).toBe(false);
  });

  it('warns about a report published two years on (a folder copied forward), not one a few months late (a 2019-form audit)', () => {
    const fonts = openFontSet();
    const late = (day: string) => reviewReport(loadReport(makeReport({ 'report.md': FRONT.replace('published: 2021-01-15', `published: ${day}`) + '正文。\n' })), fonts).filter((f) => f.message.includes('deadline'));
    expect(late('2022-01-20')).toMatchObject([{ severity: 'warning', loc: { line: 5 }, message: 'published 2022-01-20 is in 2022, 2 years after the year the report covers, 2020; its deadline was 31 March 2021 (条例 第四十九条, a 人民政府\'s own report)' }]);
    expect(late('2021-05-20')).toEqual([]);
  });

  it('warns about a statistics.yaml in the folder that the front matter does not name', () => {
    const fonts = openFontSet();
    const files = { 'report.md': FRONT + '正文。\n', 'statistics.yaml': 'template: gov-2014\nvalues:\n  s1_1: 10\n' };
    const found = reviewReport(loadReport(makeReport(files)), fonts).find((f) => f.message.includes('statistics.yaml'));
    expect(found).toMatchObject({ severity: 'warning', loc: { line: 1 }, hint: 'add "statistics: statistics.yaml" to the front matter' });
    expect(found!.loc.file).toMatch(/report\.md$/);
    const named = { ...files, 'report.md': FRONT.replace(/---\n$/, 'attachment: { title: 表 }\nstatistics: statistics.yaml\n---\n') + '正文。\n' };
    expect(reviewReport(loadReport(makeReport(named)), fonts).some((f) => f.message.includes('does not name'))).toBe(false);
  });

  it('reports an alias without its anchor (editor: *张三) at its line, not as an internal error', () => {
    const message = loadError('\n正文。\n', {}, FRONT.replace('published: 2021-01-15', 'published: 2021-01-15\neditor: *张三'));
    expect(message).toMatch(/report\.md:6: YAML: Unresolved alias/);
    expect(message).toContain('put the value in quotes');
    // aliases that multiply: at the first of them, in words (was line 2 and the library's "attack")
    const laughs = ['x: &a [l, l, l, l, l, l, l, l, l]', ...'bcdefg'.split('').map((c, k) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[k]}`).join(', ')}]`)].join('\n');
    const bomb = loadError('\n正文。\n', {}, FRONT.replace('published: 2021-01-15', `published: 2021-01-15\n${laughs}`));
    expect(bomb).toMatch(/report\.md:7: the YAML refers to its anchors \(\*name\) so often that its values would grow without end\n {2}fix: write each value out/);
  });

  it('reports a character no font has once, with how many places have it', () => {
    const fonts = openFontSet();
    const r = loadReport(makeReport({ 'report.md': `${FRONT}\n😀一。\n\n😀二。\n\n😀三。\n` }));
    const glyphs = reviewReport(r, fonts).filter((f) => f.message.includes('U+1F600'));
    expect(glyphs.map((f) => f.message)).toEqual(['character "😀" (U+1F600) is in no configured font (and 2 more places)']);
  });
});

describe('lines in messages', () => {
  it('names the front-matter line of a character no font has, and the row of a table cell', () => {
    const fonts = openFontSet();
    const r = loadReport(makeReport({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 测试县😀政府') + '\n正文。\n' }));
    expect(reviewReport(r, fonts).find((f) => f.message.includes('U+1F600'))!.loc.line).toBe(4);
    expect(loadError('\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n| 3 | <b>x</b> |\n')).toMatch(/report\.md:11: HTML cannot be printed/);
  });

  it('reports a SOURCE_DATE_EPOCH out of range', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', SAMPLE, '--out', tmp()], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '99999999999999' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH: 99999999999999 seconds is outside the dates a document can carry');
  });
});

describe('command-line mistakes', () => {
  it('refuses an --out that is a file, or under one, once and before any report is laid out (a batch said it for each report: a CLI audit)', () => {
    const file = path.join(tmp(), 'not-a-folder');
    writeFileSync(file, 'x');
    const r = run('build', SAMPLE, '--out', file, '--format', 'docx');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: --out \S*not-a-folder: it is a file, not a folder; give --out a folder/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const batch = run('build', SAMPLE, path.join(ROOT, 'content/sample-2021'), '--out', path.join(file, 'out'));
    expect(batch.code).toBe(2);
    expect(batch.err.match(/is a file, not a folder/g)).toHaveLength(1);
    expect(batch.err).toContain(`${file} is a file, not a folder`);
  });

  it('refuses two folders of the same name, which would overwrite each other', () => {
    const a = makeReport({ 'report.md': `${FRONT}\n甲。\n` }, 'unit');
    const b = makeReport({ 'report.md': `${FRONT}\n乙。\n` }, 'unit');
    const r = run('build', a, b, '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('would all be written as unit.pdf/.docx');
    // the same folder twice is built once
    const out = tmp();
    const twice = run('build', a, `${a}/`, '--out', out, '--format', 'docx');
    expect(twice.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.gongwen', 'unit.docx']);
  });

  it('reports a broken gongwen.yaml and a font file that is not a font, without a stack trace', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.yaml'), 'fonts: [\n');
    const y = run('build', SAMPLE, '--config', path.join(dir, 'bad.yaml'), '--out', dir);
    expect(y.code).toBe(2);
    expect(y.err).toMatch(/bad\.yaml:\d+: YAML syntax error/);
    writeFileSync(path.join(dir, 'font.yaml'), 'fonts:\n  fang: { file: font.yaml }\n');
    const f = run('build', SAMPLE, '--config', path.join(dir, 'font.yaml'), '--out', dir);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/font\.yaml:2: the font file of role "fang", .*font\.yaml, cannot be used as a font/);
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'font.yaml']);
  });

  /** A face with 40 zero bytes in the middle of the outline of 的, which ends in endchar all the same. */
  const zeroedInside = (file: string) => {
    const data = Buffer.from(readFileSync(path.join(ROOT, file)));
    const font = fontkit.create(data) as unknown as { glyphForCodePoint(c: number): { id: number }; 'CFF ': { topDict: { CharStrings: { offset: number; length: number }[] } } };
    const at = font['CFF '].topDict.CharStrings[font.glyphForCodePoint(0x7684).id]!;
    data.fill(0, at.offset + (at.length >> 1) - 20, at.offset + (at.length >> 1) + 20);
    return data;
  };
  const notoZeroed = () => {
    const noto = Buffer.from(readFileSync(path.join(ROOT, 'fonts/NotoSerifCJKsc-Regular.otf')));
    noto.fill(0, 4 << 20, 14 << 20);
    return noto;
  };

  it('reports a damaged font file (cut short, or overwritten in its outlines) when it is opened, not as an internal error', () => {
    const dir = tmp();
    const font = readFileSync(path.join(ROOT, 'fonts/FandolFang-Regular.otf'));
    const cff = tableRange(font, 'CFF ');
    const scrambled = Buffer.from(font);
    scrambled.fill(0xff, cff.offset + 200, cff.offset + 4000); // the CFF table's INDEXes
    // zeros or random bytes over outlines in the middle of the file, whose last glyph reads as
    // whole: blanks in the PDF, exit 0 (adversarial audit) — now an error when a report embeds one
    const zeroed = Buffer.from(font);
    zeroed.fill(0, 1 << 20, 5 << 20);
    const random = Buffer.from(font);
    let seed = 7;
    for (let i = 2 << 20; i < 3 << 20; i++) random[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const cases: [string, Buffer, RegExp][] = [
      ['cut.otf', font.subarray(0, cff.offset + (cff.length >> 1)), /cut\.otf: is damaged: the file ends before its tables do/],
      ['scrambled.otf', scrambled, /scrambled\.otf: is damaged: its CFF outlines cannot be read/],
      ['zeroed.otf', zeroed, /zeroed\.otf: is damaged: the outline of its glyph \d+ cannot be read \(the file was overwritten in places, or cut short\)/],
      ['random.otf', random, /random\.otf: is damaged: the outline of its glyph \d+ cannot be read/],
      // a face with subroutines (the fallback face, most commercial fonts), whose outlines are
      // flattened: zeros flattened to an empty outline without a word (review)
      ['noto-zeroed.otf', notoZeroed(), /noto-zeroed\.otf: is damaged: the outline of its glyph \d+ cannot be read/],
      // zeros inside one outline that still ends in endchar: a mangled glyph (Fandol), an internal
      // error of fontkit's (the fallback face, with subroutines: review)
      ['fang-inside.otf', zeroedInside('fonts/FandolFang-Regular.otf'), /fang-inside\.otf: is damaged: the outline of its glyph \d+ cannot be read/],
      ['noto-inside.otf', zeroedInside('fonts/NotoSerifCJKsc-Regular.otf'), /noto-inside\.otf: is damaged: the outline of its glyph \d+ cannot be read/],
    ];
    // (another file in the package's own fonts/ folder, named in gongwen.yaml, is read through
    // as any office's font is: review)
    const inFonts = path.join(ROOT, 'fonts', `gongwen-test-${process.pid}-inside.otf`);
    writeFileSync(inFonts, zeroedInside('fonts/FandolFang-Regular.otf'));
    try {
      writeFileSync(path.join(dir, 'in-fonts.yaml'), `fonts:\n  fang: { file: ${inFonts}, name: 仿宋 }\n`);
      const r = run('build', SAMPLE, '--config', path.join(dir, 'in-fonts.yaml'), '--out', path.join(dir, 'out-in-fonts'));
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`${inFonts}: is damaged: the outline of its glyph`);
    } finally {
      unlinkSync(inFonts);
    }
    for (const [name, bytes, message] of cases) {
      writeFileSync(path.join(dir, name), bytes);
      writeFileSync(path.join(dir, 'fonts.yaml'), `fonts:\n  fang: { file: ${name}, name: 仿宋 }\n`);
      const r = run('build', SAMPLE, '--config', path.join(dir, 'fonts.yaml'), '--out', path.join(dir, 'out'));
      expect(r.code, name).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain('fix: copy the font file again from its source');
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
      expect(readdirSync(dir)).not.toContain('out');
    }
  });

  it('rejects an empty --format, build-only options on check, and --watch on a missing folder', () => {
    expect(run('build', SAMPLE, '--format', ',').err).toContain('--format needs at least one of: pdf, docx');
    const c = run('check', SAMPLE, '--format', 'pdf');
    expect(c.code).toBe(2);
    expect(c.err).toContain('--format belongs to build, not check');
    const w = run('build', '/nonexistent/report', '--watch');
    expect(w.code).toBe(2);
    expect(w.err).toContain('/nonexistent/report: no such folder');
    const file = path.join(tmp(), 'plain.txt');
    writeFileSync(file, 'x');
    expect(run('check', file).err).toContain('plain.txt: not a report folder');
  });
});
