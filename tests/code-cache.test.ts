/**
 * The libraries' compiled code kept between runs (io/code-cache.ts): used by the next run, never
 * stale, never in the way.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';

const BIN = path.join(ROOT, 'bin/gongwen.mjs');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'gongwen-code-cache-'));
type Stats = { used: number; rejected: number; missing: number; written: number };

/** A fresh process that loads `node_modules/fixture` under `root` with the cache in `dir`; what it printed. */
function loadFixture(root: string, dir: string, nodeArgs: string[] = []): { value: string; stats: Stats } {
  const cache = pathToFileURL(path.join(ROOT, 'src/io/code-cache.ts')).href;
  const script = `import { createRequire } from 'node:module';
const { useCodeCache, saveCodeCache, codeCacheStats } = await import(${JSON.stringify(cache)});
useCodeCache(${JSON.stringify(dir)});
const value = createRequire(${JSON.stringify(path.join(root, 'x.js'))})('fixture').answer();
const stats = codeCacheStats();
saveCodeCache();
console.log(JSON.stringify({ value, stats }));`;
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { value: string; stats: Stats };
}

describe('code cache', () => {
  it('compiles a library with the code an earlier run saved, never with the code of another version of it, nor with damaged code', () => {
    const root = tmp();
    const dir = tmp();
    const file = path.join(root, 'node_modules/fixture/index.js');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'exports.answer = () => "version 1";\n');
    expect(loadFixture(root, dir)).toEqual({ value: 'version 1', stats: { used: 0, rejected: 0, missing: 1, written: 0 } });
    expect(readdirSync(dir)).toHaveLength(1);
    expect(loadFixture(root, dir).stats).toEqual({ used: 1, rejected: 0, missing: 0, written: 0 });
    // the same length (all V8 itself checks), other text: the code saved for version 1 must not run
    writeFileSync(file, 'exports.answer = () => "version 2";\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadFixture(root, dir)).toEqual({ value: 'version 2', stats: { used: 0, rejected: 0, missing: 1, written: 0 } });
    // an error in the library names its own line and column (not shifted by the CommonJS wrapper)
    writeFileSync(path.join(root, 'node_modules/fixture/bad.js'), '  exports.fail = () => { throw new Error("x"); };\n');
    const script = `const { useCodeCache } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/io/code-cache.ts')).href)});
useCodeCache(${JSON.stringify(dir)});
try { (await import('node:module')).createRequire(${JSON.stringify(path.join(root, 'x.js'))})('fixture/bad.js').fail(); } catch (e) { console.log(e.stack.split('\\n')[1]); }`;
    const trace = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
    expect(trace.stdout).toContain('bad.js:1:32'); // where Node itself puts it
    // one entry per file: version 2's replaced version 1's
    const [entry] = readdirSync(dir).map((f) => path.join(dir, f));
    expect(readdirSync(dir)).toHaveLength(1);
    // other V8 flags: other code, in an entry of their own
    expect(loadFixture(root, dir, ['--interrupt-budget=2162688']).stats.missing).toBe(1);
    const other = readdirSync(dir).map((f) => path.join(dir, f)).find((f) => f !== entry)!;
    // an entry that is not one, or one whose code is damaged (V8 in Node 20 checks no checksum and
    // can crash on it), is not used: the library is compiled from its text and the entry written again
    const good = readFileSync(entry!);
    writeFileSync(entry!, Buffer.alloc(2000, 7));
    expect(loadFixture(root, dir)).toEqual({ value: 'version 2', stats: { used: 0, rejected: 0, missing: 1, written: 0 } });
    const damaged = Buffer.from(good);
    for (let i = 100; i < 300; i++) damaged[i]! ^= 0x5a;
    writeFileSync(entry!, damaged);
    expect(loadFixture(root, dir)).toEqual({ value: 'version 2', stats: { used: 0, rejected: 0, missing: 1, written: 0 } });
    expect(loadFixture(root, dir).stats.used).toBe(1);
    // whole and for this text, but code V8 turns down (made under other flags): compiled from the text
    writeFileSync(entry!, readFileSync(other));
    expect(loadFixture(root, dir)).toEqual({ value: 'version 2', stats: { used: 0, rejected: 1, missing: 0, written: 0 } });
    expect(loadFixture(root, dir).stats.used).toBe(1);
  });

  it('gives the same PDF and DOCX with the cache, without it, and with a cache folder it cannot use', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 总体情况\n\n正文，**重点**。\n` }, 'cached');
    const cache = tmp();
    const build = (env: Record<string, string>) => {
      const out = tmp();
      const r = spawnSync(process.execPath, [BIN, 'build', dir, '--out', out], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', GONGWEN_CODE_CACHE: 'debug', ...env } });
      expect(r.status, r.stderr).toBe(0);
      const stats = JSON.parse(/code cache: (\{.*\})/.exec(r.stderr)?.[1] ?? 'null') as Stats | null;
      return { pdf: readFileSync(path.join(out, 'cached.pdf')), docx: readFileSync(path.join(out, 'cached.docx')), stats };
    };
    const first = build({ GONGWEN_CODE_CACHE_DIR: cache });
    expect(first.stats!.missing).toBeGreaterThan(20); // pdfmake's modules, pdfkit, fontkit, markdown-it …
    expect(first.stats!.written).toBe(first.stats!.missing);
    const second = build({ GONGWEN_CODE_CACHE_DIR: cache });
    expect(second.stats).toEqual({ used: first.stats!.written, rejected: 0, missing: 0, written: 0 });
    // the bundled command line is cached too: one entry more than with the modules
    const modules = build({ GONGWEN_CODE_CACHE_DIR: tmp(), GONGWEN_BUNDLE: '0' });
    expect(modules.stats!.missing).toBe(first.stats!.missing - 1);
    const none = build({ GONGWEN_CODE_CACHE: '0' });
    expect(none.stats).toBeNull();
    const unwritable = build({ GONGWEN_CODE_CACHE_DIR: path.join(BIN, 'not-a-folder') });
    expect(unwritable.stats).toBeNull(); // no cache, no error
    for (const other of [second, modules, none, unwritable]) {
      expect(other.pdf.equals(first.pdf)).toBe(true);
      expect(other.docx.equals(first.docx)).toBe(true);
    }
  });
});

describe('code cache folder', () => {
  it('is node_modules/.cache in gongwen\'s folder, else this user\'s own closed folder in the temporary folder, else none', async () => {
    const { defaultCacheFolder } = await import('../src/io/code-cache.js');
    const root = tmp();
    expect(defaultCacheFolder(root)).toBe(path.join(root, 'node_modules/.cache/gongwen-v8'));
    // a read-only installation (here: node_modules is a file): the temporary folder, made closed
    const readOnly = tmp();
    writeFileSync(path.join(readOnly, 'node_modules'), '');
    const temp = tmp();
    const own = defaultCacheFolder(readOnly, temp)!;
    expect(path.dirname(own)).toBe(temp);
    expect(statSync(own).mode & 0o077).toBe(0);
    // one that others may write to (another user could have made it and put code in it): none
    chmodSync(own, 0o777);
    expect(defaultCacheFolder(readOnly, temp)).toBeUndefined();
    // nor a link to a folder
    const other = tmp();
    rmSync(own, { recursive: true });
    symlinkSync(other, own);
    expect(defaultCacheFolder(readOnly, temp)).toBeUndefined();
  });
});
