/** Atomic writes: a failed or killed build leaves the previous output untouched and no partial file behind. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepEdited, tempNameFor, writeFileAtomic, writeFilesAtomic, type FileCalls } from '../src/io/files.js';
import { ROOT } from './helpers/build.js';

describe('atomic writes', () => {
  it('keeps the old file when the writer is killed in the middle of a write, and cleans up after it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-kill-'));
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, 'old output');
    // a child process writes 512 MiB through writeFileAtomic; it is killed as soon as its temporary file appears
    const script = `import { writeFileAtomic } from ${JSON.stringify(path.join(ROOT, 'src/io/files.ts'))};
      writeFileAtomic(${JSON.stringify(file)}, Buffer.alloc(512 * 1024 * 1024, 1));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
    const tmp = tempNameFor(file, child.pid);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    const started = Date.now();
    while (!existsSync(tmp) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(readFileSync(file, 'utf8')).toBe('old output');
    expect(existsSync(tmp)).toBe(true); // killed mid-write
    // the killed process left its temporary file; the next write removes it
    writeFileAtomic(path.join(dir, 'other.pdf'), Buffer.from('new'));
    expect(readdirSync(dir).sort()).toEqual(['other.pdf', 'report.pdf']);
  }, 60_000);

  it('sweeps a folder for dead processes\' temporary files once per process, at its first write there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-sweep-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    const stale = tempNameFor(path.join(dir, 'x.pdf'), dead);
    writeFileSync(stale, 'left by a killed build');
    // a worker thread's temporary name carries its thread too (threads of one process may write one file)
    const staleOfThread = tempNameFor(path.join(dir, 'x.pdf'), dead, 3);
    expect(path.basename(staleOfThread)).toBe(`.x.pdf.${dead}-3.gongwen-tmp`);
    writeFileSync(staleOfThread, 'left by a killed batch');
    writeFileAtomic(path.join(dir, 'a.pdf'), Buffer.from('a'));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(staleOfThread)).toBe(false);
    // later writes of this process do not list the folder again (a batch of 1,000 units wrote
    // 3,000 files, each listing a folder of up to 2,000): a temporary file left now stays …
    writeFileSync(stale, 'left by a killed build');
    writeFileAtomic(path.join(dir, 'b.pdf'), Buffer.from('b'));
    expect(existsSync(stale)).toBe(true);
    // … until another process writes there
    const script = `import { writeFileAtomic } from ${JSON.stringify(path.join(ROOT, 'src/io/files.ts'))};
      writeFileAtomic(${JSON.stringify(path.join(dir, 'c.pdf'))}, Buffer.from('c'));`;
    expect(spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT }).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
  }, 30_000);

  it('writes a file whose name is as long as the file system allows (its temporary name is cut), and says why one cannot be written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-long-'));
    const file = path.join(dir, `${'示'.repeat(80)}.docx`); // 245 bytes
    writeFileAtomic(file, Buffer.from('x'));
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(Buffer.byteLength(path.basename(tempNameFor(file)))).toBeLessThan(255);
    expect(readdirSync(dir)).toHaveLength(1);
    // a name too long even for the output: exit 2 material, not an internal error
    expect(() => writeFileAtomic(path.join(dir, `${'示'.repeat(90)}.pdf`), Buffer.from('x'))).toThrow(/cannot be written: its name is too long for the file system \(ENAMETOOLONG\)/);
  });

  it('writes a report\'s outputs all or none: where one cannot be replaced (open in Word, a full disk), every earlier output stays', () => {
    const fail = (code: string, when: (call: 'write' | 'rename', from: string, to?: string) => boolean): FileCalls => ({
      write: (file, data) => { if (when('write', file)) throw Object.assign(new Error(code), { code }); writeFileSync(file, data); },
      rename: (from, to) => { if (when('rename', from, to)) throw Object.assign(new Error(code), { code }); renameSync(from, to); },
    });
    const cases: [string, FileCalls, RegExp][] = [
      // Windows will not rename a DOCX that Word has open: found when the earlier outputs are moved aside
      ['the DOCX open in Word', fail('EBUSY', (call, from) => call === 'rename' && path.basename(from) === 'r.docx'), /r\.docx: cannot be written: the file is in use \(open in another program\?\) \(EBUSY\)/],
      ['the disk full at the DOCX', fail('ENOSPC', (call, file) => call === 'write' && file.includes('r.docx')), /r\.docx: cannot be written: the disk is full \(ENOSPC\)/],
      ['the DOCX not put in place', fail('EPERM', (call, from, to) => call === 'rename' && to === path.join(path.dirname(from), 'r.docx') && from.endsWith('.gongwen-tmp')), /r\.docx: cannot be written: not permitted/],
    ];
    for (const [what, calls, message] of cases) {
      const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-set-'));
      const pdf = path.join(dir, 'r.pdf'), docx = path.join(dir, 'r.docx');
      writeFileSync(pdf, 'old pdf');
      writeFileSync(docx, 'old docx');
      expect(() => writeFilesAtomic([{ file: pdf, data: Buffer.from('new pdf') }, { file: docx, data: Buffer.from('new docx') }], calls), what).toThrow(message);
      expect([readFileSync(pdf, 'utf8'), readFileSync(docx, 'utf8')], what).toEqual(['old pdf', 'old docx']);
      expect(readdirSync(dir).sort(), what).toEqual(['r.docx', 'r.pdf']); // no temporary or moved-aside file left
      // a first build's outputs: none of them left behind either
      const fresh = mkdtempSync(path.join(tmpdir(), 'gongwen-set-'));
      if (what !== 'the DOCX open in Word') {
        expect(() => writeFilesAtomic([{ file: path.join(fresh, 'r.pdf'), data: Buffer.from('p') }, { file: path.join(fresh, 'r.docx'), data: Buffer.from('d') }], calls), what).toThrow(message);
        expect(readdirSync(fresh), what).toEqual([]);
      }
    }
    // and where nothing refuses, both are replaced and nothing else is left
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-set-'));
    writeFileSync(path.join(dir, 'r.pdf'), 'old pdf');
    writeFilesAtomic([{ file: path.join(dir, 'r.pdf'), data: Buffer.from('new pdf') }, { file: path.join(dir, 'r.docx'), data: Buffer.from('new docx') }]);
    expect(readdirSync(dir).sort()).toEqual(['r.docx', 'r.pdf']);
    expect(readFileSync(path.join(dir, 'r.pdf'), 'utf8')).toBe('new pdf');
  });

  it('writes a set of outputs whose names are too long to keep whole in their temporary names, each under its own', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-long-set-'));
    for (const stem of ['a'.repeat(70), '示'.repeat(63)]) {
      const pdf = path.join(dir, `${stem}.pdf`), docx = path.join(dir, `${stem}.docx`);
      expect(tempNameFor(pdf)).not.toBe(tempNameFor(docx)); // (they were one name, and the DOCX overwrote the PDF)
      for (const round of ['first', 'second']) {
        writeFilesAtomic([{ file: pdf, data: Buffer.from(`${round} pdf`) }, { file: docx, data: Buffer.from(`${round} docx`) }]);
        expect([readFileSync(pdf, 'utf8'), readFileSync(docx, 'utf8')]).toEqual([`${round} pdf`, `${round} docx`]);
      }
    }
    expect(readdirSync(dir)).toHaveLength(4);
  });

  it('puts back the earlier set of outputs that a killed build had moved aside, whole, where its new set is not all in place', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-aside-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    // killed after the new DOCX was placed, before the new PDF: the earlier PDF and DOCX come back
    // together (the new DOCX alone beside the earlier PDF would be a mixed pair)
    writeFileSync(tempNameFor(path.join(dir, 'r.pdf'), dead, 0, 'old'), 'earlier pdf');
    writeFileSync(path.join(dir, 'r.docx'), 'new docx');
    writeFileSync(tempNameFor(path.join(dir, 'r.docx'), dead, 0, 'old'), 'earlier docx');
    // another set whose new outputs were all placed: its earlier ones are removed
    writeFileSync(path.join(dir, 's.pdf'), 'new s pdf');
    writeFileSync(tempNameFor(path.join(dir, 's.pdf'), dead, 0, 'old'), 'earlier s pdf');
    // a name cut short in its aside name cannot be told: left as it is
    const long = path.join(dir, `${'长'.repeat(70)}.pdf`);
    writeFileSync(tempNameFor(long, dead, 0, 'old'), 'earlier long pdf');
    writeFileAtomic(path.join(dir, 'other.pdf'), Buffer.from('x'));
    expect(readdirSync(dir).filter((n) => !n.startsWith('.')).sort()).toEqual(['other.pdf', 'r.docx', 'r.pdf', 's.pdf']);
    expect([readFileSync(path.join(dir, 'r.pdf'), 'utf8'), readFileSync(path.join(dir, 'r.docx'), 'utf8')]).toEqual(['earlier pdf', 'earlier docx']);
    expect(readFileSync(path.join(dir, 's.pdf'), 'utf8')).toBe('new s pdf');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([path.basename(tempNameFor(long, dead, 0, 'old'))]);
    expect(path.basename(tempNameFor(long, dead, 0, 'old'))).toMatch(/\.gongwen-old-cut$/);
  });

  it('keeps an earlier output marked read-only, and the rest of its set with it, with a fix', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-readonly-'));
    const [pdf, docx] = ['r.pdf', 'r.docx'].map((f) => path.join(dir, f)) as [string, string];
    writeFileSync(pdf, 'published');
    writeFileSync(docx, 'draft');
    chmodSync(pdf, 0o444);
    let message = '';
    try {
      writeFilesAtomic([{ file: pdf, data: Buffer.from('new pdf') }, { file: docx, data: Buffer.from('new docx') }]);
    } catch (e) { message = (e as Error).message; }
    expect(message).toBe(`${pdf}: cannot be written: the earlier file is marked read-only, and is kept\n  fix: remove its read-only mark to replace it (chmod u+w; in Windows, 属性 → 只读), or give --out another folder`);
    expect([readFileSync(pdf, 'utf8'), readFileSync(docx, 'utf8')]).toEqual(['published', 'draft']);
    expect(readdirSync(dir).sort()).toEqual(['r.docx', 'r.pdf']);
    chmodSync(pdf, 0o644);
    writeFilesAtomic([{ file: pdf, data: Buffer.from('new pdf') }, { file: docx, data: Buffer.from('new docx') }]);
    expect(readFileSync(pdf, 'utf8')).toBe('new pdf');
  });

  it('replaces the file in one step', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-atomic-'));
    const file = path.join(dir, 'a.docx');
    writeFileAtomic(file, Buffer.from('one'));
    writeFileAtomic(file, Buffer.from('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.docx']);
  });
});

describe('outputs edited since they were written', () => {
  it('says a name too long to keep aside is too long, with what to do (it said to close the file: a CLI audit)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-kept-'));
    const file = path.join(dir, `${'甲'.repeat(80)}.docx`); // 245 bytes: .edited-YYYYMMDD-HHMM passes 255
    writeFileSync(file, 'x');
    let message = '';
    try { keepEdited(file); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/was edited since gongwen wrote it, and cannot be kept aside: the name \S+ would be too long for the file system\n {2}fix: move \S+ elsewhere yourself/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
