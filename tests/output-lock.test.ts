/**
 * One writer at a time per report and --out (io/files.ts withOutputLock), and the edited outputs
 * kept aside all or none (io/build-one.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildOne, type BuildSettings } from '../src/io/build-one.js';
import { takeOver, withOutputLock } from '../src/io/files.js';
import { openFontSet } from '../src/io/fonts.js';
import { InputError } from '../src/model/errors.js';
import { ROOT } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';

// renameSync through a switch, so that one test can refuse a rename (a file held open on Windows)
const refuse = vi.hoisted(() => ({ rename: undefined as ((from: string, to: string) => boolean) | undefined }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const renameSync = (from: fs.PathLike, to: fs.PathLike) => {
    if (refuse.rename?.(String(from), String(to))) throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${String(from)}'`), { code: 'EBUSY' });
    real.renameSync(from, to);
  };
  return { ...real, renameSync, default: { ...real, renameSync } };
});

const tmp = () => mkdtempSync(path.join(tmpdir(), 'gongwen-lock-'));
/** A Node process that runs until killed, standing for another gongwen. */
const otherProcess = () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
const lockOf = (out: string, name: string) => path.join(out, `.${name}.gongwen-lock`);

describe('one writer at a time', () => {
  it('waits for a live holder of the lock, then fails naming it; takes over a dead one\'s lock', async () => {
    const out = tmp();
    const other = otherProcess();
    writeFileSync(lockOf(out, 'unit'), String(other.pid));
    const write = vi.fn(() => 'written');
    const started = Date.now();
    let error: unknown;
    try {
      withOutputLock(out, 'unit', write, 300);
    } catch (e) {
      error = e;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`another gongwen (process ${other.pid}) is writing unit's outputs into this folder`);
    expect(write).not.toHaveBeenCalled();
    // the holder dies without removing its lock: the next writer takes it over at once
    const exited = new Promise((r) => other.on('exit', r));
    other.kill('SIGKILL');
    await exited;
    expect(withOutputLock(out, 'unit', write, 0)).toBe('written');
    expect(existsSync(lockOf(out, 'unit'))).toBe(false);
    // another report's lock is no concern of this one's
    writeFileSync(lockOf(out, 'other'), String(process.pid));
    expect(withOutputLock(out, 'unit', write, 0)).toBe('written');
    // a lock names its writer's start too (Linux): one whose pid runs a process of another start
    // (another program, given the pid after the gongwen died) is taken over at once (failure
    // audit: a sleep waited on 30 s); one of that start, or of no start (written before), is waited on
    if (process.platform === 'linux') {
      const sleep = spawn('sleep', ['60'], { stdio: 'ignore' });
      const stat = readFileSync(`/proc/${sleep.pid}/stat`, 'latin1');
      const start = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19];
      for (const id of [`${sleep.pid}:${start}`, String(sleep.pid)]) {
        writeFileSync(lockOf(out, 'unit'), id);
        expect(() => withOutputLock(out, 'unit', write, 0)).toThrow(`another gongwen (process ${sleep.pid}) is writing`);
      }
      writeFileSync(lockOf(out, 'unit'), `${sleep.pid}:${Number(start) - 1}`);
      expect(withOutputLock(out, 'unit', write, 0)).toBe('written');
      sleep.kill();
      // what a lock holds: this process's id and start
      const held = withOutputLock(out, 'unit', () => readFileSync(lockOf(out, 'unit'), 'latin1'));
      const own = readFileSync('/proc/self/stat', 'latin1');
      expect(held).toMatch(new RegExp(`^${process.pid}(?:-\\d+)?:${own.slice(own.lastIndexOf(') ') + 2).split(' ')[19]}$`));
    }
  });

  it('lets one writer at a time through when many wait on a stale lock at once', async () => {
    // each may judge the dead process's lock stale; a takeover must not remove a lock another
    // writer has just made (eight processes, each holding the lock 150 ms, all started together)
    const out = tmp();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lockOf(out, 'unit'), String(dead));
    const script = `import { withOutputLock } from ${JSON.stringify(path.join(ROOT, 'dist/io/files.js'))};
      import { closeSync, openSync, rmSync } from 'node:fs';
      const [out, at] = process.argv.slice(1);
      while (Date.now() < Number(at));
      withOutputLock(out, 'unit', () => {
        closeSync(openSync(out + '/inside', 'wx')); // (throws where another writer is inside)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
        rmSync(out + '/inside');
      }, 20000);`;
    const at = Date.now() + 1_500;
    const runs = Array.from({ length: 8 }, () => new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['--input-type=module', '-e', script, out, String(at)], { stdio: 'ignore' }).on('exit', resolve);
    }));
    expect(await Promise.all(runs)).toEqual(Array(8).fill(0));
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);

  it('leaves a live writer\'s lock that a late takeover of the stale one finds in its place', () => {
    // writers A and B both judged the dead process's lock stale; A removed it and made its own;
    // B's takeover now finds A's lock where the stale one was: it must stay, untouched
    const out = tmp();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lockOf(out, 'unit'), `${process.pid}-7`);
    takeOver(lockOf(out, 'unit'), String(dead));
    expect(readFileSync(lockOf(out, 'unit'), 'latin1')).toBe(`${process.pid}-7`);
    expect(readdirSync(out)).toEqual(['.unit.gongwen-lock']);
    // the stale one itself goes
    writeFileSync(lockOf(out, 'unit'), String(dead));
    expect(takeOver(lockOf(out, 'unit'), String(dead))).toBe(true);
    expect(readdirSync(out)).toEqual([]);
    // while another takeover holds the guard, none is made; a guard left by a dead process goes after 5 s
    writeFileSync(lockOf(out, 'unit'), String(dead));
    writeFileSync(`${lockOf(out, 'unit')}.takeover`, String(dead));
    expect(takeOver(lockOf(out, 'unit'), String(dead))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['.unit.gongwen-lock', '.unit.gongwen-lock.takeover']);
    const old = new Date(Date.now() - 6_000);
    utimesSync(`${lockOf(out, 'unit')}.takeover`, old, old);
    expect(takeOver(lockOf(out, 'unit'), String(dead))).toBe(false);
    expect(takeOver(lockOf(out, 'unit'), String(dead))).toBe(true);
    expect(readdirSync(out)).toEqual([]);
    // a lock left empty (its writer died between making it and writing its id) is taken over too;
    // one just made, its id not written yet, is not (an empty lock judged stale before it was
    // replaced by a live writer's)
    writeFileSync(lockOf(out, 'unit'), '');
    expect(takeOver(lockOf(out, 'unit'), '')).toBe(true);
    expect(readdirSync(out)).toEqual(['.unit.gongwen-lock']);
    utimesSync(lockOf(out, 'unit'), old, old);
    expect(withOutputLock(out, 'unit', () => 'written', 0)).toBe('written');
    // a guard with a time ahead of this clock (a file server's) is old too, and a writer waiting
    // on a guard it cannot remove gives up at its time
    writeFileSync(lockOf(out, 'unit'), String(dead));
    writeFileSync(`${lockOf(out, 'unit')}.takeover`, String(dead));
    const ahead = new Date(Date.now() + 3_600_000);
    utimesSync(`${lockOf(out, 'unit')}.takeover`, ahead, ahead);
    expect(takeOver(lockOf(out, 'unit'), String(dead))).toBe(false);
    expect(takeOver(lockOf(out, 'unit'), String(dead))).toBe(true);
    writeFileSync(lockOf(out, 'unit'), String(dead));
    writeFileSync(`${lockOf(out, 'unit')}.takeover`, String(process.pid));
    expect(() => withOutputLock(out, 'unit', () => 'written', 300)).toThrow(/another gongwen \(process \d+\) is writing unit's outputs/);
  });

  it('takes over a lock of its own pid and thread, left by an earlier process (a container\'s first process)', () => {
    const out = tmp();
    writeFileSync(lockOf(out, 'unit'), String(process.pid)); // (this test's main thread: the id is the pid alone)
    expect(withOutputLock(out, 'unit', () => 'written', 0)).toBe('written');
  });

  it('fails at once, naming the lock, where the lock cannot be read: it looked at it for ever at full speed (failure audit)', () => {
    const out = tmp();
    fs.mkdirSync(lockOf(out, 'unit'));
    const started = Date.now();
    expect(() => withOutputLock(out, 'unit', () => 'written')).toThrow(InputError);
    try { withOutputLock(out, 'unit', () => 'written'); } catch (e) {
      expect((e as Error).message).toBe(`${lockOf(out, 'unit')}: the lock of unit's outputs cannot be read (a folder is in its place), so whether another gongwen is writing them cannot be told\n  fix: remove it if no gongwen is writing into ${out}, then build again`);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says where an output folder that is a link leads nowhere or round in a circle, and names the folder, not its lock (failure audit)', () => {
    const base = tmp();
    const dangling = path.join(base, 'dangling');
    fs.symlinkSync(path.join(base, 'nowhere'), dangling);
    expect(() => withOutputLock(dangling, 'unit', () => 'written')).toThrow(`${dangling}: is a link to ${path.join(base, 'nowhere')}, which is not there, so the output cannot be written there`);
    expect(() => withOutputLock(path.join(dangling, 'sub'), 'unit', () => 'written')).toThrow(`${dangling}: is a link to`);
    const [a, b] = [path.join(base, 'a'), path.join(base, 'b')];
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    expect(() => withOutputLock(a, 'unit', () => 'written')).toThrow(`${a}: is a link that leads round in a circle, so the output cannot be written there`);
    expect(() => withOutputLock(path.join(a, 'sub'), 'unit', () => 'written')).toThrow(`${path.join(a, 'sub')}: is in a path whose links lead round in a circle`);
    // a path through a file names the file (review: the link check made it an internal error)
    const file = path.join(base, 'afile');
    writeFileSync(file, 'x');
    expect(() => withOutputLock(path.join(file, 'x', 'y'), 'unit', () => 'written')).toThrow(`${file}: is a file, not a folder, so the output cannot be written there`);
    // (a folder of the system's that takes no files)
    if (existsSync('/proc/self')) expect(() => withOutputLock('/proc/self', 'unit', () => 'written')).toThrow('/proc/self: the outputs cannot be written into this folder: the folder is not there, or takes no files (ENOENT)');
  });

  it('releases the lock when the writes fail', () => {
    const out = tmp();
    expect(() => withOutputLock(out, 'unit', () => {
      throw new Error('disk full');
    })).toThrow('disk full');
    expect(readdirSync(out)).toEqual([]);
  });

  it('makes a build wait while another process writes the same report into the same folder', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'unit');
    const out = tmp();
    const other = otherProcess();
    writeFileSync(lockOf(out, 'unit'), String(other.pid));
    const build = spawn(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', dir, '--out', out, '--format', 'docx'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    build.stderr.on('data', (d) => (err += d));
    const code = new Promise<number | null>((r) => build.on('exit', r));
    // a build of this report takes well under a second here; it is waiting
    await new Promise((r) => setTimeout(r, 2_500));
    expect(build.exitCode, err).toBe(null);
    expect(err).toContain(`waiting: another gongwen (process ${other.pid}) is writing unit's outputs into ${out}`);
    expect(existsSync(path.join(out, 'unit.docx'))).toBe(false);
    // the other one finishes (removes its lock): this one writes
    fs.rmSync(lockOf(out, 'unit'));
    expect(await code, err).toBe(0);
    expect(readFileSync(path.join(out, 'unit.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out).filter((f) => f.startsWith('.unit'))).toEqual([]);
    other.kill();
  }, 30_000);
});

describe('edited outputs kept aside all or none', () => {
  it('puts the first edited output back where the second cannot be kept aside, and writes nothing', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'unit');
    const out = tmp();
    const settings: BuildSettings = { outDir: out, formats: ['pdf', 'docx'], pdfa: false, strict: false, allowMissingGlyphs: false, creator: 'test', keepRecords: true };
    const fonts = openFontSet();
    expect((await buildOne(dir, fonts, settings)).ok).toBe(true);
    // a reviewer annotates the PDF and edits the draft; the draft is then held open (Word on Windows)
    const pdf = path.join(out, 'unit.pdf');
    const docx = path.join(out, 'unit.docx');
    const editedPdf = Buffer.concat([readFileSync(pdf), Buffer.from('% 批注')]);
    const editedDocx = Buffer.concat([readFileSync(docx), Buffer.from('审阅意见')]);
    writeFileSync(pdf, editedPdf);
    writeFileSync(docx, editedDocx);
    const renames: string[] = [];
    refuse.rename = (from, to) => {
      if (to.includes('.edited-')) renames.push(path.basename(from));
      return from === docx && to.includes('.edited-');
    };
    try {
      const r = await buildOne(dir, fonts, settings);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toContain('unit.docx was edited since gongwen wrote it, and cannot be kept aside: EBUSY');
    } finally {
      refuse.rename = undefined;
    }
    // the PDF was moved aside first, then put back: both edits where the reviewer left them
    expect(renames).toEqual(['unit.pdf', 'unit.docx']);
    expect(readFileSync(pdf).equals(editedPdf)).toBe(true);
    expect(readFileSync(docx).equals(editedDocx)).toBe(true);
    expect(readdirSync(out).filter((f) => f !== '.gongwen').sort()).toEqual(['unit.docx', 'unit.pdf']);
    // once the draft is closed the build keeps both aside and writes
    const again = await buildOne(dir, fonts, settings);
    expect(again.ok && again.kept?.length).toBe(2);
  }, 60_000);
});

