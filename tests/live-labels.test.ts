/**
 * Row labels repeated while pdfmake lays a table out (io/pdfmake-live-labels.ts): the PDF is the
 * one a second layout with the labels cut gives, word for word and rule for rule, and the
 * document is laid out once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { LIVE_LABELS, SpanBreaks } from '../src/write/pdf/span-breaks.js';
import { ROOT } from './helpers/build.js';
import { makeReport } from './helpers/fixtures.js';
import { countLayouts } from './helpers/layouts.js';
import { readPdf } from './helpers/pdf.js';

const SAMPLE = path.join(ROOT, 'content/sample-2021');
const REPORT = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
const STATS = readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8');
const ANCHOR = '2021年，本机关收到和处理政府信息公开申请情况如下：';
const fonts = openFontSet();


const register = SpanBreaks.prototype.register;
afterEach(() => {
  SpanBreaks.prototype.register = register;
});
/** Build with the labels repeated only by cutting and laying out again, as before. */
function withoutLive(): void {
  SpanBreaks.prototype.register = function (this: SpanBreaks, ...args: Parameters<SpanBreaks['register']>) {
    register.apply(this, args);
    delete (args[0] as unknown as Record<symbol, unknown>)[LIVE_LABELS];
  };
}

/**
 * Build without the rule that starts a group on a new page with its label (gwMustMove, io/pdfmake-label-room.ts),
 * so that a group's first rows stay at a page's foot and its label moves (the last resort that
 * rule leaves to span-breaks.ts and the live repeats).
 */
function withoutLabelRoom(): void {
  const current = SpanBreaks.prototype.register;
  SpanBreaks.prototype.register = function (this: SpanBreaks, ...args: Parameters<SpanBreaks['register']>) {
    for (const row of args[0]) for (const cell of row) delete (cell as { gwMustMove?: unknown }).gwMustMove;
    current.apply(this, args);
  };
}

/** 表三 moved down the page by `k` short paragraphs, so that its breaks fall elsewhere. */
const offset = (k: number) => makeReport({ 'report.md': REPORT.replace(ANCHOR, '测试段落。\n\n'.repeat(k) + ANCHOR), 'statistics.yaml': STATS }, `live-${k}`);

async function pdf(dir: string): Promise<{ data: Uint8Array; layouts: number }> {
  const { result: { outputs }, layouts } = await countLayouts(() => buildReport(dir, { fonts, formats: ['pdf'] }));
  return { data: outputs.pdf!, layouts };
}

/** Every word with its page and position, sorted (the repeats are drawn last on their page). */
async function content(data: Uint8Array): Promise<string[]> {
  const { pages } = await readPdf(data);
  return pages.flatMap((p) => p.items.filter((i) => i.str.trim()).map((i) => `${p.number} ${i.x.toFixed(2)} ${i.baseline.toFixed(2)} ${i.str}`)).sort();
}

/** The rules drawn (pdfkit writes each as "x1 y1 m x2 y2 l" and strokes it), sorted. */
function rules(data: Uint8Array): string[] {
  const pdf = Buffer.from(data);
  const out: string[] = [];
  for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 1)) {
    const end = pdf.indexOf('endstream', at);
    let text: string;
    try {
      text = inflateSync(pdf.subarray(at + 7, end)).toString('latin1');
    } catch {
      continue; // not a compressed stream
    }
    for (const m of text.matchAll(/(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l/g)) out.push(m.slice(1).join(' '));
  }
  return out.sort();
}

describe('row labels repeated while laying out', () => {
  it('lays the 2021 sample out once, where its labels used to take a second layout', async () => {
    expect((await pdf(SAMPLE)).layouts).toBe(1);
    withoutLive();
    expect((await pdf(SAMPLE)).layouts).toBe(2);
  });

  it('gives the PDF a second layout gives, wherever 表三 starts on the page', async () => {
    // 0, 1, 3 and 22 (0 again: a page is 22 lines): the group 三、 starts the next page
    // (io/pdfmake-label-room.ts); 9, 16, 24: plain repeats
    for (const k of [0, 1, 3, 9, 16, 22, 24]) {
      const dir = offset(k);
      const live = await pdf(dir);
      withoutLive();
      const cut = await pdf(dir);
      SpanBreaks.prototype.register = register;
      expect(live.layouts, `offset ${k}`).toBe(cut.layouts - 1); // a heading kept with its text may take one more in both
      expect(await content(live.data), `offset ${k}`).toEqual(await content(cut.data));
      expect(rules(live.data), `offset ${k}`).toEqual(rules(cut.data));
    }
  }, 60_000);

  it('gives the PDF a second layout gives where a label moves from its group\'s first rows', async () => {
    // without the rule above, the first rows stay at the page's foot under a blank cell and the
    // label moves: 1 and 3, 三、; 22, （三）
    for (const k of [1, 3, 22]) {
      const dir = offset(k);
      withoutLabelRoom();
      const live = await pdf(dir);
      SpanBreaks.prototype.register = register;
      withoutLive();
      withoutLabelRoom(); // wraps withoutLive's register
      const cut = await pdf(dir);
      SpanBreaks.prototype.register = register;
      expect(live.layouts, `offset ${k}`).toBe(cut.layouts - 1);
      expect(await content(live.data), `offset ${k}`).toEqual(await content(cut.data));
      expect(rules(live.data), `offset ${k}`).toEqual(rules(cut.data));
    }
  }, 60_000);
});
