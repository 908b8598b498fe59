/** The command line: exit codes, messages, and never a partial output file. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE } from './helpers/build.js';
import { FRONT, FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = () => mkdtempSync(path.join(tmpdir(), 'gongwen-out-'));

describe('gongwen CLI', () => {
  it('says that an output of the formats not asked for is an earlier build\'s (--format pdf after a build of both: a bad-input audit)', () => {
    const out = tmp();
    const dir = path.join(ROOT, 'content/sample-2021');
    expect(run('build', dir, '--out', out).code).toBe(0);
    const pdf = run('build', dir, '--out', out, '--format', 'pdf', '--force');
    expect(pdf.code).toBe(0);
    expect(pdf.err).toBe(`note: ${path.join(out, 'sample-2021.docx')} is as an earlier build left it: this one wrote sample-2021.pdf alone (--format)\n`);
    // a reviewer's draft there is said to be one, not the earlier build's (a review round)
    const docx = path.join(out, 'sample-2021.docx');
    writeFileSync(docx, Buffer.concat([readFileSync(docx), Buffer.from('审阅')]));
    const reviewed = run('build', dir, '--out', out, '--format', 'pdf', '--force');
    expect(reviewed.err).toBe(`note: ${docx} was edited since gongwen wrote it (a reviewer's?), and is left as it is: this build wrote sample-2021.pdf alone (--format)\n`);
    const both = run('build', dir, '--out', out, '--force');
    expect(both.err).toMatch(/^kept: .*sample-2021\.docx was edited since gongwen wrote it/);
    const fresh = run('build', dir, '--out', tmp(), '--format', 'docx');
    expect(fresh.err).toBe('');
  });

  it('names in a batch\'s summary the reports whose edited outputs were kept aside (their kept: lines scrolled away: a review round)', () => {
    const out = tmp();
    const dirs = ['content/sample-2021', 'content/shangqiu-2017'].map((d) => path.join(ROOT, d));
    expect(run('build', ...dirs, '--out', out, '--format', 'docx').code).toBe(0);
    const docx = path.join(out, 'sample-2021.docx');
    writeFileSync(docx, Buffer.concat([readFileSync(docx), Buffer.from('审阅')]));
    const again = run('build', ...dirs, '--out', out, '--format', 'docx', '--force');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`^built 2 of 2 reports in [\\d.]+ s(?: \\(\\d+ with warnings: [^)]*\\))?; 1 edited output kept aside \\(see kept: above\\): ${dirs[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`, 'm'));
  });

  it('prints help with exit 0', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('gongwen build <report-dir>...');
  });

  it('exits 2 with usage on no command, an unknown command or an unknown option', () => {
    expect(run().code).toBe(2);
    const unknown = run('make', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "make"');
    // a misspelt command is named with the nearest one (audit)
    const misspelt = run('chek', SAMPLE);
    expect([misspelt.code, misspelt.err.split('\n')[0]]).toEqual([2, 'error: unknown command "chek" (did you mean check?)']);
    expect(run('agregate', SAMPLE).err).toContain('unknown command "agregate" (did you mean aggregate?)');
    const opt = run('build', SAMPLE, '--colour');
    expect(opt.code).toBe(2);
    expect(opt.err).toContain('--colour');
  });

  it('leaves out a plain file a glob took along among the folders, with a note (units/说明.txt)', () => {
    const a = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n甲。\n` }, 'unit-a');
    const b = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n乙。\n` }, 'unit-b');
    const note = path.join(path.dirname(a), '说明.txt');
    writeFileSync(note, '各单位报告');
    const r = run('check', a, note, b);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`note: ${note} left out: a file, not a report folder\n`);
    expect(r.out).toContain('checked 2 reports: 2 ok\n');
    // a file alone is still said to be no report folder
    const alone = run('check', note);
    expect([alone.code, alone.err]).toEqual([2, expect.stringContaining('not a report folder')]);
  });

  it('names an empty folder name as one (check "$DIR" with DIR unset said ": no such folder"), and --pdfa with no PDF to make (an edge audit)', () => {
    for (const command of ['check', 'build']) {
      const r = run(command, '');
      expect(r.code).toBe(2);
      expect(r.err).toContain(`error: ${command} was given an empty folder name, "" (an unset variable in a script?): give each report folder by its name\n`);
    }
    const sum = run('aggregate', '', '--out', path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-sum-')), 'sum.yaml'));
    expect(sum.code).toBe(2);
    expect(sum.err).toContain('error: aggregate was given an empty folder name, "" (an unset variable in a script?): give each unit folder by its name\n');
    const out = mkdtempSync(path.join(tmpdir(), 'gongwen-pdfa-'));
    const r = run('build', SAMPLE, '--out', out, '--pdfa', '--format', 'docx');
    expect(r.code).toBe(0);
    expect(r.err).toContain('note: --pdfa makes the PDF a PDF/A, and --format docx writes no PDF\n');
  });

  it('gives the help for gongwen help and gongwen help <command>, not "unknown command" (an edge audit)', () => {
    for (const [args, first] of [[['help'], 'gongwen — GB/T 9704-2012'], [['help', 'build'], 'gongwen — GB/T 9704-2012'], [['help', 'new'], 'Usage:\n  gongwen new <folder>']] as const) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out, args.join(' ')).toContain(first);
    }
    // (a command that is none is said to be none, a review)
    expect(run('help', 'bogus')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "bogus"') });
  });

  it('says a misspelt option, a missing value and a value given to a switch plainly, with the nearest option', () => {
    const cases: [string[], string][] = [
      [['build', SAMPLE, '--stirct'], 'error: unknown option --stirct: did you mean --strict?\nRun gongwen --help for usage.\n'],
      [['build', SAMPLE, '--out'], 'error: -o, --out needs a value\nRun gongwen --help for usage.\n'],
      [['build', SAMPLE, '--strict=yes'], 'error: -s, --strict takes no value\nRun gongwen --help for usage.\n'],
      [['build', SAMPLE, '--out', '--format', 'pdf'], 'error: --out needs a value, and is followed by another option (a value starting with - is written --out=-x)\n'],
      [['build', SAMPLE, '-s=1'], 'error: a short option takes no "=": write -o value, or --out=value\n'],
      [['build', SAMPLE, '--out='], 'error: --out needs a value\n'],
      [['check', SAMPLE, '--config='], 'error: --config needs a value\n'],
      [['aggregate', SAMPLE, '--partail'], 'error: unknown option --partail: did you mean --partial?\n'],
      [['new', 'x', '--orgn', '某局'], 'error: unknown option --orgn: did you mean --organ?\n'],
      // (the opposite of --strict was told "did you mean --strict?": an edge audit)
      [['build', SAMPLE, '--no-strict'], 'error: unknown option --no-strict: --strict is off unless it is given, so leave it out\n'],
      [['build', SAMPLE, '--no-pdfa'], 'error: unknown option --no-pdfa: a PDF/A is made with --pdfa, or with pdfa: true in gongwen.yaml (write pdfa: false there)\n'],
      [['build', SAMPLE, '--no-config'], 'error: unknown option --no-config: --config takes a value, and has no --no- form\n'],
    ];
    for (const [args, err] of cases) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(err); // not parseArgs's "To specify a positional argument …"
    }
  });

  it('says a folder name that is no UTF-8 text is one (a GBK name from a Windows zip was "no such folder", and a unit to leave out with --partial in a sum)', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'gongwen-gbk-'));
    // 示例 in GBK, as unzip leaves a Windows zip's folder name; the shell passes the bytes, Node reads U+FFFD
    const gbk = "$(printf 'u/\\312\\276\\300\\375')";
    const cli = (args: string) => spawnSync('sh', ['-c', `mkdir -p ${gbk} && "${process.execPath}" "${path.join(ROOT, 'bin/gongwen.mjs')}" ${args}`], { encoding: 'utf8', cwd: base });
    for (const args of [`check ${gbk}`, `build ${gbk} --out out`, `aggregate u/* --out sum.yaml`]) {
      const r = cli(args);
      expect(r.status, args).toBe(2);
      expect(r.stderr, args).toMatch(/u\/\S*\uFFFD\S*: the name is not UTF-8 text \(shown with \uFFFD\), so it cannot be opened: a folder unpacked from a Windows zip keeps its GBK name\n\s+fix: rename it in UTF-8 \(unpack the zip again with unzip -O GBK/);
      expect(r.stderr, args).not.toMatch(/no such folder|folder not found|--partial/);
    }
    expect(existsSync(path.join(base, 'out'))).toBe(false);
    expect(existsSync(path.join(base, 'sum.yaml'))).toBe(false);
  });

  it('says a folder pattern that matched nothing is one, and a format given to --format as a folder (a CLI audit)', () => {
    expect(run('build', 'nomatch-xyz/*', '--out', tmp()).err).toContain('nomatch-xyz/*: no such folder: a pattern that matched no folder');
    expect(run('build', SAMPLE, '--format', 'pdf', 'docx', '--out', tmp()).err).toContain('docx: no such folder (--format takes one format: --format pdf or --format docx; neither gives both)');
  });

  it('refuses an option with a value given twice (--format pdf --format docx made the DOCX alone: a CLI audit)', () => {
    const r = run('build', SAMPLE, '--format', 'pdf', '--format', 'docx', '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: --format is given 2 times (pdf, docx): give it once');
    expect(run('build', SAMPLE, '-o', 'a', '--out', 'b').err).toContain('--out is given 2 times (a, b)');
  });

  it('says how to give a folder whose name starts with - (failure audit: "unknown option -d")', () => {
    const base = tmp();
    cpSync(SAMPLE, path.join(base, '-dash'), { recursive: true });
    for (const [command, usage] of [['check', 'Run gongwen --help'], ['aggregate', 'usage: gongwen aggregate']]) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), command!, '-dash'], { encoding: 'utf8', cwd: base });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`error: unknown option -d, read from -dash: a folder or file whose name starts with - is written ./-dash\n${usage}${r.stderr.split(usage!)[1]}`);
    }
    expect(spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'check', './-dash'], { encoding: 'utf8', cwd: base }).status).toBe(0);
    // -sample is read as -s, a known option, then -a; new's folder is not there yet (review)
    cpSync(SAMPLE, path.join(base, '-sample'), { recursive: true });
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), ...args], { encoding: 'utf8', cwd: base }).stderr;
    expect(cli('check', '-sample')).toMatch(/^error: unknown option -a, read from -sample: a folder or file whose name starts with - is written \.\/-sample\n/);
    expect(cli('new', '-newdash', '--organ', '某局')).toMatch(/^error: unknown option -n, read from -newdash: .* written \.\/-newdash\n/);
  });

  it('says how to fix a --config that is not there', () => {
    const r = run('build', SAMPLE, '--config', 'no-such/gongwen.yaml', '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: no-such/gongwen.yaml: config file not found\n  fix: give the path of a gongwen.yaml (relative to the folder gongwen runs in), or leave --config out for the bundled fonts\n');
  });

  it('checks several folders: a line for each, ok or failed, and a summary naming the failures', () => {
    const bad = makeReport({ 'report.md': FRONT.replace('year: 2020', 'year: 2020年') }, 'bad-year');
    const r = run('check', SAMPLE, bad);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${SAMPLE}: ok (`);
    expect(r.out).toContain(`${bad}: failed (1 error)\n`);
    const quoted = bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(r.out).toMatch(new RegExp(`checked 2 reports: 1 ok, 1 failed: ${quoted}\n  ${quoted}: .*bad-year/report\\.md:3: field "year".*\n$`));
    expect(r.err).toMatch(/bad-year\/report\.md:3: field "year"/);
  });

  it('says once per run that the 2014 form\'s row wording is provisional, as gongwen new does; a note, which --strict lets pass', () => {
    const note = (what: string) => `note: ${what} on form gov-2014, whose wording of 53 rows is provisional (templates/gov-2014.yaml, confirmed: false): compare the printed table with your province's form before publishing\n`;
    const twin = path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-twin-')), 'sq-copy');
    cpSync(SAMPLE, twin, { recursive: true });
    const checked = run('check', SAMPLE, twin);
    expect(checked.code, checked.err).toBe(0);
    expect(checked.err.endsWith(note('2 reports are'))).toBe(true);
    expect(checked.err.match(/^note:/gm)).toHaveLength(1);
    const built = run('build', SAMPLE, '--out', tmp(), '--format', 'docx');
    expect(built.code, built.err).toBe(0);
    expect(built.err.endsWith(note(`${SAMPLE} is`))).toBe(true);
    // (the 2019 and 2021 forms are confirmed: no note)
    const y2021 = makeReport({ 'report.md': `${FRONT}\n甲。\n` }, 'y2021-note');
    expect(run('check', y2021).err).not.toContain('note:');
    // --strict is not stopped by it: a 2014-form report with no warnings passes, noted
    const filled = path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-new-')), 'y2017');
    expect(run('new', filled, '--year', '2017', '--organ', '测试县人民政府').code).toBe(0);
    const stats = path.join(filled, 'statistics.yaml');
    writeFileSync(stats, readFileSync(stats, 'utf8').replace(/^( {2}\w+:)( +)#/gm, '$1 0 #'));
    const md = path.join(filled, 'report.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace(/ *# 【待填写[^\n]*/, '').replace(/【待填写：[^】]*】/g, '本年度工作情况从略。'));
    const strict = run('check', filled, '--strict');
    expect([strict.code, strict.out, strict.err]).toEqual([0, `${filled}: ok\n`, note(`${filled} is`)]);
  });

  it('builds the sample into --out, PDF and DOCX by default', () => {
    const out = tmp();
    const r = run('build', SAMPLE, '--out', out);
    expect(r.code, r.err).toBe(0);
    const pdf = readFileSync(path.join(out, 'shangqiu-2017.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = readFileSync(path.join(out, 'shangqiu-2017.docx'));
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out).sort()).toEqual(['.gongwen', 'shangqiu-2017.docx', 'shangqiu-2017.pdf']); // .gongwen: io/up-to-date.ts
  });

  it('prints the warnings beside the errors that stop a build, which often name the wrong figure', () => {
    const sample = path.join(ROOT, 'content/sample-2021');
    const stats = readFileSync(path.join(sample, 'statistics.yaml'), 'utf8').replace('new_received:     {natural: 236, commercial: 21,', 'new_received:     {natural: 236, commercial: 22,');
    const dir = makeReport({ 'report.md': readFileSync(path.join(sample, 'report.md'), 'utf8'), 'statistics.yaml': stats }, 'off-by-one');
    const out = tmp();
    const r = run('build', dir, '--out', out);
    expect(r.code).toBe(2);
    // the printed rule names no figure; the one figure it shares with the row total that is off
    // by as much is the likely culprit: the error points at its line
    expect(r.err).toMatch(/^error: .*statistics\.yaml:16: 表三 一、本年新收.*= 23, but .*= 22 \(a difference of 1\)\n  fix: 表三 一、本年新收政府信息公开申请数量 \/ 商业企业 \(this line\) is in this rule and in 表三 一、本年新收政府信息公开申请数量 \/ 总计, which is off by as much/m);
    expect(r.err).toMatch(/^warning: .*statistics\.yaml:16: 表三 一、本年新收政府信息公开申请数量 \/ 总计: its 6 parts add up to 272, the total says 271 \(the parts 1 over\)$/m);
    expect(readdirSync(out)).toEqual([]);
    // and says that nothing was written (there were no outputs before)
    expect(r.out).toContain(`${dir}: not built (see above); nothing was written\n`);
    // where an earlier build left outputs, it names them with their time, alone and in a batch's
    // summary (a newcomer: an office uploading output/*.pdf would publish the old figures)
    writeFileSync(path.join(dir, 'statistics.yaml'), readFileSync(path.join(sample, 'statistics.yaml'), 'utf8'));
    expect(run('build', dir, '--out', out).code).toBe(0);
    writeFileSync(path.join(dir, 'statistics.yaml'), stats);
    const hhmm = '\\d\\d:\\d\\d';
    const pdf = path.join(out, 'off-by-one.pdf').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const docx = pdf.replace('pdf', 'docx');
    expect(run('build', dir, '--out', out).out).toMatch(new RegExp(`not built \\(see above\\); nothing was written, and ${pdf} \\(${hhmm}\\) and ${docx} \\(${hhmm}\\), from an earlier build, stay as they were\\n`));
    const batch = run('build', dir, SAMPLE, '--out', out, '--format', 'pdf');
    expect(batch.out).toMatch(new RegExp(`\\n {2}.*off-by-one: .*statistics\\.yaml:16: .*\\n {4}${pdf} \\(${hhmm}\\): left by an earlier build, not by this one\\n`));
    // a Word draft a reviewer edited since is said to be so (it was called the earlier build's: a DOCX workflow audit)
    appendFileSync(path.join(out, 'off-by-one.docx'), 'edited');
    expect(run('build', dir, '--out', out).out).toMatch(new RegExp(`and ${docx} \\(${hhmm}, edited since gongwen wrote it\\), from an earlier build`));
  });

  // Linux only: procfs refuses new folders
  it.skipIf(!existsSync('/proc/self'))('reports an output folder that cannot be created, instead of retrying for ever (/proc)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', SAMPLE, '--out', '/proc/gongwen-test/out'], { encoding: 'utf8', cwd: ROOT, timeout: 20_000 });
    expect(r.status).toBe(2);
    // (said before any report is laid out: tests/permissions.test.ts)
    expect(r.stderr).toMatch(/^error: --out \/proc\/gongwen-test\/out: \/proc\/gongwen-test cannot be created \(ENOENT\); give --out a folder you can write to/m);
  });

  it('says that the working folder is gone, instead of an internal error (failure audit)', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'gongwen-gone-'));
    const r = spawnSync('sh', ['-c', `mkdir here && cd here && rmdir ../here && exec "$0" "$1" check "$2"`, process.execPath, path.join(ROOT, 'bin/gongwen.mjs'), SAMPLE], { encoding: 'utf8', cwd: base });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: the current folder is gone (removed after this shell entered it)\n  fix: cd to a folder that exists, then run the command again\n');
  });

  it('names report.md and the statistics file alike, relative to the working folder inside it', () => {
    const dir = makeReport({
      'report.md': `${FRONT.replace(/---\n$/, 'statistics: statistics.yaml\nattachment: { title: 统计表 }\n---\n')}\n全年收到申请１２件。\n`,
      'statistics.yaml': 'template: gov-2014\nvalues:\n  s3_1: 12\n',
    }, 'named');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'check', dir], { encoding: 'utf8', cwd: dir });
    const files = [...r.stderr.matchAll(/^warning: ([^:\n]+):\d+:/gm)].map((m) => m[1]);
    expect(files).toContain('report.md');
    expect(files).toContain('statistics.yaml'); // it was the absolute path
  });

  it('warns of a 文号 with a short year at its front-matter line, and --strict refuses it', () => {
    const dir = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS.replace(/---\n$/, 'doc_no: 测政办〔14〕3号\n---\n')}\n正文。\n` });
    const r = run('check', dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('report.md:6: the 文号 "测政办〔14〕3号": its year "14" is not written in full (〔2014〕)\n  fix: write "测政办〔2014〕3号"');
    expect(run('check', dir, '--strict').code).toBe(2);
  });

  it('points from a report.md given as the report to its folder', () => {
    const r = run('build', path.join(SAMPLE, 'report.md'), '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/report\.md: is the report's file, not its folder\n  fix: give its folder: .*shangqiu-2017/);
  });

  it('writes only the formats asked for', () => {
    const out = tmp();
    expect(run('build', SAMPLE, '--out', out, '--format', 'docx').code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.gongwen', 'shangqiu-2017.docx']);
  });

  it('rejects an unknown format with exit 2', () => {
    const r = run('build', SAMPLE, '--format', 'odt');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown format "odt"');
  });

  it('rejects a character no font has in the DOCX path too, before writing anything', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n笑脸😀。\n` }, 'glyph');
    const out = tmp();
    const r = run('build', dir, '--out', out, '--format', 'docx');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/glyph\/report\.md:8: character "😀" \(U\+1F600\) is in no configured font/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('lists missing characters as warnings with --allow-missing-glyphs and builds', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n笑脸😀。\n` }, 'allowed');
    const out = tmp();
    const r = run('build', dir, '--out', out, '--allow-missing-glyphs');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: .*allowed\/report\.md:8: character "😀" \(U\+1F600\) is in no configured font/);
    expect(readdirSync(out).sort()).toEqual(['.gongwen', 'allowed.docx', 'allowed.pdf']);
  });

  it('reports bad input with file and line, exit 2, no stack trace, and writes nothing', () => {
    const dir = makeReport({ 'report.md': FRONT.replace('organ: 测试县人民政府\n', '') + '\n正文。\n' }, 'broken');
    const out = tmp();
    const r = run('build', dir, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\/report\.md:\d+: missing required field "organ"/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });

  it('leaves an earlier output untouched when a build fails', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'unit');
    const out = tmp();
    expect(run('build', dir, '--out', out).code).toBe(0);
    const before = { pdf: readFileSync(path.join(out, 'unit.pdf')), docx: readFileSync(path.join(out, 'unit.docx')) };
    writeFileSync(path.join(dir, 'report.md'), `${FRONT.replace('year: 2020', 'year: soon')}\n正文。\n`);
    expect(run('build', dir, '--out', out).code).toBe(2);
    expect(readFileSync(path.join(out, 'unit.pdf')).equals(before.pdf)).toBe(true);
    expect(readFileSync(path.join(out, 'unit.docx')).equals(before.docx)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['.gongwen', 'unit.docx', 'unit.pdf']);
  });

  it('builds the good folders and reports the bad one when given several', () => {
    const good = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'good');
    const bad = makeReport({ 'report.md': '# no front matter\n' }, 'bad');
    const out = tmp();
    const r = run('build', bad, good, '--out', out);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(out, 'good.pdf'))).toBe(true);
    expect(existsSync(path.join(out, 'bad.pdf'))).toBe(false);
    expect(r.err).toContain('bad/report.md:1');
  });

  it('checks a report: warnings with exit 0, errors with --strict exit 2', () => {
    const ok = run('check', SAMPLE);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('content/shangqiu-2017: ok (2 warnings)');
    const line = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').split('\n').findIndex((l) => l.includes('239件,占80%')) + 1;
    expect(ok.err).toContain(`warning: content/shangqiu-2017/report.md:${line}: "239件，占80%": 239 / 301 = 79.4%, not 80%`);
    const strict = run('check', SAMPLE, '--strict');
    expect(strict.code).toBe(2);
    expect(strict.err).toContain(`error: content/shangqiu-2017/report.md:${line}: "239件，占80%"`);
  });

  it('refuses to build with --strict while there are warnings, and writes nothing', () => {
    const out = tmp();
    const r = run('build', SAMPLE, '--strict', '--out', out);
    expect(r.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it('stops the build on a violated printed rule (表三 balance)', () => {
    const stats = readFileSync(path.join(ROOT, 'content/sample-2021/statistics.yaml'), 'utf8')
      .replace(/(carried_forward:\s+\{natural: )(\d+)/, (_, a: string, n: string) => `${a}${Number(n) + 1}`);
    const dir = makeReport({
      'report.md': FRONT.replace(/---\n$/, 'statistics: statistics.yaml\n---\n') + '{{table t2}}\n\n{{table t3}}\n\n{{table t4}}\n',
      'statistics.yaml': stats,
    }, 'unbalanced');
    const out = tmp();
    const r = run('build', dir, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unbalanced\/statistics\.yaml:\d+: .*四、结转下年度继续办理 \/ 自然人 = \d+ \(a difference of 1\)/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('files that cannot be read', () => {
  it('fails the one folder whose report.md or statistics.yaml is a link round in a circle, and builds the others', () => {
    const loop = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'loop');
    const good = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'good');
    // a loop among the folder's input files (its fingerprint is taken before any build) and as report.md
    symlinkSync('statistics.yaml', path.join(loop, 'statistics.yaml.tmp'));
    symlinkSync('statistics.yaml.tmp', path.join(loop, 'statistics.yaml'));
    unlinkSync(path.join(loop, 'report.md'));
    symlinkSync('report.md', path.join(loop, 'report.md'));
    const out = mkdtempSync(path.join(tmpdir(), 'gongwen-loop-'));
    const r = run('build', loop, good, '--out', out);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(`${path.join(loop, 'report.md')}: is a link that leads round in a circle (ELOOP)`);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual([`${path.basename(good)}.docx`, `${path.basename(good)}.pdf`]);
  });
});

describe('input that is no file, or nested past reading', () => {
  const check = (dir: string) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'check', dir], { encoding: 'utf8', cwd: ROOT, timeout: 20_000 });
    return { code: r.status, err: r.stderr };
  };
  const withStatistics = (named: string, files: Record<string, string> = {}) =>
    makeReport({ 'report.md': FRONT.replace(/---\n$/, `statistics: ${named}\n---\n`) + '\n正文。\n', ...files });

  it('refuses a pipe or a device as the statistics file instead of reading it for ever', () => {
    const dir = withStatistics('stats.fifo');
    spawnSync('mkfifo', [path.join(dir, 'stats.fifo')]);
    const fifo = check(dir);
    expect(fifo.code).toBe(2);
    // (at the statistics: line, a bad-input audit)
    expect(fifo.err).toMatch(/report\.md:6: statistics: stats\.fifo is not a file but a device or a pipe \(.*stats\.fifo\)/);
    const device = check(withStatistics('/dev/zero'));
    expect(device.code).toBe(2);
    expect(device.err).toMatch(/report\.md:6: statistics: \/dev\/zero is not a file but a device or a pipe/);
    // build too, which fingerprints its inputs for the up-to-date check (it read /dev/zero until
    // memory ran out, and waited on the pipe for ever: adversarial audit), with --force as well
    for (const [folder, shown] of [[dir, 'stats.fifo'], [withStatistics('/dev/zero'), '/dev/zero']] as const) {
      for (const force of [[], ['--force']]) {
        const out = mkdtempSync(path.join(tmpdir(), 'gongwen-dev-'));
        const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', folder, '--out', out, ...force], { encoding: 'utf8', cwd: ROOT, timeout: 20_000 });
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toContain(`statistics: ${shown} is not a file but a device or a pipe`);
        expect(readdirSync(out)).toEqual([]);
      }
    }
    // a pipe in the workbook's place beside the statistics YAML, "saved after" it, is no workbook:
    // never read (check and build waited on it for ever: review)
    const beside = path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-fifo-')), 'sample');
    cpSync(path.join(ROOT, 'content/sample-2021'), beside, { recursive: true });
    spawnSync('mkfifo', [path.join(beside, 'statistics.xlsx')]);
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(path.join(beside, 'statistics.xlsx'), later, later);
    const checked = check(beside);
    expect(checked.code, 'check').toBe(0); // (null: killed by the timeout)
    expect(checked.err).not.toContain('was saved after');
    const built = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', beside, '--out', mkdtempSync(path.join(tmpdir(), 'gongwen-dev-')), '--format', 'docx'], { encoding: 'utf8', cwd: ROOT, timeout: 20_000 });
    expect(built.status, built.stderr).toBe(0);
  });

  it('says a statistics link round in a circle is one, and what a statistics file named by mistake should be', () => {
    const dir = withStatistics('loop.yaml');
    symlinkSync('loop2.yaml', path.join(dir, 'loop.yaml'));
    symlinkSync('loop.yaml', path.join(dir, 'loop2.yaml'));
    const loop = check(dir);
    expect(loop.code).toBe(2);
    expect(loop.err).toMatch(/report\.md:6: statistics file .*loop\.yaml is a link that leads round in a circle \(ELOOP\)\n {2}fix: replace the link with the file itself/);
    const other = check(withStatistics('notes.yaml', { 'notes.yaml': '- 一\n- 二\n' }));
    expect(other.err).toMatch(/notes\.yaml:1: a statistics file is a mapping with "template:" and "values:" \(or "tables:"\)\n {2}fix: check that "statistics:" names the statistics file/);
  });

  it('reads --config from a pipe or /dev/null, paths typed on the command line', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${path.join(ROOT, 'bin/gongwen.mjs')}" check "${path.join(ROOT, 'content/sample-2021')}" --config <(printf 'pdfa: true\\n') && "${process.execPath}" "${path.join(ROOT, 'bin/gongwen.mjs')}" check "${path.join(ROOT, 'content/sample-2021')}" --config /dev/null`], { encoding: 'utf8', cwd: ROOT, timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/: ok/g)).toHaveLength(2);
  });

  it('says a YAML nested thousands of levels deep is, where it ran the reader out of stack (an internal error)', () => {
    const deep = check(makeReport({ 'report.md': FRONT.replace(/---\n$/, `editor: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`) + '\n正文。\n' }));
    expect(deep.code).toBe(2);
    // (at the line of the run of brackets, the front matter's fifth field: it was named at the first, a bad-input audit)
    expect(deep.err).toMatch(/report\.md:6: the YAML is nested too deeply to be read/);
    expect(deep.err).not.toMatch(/^\s+at /m);
  });

  it('says a report named as the statistics file holds more than one YAML document', () => {
    const r = check(withStatistics('report.md'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('the file holds more than one YAML document (a --- line, as a report.md has)');
  });
});
