/**
 * Fix 14 of io/pdfkit-fixes.ts: the lines write/pdf/lines.ts breaks become pdfmake's words as
 * they are. In a process of its own, pdfmake's TextBreaker breaks every such text of both
 * samples' PDF definitions (each inline noWrap, each but the last noNewLine or lineEnd) before
 * gongwen's fixes are applied and after; the words (after fix 6) must be the same. (Other texts
 * are broken differently on purpose, by fix 3's 禁则.)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.js';

const script = `
const { createRequire } = await import('node:module');
const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});
const TextBreaker = require('pdfmake/js/TextBreaker.js').default;
const StyleContextStack = require('pdfmake/js/StyleContextStack.js').default;
const original = TextBreaker.prototype.getBreaks;
const dist = (f) => import(${JSON.stringify(path.join(ROOT, 'dist'))} + '/' + f);
const { loadReport, reviewReport } = await dist('build.js');
const { openFontSet } = await dist('io/fonts.js');
const { pdfDefinition } = await dist('write/pdf/index.js');
const fonts = openFontSet();
const texts = [];
for (const dir of ['content/shangqiu-2017', 'content/sample-2021']) {
  const report = loadReport(${JSON.stringify(ROOT)} + '/' + dir);
  reviewReport(report, fonts);
  const font = fonts.face('song').font; const g = font.glyphForCodePoint(0x2014);
  const def = pdfDefinition(report, { glyphs: { has: fonts.has, advance: fonts.advance, dashCentre: (g.bbox.minY + g.bbox.maxY) / 2 / font.unitsPerEm }, created: new Date(0) });
  const lines = (t) => t.every((i, k) => i && i.noWrap === true && (k === t.length - 1 || i.noNewLine === true || i.lineEnd === true));
  const walk = (n) => { if (Array.isArray(n)) n.forEach(walk); else if (n && typeof n === 'object') { if (Array.isArray(n.text) && lines(n.text)) texts.push(n.text); for (const v of Object.values(n)) if (typeof v === 'object') walk(v); } };
  walk(def.content);
}
const styles = () => new StyleContextStack({}, { font: 'fang', fontSize: 16 });
// fix 6 clears noNewLine on a lineEnd word (to false, where the new path leaves it unset: pdfmake
// only tests it for truth), so both sides are compared without a false noNewLine
const same = (words) => JSON.stringify(words.map((w) => { const c = { ...w }; if (c.noNewLine === false) delete c.noNewLine; return c; }));
const fix6 = (words) => { for (const w of words) if (w.lineEnd && w.noNewLine) w.noNewLine = false; return same(words); };
const before = texts.map((t) => fix6(original.call(new TextBreaker(), structuredClone(t), styles())));
const { applyPdfkitFixes } = await dist('io/pdfkit-fixes.js');
applyPdfkitFixes();
const after = texts.map((t) => same(new TextBreaker().getBreaks(structuredClone(t), styles())));
const fast = texts.filter((t) => t.length > 1).length;
process.stdout.write(JSON.stringify({ texts: texts.length, fast, differ: before.map((b, i) => (b === after[i] ? -1 : i)).filter((i) => i >= 0).slice(0, 3).map((i) => [before[i], after[i]]) }));
`;

describe('lines broken by gongwen as pdfmake words', () => {
  it('give the words pdfmake gives them, for every text of both samples', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(child.status, child.stderr).toBe(0);
    const r = JSON.parse(child.stdout) as { texts: number; fast: number; differ: unknown[] };
    expect(JSON.stringify(r.differ).slice(0, 3000)).toBe('[]');
    expect(r.texts).toBeGreaterThan(50);
    expect(r.fast).toBeGreaterThan(50);
  });
});
