/**
 * Input that is not what gongwen expects where it expects it — a statistics path given absolute
 * or naming a folder, a misspelt key in a font role, a folder where a file should be, a file
 * saved as UTF-16 — and output piped into a reader that stops early: each a clear message and
 * exit code (2 for bad input, as without the pipe), no stack trace, no output file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readConfig } from '../src/io/config.js';
import { namedStatistics } from '../src/read/report.js';
import { decodeUtf8 } from '../src/read/text-file.js';
import { ROOT } from './helpers/build.js';

const BIN = path.join(ROOT, 'bin/gongwen.mjs');

/** The command line in `cwd` (messages name files relative to it). */
const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A working folder holding R, a report folder as `gongwen new` writes it (it checks and builds as it is). */
function workFolder(): { root: string; dir: string; report: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-robust-'));
  const made = run(root, 'new', 'R', '--organ', '示例县农业农村局', '--year', '2023');
  expect(made.code, made.err).toBe(0);
  const dir = path.join(root, 'R');
  return { root, dir, report: path.join(dir, 'report.md') };
}

/** report.md with its `statistics:` line replaced, and that line's number. */
function nameStatistics(report: string, value: string): number {
  const lines = readFileSync(report, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('statistics:'));
  expect(at).toBeGreaterThan(0);
  lines[at] = `statistics: ${value}`;
  writeFileSync(report, lines.join('\n'));
  return at + 1;
}

/** What an input error must not look like: an internal error, or Node's report of one. */
const noCrash = (err: string) => {
  expect(err).not.toMatch(/internal error|\n\s+at |node:events|Unhandled 'error'|EPIPE|EISDIR/);
};

const outputsIn = (out: string) => (existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.')) : []);

describe('statistics: the path the front matter names', () => {
  it('names an old workbook (.xls, WPS .et) as one, with the way to a YAML it reads, in a build and in a sum (a bad-input audit: "not text: a Word document?", and a unit passed over)', () => {
    const { root, dir, report } = workFolder();
    const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000, 7)]);
    writeFileSync(path.join(dir, 'statistics.xls'), OLE);
    const line = nameStatistics(report, 'statistics.xls');
    const built = run(root, 'build', 'R', '--out', 'out');
    expect(built.code).toBe(2);
    noCrash(built.err);
    expect(built.err).toContain(`error: R/report.md:${line}: statistics: statistics.xls is an Excel 97–2003 workbook (.xls), which gongwen does not read; a report reads its statistics from a YAML file\n`
      + '  fix: save it from Excel or WPS as an Excel workbook, statistics.xlsx (另存为 → Excel 工作簿 *.xlsx; LibreOffice Calc: 另存为 → Excel 2007-365 *.xlsx) in the report\'s folder, write "statistics: statistics.yaml" on this line, then convert the workbook once: gongwen aggregate R --out R/statistics.yaml\n');
    expect(outputsIn(path.join(root, 'out'))).toEqual([]);
    /** `aggregate` of what is given, which must fail (exit 2): its stderr. */
    const refused = (given: string) => {
      const r = run(root, 'aggregate', given, '--out', 'sum.yaml');
      expect(r.code, given).toBe(2);
      return r.err;
    };
    /** A unit folder holding only `file`. */
    const unitWith = (name: string, file: string, bytes: Uint8Array) => {
      mkdirSync(path.join(root, name), { recursive: true });
      writeFileSync(path.join(root, name, file), bytes);
    };
    const SAVE = 'save it from Excel or WPS as an Excel workbook, statistics.xlsx (另存为 → Excel 工作簿 *.xlsx; LibreOffice Calc: 另存为 → Excel 2007-365 *.xlsx)';
    // a unit holding only its workbook as .et, given as its folder or as the file
    unitWith('unit', 'statistics.et', OLE);
    // (and the report's own folder, whose report.md names the .xls: a review)
    expect(refused('R')).toContain(`R/statistics.xls is an Excel 97–2003 workbook (.xls), which gongwen does not read\n      fix: ${SAVE}, write "statistics: statistics.yaml" in R/report.md, convert it (gongwen aggregate R --out R/statistics.yaml), then sum again\n`);
    for (const given of ['unit', 'unit/statistics.et']) expect(refused(given)).toContain(`unit/statistics.et is a WPS workbook (.et), which gongwen does not read\n  fix: ${SAVE}`);
    // LibreOffice's own spreadsheet, in a unit folder or given the name .xlsx (it was "no statistics.yaml
    // or statistics.xlsx", and "holds no worksheets … a Word document?": an edge audit)
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') });
    unitWith('calc', 'statistics.ods', ods);
    expect(refused('calc')).toContain(`calc/statistics.ods is a LibreOffice Calc spreadsheet (.ods), which gongwen does not read\n  fix: ${SAVE}`);
    unitWith('calc2', 'statistics.xlsx', ods);
    expect(refused('calc2')).toContain('calc2/statistics.xlsx: is a LibreOffice Calc spreadsheet (.ods) given the name .xlsx\n      fix: open it in LibreOffice Calc and save it as an Excel workbook: 另存为 → Excel 2007-365 (*.xlsx)');
  });

  it('names a unit\'s form sent back as .xls or .ods beside the YAML gongwen new wrote (never named: the unit was summed as a blank form, a city\'s trial)', () => {
    const { root, dir } = workFolder();
    const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000, 7)]);
    const xls = path.join(dir, 'statistics.xls');
    writeFileSync(xls, OLE);
    utimesSync(xls, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    // (a warning: a folder copied has its files' times in another order, and an .xls converted long
    // ago may then look newer, a review)
    const into = run(root, 'aggregate', 'R', '--out', 'R/statistics.yaml');
    expect(into.code).toBe(2);
    expect(into.err).toContain('  fix: R/statistics.xls was saved after statistics.yaml, and is an Excel 97–2003 workbook (.xls), which gongwen does not read: save it from Excel or WPS as an Excel workbook, statistics.xlsx');
    const figures = run(root, 'aggregate', 'R', '--out', 'figures.yaml');
    expect(figures.err).toContain('warning: R/statistics.xls was saved after R/statistics.yaml, which is what is read: it is an Excel 97–2003 workbook (.xls), which gongwen does not read, so its figures are not in\n  fix: save it from Excel or WPS as an Excel workbook, statistics.xlsx');
    const checked = run(root, 'check', 'R');
    expect(checked.err).toContain('warning: R/statistics.yaml:1: R/statistics.xls was saved after R/statistics.yaml, which is what is read: it is an Excel 97–2003 workbook (.xls), which gongwen does not read, so its figures are not in\n');
    // a workbook read from the unit's folder is named as the folder is given, not by its full path (a city's trial)
    rmSync(xls);
    writeFileSync(path.join(dir, 'statistics.xlsx'), zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] }));
    const named = run(root, 'aggregate', 'R', '--out', 'sum2.yaml');
    expect(named.err).toContain('R/statistics.xlsx: is a LibreOffice Calc spreadsheet (.ods) given the name .xlsx');
    expect(named.err).not.toContain(root);
  });

  it('takes an absolute path as it is, for the build and the up-to-date check', () => {
    const { root, dir, report } = workFolder();
    const shared = path.join(root, 'shared');
    mkdirSync(shared);
    renameSync(path.join(dir, 'statistics.yaml'), path.join(shared, 'statistics.yaml'));
    const abs = path.join(shared, 'statistics.yaml');
    nameStatistics(report, abs);
    const checked = run(root, 'check', 'R');
    expect(checked.err).not.toContain('not found');
    expect(checked.code, checked.err).toBe(0);
    expect(checked.out).toMatch(/^R: ok \(\d+ warnings\)\n$/); // the skeleton's 【待填写】 marks
    // the file read is that one: its problems are reported at its own path
    expect(namedStatistics(dir)).toBe(abs);
    const out = path.join(root, 'out');
    expect(run(root, 'build', 'R', '--out', out, '--format', 'pdf').code).toBe(0);
    writeFileSync(abs, readFileSync(abs, 'utf8').replace(/^( {6}natural:)/m, '$1 5'));
    const again = run(root, 'build', 'R', '--out', out, '--format', 'pdf');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/R\.pdf \(\d+ KB\) in \d+ ms \(built again: .*statistics\.yaml changed\)/);
  }, 30_000);

  it('refuses a report.md or a statistics file of more than 4 MiB in build and check (200 MB ran half a minute into a stack overflow, failure audit)', () => {
    const { root, dir, report } = workFolder();
    const text = readFileSync(report, 'utf8');
    writeFileSync(report, text + '正文。\n'.repeat(500_000)); // 4.8 MB (MiB: megabytes of 1,048,576 bytes)
    for (const args of [['build', 'R', '--out', 'out'], ['check', 'R']]) {
      const r = run(root, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: R\/report\.md: is 4\.78 MB, more than gongwen reads from such a file \(4 MB at most\)\n  fix: check that it is the right file/m);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    writeFileSync(report, text);
    writeFileSync(path.join(dir, 'statistics.yaml'), `${readFileSync(path.join(dir, 'statistics.yaml'), 'utf8')}${'#\n'.repeat(2_200_000)}`);
    expect(run(root, 'check', 'R').err).toMatch(/^error: R\/statistics\.yaml: is 4\.22 MB, more than/m);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
    // a device or a pipe is read up to the most, not for ever (--config /dev/zero: failure re-audit)
    if (existsSync('/dev/zero')) {
      const zero = spawnSync(process.execPath, [BIN, 'check', 'R', '--config', '/dev/zero'], { encoding: 'utf8', cwd: root, timeout: 30_000 });
      expect(zero.status).toBe(2);
      expect(zero.stderr).toMatch(/^error: \/dev\/zero: holds more than gongwen reads from such a file \(4 MB at most\)/m);
    }
    // a unit's workbook of more than 16 MiB is refused by aggregate
    const unit = path.join(root, 'unit');
    mkdirSync(unit);
    writeFileSync(path.join(unit, 'statistics.xlsx'), Buffer.alloc(17 * 1024 * 1024, 1));
    expect(run(root, 'aggregate', 'unit', '--out', 'sum.yaml').err).toMatch(/unit\/statistics\.xlsx: is 17 MB, more than gongwen reads from such a file \(16 MB at most\)/);
  });

  it('says that a folder is a folder, at the statistics: line of report.md, and writes nothing', () => {
    const { root, dir, report } = workFolder();
    mkdirSync(path.join(dir, 'data'));
    const line = nameStatistics(report, 'data');
    const out = path.join(root, 'out');
    const r = run(root, 'build', 'R', '--out', out);
    expect(r.code).toBe(2);
    noCrash(r.err);
    expect(r.err).toContain(`error: R/report.md:${line}: statistics: data is a folder, not a file (R/data)\n  fix: name the statistics file itself, e.g. statistics: data/statistics.yaml\n`);
    expect(outputsIn(out)).toEqual([]);
    // with the file in it, the fix names it
    renameSync(path.join(dir, 'statistics.yaml'), path.join(dir, 'data', 'statistics.yaml'));
    expect(run(root, 'check', 'R').err).toContain(`R/report.md:${line}: statistics: data is a folder, not a file (R/data)\n  fix: name the file in it: statistics: data/statistics.yaml\n`);
  });

  it('reports a file that is not there at the statistics: line, naming where it looked', () => {
    const { root, report } = workFolder();
    const line = nameStatistics(report, 'stats/2023.yaml');
    const r = run(root, 'check', 'R');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: R/report.md:${line}: statistics file not found: R/stats/2023.yaml\n  fix: create it, or fix "statistics:" on this line`);
  });
});

describe('gongwen.yaml', () => {
  it('refuses an unknown key inside a font role, at its line, with the key it was probably meant to be', () => {
    const { root } = workFolder();
    const font = path.join(ROOT, 'fonts/FandolFang-Regular.otf');
    writeFileSync(path.join(root, 'gw.yaml'), `# the office's fonts\nfonts:\n  fang: { file: ${font}, nmae: 仿宋_GB2312 }\n`);
    const out = path.join(root, 'out');
    const r = run(root, 'build', 'R', '--out', out, '--config', 'gw.yaml');
    expect(r.code).toBe(2);
    noCrash(r.err);
    expect(r.err).toBe('error: gw.yaml:3: unknown key "nmae" in font role "fang"\n  fix: did you mean "name"?\n');
    expect(outputsIn(out)).toEqual([]);
    // block style, and a key nothing is close to
    writeFileSync(path.join(root, 'gw.yaml'), `fonts:\n  fang:\n    file: ${font}\n    name: 仿宋_GB2312\n    weight: bold\n`);
    expect(() => readConfig(path.join(root, 'gw.yaml'))).toThrow(/gw\.yaml:5: unknown key "weight" in font role "fang"\n {2}fix: a font role has: file, name, postscriptName/);
    writeFileSync(path.join(root, 'gw.yaml'), `fonts:\n  fang: { file: ${font}, postscriptname: FandolFang-Regular }\n`);
    expect(() => readConfig(path.join(root, 'gw.yaml'))).toThrow(/did you mean "postscriptName"\?/);
    // the keys a role has are taken as before
    writeFileSync(path.join(root, 'gw.yaml'), `fonts:\n  fang: { file: ${font}, name: 仿宋_GB2312 }\n`);
    expect(readConfig(path.join(root, 'gw.yaml')).fonts.fang).toEqual({ file: font, postscriptName: undefined, name: '仿宋_GB2312', from: { file: path.join(root, 'gw.yaml'), line: 2, role: 'fang' } });
  });

  it('names a misspelt font role at its line with the role meant, a font file not there with a fix, and a file that is no font plainly', () => {
    const { root } = workFolder();
    const config = (text: string) => { writeFileSync(path.join(root, 'gw.yaml'), text); return path.join(root, 'gw.yaml'); };
    expect(() => readConfig(config('fonts:\n  fnag: { file: x.ttf }\n'))).toThrow(/gw\.yaml:2: unknown font role "fnag"\n {2}fix: did you mean "fang"\? roles are: /);
    expect(() => readConfig(config('fonts:\n  fang:\n    file: missing.ttf\n'))).toThrow(/gw\.yaml:3: font file for role "fang" not found: .*missing\.ttf\n {2}fix: give the font file's path/);
    expect(() => readConfig(config('fonts:\n  fang: { file: 5 }\n'))).toThrow(/gw\.yaml:2: the file of font role "fang" must be a path/);
    expect(() => readConfig(config('fonts: [fang]\n'))).toThrow(/gw\.yaml:1: "fonts" must be a mapping of font roles/);
    writeFileSync(path.join(root, 'bad.ttf'), 'not a font at all, only some text');
    config('fonts:\n  fang: { file: bad.ttf }\n');
    const r = run(root, 'check', 'R', '--config', 'gw.yaml');
    expect(r.code).toBe(2);
    noCrash(r.err);
    // (at its line in the config, with the role: a bad-input audit found the font's path alone)
    expect(r.err).toMatch(/gw\.yaml:2: the font file of role "fang", .*bad\.ttf, cannot be used as a font: it is not a font file, or a damaged one\n/);
  });

  it('says that a config folder is a folder', () => {
    const { root } = workFolder();
    mkdirSync(path.join(root, 'conf'));
    const r = run(root, 'check', 'R', '--config', 'conf');
    expect(r.code).toBe(2);
    noCrash(r.err);
    expect(r.err).toBe('error: conf: the config file is a folder, not a file\n  fix: give the path of a gongwen.yaml file\n');
  });
});

describe('a folder where a file should be', () => {
  it('report.md', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-robust-'));
    mkdirSync(path.join(root, 'e5', 'report.md'), { recursive: true });
    const out = path.join(root, 'out');
    for (const args of [['check', 'e5'], ['build', 'e5', '--out', out]]) {
      const r = run(root, ...args);
      expect(r.code).toBe(2);
      noCrash(r.err);
      expect(r.err).toBe('error: e5/report.md: report.md is a folder, not a file\n  fix: rename or move the folder e5/report.md, and write the report in a text file named report.md in e5\n');
    }
    expect(outputsIn(out)).toEqual([]);
  });

  it('statistics.yaml', () => {
    const { root, dir, report } = workFolder();
    rmSync(path.join(dir, 'statistics.yaml'));
    mkdirSync(path.join(dir, 'statistics.yaml'));
    const line = readFileSync(report, 'utf8').split('\n').indexOf('statistics: statistics.yaml') + 1;
    const out = path.join(root, 'out');
    const r = run(root, 'build', 'R', '--out', out);
    expect(r.code).toBe(2);
    noCrash(r.err);
    expect(r.err).toContain(`error: R/report.md:${line}: statistics: statistics.yaml is a folder, not a file (R/statistics.yaml)\n  fix: remove or rename the folder R/statistics.yaml, and save the statistics file there under its name\n`);
    expect(outputsIn(out)).toEqual([]);
  });
});

describe('files saved as UTF-16 (Notepad\'s "Unicode")', () => {
  /** Node has no UTF-16BE encoder: LE with each unit's bytes swapped. */
  const utf16 = (text: string, order: 'LE' | 'BE', bom: boolean) => {
    const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
    return order === 'LE' ? le : le.swap16();
  };

  it.each([
    ['report.md', 'LE', true, 'iconv -f UTF-16 -t UTF-8', 'Notepad\'s "Unicode"'],
    ['report.md', 'BE', true, 'iconv -f UTF-16 -t UTF-8', '"Unicode big endian"'],
    ['report.md', 'LE', false, 'iconv -f UTF-16LE -t UTF-8', 'Notepad\'s "Unicode"'],
    ['statistics.yaml', 'BE', false, 'iconv -f UTF-16BE -t UTF-8', '"Unicode big endian"'],
  ] as const)('%s, %s, with a BOM: %s', (file, order, bom, iconv, kind) => {
    const { root, dir } = workFolder();
    writeFileSync(path.join(dir, file), utf16(readFileSync(path.join(dir, file), 'utf8'), order, bom));
    const out = path.join(root, 'out');
    const r = run(root, 'build', 'R', '--out', out);
    expect(r.code).toBe(2);
    noCrash(r.err);
    expect(r.err).toContain(`error: R/${file}: the file is UTF-16 text (${kind}), not UTF-8\n  fix: save it as UTF-8: in Notepad 另存为 → 编码 UTF-8; `);
    expect(r.err).toContain(`${iconv} (not -f GBK, which garbles it)`);
    expect(r.err).not.toContain('GBK/ANSI');
    expect(outputsIn(out)).toEqual([]);
  });

  it('is told from UTF-8 by its line ends, not by a share of NUL bytes: 一 U+4E00 and 开 U+5F00 have one too', () => {
    const text = '---\ntitle: 公开\n---\n\n一一开开最最一开。\n一一开开最最一开。\n';
    for (const order of ['LE', 'BE'] as const) {
      expect(() => decodeUtf8(utf16(text, order, false), 'x.md')).toThrow(`x.md: the file is UTF-16 text`);
      expect(() => decodeUtf8(utf16(text, order, false), 'x.md')).toThrow(`iconv -f UTF-16${order} -t UTF-8`);
    }
    // NUL bytes that are not UTF-16 (a Word document named report.md): not text, at the first one's line
    const zip = Buffer.concat([Buffer.from('---\ntitle: x\n'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0x0a, 0, 0x0a, 0])]);
    expect(() => decodeUtf8(zip, 'x.md')).toThrow(/^x\.md:3: the file is not text: it holds NUL bytes/);
    // rich text, as WordPad and TextEdit save it: not "must start with YAML front matter" (an edge audit)
    expect(() => decodeUtf8(Buffer.from('{\\rtf1\\ansi\\ansicpg936 ---\\par title: x\\par}'), 'x.md')).toThrow(/^x\.md:1: the file is rich text \(RTF, as WordPad and TextEdit save it\), not plain text/);
    // GBK keeps its advice, UTF-8 (with or without a BOM) is read
    expect(() => decodeUtf8(Buffer.from([0x2d, 0x0a, 0xd5, 0xfd]), 'x.md')).toThrow(/x\.md:2: the file is not UTF-8 text \(saved as GBK\/ANSI\?\)[\s\S]*iconv -f GBK/);
    expect(decodeUtf8(Buffer.from(`\uFEFF${text}`), 'x.md')).toBe(text);
  });
});

describe('output piped into a reader that stops early', () => {
  /**
   * The command with its stdout (and stderr) piped to a reader that has gone: the read ends are
   * closed at once, so every write to them fails with EPIPE, as with `gongwen check R | true`.
   */
  function closedReader(cwd: string, args: string[], close: ('stdout' | 'stderr')[], env: NodeJS.ProcessEnv = {}) {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    for (const s of close) child[s].destroy();
    let stderr = '';
    if (!close.includes('stderr')) child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exit, get stderr() { return stderr; } };
  }

  it('check: stdout closed, the exit code is as without the pipe, no stack trace', async () => {
    const { root } = workFolder();
    const ok = closedReader(root, ['check', 'R'], ['stdout']);
    expect(await ok.exit).toBe(0);
    noCrash(ok.stderr);
    expect(ok.stderr).toContain('warning: R/report.md:');
    writeFileSync(path.join(root, 'R', 'statistics.yaml'), 'template: gov-2021\ntables:\n  t4: { review_upheld: -1 }\n');
    const bad = closedReader(root, ['check', 'R'], ['stdout']);
    expect(await bad.exit).toBe(2);
    noCrash(bad.stderr);
  });

  it('build, one folder and a batch: stdout and stderr closed, the files written and the exit code kept', async () => {
    const { root, dir } = workFolder();
    const out = path.join(root, 'out');
    expect(await closedReader(root, ['build', 'R', '--out', out, '--format', 'pdf'], ['stdout', 'stderr']).exit).toBe(0);
    expect(outputsIn(out)).toEqual(['R.pdf']);
    // a batch (a second process and worker threads), one folder failing
    cpSync(dir, path.join(root, 'S'), { recursive: true });
    cpSync(dir, path.join(root, 'F'), { recursive: true });
    mkdirSync(path.join(root, 'F', 'report.md.d'));
    rmSync(path.join(root, 'F', 'report.md'));
    const batchOut = path.join(root, 'batch');
    const batch = closedReader(root, ['build', 'R', 'S', 'F', '--out', batchOut, '--format', 'pdf', '--jobs', '2'], ['stdout', 'stderr']);
    expect(await batch.exit).toBe(2);
    expect(outputsIn(batchOut).sort()).toEqual(['R.pdf', 'S.pdf']);
  }, 60_000);

  it('--watch goes on building after its reader has gone', async () => {
    const { root, report } = workFolder();
    const out = path.join(root, 'out');
    const pdf = path.join(out, 'R.pdf');
    const w = closedReader(root, ['build', 'R', '--watch', '--out', out, '--format', 'pdf'], ['stdout'], { GONGWEN_WATCH_WARM_UPS: '0' });
    const until = async (done: () => boolean) => {
      const started = Date.now();
      while (!done()) {
        if (Date.now() - started > 30_000) throw new Error(`timed out: ${w.stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(() => existsSync(pdf));
    const first = statSync(pdf).mtimeMs;
    await new Promise((r) => setTimeout(r, 300)); // its "watching" line written, into the closed pipe
    writeFileSync(report, readFileSync(report, 'utf8').replace('【待填写：总体情况的内容】', '本年度工作有序开展。'));
    await until(() => statSync(pdf).mtimeMs !== first);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    noCrash(w.stderr);
  }, 60_000);
});
