import { describe, expect, it } from 'vitest';
import { readReport } from '../src/read/report.js';
import { inputMessages } from './helpers/errors.js';
import { FRONT, makeReport } from './helpers/fixtures.js';

/** Read a report expected to be invalid; return the error messages. */
function errorsOf(files: Record<string, string>, name?: string): string[] {
  const dir = makeReport(files, name);
  try {
    readReport(dir);
  } catch (e) {
    return inputMessages(e);
  }
  throw new Error('expected an input error');
}

describe('front matter validation', () => {
  const withFields = (lines: string) => ({ 'report.md': FRONT.replace(/---\n$/, `${lines}\n---\n正文\n`) });

  it('reads every optional field, trimmed, with defaults for keywords and toc', () => {
    const r = readReport(makeReport(withFields([
      'source: " 测试县政府办公室 "', 'site: 测试县人民政府网', 'index_no: "000000-2021-0001"', 'keywords: [政府信息公开, 年度报告]',
      'contact:', '  email: a@example.gov.cn', '  postcode: "000000"', 'url: https://www.example.gov.cn/a.html', 'toc: true',
    ].join('\n'))));
    expect(r.meta.source).toBe('测试县政府办公室');
    expect(r.meta.indexNo).toBe('000000-2021-0001');
    expect(r.meta.keywords).toEqual(['政府信息公开', '年度报告']);
    expect(r.meta.contact).toEqual({ email: 'a@example.gov.cn', postcode: '000000' });
    expect(r.meta.url).toBe('https://www.example.gov.cn/a.html');
    expect(r.meta.toc).toBe(4); // true: all four heading levels
    // keywords typed with a Chinese input method: ，、； between them inside [ ], or one line of text
    for (const typed of ['[政府信息公开，年度报告、 政务公开]', '政府信息公开，年度报告, 政务公开', '[政府信息公开；年度报告, 政务公开]']) {
      expect(readReport(makeReport(withFields(`keywords: ${typed}`))).meta.keywords, typed).toEqual(['政府信息公开', '年度报告', '政务公开']);
    }
    // items in one column, and " - " inside a "name: |" field's text or an item, are read as typed
    expect(readReport(makeReport(withFields('keywords:\n  - 年报\n  - 公开 - 统计'))).meta.keywords).toEqual(['年报', '公开 - 统计']);
    // (a folded scalar's more-indented line keeps its line break, as YAML reads it: one line asked for)
    expect(() => readReport(makeReport(withFields('source: >\n  测试县 - 办公室\n   - 信息公开科')))).toThrow(/field "source" \(来源\) runs over 2 lines, .*\n {2}fix: write it on one line: 测试县 - 办公室- 信息公开科$/);
    const plain = readReport(makeReport({ 'report.md': `${FRONT}\n正文。\n` }));
    expect(plain.meta.keywords).toEqual([]);
    expect(plain.meta.toc).toBe(0);
  });

  it.each([
    ['url: ftp://example.gov.cn/a', /:6: field "url" must be a full web address starting with http/],
    ['url: 政府网站', /:6: field "url" must be a full web address/],
    ['url: www.example.gov.cn/a.html', /:6: field "url" must be a full web address.*\n  fix: write the address as the browser shows it: url: https:\/\/www\.example\.gov\.cn\/a\.html/],
    [`url: https://www.example.gov.cn/a.html?q=${'x'.repeat(2400)}`, /:6: field "url" is too long for its QR code: 2\d{3} bytes, a QR code holds 2331\n  fix: give the address of the page without its query/],
    ['toc: yes please', /:6: field "toc" \(目录\) must be true, false, or the heading levels to list, 1 to 4/],
    ['keywords: {年报: 1}', /:6: field "keywords" must be a list.*\n  fix: put the keywords in \[ \] separated by commas/],
    ['keywords: [年报, 12]', /:6: field "keywords" \(its item 2\): each keyword is read as the number 12/],
    ['source:', /:6: field "source" \(来源\) must not be empty\n  fix: write the text after the colon and a space/],
    ['source: [市政府]', /:6: field "source" \(来源\) must be text\n  fix: write it on one line/],
    ['editor: "  "', /:6: field "editor" \(责任编辑\) must not be empty/],
    ['contact: 办公室', /:6: field "contact" must be a mapping of fields \(organ, address, postcode, phone, email\)/],
    ['contact:\n  emial: a@example.gov.cn', /:7: unknown field "contact.emial".*did you mean "email"\?/s],
    ['attachment:\n  name: 统计表', /unknown field "attachment.name"/],
    // (YAML reads an item a space further right as more text of the item above: one keyword "年报 - 公开")
    ['keywords:\n  - 年报\n   - 公开   # 第二个\n  - 统计', /:8: "- 公开" is indented more than the list item above it \("- 年报"\), so YAML reads it as more text of that item.*\n  fix: start its - in the column of the - above it \(2 spaces before it\)/],
    ['keywords:\n- 年报\n  - 公开', /:8: "- 公开" is indented more.*\n  fix: .*\(0 spaces before it\)/],
  ])('refuses %s with file, line and what it takes', (lines, pattern) => {
    const msgs = errorsOf(withFields(lines));
    expect(msgs.join('\n')).toMatch(pattern);
  });

  it('says to write the year alone in ASCII digits', () => {
    for (const y of ['2020年', '２０２０', '"2020"', '2O2O', '2o20年']) {
      expect(errorsOf({ 'report.md': FRONT.replace('year: 2020', `year: ${y}`) })[0], y)
        .toMatch(/:3: field "year" \(报告年度\) must be a number such as 2017\n  fix: write the year alone in ASCII digits, without 年 or quotes: year: 2020/);
    }
  });

  it('refuses a year outside 2008–2100 and a fractional one', () => {
    expect(errorsOf({ 'report.md': FRONT.replace('year: 2020', 'year: 1999') })[0]).toMatch(/:3: field "year" \(报告年度\) 1999 must be a whole number from 2008 to 2100/);
    // (400 digits, Infinity to YAML, was printed as "Infinity": a bad-input audit)
    expect(errorsOf({ 'report.md': FRONT.replace('year: 2020', `year: ${'2'.repeat(400)}`) })[0]).toMatch(/:3: field "year" \(报告年度\) is no number YAML can hold \(too many digits, or \.inf\), and must be a whole number from 2008 to 2100/);
    expect(errorsOf({ 'report.md': FRONT.replace('year: 2020', 'year: 2020.5') })[0]).toMatch(/:3: field "year"/);
  });

  it('refuses empty front matter, and front matter that is not a mapping, saying what to write', () => {
    const msgs = errorsOf({ 'report.md': '---\n---\n正文\n' });
    expect(msgs.map((m) => /missing required field "(\w+)"/.exec(m)?.[1])).toEqual(['title', 'year', 'organ', 'published']);
    const [msg] = errorsOf({ 'report.md': '---\n- 标题\n- 2020\n---\n正文\n' });
    expect(msg).toMatch(/report\.md:\d+: the front matter must be a mapping of fields \(title, year, organ/);
  });

  it('accepts a minimal report', () => {
    const r = readReport(makeReport({ 'report.md': `${FRONT}\n正文。\n` }));
    expect(r.meta.title).toBe('测试县2020年政府信息公开工作年度报告');
    expect(r.meta.published).toEqual({ year: 2021, month: 1, day: 15 });
    expect(r.meta.source).toBe('测试县人民政府');
  });

  it('names a missing required field', () => {
    const [msg] = errorsOf({ 'report.md': '---\ntitle: 报告\nyear: 2020\npublished: 2021-01-15\n---\n正文\n' });
    // at the closing ---, where the line goes
    expect(msg).toMatch(/report\.md:5: missing required field "organ"\n  fix: add a line "organ: …" above this line/);
    expect(msg).toContain('organ (发布机构)');
    // a nested one under its parent
    const nested = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'attachment:\n  note: 见附表\n---\n') + '正文\n' }).join('\n');
    expect(nested).toMatch(/missing required field "attachment\.title"\n  fix: under "attachment:", add an indented line "title: …"/);
  });

  it('refuses an editor line of a paragraph (600 characters made the end matter taller than a page, reported at the body: adversarial audit)', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, `editor: ${'邀请人大代表'.repeat(100)}\n---\n`) + '正文\n' });
    expect(msg).toMatch(/report\.md:6: field "editor" \(责任编辑\) is wider than its line by 579 characters: the editor line is set on one line, two characters in from the right\n {2}fix: write the names alone/);
    // as many names as the line holds (26 characters with 责任编辑：), not one more: sixty broke a name over two lines (QA)
    expect(errorsOf({ 'report.md': FRONT.replace(/---\n$/, `editor: ${'张三、'.repeat(7)}张三\n---\n`) + '正文\n' })[0]).toMatch(/is wider than its line by 2 characters/);
    expect(readReport(makeReport({ 'report.md': FRONT.replace(/---\n$/, 'editor: 张三、李四、王五（信息公开办公室）\n---\n') + '正文\n' })).meta.editor).toBe('张三、李四、王五（信息公开办公室）');
  });

  it('points at the line of an unknown field and suggests the right one', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace('published:', 'pubished:') });
    expect(msg).toMatch(/report\.md:5: unknown field "pubished"/);
    expect(msg).toContain('did you mean "published"?');
    // a field typed by its Chinese name, as README's table gives it (an office trial: all fields were listed)
    const [chinese] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, '责任编辑: 王五\n---\n') + '正文\n' });
    expect(chinese).toMatch(/report\.md:6: unknown field "责任编辑"\n {2}fix: did you mean "editor"\?$/);
    // names clerks use, where the nearest spelling would mislead (date: was told "site", publisher: "published": an edge audit)
    // a year in Chinese figures, as a 公文's date writes it: its digits as the fix (it said year: 2017, an edge audit)
    expect(errorsOf({ 'report.md': FRONT.replace('year: 2020', 'year: 二〇二〇') })[0]).toMatch(/fix: write the year alone in ASCII digits, without 年 or quotes: year: 2020$/);
    for (const [typed, meant] of [['date', 'published'], ['publisher', 'organ'], ['index', 'index_no'], ['机构', 'organ'], ['Date', 'published']]) {
      expect(errorsOf({ 'report.md': FRONT.replace(/---\n$/, `${typed}: x\n---\n`) + '正文\n' })[0], typed).toMatch(new RegExp(`unknown field "${typed}"\\n {2}fix: did you mean "${meant}"\\?$`));
    }
    // a field whose name is a figure, or none, at its own line (not the title's); one that is a
    // list, said to be no field (the library warned on stderr: adversarial audit)
    const at = (extra: string) => errorsOf({ 'report.md': FRONT.replace(/---\n$/, `editor: 王五\n${extra}\n---\n`) + '正文\n' })[0];
    expect(at('2022: y')).toMatch(/report\.md:7: unknown field "2022"/);
    expect(at(': c')).toMatch(/report\.md:7: a field with no name before its colon \(or named null, ~\)\n {2}fix: write the field's name before the colon/);
    expect(at('~: c')).toMatch(/report\.md:7: a field with no name before its colon/);
    expect(at('? [a, b]')).toMatch(/report\.md:7: a field name that is a list or a mapping \(\? \[a, b\]\) is no field/);
  });

  it('rejects an impossible date with the line and the accepted forms', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace('2021-01-15', '2021-02-30') });
    expect(msg).toMatch(/report\.md:5: field "published".*"2021-02-30" is not a valid date: 2021年2月 has 28 days\n {2}fix: correct the day$/);
    // (typed with /, the form to write too: review)
    // (not the same wrong day as the example: a bad-input audit)
    expect(errorsOf({ 'report.md': FRONT.replace('2021-01-15', '2021/4/31') })[0]).toMatch(/2021年4月 has 30 days\n {2}fix: correct the day, and write it as YYYY-MM-DD \(2021-04-DD, DD at most 30\)$/);
    expect(errorsOf({ 'report.md': FRONT.replace('2021-01-15', '2022年2月30日') })[0]).toMatch(/2022年2月 has 28 days\n {2}fix: correct the day, and write it as YYYY-MM-DD \(2022-02-DD, DD at most 28\)$/);
    expect(errorsOf({ 'report.md': FRONT.replace('2021-01-15', '2021-13-01') })[0]).toMatch(/"2021-13-01" is not a valid date such as 2018-03-27/);
    // a date typed with / or 年月日: the same date as it must be written
    for (const typed of ['2021/01/15', '2021年1月15日', '2021.1.15']) {
      expect(errorsOf({ 'report.md': FRONT.replace('2021-01-15', typed) })[0], typed).toMatch(/\n {2}fix: write it as YYYY-MM-DD: published: 2021-01-15$/);
    }
  });

  it('rejects a year that is not a number', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace('year: 2020', 'year: 二〇二〇') });
    expect(msg).toMatch(/report\.md:3: field "year" \(报告年度\) must be a number/);
  });

  it('asks for quotes around numbers meant as text, which YAML would change', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'index_no: 041000\n---\n') + '正文\n' });
    expect(msg).toMatch(/report\.md:6: field "index_no" \(索引号\) is read as the number 41000, not as text: put the value in quotes as written \(a number loses leading zeros and a decimal's last 0\)/);
    // the fix quotes the value as the line writes it, not an example
    expect(msg).toContain('fix: write index_no: "041000"');
    const [post] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'contact:\n  postcode: 001234   # 邮编\n---\n') + '正文\n' });
    expect(post).toContain('fix: write postcode: "001234"');
    // a number inside a list: the general advice
    const [kw] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'keywords: [年报, 12]\n---\n') + '正文\n' });
    expect(kw).toContain('fix: put the value in quotes as it is written');
    // a tag or an anchor is not quoted into the fix
    const [tag] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'index_no: !!int "041000"\n---\n') + '正文\n' });
    expect(tag).toContain('fix: put the value in quotes as it is written');
  });

  it('says of a Windows path in double quotes that \\ starts an escape there, with the path written with / (a bad-input audit: the generic fix)', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace('---\n', '---\nstatistics: "D:\\报告\\statistics.yaml"\n') });
    expect(msg).toMatch(/report\.md:2: YAML syntax error: .*\n  fix: in double quotes a \\ starts an escape \(\\n, \\t\): write the path with \/ between folders, "D:\/报告\/statistics\.yaml", or in single quotes$/);
  });

  it('names a mistyped closing line of the front matter at its line: four hyphens, full-width ones, dashes (a bad-input audit: "not closed" at line 1, or a YAML error in the body)', () => {
    for (const fence of ['----', '－－－', '———', '- - -']) {
      const closed = FRONT.replace(/---\n$/, `${fence}\n`);
      const [msg] = errorsOf({ 'report.md': `${closed}\n正文。\n` });
      expect(msg, fence).toMatch(new RegExp(`report\\.md:6: "${fence.replace(/[-]/g, '\\-')}" does not close the front matter\\n  fix: write the closing line as three ASCII hyphens alone: ---$`));
      // with a --- further down, in the body (a thematic break)
      const [later] = errorsOf({ 'report.md': `${closed}\n正文。\n\n---\n\n后文。\n` });
      expect(later, fence).toMatch(/report\.md:6: ".+" does not close the front matter/);
    }
    expect(errorsOf({ 'report.md': FRONT.replace(/---\n$/, '') + '\n' })[0]).toMatch(/report\.md:1: the front matter is not closed/);
  });

  it('names a YAML merge key as one, in the front matter and in a statistics file (a bad-input audit: "unknown field <<")', () => {
    const [front] = errorsOf({ 'report.md': FRONT.replace('---\n', '---\n<<: {editor: 张三}\n') + '\n正文。\n' });
    expect(front).toMatch(/report\.md:2: a YAML merge key \(<<: \*name\) is not read here\n  fix: write the fields out, each on its own line$/);
    const [stats] = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n'), 'statistics.yaml': 'template: gov-2019\ntables:\n  t2:\n    licensing: &l {prev_items: 1}\n    punishment: {<<: *l, decisions: 2}\n' });
    expect(stats).toMatch(/statistics\.yaml:5: a YAML merge key \(<<: \*name\) is not read here\n  fix: write the figures out, each under its name/);
  });

  it('reports YAML syntax errors with their line', () => {
    const [msg] = errorsOf({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: [测试县') });
    expect(msg).toMatch(/report\.md:\d+: YAML syntax error/);
  });

  it('gives a fix for a bad date, a field that must be a mapping, and a field given twice', () => {
    const date = errorsOf({ 'report.md': FRONT.replace('2021-01-15', '2021-13-45') + '正文\n' });
    expect(date.join('\n')).toMatch(/report\.md:5: field "published"[\s\S]*\n  fix: write the date as YYYY-MM-DD/);
    const mapping = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'attachment: 统计表\n---\n') + '正文\n' });
    expect(mapping.join('\n')).toMatch(/field "attachment".*must be a mapping[\s\S]*\n  fix: write it as "attachment: \{ title: … \}"/);
    const twice = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'year: 2021\n---\n') + '正文\n' });
    expect(twice.join('\n')).toMatch(/YAML syntax error: Map keys must be unique\n  fix: this field is given twice: keep one of the two lines/);
  });

  it('names the line that opened a [ { or " left open, not the line after it', () => {
    const list = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'keywords: [测试, 公开\neditor: 张三\n---\n') + '正文\n' });
    expect(list.join('\n')).toMatch(/report\.md:6: YAML syntax error[\s\S]*fix: close the \[ on this line with \]/);
    const quote = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'editor: "张三\nsource: 测试\n---\n') + '正文\n' });
    expect(quote.join('\n')).toMatch(/report\.md:6: YAML syntax error[\s\S]*fix: close the " on this line with "/);
  });

  it('names the full-width colon, or the missing colon, of a front matter line', () => {
    const fullWidth = errorsOf({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府\neditor：张三') + '正文\n' });
    expect(fullWidth.join('\n')).toMatch(/report\.md:5: YAML syntax error[\s\S]*ASCII colon and a space[\s\S]*full-width colon ：/);
    const none = errorsOf({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府\neditor 张三') + '正文\n' });
    expect(none.join('\n')).toMatch(/report\.md:5: YAML syntax error[\s\S]*no colon between a field name and its value/);
    // a title over two lines written under "title: |" but not indented
    const block = errorsOf({ 'report.md': FRONT.replace('title: 测试县2020年政府信息公开工作年度报告', 'title: |\n测试县2020年\n政府信息公开工作年度报告') + '正文\n' });
    expect(block.join('\n')).toMatch(/report\.md:3: YAML syntax error[\s\S]*fix: indent each line under "title: \|" by two spaces/);
  });

  it('names the line of a full-width colon or a colon without its space in a statistics file, where YAML notices it only on the next line', () => {
    const stats = (line: string) => `template: gov-2021\ntables:\n  t3:\n    new_received:\n      ${line}   # 表三 … / 自然人\n      commercial: 2   # 表三 … / 商业企业\n`;
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const wide = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('natural：12') });
    expect(wide.join('\n')).toMatch(/statistics\.yaml:5: YAML syntax error: "natural：12" is not read as a field and its value\n  fix: .*not the full-width colon ：/);
    const tight = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('natural:12') });
    expect(tight.join('\n')).toMatch(/statistics\.yaml:5: YAML syntax error: "natural:12" is not read.*\n  fix: put a space after the colon/);
  });

  it('names a field left at its parent\'s indentation, a value holding ": ", a table typed at the top, and the letter O for 0 (the newcomer\'s try)', () => {
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    // (YAML noticed it only on the line after: "All mapping items must start at the same column")
    const under = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t3:\n    new_received:\n    natural: 36\n      commercial: 6\n' });
    expect(under.join('\n')).toMatch(/statistics\.yaml:5: YAML syntax error: "natural: 36" is not indented under "new_received:", as the lines after it are\n  fix: indent it by 2 more spaces/);
    const colon = errorsOf({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府\nsource: 测试县人民政府办公室: 信息公开办') + '正文\n' });
    expect(colon.join('\n')).toMatch(/report\.md:5: YAML syntax error: the value of source holds ": " \(a colon and a space\), which YAML reads as another field\n  fix: put the value in quotes: source: "测试县人民政府办公室: 信息公开办"/);
    const top = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t3:\n    new_received: { natural: 1 }\nt4:\n  reconsideration: { total: 0 }\n' });
    expect(top.join('\n')).toMatch(/statistics\.yaml:5: "t4:" is a table, and stands at the top of the file, not under "tables:"\n  fix: indent "t4:" and the lines under it by two spaces/);
    const letter = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t3:\n    new_received: { natural: O, commercial: 1O }\n' });
    expect(letter.join('\n')).toMatch(/value "O" is not a whole non-negative number\n  fix: O is the letter O: write the figure 0/);
    // (1O is no 1 and a unit: review)
    expect(letter.join('\n')).toMatch(/value "1O" is not a whole non-negative number\n  fix: O is the letter O: write the figure 10/);
    // a valid line further up is not blamed for a line off by one space below it (review)
    const deep = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t2:\n    regulations:\n    normative_documents:\n      made: 1\n      repealed: 0\n     valid: 3\n' });
    expect(deep.join('\n')).not.toContain('"normative_documents:" is not indented');
    expect(deep.join('\n')).toMatch(/statistics\.yaml:8: YAML syntax error: "valid: 3" is indented less than the 2 fields beside it\n  fix: start it in their column: 6 spaces before it, not 5; or, if it belongs with "normative_documents:", in its column: 4 spaces/);
    // a field and its value typed as a value: in { }, not in quotes; a comment after a line indented off its fields is no value (review)
    const field = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'attachment: title: 2020年统计表\n---\n') + '正文\n' });
    expect(field.join('\n')).toMatch(/fix: write a field and its value under attachment in \{ \}: attachment: \{ title: 2020年统计表 \}/);
    // …but text that starts with a word and a colon, under a field that takes text, in quotes (review)
    const phone = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'contact:\n  phone: Tel: 0370-1234567\n---\n') + '正文\n' });
    expect(phone.join('\n')).toMatch(/fix: put the value in quotes: phone: "Tel: 0370-1234567"/);
    // a line indented less than the field above may belong further out: both columns (review)
    const out = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'attachment:\n  title: 统计表\n statistics: statistics.yaml\n---\n') + '正文\n' });
    expect(out.join('\n')).toMatch(/start this line in the column of "title: 统计表" above it: 2 spaces before it, not 1; or, if it belongs with "attachment:", in its column: 0 spaces/);
    // 1O件: the figure 10 (review: 1 and a unit)
    const unit = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t3:\n    new_received: { natural: 1O件 }\n' });
    expect(unit.join('\n')).toMatch(/fix: O is the letter O: write the figure 10/);
    const comment = errorsOf({ 'report.md': FRONT.replace('organ: 测试县人民政府', 'organ: 测试县人民政府   # 全称\n source: 测试县人民政府办公室   # 注: 与发布机构不同时填写') + '正文\n' });
    expect(comment.join('\n')).not.toContain('put the value in quotes');
    expect(comment.join('\n')).toMatch(/report\.md:5: YAML syntax error: "source: 测试县人民政府办公室" is indented further than "organ: 测试县人民政府" above it, so YAML reads it as part of that value\n  fix: remove the spaces before it, as the line above has none/);
  });

  it('names the one field out of step with its siblings, not the sibling after it (each fix moved the error one line down: a newcomer\'s trial)', () => {
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const rows = ['natural: 236', 'commercial: 21', 'research:', 'welfare: 1'].map((f, k) => `${k === 0 ? '     ' : '      '}${f}`).join('\n');
    const first = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': `template: gov-2021\ntables:\n  t3:\n    new_received:\n${rows}\n` });
    expect(first.join('\n')).toMatch(/statistics\.yaml:5: YAML syntax error: "natural: 236" is indented less than the 3 fields beside it\n  fix: start it in their column: 6 spaces before it, not 5; or, if it belongs with "new_received:", in its column: 4 spaces/);
    const contact = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'contact:\n  phone: 0000-1234567\n email: a@example.com\n  postcode: "999001"\n---\n') + '正文\n' });
    expect(contact.join('\n')).toMatch(/report\.md:\d+: YAML syntax error: "email: a@example\.com" is indented less than the 2 fields beside it\n  fix: start it in their column: 2 spaces before it, not 1; or, if it belongs with "contact:", at the start of the line, as "contact:" is/);
  });

  it('names a field indented by mistake, not the line above it nor the one after it, with the column to start it in (a bad-input audit)', () => {
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    // (YAML: "Nested mappings are not allowed in compact mappings" at the title's line)
    const year = errorsOf({ 'report.md': `${FRONT.replace('year: 2020', '  year: 2020')}正文\n` });
    expect(year.join('\n')).toMatch(/report\.md:3: YAML syntax error: "year: 2020" is indented further than "title: 测试县2020年政府信息公开工作年度报告" above it, so YAML reads it as part of that value\n  fix: remove the spaces before it, as the line above has none/);
    // the first field indented ("Unexpected scalar at node end" at the next line)
    const title = errorsOf({ 'report.md': `${FRONT.replace('title: ', '  title: ')}正文\n` });
    expect(title.join('\n')).toMatch(/report\.md:2: YAML syntax error: "title: 测试县2020年政府信息公开工作年度报告" is indented further than the fields after it\n  fix: remove the spaces before it, as the line after it has none/);
    // a table's first field indented further than the others (named at the next field, with its column off)
    const first = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t4:\n      review_upheld: 3\n    review_corrected: 1\n    review_other: 1\n' });
    expect(first.join('\n')).toMatch(/statistics\.yaml:4: YAML syntax error: "review_upheld: 3" is indented further than the 2 fields beside it\n  fix: start it in their column: 4 spaces before it, not 6/);
  });

  it('says to replace a tab typed as indentation in YAML with spaces', () => {
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const msgs = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2019\ntables:\n  t3:\n    new_received:\n\tnatural: 2\n' });
    expect(msgs.join('\n')).toMatch(/statistics\.yaml:5: YAML syntax error: .*\n  fix: replace the tab at the start of this line with spaces/);
  });

  it('refuses statistics whose year: is not the report\'s (last year\'s file named by this year\'s report)', () => {
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const stats = (year: string) => `template: gov-2019\n${year}tables:\n  t3:\n    new_received:\n      natural: 2\n`;
    expect(errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('year: 2019\n') }).join('\n'))
      .toMatch(/statistics\.yaml:2: the figures are for 2019 \(year: 2019\), and the report is on 2020\n  fix: name this year's statistics file in report\.md \(last year's file\?\); or correct year: here if the figures are 2020's, or year: in report\.md if the report is on 2019/);
    expect(errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('year: 二〇二〇\n') }).join('\n')).toMatch(/statistics\.yaml:2: year: must be the report year the figures are for/);
    // the same year, or none, is read
    expect(errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('year: 2020\n') }).join('\n')).not.toContain('statistics.yaml');
    expect(errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('') }).join('\n')).not.toContain('statistics.yaml');
  });

  it('says what to write for a figure typed as - (a printed form\'s "none"), which YAML reads as a list', () => {
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const flow = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t3:\n    new_received: {natural: -, commercial: 2}\n' });
    expect(flow.join('\n')).toMatch(/statistics\.yaml:4: YAML syntax error: .*\n  fix: a figure cannot be "-": write natural: 0 where there were none, or leave it empty \(natural: ,\) where the figure is unknown/);
    const block = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': 'template: gov-2021\ntables:\n  t3:\n    new_received:\n      natural: -\n' });
    expect(block.join('\n')).toMatch(/statistics\.yaml:5: YAML syntax error: .*\n  fix: a figure cannot be "-": write natural: 0 where there were none, or leave it empty \(natural: with nothing after it\)/);
  });

  it('names the slip of a one-column row (表二\'s punishment: / decisions：87), which YAML reads as the row\'s text', () => {
    const stats = (line: string) => `template: gov-2021\ntables:\n  t2:\n    punishment:\n      ${line}\n`;
    const front = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n');
    const wide = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('decisions：87') });
    expect(wide.join('\n')).toMatch(/statistics\.yaml:5: "decisions：87" under punishment is read as text, not as the column decisions and its figure\n  fix: write an ASCII colon and a space after "decisions", not the full-width colon ： \(decisions: 87\)/);
    const tight = errorsOf({ 'report.md': `${front}正文\n`, 'statistics.yaml': stats('decisions:87') });
    expect(tight.join('\n')).toMatch(/statistics\.yaml:5: "decisions:87" under punishment is read as text.*\n  fix: put a space after the colon \(decisions: 87\)/);
  });

  it('reports several problems at once', () => {
    const msgs = errorsOf({ 'report.md': FRONT.replace('year: 2020', 'year: x').replace('2021-01-15', 'soon') });
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toContain(':3:');
    expect(msgs[1]).toContain(':5:');
  });

  it('requires front matter', () => {
    const [msg] = errorsOf({ 'report.md': '# 概述\n正文\n' });
    expect(msg).toMatch(/report\.md:1: the file must start with YAML front matter/);
    // an empty file is said to be empty (a newcomer read "must start with front matter" as a format problem)
    for (const empty of ['', '\n\n  \n', '\uFEFF']) {
      expect(errorsOf({ 'report.md': empty })[0]).toMatch(/report\.md: the file is empty\n {2}fix: write the report into it/);
      // (and a statistics file, comments alone too)
      const stats = errorsOf({ 'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n'), 'statistics.yaml': `${empty}# 统计表\n` });
      expect(stats.join('\n')).toMatch(/statistics\.yaml: the statistics file is empty\n {2}fix: write the form's figures into it/);
    }
  });

  it('rejects a missing report.md', () => {
    const [msg] = errorsOf({ 'other.md': 'x' });
    expect(msg).toMatch(/report\.md not found/);
  });
});

describe('body validation', () => {
  it('rejects headings deeper than four levels, naming the line', () => {
    const [msg] = errorsOf({ 'report.md': `${FRONT}\n# 一级\n\n##### 五级\n` });
    expect(msg).toMatch(/report\.md:10: heading level 5 is too deep/);
  });

  it('rejects a heading of marks alone (## 。 printed as （一）。, # （） as a part 七、（）), naming the line', () => {
    for (const heading of ['## 。', '# （）', '### ——', '## ……']) {
      const [msg] = errorsOf({ 'report.md': `${FRONT}\n# 一级\n\n${heading}\n\n正文。\n` });
      expect(msg, heading).toMatch(/report\.md:10: the heading ".+" has no words, only marks\n {2}fix: write the heading text after the #, or remove the line/);
    }
    // a heading of figures or Latin letters is one
    expect(readReport(makeReport({ 'report.md': `${FRONT}\n# 2023\n\n## GDPR\n\n正文。\n` })).blocks.filter((b) => b.type === 'heading')).toHaveLength(2);
  });

  it('rejects a heading longer than five full lines, a paragraph typed after a # (the build named the paragraph before it: a bad-input audit)', () => {
    const [msg] = errorsOf({ 'report.md': `${FRONT}\n# 一级\n\n正文。\n\n## ${'很长的标题'.repeat(400)}\n` });
    expect(msg).toMatch(/report\.md:12: the heading is 2000 characters long, more than 140 \(five full lines\): a paragraph typed after a #\?\n {2}fix: keep the heading short/);
    expect(readReport(makeReport({ 'report.md': `${FRONT}\n# ${'标题'.repeat(70)}\n\n正文。\n` })).blocks[0]!.type).toBe('heading');
  });

  it('rejects a paragraph or list item of more than 20,000 characters, text pasted without blank lines (a bad-input audit: its layout took 47 s, Ctrl-C unheard), at its line, and reads one of 20,000', () => {
    const pasted = '共收到申请100件，其中网络申请10件，占10%。\n'.repeat(900); // (24 characters a line: one paragraph)
    const [msg] = errorsOf({ 'report.md': `${FRONT}\n# 一级\n\n正文。\n\n${pasted}` });
    expect(msg).toMatch(/report\.md:12: this paragraph is more than 20,000 characters long \(some 30 pages of one paragraph\): text pasted without blank lines between its paragraphs\?\n {2}fix: put a blank line between paragraphs/);
    const [item] = errorsOf({ 'report.md': `${FRONT}\n正文。\n\n- 短的一项\n- ${'甲'.repeat(20_001)}\n` });
    expect(item).toMatch(/report\.md:11: this list item is more than 20,000 characters long/);
    const most = readReport(makeReport({ 'report.md': `${FRONT}\n${'甲'.repeat(20_000)}\n` })).blocks;
    expect(most).toHaveLength(1);
    // lines pasted from Word, each opening with 　　, are paragraphs of their own however many follow (a review)
    const word = `${FRONT}\n# 总体情况\n\n${`　　${'本年度全县政务公开工作稳步推进，主动公开政府信息数量持续增长。'.repeat(30)}\n`.repeat(25)}`;
    expect(readReport(makeReport({ 'report.md': word })).blocks.filter((b) => b.type === 'paragraph')).toHaveLength(25);
  });

  it('rejects a heading that is a section number alone (## 二 printed as （一）二, ### 1 as 1.1: a bad-input audit), naming the line', () => {
    for (const heading of ['## 二', '## 十二', '### 1', '## Ⅰ', '## I.', '## IV', '## （一）', '# 第二部分', '#### ①']) {
      const [msg] = errorsOf({ 'report.md': `${FRONT}\n# 一级\n\n${heading}\n\n正文。\n` });
      expect(msg, heading).toMatch(/report\.md:10: the heading ".+" is a number alone, no words: gongwen numbers headings by their level, so it would print as a second number\n {2}fix: write the heading's words after the #/);
    }
    // words, not section numbers: numerals that are none, in quotes, a placeholder (a review)
    expect(readReport(makeReport({ 'report.md': `${FRONT}\n# 二是加强领导\n\n## 十大任务\n\n## “十四五”\n\n## 七一\n\n## XX\n\n正文。\n` })).blocks.filter((b) => b.type === 'heading')).toHaveLength(5);
  });

  it('reads **bold** next to Chinese punctuation (CommonMark alone would print the asterisks)', () => {
    const r = readReport(makeReport({ 'report.md': `${FRONT}\n**重点说明：**本段有*强调*。\n` }));
    const p = r.blocks[0];
    expect(p.type === 'paragraph' && p.inlines).toEqual([
      { type: 'text', text: '重点说明：', bold: true },
      { type: 'text', text: '本段有' },
      { type: 'text', text: '强调', italic: true },
      { type: 'text', text: '。' },
    ]);
  });

  it('decodes HTML character references in text (markdown-it\'s CommonJS build carries its own decoder)', () => {
    const r = readReport(makeReport({ 'report.md': `${FRONT}\nA&amp;B&#x4E00;&#19968;&copy;&hellip;&ThickSpace;，&notanentity;&amp 与 \\&amp;。\n` }));
    const p = r.blocks[0];
    expect(p.type === 'paragraph' && p.inlines.map((i) => i.text).join('')).toBe('A&B一一©… ，&notanentity;&amp 与 &amp;。'); // (&ThickSpace;, U+205F U+200A: a space, as every odd space)
  });

  it('rejects nested lists', () => {
    const [msg] = errorsOf({ 'report.md': `${FRONT}\n- 甲\n  - 乙\n` });
    expect(msg).toMatch(/report\.md:9: nested lists are not supported/);
  });
});

describe('statistics validation', () => {
  const withStats = (stats: string) => ({
    'report.md': FRONT.replace(/---\n$/, 'attachment:\n  title: 统计表\nstatistics: statistics.yaml\n---\n正文\n'),
    'statistics.yaml': stats,
  });

  it('reads a valid statistics file', () => {
    const r = readReport(makeReport(withStats('template: gov-2014\nvalues:\n  s1_1: 10\n  s7: 0.5\n')));
    expect(r.statistics?.values).toEqual({ s1_1: 10, s7: 0.5 });
    expect(r.attachments[0].table).toBe('main');
  });

  it('names an unknown row with its line and a suggestion', () => {
    // (the fixture's report is on 2020, whose form is not gov-2014: that is said first)
    const msg = errorsOf(withStats('template: gov-2014\nvalues:\n  s1_1: 10\n  s3_11: 4\n')).find((m) => m.includes('unknown row'));
    expect(msg).toMatch(/statistics\.yaml:4: unknown row of template gov-2014: "s3_11"/);
    // a misspelt row written as a block: at its own line, not at the first line of its block below it
    const block = errorsOf(withStats('template: gov-2021\ntables:\n  t2:\n    licencing:\n      decisions: 1856\n')).find((m) => m.includes('unknown row'));
    expect(block).toMatch(/statistics\.yaml:4: unknown row of t2: "licencing"\n  fix: did you mean "licensing"\?/);
    expect(msg).toMatch(/did you mean "s3_1/);
  });

  it('rejects negative and fractional counts, naming the row label', () => {
    const msgs = errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: -1\n  s4: 2.5\n'));
    expect(msgs[0]).toMatch(/statistics\.yaml:3: 三（一）收到申请数: value -1 is not a whole non-negative number/);
    expect(msgs[1]).toMatch(/statistics\.yaml:4: 四、行政复议数量: value 2.5/);
    // a group's own row is a header (it was an unknown row, with the table's 23 ids: a 2019-form audit)
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t3:\n    results: {natural: 40, total: 47}\n'))[0]).toMatch(/statistics\.yaml:4: row "results" of t3 \(三、本年度办理结果\) is a section header of gov-2019 and takes no figures\n  fix: give the figures of the rows under it, granted, partial, denied_state_secret, .*, … \(its total is results_total, （七）总计\)/);
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t3:\n    denied: {natural: 5}\n'))[0]).toMatch(/row "denied" of t3 \(（三）不予公开\) is a section header of gov-2019 and takes no figures\n  fix: give the figures of the rows under it, denied_state_secret, denied_law_forbidden, /);
    // written with nothing under it, it gives none: no error, as a table so written (a review)
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t3:\n    results:\n')).filter((m) => m.includes('section header'))).toEqual([]);
    // a count of 项目, and its change, asks for a number of 项 (it said 件: a 2019-form audit)
    const items = errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    licensing: {prev_items: -126, delta: x, decisions: -1}\n'));
    expect(items.find((m) => m.includes('上一年项目数量'))).toMatch(/value -126 is not a whole non-negative number\n  fix: write a number of 项,/);
    expect(items.find((m) => m.includes('本年增/减'))).toMatch(/\n  fix: write a number of 项,/);
    expect(items.find((m) => m.includes('处理决定数量'))).toMatch(/\n  fix: write a number of 件,/);
  });

  it('says how to write a figure typed as text: full-width digits, quotes, a thousands separator, a unit', () => {
    const msgs = errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: １５６\n  s3_2: "156"\n  s3_3: 1,000\n  s1_1: 156件\n'));
    expect(msgs[0]).toMatch(/statistics\.yaml:3: .*value "１５６" is not a whole non-negative number\n  fix: write it with ASCII digits: 156/);
    expect(msgs[1]).toMatch(/statistics\.yaml:4: .*\n  fix: write the bare figure: 156 \(in quotes, or after !!str, it is text\)/);
    expect(msgs[2]).toMatch(/statistics\.yaml:5: .*\n  fix: write it without the thousands separator: 1000/);
    expect(msgs[3]).toMatch(/statistics\.yaml:6: .*\n  fix: write the number alone: 156 \(the column gives the unit, 条\)/);
    // as an input method types a figure: full-width digits and comma
    expect(errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: １，２０５\n'))[0]).toMatch(/fix: write it with ASCII digits, without the thousands separator: 1205 \(full-width digits and a full-width comma make it text\)$/);
    // (what was typed is named: ASCII digits with a full-width comma, a minus sign that is no hyphen-minus, an office trial)
    expect(errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: 1，236\n'))[0]).toMatch(/fix: write it as plain digits, without the thousands separator: 1236 \(a full-width comma makes it text\)$/);
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    licensing: {delta: −2}\n'))[0]).toMatch(/fix: write it as plain digits, the minus as the hyphen-minus -: -2 \(a minus sign \(−\) makes it text\)$/);
    // the 2019 form's 采购总金额, in 万元 as its header says (the form itself gives no unit): 元 converted, to the yuan
    const amounts = errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    central_procurement: {purchase_items: 3, purchase_amount: 251000元}\n'));
    expect(amounts.find((m) => m.includes('251000元'))).toMatch(/采购总金额（单位：万元）: value "251000元" .*\n  fix: write it in 万元, the column's unit: 25\.1$/);
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    central_procurement: {purchase_amount: 12345元}\n'))[0]).toMatch(/fix: write it in 万元, the column's unit: 1\.2345$/);
    // a fee of 12 元 is 0.0012 万元, not 0.00 (an edge audit); 12.5 元, to the yuan
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    central_procurement: {purchase_amount: 12元}\n'))[0]).toMatch(/fix: write it in 万元, the column's unit: 0\.0012$/);
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    central_procurement: {purchase_amount: 12.5元}\n'))[0]).toMatch(/fix: write it in 万元, the column's unit: 0\.0013 \(to the yuan\)$/);
    expect(errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    central_procurement: {purchase_amount: 2856.37万元}\n'))[0]).toMatch(/fix: write the number alone: 2856\.37 \(the column gives the unit, 万元\)$/);
    // no template: the report year's form named (all three were listed, a 2014-form trial)
    expect(errorsOf(withStats('values:\n  s3_1: 10\n'))[0]).toMatch(/statistics\.yaml:\d+: missing field "template"\n  fix: write template: gov-2019, the form of report year 2020 \(the forms: gov-2014, gov-2019, gov-2021\)$/);
    // a rate where the form asks for a count (按时办结率 in 按时办结数: "write 100" invited 100 of 56, a 2014-form trial)
    expect(errorsOf(withStats('template: gov-2014\nvalues:\n  s3_2_1: 100%\n'))[0]).toMatch(/value "100%" .*\n  fix: the form asks for a count in 件 here, not a percentage: write how many \(the text may give the rate\)$/);
    // a change in words, in the 2019 form's 本年增/减
    const change = errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    licensing: {prev_items: 120, delta: 减少2, decisions: 3}\n'));
    expect(change[0]).toMatch(/statistics\.yaml:4: .*value "减少2".*\n  fix: write the change as a signed number: -2/);
    // notations YAML reads as numbers that a clerk would not mean, in a block or a { } row; a signed +3 is plain
    const odd = errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: 1e3\n  s3_2: 0x10\n  s3_3: 12\n'));
    expect(odd[0]).toMatch(/statistics\.yaml:3: 三（一）收到申请数: value 1e3 is read by YAML as the number 1000\n  fix: write the figure in plain digits: 1000/);
    expect(odd[1]).toMatch(/statistics\.yaml:4: .*value 0x10 is read by YAML as the number 16/);
    expect(odd).toHaveLength(2);
    // .inf named as YAML reads it; -.5 in a count refused as not whole (not sent to -0.5); a quoted +4 unquoted
    const odd2 = errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    licensing: {prev_items: .inf, decisions: -.5, delta: "+4"}\n'));
    expect(odd2.join('\n')).toMatch(/value Infinity is not a number of \d+ digits at most/);
    expect(odd2.join('\n')).toMatch(/value -0\.5 is not a whole non-negative number/);
    expect(odd2.join('\n')).toMatch(/fix: write the bare figure: \+4/);
    // a comment typed against its figure
    expect(errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: 0# 收到申请数\n'))[0]).toMatch(/fix: put a space before the #: 0  # …/);
    // YAML's own notations are left to it: an anchor and its alias
    expect(readReport(makeReport(withStats('template: gov-2014\nvalues:\n  s1_1: &a 12\n  s3_1: *a\n'))).statistics!.values).toMatchObject({ s1_1: 12, s3_1: 12 });
    const flow = errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    licensing: {prev_items: 1.2e2, delta: +3, decisions: 3}\n'));
    expect(flow).toHaveLength(1);
    expect(flow[0]).toMatch(/statistics\.yaml:4: .*value 1\.2e2 is read by YAML as the number 120/);
    // the same column in two rows, each found at its own line; a comment after a plain figure is no figure
    const twice = errorsOf(withStats('template: gov-2019\ntables:\n  t2:\n    licensing: {decisions: 1e2}\n    punishment: {decisions: 0x10}\n    coercion: {decisions: 7}  # was: 1e1\n'));
    expect(twice).toHaveLength(2);
    expect(twice[0]).toMatch(/statistics\.yaml:4: .*value 1e2 is read by YAML as the number 100/);
    expect(twice[1]).toMatch(/statistics\.yaml:5: .*value 0x10 is read by YAML as the number 16/);
    // a figure YAML cannot keep is named as typed, not as read (…567 read as …568: statistics audit)
    expect(errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: 12345678901234567\n'))[0]).toMatch(/statistics\.yaml:3: 三（一）收到申请数: value 12345678901234567 is not a number of 15 digits at most/);
    // (400 digits, Infinity to YAML, was "not a whole non-negative number": a bad-input audit)
    expect(errorsOf(withStats(`template: gov-2014\nvalues:\n  s3_1: ${'9'.repeat(400)}\n`))[0]).toMatch(/statistics\.yaml:3: 三（一）收到申请数: value 9{400} is not a number of 15 digits at most/);
    const commented = errorsOf(withStats('template: gov-2014\nvalues:\n  s3_1: 12  # 1e3 last year\n  s3_2: 1e1  # 10\n'));
    expect(commented).toHaveLength(1);
    expect(commented[0]).toMatch(/statistics\.yaml:4: .*value 1e1 is read by YAML as the number 10/);
  });

  it('names a figure typed inside the # label gongwen new writes after a cell (YAML ignores it: the table printed blank, a newcomer\'s trial)', () => {
    const msgs = errorsOf(withStats('template: gov-2021\ntables:\n  t2:\n    regulations:\n      made:                  # 表二 规章 / 本年制发件数 3\n      repealed:              # 表二 规章 / 本年废止件数\n'));
    expect(msgs).toEqual([expect.stringMatching(/statistics\.yaml:5: 表二 规章 \/ 本年制发件数: the figure 3 is typed inside the # comment, which YAML ignores, so the cell is empty\n  fix: write the figure right after the colon: made: 3  # 表二 规章 \/ 本年制发件数$/)]);
  });

  it('explains a key made by a comma or a full-width colon inside a { } row (2021 form)', () => {
    const comma = errorsOf(withStats('template: gov-2021\ntables:\n  t2:\n    licensing: {decisions: 1,156}\n')).find((m) => m.includes('unknown column'));
    expect(comma).toMatch(/statistics\.yaml:4: unknown column .*"156"\n  fix: a figure with a thousands separator inside \{ \} is read as a new key "156"/);
    const amount = errorsOf(withStats('template: gov-2021\ntables:\n  t2:\n    fees: {amount: 1,126.35}\n')).find((m) => m.includes('unknown column'));
    expect(amount).toMatch(/fix: a figure with a thousands separator inside \{ \} is read as a new key "126\.35"/);
    // a full-width comma between the fields: named, with the row as it should be (the fix given was to quote the row, a statistics audit)
    const full = errorsOf(withStats('template: gov-2021\ntables:\n  t2:\n    normative_documents: {made: 6，repealed: 2, valid: 31}\n  t3:\n    new_received:     {natural: 236，commercial: 21}\n'));
    expect(full.join('\n')).toMatch(/statistics\.yaml:4: YAML syntax error: a full-width comma ， between the fields in \{ \}, which YAML does not read as a comma\n  fix: type the ASCII comma: normative_documents: \{made: 6, repealed: 2, valid: 31\}/);
    const colon = errorsOf(withStats('template: gov-2021\ntables:\n  t3:\n    granted: {natural：20}\n')).find((m) => m.includes('unknown column'));
    expect(colon).toMatch(/unknown column .*"natural：20"\n  fix: write an ASCII colon and a space after "natural", not the full-width colon ：/);
  });

  it('rejects an unknown template, listing the known ones', () => {
    const [msg] = errorsOf(withStats('template: gov-1999\nvalues: {}\n'));
    expect(msg).toMatch(/statistics\.yaml:1: unknown statistics template "gov-1999"/);
    expect(msg).toContain('gov-2014');
  });

  it('rejects a value on a section header row', () => {
    const [msg] = errorsOf(withStats('template: gov-2014\nvalues:\n  s1: 5\n'));
    expect(msg).toMatch(/row "s1" is a section header/);
  });

  it('reports a missing statistics file', () => {
    const files = withStats('');
    delete (files as Record<string, string>)['statistics.yaml'];
    const [msg] = errorsOf(files);
    // at the "statistics:" line of report.md, the line to fix, naming the file looked for
    expect(msg).toMatch(/report\.md:8: statistics file not found: \S*statistics\.yaml\n {2}fix: create it, or fix "statistics:" on this line/);
    // a name close to a statistics file beside it: that file
    const [near] = errorsOf({ ...withStats('template: gov-2014\nvalues:\n  s1_1: 1\n'), 'report.md': withStats('')['report.md']!.replace('statistics: statistics.yaml', 'statistics: statistic.yaml') });
    expect(near).toMatch(/report\.md:8: statistics file not found: \S*statistic\.yaml\n {2}fix: did you mean statistics\.yaml\? write "statistics: statistics\.yaml"/);
    // the unit's workbook beside it, in the YAML's place: converted into the file named (naming
    // the workbook led to the next error, an office trial)
    // (the command as typed in a shell: a folder with a space is quoted, a review)
    const [quoted] = errorsOf({ ...files, 'statistics.xlsx': 'PK' }, '单位 A');
    expect(quoted).toMatch(/fix: \S*\/单位 A\/statistics\.xlsx is there, a workbook: convert it into the file named here \(gongwen aggregate '\S*\/单位 A' --out '\S*\/单位 A\/statistics\.yaml'\)$/);
    const [workbook] = errorsOf({ ...files, 'statistics.xlsx': 'PK' });
    expect(workbook).toMatch(/report\.md:8: statistics file not found: (\S*)\/statistics\.yaml\n {2}fix: \1\/statistics\.xlsx is there, a workbook: convert it into the file named here \(gongwen aggregate \1 --out \1\/statistics\.yaml\)$/);
  });

  it('reports an empty statistics: once, as the front matter\'s error (not also as a folder or a missing file)', () => {
    const files = { ...withStats('template: gov-2014\nvalues:\n  s1_1: 10\n'), 'report.md': withStats('')['report.md'].replace('statistics: statistics.yaml', 'statistics: " "') };
    const msgs = errorsOf(files);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/report\.md:8: field "statistics".*must not be empty/);
  });
});
