/**
 * A unit folder without read permission (chmod 000, a share mounted for another user) is that
 * folder's failure, with what to do, and the others are checked or summed (a newcomer's batch of
 * 62 units stopped at the tenth with an internal error). CI may run as root, for whom chmod 000
 * changes nothing, so node:fs answers for such a folder as Linux does to a user without access:
 * the folder itself can be looked at, nothing in it can.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

const LOCKED = `${path.sep}locked-unit`;
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const inside = (p: unknown) => String(p).includes(`${LOCKED}${path.sep}`);
  // (a folder whose report meets a bug of gongwen's: stood in for by a TypeError where it is read)
  const buggy = (p: unknown) => String(p).includes(`${path.sep}buggy-unit${path.sep}report.md`);
  const deny = (call: string, p: unknown): never => {
    throw Object.assign(new Error(`EACCES: permission denied, ${call} '${String(p)}'`), { code: 'EACCES' });
  };
  const locked = {
    readdirSync: ((p: unknown, ...rest: unknown[]) => (String(p).endsWith(LOCKED) || String(p).endsWith(`${path.sep}listless-unit`) || inside(p) ? deny('scandir', p) : (fs.readdirSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.readdirSync,
    existsSync: ((p: unknown) => (inside(p) ? false : fs.existsSync(p as string))) as typeof fs.existsSync,
    // (an --out folder the user may not write in: as root, chmod 555 changes nothing either)
    accessSync: ((p: unknown, ...rest: unknown[]) => (inside(p) || String(p).endsWith(`${path.sep}readonly-out`) ? deny('access', p) : (fs.accessSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.accessSync,
    statSync: ((p: unknown, ...rest: unknown[]) => (inside(p) ? deny('stat', p) : (fs.statSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.statSync,
    lstatSync: ((p: unknown, ...rest: unknown[]) => (inside(p) ? deny('lstat', p) : (fs.lstatSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.lstatSync,
    readFileSync: ((p: unknown, ...rest: unknown[]) => {
      if (buggy(p)) throw new TypeError('Cannot read properties of undefined (reading \'x\')');
      return inside(p) ? deny('open', p) : (fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readFileSync,
  };
  return { ...fs, ...locked, default: { ...fs, ...locked } };
});

const { main } = await import('../src/io/cli.js');
const { makeReport, FRONT_BEFORE_FORMS } = await import('./helpers/fixtures.js');

const capture = () => {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
};

/** Two report folders, one and two, side by side in a folder of their own (`second`: the second's report.md, where it differs). */
function twoReports(second = `${FRONT_BEFORE_FORMS}正文。\n`): { root: string; dirs: string[] } {
  const root = path.dirname(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}正文。\n` }));
  const dirs = ['one', 'two'].map((name) => {
    const dir = path.join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.md'), name === 'one' ? `${FRONT_BEFORE_FORMS}正文。\n` : second);
    return dir;
  });
  return { root, dirs };
}

describe('an --out folder that cannot be written in', () => {
  it('is said once, first, before any report is laid out (it was found by each report after its layout)', async () => {
    const { root, dirs } = twoReports();
    const out = path.join(root, 'readonly-out');
    mkdirSync(out);
    for (const where of [out, path.join(out, 'sub')]) {
      const [o, e] = [capture(), capture()];
      const code = await main(['build', ...dirs, '--out', where, '--jobs', '1'], o.stream, e.stream);
      expect(code).toBe(2);
      const what = where === out ? 'the folder' : `${out}, where it would be made,`;
      expect(e.text()).toBe(`error: --out ${where}: ${what} cannot be written in: no permission to write there (EACCES); give --out a folder you can write to\nRun gongwen --help for usage.\n`);
      expect(o.text()).toBe('');
    }
  });
});

describe('an --out folder that cannot be made', () => {
  it('is said once, first, and a folder that can be made is not left behind by a build that fails (each report of a batch had said it)', async () => {
    const { root, dirs } = twoReports('---\ntitle: [\n---\n');
    if (existsSync('/proc/self')) {
      const [o, e] = [capture(), capture()];
      expect(await main(['build', ...dirs, '--out', '/proc/nope/out', '--jobs', '1'], o.stream, e.stream)).toBe(2);
      expect(e.text()).toBe('error: --out /proc/nope/out: /proc/nope cannot be created (ENOENT); give --out a folder you can write to (it is created if missing)\nRun gongwen --help for usage.\n');
      expect(o.text()).toBe('');
    }
    // a link on the way to a folder that is not there, and links round in a circle: once, first (a review)
    symlinkSync(path.join(root, 'nonexist', 'deeper'), path.join(root, 'dangling'));
    symlinkSync(path.join(root, 'loop'), path.join(root, 'loop'));
    for (const [where, said] of [
      [path.join(root, 'dangling', 'x'), `${path.join(root, 'dangling')} is a link to ${path.join(root, 'nonexist', 'deeper')}, which is not there; create the folder it links to, or give --out another folder`],
      [path.join(root, 'loop', 'x'), `${path.join(root, 'loop', 'x')} is in a path whose links lead round in a circle; give --out a folder, or correct the link`],
    ] as const) {
      const [o, e] = [capture(), capture()];
      expect(await main(['build', ...dirs, '--out', where, '--jobs', '1'], o.stream, e.stream)).toBe(2);
      expect(e.text()).toBe(`error: --out ${where}: ${said}\nRun gongwen --help for usage.\n`);
    }
    // (the folder the check made is removed; the report that fails leaves none)
    const out = path.join(root, 'made', 'out');
    const [o, e] = [capture(), capture()];
    expect(await main(['build', dirs[1]!, '--out', out], o.stream, e.stream)).toBe(2);
    expect(existsSync(path.join(root, 'made'))).toBe(false);
  });
});

describe('a unit folder that cannot be read', () => {
  // (reports of a year before the forms, for check; a unit's statistics alone, for aggregate)
  const root = path.dirname(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}正文。\n` }));
  const unit = (name: string, files: Record<string, string>) => {
    const dir = path.join(root, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    return dir;
  };
  const reports = ['a-unit', 'locked-unit', 'c-unit', 'buggy-unit', 'listless-unit'].map((name) => unit(name, { 'report.md': `${FRONT_BEFORE_FORMS}正文。\n` }));
  const stats = 'template: gov-2021\nyear: 2021\ntables:\n  t2:\n    licensing: {decisions: 3}\n';
  const units = ['a-unit', 'locked-unit', 'c-unit'].map((name) => unit(`units${path.sep}${name}`, { 'statistics.yaml': stats }));

  it('is that folder\'s error in a check of several, and the folders after it are checked', async () => {
    const [out, err] = [capture(), capture()];
    const [before, locked, after] = reports as [string, string, string];
    const code = await main(['check', before, locked, after], out.stream, err.stream);
    expect(code).toBe(2);
    expect(err.text()).not.toMatch(/internal error|at \w+ \(/);
    expect(err.text()).toContain(`error: ${locked}: the folder cannot be read: no permission (EACCES)\n  fix: give the user who runs gongwen read access to the folder and its files, or copy it to a folder of your own`);
    expect(out.text()).toContain(`${after}: ok`);
    expect(out.text()).toMatch(/checked 3 reports: 2 ok, 1 failed/);
  });

  it('reads a folder that can be entered but not listed (chmod 711) by its files\' names, as before (review)', async () => {
    const [out, err] = [capture(), capture()];
    const listless = reports[4]!;
    expect(await main(['check', listless], out.stream, err.stream), err.text()).toBe(0);
    expect(out.text()).toBe(`${listless}: ok\n`);
  });

  it('is an error of new, with what to do, not an internal error with a stack trace (an edge audit)', async () => {
    const dir = path.join(path.dirname(makeReport({})), 'listless-unit');
    mkdirSync(dir);
    const [out, err] = [capture(), capture()];
    expect(await main(['new', dir, '--organ', '测试县', '--year', '2023'], out.stream, err.stream)).toBe(2);
    expect(err.text()).toContain(`error: ${dir} cannot be listed (no permission to read it): give a new folder, or one you can read and write\n`);
    expect(err.text()).not.toMatch(/internal error|\n\s+at /);
  });

  it('is an error of --watch at its start, as a missing folder is, not an internal error (review)', async () => {
    const [out, err] = [capture(), capture()];
    const code = await main(['build', reports[0]!, reports[1]!, '--watch', '--out', path.join(root, 'watched')], out.stream, err.stream);
    expect(code).toBe(2);
    expect(err.text()).toContain(`error: ${reports[1]}: the folder cannot be read: no permission (EACCES)`);
  });

  it('checks the folders after one that meets a bug, which is said to be one (exit 1)', async () => {
    const [out, err] = [capture(), capture()];
    const [before, , after, buggy] = reports as [string, string, string, string];
    const code = await main(['check', before, buggy, after], out.stream, err.stream);
    expect(code).toBe(1);
    expect(err.text()).toMatch(/^internal error \(please report\): TypeError: Cannot read properties of undefined/m);
    expect(out.text()).toContain(`${buggy}: failed (internal error)\n${after}: ok\n`);
    expect(out.text()).toContain(`checked 3 reports: 2 ok, 1 failed: ${buggy}\n  ${buggy}: internal error (please report): TypeError: Cannot read`);
  });

  it('is named as such by aggregate, not as a unit without statistics', async () => {
    const [out, err] = [capture(), capture()];
    const code = await main(['aggregate', ...units, '--out', path.join(root, 'sum.yaml')], out.stream, err.stream);
    expect(code).toBe(2);
    expect(err.text()).toContain('the folder cannot be read: no permission (EACCES)');
    expect(err.text()).not.toMatch(/no statistics\.yaml or statistics\.xlsx|internal error/);
  });
});
