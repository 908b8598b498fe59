/** Statistics checks (template sum rules, 其中 rows, completeness) and the numbers lint. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify, parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseStatistics } from '../src/read/statistics.js';
import { availableTemplates, formCovers, loadTemplate, templateForYear } from '../src/read/templates.js';
import { checkStatistics } from '../src/transform/checks.js';
import { lintDocNo, lintFullWidthDigits, lintNumbers, lintPastedHeadings, lintStatisticsPeriod, lintText, lintTitleDigits, lintTitleMarks, lintUnderscores } from '../src/transform/lint.js';
import { normalizePunctuation } from '../src/transform/punctuation.js';
import { resolveRefs } from '../src/transform/refs.js';
import { joinRunInHeadings } from '../src/transform/run-in.js';
import type { InputError } from '../src/model/errors.js';
import type { Block } from '../src/model/types.js';
import { loadChecked, ROOT, sampleReport } from './helpers/build.js';
import { readReport } from '../src/read/report.js';
import { loadReport, reviewReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { readConfig } from '../src/io/config.js';
import { statisticsYaml } from '../src/io/statistics-file.js';
import { FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';

const SAMPLE_2021 = readFileSync(path.join(ROOT, 'content/sample-2021/statistics.yaml'), 'utf8');
/** The complete fictional 2021 statistics with some cells changed. */
function sample2021(change: (tables: Record<string, Record<string, Record<string, number> | number>>) => void) {
  const data = parse(SAMPLE_2021) as { template: string; tables: Record<string, Record<string, Record<string, number> | number>> };
  change(data.tables);
  return parseStatistics(stringify(data), 'statistics.yaml');
}
const messages = (findings: { severity: string; message: string }[], severity: string) =>
  findings.filter((f) => f.severity === severity).map((f) => f.message);

describe('the 2014 table', () => {
  const full = (extra: string) => parseStatistics(`template: gov-2014\nvalues:\n${extra}`, 'statistics.yaml');

  it('names the table, the row label, the values and the difference', () => {
    const s = full('  s3_3: 301\n  s3_3_1: 100\n  s3_3_2: 100\n  s3_3_3: 50\n  s3_3_4: 10\n  s3_3_5: 10\n  s3_3_6: 10\n  s3_3_7: 10\n  s3_3_8: 9\n');
    const f = checkStatistics(s).find((x) => x.message.includes('申请答复数'))!;
    expect(f.message).toBe("三（三）申请答复数: its 8 parts add up to 299, the total says 301 (the parts 2 short)");
    expect(f.loc).toEqual({ file: 'statistics.yaml', line: 3 });
    expect(f.severity).toBe('warning'); // derived rule
  });

  it('flags a 其中 row above its parent', () => {
    const f = checkStatistics(full('  s1_1: 10\n  s1_1_a: 12\n')).find((x) => x.message.includes('其中'))!;
    expect(f.message).toBe('一（一）其中：主动公开规范性文件数: 12 is more than its parent 一（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） (10)');
    // at the 其中 row's line, the figure named first, not its parent's (statistics audit)
    expect(f.loc).toEqual({ file: 'statistics.yaml', line: 4 });
  });

  it('skips rules with empty cells and reports the table as incomplete instead', () => {
    const findings = checkStatistics(full('  s4: 10\n  s4_1: 6\n  s4_2: 2\n'));
    expect(findings.filter((f) => f.message.includes('四、行政复议数量:'))).toEqual([]);
    expect(messages(findings, 'warning')[0]).toMatch(/^政府信息公开情况统计表: incomplete, 55 of 58 cells are empty/);
  });

  it('says where the parts given already pass their total, with cells empty (no figure there can mend it: a statistics audit)', () => {
    const findings = checkStatistics(full('  s3_1: 10\n  s3_1_3: 50\n'));
    expect(messages(findings, 'warning')).toContainEqual(expect.stringMatching(/^三（一）收到申请数: its part .* is 50, more than the total, 10, with \d+ left empty$/));
    // parts within the total with cells empty: left to the incomplete warning
    expect(messages(checkStatistics(full('  s3_1: 10\n  s3_1_3: 5\n')), 'warning').filter((m) => m.includes('more than the total'))).toEqual([]);
  });

  it('asks whether an amount of 1亿元 or more in a cell in 万元 was typed in 元, and labels such cells with their unit in a new file (a 2014-form trial: 35000 printed as 万元)', () => {
    const f = checkStatistics(full('  s7: 0\n  s8_4: 35000\n')).filter((x) => x.message.includes('亿元'));
    expect(f).toEqual([{
      severity: 'warning', loc: { file: 'statistics.yaml', line: 4 },
      message: '八（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）: 35000 万元 is 3.5 亿元 — an amount in 元 written where the form asks for 万元?',
      hint: 'write it in 万元 (35000 元 is 3.5 万元), or leave it if it is 3.5 亿元',
    }]);
    expect(checkStatistics(full('  s8_4: 3.5\n  s7: 9999\n')).filter((x) => x.message.includes('亿元'))).toEqual([]);
    // the 2021 form's 行政事业性收费 of a whole government runs to 亿元: not asked (a review)
    expect(checkStatistics(sample2021((t) => { (t.t2 as Record<string, Record<string, number>>).fees!.amount = 25800.5; })).filter((x) => x.message.includes('亿元'))).toEqual([]);
    // the file gongwen new writes says the unit where the label does not
    const yaml = statisticsYaml(loadTemplate('gov-2014')!, {}, [], true);
    expect(yaml).toMatch(/^ {2}s7: +# 七、依申请公开信息收取的费用（单位：万元）$/m);
    expect(yaml).toMatch(/^ {2}s8_4: +# 八（四）政府信息公开专项经费.*经费）（单位：万元）$/m);
    expect(yaml).toMatch(/^ {2}s3_1: +# 三（一）收到申请数$/m);
    // (the 2021 form's label says it already)
    expect(statisticsYaml(loadTemplate('gov-2021')!, {}, [], true)).not.toContain('（单位：万元）（单位：万元）');
  });

  it('finds nothing wrong in the Shangqiu figures but their gaps', () => {
    const text = readFileSync(path.join(ROOT, 'content/shangqiu-2017/statistics.yaml'), 'utf8');
    const findings = checkStatistics(parseStatistics(text, 'statistics.yaml'));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/incomplete, 40 of 58 cells are empty/);
    // at the "values:" line, where the rows left out would go (no line: adversarial audit)
    expect(findings[0].loc.line).toBe(text.split('\n').indexOf('values:') + 1);
  });
});

describe('messages with what to fix', () => {
  it('tells how to write tables and rows that are not mappings, and pdfa that is not true or false', () => {
    const fails = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return ''; };
    expect(fails(() => parseStatistics('template: gov-2021\ntables: 5\n', 'statistics.yaml'))).toMatch(/statistics\.yaml:2: "tables" must be a mapping\n {2}fix: write each table on a line of its own under "tables:"/);
    expect(fails(() => parseStatistics('template: gov-2021\ntables:\n  t2: 5\n', 'statistics.yaml'))).toMatch(/statistics\.yaml:3: table t2 must be a mapping\n {2}fix: write its rows on lines of their own under "t2:"/);
    // a table or a row with nothing under it is empty, as {} is: the table incomplete (a statistics audit)
    const bare = parseStatistics('template: gov-2021\ntables:\n  t3:\n    carried_over:\n    new_received: {natural: 1}\n  t4:\n', 'statistics.yaml');
    expect(bare.values).toEqual({ 't3.new_received.natural': 1 });
    expect(checkStatistics(bare).map((f) => f.message)).toContainEqual(expect.stringMatching(/incomplete/));
    // the first empty cell at its bare row's line (a review: it was the first row's)
    const row = parseStatistics('template: gov-2021\ntables:\n  t3:\n    new_received: {natural: 1, commercial: 0, research: 0, welfare: 0, legal_service: 0, other_org: 0, total: 1}\n    carried_over:\n', 'statistics.yaml');
    expect(row.places?.['t3.carried_over.natural']).toBe(5);
    const dir = makeReport({ 'g.yaml': 'pdfa: yes\n' });
    expect(fails(() => readConfig(path.join(dir, 'g.yaml')))).toMatch(/g\.yaml:1: pdfa must be true or false\n {2}fix: write pdfa: true for PDF\/A-2b output/);
  });
});

describe('the 2021 tables', () => {
  it('passes the complete, consistent sample', () => {
    expect(checkStatistics(sample2021(() => {}))).toEqual([]);
  });

  it('makes the printed balance rule of 表三 an error', () => {
    const s = sample2021((t) => {
      const t3 = t.t3 as Record<string, Record<string, number>>;
      t3.carried_forward.natural += 1;
      t3.carried_forward.total += 1;
    });
    const errors = messages(checkStatistics(s), 'error');
    expect(errors).toHaveLength(2); // 自然人 and 总计 columns
    expect(errors[0]).toMatch(/^表三 一、本年新收政府信息公开申请数量 \/ 自然人 \+ 表三 二、上年结转政府信息公开申请数量 \/ 自然人 = \d+, but 表三 三（七）总计 \/ 自然人 \+ 表三 四、结转下年度继续办理 \/ 自然人 = \d+ \(a difference of 1\)$/);
    // any of its four figures may be the one that is wrong: the fix names their lines, not only the 总计's
    const found = checkStatistics(s).find((f) => f.severity === 'error')!;
    const lines = ['new_received', 'carried_over', 'results_total', 'carried_forward'].map((row) => s.lines[`t3.${row}.natural`]!).sort((a, b) => a - b);
    expect(new Set(lines).size).toBe(4);
    expect(found.hint).toContain(`its figures are at lines ${lines.join(', ')}`);
  });

  it('points at the likely culprit, naming it once when it is the other rule\'s own total', () => {
    // a part off: the balance rule of its column and the row total share that part
    const part = checkStatistics(sample2021((t) => { (t.t3 as Record<string, Record<string, number>>).new_received.commercial += 1; }))
      .find((f) => f.severity === 'error')!;
    expect(part.hint).toMatch(/^表三 一、本年新收政府信息公开申请数量 \/ 商业企业 \(this line\) is in this rule and in 表三 一、本年新收政府信息公开申请数量 \/ 总计, which is off by as much/);
    // the total itself off: the balance rule of the 总计 column and the row total share the total
    const total = checkStatistics(sample2021((t) => { (t.t3 as Record<string, Record<string, number>>).new_received.total += 1; }))
      .find((f) => f.severity === 'error')!;
    expect(total.hint).toBe('表三 一、本年新收政府信息公开申请数量 / 总计 (this line) is in this rule, and its own parts add up to 271, not 272: correct it, or the part that is wrong');
  });

  it('points two columns off by as much each way at the row whose figures were typed in each other\'s place (a 2019-form trial: both findings were at the 总计 row)', () => {
    const swapped = sample2021((t) => {
      const granted = (t.t3 as Record<string, Record<string, number>>).granted;
      [granted.natural, granted.commercial] = [granted.commercial, granted.natural];
    });
    const off = checkStatistics(swapped).filter((f) => /三（七）总计 \/ (自然人|商业企业):/.test(f.message));
    expect(off).toHaveLength(2);
    for (const f of off) {
      expect(f.loc.line).toBe(Math.min(swapped.lines['t3.granted.natural']!, swapped.lines['t3.granted.commercial']!));
      expect(f.hint).toBe('表三 三（一）予以公开 / 自然人 (11) and 表三 三（一）予以公开 / 商业企业 (102) may be in each other\'s place: the two columns are off by 91 each way, and that row\'s figures differ by just that');
    }
  });

  it('points two warnings that share one figure at it, not at the column total that is right (statistics audit)', () => {
    const t3 = (t: Record<string, unknown>) => t.t3 as Record<string, Record<string, number>>;
    const lineOf = (s: { lines: Record<string, number> }, key: string) => s.lines[key]!;
    // a row's total one short: its row rule and （七）总计's column rule are off by one, and share that total
    const short = sample2021((t) => { t3(t).denied_third_party.total -= 1; });
    const found = checkStatistics(short);
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    const column = found.find((f) => f.message.startsWith('表三 三（七）总计 / 总计'))!;
    expect(column.loc.line).toBe(lineOf(short, 't3.denied_third_party.total'));
    expect(column.hint).toMatch(/^表三 三（三）4\.保护第三方合法权益 \/ 总计 \(this line\) is one of its parts, and its own parts add up to \d+, not \d+: correct it/);
    const row = found.find((f) => f.message.startsWith('表三 三（三）4.保护第三方合法权益 / 总计'))!;
    expect(row.loc.line).toBe(lineOf(short, 't3.denied_third_party.total'));
    expect(row.hint).toBe('表三 三（三）4.保护第三方合法权益 / 总计 (this line) is also one of the parts of 表三 三（七）总计 / 总计, which is off by as much: correct it, or the part that is wrong');
    // a part one over: its row's total and its column's （七）总计 both point at it
    const over = sample2021((t) => { t3(t).denied_third_party.natural += 1; });
    const both = checkStatistics(over);
    expect(both).toHaveLength(2);
    for (const f of both) {
      expect(f.loc.line).toBe(lineOf(over, 't3.denied_third_party.natural'));
      expect(f.hint).toMatch(/^表三 三（三）4\.保护第三方合法权益 \/ 自然人 \(this line\) is one of its parts and also one of the parts of 表三 三（(?:七）总计|三）4\.保护第三方合法权益) \/ (?:自然人|总计), which is off by as much: correct it$/);
    }
    // （七）总计 / 自然人 one over: its row's total, its column's and the form's balance (an error) all hold it, and all point at it
    const seven = sample2021((t) => { t3(t).results_total.natural += 1; });
    const three = checkStatistics(seven);
    expect(three.map((f) => f.severity).sort()).toEqual(['error', 'warning', 'warning']);
    for (const f of three) expect(f.loc.line).toBe(lineOf(seven, 't3.results_total.natural'));
    expect(three.find((f) => f.severity === 'error')!.hint).toMatch(/^表三 三（七）总计 \/ 自然人 \(this line\) is in this rule, and its own parts add up to \d+, not \d+: correct it/);
    expect(three.find((f) => f.message.startsWith('表三 三（七）总计 / 自然人:'))!.hint).toMatch(/^表三 三（七）总计 \/ 自然人 \(this line\) is also one of the parts of 表三 三（七）总计 \/ 总计 and in the form's rule .*, which are off by as much: correct it, or the part that is wrong$/);
    // （七）总计 / 总计 off: the total of its row and of its column, each named as that (it was "also
    // one of the parts of 表三 三（七）总计 / 总计", itself: an aggregation audit)
    const corner = sample2021((t) => { t3(t).results_total.total += 731; });
    const hints = checkStatistics(corner).filter((f) => f.severity === 'warning').map((f) => f.hint);
    expect(hints).toHaveLength(2);
    for (const h of hints) expect(h).not.toContain('one of the parts of 表三 三（七）总计 / 总计');
    expect(hints).toContainEqual(expect.stringMatching(/^表三 三（七）总计 \/ 总计 \(this line\) is also the total of its 21 parts \(表三 三（一）予以公开 \/ 总计 … 表三 三（六）3\.其他 \/ 总计\) and in the form's rule /));
    expect(hints).toContainEqual(expect.stringMatching(/^表三 三（七）总计 \/ 总计 \(this line\) is also the total of its 6 parts \(表三 三（七）总计 \/ 自然人 … 表三 三（七）总计 \/ 其他\) and in the form's rule /));
  });

  it('checks row totals (derived: a warning) across the applicant columns', () => {
    const s = sample2021((t) => { (t.t3 as Record<string, Record<string, number>>).granted.research = 5; });
    const warnings = messages(checkStatistics(s), 'warning');
    expect(warnings).toContain(`表三 三（一）予以公开 / 总计: its 6 parts add up to ${(parse(SAMPLE_2021).tables.t3.granted.total as number) + 5}, the total says ${parse(SAMPLE_2021).tables.t3.granted.total} (the parts 5 over)`);
  });

  it('checks 表四 group totals', () => {
    const s = sample2021((t) => { (t.t4 as Record<string, number>).review_total += 2; });
    expect(messages(checkStatistics(s), 'warning')[0]).toMatch(/^表四 行政复议·总计: its \d+ parts add up to \d+, the total says \d+ \(the parts 2 short\)$/);
  });

  it('reports empty cells as incomplete', () => {
    const s = sample2021((t) => { delete (t.t4 as Record<string, number>).direct_other; });
    const w = messages(checkStatistics(s), 'warning');
    expect(w).toEqual(['四、政府信息公开行政复议、行政诉讼情况: incomplete, 1 of 15 cells are empty (表四 行政诉讼·未经复议直接起诉·其他结果)']);
    // at the line of the first empty cell, where the file has one (as gongwen new writes them: "direct_other:")
    const blank = parseStatistics(SAMPLE_2021.replace(/(\n\s+direct_other:) \d+/, '$1'), 'statistics.yaml');
    const f = checkStatistics(blank).find((x) => x.message.includes('incomplete'))!;
    expect(f.loc).toEqual({ file: 'statistics.yaml', line: SAMPLE_2021.split('\n').findIndex((l) => /^\s+direct_other:/.test(l)) + 1 });
    // a row written in { } that leaves cells out: at that row's line
    const flow = 'template: gov-2021\ntables:\n  t4: { review_upheld: 3 }\n  t3:\n    new_received: {natural: 8, commercial: 1, research: 0, welfare: 0, legal_service: 0, other_org: 0, total: 9}\n    carried_over: {natural: 4, total: 4}\n';
    const left = checkStatistics(parseStatistics(flow, 'statistics.yaml')).filter((x) => x.message.includes('incomplete'));
    expect(left.map((x) => [x.message.slice(0, 2), x.loc.line])).toEqual([['二、', 2], ['三、', 6], ['四、', 3]]); // 表二 not written: at tables:
  });

  it('warns of full-width digits in the title, at its line', () => {
    expect(lintTitleDigits('某县２０２３年政府信息公开工作年度报告', { file: 'report.md', line: 2 })).toEqual([{
      severity: 'warning', loc: { file: 'report.md', line: 2 }, message: '"２０２３" is written in full-width digits',
      hint: 'write the figures in ASCII digits: 2023 (switch the input method to half-width for digits)',
    }]);
    expect(lintTitleDigits('某县2023年政府信息公开工作年度报告', { file: 'report.md', line: 2 })).toEqual([]);
  });

  it('warns of Word\'s bullets pasted with a list, and of a heading typed without #, with the heading it should be', () => {
    const para = (text: string, line = 9): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }], loc: { file: 'report.md', line } });
    const bullets = lintText([para('• 一是强化日常检查；• 二是强化考核。')]);
    expect(bullets.map((f) => f.message)).toEqual(['"• 一是强化日常检查；• 二是强…": a bullet pasted from Word (•) is printed as typed, and lines that begin with one run together into one paragraph']);
    expect(lintText([para('本局●重点工作。'), para('分值3•5分。')])).toEqual([]);
    // straight before Chinese text too, each named as typed (●加强培训。 printed under --strict without a word, a newcomer)
    expect(lintText([para('●加强培训。●规范答复。'), para('■ 强化监督。')]).map((f) => f.message)).toEqual([
      '"●加强培训。●规范答复。…": a bullet pasted from Word (●) is printed as typed, and lines that begin with one run together into one paragraph',
      '"■ 强化监督。…": a bullet pasted from Word (■) is printed as typed, and lines that begin with one run together into one paragraph',
    ]);
    // not a box or a check mark in a sentence (a review)
    expect(lintText([para('是否已公开：□是 ■否。'), para('完成。✓已完成全部任务。'), para('工作要点：●加强培训。')])).toEqual([]);
    const typed = lintPastedHeadings([para('一、工作要点'), para('（二）政府信息管理', 11), para('3.平台建设', 12), para('（1）专栏', 13)]);
    expect(typed.map((f) => [f.loc.line, f.hint!.split(': "')[1]])).toEqual([[9, '# 工作要点"'], [11, '## 政府信息管理"'], [12, '### 平台建设"'], [13, '#### 专栏"']]);
    // a part numbered 第一部分 (some reports number their parts so), with a space or a colon
    const parts = lintPastedHeadings([para('第一部分 总体情况', 20), para('第二部分：主动公开政府信息情况', 22), para('第三章', 24)]);
    expect(parts.map((f) => [f.loc.line, f.hint!.split(': "')[1]])).toEqual([[20, '# 总体情况"'], [22, '# 主动公开政府信息情况"'], [24, '# "']]);
    expect(lintPastedHeadings([para('第一部分为总体情况'), para('第一部分说明了全年工作。')])).toEqual([]);
    // a range of numbers is a sentence about them (a text audit)
    expect(lintPastedHeadings([para('（一）至（三）项均已落实'), para('1—3项已整改到位'), para('一、二级公路')])).toEqual([]);
    // sentences, long lines and counts are text
    expect(lintPastedHeadings([para('1.加强培训。'), para('一、二季度共发布信息120条'), para('（一）加强领导，落实责任'), para('2021年工作'), para(`一、${'很长'.repeat(25)}`), para('（一）主动公开情况如下：')])).toEqual([]);
  });

  it('warns of a title with a stray quote or an unmatched bracket', () => {
    const at = { file: 'report.md', line: 2 };
    expect(lintTitleMarks('某县2023年政府信息公开工作年度报告"', at)[0]!.message).toBe('the title "某县2023年政府信息公开工作年度报告"" has a stray quote: it is printed as typed on the first page and in the PDF\'s title');
    expect(lintTitleMarks('某县《条例》实施情况（2023年', at)[0]!.message).toContain('an unmatched bracket');
    for (const ok of ['某县2023年政府信息公开工作年度报告', '某县“放管服”改革情况报告', '某县（区）2023年年度报告']) expect(lintTitleMarks(ok, at), ok).toEqual([]);
  });

  it('warns of a 文号 not written as GB/T 9704 §7.2.5 asks, with the 文号 it should be', () => {
    const at = { file: 'report.md', line: 6 };
    const one = (docNo: string) => lintDocNo(docNo, at).map((f) => `${f.message} | ${f.hint}`).join('\n');
    expect(one('某政办〔23〕5号')).toBe('the 文号 "某政办〔23〕5号": its year "23" is not written in full (〔2023〕) | write "某政办〔2023〕5号" (GB/T 9704 §7.2.5: the year in full in 〔 〕, the sequence number with no 第 and no leading zero, then 号)');
    expect(one('某政办〔2023〕第05号')).toMatch(/^the 文号 "某政办〔2023〕第05号": the sequence number has 第 before it; the sequence number "05" has a leading zero \(5号\) \| write "某政办〔2023〕5号"/);
    expect(one('某政办（2023）５')).toMatch(/: the sequence number is not followed by 号 \| write "某政办〔2023〕5号"/);
    expect(one('某政办〔202〕5号')).toMatch(/its year "202" is not written in full \(four digits\) \| write it as 机关代字〔年份〕序号号/);
    expect(lintDocNo('某政办〔23〕5号', at)[0].loc).toEqual(at);
    // as the standard writes them, a portal's own numbering without a bracketed year, and none
    for (const ok of ['国办公开办函〔2021〕30号', '某政办〔2023〕5号', '某政办〔2023〕105号', 'GK-2023-001', '']) expect(one(ok), ok).toBe('');
    expect(lintDocNo(undefined, at)).toEqual([]);
  });
});

describe('the form of each report year', () => {
  it('is, by templateForYear, the one national template whose years cover it (the code\'s year ranges and the templates\' agree)', () => {
    const national = availableTemplates().map((id) => loadTemplate(id)!).filter((t) => /^gov-\d{4}$/.test(t.id));
    for (let year = 2014; year <= 2040; year++) {
      const covering = national.filter((t) => formCovers(t, year)).map((t) => t.id);
      expect(covering, String(year)).toEqual([templateForYear(year)]);
    }
  });
});

describe('an incomplete table', () => {
  it('is reported at its first empty cell\'s place, a { } row that leaves it out before a later cell written empty (a 2019-form audit)', () => {
    const text = SAMPLE_2021
      .replace('normative_documents: {made: 6, repealed: 2, valid: 31}', 'normative_documents: {made: 6, valid: 31}')
      .replace('fees: {amount: 126.35}              # 万元', 'fees:\n      amount:');
    const stats = parseStatistics(text, 'statistics.yaml');
    const [f] = checkStatistics(stats).filter((x) => x.message.includes('incomplete'));
    expect(f!.loc.line).toBe(text.split('\n').findIndex((l) => l.includes('normative_documents:')) + 1);
  });
});

describe('numbers in the text', () => {
  const para = (text: string): Block[] => [{ type: 'paragraph', inlines: [{ type: 'text', text }], loc: { file: 'report.md', line: 9 } }];

  it('checks what is typed in a Markdown table\'s cells, each at its row\'s line: a 【待填写】 there was published under --strict (a text audit); a label spaced out, 项　　目, is a Word table\'s way (a review)', () => {
    const cell = (t: string) => [{ type: 'text' as const, text: t }];
    const table: Block = { type: 'table', header: [cell('项　　目'), cell('数量')], rows: [[cell('申请'), cell('【待填写】')], [cell('办结'), cell('１２')]], align: ['left', 'left'], loc: { file: 'report.md', line: 20 } };
    const findings = lintText([table]);
    expect(findings.map((f) => [f.loc.line, f.message.slice(0, 40)])).toEqual([
      [22, expect.stringContaining('【待填写】')],
      [23, expect.stringContaining('１２')],
    ]);
  });

  it('warns of items numbered by hand on lines of their own, which Markdown joins into one paragraph (a 2021-form trial: printed …事件。2、加强… without a word)', () => {
    const lines = (text: string): Block[] => [{ type: 'paragraph', inlines: [{ type: 'text', text: text.replace(/\n/g, '') }], sourceLines: text.split('\n'), loc: { file: 'report.md', line: 40 } }];
    for (const [one, two, heading] of [['1、', '2、', '###'], ['1.', '2.', '###'], ['（1）', '（2）', '####']] as const) {
      const found = lintPastedHeadings(lines(`${one}健全信息发布审查机制。严格落实制度，全年未发生泄密事件。\n${two}加强政策文件清理。对文件逐件梳理。`));
      expect(found, one).toEqual([{
        severity: 'warning', loc: { file: 'report.md', line: 41 },
        message: `"${two}加强政策文件清理。对文件逐件梳理。" is an item numbered by hand on a line of its own: Markdown joins it to the line above, so the items are printed as one paragraph`,
        hint: `leave a blank line before it (each item a paragraph), or write each as a heading over its text, "${heading} 加强政策文件清理。" (gongwen numbers them)`,
      }]);
    }
    // a list run into its sentence (after ：), a figure that starts a line, a number out of sequence: none
    expect(lintPastedHeadings(lines('主要做法：\n1、加强领导。\n2、完善制度。'))).toEqual([]);
    expect(lintPastedHeadings(lines('全年共办理申请。\n2、3月份集中办理。'))).toEqual([]);
    expect(lintPastedHeadings(lines('1、加强领导。\n3、完善制度。'))).toEqual([]);
  });

  it('warns of a statistics period of another year than the report\'s, the sentence most often left from last year\'s file (a 2021-form trial)', () => {
    const text = '本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。';
    expect(lintStatisticsPeriod(para(text), 2024)).toEqual([{
      severity: 'warning', loc: { file: 'report.md', line: 9 },
      message: 'the statistics period "2023年1月1日起至2023年12月31日" is not the report\'s year, 2024 (year: 2024)',
      hint: 'write 2024年1月1日 to 2024年12月31日 (a file copied from last year\'s keeps the old period), or correct year:',
    }]);
    expect(lintStatisticsPeriod(para(text), 2023)).toEqual([]);
    expect(lintStatisticsPeriod(para('报告中数据统计时间为２０２４年１月１日至１２月３１日。'), 2023)).toHaveLength(1);
    // a plan's own years, in no sentence on the figures; figures set against last year's
    expect(lintStatisticsPeriod(para('实施三年行动计划（2021年1月1日至2023年12月31日）。'), 2022)).toEqual([]);
    expect(lintStatisticsPeriod(para('本年度统计数据与上年（2023年1月1日至2023年12月31日）相比均有增长。'), 2024)).toEqual([]);
    // 起，至 (the Shangqiu report's words) and dashes (a review)
    for (const typed of ['数据统计期限自2016年1月1日起，至2016年12月31日止。', '统计时间：2016年1月1日——2016年12月31日。', '统计时间为2016年1月1日–12月31日。']) {
      expect(lintStatisticsPeriod(para(typed), 2017), typed).toHaveLength(1);
    }
  });

  it('warns of a . left between Chinese characters, a sentence end or a name\'s 间隔号 that cannot be told apart (a text audit)', () => {
    expect(lintText(para('主办：县政府.承办：县政务公开办。')).map((f) => f.message)).toEqual(['"县政府.承办": a . between Chinese characters is printed as typed']);
    expect(lintText(para('访问政府网.中国查询。'))).toEqual([]);
    // a name in a longer sentence: left by punctuation, asked about here
    const name = normalizePunctuation('邀请美国专家约翰.史密斯作专题讲座。');
    expect(lintText(para(name)).map((f) => f.message)).toEqual(['"专家约翰.史密斯作": a . between Chinese characters is printed as typed']);
  });

  it('warns of a level-3 heading that starts with a figure, which its number runs into (1.5G基站建设 reads as 1.5: a text audit)', () => {
    const heading = (text: string, number: string): Block => ({ type: 'heading', level: 3, number, inlines: [{ type: 'text', text }], loc: { file: 'report.md', line: 30 } });
    const [f, ...more] = lintText([heading('5G基站建设', '1.'), heading('推进5G基站建设', '2.'), { ...heading('12345热线运行', '（1）'), level: 4 }]);
    expect(more).toEqual([]);
    expect([f?.loc.line, f?.message]).toEqual([30, 'the heading prints as "1.5G基站建设", which reads as the decimal 1.5']);
    // a figure with its unit or a date's reads as that (a review)
    expect(lintText([heading('2022年工作打算', '1.'), heading('10个重点领域信息公开', '2.')])).toEqual([]);
  });

  it('warns of a decimal typed without its 0 (下降.5个百分点), with the figure to write', () => {
    const findings = lintText(para('办结率同比下降.5个百分点，占比提高.8%。'));
    expect(findings.map((f) => [f.severity, f.message, f.hint])).toEqual([['warning', '".5", ".8": a decimal without its 0', 'write 0.5, 0.8; or, where a sentence ends before the figure, 。 for the .']]);
    expect(lintText(para('办结率同比下降0.5个百分点。'))).toEqual([]);
    expect(lintText(para('收取费用共计.5万元。')).map((f) => f.hint)).toEqual(['write 0.5; or, where a sentence ends before the figure, 。 for the .']);
  });

  it('checks a share against the whole it belongs to', () => {
    expect(lintNumbers(para('共收到申请301件，其中网络申请103件，占34%，其他方式申请198件，占66%。'))).toEqual([]);
    const [f] = lintNumbers(para('共收到申请301件，其中同意公开239件，占80%；部分公开16件，占5%；不予公开6件，占2%；其他40件，占13%。'));
    expect(f.message).toBe('"239件，占80%": 239 / 301 = 79.4%, not 80%');
    expect(f.loc.line).toBe(9);
  });

  it('reads figures typed in full-width digits too, quoting them as written, and warns of them', () => {
    const text = '全年共主动公开政府信息１，２３６条，其中政策文件８７条，占１７％。';
    const [f] = lintNumbers(para(text));
    expect(f?.message).toBe('"８７条，占１７％": 87 / 1236 = 7.0%, not 17%');
    expect(lintNumbers(para('共２７１件，其中自然人２３６件，占８７．１％。'))).toEqual([]);
    const [digits] = lintFullWidthDigits(para(text));
    expect(digits?.message).toBe('"１，２３６", "８７", "１７" are written in full-width digits');
    expect(digits?.hint).toMatch(/^write the figures in ASCII digits: 1,236, 87, 17/);
    expect(lintFullWidthDigits(para('共收到申请301件，占100％。'))).toEqual([]); // (a full-width ％ alone is no full-width digit)
    // a figure typed with the ASCII point among full-width digits is one figure (it was "４３", "９": a text audit)
    expect(lintFullWidthDigits(para('其中１１９件予以公开，占４３.９％。'))[0]?.hint).toMatch(/^write the figures in ASCII digits: 119, 43\.9 /);
    expect(lintFullWidthDigits(para('分别为１２，15，18件。'))[0]?.message).toBe('"１２" is written in full-width digits');
    // ASCII digits right beside full-width ones are one figure, named whole (it was "０": a 2014-form trial)
    const mixed = lintFullWidthDigits(para('当面申请2０件，网络申请3５件。'))[0];
    expect(mixed?.message).toBe('"2０", "3５" are written in full-width digits');
    expect(mixed?.hint).toMatch(/^write the figures in ASCII digits: 20, 35 /);
  });

  it('warns of emphasis written with underscores beside Chinese text, which prints them', () => {
    const [f] = lintUnderscores(para('__加粗__与_强调_。'));
    expect(f?.message).toMatch(/an underscore beside Chinese text is printed as typed/);
    expect(f?.hint).toMatch(/\*\*bold\*\*/);
    expect(lintUnderscores(para('联系邮箱：qinghe_gk@example.com，文件名report_2021.pdf。'))).toEqual([]);
    // one underscore by a Chinese name, a blank to fill in: no emphasis meant
    expect(lintUnderscores(para('下载年报_2021.pdf，联系人：____，见《示例_通知》。'))).toEqual([]);
    expect(lintUnderscores(para('这是_强调_的写法。'))).toHaveLength(1);
  });

  it('warns of a \\ at the end of a paragraph, which breaks no line and is printed (a layout audit), not of one that ends a path (a review)', () => {
    const report = readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n以反斜杠结尾的段落。\\\n\n地址：某路1号\\\n电话：0000-1234567\n\n材料已存放于共享目录D:\\政务公开\\2021年报\\\n` }));
    expect(lintText(report.blocks).map((f) => `${f.loc.line}: ${f.message} | ${f.hint}`)).toEqual([
      '8: "以反斜杠结尾的段落。\\": a \\ at the end of a paragraph is printed as typed (it breaks a line only before another line of the paragraph) | delete the \\',
    ]);
  });

  it('warns of a formula in LaTeX, which prints as typed, and takes its braces for no reference (a bad-input audit: {a} was to be written {{a}})', () => {
    const body = ['增长率为$\\frac{a}{b}$，其中a为本年数。', '', '\\begin{equation}x=1\\end{equation}', '', '共{t2.licensing.decisions}件，费用$5元。'].join('\n');
    const dir = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${body}\n` });
    // the one brace pair that names a cell is still an error; LaTeX's are not
    const error = (() => { try { loadChecked(dir); } catch (e) { return (e as Error).message; } return ''; })();
    expect(error).toMatch(/report\.md:12: "\{t2\.licensing\.decisions\}" has one brace on each side/);
    expect(error).not.toMatch(/"\{[ab]\}"/);
    const latex = readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${body.split('\n').slice(0, 3).join('\n')}\n` }));
    // (a formula without a command, $x^2$, too)
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n面积为$x^2$平方米。\n` })).blocks).map((f) => f.message)).toEqual(['"$x^2$": a formula in LaTeX is printed as typed: gongwen typesets no formulas']);
    const found = lintText(latex.blocks).map((f) => `${f.loc.line}: ${f.message} | ${f.hint}`);
    expect(found).toEqual([
      '8: "$\\frac{a}{b}$": a formula in LaTeX is printed as typed: gongwen typesets no formulas | write the formula as text, with × ÷ and /: 增长率＝（本年数−上年数）÷上年数×100%',
      '10: "\\begin{": a formula in LaTeX is printed as typed: gongwen typesets no formulas | write the formula as text, with × ÷ and /: 增长率＝（本年数−上年数）÷上年数×100%',
    ]);
    // a dollar sign alone is no formula, nor a Windows path that holds a command's name (a review)
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n收费$5，另收$3。\n\n文件存放于C:\\Users\\right\\Documents目录。\n` })).blocks)).toEqual([]);
  });

  it('warns of Markdown gongwen does not read, which prints as typed: footnotes, links by reference, checkboxes, a lone **, a line of === (adversarial audit)', () => {
    const body = ['本年度未收取[信息处理费][fee]。', '', '[fee]: https://example.com/a', '', '费[^1]。', '', '本年度未收取**信息处理费。', '', '其他事项', '========', '',
      '- [ ] 待办', '- 第二项，*强调*与**加粗**。', '', '见[政府网站](https://example.com)，[此处]为原文所有。'].join('\n');
    const report = readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${body}\n` }));
    const found = lintText(report.blocks).map((f) => `${f.loc.line}: ${f.message}`);
    expect(found).toEqual([
      '8: "[信息处理费][fee]": a link by reference is printed as typed',
      '10: "[fee]: https://example.c…": a link definition is printed as typed',
      '12: "[^1]": a footnote mark is printed as typed: gongwen prints no footnotes',
      '14: "**": a ** without its pair is printed as typed',
      '16: "========": a line of === under a line of text is printed as typed',
      '19: "[ ]": a checkbox is printed as typed',
    ]);
    // none for what a report means so: citations, masked names and numbers, a power, === alone,
    // what the writer escaped (review, QA)
    const clean = ['研究表明[1][2]，见[3, 4][5]。', '', '申请人张**。', '', '身份证号4101********1234，2**3=8，星号***表示重要。', '', '==== 分隔 ====', '',
      '====================', '', '本年度未收取\\*\\*信息处理费，见\\[注\\]\\[1\\]。'].join('\n');
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${clean}\n` })).blocks).map((f) => f.message)).toEqual([]);
    // escaped marks pass where they print, in headings, list items and run-in text too; a ** beside
    // escaped stars and a bold pair passes; an unescaped [^2] after an escaped one is warned of (review)
    const escapes = ['见\\[^1]说明，张\\*\\*和李\\*\\*的申请**已办结**。', '', '见\\[^1\\]说明，', '另见[^2]。', '', '## 关于\\*\\*信息', '', '正文。', '', '- 未收取\\*\\*费'].join('\n');
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${escapes}\n` })).blocks).map((f) => `${f.loc.line}: ${f.message.split(':')[0]}`)).toEqual(['10: "[^2]"']);
    // an escaped mark passes only itself: the marks typed unescaped beside it are warned of (README audit)
    const mixed = ['见\\[注\\]与脚注[^1]。', '', '计算\\*与2*3和4*5。', '', '2**3与4**5。'].join('\n');
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${mixed}\n` })).blocks).map((f) => `${f.loc.line}: ${f.message.split(':')[0]}`)).toEqual([
      '8: "[^1]"',
      '10: "算*与2*3和4*5。"',
      // (quoted as typed: ** around bold)
      '12: "2**3与4**5。"',
    ]);
  });

  it('warns of a * between letters or figures, which Markdown reads as emphasis (a product, 2*3, lost its * and set in 楷体: QA)', () => {
    const body = ['即a*b=c，2*3=6。', '', '本年度*重点*工作，发布*v2.0*版，**加粗**文字，共*15*件，*重点工作、主要任务*已完成。', '', '1. 计算2*3*4。', '',
      '星号\\*表示2\\*3。', '', '本年度获评A*级单位3家，另有B*级单位2家。', '', '申请人王*某、李*某，身份证号4101****1234。', '', '价格为5*3元，共*15*件。'].join('\n');
    const found = lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${body}\n` })).blocks).map((f) => `${f.loc.line}: ${f.message.replace(/: a \* between.*$/, '')}`);
    expect(found).toEqual([
      '8: "即a*b=c，2*3=6。"',
      '12: "计算2*3*4。"',
      // (a grade, A*级, and masked names, 王*某、李*某, dropped their * without a word: review)
      '16: "度获评A*级单位3家，另有B*级单位2"',
      '18: "申请人王*某、李*某，身份"',
      // (a product's * paired with the next emphasis's: 价格为53元，共15*件 printed)
      '20: "价格为5*3元，共*15*件"',
    ]);
    // emphasis meant beside figures and Latin words, and over a list, passes (review); a heading
    // and a * opening on a mark are looked at too
    const meant = ['做好12345*政务服务便民热线*工作，推广*皖事通*APP，建成5G*智慧政务*示范点。', '', '全面推行*一网通办*2.0版，重点公开*教育、医疗*等领域，全年公开文件*1,234*件。',
      '', '# 3A*级景区和4A*级景区', '', '注*：数据为初步统计，*号表示估计数。'].join('\n');
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${meant}\n` })).blocks).map((f) => `${f.loc.line}: ${f.message.split(':')[0]}`)).toEqual([
      '12: "3A*级景区和4A*级景区"',
      '14: "注*：数据为初步统计，*号表示估"',
    ]);
    // masked names over 和 or with two characters, and run-in text, are looked at too (review)
    const more = ['申请人王*某和李*某。', '', '王*某某、李*某某。', '', '## 加强管理。', '价格为5*3元，共*15*件。'].join('\n');
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n# 总体\n\n${more}\n` })).blocks).map((f) => `${f.loc.line}: ${f.message.split(':')[0]}`)).toEqual([
      '10: "申请人王*某和李*某。"',
      '12: "王*某某、李*某某。"',
      '15: "价格为5*3元，共*15*件"',
    ]);
    // (run-in text, joined to its heading when the report is read for a build: at the heading's line)
    const runIn = reviewReport(loadReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n# 总体\n\n## 加强管理。\n价格为5*3元，共*15*件。\n` })), openFontSet());
    expect(runIn.filter((f) => f.message.includes('read as emphasis')).map((f) => `${f.loc.line}: ${f.message.split(':')[0]}`)).toEqual(['10: "价格为5*3元，共*15*件"']);
    // (a masked name and a masked number in one paragraph pair up: 张**，身份证号4101** is bold)
    expect(lintText(readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n申请人张**，身份证号4101********1234。\n` })).blocks).map((f) => f.message.split(':')[0])).toEqual([
      '"申请人张**，身份证号4101******"',
    ]);
  });

  it('refuses a heading or a table inside a list item, and says --- under a line of text is a heading written the other way', () => {
    const error = (body: string) => {
      try {
        readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n${body}\n` }));
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(error('- # 标题\n- 二')).toMatch(/report\.md:8: a heading inside a list item \(- # …\) cannot be printed/);
    expect(error('- 一\n\n  | a | b |\n  | --- | --- |\n  | 1 | 2 |')).toMatch(/report\.md:10: a table inside a list item cannot be printed/);
    expect(error('- 一\n\n  > 引用')).toMatch(/report\.md:10: a quotation block \(>\) cannot be printed in a 公文/);
    // all of a list's at once, each at its line (one at a time before: README audit)
    try {
      readReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n- 一\n  > 引用\n- ## 标题\n- ## 标题二\n- 五\n\n  | a | b |\n  | --- | --- |\n  | 1 | 2 |\n\n正文。\n` }));
      throw new Error('expected input errors');
    } catch (e) {
      expect((e as Error).message.split('\n').filter((l) => !l.startsWith('  fix')).map((l) => l.replace(/^.*report\.md:/, ''))).toEqual([
        '9: a quotation block (>) cannot be printed in a 公文',
        '10: a heading inside a list item (- # …) cannot be printed: GB/T 9704 numbers headings, not list items',
        '11: a heading inside a list item (- # …) cannot be printed: GB/T 9704 numbers headings, not list items',
        '14: a table inside a list item cannot be printed',
      ]);
    }
    expect(error('其他\n---')).toMatch(/report\.md:9: a line of --- under "其他" \(Markdown's other way to mark a heading\) cannot be printed\n {2}fix: write the heading with # before it/);
    expect(error('段落。\n\n---')).toMatch(/report\.md:10: a horizontal rule \(---\) cannot be printed in a 公文/);
    // (under a # heading or a list item, --- is a rule: no heading written the other way, review)
    expect(error('# 标题\n---')).toMatch(/report\.md:9: a horizontal rule \(---\) cannot be printed in a 公文/);
  });

  it('warns of an ASCII quote that punctuation left beside Chinese text (its pair could not be told), not of an inch mark', () => {
    const quotes = (text: string) => lintText([{ type: 'paragraph', inlines: [{ type: 'text', text: normalizePunctuation(text) }], loc: { file: 'report.md', line: 9 } }])
      .filter((f) => f.message.includes('ASCII quote'));
    const [f] = quotes('“放管服"改革和"三公"经费。');
    expect(f?.message).toBe('an ASCII quote " is printed as typed in "“放管服"改革和"三公"经": which quote it pairs with could not be told');
    expect(f?.loc.line).toBe(9);
    expect(quotes('严控"三公"经费，采购10"显示器，“12" 显示器”。')).toEqual([]);
    expect(quotes('见"说明。')).toHaveLength(1);
  });

  it('checks a share in brackets, one written 所占比例为, and counts of 名 and 宗 (a known gap)', () => {
    expect(lintNumbers(para('共收到申请200件，其中网络申请150件（占75%），当面申请50件（占25%）。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请200件，其中网络申请150件（占80%）。'))[0]?.message).toBe('"150件（占80%": 150 / 200 = 75.0%, not 80%');
    expect(lintNumbers(para('共收到申请200件，其中网络申请150件，所占比例为80%。'))[0]?.message).toContain('150 / 200 = 75.0%, not 80%');
    expect(lintNumbers(para('共有工作人员20名，其中专职人员5名，占20%。'))[0]?.message).toContain('5 / 20 = 25.0%, not 20%');
    expect(lintNumbers(para('共办理案件8宗，其中纠错2宗，占25%。'))).toEqual([]);
    // a share of a whole it names, 占全市总量的; a second 其中, of the figure before it with its own share (a review)
    expect(lintNumbers(para('我县共收到政府信息公开申请80件，其中依申请公开60件（占全市总量的7.5%）。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请300件，其中已办结280件（占93.3%），其中按时办结280件（占100%）。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请300件，其中已办结280件，占93.3%，其中按时办结280件，占100%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请300件，其中已办结280件（占93.3%），其中按时办结270件（占100%）。')).map((f) => f.message)).toEqual(['"270件（占100%": 270 / 280 = 96.4%, not 100%']);
  });

  it('uses the figure before 其中 as the whole, and honours one decimal', () => {
    expect(lintNumbers(para('行政复议5件，其中结果纠正1件，占20%。'))).toEqual([]);
    expect(lintNumbers(para('共271件，其中自然人236件，占87.1%。'))).toEqual([]);
    expect(lintNumbers(para('共271件，其中自然人236件，占87.3%。'))[0].message).toContain('236 / 271 = 87.1%, not 87.3%');
    // the whole at the end of the sentence before a sentence that opens with 其中, as reports write it
    expect(lintNumbers(para('本年度新收政府信息公开申请271件。其中，自然人申请236件，占97.1%。'))[0]?.message).toBe('"236件，占97.1%": 236 / 271 = 87.1%, not 97.1%');
    expect(lintNumbers(para('本年度新收政府信息公开申请271件。其中，自然人申请236件，占87.1%；法人或其他组织申请35件，占12.9%。'))).toEqual([]);
    // one share more than its whole says so plainly (it read "shares of 1 add up to more than the whole: 10 = 10")
    expect(lintNumbers(para('共1件，其中网络申请10件，占1000%。')).map((f) => f.message)).toContain('"10件，占1000%": 10 is more than the whole it is a share of, 1');
    // … once: not also as a percentage to write (500%, a statistics audit)
    expect(lintNumbers(para('共受理申请10件，其中网络申请50件，占50%。')).map((f) => f.message)).toEqual(['"50件，占50%": 50 is more than the whole it is a share of, 10']);
    // a share of a whole of 0 is said (it was let through, a statistics audit); 0件，占0% is none
    expect(lintNumbers(para('全年共受理申请0件，其中当面申请5件，占60%。')).map((f) => f.message)).toEqual(['"5件，占60%": the whole it is a share of is 0: it can be neither 5 nor 60%']);
    expect(lintNumbers(para('全年共受理申请0件，其中当面申请0件，占87.1%。')).map((f) => f.message)).toEqual(['"0件，占87.1%": the whole it is a share of is 0: it can be no 87.1%']);
    expect(lintNumbers(para('全年共受理申请0件，其中当面申请0件，占0%。'))).toEqual([]);
    // a 0 that is a carry-over or a change before 其中 is no whole (a review: 上年结转0件 is common)
    expect(lintNumbers(para('本年度新收政府信息公开申请120件，上年结转0件，其中网络申请100件，占83.3%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请60件，较上年增加0件，其中网络申请30件，占50%。'))).toEqual([]);
    expect(lintNumbers(para('全年共收到政府信息公开申请120件，同比增长0件，其中网络申请100件，占83.3%。'))).toEqual([]);
    expect(lintNumbers(para('全年共收到申请120件，比上年多20件，其中网上申请60件，占50%。'))).toEqual([]);
    // a carry-over ending the sentence before 其中 is no whole either: the count before it is (it
    // took 1 for the whole of 12, a 2021-form trial)
    expect(lintNumbers(para('本年度新收政府信息公开申请13件，上年结转1件。其中，自然人申请12件，占92.3%；商业企业申请1件，占7.7%。'))).toEqual([]);
    expect(lintNumbers(para('本年度新收政府信息公开申请13件，上年结转1件。其中，自然人申请12件，占80%。')).map((f) => f.message)).toEqual(['"12件，占80%": 12 / 13 = 92.3%, not 80%']);
    expect(lintNumbers(para('上年结转1件。其中，自然人申请1件，占50%。'))).toEqual([]);
    // in the form's words too (a review), before ，其中 as well
    expect(lintNumbers(para('本年度新收政府信息公开申请120件，上年结转政府信息公开申请0件，其中网络申请100件，占83.3%。'))).toEqual([]);
    for (const carried of ['上年结转政府信息公开申请1件', '上年结转申请1件', '上年结转的1件']) {
      expect(lintNumbers(para(`本年新收政府信息公开申请13件，${carried}。其中，自然人申请12件，占92.3%；法人或其他组织申请1件，占7.7%。`)), carried).toEqual([]);
    }
    // a 共 whole in the sentence before wins over its last figure
    expect(lintNumbers(para('本年度共收到政府信息公开申请301件，上年结转5件。其中，当面申请103件，占34.2%；网络申请198件，占65.8%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请301件，办结290件；其中，依申请公开103件，占34.2%。'))).toEqual([]);
    // a change is no whole, nor a figure counted in another unit
    expect(lintNumbers(para('本年新收政府信息公开申请271件，较上年增加43件。其中，自然人申请236件，占87.1%。'))).toEqual([]);
    expect(lintNumbers(para('全年共收到申请100件，涉及120人，其中自然人申请90件，占90%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请100件、咨询200人次，其中网上申请40件，占40%。'))).toEqual([]);
  });

  it('reads a figure\'s 千 万 亿 (1.2万件, 9000万元, 1.5亿元), and leaves a bound alone (占比超过70%, 占70%以上: a text audit)', () => {
    expect(lintNumbers(para('全年共受理申请1.2万件，其中网上申请9000件，占75%。'))).toEqual([]);
    expect(lintNumbers(para('共投入资金1.5亿元，其中财政资金9000万元，占60%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请2千件，其中网上申请1500件，占75%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请1.2万件，其中网上申请0.6万件，占60%。')).map((f) => f.message)).toEqual(['"0.6万件，占60%": 0.6万 / 1.2万 = 50.0%, not 60%']);
    expect(lintNumbers(para('共收到申请1万件，其中网上申请0.6万件，占60%，信函申请0.5万件，占50%。')).map((f) => f.message)).toEqual(['shares of 1万 add up to more than the whole: 0.6万 + 0.5万 = 1.1万 (60% + 50% = 110%)']);
    for (const bound of ['占比超过70%', '占比不足80%', '占70%以上', '占80%以下', '占比高于70%', '占比逾70%', '占比达到70%以上', '约占70%']) {
      expect(lintNumbers(para(`共收到申请200件，其中网上申请150件，${bound}。`)), bound).toEqual([]);
    }
    expect(lintNumbers(para('共收到申请200件，其中网上申请150件，占比达70%。')).map((f) => f.message)).toEqual(['"150件，占比达70%": 150 / 200 = 75.0%, not 70%']);
  });

  it('reads figures with thousands separators whole', () => {
    expect(lintNumbers(para('共收到申请1,234件，其中网络申请1,000件，占81%。'))).toEqual([]);
    expect(lintNumbers(para('共收到申请1,234件，其中网络申请1,000件，占80%。'))[0].message).toContain('1000 / 1234 = 81.0%, not 80%');
  });

  it('takes the whole from the share\'s own sentence only', () => {
    // 4 of the 22 new applications, not of the 23 of the sentence before
    expect(lintNumbers(para('全年共办结23件，其中予以公开12件，占52.2%。本年新收申请中，法人或其他组织申请4件，占18.2%。'))).toEqual([]);
    // a clause after ； still belongs to the whole
    const [f] = lintNumbers(para('共收到申请301件，其中当面申请103件，占34%；网络申请198件，占60%。'));
    expect(f.message).toContain('198 / 301 = 65.8%, not 60%');
  });

  it('reads a share written with words between 占 and its figure (占总数的90.0%, 占比为34%)', () => {
    const [a] = lintNumbers(para('共收到申请301件，其中网络申请103件，占总数的90.0%。'));
    expect(a?.message).toContain('103 / 301 = 34.2%, not 90.0%');
    const [b] = lintNumbers(para('共收到申请301件，其中信函申请198件，占比为34%。'));
    expect(b?.message).toContain('198 / 301 = 65.8%, not 34%');
    expect(lintNumbers(para('共收到申请301件，其中网络申请103件，占全部申请的34.2%。'))).toEqual([]);
    // a figure of its own between (占地3亩，占30%) is no such share
    expect(lintNumbers(para('共建设10个，占地3亩，其中完成5个。'))).toEqual([]);
  });

  it('checks no share whose whole cannot be told: other figures before its 其中, or a whole joined to another count', () => {
    // the 其中 is of the 98 办结, not of the 100 收到
    expect(lintNumbers(para('共收到申请100件，办结98件，办结率98%，其中按时办结98件，占100%。'))).toEqual([]);
    // the whole is 5 + 95
    expect(lintNumbers(para('共办理2022年结转申请5件和本年新收申请95件，其中予以公开60件，占60%。'))).toEqual([]);
    // a share of a change
    expect(lintNumbers(para('共收到申请100件，其中网络申请60件，较上年增加10件，占比60%。'))).toEqual([]);
    // 新增 is a part, not a change
    expect(lintNumbers(para('共收到申请100件，其中本年新增80件，占90%。'))[0]?.message).toContain('80 / 100 = 80.0%, not 90%');
    // the 其中 right after its whole still counts
    expect(lintNumbers(para('共收到申请100件，其中网络申请60件，占50%。'))[0]?.message).toContain('60 / 100 = 60.0%, not 50%');
  });

  it('never takes the share itself as the whole', () => {
    expect(lintNumbers(para('共收到申请301件，其中网络申请共103件，占34%。'))).toEqual([]);
    expect(lintNumbers(para('全年共办理100件，占比50%。'))).toEqual([]);
  });

  it('keeps the shares of two equal wholes apart', () => {
    expect(lintNumbers(para('共收到申请100件，其中网络申请50件，占50%。共办理复议100件，其中纠正60件，占60%。'))).toEqual([]);
  });

  it('names the cells a share\'s figures came from by reference, in its fix (a 2014-form trial: a figure in the wrong row was told to write 0.0%)', () => {
    const stats = parseStatistics('template: gov-2014\nvalues:\n  s3_1: 56\n  s3_1_1: 20\n  s3_1_3: 0\n  s3_1_4: 6\n', 'statistics.yaml');
    const text = '共收到申请{{s3_1}}件，其中当面申请{{s3_1_1}}件，占35.7%；网络申请{{s3_1_3}}件，占53.6%；信函申请{{s3_1_4}}件，占10.7%。';
    const [f, ...more] = lintNumbers(resolveRefs(para(text), stats));
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      message: '"0件，占53.6%": 0 / 56 = 0.0%, not 53.6%',
      hint: 'write 0.0%, or check the figures: 56 is {{s3_1}} (三（一）收到申请数), 0 is {{s3_1_3}} (三（一）3.网络申请数), in the statistics',
    });
    // figures typed in the text: no cell to name
    expect(lintNumbers(para('共收到申请56件，其中网络申请0件，占53.6%。'))[0]?.hint).toBe('write 0.0%, or check the figures');
    // a run-in heading keeps its paragraph's figures (they were dropped when the two were joined, a review)
    const heading: Block = { type: 'heading', level: 3, inlines: [{ type: 'text', text: '依申请办理。' }], loc: { file: 'report.md', line: 8 } };
    const [runIn] = lintNumbers(joinRunInHeadings(resolveRefs([heading, ...para(text)], stats)));
    expect(runIn?.hint).toContain('0 is {{s3_1_3}}');
    // a list's items each with their own figures and their own line (a review: one item's
    // reference named for another's typed figure, every problem at the list's first line)
    const list: Block = { type: 'list', ordered: true, start: 1, items: [[{ type: 'text', text: '共收到申请56件，其中网络申请30件，占60%。' }], [{ type: 'text', text: '共收到申请{{s3_1}}件，其中网络申请{{s3_1_3}}件，占10%。' }], [{ type: 'text', text: '共收到申请{{s3_1}}件，其中网络申请{{s3_1_2}}件，占10%；信函申请6件，占50%。' }]], lines: [20, 21, 22], loc: { file: 'report.md', line: 20 } };
    const problems: InputError[] = [];
    const resolved = resolveRefs([list], stats, undefined, problems);
    expect(problems.map((e) => `${e.loc.line}: ${e.problem}`)).toEqual(['22: {{s3_1_2}} (三（一）2.传真申请数) is empty in statistics.yaml']);
    // (item 3, whose text lost a figure, is not checked: its 6 of 56 read as of the 0 left there)
    expect(lintNumbers(resolved).map((x) => [x.loc.line, x.hint])).toEqual([
      [20, 'write 54%, or check the figures'],
      [21, 'write 0%, or check the figures: 56 is {{s3_1}} (三（一）收到申请数), 0 is {{s3_1_3}} (三（一）3.网络申请数), in the statistics'],
    ]);
  });

  it('says where the percentages, not the counts, exceed the whole', () => {
    const findings = lintNumbers(para('共收到申请25件，其中网络申请10件，占40%；当面申请15件，占70%。'));
    expect(findings[0]?.message).toBe('"15件，占70%": 15 / 25 = 60.0%, not 70%');
    expect(findings[1]?.message).toBe('the percentages of shares of 25 add up to 110% (40% + 70%), though their counts make 25 (10 + 15)');
    // a sum of decimals shown to their decimals (it said 110.00000000000001%: a 2014-form trial)
    const decimals = lintNumbers(para('共收到申请56件，其中当面申请20件，占35.7%，网络申请30件，占63.6%，信函申请6件，占10.7%。'));
    expect(decimals.map((f) => f.message)).toContain('the percentages of shares of 56 add up to 110.0% (35.7% + 63.6% + 10.7%), though their counts make 56 (20 + 30 + 6)');
  });

  it('finds shares that add up to more than the whole', () => {
    const [f] = lintNumbers(para('共收到100件，其中网络申请60件，占60%，信函申请50件，占50%。'));
    expect(f.message).toBe('shares of 100 add up to more than the whole: 60 + 50 = 110 (60% + 50% = 110%)');
  });

  it('takes no 共 inside a word (公共, 中国共产党) for the whole', () => {
    expect(lintNumbers(para('全年共发布信息1000条，其中庆祝中国共产党成立100周年专题信息50条，占5%。'))).toEqual([]);
    expect(lintNumbers(para('全年共主动公开政府信息1000条，其中公共资源配置信息200条，占20%；财政预决算信息300条，占30%。'))).toEqual([]);
    expect(lintNumbers(para('全年发布信息1000条，其中向共享平台推送数据50项，政策解读100条，占10%。'))).toEqual([]);
    // 全国共 and 其中共 are "in all"
    expect(lintNumbers(para('本年度全国共收到申请100件，网络申请60件，占60%，信函申请50件，占50%。'))[0]?.message).toContain('shares of 100 add up to more than the whole');
    expect(lintNumbers(para('办结申请后，其中共予以公开100件，当面60件，占60%，网络50件，占50%。'))[0]?.message).toContain('shares of 100 add up to more than the whole');
  });

  it('finds a share that goes on a list past the whole, but lets a second split follow after ；', () => {
    const [f] = lintNumbers(para('共收到申请301件，其中网络申请103件，占34%，信函申请198件，占66%，当面申请10件，占3%。'));
    expect(f.message).toBe('shares of 301 add up to more than the whole: 103 + 198 + 10 = 311 (34% + 66% + 3% = 103%)');
    expect(lintNumbers(para('共收到申请301件，其中网络申请103件，占34%，信函申请198件，占66%；其中自然人申请280件，占93%，法人申请21件，占7%。'))).toEqual([]);
    // a second split that closes on the whole by itself may follow after ， too
    expect(lintNumbers(para('共收到申请301件，其中网络申请103件，占34%，信函申请198件，占66%，自然人申请280件，占93%，法人申请21件，占7%。'))).toEqual([]);
  });

  it('flags the published Shangqiu text, whose 239 of 301 is printed as 80%', () => {
    const findings = lintNumbers(sampleReport().blocks);
    expect(findings.map((f) => f.message)).toEqual(['"239件，占80%": 239 / 301 = 79.4%, not 80%']);
    expect(findings[0].loc.file).toMatch(/content\/shangqiu-2017\/report\.md$/);
  });
});
