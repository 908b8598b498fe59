/** gongwen aggregate: sums over units, and never a total that silently leaves a unit out. */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, loadReport, reviewReport } from '../src/build.js';
import { main } from '../src/io/cli.js';
import { aggregateCommand } from '../src/io/aggregate.js';
import { openFontSet } from '../src/io/fonts.js';
import { statisticsYaml } from '../src/io/statistics-file.js';
import { statisticsFromXlsx, statisticsToXlsx } from '../src/io/xlsx.js';
import { InputError } from '../src/model/errors.js';
import { readStatistics } from '../src/read/statistics.js';
import { loadTemplate } from '../src/read/templates.js';
import { aggregateStatistics } from '../src/transform/aggregate.js';
import { checkStatistics } from '../src/transform/checks.js';
import { FRONT as FRONT_2020 } from './helpers/fixtures.js';
import { capture, sample2014, sample2021, scaled, tempRoot, writeUnit } from './helpers/units.js';

const base = sample2021();
/** The front matter of a unit's report on 2021, the year of the gov-2021 figures these tests sum. */
const FRONT = FRONT_2020.replace('year: 2020', 'year: 2021').replace('测试县2020年', '测试县2021年').replace('2021-01-15', '2022-01-15');
const yamlOf = (values: Record<string, number>) => statisticsYaml(base.template, values);

/**
 * Four fictional units on gov-2021, unit k with the sample's counts times k, in every way a unit
 * can give its statistics: statistics.yaml, statistics.xlsx, and a file named in report.md.
 * 万元 amounts 126.35 + 0.1 + 0.2 (a float sum of 126.64999999999999) and one unit without it.
 */
async function goodUnits(root: string): Promise<string[]> {
  const noRegulations = { 't2.regulations.made': undefined }; // empty in every unit
  return [
    writeUnit(root, 'unit-1', { 'statistics.yaml': yamlOf(scaled(base, 1, noRegulations)) }),
    writeUnit(root, 'unit-2', { 'statistics.yaml': yamlOf(scaled(base, 2, { ...noRegulations, 't2.fees.amount': 0.1 })) }),
    writeUnit(root, 'unit-3', { 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 3, { ...noRegulations, 't2.fees.amount': 0.2 })) }),
    writeUnit(root, 'unit-4', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: data/figures.yaml\n---\n正文。\n'),
      'data/figures.yaml': yamlOf(scaled(base, 4, { ...noRegulations, 't2.fees.amount': undefined })),
      'statistics.yaml': 'template: gov-2021\ntables: { t4: { review_total: 1000000 } }\n', // not the one named: ignored
    }),
  ];
}

const brokenUnit = (root: string) => writeUnit(root, 'broken', {
  'statistics.yaml': yamlOf(scaled(base, 1)).replace(/(granted:\n\s+natural:) 102/, '$1 一百零二'),
});
/**
 * Every value readable, but 表三 一's 总计 75 too high: the printed rule 一 + 二 = （七）总计 + 四
 * fails (an error of `gongwen check`), and the row total 一 too (a warning).
 */
const badSumUnit = (root: string) => writeUnit(root, 'badsum', {
  'statistics.yaml': yamlOf(scaled(base, 1, { 't3.new_received.total': 271 + 75 })),
});
/** 表四's 行政复议 总计 one more than its parts, and a cell empty: rules not printed on the form, so warnings only. */
const warnedUnit = (root: string) => writeUnit(root, 'warned', {
  'statistics.yaml': yamlOf(scaled(base, 1, { 't4.review_total': 5 + 1, 't2.regulations.made': undefined })),
});
const unit2014 = (root: string) => writeUnit(root, 'old-form', { 'statistics.yaml': readFileSync(sample2014().file, 'utf8') });

async function run(...argv: string[]) {
  const out = capture();
  const err = capture();
  const code = await aggregateCommand(argv, out, err);
  return { code, out: out.text(), err: err.text() };
}

describe('aggregateStatistics', () => {
  it('sums each cell over the units that give it, and leaves a cell empty in all of them empty', () => {
    const a = { ...base, values: { 't3.new_received.total': 5, 't2.fees.amount': 0.1 } };
    const b = { ...base, values: { 't3.new_received.total': 7, 't2.fees.amount': 0.2, 't4.review_total': 1 } };
    const sum = aggregateStatistics([{ name: 'a', stats: a }, { name: 'b', stats: b }]);
    expect(sum.template.id).toBe('gov-2021');
    expect(sum.values).toEqual({ 't3.new_received.total': 12, 't2.fees.amount': 0.3, 't4.review_total': 1 });
  });

  it('refuses units on different templates', () => {
    expect(() => aggregateStatistics([{ name: 'a', stats: base }, { name: 'b', stats: sample2014() }]))
      .toThrow(/unit "b" uses template gov-2014, but "a" uses gov-2021/);
    expect(() => aggregateStatistics([])).toThrow(InputError);
  });
});

describe('gongwen aggregate', () => {
  it('sums N units given as YAML, XLSX and a file named in report.md', async () => {
    const root = tempRoot();
    const units = await goodUnits(root);
    const out = path.join(root, 'out', 'sum.yaml');
    const r = await run(...units, '--out', out);
    expect(r.code, r.err).toBe(0);
    // (unit-4 leaves 收费金额 empty, which the others fill: said, and recorded in the sum; a cell
    // every unit leaves empty, 规章 制发件数, is no unit's gap)
    expect(r.err).toBe('warning: a unit leaves empty cells that other units fill, so the sum lacks its figures there:\n'
      + '  unit-4: 二、主动公开政府信息情况 (1 of 10 cells empty: 表二 行政事业性收费 / 本年收费金额（单位：万元）)\n'
      + '  fix: fill them in (0 where there were none), then sum again; the city\'s build warns of them until then\n');
    expect(readStatistics(out).sumRecord?.gaps).toEqual(['unit-4: 二、主动公开政府信息情况 (1 of 10 cells empty: 表二 行政事业性收费 / 本年收费金额（单位：万元）)']);
    expect(r.out).toContain('summary: 4 summed, 0 missing, 0 invalid, 0 other template');
    const sum = readStatistics(out).values;
    expect(sum['t3.new_received.total']).toBe(271 * 10);
    expect(sum['t3.granted.natural']).toBe(102 * 10);
    expect(sum['t3.results_total.total']).toBe(268 * 10);
    expect(sum['t2.licensing.decisions']).toBe(3862 * 10);
    expect(sum['t4.review_total']).toBe(5 * 10);
    expect(sum['t4.direct_pending']).toBe(1 * 10);
    expect(sum['t2.fees.amount']).toBe(126.65); // 万元, rounded to cents
    expect(sum['t2.regulations.made']).toBeUndefined();
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Sum of 4 units .*unit-1, unit-2, unit-3, unit-4$/m);
    expect(text).toMatch(/amount: 126\.65 +# 表二 行政事业性收费/);

    // The same sum as the official form in Excel.
    const xlsx = path.join(root, 'out', 'sum.xlsx');
    expect((await run(...units, '-o', xlsx)).code).toBe(0);
    expect((await statisticsFromXlsx(readFileSync(xlsx), xlsx)).values).toEqual(sum);
  });

  it('refuses a unit with an invalid value, names it and writes nothing', async () => {
    const root = tempRoot();
    const units = [...(await goodUnits(root)).slice(0, 2), brokenUnit(root)];
    const out = path.join(root, 'sum.yaml');
    const r = await run(...units, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: invalid statistics: broken \(.*broken\):/);
    expect(r.err).toMatch(/broken\/statistics\.yaml:\d+: 表三 三（一）予以公开 \/ 自然人: value "一百零二" is not a whole non-negative number/);
    expect(r.err).toContain('give --partial to sum the 2 units that can be summed');
    expect(r.err).toContain('summary: 0 summed, 0 missing, 1 invalid, 0 other template; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a unit that breaks a sum rule printed on the form, names it and the figure, and writes nothing', async () => {
    const root = tempRoot();
    const units = [...(await goodUnits(root)).slice(0, 2), badSumUnit(root)];
    const out = path.join(root, 'sum.yaml');
    const r = await run(...units, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: invalid statistics: badsum \(.*badsum\):/);
    expect(r.err).toMatch(/badsum\/statistics\.yaml:\d+: 表三 一、本年新收政府信息公开申请数量 \/ 总计 \+ 表三 二、上年结转政府信息公开申请数量 \/ 总计 = 356, but .* = 281 \(a difference of 75\)/);
    expect(r.err).toMatch(/fix: 表三 一、本年新收政府信息公开申请数量 \/ 总计 \(this line\) is in this rule, and its own parts add up to 271, not 346: correct it, or the part that is wrong\n/);
    // a row total that is off is a warning: listed after the errors, as the errors' fix says, but not what makes the unit invalid
    expect(r.err).toMatch(/\n {4}warning: .*badsum\/statistics\.yaml:\d+: 表三 .* \/ 总计: its 6 parts add up to/);
    expect(r.err).toContain('give --partial to sum the 2 units that can be summed');
    expect(r.err).toContain('summary: 0 summed, 0 missing, 1 invalid, 0 other template; nothing written');
    expect(existsSync(out)).toBe(false);

    // with --partial it is left out, and the sum is that of the others
    const partial = await run(...units, '--out', out, '--partial');
    expect(partial.code, partial.err).toBe(0);
    expect(partial.err).toMatch(/^warning: left out: invalid statistics: badsum \(.*\):\n.*\(a difference of 75\)/m);
    expect(partial.out).toContain('summary: 2 summed, 0 missing, 1 invalid, 0 other template');
    expect(readStatistics(out).values['t3.new_received.total']).toBe(271 * 3);
    expect(readFileSync(out, 'utf8')).toContain('# Left out: badsum (invalid)');
  });

  it('names the cell of a workbook unit\'s likely wrong figure, where a YAML unit gets its line', async () => {
    const root = tempRoot();
    const wrong = { ...base.values, 't3.new_received.natural': base.values['t3.new_received.natural']! + 64 };
    const unit = writeUnit(root, 'county-b', { 'statistics.xlsx': await statisticsToXlsx(base.template, wrong) });
    const r = await run(unit, '--out', path.join(root, 'sum.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('fix: 表三 一、本年新收政府信息公开申请数量 / 自然人 (cell 表三!D4) is in this rule and in 表三 一、本年新收政府信息公开申请数量 / 总计 (表三!J4), which is off by as much');
    // (the warning too names the total's cell: a workbook has no line, review of the newcomer's try)
    expect(r.err).toMatch(/\n {4}warning: .*statistics\.xlsx: 表三 一、本年新收政府信息公开申请数量 \/ 总计 \(表三!J4\): its 6 parts add up to \d+, the total says \d+ \(the parts 64 over\)/);
  });

  it('warns when the sum breaks a printed rule through units that leave one of its cells empty, naming them', async () => {
    const root = tempRoot();
    const [u1] = await goodUnits(root);
    const gap = writeUnit(root, 'gap', { 'statistics.yaml': yamlOf(scaled(base, 1, { 't3.new_received.total': undefined })) });
    const out = path.join(root, 'sum.yaml');
    const r = await run(u1, gap, '--out', out);
    expect(r.code, r.err).toBe(0); // each unit passes its own check: the rule has an empty cell in gap
    expect(r.err).toMatch(/^warning: the sum breaks a rule printed on the form: .*总计.* \(a difference of 271\)\n {2}units that leave a cell of this rule empty: gap\n {2}fix: fill the rule's empty cells in those units \(0 where there were none\), then sum again$/m);
    expect(existsSync(out)).toBe(true);
    // a sum of complete units warns of nothing
    expect((await run(...(await goodUnits(tempRoot())).slice(0, 2), '--out', path.join(root, 'full.yaml'))).err).toBe('');
  });

  it('reads a statistics file named by an absolute path, and calls a folder named there a folder', async () => {
    const root = tempRoot();
    const [u1] = await goodUnits(root);
    const shared = path.join(root, 'shared', 'figures.yaml');
    mkdirSync(path.dirname(shared), { recursive: true });
    writeFileSync(shared, yamlOf(scaled(base, 2)));
    const absolute = writeUnit(root, 'absolute', { 'report.md': FRONT.replace(/---\n$/, `statistics: ${shared}\n---\n正文。\n`) });
    const out = path.join(root, 'sum.yaml');
    const r = await run(u1, absolute, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readStatistics(out).values['t3.new_received.total']).toBe(271 * 3);
    const folder = writeUnit(root, 'folder', { 'report.md': FRONT.replace(/---\n$/, 'statistics: data\n---\n正文。\n'), 'data/x.txt': '' });
    const f = await run(u1, folder, '--out', path.join(root, 'sum2.yaml'));
    expect(f.code).toBe(2);
    expect(f.err).toContain('"statistics: data" names a folder, not a file');
  });

  it('sums a unit whose figures only draw warnings of gongwen check (a total not on the form, an empty cell)', async () => {
    const root = tempRoot();
    const [u1] = await goodUnits(root);
    const warned = warnedUnit(root);
    expect(checkStatistics(readStatistics(path.join(warned, 'statistics.yaml'))).map((f) => f.severity)).toEqual(['warning', 'warning']);
    const out = path.join(root, 'sum.yaml');
    const r = await run(u1, warned, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('summary: 2 summed, 0 missing, 0 invalid, 0 other template');
    expect(readStatistics(out).values['t4.review_total']).toBe(5 * 2 + 1);
    // the sum breaks 表四's 行政复议 total too, and the warning names the unit that breaks it, at its line
    const line = readFileSync(path.join(warned, 'statistics.yaml'), 'utf8').split('\n').findIndex((l) => /^\s+review_total:/.test(l)) + 1;
    expect(r.err).toMatch(new RegExp(`^warning: the sum breaks a rule of the form's totals: .*\\n {2}units whose own figures break it: warned \\(.*warned/statistics\\.yaml:${line}: .*\\)\\n {2}fix: correct those units' figures, then sum again$`, 'm'));
  });

  it('refuses an --out whose folder is a file, with a fix for a file path, and exit 2', async () => {
    const root = tempRoot();
    const [u1] = await goodUnits(root);
    const blocker = path.join(root, 'outfile');
    writeFileSync(blocker, 'not a folder');
    for (const name of ['x.yaml', 'x.xlsx']) {
      const r = await run(u1, '--out', path.join(blocker, name));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error: ${blocker}: is a file, not a folder, so the output cannot be written there\n`
        + '  fix: give --out a file path (FILE.yaml or FILE.xlsx) in a folder you can write to; the folder is created if missing\n');
      expect(r.out).toBe('');
    }
    // a folder where the file would go cannot be written over either
    const folder = writeUnit(root, 'taken.yaml');
    const taken = await run(u1, '--out', folder);
    expect(taken.code).toBe(2);
    expect(taken.err).toMatch(/^error: .*taken\.yaml: cannot be written: a folder of that name is in the way \(EISDIR\)\n  fix: give --out a file path/);
  });

  it('never writes over figures gongwen did not write, or that were typed in since: a unit\'s own file, a form filled in, a sum corrected by hand (an office trial)', async () => {
    const root = tempRoot();
    const a = writeUnit(root, '丙县', { 'statistics.yaml': yamlOf(scaled(base, 1)) });
    const b = writeUnit(root, '丁县', { 'statistics.yaml': yamlOf(scaled(base, 2)) });
    const own = path.join(a, 'statistics.yaml');
    const before = readFileSync(own, 'utf8');
    // the line before, edited by its first name only: 丁县's figures into 丙县's file
    const wrong = await run(b, '--out', own);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe(`error: --out ${own} holds 200 figures that gongwen did not write (typed in, or a unit's own): 丁县's figures would be written over it\n`
      + `  fix: give --out another file (a unit's own is its folder's statistics.yaml); to replace them all the same, move ${own} aside or remove it first\n`);
    expect(readFileSync(own, 'utf8')).toBe(before);
    // a sum gongwen wrote goes when written again (its units' figures corrected since); one
    // corrected by hand since does not
    const city = path.join(root, 'city', 'statistics.yaml');
    expect((await run(a, b, '--out', city)).code).toBe(0);
    writeFileSync(own, yamlOf(scaled(base, 3)));
    expect((await run(a, b, '--out', city)).code).toBe(0);
    writeFileSync(city, readFileSync(city, 'utf8').replace(/natural: (\d+)/, 'natural: 9999'));
    const typed = await run(a, b, '--out', city);
    expect([typed.code, typed.err.split('\n')[0]]).toEqual([2, `error: --out ${city} holds 200 figures, some of them typed in or changed since gongwen wrote the file: the sum would be written over it`]);
    expect(readFileSync(city, 'utf8')).toContain('natural: 9999');
    // a form handed out (blank) and filled in by the unit: not written over by the blank form again
    const fresh = writeUnit(root, '辛县', { 'statistics.yaml': 'template: gov-2021\n' });
    const form = path.join(root, 'forms', '辛县.xlsx');
    expect((await run(fresh, '--out', form)).code).toBe(0);
    const filled = await statisticsToXlsx(base.template, scaled(base, 1));
    writeFileSync(form, filled);
    const again = await run(fresh, '--out', form);
    expect([again.code, again.err.split('\n')[0]]).toEqual([2, `error: --out ${form} holds 200 figures that gongwen did not write (typed in, or a unit's own): 辛县's figures would be written over it`]);
    expect(Buffer.compare(readFileSync(form), filled)).toBe(0);
    // a file of figures typed by hand in the unit's own folder is no conversion's to replace (a review)
    const typedBeside = path.join(a, 'handtyped.yaml');
    writeFileSync(typedBeside, yamlOf(scaled(base, 2)));
    const beside = await run(a, '--out', typedBeside);
    expect([beside.code, beside.err.split('\n')[0]]).toEqual([2, `error: --out ${typedBeside} holds 200 figures that gongwen did not write (typed in, or a unit's own): 丙县's figures would be written over it`]);
    // the same figures, or a blank file, may be written over
    const same = path.join(root, 'same.yaml');
    writeFileSync(same, yamlOf(scaled(base, 2)));
    expect((await run(b, '--out', same)).code).toBe(0);
    writeFileSync(same, 'template: gov-2021\n');
    expect((await run(b, '--out', same)).code).toBe(0);
    // and a file that is no statistics at all is not written over either
    writeFileSync(same, '这是一份说明，不是统计表。\n');
    const notes = await run(b, '--out', same);
    expect([notes.code, notes.err]).toEqual([2, expect.stringMatching(new RegExp(`^error: --out ${same.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} holds a file gongwen cannot read as statistics \\(`)) as unknown as string]);
  });

  it('converts a unit\'s workbook again into the file its report names, as check tells it to, over the figures converted before (a review: refused as figures gongwen did not write)', async () => {
    const root = tempRoot();
    const unit = writeUnit(root, '甲局', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: stats2021.yaml\n---\n正文。\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1)),
    });
    const named = path.join(unit, 'stats2021.yaml');
    expect((await run(unit, '--out', named)).code).toBe(0);
    // the unit corrects its workbook and sends it again: converted again, as check says
    writeFileSync(path.join(unit, 'statistics.xlsx'), await statisticsToXlsx(base.template, scaled(base, 2)));
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), later, later);
    const again = await run(unit, '--out', named);
    expect([again.code, again.err]).toEqual([0, '']);
    expect(readStatistics(named).values).toEqual(scaled(base, 2));
  });

  it('refuses to write another unit\'s figures, or a sum, over a unit\'s converted statistics.yaml; that unit\'s own conversion replaces it (an aggregation audit: jtj\'s figures under wjw\'s report, exit 0)', async () => {
    const root = tempRoot();
    const wjw = writeUnit(root, 'wjw', { 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1)) });
    const jtj = writeUnit(root, 'jtj', { 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 2)) });
    const gaj = writeUnit(root, 'gaj', { 'statistics.yaml': yamlOf(scaled(base, 3)) });
    const wjwYaml = path.join(wjw, 'statistics.yaml');
    for (const u of [wjw, jtj]) expect((await run(u, '--out', path.join(u, 'statistics.yaml'))).code).toBe(0);
    const before = readFileSync(wjwYaml, 'utf8');
    const slip = await run(jtj, '--out', wjwYaml);
    expect(slip.code).toBe(2);
    expect(slip.err).toMatch(/^error: --out \S+ holds \d+ figures converted from its unit's workbook \(that unit's own\): jtj's figures would be written over it\n/m);
    const sum = await run(jtj, gaj, '--out', wjwYaml);
    expect(sum.code).toBe(2);
    // (the same figures as wjw's too: they would go under jtj's name, a review)
    const twin = writeUnit(root, 'twin', { 'statistics.yaml': readFileSync(wjwYaml, 'utf8').replace(/^# .*\n/gm, '') });
    const same = await run(twin, '--out', wjwYaml);
    expect(same.code, same.err).toBe(2);
    expect(same.err).toContain('figures converted from its unit\'s workbook');
    expect(sum.err).toContain('the sum would be written over it');
    expect(readFileSync(wjwYaml, 'utf8')).toBe(before);
    // wjw's own workbook, corrected and converted again, replaces them
    writeFileSync(path.join(wjw, 'statistics.xlsx'), await statisticsToXlsx(base.template, scaled(base, 4)));
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(wjw, 'statistics.xlsx'), later, later);
    const again = await run(wjw, '--out', wjwYaml);
    expect([again.code, again.err]).toEqual([0, '']);
    expect(readStatistics(wjwYaml).values).toEqual(scaled(base, 4));
  });

  it('warns where a unit given as its workbook has a YAML beside it, saved since with other figures, which its report prints (an aggregation audit: units/*/statistics.xlsx summed the old figures without a word)', async () => {
    const root = tempRoot();
    const units = await Promise.all([1, 2].map(async (k) => writeUnit(root, `u${k}`, { 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, k)) })));
    for (const u of units) expect((await run(u, '--out', path.join(u, 'statistics.yaml'))).code).toBe(0);
    const workbooks = units.map((u) => path.join(u, 'statistics.xlsx'));
    const quiet = await run(...workbooks, '--out', path.join(root, 'same.yaml'));
    expect([quiet.code, quiet.err]).toEqual([0, '']);
    // u1 corrects its YAML, which its report prints
    const yaml = path.join(units[0]!, 'statistics.yaml');
    writeFileSync(yaml, yamlOf(scaled(base, 5)));
    const later = new Date(Date.now() + 60_000);
    utimesSync(yaml, later, later);
    const r = await run(...workbooks, '--out', path.join(root, 'sum.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: ${workbooks[0]} is summed, and ${yaml}, which u1's report prints, was saved after it with other figures\n  fix: give the unit as its folder`);
    expect(r.err).not.toContain(workbooks[1]!);
    // by the folders: the YAML, no warning
    const byFolder = await run(...units, '--out', path.join(root, 'folders.yaml'));
    expect(byFolder.err).not.toContain('saved after it with other figures');
    expect(readStatistics(path.join(root, 'folders.yaml')).values['t3.new_received.total']).toBe(scaled(base, 5)['t3.new_received.total']! + scaled(base, 2)['t3.new_received.total']!);
  });

  it('knows --out through a link to a unit\'s folder as that folder: a sum given it among the units, or written over its statistics file, is refused (an aggregation audit)', async () => {
    const root = tempRoot();
    const [a, b] = (await goodUnits(root)).slice(0, 2) as [string, string];
    const link = path.join(root, 'a-link');
    symlinkSync(a, link);
    const inside = await run(a, b, '--out', path.join(link, 'city.yaml'));
    expect(inside.code).toBe(2);
    expect(inside.err).toMatch(/--out \S+city\.yaml is in \S+, which is given among the units/);
    const byLink = await run(link, b, '--out', path.join(a, 'city.yaml'));
    expect(byLink.code).toBe(2);
    expect(existsSync(path.join(a, 'city.yaml'))).toBe(false);
    const own = await run(a, b, '--out', path.join(link, 'statistics.yaml'));
    expect(own.code).toBe(2);
    expect(readStatistics(path.join(a, 'statistics.yaml')).values).toEqual(scaled(base, 1, { 't2.regulations.made': undefined }));
  });

  it('refuses a unit on another template when --template is given, and lists it', async () => {
    const root = tempRoot();
    const units = [...(await goodUnits(root)).slice(0, 2), unit2014(root)];
    const out = path.join(root, 'sum.yaml');
    const r = await run(...units, '--out', out, '--template', 'gov-2021');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: other template: old-form \(.*\) uses gov-2014, not gov-2021/);
    expect(r.err).toContain('1 other template; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a unit with no figures at all (the form as handed out), and names it when left out', async () => {
    const root = tempRoot();
    const units = [...(await goodUnits(root)).slice(0, 2), writeUnit(root, 'blank', { 'statistics.yaml': yamlOf({}) })];
    const out = path.join(root, 'sum.yaml');
    const r = await run(...units, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: invalid statistics: blank \(.*\):\n\s+.*statistics\.yaml: no figures: every cell of the form is empty/);
    expect(existsSync(out)).toBe(false);
    const partial = await run(...units, '--out', out, '--partial');
    expect(partial.code, partial.err).toBe(0);
    expect(partial.out).toContain('summary: 2 summed, 0 missing, 1 invalid, 0 other template');
    // the sum records the unit left out, and a report that prints the sum warns of it (--strict fails)
    const sum = readStatistics(out);
    expect(sum.sumRecord?.left).toEqual(['blank (invalid)']);
    // a sum's workbook converted in its folder keeps its record, and with it what it left out (review)
    const cityBook = writeUnit(root, 'city-book');
    expect((await run(...units, '--out', path.join(cityBook, 'statistics.xlsx'), '--partial')).code).toBe(0);
    expect((await run(cityBook, '--out', path.join(cityBook, 'statistics.yaml'))).code).toBe(0);
    expect(readStatistics(path.join(cityBook, 'statistics.yaml')).sumRecord?.left).toEqual(['blank (invalid)']);
    const city = writeUnit(root, 'city', { 'report.md': FRONT.replace(/---\n$/, `statistics: ${out}\n---\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n`) });
    const findings = reviewReport(loadReport(city), openFontSet());
    expect(findings.filter((f) => f.message.startsWith('the statistics are a sum')).map((f) => f.message)).toEqual(['the statistics are a sum that leaves out a unit: blank (invalid)']);
  });

  it('records each unit\'s file, so that a report printing the sum warns of a unit whose figures changed since (newcomer)', async () => {
    const root = tempRoot();
    // (not unit-4, whose file its report.md names elsewhere)
    const units = (await goodUnits(root)).slice(0, 3);
    const out = path.join(root, 'city', 'statistics.yaml');
    mkdirSync(path.dirname(out));
    expect((await run(...units, '--out', out)).code).toBe(0);
    expect(readStatistics(out).sumRecord?.files?.map(([file]) => file)).toEqual(['../unit-1/statistics.yaml', '../unit-2/statistics.yaml', '../unit-3/statistics.xlsx']);
    const city = writeUnit(root, 'city', { 'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n') });
    const changed = () => reviewReport(loadReport(city), openFontSet()).filter((f) => f.message.includes('changed since it was made'));
    expect(changed()).toEqual([]);
    // a comment edited is no change of figures; a figure corrected is, and a workbook saved again
    const one = path.join(units[0]!, 'statistics.yaml');
    writeFileSync(one, `# 已核对\n${readFileSync(one, 'utf8')}`);
    expect(changed()).toEqual([]);
    writeFileSync(one, readFileSync(one, 'utf8').replace(/decisions: (\d+)/, (_, n: string) => `decisions: ${Number(n) + 1}`));
    writeFileSync(path.join(units[2]!, 'statistics.xlsx'), await statisticsToXlsx(base.template, scaled(base, 5)));
    const [warning] = changed();
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/^the statistics are a sum whose 2 units changed since it was made: unit-1 \(.*unit-1\/statistics\.yaml\), unit-3 \(.*unit-3\/statistics\.xlsx\)$/);
    expect(warning?.hint).toMatch(/^add the units up again with gongwen aggregate, as the sum was made \(--out .*city\/statistics\.yaml\)$/);
    // the report is built again for it (its inputs are the units' files too)
    const [o1, e1] = [capture(), capture()];
    expect(await main(['build', city, '--out', path.join(root, 'out'), '--format', 'docx'], o1, e1)).toBe(0);
    writeFileSync(one, readFileSync(one, 'utf8').replace(/decisions: (\d+)/, (_, n: string) => `decisions: ${Number(n) + 1}`));
    const [o2, e2] = [capture(), capture()];
    await main(['build', city, '--out', path.join(root, 'out'), '--format', 'docx'], o2, e2);
    expect(o2.text()).toMatch(/built again: unit of the sum \.\.\/unit-1\/statistics\.yaml changed/);
    // added up again: no warning
    expect((await run(...units, '--out', out)).code).toBe(0);
    expect(changed()).toEqual([]);
    // a corrected workbook a unit sent since, saved beside its YAML and not converted: the sum lacks it
    // (the city's check had said nothing, a city's trial); and the report is built again for it
    const [o5, e5] = [capture(), capture()];
    expect(await main(['build', city, '--out', path.join(root, 'out'), '--format', 'docx'], o5, e5)).toBe(0);
    const sent = path.join(units[1]!, 'statistics.xlsx');
    writeFileSync(sent, await statisticsToXlsx(base.template, scaled(base, 7)));
    utimesSync(sent, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const [late] = changed();
    expect(late?.message).toMatch(/^the statistics are a sum whose unit changed since it was made: unit-2 \(.*unit-2\/statistics\.xlsx, saved after .*unit-2\/statistics\.yaml, not converted\)$/);
    expect(late?.hint).toMatch(/^convert each workbook named into its unit's YAML \(gongwen aggregate <unit folder> --out <its statistics\.yaml>; an \.xls, \.et or \.ods saved as \.xlsx first\), then add the units up again/);
    const [o6, e6] = [capture(), capture()];
    await main(['build', city, '--out', path.join(root, 'out'), '--format', 'docx'], o6, e6);
    expect(o6.text()).toMatch(/built again: unit's workbook saved after \.\.\/unit-2\/statistics\.yaml is new/);
    // and so is another program's workbook, by its own name (statistics.xlsx had been named, a review)
    rmSync(sent);
    const xls = path.join(units[1]!, 'statistics.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
    utimesSync(xls, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    expect(changed()[0]?.message).toMatch(/unit-2 \(.*unit-2\/statistics\.xls, saved after .*unit-2\/statistics\.yaml, not converted\)$/);
    rmSync(xls);
    // a figure typed over in the sum itself: said by the city's check, and by a sum that takes it (province trial)
    const sumText = readFileSync(out, 'utf8');
    writeFileSync(out, sumText.replace(/decisions: (\d+)/, (_, n: string) => `decisions: ${Number(n) + 5}`));
    expect(reviewReport(loadReport(city), openFontSet()).map((f) => f.message)).toContain('the statistics are a sum of 3 units (gongwen aggregate) whose figures were changed since it was made');
    // of units all in YAML, unchanged since: the cell typed over is named, with what its units add up to (a city's trial)
    const yamlSum = path.join(root, 'yaml-city', 'statistics.yaml');
    mkdirSync(path.dirname(yamlSum));
    expect((await run(units[0]!, units[1]!, '--out', yamlSum)).code).toBe(0);
    const summed = readFileSync(yamlSum, 'utf8');
    const was = Number(/decisions: (\d+)/.exec(summed)![1]);
    writeFileSync(yamlSum, summed.replace(/decisions: (\d+)/, `decisions: ${was + 5}`));
    const line = summed.split('\n').findIndex((l) => /decisions: \d+/.test(l)) + 1;
    const yamlCity = writeUnit(root, 'yaml-city', { 'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n') });
    expect(reviewReport(loadReport(yamlCity), openFontSet()).map((f) => f.message)).toContain(`the statistics are a sum of 2 units (gongwen aggregate) whose figures were changed since it was made: 表二 行政许可 / 本年处理决定数量 (line ${line}): ${was + 5}, its units ${was}`);
    expect((await run(path.dirname(out), '--out', path.join(root, 'typed-over.yaml'))).err).toMatch(/warning: city is a sum of 3 units \(unit-1, unit-2, unit-3\) whose figures were changed since it was made: summed as they stand/);
    // a rule the sum's figures break sends the writer to its units, not to the sum's line (province trial)
    writeFileSync(out, sumText.replace(/(new_received:[\s\S]*?total: )(\d+)/, (_, head: string, n: string) => `${head}${Number(n) + 2}`));
    const rowTotal = reviewReport(loadReport(city), openFontSet()).find((f) => /its 6 parts add up to/.test(f.message));
    // (here the sum itself was typed over: its units are not at fault, review)
    expect(rowTotal?.hint).toBe('the sum was typed over since it was made: add its units up again (gongwen aggregate) rather than correct it here');
    // a sum as made, whose unit breaks a row total: the units are named
    const warnedSum = path.join(root, 'warned-city');
    mkdirSync(warnedSum);
    expect((await run(units[1]!, warnedUnit(root), '--out', path.join(warnedSum, 'statistics.yaml'))).code).toBe(0);
    writeFileSync(path.join(warnedSum, 'report.md'), readFileSync(path.join(city, 'report.md'), 'utf8'));
    const fromUnits = reviewReport(loadReport(warnedSum), openFontSet()).filter((f) => f.message.includes('parts add up to'));
    expect(fromUnits.length).toBeGreaterThan(0);
    for (const f of fromUnits) expect(f.hint).toBe('the sum\'s figures come from its units (unit-2, warned): correct the unit whose figures break this (gongwen aggregate names it), then add them up again');
    writeFileSync(out, sumText);
    // a province's sum of the city: a unit of the city corrected is found under it too, by the
    // province's check, its build and a sum of the city (province trial)
    const provinceDir = path.join(root, 'province');
    mkdirSync(provinceDir);
    const provinceStats = path.join(provinceDir, 'statistics.yaml');
    expect((await run(path.dirname(out), '--out', provinceStats)).code).toBe(0);
    const province = writeUnit(root, 'province', { 'report.md': readFileSync(path.join(city, 'report.md'), 'utf8') });
    const provinceChanged = () => reviewReport(loadReport(province), openFontSet()).filter((f) => f.message.includes('changed since it was made'));
    expect(provinceChanged()).toEqual([]);
    const [o3, e3] = [capture(), capture()];
    expect(await main(['build', province, '--out', path.join(root, 'out'), '--format', 'docx'], o3, e3)).toBe(0);
    writeFileSync(one, readFileSync(one, 'utf8').replace(/decisions: (\d+)/, (_, n: string) => `decisions: ${Number(n) + 1}`));
    expect(provinceChanged().map((f) => f.message)).toEqual([expect.stringMatching(/^the statistics are a sum whose unit changed since it was made: city: unit-1 \(.*unit-1\/statistics\.yaml\)$/)]);
    // (to add the city up again first, not the province, which would read the city's old sum again: review)
    expect(provinceChanged()[0]?.hint).toBe('add up again first the sums named before a ":" (their units changed), then this sum, with gongwen aggregate as each was made');
    const [o4, e4] = [capture(), capture()];
    await main(['build', province, '--out', path.join(root, 'out'), '--format', 'docx'], o4, e4);
    expect(o4.text()).toMatch(/built again: unit of the sum \.\.\/unit-1\/statistics\.yaml changed/);
    const resum = await run(path.dirname(out), '--out', provinceStats);
    expect(resum.err).toMatch(/warning: city is a sum whose unit changed since it was made: unit-1 \(.*\)\n  fix: add city's units up again first/);
  });

  it('refuses to convert a workbook over its YAML twin saved since with other figures (a report naming the workbook; 200 typed figures were lost, a newcomer\'s trial)', async () => {
    const root = tempRoot();
    const unit = writeUnit(root, 'u', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.xlsx\n---\n正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, {}),
      'statistics.yaml': yamlOf(scaled(base, 1, {})),
    });
    const yaml = path.join(unit, 'statistics.yaml');
    const older = new Date(Date.now() - 7_200_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), older, older);
    const typed = readFileSync(yaml, 'utf8');
    // check names the YAML to use rather than the conversion that would replace it
    const [o, e] = [capture(), capture()];
    expect(await main(['check', unit], o, e)).toBe(2);
    expect(e.text()).toContain(`fix: ${yaml} is there, saved after the workbook: write "statistics: statistics.yaml" on this line`);
    const refused = await run(unit, '--out', yaml);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`error: --out ${yaml} holds 200 figures that gongwen did not write (typed in, or a unit's own), and was saved after ${path.join(unit, 'statistics.xlsx')}: converting that file would write over them`);
    expect(refused.err).toContain('fix: keep the newer figures: name statistics.yaml in report.md\'s "statistics:" and do not convert');
    expect(readFileSync(yaml, 'utf8')).toBe(typed);
    // a twin older than the workbook is what a conversion replaces
    const newer = new Date(Date.now() + 60_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), newer, newer);
    const converted = await run(unit, '--out', yaml);
    expect(converted.code, converted.err).toBe(0);
    // a blank form beside an older workbook (gongwen new's, the workbook copied in since) is what a conversion replaces (a review)
    const blank = writeUnit(root, 'b', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.xlsx\n---\n正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1, {})),
      'statistics.yaml': yamlOf({}),
    });
    utimesSync(path.join(blank, 'statistics.xlsx'), older, older);
    const [o2, e2] = [capture(), capture()];
    expect(await main(['check', blank], o2, e2)).toBe(2);
    expect(e2.text()).toContain('fix: convert the workbook once: gongwen aggregate');
    // a newer YAML with a slip in it is no blank form: check names it (a review)
    writeFileSync(path.join(blank, 'statistics.yaml'), yamlOf(scaled(base, 1, {})).replace(/(\bdecisions: \d+)/, '$1件'));
    const [o3, e3] = [capture(), capture()];
    await main(['check', blank], o3, e3);
    expect(e3.text()).toContain('is there, saved after the workbook');
    writeFileSync(path.join(blank, 'statistics.yaml'), yamlOf({}));
    expect((await run(blank, '--out', path.join(blank, 'statistics.yaml'))).code).toBe(0);
    // a conversion nobody changed since is replaced by converting a workbook saved before it (a review:
    // refused as "figures gongwen did not write"); typed into, it is kept
    const again = writeUnit(root, 'a', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.xlsx\n---\n正文。\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1, {})),
    });
    const againYaml = path.join(again, 'statistics.yaml');
    expect((await run(again, '--out', againYaml)).code).toBe(0);
    expect(readFileSync(againYaml, 'utf8')).toMatch(/^# gongwen converted figures: \S+$/m);
    writeFileSync(path.join(again, 'statistics.xlsx'), await statisticsToXlsx(base.template, { ...scaled(base, 1, {}), 't2.licensing.decisions': 4242 }));
    utimesSync(path.join(again, 'statistics.xlsx'), older, older);
    expect((await run(again, '--out', againYaml)).code).toBe(0);
    expect(readStatistics(againYaml).values['t2.licensing.decisions']).toBe(4242);
    writeFileSync(againYaml, readFileSync(againYaml, 'utf8').replace(/decisions: 4242/, 'decisions: 4243'));
    expect((await run(again, '--out', againYaml)).code).toBe(2);
  });

  it('warns of the totals a unit\'s workbook breaks when it is converted alone, at its cells (said only by the check after, at the YAML\'s lines: a statistics audit)', async () => {
    const root = tempRoot();
    const figures = scaled(base, 1, {});
    const unit = writeUnit(root, 'u', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, { ...figures, 't3.granted.welfare': figures['t3.granted.welfare']! + 10 }),
    });
    const converted = await run(unit, '--out', path.join(unit, 'statistics.yaml'));
    expect(converted.code, converted.err).toBe(0);
    expect(converted.err).toMatch(/warning: \S*statistics\.xlsx: .*\(表三!\w+\d+\).*\n  fix: /);
    // a unit that keeps every total converts without a word
    const clean = writeUnit(root, 'c', { 'statistics.xlsx': await statisticsToXlsx(base.template, figures) });
    expect((await run(clean, '--out', path.join(clean, 'statistics.yaml'))).err).toBe('');
  });

  it('reads a workbook the unit sent again after it was converted, when converting it again; warns of it everywhere else', async () => {
    const root = tempRoot();
    const unit = writeUnit(root, 'u', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1, {})),
    });
    const yaml = path.join(unit, 'statistics.yaml');
    expect((await run(unit, '--out', yaml)).code).toBe(0); // converted once
    const first = readStatistics(yaml).values['t2.licensing.decisions'];
    expect(first).toBe(scaled(base, 1, {})['t2.licensing.decisions']);
    // a workbook saved after it with the same figures (a copy) is no news
    const copied = new Date(Date.now() + 30_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), copied, copied);
    expect((await run(unit, '--out', path.join(root, 'copy-sum.yaml'))).err).not.toContain('was saved after');
    // the unit corrects its workbook and sends it again, saved after the conversion
    const corrected = { ...scaled(base, 1, {}), 't2.licensing.decisions': 777777 };
    writeFileSync(path.join(unit, 'statistics.xlsx'), await statisticsToXlsx(base.template, corrected));
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), later, later);
    // a sum elsewhere, and the unit's own build, read the YAML and say the workbook's figures are not in
    const sum = await run(unit, '--out', path.join(root, 'sum.yaml'));
    expect(sum.code).toBe(0);
    // the sum records it, and a report that prints the sum warns of it (--strict fails): it kept no
    // trace of it, and the city published the unit's old figures
    expect(readStatistics(path.join(root, 'sum.yaml')).sumRecord?.stale).toEqual(['u']);
    const city = writeUnit(root, 'city', { 'report.md': FRONT.replace(/---\n$/, `statistics: ${path.join(root, 'sum.yaml')}\n---\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n`) });
    expect(reviewReport(loadReport(city), openFontSet()).filter((f) => f.message.includes('saved before its workbook')).map((f) => f.message))
      .toEqual(['the statistics are a sum that read the YAML statistics of a unit saved before its workbook (statistics.xlsx), whose figures are not in: u']);
    expect(sum.err).toContain(`warning: ${path.join(unit, 'statistics.xlsx')} was saved after ${yaml}, which is what is read: the workbook's figures are not in`);
    expect(sum.err).toContain(`fix: convert it again (gongwen aggregate ${unit} --out ${yaml})`);
    expect(reviewReport(loadReport(unit), openFontSet()).some((f) => f.message.includes('was saved after') && f.hint.includes('convert it again'))).toBe(true);
    // converting it again, as the fix says, reads the workbook
    const again = await run(unit, '--out', yaml);
    expect(again.code, again.err).toBe(0);
    expect(readStatistics(yaml).values['t2.licensing.decisions']).toBe(777777);
    // the YAML now newer, --out it with the workbook older, or with another unit beside it, is refused
    // as ever (the unit's own file is not written over)
    const older = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), older, older);
    const refused = await run(unit, '--out', yaml);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`--out ${yaml} is the statistics file of unit u, which it reads already\n  fix: its statistics.xlsx was saved before statistics.yaml, so there is nothing newer to convert; to convert it all the same, move statistics.yaml aside first`);
    // a report.md without statistics: reads statistics.yaml beside the older workbook: nothing newer to convert
    writeFileSync(path.join(unit, 'report.md'), readFileSync(path.join(unit, 'report.md'), 'utf8').replace(/^statistics:.*\n/m, ''));
    const unnamed = await run(unit, '--out', yaml);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toContain('fix: its statistics.xlsx was saved before statistics.yaml, so there is nothing newer to convert');
    // …and with the workbook saved after the YAML, converting that unit alone reads the workbook, as where report.md names the YAML
    writeFileSync(path.join(unit, 'statistics.xlsx'), await statisticsToXlsx(base.template, { ...corrected, 't2.licensing.decisions': 888888 }));
    utimesSync(path.join(unit, 'statistics.xlsx'), later, later);
    const converted = await run(unit, '--out', yaml);
    expect(converted.code, converted.err).toBe(0);
    expect(readStatistics(yaml).values['t2.licensing.decisions']).toBe(888888);
    utimesSync(path.join(unit, 'statistics.xlsx'), older, older);
    utimesSync(path.join(unit, 'statistics.xlsx'), later, later);
    const [other] = await goodUnits(root);
    const two = await run(unit, other!, '--out', yaml);
    expect(two.code).toBe(2);
    expect(two.err).toContain(`--out ${yaml} is in ${unit}, which is given among the units`);
  });

  it('does not warn of a workbook saved after the YAML that holds its figures (the form written into the unit\'s folder) or none', async () => {
    const root = tempRoot();
    const unit = writeUnit(root, 'u', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n'),
      'statistics.yaml': yamlOf(scaled(base, 1, {})),
    });
    const workbook = path.join(unit, 'statistics.xlsx');
    const stale = async () => {
      const [out, err] = [capture(), capture()];
      const code = await main(['check', unit], out, err);
      return { code, err: err.text() };
    };
    // the unit's form written from its YAML into its own folder: the same figures, no news
    expect((await run(unit, '--out', workbook)).code).toBe(0);
    const later = new Date(Date.now() + 60_000);
    utimesSync(workbook, later, later);
    expect(await stale()).toEqual({ code: 0, err: expect.not.stringContaining('was saved after') });
    // a blank form saved there (every cell empty): no figures that are not in
    writeFileSync(workbook, await statisticsToXlsx(base.template, {}));
    utimesSync(workbook, later, later);
    expect((await stale()).err).not.toContain('was saved after');
    // a workbook with one figure changed is news, in check and build alike
    writeFileSync(workbook, await statisticsToXlsx(base.template, { ...scaled(base, 1, {}), 't2.licensing.decisions': 777777 }));
    utimesSync(workbook, later, later);
    expect((await stale()).err).toContain('was saved after');
    const built = await buildReport(unit, { fonts: openFontSet(), formats: ['docx'] });
    expect(built.warnings.some((f) => f.message.includes('was saved after'))).toBe(true);
  });

  it('writes the units\' year into the sum and its workbook, and refuses last year\'s workbook sent back among this year\'s', async () => {
    const root = tempRoot();
    const report2021 = FRONT;
    const unit = (name: string, k: number) => writeUnit(root, name, { 'report.md': report2021.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n'), 'statistics.yaml': yamlOf(scaled(base, k, {})) });
    const [a, b] = [unit('a', 1), unit('b', 2)];
    const sum = path.join(root, 'sum.yaml');
    expect((await run(a, b, '--out', sum)).code).toBe(0);
    expect(readStatistics(sum).year).toBe(2021);
    expect(readFileSync(sum, 'utf8')).toMatch(/^year: 2021 +# 统计年度$/m);
    // the form handed out carries the year; one sent back from another year is found by it
    const form = path.join(root, 'form.xlsx');
    expect((await run(a, '--out', form)).code).toBe(0);
    expect((await statisticsFromXlsx(readFileSync(form), form)).year).toBe(2021);
    const lastYear = writeUnit(root, 'c', { 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 3, {}), undefined, 2020) });
    const r = await run(a, b, lastYear, '--out', path.join(root, 'sum2.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: the units report on different years');
    expect(r.err).toContain('  2020: c (statistics.xlsx)\n  2021: a, b\n');
    // a folder of figures that says no year (no report.md, no year: in its file) is summed as of
    // the others' year, and said
    const unsaid = writeUnit(root, 'd', { 'statistics.yaml': yamlOf(scaled(base, 4, {})) });
    const d = await run(a, b, unsaid, '--out', path.join(root, 'sum3.yaml'));
    expect(d.code, d.err).toBe(0);
    expect(d.out).toContain('note: d says no year (no report.md, and no year: in the statistics file): taken to be on 2021 like the others\n');
    expect((await run(a, b, '--out', path.join(root, 'sum4.yaml'))).out).not.toContain('says no year');
  });

  it('sums the workbook of a unit whose YAML is still empty as gongwen new wrote it, and says to convert it', async () => {
    const root = tempRoot();
    const [a] = await goodUnits(root);
    const excel = writeUnit(root, 'excel', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n'),
      'statistics.yaml': yamlOf({}),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 2, {})),
    });
    const r = await run(a!, excel, '--out', path.join(root, 'sum.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`warning: ${path.join(excel, 'statistics.yaml')} has no figures (as gongwen new writes it), so ${path.join(excel, 'statistics.xlsx')} is summed`);
    expect(r.out).toContain('summary: 2 summed');
    // the unit alone into another file: the same (it wrote a blank form, 0 of its cells given: an audit)
    const alone = await run(excel, '--out', path.join(root, 'county.yaml'));
    expect(alone.code, alone.err).toBe(0);
    expect(alone.err).toContain(`${path.join(excel, 'statistics.xlsx')} is read\n  fix: convert it (gongwen aggregate ${excel} --out ${path.join(excel, 'statistics.yaml')})`);
    expect(alone.err).not.toContain('convert it again');
    expect(readStatistics(path.join(root, 'county.yaml')).values).toEqual(scaled(base, 2, {}));
    // given as its statistics file, which counts as its folder: the same (a review: a blank form)
    const asFile = await run(path.join(excel, 'statistics.yaml'), '--out', path.join(root, 'county2.yaml'));
    expect(asFile.code, asFile.err).toBe(0);
    expect(readStatistics(path.join(root, 'county2.yaml')).values).toEqual(scaled(base, 2, {}));
    // a blank workbook beside the empty YAML (the form as handed out) is no news: no warning (a review)
    const blank = writeUnit(root, 'blank', { 'statistics.yaml': yamlOf({}), 'statistics.xlsx': await statisticsToXlsx(base.template, {}) });
    const form = await run(blank, '--out', path.join(root, 'form2.xlsx'));
    expect(form.code, form.err).toBe(0);
    expect(form.err).not.toContain('has no figures');
    // … but not into the workbook itself: the form written again from the YAML would be the blank one
    // over the unit's figures, which the guard against writing over its own file refuses
    const over = await run(excel, '--out', path.join(excel, 'statistics.xlsx'));
    expect(over.code).toBe(2);
  });

  it('refuses a unit whose statistics say another year than its report.md, summed or converted; converts an empty YAML\'s workbook whatever the files\' times', async () => {
    const root = tempRoot();
    const report2021 = FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n');
    const old = writeUnit(root, 'old', { 'report.md': report2021, 'statistics.yaml': yamlOf({}), 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1, {}), undefined, 2020) });
    const [a] = await goodUnits(root);
    const summed = await run(a!, old, '--out', path.join(root, 'sum.yaml'));
    expect(summed.code).toBe(2);
    expect(summed.err).toMatch(/invalid statistics: old \(.*\):\n\s+.*statistics\.xlsx: the figures are for 2020 \(its year\), and the unit's report\.md is on 2021/);
    // (a workbook's year is not to be corrected: it is last year's form, an office's trial)
    expect(summed.err).toMatch(/\n\s+fix: last year's form sent back\? ask the unit for its 2021 figures on this year's form \(gongwen new <folder> --year 2021/);
    const converted = await run(old, '--out', path.join(old, 'statistics.yaml'));
    expect(converted.code).toBe(2);
    // (a conversion refused is no sum refused: an office's trial)
    expect(converted.err).not.toContain('no unit can be summed');
    // check, before any sum, says the same of a newer workbook, not "convert it again" (an office's trial)
    const sent = writeUnit(root, 'sent', {
      'report.md': report2021.replace('正文。', '正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}'),
      'statistics.yaml': yamlOf(scaled(base, 1)), 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 2, {}), undefined, 2020),
    });
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(sent, 'statistics.xlsx'), later, later);
    const [o, e] = [capture(), capture()];
    await main(['check', sent], o, e);
    expect(e.text()).toMatch(/statistics\.xlsx, saved after .*statistics\.yaml, holds the figures for 2020, and the report is on 2021: last year's form sent back\?\n  fix: ask for the figures of 2021 on this year's form/);
    expect(e.text()).not.toContain('convert it again');
    // … and so does a sum that holds it (its YAML summed): a review found "convert it again" there
    const sum = await run(a!, sent, '--out', path.join(root, 'with-sent.yaml'));
    expect(sum.code, sum.err).toBe(0);
    expect(sum.err).toMatch(/statistics\.xlsx was saved after .*statistics\.yaml and holds the figures for 2020, and the unit's report\.md is on 2021: last year's form sent back\?/);
    expect(sum.err).not.toContain('convert it again');
    expect(readStatistics(path.join(old, 'statistics.yaml')).values).toEqual({});
    // this year's workbook, older than the empty YAML (times kept by an unzip): converted all the same
    const fresh = writeUnit(root, 'fresh', { 'report.md': report2021, 'statistics.yaml': yamlOf({}), 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1, {}), undefined, 2021) });
    const older = new Date(2020, 0, 1);
    utimesSync(path.join(fresh, 'statistics.xlsx'), older, older);
    const again = await run(fresh, '--out', path.join(fresh, 'statistics.yaml'));
    expect(again.code, again.err).toBe(0);
    expect(readStatistics(path.join(fresh, 'statistics.yaml')).values['t2.licensing.decisions']).toBe(scaled(base, 1, {})['t2.licensing.decisions']);
  });

  it('refuses to write a unit\'s YAML over its workbook saved after it with other figures (the corrections were lost: QA), and converts the workbook the other way', async () => {
    const root = tempRoot();
    const yaml = yamlOf(scaled(base, 1, {}));
    const unit = writeUnit(root, 'wjw', { 'statistics.yaml': yaml, 'statistics.xlsx': await statisticsToXlsx(base.template, { ...scaled(base, 1, {}), 't2.licensing.decisions': 3863 }) });
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), later, later);
    const before = readFileSync(path.join(unit, 'statistics.xlsx'));
    const r = await run(unit, '--out', path.join(unit, 'statistics.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: --out ${path.join(unit, 'statistics.xlsx')} is wjw's workbook, saved after`);
    expect(r.err).toContain(`fix: to take the workbook's figures, convert it into the YAML (gongwen aggregate ${unit} --out`);
    expect(readFileSync(path.join(unit, 'statistics.xlsx')).equals(before)).toBe(true);
    // the unit given as its statistics.yaml, which counts as its folder, too (review)
    const asFile = await run(path.join(unit, 'statistics.yaml'), '--out', path.join(unit, 'statistics.xlsx'));
    expect(asFile.code).toBe(2);
    expect(asFile.err).toContain('is wjw\'s workbook, saved after');
    // its fix names the unit's folder: given as its YAML, that conversion would be refused (README audit)
    expect(asFile.err).toContain(`fix: to take the workbook's figures, convert it into the YAML (gongwen aggregate ${unit} --out`);
    expect(readFileSync(path.join(unit, 'statistics.xlsx')).equals(before)).toBe(true);
    // a sum written again beside its units (units/a.yaml, units/b.yaml → units/sum.xlsx, b edited
    // since) is no unit's workbook: written as before (review)
    const files = writeUnit(root, 'files', { 'a.yaml': yamlOf(scaled(base, 1, {})), 'b.yaml': yamlOf(scaled(base, 2, {})) });
    expect((await run(path.join(files, 'a.yaml'), path.join(files, 'b.yaml'), '--out', path.join(files, 'sum.xlsx'))).code).toBe(0);
    writeFileSync(path.join(files, 'b.yaml'), yamlOf(scaled(base, 3, {})));
    const older2 = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(files, 'b.yaml'), older2, older2);
    const again2 = await run(path.join(files, 'a.yaml'), path.join(files, 'b.yaml'), '--out', path.join(files, 'sum.xlsx'));
    expect(again2.code, again2.err).toBe(0);
    // a sum of several units written over one unit's newer workbook, a.xlsx beside a.yaml, is
    // refused too; the fix converts the workbook itself, a file named otherwise (review)
    const two = writeUnit(root, 'two', { 'a.yaml': yamlOf(scaled(base, 1, {})), 'b.yaml': yamlOf(scaled(base, 2, {})), 'a.xlsx': await statisticsToXlsx(base.template, { ...scaled(base, 1, {}), 't2.licensing.decisions': 3863 }) });
    utimesSync(path.join(two, 'a.xlsx'), later, later);
    const sumOver = await run(path.join(two, 'a.yaml'), path.join(two, 'b.yaml'), '--out', path.join(two, 'a.xlsx'));
    expect(sumOver.code).toBe(2);
    expect(sumOver.err).toContain(`is a's workbook, saved after ${path.join(two, 'a.yaml')} with other figures: writing the sum would replace them`);
    expect(sumOver.err).toContain(`fix: to take the workbook's figures, convert it into the YAML (gongwen aggregate ${path.join(two, 'a.xlsx')} --out ${path.join(two, 'a.yaml')}), and write the sum elsewhere`);
    // the other way: the workbook's figures into the YAML
    expect((await run(unit, '--out', path.join(unit, 'statistics.yaml'))).code).toBe(0);
    expect(readStatistics(path.join(unit, 'statistics.yaml')).values['t2.licensing.decisions']).toBe(3863);
    // a workbook older than the YAML is written over as before (the YAML is the unit's own)
    const older = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(unit, 'statistics.xlsx'), older, older);
    expect((await run(unit, '--out', path.join(unit, 'statistics.xlsx'))).code).toBe(0);
  });

  it('carries the units a sum left out into a sum of sums, and converts a blank form of one unit', async () => {
    const root = tempRoot();
    const [a] = await goodUnits(root);
    const blank = writeUnit(root, 'blank', { 'statistics.yaml': yamlOf({}) });
    const city = writeUnit(root, 'city', {});
    expect((await run(a!, blank, '--out', path.join(city, 'statistics.xlsx'), '--partial')).code).toBe(0);
    const county = writeUnit(root, 'county', { 'statistics.yaml': yamlOf(scaled(base, 2, {})) });
    const province = await run(city, county, '--out', path.join(root, 'province.yaml'));
    expect(province.code, province.err).toBe(0);
    expect(province.out).toContain('note: city is a sum of 1 unit (unit-1), added as one unit; it left out blank (invalid)');
    expect(readStatistics(path.join(root, 'province.yaml')).sumRecord?.left).toEqual(['city: blank (invalid)']);
    // one unit alone is a conversion: the blank form, to hand out, is written
    const form = await run(blank, '--out', path.join(root, 'form.xlsx'));
    expect(form.code, form.err).toBe(0);
    expect(form.out).toContain('(0 of');
    // said as what it is, not "1 summed"
    expect(form.out).toContain('summary: a blank gov-2021 form, for a unit to fill in (no sum)\n');
    const converted = await run(a!, '--out', path.join(a!, 'statistics.xlsx'));
    expect(converted.out).toContain('summary: unit-1\'s statistics.yaml converted (no sum)\n');
    const elsewhere = await run(a!, '--out', path.join(root, 'unit-1.xlsx'));
    expect(elsewhere.out).toContain('summary: unit-1\'s figures written (one unit: no sum)\n');
    // and its header says so too, not "Sum of 1 unit" (QA)
    expect(readFileSync(path.join(root, 'unit-1.xlsx')).length).toBeGreaterThan(0);
    expect((await run(a!, '--out', path.join(root, 'unit-1.yaml'))).code).toBe(0);
    expect(readFileSync(path.join(root, 'unit-1.yaml'), 'utf8')).toMatch(/^# unit-1: its figures \(gongwen aggregate, template gov-2021\)$/m);
    expect((await run(blank, '--out', path.join(root, 'blank.yaml'))).code).toBe(0);
    expect(readFileSync(path.join(root, 'blank.yaml'), 'utf8')).toMatch(/^# blank: a blank gov-2021 form, to fill in \(gongwen aggregate, template gov-2021\)$/m);
    // one unit and others left out is a sum all the same
    expect((await run(a!, blank, '--out', path.join(root, 'p.yaml'), '--partial')).out).toContain('summary: 1 summed, 0 missing, 1 invalid');
  });

  it('refuses units on different templates without --template, listing which uses which', async () => {
    const root = tempRoot();
    const units = [unit2014(root), ...(await goodUnits(root)).slice(0, 2)];
    const out = path.join(root, 'sum.yaml');
    for (const args of [[], ['--partial']]) {
      const r = await run(...units, '--out', out, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('the units use different statistics templates');
      expect(r.err).toContain('  gov-2014: old-form\n  gov-2021: unit-1, unit-2\n');
      expect(r.err).toContain('fix: give --template gov-2014 or --template gov-2021 to sum the units on that form, with --partial to leave the others out');
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a missing unit: an empty folder, a folder that does not exist, a report.md naming no file', async () => {
    const root = tempRoot();
    const [ok] = await goodUnits(root);
    const empty = writeUnit(root, 'empty');
    const named = writeUnit(root, 'named', { 'report.md': FRONT.replace(/---\n$/, 'statistics: gone.yaml\n---\n正文。\n') });
    const out = path.join(root, 'sum.yaml');
    const file = path.join(writeUnit(root, 'given-a-file', { 'statistics.yaml': 'template: gov-2021\n' }), 'statistics.yaml');
    const r = await run(ok, empty, path.join(root, 'nowhere'), named, file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing statistics: empty \(.*\): no statistics\.yaml or statistics\.xlsx/);
    expect(r.err).toMatch(/missing statistics: nowhere \(.*\): folder not found/);
    // a unit's file given for its folder is that unit (named by its folder), read: here without figures
    expect(r.err).toMatch(/invalid statistics: given-a-file \(.*given-a-file\/statistics\.yaml\):/);
    // (with the line of statistics:, a bad-input audit)
    expect(r.err).toMatch(/missing statistics: named \(.*\): .*report\.md:\d+: "statistics: gone\.yaml" names a file that does not exist/);
    expect(r.err).toContain('summary: 0 summed, 3 missing, 1 invalid, 0 other template; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('with --partial sums the good units, warns about the others and exits 0', async () => {
    const root = tempRoot();
    const [u1, u2] = await goodUnits(root);
    const units = [u1, brokenUnit(root), u2, writeUnit(root, 'empty'), unit2014(root)];
    const out = path.join(root, 'sum.yaml');
    const r = await run(...units, '--out', out, '--template', 'gov-2021', '--partial');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^warning: left out: invalid statistics: broken/m);
    expect(r.err).toMatch(/^warning: left out: missing statistics: empty/m);
    expect(r.err).toMatch(/^warning: left out: other template: old-form/m);
    expect(r.out).toContain('summary: 2 summed, 1 missing, 1 invalid, 1 other template');
    const sum = readStatistics(out);
    expect(sum.values['t3.new_received.total']).toBe(271 * 3);
    expect(sum.values['t2.fees.amount']).toBe(126.45);
    expect(readFileSync(out, 'utf8')).toContain('# Left out: broken (invalid), empty (missing), old-form (other template)');
  });

  it('with --partial still exits 2 when no unit can be summed', async () => {
    const root = tempRoot();
    const out = path.join(root, 'sum.yaml');
    const r = await run(brokenUnit(root), writeUnit(root, 'empty'), '--out', out, '--partial');
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: no unit can be summed');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to count one statistics file twice: a link to a unit\'s folder, or a unit whose statistics: names another\'s file', async () => {
    const root = tempRoot();
    const [u1] = await goodUnits(root);
    symlinkSync(u1!, path.join(root, 'alias'));
    const linked = await run(u1!, path.join(root, 'alias'), '--out', path.join(root, 'a.yaml'));
    expect(linked.code).toBe(2);
    expect(linked.err).toMatch(/error: .*unit-1 and .*alias read the same statistics file .*unit-1\/statistics\.yaml: it would be counted twice \(with --partial too\)\n  fix: give each unit once/);
    const shared = writeUnit(root, 'shared', { 'report.md': FRONT.replace(/---\n$/, `statistics: ${path.join(u1!, 'statistics.yaml')}\n---\n正文。\n`) });
    const r = await run(u1!, shared, '--out', path.join(root, 'b.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('it would be counted twice');
    expect(existsSync(path.join(root, 'a.yaml')) || existsSync(path.join(root, 'b.yaml'))).toBe(false);
  });

  it('refuses a sum given among its own units (units/* that takes the city\'s folder), as YAML or workbook; a sum of other units is one unit', async () => {
    for (const ext of ['yaml', 'xlsx']) {
      const root = tempRoot();
      const [u1, u2] = await goodUnits(root);
      const city = path.join(root, 'city');
      mkdirSync(city);
      const made = await run(u1!, u2!, '--out', path.join(city, `statistics.${ext}`));
      expect(made.code, made.err).toBe(0);
      const again = await run(u1!, u2!, city, '--out', path.join(root, `twice.${ext}`));
      expect(again.code, ext).toBe(2);
      expect(again.err).toMatch(/^error: city \(.*city\) is the sum of unit-1, unit-2 \(written by gongwen aggregate\), and unit-1, unit-2 are given too: they would be counted twice/m);
      expect(again.err).toContain('fix: leave');
      expect(existsSync(path.join(root, `twice.${ext}`))).toBe(false);
      expect((await run(u1!, u2!, city, '--out', path.join(root, `p.${ext}`), '--partial')).code).toBe(2);
      // a province adding up a city's sum and another unit: summed, with a note; a unit that shares a
      // name with one of the sum's but not its figures (a province's 本级 beside a city's) is no double
      const province = await run(city, (await goodUnits(tempRoot()))[2]!, '--out', path.join(root, `province.${ext}`));
      expect(province.code, province.err).toBe(0);
      expect(province.out).toContain('note: city is a sum of 2 units (unit-1, unit-2), added as one unit');
      const namesake = writeUnit(tempRoot(), 'unit-1', { 'statistics.yaml': yamlOf(scaled(base, 7)) });
      const p2 = await run(city, namesake, '--out', path.join(root, `p2.${ext}`));
      expect(p2.code, p2.err).toBe(0);
    }
    // a sum's workbook handed out as a form and filled in carries the sum's record: taken as that sum
    // (a sum typed over counted its units twice, reviews), with the fix to give the unit its own form
    const root = tempRoot();
    const [u1, u2] = await goodUnits(root);
    const sum = path.join(root, 'sum.xlsx');
    expect((await run(u1!, u2!, '--out', sum)).code).toBe(0);
    const filled = writeUnit(root, 'south', { 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 5)) });
    // (its gongwen sheet as the sum's: the record copied with the workbook)
    const copied = await statisticsFromXlsx(readFileSync(sum), sum);
    expect(copied.sumRecord?.units.map(([n]) => n)).toEqual(['unit-1', 'unit-2']);
    const asForm = await statisticsToXlsx(base.template, scaled(base, 5), copied.sumRecord);
    writeFileSync(path.join(filled, 'statistics.xlsx'), asForm);
    const r = await run(u1!, u2!, filled, '--out', path.join(root, 'all.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: south (');
    expect(r.err).toContain('is the sum of unit-1, unit-2 (written by gongwen aggregate, its figures changed since), and unit-1, unit-2 are given too');
    expect(r.err).toContain('if south is a unit that filled in a sum\'s workbook as its form, give it a form of its own (gongwen aggregate <its folder> --out <form>.xlsx)');
  });

  it('converts a unit\'s workbook into the file its report.md names (not there yet), as README says, with no sum record', async () => {
    const root = tempRoot();
    const unit = writeUnit(root, 'weijian', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 2)),
    });
    const target = path.join(unit, 'statistics.yaml');
    const r = await run(unit, '--out', target);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(readFileSync(target, 'utf8')).not.toContain('gongwen sum record');
    expect(readStatistics(target).values).toEqual(scaled(base, 2));
    // elsewhere, a missing named file with a workbook beside it: the workbook is read, with a warning
    const other = writeUnit(root, 'other', {
      'report.md': FRONT.replace(/---\n$/, 'statistics: figures.yaml\n---\n正文。\n'),
      'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 1)),
    });
    // one unit summed elsewhere, another left out: a sum all the same, its unit not to be added again
    const broken = writeUnit(root, 'broken-one', { 'statistics.yaml': yamlOf(scaled(base, 1)).replace(/(granted:\n\s+natural:) 102/, '$1 一百零二') });
    const city = path.join(root, 'city');
    mkdirSync(city);
    expect((await run(other, broken, '--out', path.join(city, 'statistics.yaml'), '--partial')).code).toBe(0);
    expect(readFileSync(path.join(city, 'statistics.yaml'), 'utf8')).toContain('gongwen sum record');
    expect((await run(other, city, '--out', path.join(root, 'twice.yaml'))).code).toBe(2);
    const sum = await run(unit, other, '--out', path.join(root, 'sum.yaml'));
    expect(sum.code, sum.err).toBe(0);
    expect(sum.out).not.toContain('note:');
    expect(sum.err).toMatch(/warning: .*other\/report\.md:\d+: "statistics: figures\.yaml" names a file that does not exist; .*other\/statistics\.xlsx is read/);
  });

  it('refuses the same figures under two names: a unit\'s folder copied, a sum given twice, a unit beside a sum that holds it renamed (province trial)', async () => {
    const root = tempRoot();
    const units = (await goodUnits(root)).slice(0, 2);
    const copy = writeUnit(root, 'unit-1-copy', { 'statistics.yaml': readFileSync(path.join(units[0]!, 'statistics.yaml'), 'utf8') });
    const r = await run(...units, copy, '--out', path.join(root, 'sum.yaml'), '--partial');
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: unit-1 and unit-1-copy hold the same figures (one unit\'s, in every cell): they would be counted twice (with --partial too)\n  fix: give each unit once');
    // a city's sum given as its YAML and as its workbook
    const city = path.join(root, 'city');
    mkdirSync(city);
    expect((await run(...units, '--out', path.join(city, 'statistics.yaml'))).code).toBe(0);
    const mailed = writeUnit(root, 'city-mailed', {});
    expect((await run(...units, '--out', path.join(mailed, 'statistics.xlsx'))).code).toBe(0);
    const both = await run(city, mailed, '--out', path.join(root, 'province.yaml'));
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/error: city and city-mailed hold the same figures/);
    // units with next to nothing to report may well have the same figures: summed
    const quietFigures = { 't2.regulations.made': 0, 't2.regulations.repealed': 0, 't2.licensing.decisions': 2 };
    const quiet = [1, 2].map((k) => writeUnit(root, `quiet-${k}`, { 'statistics.yaml': yamlOf(quietFigures) }));
    const zeros = await run(...quiet, '--out', path.join(root, 'quiet.yaml'));
    expect(zeros.err).not.toContain('hold the same figures');
    // …and in two cities' sums, each with such a town: the province sums both (review)
    const cityOf = async (name: string, k: number) => {
      const big = writeUnit(path.join(root, name), 'big', { 'statistics.yaml': yamlOf(scaled(base, k)) });
      const town = writeUnit(path.join(root, name), 'town', { 'statistics.yaml': yamlOf(quietFigures) });
      const dir = writeUnit(root, `${name}-city`);
      expect((await run(big, town, '--out', path.join(dir, 'statistics.yaml'))).code).toBe(0);
      return dir;
    };
    const province = await run(await cityOf('A', 3), await cityOf('B', 4), '--out', path.join(root, 'province-of-two.yaml'));
    expect(province.code, province.err).toBe(0);
    // a sum typed over since, given beside its own units, would count them twice all the same (review)
    const typedOver = path.join(city, 'statistics.yaml');
    writeFileSync(typedOver, readFileSync(typedOver, 'utf8').replace(/decisions: (\d+)/, (_, n: string) => `decisions: ${Number(n) + 1}`));
    const beside = await run(...units, city, '--out', path.join(root, 'beside.yaml'));
    expect(beside.code).toBe(2);
    expect(beside.err).toMatch(/error: city \(.*\) is the sum of unit-1, unit-2 \(written by gongwen aggregate, its figures changed since\), and unit-1, unit-2 are given too/);
    // …and beside a copy of one of its units under another name, or after one of its units changed (review)
    const again = writeUnit(root, 'unit-1-again', { 'statistics.yaml': readFileSync(path.join(units[0]!, 'statistics.yaml'), 'utf8') });
    const copied = await run(city, again, '--out', path.join(root, 'copied.yaml'));
    expect(copied.code).toBe(2);
    expect(copied.err).toMatch(/error: city and unit-1-again hold the same figures/);
  });

  it('holds to the units a sum records in the edge cases of the third review', async () => {
    const root = tempRoot();
    const units = (await goodUnits(root)).slice(0, 2);
    const city = writeUnit(root, 'city', { 'report.md': '---\n---\n' });
    expect((await run(...units, '--out', path.join(city, 'statistics.yaml'))).code).toBe(0);
    // a sum written before its record marked the units that tell apart: every unit counts
    const stats = path.join(city, 'statistics.yaml');
    writeFileSync(stats, readFileSync(stats, 'utf8').replace(/,1\]/g, ']'));
    const copy = writeUnit(root, 'copy', { 'statistics.yaml': readFileSync(path.join(units[0]!, 'statistics.yaml'), 'utf8') });
    expect((await run(city, copy, '--out', path.join(root, 'a.yaml'))).err).toMatch(/error: city and copy hold the same figures/);
    // a report.md among the arguments (city/*) is left out with a note, not called a statistics file
    const star = await run(...units, path.join(city, 'report.md'), '--out', path.join(root, 'b.yaml'));
    expect(star.code, star.err).toBe(0);
    expect(star.err).toContain(`note: ${path.join(city, 'report.md')} left out: a file, not a unit folder`);
    // units given as their statistics files: --out into one of their folders is refused too
    const files = units.map((u) => path.join(u, 'statistics.yaml'));
    const into = await run(...files, '--out', path.join(units[0]!, 'statistics.xlsx'));
    // (named as the folder whose own file is given, an aggregation audit: "is in …/statistics.yaml")
    expect([into.code, into.err]).toEqual([2, expect.stringContaining(`--out ${path.join(units[0]!, 'statistics.xlsx')} is in ${units[0]}, whose own statistics.yaml is given among the units`)]);
    // a lock file among files alone is left out (Excel's ~$… while the workbook is open)
    const lock = path.join(root, '~$city.xlsx');
    writeFileSync(lock, 'x');
    expect((await run(...files, lock, '--out', path.join(root, 'c.yaml'))).err).toContain(`note: ${lock} left out`);
    // a sum given as a file and converted beside it keeps its record
    const mailed = path.join(root, '西岭市汇总.xlsx');
    expect((await run(...units, '--out', mailed)).code).toBe(0);
    expect((await run(mailed, '--out', path.join(root, '西岭市汇总.yaml'))).code).toBe(0);
    expect(readStatistics(path.join(root, '西岭市汇总.yaml')).sumRecord?.units.map(([n]) => n)).toEqual(['unit-1', 'unit-2']);
    // (and its conversion says no "is a sum of 2 units, added as one unit": nothing is added to it)
    expect((await run(mailed, '--out', path.join(root, '西岭市汇总2.yaml'))).out).not.toContain('note:');
  });

  it('refuses units whose report.md give different years', async () => {
    const root = tempRoot();
    const unit = (name: string, year: number | string) => writeUnit(root, name, {
      'report.md': FRONT.replace('year: 2021', `year: ${year}`).replace(/---\n$/, 'statistics: statistics.yaml\n---\n正文。\n'),
      'statistics.yaml': yamlOf(scaled(base, 1)),
    });
    const r = await run(unit('a', 2023), unit('b', '"2023"'), unit('c', 2022), '--out', path.join(root, 'sum.yaml'), '--partial');
    expect(r.code).toBe(2);
    // (a year in quotes, which check refuses, is the year all the same)
    expect(r.err).toContain('error: the units report on different years (their report.md year:, or their statistics file\'s):\n  2022: c\n  2023: a, b\n');
    expect(existsSync(path.join(root, 'sum.yaml'))).toBe(false);
  });

  it('warns where a sum breaks a row total through units that leave one of its cells empty, naming them', async () => {
    const root = tempRoot();
    const [u1] = await goodUnits(root);
    // 予以公开 without its 自然人 figure: the unit's own check skips the row total; summed, it is 0
    const gap = writeUnit(root, 'gap', { 'statistics.yaml': yamlOf(scaled(base, 1, { 't3.granted.natural': undefined })) });
    const r = await run(u1!, gap, '--out', path.join(root, 'sum.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^warning: the sum breaks a rule of the form's totals: .*予以公开.*\n {2}units that leave a cell of this rule empty: gap\n/m);
  });

  it('warns of a unit folder that holds both statistics.yaml and statistics.xlsx, saying which is summed and which is newer', async () => {
    const root = tempRoot();
    const both = writeUnit(root, 'both', { 'statistics.yaml': yamlOf(scaled(base, 1)), 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 2)) });
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(both, 'statistics.yaml'), past, past);
    const r = await run(both, '--out', path.join(root, 'sum.yaml'));
    expect(r.code, r.err).toBe(0);
    // (the fix is one check and build take: not "statistics: statistics.xlsx", which they refuse, audit)
    expect(r.err).toContain(`warning: ${both} holds both statistics.yaml and statistics.xlsx; statistics.yaml is summed, though statistics.xlsx was saved after it\n  fix: convert the workbook again (gongwen aggregate ${both} --out ${path.join(both, 'statistics.yaml')}), or remove it if statistics.yaml is current\n`);
    const converted = await run(both, '--out', path.join(both, 'statistics.yaml'));
    expect(converted.code, converted.err).toBe(0);
    const older = new Date(Date.now() - 120_000);
    utimesSync(path.join(both, 'statistics.xlsx'), older, older);
    expect((await run(both, '--out', path.join(root, 'sum.yaml'))).err).toContain('statistics.yaml is summed\n  fix: remove statistics.xlsx if statistics.yaml is current; to take the workbook\'s figures, move statistics.yaml aside, then convert it (gongwen aggregate');
  });

  it('leaves out a plain file a glob took along among the unit folders, with a note; sums the units', async () => {
    const root = tempRoot();
    const units = (await goodUnits(root)).slice(0, 2);
    const note = path.join(root, '说明.docx');
    writeFileSync(note, 'x');
    const r = await run(units[0]!, note, units[1]!, '--out', path.join(root, 'sum.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`note: ${note} left out: a file, not a unit folder\n`);
    expect(r.out).toContain('summary: 2 summed, 0 missing, 0 invalid, 0 other template');
  });

  it('converts one unit without the sum\'s rule warnings: its figures are its own, which its check tells of (province trial)', async () => {
    const root = tempRoot();
    const unit = warnedUnit(root);
    const r = await run(unit, '--out', path.join(unit, 'statistics.xlsx'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('the sum breaks a rule');
  });

  it('names units whose folders share a name with the folder above too (A/city, B/city: province trial, "city, city")', async () => {
    const root = tempRoot();
    const cities = await Promise.all(['A', 'B'].map(async (p, k) => writeUnit(path.join(root, p), 'city', { 'statistics.yaml': yamlOf(scaled(base, k + 1)) })));
    const r = await run(...cities, '--out', path.join(root, 'p.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(path.join(root, 'p.yaml'), 'utf8')).toContain('Sum of 2 units (gongwen aggregate, template gov-2021): A/city, B/city');
    expect(readStatistics(path.join(root, 'p.yaml')).sumRecord?.units.map(([n]) => n)).toEqual(['A/city', 'B/city']);
    // given as their statistics files, the same names (not city/city, review)
    const files = await run(...cities.map((c) => path.join(c, 'statistics.yaml')), '--out', path.join(root, 'p2.yaml'));
    expect(files.code, files.err).toBe(0);
    expect(readStatistics(path.join(root, 'p2.yaml')).sumRecord?.units.map(([n]) => n)).toEqual(['A/city', 'B/city']);
    // and further up where the folder above is shared too (2021/A/city beside old/A/city); a name
    // shared by two units only is the only one lengthened
    const deeper = await Promise.all(['2021', 'old'].map(async (p, k) => writeUnit(path.join(root, p, 'A'), 'city', { 'statistics.yaml': yamlOf(scaled(base, k + 3)) })));
    const other = writeUnit(path.join(root, 'x'), 'town', { 'statistics.yaml': yamlOf(scaled(base, 5)) });
    const d = await run(...deeper, other, '--out', path.join(root, 'p3.yaml'));
    expect(d.code, d.err).toBe(0);
    expect(readStatistics(path.join(root, 'p3.yaml')).sumRecord?.units.map(([n]) => n)).toEqual(['2021/A/city', 'old/A/city', 'town']);
  });

  it('sums a statistics file given in place of a unit folder, named by its file (a city\'s workbook sent by e-mail, province trial)', async () => {
    const root = tempRoot();
    const units = (await goodUnits(root)).slice(0, 2);
    const mailed = path.join(root, '西岭市汇总.xlsx');
    writeFileSync(mailed, await statisticsToXlsx(base.template, scaled(base, 7)));
    const files = [path.join(units[0]!, 'statistics.yaml'), mailed, path.join(units[1]!, 'statistics.yaml')];
    const r = await run(...files, '--out', path.join(root, 'sum.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('summary: 3 summed');
    expect(readFileSync(path.join(root, 'sum.yaml'), 'utf8')).toMatch(/Sum of 3 units \(gongwen aggregate, template gov-2021\): unit-1, 西岭市汇总, unit-2/);
    // among unit folders such a file is refused: summed, a clerk's own 汇总.xlsx kept in units/ counts
    // the units twice; left out, a city would be missing (review)
    const mixed = await run(units[0]!, mailed, units[1]!, '--out', path.join(root, 'sum.yaml'));
    expect([mixed.code, mixed.err.split('\n')[0]]).toEqual([2, `error: ${mailed}: a statistics file among unit folders, which would be summed as a unit of its own; give each unit as a folder (its file saved there as statistics.xlsx or statistics.yaml), or all of them as files — and leave out a sum of the units kept beside them`]);
    // an office program's lock file among them is left out (Excel's ~$statistics.xlsx while the workbook is open)
    const lock = path.join(root, '~$汇总.xlsx');
    writeFileSync(lock, 'x');
    expect((await run(...units, lock, '--out', path.join(root, 'sum.yaml'))).err).toContain(`note: ${lock} left out: a file, not a unit folder`);
  });

  it('reports usage errors with exit 2', async () => {
    const root = tempRoot();
    expect((await run('--out', 'x.yaml')).err).toContain('at least one unit folder');
    expect((await run(root)).err).toContain('needs --out FILE');
    expect((await run(root, '--out', 'sum.csv')).err).toContain('.yaml or .yml or .xlsx');
    expect((await run(root, '--out', 'x.yaml', '--template', 'gov-1999')).err).toContain('unknown template "gov-1999" (known: gov-2014');
    expect((await run(root, `${root}/`, '--out', 'x.yaml')).err).toContain(`unit folder ${root}/ is given twice`);
    const [u1, u2] = await goodUnits(root);
    // the sum written into one of several units' folders (the city's among units/*, province trial)
    const inside = await run(u1, u2, '--out', path.join(u2, 'city.yaml'));
    expect([inside.code, inside.err.split('\n')[0]]).toEqual([2, `error: --out ${path.join(u2, 'city.yaml')} is in ${u2}, which is given among the units: the sum would be one of its own units; leave ${u2} out (a glob such as units/* takes it), or write the sum elsewhere`]);
    const self = await run(u1, '--out', path.join(u1, 'statistics.yaml'));
    expect(self.code).toBe(2);
    expect(self.err).toContain('is the statistics file of unit unit-1');
    const bad = await run(root, '--out', 'x.yaml', '--colour');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--colour');
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('gongwen aggregate <unit-dir>... --out FILE');
  });
});

describe('gongwen aggregate: what an aggregation audit found', () => {
  const t4 = Object.fromEntries([...base.template.cells.values()].filter((c) => c.table === 't4').map((c) => [c.key, undefined]));

  it('refuses a unit given as its folder and as its own statistics file, or as both its files (counted twice)', async () => {
    const root = tempRoot();
    const a = writeUnit(root, 'a', { 'report.md': `${FRONT}正文。\n`, 'statistics.yaml': yamlOf(scaled(base, 1)), 'statistics.xlsx': await statisticsToXlsx(base.template, scaled(base, 2)) });
    const b = writeUnit(root, 'b', { 'statistics.yaml': yamlOf(scaled(base, 3)) });
    for (const args of [[a, path.join(a, 'statistics.xlsx')], [path.join(a, 'statistics.xlsx'), path.join(a, 'statistics.yaml')]]) {
      const r = await run(...args, b, '--out', path.join(root, 'sum.yaml'));
      expect([r.code, r.err.split('\n')[0]]).toEqual([2, `error: ${args[0]} and ${args[1]} are one unit (${a}), given twice: it would be counted twice; give the unit once, as its folder (which reads the file its report.md names, else its statistics.yaml)`]);
      expect(existsSync(path.join(root, 'sum.yaml'))).toBe(false);
    }
    // given as its statistics file alone, the unit's year is its report.md's (no "says no year")
    const lastYear = writeUnit(root, 'c', { 'report.md': `${FRONT.replace('year: 2021', 'year: 2020')}正文。\n`, 'statistics.yaml': yamlOf(scaled(base, 4)) });
    const years = await run(path.join(a, 'statistics.yaml'), path.join(lastYear, 'statistics.yaml'), '--out', path.join(root, 'sum.yaml'));
    expect([years.code, years.err]).toEqual([2, expect.stringContaining('error: the units report on different years (their report.md year:, or their statistics file\'s):\n  2020: c\n  2021: a\n')]);
  });

  it('warns of a unit that leaves a whole table empty which others fill, records it in the sum, and the city\'s build warns of it (--strict stops)', async () => {
    const root = tempRoot();
    const a = writeUnit(root, 'a', { 'statistics.yaml': yamlOf(scaled(base, 1)) });
    const b = writeUnit(root, 'b', { 'statistics.yaml': yamlOf(scaled(base, 2, t4)) });
    const city = writeUnit(root, 'city', { 'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n') });
    const r = await run(a, b, '--out', path.join(city, 'statistics.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('warning: a unit leaves empty cells that other units fill, so the sum lacks its figures there:\n'
      + '  b: 四、政府信息公开行政复议、行政诉讼情况 (every cell empty)\n'
      + '  fix: fill them in (0 where there were none), then sum again; the city\'s build warns of them until then\n');
    expect(readStatistics(path.join(city, 'statistics.yaml')).values['t4.review_total']).toBe(5);
    const findings = reviewReport(loadReport(city), openFontSet()).filter((f) => f.message.startsWith('the statistics are a sum'));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([['warning', 'the statistics are a sum in which a unit leaves empty cells that other units fill, so its figures are not in them: b: 四、政府信息公开行政复议、行政诉讼情况 (every cell empty)']]);
    // a sum of such sums carries them on, named by the sum they came from
    const other = writeUnit(root, 'other', { 'statistics.yaml': yamlOf(scaled(base, 5)) });
    expect((await run(city, other, '--out', path.join(root, 'province.yaml'))).code).toBe(0);
    expect(readStatistics(path.join(root, 'province.yaml')).sumRecord?.gaps).toEqual(['city: b: 四、政府信息公开行政复议、行政诉讼情况 (every cell empty)']);
    // a few cells: named, the first three, the rest counted (a review: "2 of 58 cells" named none)
    const some = Object.fromEntries([...base.template.cells.values()].filter((c) => c.table === 't3').slice(0, 5).map((c) => [c.key, undefined]));
    const d = writeUnit(root, 'd', { 'statistics.yaml': yamlOf(scaled(base, 4, some)) });
    const few = await run(a, d, '--out', path.join(root, 'ad.yaml'));
    const labels = [...base.template.cells.values()].filter((c) => c.table === 't3').slice(0, 3).map((c) => c.label);
    expect(few.err).toContain(`  d: 三、收到和处理政府信息公开申请情况 (5 of 175 cells empty: ${labels.join(', ')}, and 2 more)\n`);
    // a cell every unit leaves empty is no unit's gap
    const c = writeUnit(root, 'c', { 'statistics.yaml': yamlOf(scaled(base, 3, t4)) });
    const none = await run(b, c, '--out', path.join(root, 'bc.yaml'));
    expect([none.code, none.err]).toEqual([0, '']);
    expect(readStatistics(path.join(root, 'bc.yaml')).sumRecord?.gaps).toBeUndefined();
  });

  it('refuses a sum given among its own units after every unit was corrected since (their files are the sum\'s record)', async () => {
    const root = tempRoot();
    const a = writeUnit(root, 'a', { 'statistics.yaml': yamlOf(scaled(base, 1)) });
    const b = writeUnit(root, 'b', { 'statistics.yaml': yamlOf(scaled(base, 2)) });
    const city = writeUnit(root, 'city');
    expect((await run(a, b, '--out', path.join(city, 'statistics.yaml'))).code).toBe(0);
    for (const [unit, k] of [[a, 1], [b, 2]] as const) writeFileSync(path.join(unit, 'statistics.yaml'), yamlOf(scaled(base, k, { 't2.punishment.decisions': 518 })));
    const r = await run(a, b, city, '--out', path.join(root, 'x.yaml'));
    expect([r.code, r.err.split('\n')[0]]).toEqual([2, `error: city (${city}) is the sum of a, b (written by gongwen aggregate), and a, b are given too: they would be counted twice (with --partial too)`]);
    expect(existsSync(path.join(root, 'x.yaml'))).toBe(false);
  });

  it('keeps the cents of large amounts, and refuses a sum larger than a cell takes', async () => {
    const root = tempRoot();
    const a = writeUnit(root, 'a', { 'statistics.yaml': yamlOf(scaled(base, 1, { 't2.fees.amount': 12345678901.23 })) });
    const b = writeUnit(root, 'b', { 'statistics.yaml': yamlOf(scaled(base, 2, { 't2.fees.amount': 0.01 })) });
    expect((await run(a, b, '--out', path.join(root, 'sum.yaml'))).code).toBe(0);
    expect(readStatistics(path.join(root, 'sum.yaml')).values['t2.fees.amount']).toBe(12345678901.24);
    const big = (name: string, k: number) => writeUnit(root, name, { 'statistics.yaml': yamlOf(scaled(base, k, { 't2.licensing.decisions': 999999999999999 })) });
    const r = await run(big('c', 1), big('d', 2), '--out', path.join(root, 'big.yaml'));
    expect([r.code, r.err]).toEqual([2, 'error: the sum of a cell is larger than a statistics cell takes (15 digits; 11 before the point for 万元): 表二 行政许可 / 本年处理决定数量: 1999999999999998\n'
      + `  fix: look for a unit's figure typed with digits too many in that cell, correct it, then sum again; nothing written to ${path.join(root, 'big.yaml')}\n`]);
    expect(existsSync(path.join(root, 'big.yaml'))).toBe(false);
    // an amount's sum of twelve digits before the point, kept to the yuan: refused here, not by the city's own check (a review)
    const rich = (name: string, k: number, amount: number) => writeUnit(root, name, { 'statistics.yaml': yamlOf(scaled(base, k, { 't2.fees.amount': amount })) });
    const fees = await run(rich('e', 1, 60000000000.5), rich('f', 2, 60000000000.0012), '--out', path.join(root, 'fees.yaml'));
    expect(fees.code).toBe(2);
    expect(fees.err).toMatch(/^error: the sum of a cell is larger than a statistics cell takes \(15 digits; 11 before the point for 万元\): 表二 行政事业性收费 \/ 本年收费金额（单位：万元）: 120000000000\.50/);
  });

  it('names a unit on the form of another year than its report\'s, summed among others or converted alone', async () => {
    const root = tempRoot();
    const on2019 = loadTemplate('gov-2019')!;
    const figures2019 = Object.fromEntries([...on2019.cells.values()].filter((c) => c.table === 't2' && !c.signed && !c.decimals).map((c) => [c.key, 3]));
    const a = writeUnit(root, 'a', { 'report.md': `${FRONT}正文。\n`, 'statistics.yaml': yamlOf(scaled(base, 1)) });
    const old = writeUnit(root, 'old', { 'report.md': `${FRONT}正文。\n`, 'statistics.yaml': statisticsYaml(on2019, figures2019) });
    const r = await run(a, old, '--out', path.join(root, 'sum.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('  gov-2019: old (not the form of 2021, which is gov-2021)\n  fix: put old on the 2021 form (copy the figures into a blank gov-2021 form: gongwen new <a new folder> --organ <its organ> --year 2021 writes one as its statistics.yaml), or give --template gov-2021 --partial to sum the others without it\n');
    const alone = await run(old, '--out', path.join(root, 'old.yaml'));
    expect([alone.code, alone.err]).toEqual([0, 'warning: old\'s figures are on gov-2019, the form for report years 2019–2020, and its report is on 2021, whose form is gov-2021\n  fix: put the unit\'s figures on the 2021 form, so that the report prints the 2021 tables\n']);
  });

  it('names units whose own figures break a rule of the form\'s totals where the sum keeps it, their differences cancelling out', async () => {
    const root = tempRoot();
    const a = writeUnit(root, 'a', { 'statistics.yaml': yamlOf(scaled(base, 1, { 't4.review_total': 5 + 1 })) });
    const b = writeUnit(root, 'b', { 'statistics.yaml': yamlOf(scaled(base, 2, { 't4.review_total': 10 - 1 })) });
    const r = await run(a, b, '--out', path.join(root, 'sum.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: the sum keeps a rule of the form's totals that 2 units' own figures break \(in the sum their differences cancel out\): a \(.*a\/statistics\.yaml:\d+: 表四 行政复议·总计: its 4 parts add up to 5, the total says 6 \(the parts 1 short\)\); b \(.*b\/statistics\.yaml:\d+: .*\(the parts 1 over\)\)\n {2}fix: correct those units' figures/m);
  });

  it('says a unit\'s report.md is what cannot be read, not its statistics', async () => {
    const root = tempRoot();
    const a = writeUnit(root, 'a', { 'report.md': '---\ntitle: [broken\n---\n', 'statistics.yaml': yamlOf(scaled(base, 1)) });
    const b = writeUnit(root, 'b', { 'statistics.yaml': yamlOf(scaled(base, 2)) });
    const r = await run(a, b, '--out', path.join(root, 'sum.yaml'));
    expect([r.code, r.err.split('\n')[0]]).toEqual([2, `error: invalid report.md: a (${a}):`]);
  });
});
