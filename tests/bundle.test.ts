/**
 * The command line's code as one file (scripts/bundle.mjs): it behaves as the modules do, and the
 * one assumption it makes — `import.meta.url` is the bundle's own, in dist/io — holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.js';

const BIN = path.join(ROOT, 'bin/gongwen.mjs');
const BUNDLE = path.join(ROOT, 'dist/io/cli.bundle.cjs');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

describe('the bundled command line', () => {
  it('reads paths from import.meta.url only in modules two folders deep, where the bundle is', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(ROOT, 'src'))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
      // resolving packages (createRequire) or asking what kind of file this is works from anywhere
      const uses = code.replace(/createRequire\(import\.meta\.url\)|import\.meta\.url\.endsWith\([^)]*\)/g, '');
      const depth = path.relative(path.join(ROOT, 'src'), file).split(path.sep).length;
      if (uses.includes('import.meta.url') && depth !== 2) offenders.push(path.relative(ROOT, file));
    }
    expect(offenders).toEqual([]);
  });

  it('is built after the modules by npm test and npm run build, and gives the same outputs and errors as they do', () => {
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThanOrEqual(statSync(path.join(ROOT, 'dist/io/cli.js')).mtimeMs);
    const run = (env: Record<string, string>, ...args: string[]) => {
      const out = mkdtempSync(path.join(tmpdir(), 'gongwen-bundle-'));
      const r = spawnSync(process.execPath, [BIN, ...args, '--out', out], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', ...env } });
      return { ...r, out };
    };
    const sample = path.join(ROOT, 'content/sample-2021');
    const bundled = run({}, 'build', sample);
    const modules = run({ GONGWEN_BUNDLE: '0' }, 'build', sample);
    expect(bundled.status).toBe(0);
    expect(modules.status).toBe(0);
    for (const f of ['sample-2021.pdf', 'sample-2021.docx']) {
      expect(readFileSync(path.join(bundled.out, f)).equals(readFileSync(path.join(modules.out, f)))).toBe(true);
    }
    // its version and its error messages come from the same files (package.json, templates)
    const version = (env: Record<string, string>) => spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout;
    expect(version({})).toBe(version({ GONGWEN_BUNDLE: '0' }));
    const missing = (env: Record<string, string>) => run(env, 'build', path.join(ROOT, 'no-such-folder'));
    expect(missing({}).stderr).toBe(missing({ GONGWEN_BUNDLE: '0' }).stderr);
    expect(missing({}).status).toBe(2);
  });
});
