/**
 * Fonts read in part (io/sparse-font.ts) give the same PDF as fonts read whole: here every font
 * file is read whole (the module's reader replaced), and the PDFs are compared with those the
 * command line makes in a process of its own, reading its fonts in part.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT } from './helpers/build.js';

vi.mock('../src/io/sparse-font.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/io/sparse-font.js')>();
  const { readFileSync: readWhole } = await import('node:fs');
  return { ...actual, readFontFile: (file: string) => readWhole(file) };
});

describe('fonts read in part', () => {
  it('give byte for byte the PDFs of fonts read whole (both samples, one of them with the fallback face, and PDF/A)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gongwen-sparse-pdf-'));
    const dirs = ['content/shangqiu-2017', 'content/sample-2021'].map((d) => path.join(ROOT, d));
    for (const pdfa of [false, true]) {
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', ...dirs, '--format', 'pdf', '--out', out, ...(pdfa ? ['--pdfa'] : [])], { encoding: 'utf8', cwd: ROOT });
      expect(cli.status, cli.stderr).toBe(0);
      const fonts = openFontSet();
      const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      for (const dir of dirs) {
        const whole = (await buildReport(dir, { fonts, formats: ['pdf'], pdfa, creator: `gongwen ${version}` })).outputs.pdf!;
        const part = readFileSync(path.join(out, `${path.basename(dir)}.pdf`));
        expect(part.length, dir).toBe(whole.length);
        expect(part.equals(whole), `${dir}${pdfa ? ' (PDF/A)' : ''}`).toBe(true);
      }
    }
  });
});
