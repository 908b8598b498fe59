/**
 * Inline styles looked up once per measure call (io/pdfmake-style-memo.ts) give the same PDF as
 * pdfmake's own look-ups: here the memo is never installed, and the PDFs are compared with those
 * the command line makes in a process of its own, with it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { makeReport } from './helpers/fixtures.js';

vi.mock('../src/io/pdfmake-style-memo.js', () => ({ memoiseInlineStyles: () => {} }));

describe('inline styles looked up once per measure call', () => {
  it('give byte for byte the PDFs of pdfmake\'s own look-ups (both samples, and a table of contents)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gongwen-style-memo-'));
    const toc = makeReport({
      'report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace('keywords:', 'toc: true\nkeywords:'),
      'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8'),
    }, 'toc');
    const dirs = [...['content/shangqiu-2017', 'content/sample-2021'].map((d) => path.join(ROOT, d)), toc];
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', ...dirs, '--format', 'pdf', '--out', out], { encoding: 'utf8', cwd: ROOT });
    expect(cli.status, cli.stderr).toBe(0);
    const fonts = openFontSet();
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const dir of dirs) {
      const own = (await buildReport(dir, { fonts, formats: ['pdf'], creator: `gongwen ${version}` })).outputs.pdf!;
      const memo = readFileSync(path.join(out, `${path.basename(dir)}.pdf`));
      expect(memo.equals(own), dir).toBe(true);
    }
  });
});
