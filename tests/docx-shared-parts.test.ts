/**
 * DOCX parts shared between documents (io/docx-pack.ts): the styles and theme parts compiled for
 * one document are reused for the next with the same font names, and the package is byte for
 * byte the one compiled in full; other font names get their own styles.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../src/build.js';
import { packDocx, sharedPartStats } from '../src/io/docx-pack.js';
import { docxDocument, DOCX_PART_FIXES, sharedPartsKey } from '../src/write/docx/index.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { docxParts } from './helpers/docx.js';

const FONTS = { song: '宋体', songBold: '方正小标宋简体', hei: '黑体', fang: '仿宋', kai: '楷体' };
const created = new Date(Date.UTC(2018, 2, 27));

describe('DOCX parts shared between documents', () => {
  it('reuses the styles and theme of the same fonts, with the same bytes as a document compiled in full', async () => {
    const reports = [loadReport(SAMPLE), loadReport(path.join(ROOT, 'content/sample-2021'))];
    const key = sharedPartsKey(FONTS);
    await packDocx(docxDocument(reports[0]!, { fonts: FONTS }), created, DOCX_PART_FIXES, key); // compiled and kept, if not yet
    const before = { ...sharedPartStats };
    for (const report of reports) {
      const shared = await packDocx(docxDocument(report, { fonts: FONTS }), created, DOCX_PART_FIXES, key);
      const full = await packDocx(docxDocument(report, { fonts: FONTS }), created, DOCX_PART_FIXES);
      expect(shared.equals(full), report.meta.title).toBe(true);
    }
    expect(sharedPartStats.reused - before.reused).toBe(2);
    expect(sharedPartStats.kept - before.kept).toBe(0);
  });

  it('compiles the styles of other font names anew', async () => {
    const other = { ...FONTS, fang: '仿宋_GB2312' };
    const report = loadReport(SAMPLE);
    await packDocx(docxDocument(report, { fonts: FONTS }), created, DOCX_PART_FIXES, sharedPartsKey(FONTS));
    const before = { ...sharedPartStats };
    const docx = await packDocx(docxDocument(report, { fonts: other }), created, DOCX_PART_FIXES, sharedPartsKey(other));
    expect(sharedPartStats.kept - before.kept).toBe(1);
    expect(docxParts(docx)['word/styles.xml']).toContain('w:eastAsia="仿宋_GB2312"');
    const full = await packDocx(docxDocument(report, { fonts: other }), created, DOCX_PART_FIXES);
    expect(docx.equals(full)).toBe(true);
  });
});
