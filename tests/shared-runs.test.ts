/**
 * Shaped runs shared between documents (io/pdfkit-fixes.ts fix 4): a kept run must not hold the
 * font object of the document that shaped it (fontkit's glyphs point at it, and through it at the
 * document's tables, glyph cache and subset: a batch of 400 units grew by 70 MB that way), and
 * the cache is bounded in glyphs, not runs (a run can be a whole line).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { loadFontkit } from '../src/io/fontkit.js';
import { detachedRun, sharedRunGlyphs, sharedRunLimit } from '../src/io/pdfkit-fixes.js';
import { ROOT } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';

const DEFAULT_LIMIT = sharedRunLimit.glyphs;
afterEach(() => { sharedRunLimit.glyphs = DEFAULT_LIMIT; });

/** Every object reachable from `value`, to a depth that covers a run. */
const objectsIn = (value: unknown, out: object[] = [], depth = 0): object[] => {
  if (typeof value !== 'object' || value === null || depth > 6) return out;
  out.push(value);
  for (const v of Object.values(value)) objectsIn(v, out, depth + 1);
  return out;
};

describe('shared shaped runs', () => {
  it('keep what pdfkit reads of a glyph, and nothing that leads to the font object', () => {
    const font = loadFontkit().openSync(path.join(ROOT, 'fonts/FandolFang-Regular.otf')) as unknown as {
      layout(text: string): { glyphs: { id: number; advanceWidth: number; codePoints: number[] }[]; positions: unknown[]; advanceWidth: number };
    };
    const run = font.layout('政府信息公开，2021年');
    const kept = detachedRun(run);
    expect(kept.glyphs.map((g) => [g.id, g.advanceWidth, g.codePoints])).toEqual(run.glyphs.map((g) => [g.id, g.advanceWidth, g.codePoints]));
    expect(kept.glyphs.every((g) => Object.keys(g).sort().join() === 'advanceWidth,codePoints,id')).toBe(true);
    expect(kept.positions).toBe(run.positions);
    expect(kept.advanceWidth).toBe(run.advanceWidth);
    expect(objectsIn(kept)).not.toContain(font);
    // the fontkit run itself does lead to it: this is what the copy is for
    expect(objectsIn(run)).toContain(font);
  });

  it("keep no document's font objects alive once it is built (reports with words of their own, in one process)", () => {
    // fictional reports, each with text the others do not have, so each adds runs to the cache
    const dirs = ['甲乙丙', '丁戊己', '庚辛壬'].map((w, i) => makeReport({ 'report.md': `${FRONT}\n## 概述\n\n${w}区本年度公开信息${i + 1}条，办理申请${w}件。\n` }, `unit${i}`));
    // every fontkit font object a build opens (pdfkit opens one per face and document), held
    // weakly; after a collection none may be left (before the fix: one per face of each document)
    const script = `
const { loadFontkit } = await import(${JSON.stringify(path.join(ROOT, 'dist/io/fontkit.js'))});
const { buildReport } = await import(${JSON.stringify(path.join(ROOT, 'dist/build.js'))});
const { openFontSet } = await import(${JSON.stringify(path.join(ROOT, 'dist/io/fonts.js'))});
const fonts = openFontSet();
await buildReport(${JSON.stringify(path.join(ROOT, 'content/shangqiu-2017'))}, { fonts, formats: ['pdf'] });
const proto = Object.getPrototypeOf(loadFontkit().openSync(${JSON.stringify(path.join(ROOT, 'fonts/FandolFang-Regular.otf'))}));
const seen = new WeakSet(), refs = [], decode = proto._decodeTable;
proto._decodeTable = function (t) { if (!seen.has(this)) { seen.add(this); refs.push(new WeakRef(this)); } return decode.call(this, t); };
for (const dir of ${JSON.stringify(dirs)}) await buildReport(dir, { fonts, formats: ['pdf'] });
await new Promise((r) => setTimeout(r, 10));
globalThis.gc();
console.log(JSON.stringify({ opened: refs.length, alive: refs.filter((r) => r.deref()).length }));`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { opened, alive } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { opened: number; alive: number };
    expect(opened).toBeGreaterThanOrEqual(6);
    expect(alive).toBe(0);
  });

  it('stay within their bound in glyphs, and a cache started again gives the same PDF', async () => {
    const fonts = openFontSet();
    const dir = path.join(ROOT, 'content/sample-2021');
    const full = (await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!;
    expect(sharedRunGlyphs()).toBeGreaterThan(1000); // the sample's words and lines
    sharedRunLimit.glyphs = 300;
    await buildReport(path.join(ROOT, 'content/shangqiu-2017'), { fonts, formats: ['pdf'] }); // runs of its own: started again many times
    expect(sharedRunGlyphs()).toBeLessThanOrEqual(300);
    const bounded = (await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!;
    expect(sharedRunGlyphs()).toBeLessThanOrEqual(300);
    expect(bounded.equals(full)).toBe(true);
  });
});
