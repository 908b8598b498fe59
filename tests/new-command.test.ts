/** `gongwen new`: a report folder to fill in, on the form of the report year, that builds as it is. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildReport, loadReport, reviewReport } from '../src/build.js';
import { main } from '../src/io/cli.js';
import { openFontSet } from '../src/io/fonts.js';
import { readStatistics } from '../src/read/statistics.js';
import { ROOT } from './helpers/build.js';

const run = async (...argv: string[]) => {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  const errs: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  err.on('data', (c) => errs.push(String(c)));
  const code = await main(argv, out, err);
  return { code, out: chunks.join(''), err: errs.join('') };
};
const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-new-')), 'unit');

describe('gongwen new', () => {
  it('writes a 2021-form folder that builds, with every cell of the form to fill in and warnings for the text to write', async () => {
    const dir = fresh();
    const r = await run('new', dir, '--organ', '测试县农业农村局', '--year', '2022');
    expect(r.code).toBe(0);
    expect(r.out).toContain('gov-2021');
    // the command to build it from a clone names gongwen's own bin, as typed from here
    const bin = /from a clone: node (\S+) build/.exec(r.out)![1]!;
    expect(path.resolve(bin)).toBe(path.join(ROOT, 'bin/gongwen.mjs'));
    const report = loadReport(dir);
    expect(report.meta.title).toBe('测试县农业农村局2022年政府信息公开工作年度报告');
    expect(report.meta.published).toMatchObject({ year: 2023, month: 1, day: 31 });
    // the six parts, in order, with 表二 三 四 in theirs
    const headings = report.blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.inlines[0].text : ''));
    expect(headings).toEqual(['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项']);
    expect(report.blocks.filter((b) => b.type === 'statTable').map((b) => (b.type === 'statTable' ? b.table : ''))).toEqual(['t2', 't3', 't4']);
    // statistics.yaml: every cell of the form on its line, empty, labelled
    const file = path.join(dir, 'statistics.yaml');
    const stats = readStatistics(file);
    expect(stats.values).toEqual({});
    expect(stats.year).toBe(2022); // the figures' year: a build of another year's report refuses them
    const keyLines = readFileSync(file, 'utf8').split('\n').filter((l) => /^\s{4,}\w+:\s+#/.test(l));
    expect(keyLines).toHaveLength(stats.template.cells.size);
    // findings: the text still to write (one per part and per lead-in), the empty tables; no structure warning, no error
    const findings = reviewReport(report, openFontSet());
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.filter((f) => f.message.startsWith('text still to be written')).length).toBe(9);
    expect(findings.some((f) => /has no heading|the form places it/.test(f.message))).toBe(false);
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] });
    expect(outputs.pdf!.length).toBeGreaterThan(10_000);
    // with --strict the text to write stops the build
    const strict = await run('check', dir, '--strict');
    expect(strict.code).toBe(2);
    expect(strict.err).toMatch(/report\.md:\d+: text still to be written: "【待填写：总体情况的内容】"/);
  });

  it('marks the publication date it pre-fills as still to be chosen, until its note is deleted', async () => {
    const dir = fresh();
    expect((await run('new', dir, '--organ', '测试县农业农村局', '--year', '2022')).code).toBe(0);
    const file = path.join(dir, 'report.md');
    const source = readFileSync(file, 'utf8');
    const line = source.split('\n').findIndex((l) => l.startsWith('published:')) + 1;
    const dated = (findings: ReturnType<typeof reviewReport>) => findings.filter((f) => f.message.startsWith('front matter still to be filled in'));
    const fonts = openFontSet();
    const before = dated(reviewReport(loadReport(dir), fonts));
    expect(before).toHaveLength(1); // the skeleton's instructions (whole-line comments with 【待填写：…】) are not counted
    expect(before[0]).toMatchObject({ severity: 'warning', loc: { line } });
    expect(before[0]!.message).toContain('published: 2023-01-31');
    expect(before[0]!.hint).toContain('delete the 【待填写…】 note');
    const strict = await run('check', dir, '--strict');
    expect(strict.code).toBe(2);
    expect(strict.err).toContain(`report.md:${line}: front matter still to be filled in: published: 2023-01-31`);
    // the office keeps 31 January and deletes the note: no finding; a value left 【待填写】 is one
    writeFileSync(file, source.replace(/^published: (\S+).*$/m, 'published: $1').replace(/^# editor: 责任编辑$/m, 'editor: 【待填写】'));
    const after = dated(reviewReport(loadReport(dir), fonts));
    expect(after.map((f) => f.message)).toEqual(['front matter still to be filled in: editor: 【待填写】']);
    expect(after[0]!.hint).toBe('write the value, then delete the 【待填写…】 mark');
  });

  it('pre-fills the 条例\'s last day: 31 January for a department, 31 March for a 人民政府\'s own report and for any report before 2019', async () => {
    const cases = [['测试县农业农村局', '2022', '2023-01-31', 'by 31 January 2023 (条例 第四十九条)'],
      ['测试县人民政府', '2022', '2023-03-31', 'by 31 March 2023 (条例 第四十九条, a 人民政府\'s own report)'],
      ['测试县农业农村局', '2017', '2018-03-31', 'by 31 March 2018 (2008 条例 第三十一条)'],
      // (a township's government is no 县级以上地方人民政府: 31 January, a review)
      ['测试县东关镇人民政府', '2022', '2023-01-31', 'by 31 January 2023 (条例 第四十九条)']] as const;
    for (const [organ, year, date, said] of cases) {
      const dir = fresh();
      expect((await run('new', dir, '--organ', organ, '--year', year)).code).toBe(0);
      expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(new RegExp(`^published: ${date} +# 【待填写：发布日期（${Number(date.slice(5, 7))}月31日前）`, 'm'));
      const [todo] = reviewReport(loadReport(dir), openFontSet()).filter((f) => f.message.startsWith('front matter still to be filled in'));
      expect(todo!.hint, organ + year).toBe(`write the day the report is published (${said}), then delete the 【待填写…】 note after it`);
    }
  });

  it('refuses an empty folder name (an unset variable, new "$DIR": it overwrote the report in the working folder) and reads 2024年 as the year (an edge audit)', async () => {
    const cwd = process.cwd();
    const here = mkdtempSync(path.join(tmpdir(), 'gongwen-new-'));
    writeFileSync(path.join(here, 'report.md'), '已写好的报告\n');
    process.chdir(here);
    try {
      for (const blank of ['', ' ']) {
        const r = await run('new', blank, '--organ', '测试县', '--year', '2023');
        expect(r.code).toBe(2);
        expect(r.err).toContain('error: new needs a folder name, and "" is none (an unset variable in a script?): give the folder to create');
      }
      expect(readFileSync(path.join(here, 'report.md'), 'utf8')).toBe('已写好的报告\n');
      expect(readdirSync(here)).toEqual(['report.md']);
    } finally {
      process.chdir(cwd);
    }
    const dir = fresh();
    expect((await run('new', dir, '--organ', '测试县', '--year', '2023年')).code).toBe(0);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(/^year: 2023$/m);
  });

  it('quotes a folder with a space in the build command it suggests, so that it can be copied as shown', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-new-')), '某某县 市场监管局');
    const r = await run('new', dir, '--organ', '测试县', '--year', '2021');
    expect(r.out).toContain(`  gongwen build '${dir}'   (from a clone: node `);
    // on Windows in double quotes (cmd.exe keeps single ones), a path's \ as it is
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      const win = await run('new', path.join(path.dirname(dir), '某某县 市场监管局2'), '--organ', '测试县', '--year', '2021');
      expect(win.out).toContain(`  gongwen build "${path.join(path.dirname(dir), '某某县 市场监管局2')}"   (from a clone: node `);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('picks the 2014 table, as an attachment, for a report year before 2019', async () => {
    const dir = fresh();
    const r = await run('new', dir, '--organ', '测试县', '--year', '2017');
    expect(r.code).toBe(0);
    const report = loadReport(dir);
    expect(report.statistics!.template.id).toBe('gov-2014');
    expect(report.attachments[0]).toMatchObject({ title: '2017年测试县政府信息公开工作情况统计表', table: 'main' });
    // the 2008 条例's contents as parts (it had written 概述 alone, a 2014-form trial); none missing
    const headings = report.blocks.flatMap((b) => (b.type === 'heading' ? [b.inlines[0]!.text] : []));
    expect(headings).toEqual(['概述', '主动公开政府信息情况', '依申请公开政府信息情况', '政府信息公开收费及减免情况', '因政府信息公开申请行政复议、提起行政诉讼情况', '政府信息公开工作存在的主要问题及改进情况', '其他需要报告的事项']);
    expect(reviewReport(report, openFontSet()).filter((f) => f.message.includes('第三十二条'))).toEqual([]);
    // its rows' wording is provisional (confirmed: false in the template), and the office is told so, where it types and on the terminal
    expect(r.out).toContain('note: the wording of 53 of the form\'s rows is provisional (templates/gov-2014.yaml, confirmed: false): compare the printed table with your province\'s form before publishing');
    expect(readFileSync(path.join(dir, 'statistics.yaml'), 'utf8')).toContain('# 本表有53行的名称尚未与已公布的报表逐字核对');
    // the 2019 and 2021 forms are confirmed: no such note
    const later = fresh();
    const r21 = await run('new', later, '--organ', '测试县', '--year', '2021');
    expect(r21.out).not.toContain('provisional');
    expect(readFileSync(path.join(later, 'statistics.yaml'), 'utf8')).not.toContain('核对');
  });

  it('never writes into a folder that holds files, and needs the organ', async () => {
    const dir = fresh();
    expect((await run('new', dir, '--organ', '甲')).code).toBe(0);
    writeFileSync(path.join(dir, 'report.md'), 'mine');
    const again = await run('new', dir, '--organ', '甲');
    expect(again.code).toBe(2);
    expect(again.err).toContain('already has files in it');
    expect(again.err).not.toContain('a sum written before');
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('mine');
    // a city's sum written first (the README's round in the other order): how to go on
    const city = fresh();
    mkdirSync(city, { recursive: true });
    writeFileSync(path.join(city, 'statistics.yaml'), 'sum');
    const first = await run('new', city, '--organ', '甲');
    expect(first.code).toBe(2);
    expect(first.err).toContain('fix: it holds only statistics.yaml (a sum written before the report?): move it aside, run new, then put it back in place of the blank one new writes');
    // a workbook is converted into the blank YAML new writes (a review: put back beside it, it was never read)
    const book = fresh();
    mkdirSync(book, { recursive: true });
    writeFileSync(path.join(book, 'statistics.xlsx'), 'sum');
    expect((await run('new', book, '--organ', '甲')).err).toContain(`then convert the workbook into it: gongwen aggregate <the moved statistics.xlsx> --out ${path.join(book, 'statistics.yaml')}`);
    const none = fresh();
    const r = await run('new', none);
    expect(r.code).toBe(2);
    expect(r.err).toContain('new needs --organ');
    expect(existsSync(none)).toBe(false);
    expect((await run('new', fresh(), '--organ', '甲', '--year', '21')).err).toContain('a report year from 2014');
    // a year that has not ended: said, and written all the same (a draft started early)
    const next = new Date().getFullYear() + 1;
    const early = await run('new', fresh(), '--organ', '甲', '--year', String(next));
    expect(early.code).toBe(0);
    expect(early.err).toContain(`warning: --year ${next} is after this year`);
    expect((await run('new', fresh(), '--organ', '甲', '--year', String(next - 1))).err).not.toContain('after this year');
    // (not before a refusal: "written all the same", then not written, review)
    expect((await run('new', dir, '--organ', '甲', '--year', String(next))).err).not.toContain('after this year');
    // no national form before 2014: a folder for 2013 would fail its own check
    expect((await run('new', fresh(), '--organ', '甲', '--year', '2013')).code).toBe(2);
  });

  it('quotes what the organ holds, so an organ with : # , { } still makes a readable report', async () => {
    const dir = fresh();
    expect((await run('new', dir, '--organ', '某局: 办公室 #2, {试点}', '--year', '2016')).code).toBe(0);
    const report = loadReport(dir);
    // (as printed: the colon next to Chinese made full-width, as in any title)
    expect(report.meta.organ).toBe('某局：办公室 #2, {试点}');
    expect(report.attachments[0].title).toMatch(/^2016年某局：办公室 #2, \{试点\}政府信息公开工作情况统计表$/);
  });
});
