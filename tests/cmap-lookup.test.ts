/**
 * Format 4 cmap look-ups on typed arrays (io/cmap-lookup.ts): the same glyph as fontkit's own
 * search for every code point of the BMP and a sample of the planes above, on every bundled face.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFontConfig, openFontSet } from '../src/io/fonts.js';
import { ROOT } from './helpers/build.js';

const FACES = ['FandolSong-Regular.otf', 'FandolSong-Bold.otf', 'FandolHei-Regular.otf', 'FandolFang-Regular.otf', 'FandolKai-Regular.otf', 'NotoSerifCJKsc-Regular.otf'];
const CODE_POINTS = [...Array.from({ length: 0x10000 }, (_, i) => i), ...Array.from({ length: 2000 }, (_, i) => 0x10000 + i * 541)];

describe('format 4 cmap look-ups', () => {
  it('give fontkit’s own glyph for every code point, on every bundled face', () => {
    // fontkit unpatched, in a process of its own: a digest of the glyph ids per face
    const script = `const fk = require(require.resolve('fontkit', { paths: [require('node:path').dirname(require.resolve('pdfkit/package.json'))] }));
      const cps = ${JSON.stringify([0x10000, 541, 2000])};
      const out = {};
      for (const f of ${JSON.stringify(FACES)}) {
        const font = fk.create(require('node:fs').readFileSync(require('node:path').join(${JSON.stringify(path.join(ROOT, 'fonts'))}, f)));
        const ids = [];
        for (let cp = 0; cp < 0x10000; cp++) ids.push(font._cmapProcessor.lookup(cp));
        for (let i = 0; i < cps[2]; i++) ids.push(font._cmapProcessor.lookup(cps[0] + i * cps[1]));
        out[f] = { version: font._cmapProcessor.cmap.version, ids };
      }
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(child.status, child.stderr).toBe(0);
    const expected = JSON.parse(child.stdout) as Record<string, { version: number; ids: number[] }>;
    const fonts = openFontSet();
    ['song', 'songBold', 'hei', 'fang', 'kai', 'fallback'].forEach((role, i) => {
      const face = fonts.face(role as never);
      expect(path.basename(face.spec.file)).toBe(FACES[i]);
      const font = face.font as unknown as { _cmapProcessor: { lookup(cp: number): number; cmap: { version: number; startCode: { items: unknown[] } } } };
      const want = expected[FACES[i]!]!;
      const got = CODE_POINTS.map((cp) => font._cmapProcessor.lookup(cp));
      expect(got.filter((g) => g !== 0).length, FACES[i]).toBeGreaterThan(5000);
      let diff = -1;
      for (let k = 0; k < got.length && diff < 0; k++) if (got[k] !== want.ids[k]) diff = k;
      expect(diff === -1 ? 'same' : `U+${CODE_POINTS[diff]!.toString(16)}: ${got[diff]} against ${want.ids[diff]}`, `${FACES[i]} (format ${want.version})`).toBe('same');
      // the typed arrays answered: fontkit's own segment array was never read
      if (want.version === 4) expect(font._cmapProcessor.cmap.startCode.items.length, FACES[i]).toBe(0);
    });
    expect(expected[FACES[3]!]!.version).toBe(4);
  });
});

describe('format 4 cmap look-ups, odd subtables', () => {
  it('leave a subtable whose length field is too small to fontkit (no internal error)', () => {
    const font = readFileSync(path.join(ROOT, 'fonts', 'FandolKai-Regular.otf'));
    // the format 4 subtable's length set below its arrays' end (as a 16-bit length wraps past 64 KB)
    const tables = font.readUInt16BE(4);
    let cmap = 0;
    for (let i = 0; i < tables; i++) if (font.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'cmap') cmap = font.readUInt32BE(20 + 16 * i);
    const records = font.readUInt16BE(cmap + 2);
    let patched = 0;
    for (let r = 0; r < records; r++) {
      const at = cmap + font.readUInt32BE(cmap + 4 + 8 * r + 4);
      if (font.readUInt16BE(at) === 4) { font.writeUInt16BE(1000, at + 2); patched++; }
    }
    expect(patched).toBeGreaterThan(0);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gongwen-cmap-')), 'short-cmap.otf');
    writeFileSync(file, font);
    const cps = [0x41, 0x4e00, 0x653f, 0x5e9c, 0x3002];
    const child = spawnSync(process.execPath, ['-e', `const fk = require(require.resolve('fontkit', { paths: [require('node:path').dirname(require.resolve('pdfkit/package.json'))] }));
      const f = fk.openSync(${JSON.stringify(file)}); process.stdout.write(JSON.stringify(${JSON.stringify(cps)}.map((cp) => f._cmapProcessor.lookup(cp))));`], { cwd: ROOT, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const fonts = openFontSet({ ...defaultFontConfig(), kai: { file, name: '楷体' } });
    const lookup = (fonts.face('kai').font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor;
    expect(cps.map((cp) => lookup.lookup(cp))).toEqual(JSON.parse(child.stdout));
  });
});
