/**
 * pdfkit-fixes fix 16 (io/pdfkit-content-filter.ts): page content streams without settings that
 * change nothing, without settings inside paths and without painting operators that paint no
 * path. Read back from the page content streams, with and without the filter: every text and
 * every path must be painted with the same state (colours, ExtGState, line settings, font).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { contentFilter, Op, opKind } from '../src/io/pdfkit-content-filter.js';
import { applyPdfkitFixes } from '../src/io/pdfkit-fixes.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { makeReport } from './helpers/fixtures.js';
import { pageContents } from './helpers/pdf-content.js';


/** Tokens of a content stream: operands (numbers, names, strings, arrays kept as text) and operators. */
function tokens(content: string): { op?: string; operand?: string }[] {
  const out: { op?: string; operand?: string }[] = [];
  let i = 0;
  while (i < content.length) {
    const c = content[i]!;
    if (/\s/.test(c)) { i++; continue; }
    let j = i + 1;
    if (c === '[') { let depth = 1; while (depth) { if (content[j] === '[') depth++; else if (content[j] === ']') depth--; j++; } }
    else if (c === '<') j = content.indexOf('>', i) + 1;
    else if (c === '(') { let depth = 1; while (depth) { if (content[j] === '\\') j++; else if (content[j] === '(') depth++; else if (content[j] === ')') depth--; j++; } }
    else while (j < content.length && !/[\s[<(/]/.test(content[j]!)) j++;
    const t = content.slice(i, j);
    if (/^[A-Za-z'"*]+\*?$/.test(t)) out.push({ op: t });
    else out.push({ operand: t });
    i = j;
  }
  return out;
}

interface Painted { page: number; op: string; what: string; state: string }

/**
 * Each text operator and each painting operator with the state in effect — fill and stroke colour
 * spaces and colours, the ExtGStates' entries (each ExtGState sets only the entries it has), line
 * width, cap, join, miter, dash, the transformation matrices and clips since the page began, and
 * for text its font, matrix and text state — and the painting operators that have no path, and
 * settings made inside a path.
 */
function readContent(pdf: Buffer): { painted: Painted[]; pathless: string[]; inPath: string[] } {
  const painted: Painted[] = [];
  const pathless: string[] = [];
  const inPath: string[] = [];
  pageContents(pdf).forEach(({ content, extGStates }, p) => {
    type State = Record<string, string>;
    let state: State = {};
    const saved: State[] = [];
    let text: State = {};
    let operands: string[] = [];
    let path: string[] = [];
    const record = (op: string, what: string, extra: State = {}) =>
      painted.push({ page: p + 1, op, what, state: JSON.stringify(Object.entries({ ...state, ...extra }).sort()) });
    for (const t of tokens(content)) {
      if (t.operand !== undefined) { operands.push(t.operand); continue; }
      const op = t.op!;
      const args = operands.join(' ');
      operands = [];
      const setting = ['cs', 'CS', 'scn', 'sc', 'SCN', 'SC', 'rg', 'RG', 'g', 'G', 'k', 'K', 'gs', 'w', 'J', 'j', 'M', 'd'].includes(op);
      if (setting && path.length) inPath.push(`page ${p + 1}: ${args} ${op}`);
      if (op === 'q') saved.push({ ...state });
      else if (op === 'Q') state = saved.pop()!;
      else if (op === 'cs') { state.fillSpace = args; state.fill = '(initial)'; }
      else if (op === 'CS') { state.strokeSpace = args; state.stroke = '(initial)'; }
      else if (op === 'scn' || op === 'sc') state.fill = args;
      else if (op === 'SCN' || op === 'SC') state.stroke = args;
      else if (op === 'gs') {
        const entries = extGStates.get(args.slice(1));
        expect(entries, `ExtGState ${args} on page ${p + 1}`).toBeDefined();
        for (const entry of entries!.split(/ (?=\/)/)) {
          const [key, ...value] = entry.split(' ');
          state[`gs${key}`] = value.join(' ');
        }
      } else if (setting) state[op] = args;
      else if (op === 'cm') state.ctm = `${state.ctm ?? ''}[${args}]`;
      else if (op === 'BT') text = {};
      else if (['Tf', 'Tm', 'Tc', 'Tz', 'Tr', 'Tw', 'TL', 'Ts'].includes(op)) text[op] = args;
      else if (['m', 'l', 'c', 'v', 'y', 'h', 're'].includes(op)) path.push(`${args} ${op}`);
      else if (['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n'].includes(op)) {
        if (!path.length) pathless.push(`page ${p + 1}: ${op}`);
        else if (op === 'n' && /W\*?$/.test(path.at(-1) ?? '')) state.clip = `${state.clip ?? ''}[${path.join(' ')}]`;
        else record(op, path.join(' '));
        path = [];
      } else if (op === 'W' || op === 'W*') path.push(op);
      else if (op === 'TJ' || op === 'Tj' || op === "'" || op === '"') record(op, args, Object.fromEntries(Object.entries(text).map(([k, v]) => [`text ${k}`, v])));
      else if (op === 'Do') record(op, args);
    }
  });
  return { painted, pathless, inPath };
}

afterEach(() => {
  contentFilter.enabled = true;
});

describe('page content filter', () => {
  const fonts = openFontSet();
  const build = async (dir: string, enabled: boolean) => {
    contentFilter.enabled = enabled;
    return (await buildReport(dir, { fonts, formats: ['pdf'], pdfa: dir.endsWith('toc-pdfa') })).outputs.pdf!;
  };

  // the samples, and the 2021 sample with a table of contents (its dotted leaders, page numbers)
  // and as PDF/A
  const withToc = () => {
    const dir = path.join(ROOT, 'content/sample-2021');
    return makeReport({
      'report.md': readFileSync(path.join(dir, 'report.md'), 'utf8').replace(/^title:/m, 'toc: true\ntitle:'),
      'statistics.yaml': readFileSync(path.join(dir, 'statistics.yaml'), 'utf8'),
    }, 'toc-pdfa');
  };
  for (const name of [SAMPLE, path.join(ROOT, 'content/sample-2021'), 'toc-pdfa']) {
    it(`paints every text and path with the state it had, and nothing out of place (${path.basename(name)})`, async () => {
      const dir = name === 'toc-pdfa' ? withToc() : name;
      const unfiltered = await build(dir, false);
      const before = readContent(unfiltered);
      const pdf = await build(dir, true);
      const after = readContent(pdf);
      // the checks can fail: without the filter, pdfmake's renderer wrote a fill operator before
      // every text, and each table rule's colour inside its path
      expect(before.pathless.length).toBeGreaterThan(100);
      expect(after.pathless).toEqual([]);
      if (dir !== SAMPLE) expect(before.inPath.length).toBeGreaterThan(100);
      expect(after.inPath).toEqual([]);
      expect(after.painted.length).toBeGreaterThan(500);
      expect(after.painted).toEqual(before.painted);
      // and the page streams are shorter
      const size = (p: Buffer) => pageContents(p).reduce((n, c) => n + c.content.length, 0);
      expect(size(pdf)).toBeLessThan(size(unfiltered) * 0.85);
    });
  }
});

/** The lines of each page's content that a fresh pdfkit document writes for `draw`, after its own first. */
async function drawn(draw: (doc: InstanceType<typeof PDFDocument>) => void): Promise<string[][]> {
  applyPdfkitFixes();
  const doc = new PDFDocument({ compress: false });
  const out: Buffer[] = [];
  doc.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => doc.on('end', resolve));
  draw(doc);
  doc.end();
  await done;
  return pageContents(Buffer.concat(out)).map((page) => {
    const lines = page.content.trim().split('\n');
    expect(lines[0]).toMatch(/^1 0 0 -1 0 [\d.]+ cm$/); // pdfkit's own, at the page's start
    return lines.slice(1);
  });
}

/** The page content a fresh pdfkit document writes for these operators. */
const pageOps = async (ops: string[]): Promise<string[]> =>
  (await drawn((doc) => { for (const op of ops) (doc as unknown as { addContent(s: string): void }).addContent(op); }))[0]!;

describe('page content filter, operator by operator', () => {
  it('tells operators apart by their characters as it did by their names', () => {
    // the filter's classification before it read character codes (2026-11-27), by the operator's name
    const byName = (data: string): Op => {
      const space = data.lastIndexOf(' ');
      const op = space < 0 ? data : data.slice(space + 1);
      if (['m', 'l', 'c', 'v', 'y', 're', 'h'].includes(op)) return Op.Path;
      if (['f', 'f*', 'F', 'S', 's', 'B', 'B*', 'b', 'b*', 'n'].includes(op)) return Op.Paint;
      if (op === 'cs') return Op.FillSpace;
      if (op === 'CS') return Op.StrokeSpace;
      if (op === 'scn' || op === 'sc') return Op.FillColour;
      if (op === 'SCN' || op === 'SC') return Op.StrokeColour;
      if (['w', 'J', 'j', 'M', 'd'].includes(op)) return Op.Line;
      if (op === 'gs') return Op.Gs;
      if (op === 'q') return Op.Save;
      if (op === 'Q') return Op.Restore;
      if (['rg', 'g', 'k', 'RG', 'G', 'K'].includes(op)) return Op.ColourReset;
      return Op.Other;
    };
    const ops = ['m', 'l', 'c', 'v', 'y', 're', 'h', 'f', 'f*', 'F', 'S', 's', 'B', 'B*', 'b', 'b*', 'n', 'cs', 'CS', 'sc', 'scn',
      'SC', 'SCN', 'w', 'J', 'j', 'M', 'd', 'gs', 'q', 'Q', 'rg', 'g', 'k', 'RG', 'G', 'K', 'W', 'W*', 'BT', 'ET', 'Tf', 'Tm',
      'Td', 'TJ', 'Tj', 'Tc', 'Tw', 'Tz', 'TL', 'Ts', 'Tr', 'cm', 'Do', 'BDC', 'EMC', 'BMC', 'ri', 'i', 'sh', 'scnx', 'rgb', 'ce', 'e*',
      'ß', 'é', '\u00e9s', '', ' '];
    const lines = ops.flatMap((op) => [op, `1 ${op}`, `/Name ${op}`, `[1 2] 0 ${op}`, `${op}x`, `x${op}`]);
    for (let i = 0; i < 2000; i++) lines.push(Array.from({ length: 1 + (i % 6) }, (_, k) => 'sScCnNgGeE*rRqQ mw '[(i * 7 + k * 13) % 20]).join(''));
    for (const line of lines) expect(opKind(line, line.lastIndexOf(' ')), JSON.stringify(line)).toBe(byName(line));
    // and the test can tell them apart
    expect(new Set(lines.map(byName)).size).toBe(12);
  });

  it('leaves out a colour that is in effect, and the fill with no path', async () => {
    expect(await pageOps(['/DeviceRGB cs', '0 0 0 scn', 'f', '/DeviceRGB cs', '0 0 0 scn', 'f', 'BT', 'ET']))
      .toEqual(['/DeviceRGB cs', '0 0 0 scn', 'BT', 'ET']);
  });

  it('writes a colour space that is not followed by its colour (it resets the colour)', async () => {
    expect(await pageOps(['/DeviceRGB cs', '1 0 0 scn', '/DeviceRGB cs', 'BT', 'ET', '/DeviceRGB cs', '1 0 0 scn']))
      .toEqual(['/DeviceRGB cs', '1 0 0 scn', '/DeviceRGB cs', 'BT', 'ET', '1 0 0 scn']);
  });

  it('puts settings made while a path is built before the path', async () => {
    expect(await pageOps(['0 0 m', '1 1 l', '/DeviceRGB CS', '0 0 0 SCN', '/Gs2 gs', 'S', '2 2 m', '3 3 l', '/DeviceRGB CS', '0 0 0 SCN', '/Gs2 gs', 'S']))
      .toEqual(['/DeviceRGB CS', '0 0 0 SCN', '/Gs2 gs', '0 0 m', '1 1 l', 'S', '/Gs2 gs', '2 2 m', '3 3 l', 'S']);
  });

  it('follows the state through q and Q', async () => {
    expect(await pageOps(['0.5 w', 'q', '0.5 w', '1 w', 'Q', '1 w', '1 w', '[] 0 d', '[] 0 d']))
      .toEqual(['0.5 w', 'q', '1 w', 'Q', '1 w', '[] 0 d']);
  });

  it('paints a path that an operator out of place came inside (written where it was)', async () => {
    expect(await pageOps(['10 10 50 50 re', '1 0 0 1 5 5 cm', '/DeviceRGB cs', '1 0 0 scn', 'f', '0 0 m', '1 1 l', 'BT', 'ET', 'S']))
      .toEqual(['10 10 50 50 re', '1 0 0 1 5 5 cm', '/DeviceRGB cs', '1 0 0 scn', 'f', '0 0 m', '1 1 l', 'BT', 'ET', 'S']);
  });

  it('restores the colour space with Q', async () => {
    expect(await pageOps(['/DeviceRGB cs', '1 0 0 scn', 'q', '/Pattern cs', '/P1 scn', 'Q', '/DeviceRGB cs', '1 0 0 scn', '0 0 m', '1 1 l', 'B']))
      .toEqual(['/DeviceRGB cs', '1 0 0 scn', 'q', '/Pattern cs', '/P1 scn', 'Q', '0 0 m', '1 1 l', 'B']);
  });

  it('writes every ExtGState that is not one of pdfkit\'s opacity states, and forgets the line settings after it', async () => {
    expect(await pageOps(['1 w', '/GsX gs', '1 w', '/GsX gs', '0 0 m', '1 1 l', 's']))
      .toEqual(['1 w', '/GsX gs', '1 w', '/GsX gs', '0 0 m', '1 1 l', 's']);
  });

  it('leaves out an opacity state whose opacities are in effect', async () => {
    // Gs1 sets ca and CA 0.5, Gs2 both 1, Gs3 ca 1, Gs4 CA 1, Gs5 CA 0.5
    const [lines] = await drawn((doc) => doc.opacity(0.5).opacity(0.5).rect(0, 0, 10, 10).fill().opacity(1).fillOpacity(1).strokeOpacity(1).opacity(0.5).strokeOpacity(0.5));
    expect(lines).toEqual(['/Gs1 gs', '0 0 10 10 re', 'f', '/Gs2 gs', '/Gs1 gs']);
  });

  it('writes what is held when a page ends', async () => {
    const [first, second] = await drawn((doc) => doc.rect(0, 0, 10, 10).addPage().fillColor('red'));
    expect(first).toEqual(['0 0 10 10 re']);
    expect(second).toEqual(['/DeviceRGB cs', '1 0 0 scn']);
  });

  it('keeps a clip, and forgets the state after an operator it does not follow', async () => {
    expect(await pageOps(['0 0 10 10 re', 'W n', 'n', '0.5 w', '/DeviceRGB cs', '0 0 0 scn', '0 g', '0.5 w', '/DeviceRGB cs', '0 0 0 scn', 'q\nQ', '0.5 w']))
      .toEqual(['0 0 10 10 re', 'W n', '0.5 w', '/DeviceRGB cs', '0 0 0 scn', '0 g', '/DeviceRGB cs', '0 0 0 scn', 'q', 'Q', '0.5 w']);
  });
});
