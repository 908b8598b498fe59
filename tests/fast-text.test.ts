/**
 * pdfkit-fixes fix 19 (io/pdfkit-fast-text.ts): plain text fragments written directly must give
 * the bytes pdfkit gives — whole PDFs compared with the direct path on and off, for both samples
 * and for the 2021 sample with a table of contents (links, page references: pdfkit's road) as
 * PDF/A.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { fastText, writeTextDirectly } from '../src/io/pdfkit-fast-text.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { makeReport } from './helpers/fixtures.js';
import { pageContents } from './helpers/pdf-content.js';

const fonts = openFontSet();
const SAMPLE_2021 = path.join(ROOT, 'content/sample-2021');

afterEach(() => { fastText.enabled = true; });

const withToc = () => makeReport({
  'report.md': readFileSync(path.join(SAMPLE_2021, 'report.md'), 'utf8').replace(/^title:/m, 'toc: true\ntitle:'),
  'statistics.yaml': readFileSync(path.join(SAMPLE_2021, 'statistics.yaml'), 'utf8'),
}, 'toc-pdfa');

describe('text fragments written directly', () => {
  it.each([
    ['the Shangqiu sample', () => SAMPLE, false],
    ['the 2021 sample', () => SAMPLE_2021, false],
    ['the 2021 sample with a table of contents, as PDF/A', withToc, true],
  ])('%s: the same bytes as through pdfkit, most fragments the direct way', async (_name, dir, pdfa) => {
    const folder = dir();
    const build = async (enabled: boolean) => {
      fastText.enabled = enabled;
      fastText.taken = 0;
      return (await buildReport(folder, { fonts, formats: ['pdf'], pdfa })).outputs.pdf!;
    };
    const general = await build(false);
    expect(fastText.taken).toBe(0);
    const direct = await build(true);
    expect(direct.equals(general)).toBe(true);
    const fragments = pageContents(direct).reduce((n, p) => n + (p.content.match(/ TJ\n/g) ?? []).length, 0);
    expect(fastText.taken).toBeGreaterThan(fragments * 0.7);
    // Latin text with spaces, links and the contents' page numbers still go pdfkit's way
    if (pdfa) expect(fastText.taken).toBeLessThan(fragments);
  });

  it('is installed only over the pdfkit versions it follows', () => {
    const text = () => 'pdfkit';
    for (const [version, installed] of [['0.19.1', true], ['0.19.9', true], ['0.20.0', false], ['1.0.0', false]] as const) {
      const proto = { text } as unknown as Parameters<typeof writeTextDirectly>[0];
      writeTextDirectly(proto, version);
      expect(proto.text !== text, version).toBe(installed);
    }
  });
});
