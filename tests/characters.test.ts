/** Characters: 禁则 line breaking on narrow columns, rare place and person names, punctuation, dates. */
import LineBreaker from 'linebreak';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { renderPdf } from '../src/io/pdf-render.js';
import { formatDate } from '../src/layout/dates.js';
import { STROKE_EM } from '../src/layout/faux-bold.js';
import { NO_LINE_END, NO_LINE_START, tailorBreaks } from '../src/layout/kinsoku.js';
import { pdfDefinition } from '../src/write/pdf/index.js';
import { SAMPLE } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf } from './helpers/pdf.js';
import { pageContents } from './helpers/pdf-content.js';
import { buildReport } from '../src/build.js';

const fonts = openFontSet();
const glyphs = { has: fonts.has, advance: fonts.advance, dashCentre: 0.3 };

/** Render a report with the text block narrowed to `width` pt (default: as built); return every body line's text. */
async function narrowLines(dir: string, width?: number, breaker: 'gongwen' | 'pdfmake' = 'gongwen', cutAddresses = true): Promise<string[]> {
  return (await narrowLineBoxes(dir, width, breaker, cutAddresses)).map((l) => l.text);
}

/** The same, with each line's left and right edge in pt. */
async function narrowLineBoxes(dir: string, width?: number, breaker: 'gongwen' | 'pdfmake' = 'gongwen', cutAddresses = true): Promise<{ text: string; x: number; right: number }[]> {
  // gongwen breaks justified paragraphs itself (write/pdf/lines.ts) when it can measure; pdfmake
  // otherwise. Compared with pdfmake's lines, gongwen's do not cut addresses (pdfmake cannot).
  const def = pdfDefinition(loadReport(dir), { glyphs, breakLines: breaker === 'gongwen', cutAddresses, created: new Date(0), textWidth: width });
  if (width !== undefined) {
    const side = (595.28 - width) / 2;
    def.pageMargins = [side, 60, side, 60];
  }
  def.footer = undefined;
  const { pages } = await readPdf(await renderPdf(def, fonts));
  return pages.flatMap(linesOf).map((l) => ({ text: l.text.replace(/\s+/g, ''), x: l.x, right: l.right })).filter((l) => l.text);
}

describe('line breaking (禁则)', () => {
  it('lets Chinese text break around quotes and inside long addresses, never before a closing mark', () => {
    const text = '做好“五公开”工作';
    const breaks = tailorBreaks(text, [...text].map((_, i) => ({ position: i + 1, required: false })).filter((b) => !'“”'.includes(text[b.position] ?? '') && !'“”'.includes(text[b.position - 1])));
    expect(breaks.map((b) => b.position)).toContain(2); // before “
    expect(breaks.map((b) => b.position)).toContain(7); // after ”
    expect(breaks.map((b) => b.position)).not.toContain(3); // not after “
    const mail = '邮箱：szfxxgkb@126.com）。';
    const mb = tailorBreaks(mail, [{ position: mail.length, required: false }]).map((b) => b.position);
    expect(mb).toContain(mail.indexOf('126')); // after @
    expect(mb).not.toContain(mail.indexOf('）'));
    // a web host breaks after its dots too (kept whole, it spread the line before it), never before ）
    const host = '政府网（www.shangqiu.gov.cn）查询';
    const hb = tailorBreaks(host, [{ position: host.length, required: false }]).map((b) => b.position);
    expect(hb).toEqual(expect.arrayContaining([host.indexOf('shangqiu'), host.indexOf('gov'), host.indexOf('cn）')]));
    expect(hb).not.toContain(host.indexOf('）'));
    // an address breaks before its hyphens, not after them (UAX #14's break after one is taken back)
    const dashed = '邮箱：xu-ce@example-test.com.cn。';
    const db = tailorBreaks(dashed, uax14(dashed)).map((b) => b.position);
    expect(db).toEqual(expect.arrayContaining([dashed.indexOf('-ce'), dashed.indexOf('-test')]));
    expect(db).not.toContain(dashed.indexOf('ce@'));
    expect(db).not.toContain(dashed.indexOf('test.'));
    // figures with dots stay whole
    const figure = '金额为12345678.90万元';
    expect(tailorBreaks(figure, [{ position: figure.length, required: false }]).map((b) => b.position)).toEqual([figure.length]);
  });

  /** The break opportunities UAX #14 (the linebreak package) gives `text`. */
  const uax14 = (text: string) => {
    const out = [];
    const breaker = new LineBreaker(text);
    for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) out.push({ position: b.position, required: b.required });
    return out;
  };

  it('never breaks a decimal or a time, and breaks a long figure only after a hyphen', () => {
    const phone = '联系电话：0370-3288305，电子邮箱';
    expect(tailorBreaks(phone, uax14(phone)).map((b) => b.position)).toContain('联系电话：0370-'.length);
    for (const text of ['金额12345678.90万元。', '时间2018-03-27 15:59:00。', '比例为3.1415926535。']) {
      const breaks = tailorBreaks(text, uax14(text)).map((b) => b.position);
      for (const m of text.matchAll(/\d+(?:[.:]\d+)+/g)) for (let i = m.index! + 1; i < m.index! + m[0].length; i++) expect(breaks, `${text} at ${i}`).not.toContain(i);
    }
  });

  it('keeps a standard\'s code with its number (GB/T 9704-2012 broke at GB/T or at the space after it)', () => {
    for (const text of ['认证及GB/T 9704-2012标准落地', '执行GB 3100和GB/Z 20000标准']) {
      const breaks = tailorBreaks(text, uax14(text), false).map((b) => b.position);
      for (const m of text.matchAll(/GB(?:\/[TZ])? \d/g)) for (let i = m.index! + 1; i < m.index! + m[0].length; i++) expect(breaks, `${text} at ${i}`).not.toContain(i);
      // (before the code, a break as before)
      expect(breaks).toContain(text.indexOf('GB'));
    }
    // nor before a file's extension at the end of an address (…/index.|html read as a sentence's end);
    // a host's last part may still go on (szfxxgkb@126.|com in a narrow column)
    const url = '全文见https://www.example.gov.cn/zwgk/index.html，欢迎访问';
    const ub = tailorBreaks(url, uax14(url), false).map((b) => b.position);
    expect(ub).not.toContain(url.indexOf('html'));
    expect(ub).toContain(url.indexOf('index'));
    // (in a narrow table column it may: the columns beside it keep their width)
    expect(tailorBreaks(url, uax14(url)).map((b) => b.position)).toContain(url.indexOf('html'));
    const mail = '邮箱szfxxgkb@126.com。';
    expect(tailorBreaks(mail, uax14(mail)).map((b) => b.position)).toContain(mail.indexOf('com'));
  });

  it.each([[100, 'gongwen'], [233, 'gongwen'], [100, 'pdfmake'], [233, 'pdfmake']] as const)('holds on a %i pt column for the whole Shangqiu report (lines broken by %s)', async (width, breaker) => {
    const lines = await narrowLines(SAMPLE, width, breaker);
    expect(lines.length).toBeGreaterThan(width === 100 ? 300 : 150);
    const bad = lines.filter((l, i) => i > 0 && (NO_LINE_START.has(l[0]) || NO_LINE_END.has(l.at(-1)!)));
    expect(bad).toEqual([]);
  });

  it('holds next to long e-mail addresses and URLs on a narrow column', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n请发送至邮箱szfxxgkb@126.com。（网址：https://www.shangqiu.gov.cn/zwgk/zfxxgkndbg/2017/index.html）如有疑问，请致电（0370）3288305。“五公开”标准化试点工作全面展开。\n` });
    const lines = await narrowLines(dir, 100);
    expect(await narrowLines(dir, 100, 'gongwen', false)).toEqual(await narrowLines(dir, 100, 'pdfmake'));
    const body = lines.slice(lines.findIndex((l) => l.startsWith('请')));
    expect(body.join('')).toContain('szfxxgkb@126.com。（网址：https://www.shangqiu.gov.cn/zwgk/zfxxgkndbg/2017/index.html）');
    for (const l of body.slice(1)) expect(NO_LINE_START.has(l[0]), l).toBe(false);
    for (const l of body) expect(NO_LINE_END.has(l.at(-1)!), l).toBe(false);
  });
});

describe('rare characters', () => {
  const names = '硚口区、浉河区、瀍河回族区、埇桥区，以及张堃、李昇、王珺、赵旸、陈喆、刘赟、周玥';

  it('render from the fallback face and come back exactly from text extraction', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n${names}。\n` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const text = pages.flatMap(linesOf).map((l) => l.text.replace(/\s+/g, '')).join('');
    expect(text).toContain(`${names}。`);
    for (const ch of '硚浉瀍埇堃昇珺旸喆赟玥') {
      const item = pages[0].items.find((i) => i.str.includes(ch))!;
      expect(item.font, ch).toBe('NotoSerifCJKsc-Regular');
    }
  });
});

describe('characters outside the BMP', () => {
  it('break and spread as one character each, as the same text with a character of the BMP (吉𠮷: its paragraphs had gone to pdfmake\'s breaking, letter-spaced and copied 黑 体 强 调, a rare-character audit)', async () => {
    const lines = async (ch: string) => {
      const body = `由张${ch}同志带队走访了测试县的各个乡镇，系统代码为ABCDEFGHIJKLMN，共收集意见12345678条，均已办结。张${ch}同志表示将继续推进。`;
      const places = '亳州、郏县、浚县、鄄城、莘县、犍为、筠连、儋州、崀山、涪陵、邛崃、郫都、濉溪、黟县、歙县、婺源、盱眙、邗江、鄞州、衢州、丽水、缙云、泾县、茌平、兖州、莒县、郯城、鄱阳、弋阳、铅山、虢镇、鄠邑、栎阳、洺州、圐圙、㟃、瑷珲、氹仔、鲘门、硚口、埇桥、畲族、彝族';
      const dir = makeReport({ 'report.md': `${FRONT}\n${body}\n\n走访了${places}，带队的是张${ch}同志。\n\n# 张${ch}同志带队走访测试县各乡镇和街道的情况汇总说明及有关工作安排\n\n正文。\n` });
      const { pages } = await readPdf((await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!);
      return linesOf(pages[0]!).filter((l) => !l.text.includes('—')).map((l) => ({ text: l.text.replace(/\s+/g, '').replaceAll(ch, '＊'), x: Number(l.x.toFixed(2)), right: Number(l.right.toFixed(2)) }));
    };
    const bmp = await lines('吉');
    const astral = await lines('𠮷');
    expect(astral).toEqual(bmp);
    // the first line is spread (the code does not fit): its inlines spaced per character, 𠮷 one of them, to the margin
    expect(astral.find((l) => l.text.startsWith('由'))).toMatchObject({ text: '由张＊同志带队走访了测试县的各个乡镇，系统代码为', right: 521.57 });
    expect(astral.length).toBeGreaterThanOrEqual(12);
  });
});

describe('symbols a Fandol face draws narrower or wider than one em', () => {
  it('are drawn one em wide from the fallback face, so that the text after them stays on the 28-column grid (※ was 0.65 em, § 0.44, ℃ 0.94, ‰ 1.17: a known gap)', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n※℃‰§↑甲乙。\n` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const line = linesOf(pages[0]!).find((l) => l.text.includes('甲乙'))!;
    for (const ch of '※℃‰§↑') expect(line.items.find((i) => i.str.includes(ch))!.font, ch).toBe('NotoSerifCJKsc-Regular');
    const after = line.items.find((i) => i.str.startsWith('甲'))!;
    const pitch = 156 * 72 / 25.4 / 28;
    // the paragraph's first line: indented two characters, then five symbols of one em each
    expect(after.x).toBeCloseTo(28 * 72 / 25.4 + 7 * pitch, 1);
    // a face that draws one at one em keeps it (FandolFang's ※ is 0.65 em and goes; its 《 stays) …
    expect(fonts.has('fang', '《'.codePointAt(0)!)).toBe(true);
    expect(fonts.misdrawn('fang', 0x203b)).toBe(true);
    // … but the arrows go together where one of them is off the grid: FandolHei's ↑ is half an em,
    // its ← one em, and they stood side by side in two weights (a layout audit)
    for (const role of ['fang', 'hei', 'kai'] as const) for (const cp of [0x2190, 0x2191, 0x2192, 0x2193]) expect(fonts.has(role, cp), `${role} U+${cp.toString(16)}`).toBe(false);
  });
});

describe('rare characters in heavy roles', () => {
  /** Each text shown by a page's content stream: its font, size, rendering mode and the line width in effect. */
  const shownTexts = (content: string) => {
    const shown: { font: string; size: number; mode: number; width: number | undefined }[] = [];
    const saved: (number | undefined)[] = [];
    let width: number | undefined;
    let font = '';
    let size = 0;
    let mode = 0;
    for (const line of content.split('\n')) {
      const op = line.split(' ').at(-1);
      if (op === 'q') saved.push(width);
      else if (op === 'Q') width = saved.pop();
      else if (op === 'w') width = Number(line.split(' ')[0]);
      else if (op === 'BT') mode = 0;
      else if (op === 'Tf') [font, size] = [line.split(' ')[0]!.slice(1), Number(line.split(' ')[1])];
      else if (op === 'Tr') mode = Number(line.split(' ')[0]);
      else if (op === 'TJ' || op === 'Tj') shown.push({ font, size, mode, width });
    }
    return shown;
  };

  it('are drawn as heavy as their line in the title and in 黑体 (stroked as well as filled), as the fallback face has them, and not in 仿宋 text (a thin 埇 in a bold title: a glyph audit)', async () => {
    const front = FRONT.replace('title: 测试县2020年', 'title: 宿州市埇桥区2020年');
    const dir = makeReport({ 'report.md': `${front}\n# 堃华社区工作\n\n副区长李喆任组长，**王堃**负责。\n` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const text = pages.flatMap(linesOf).map((l) => l.text.replace(/\s+/g, '')).join('');
    expect(text).toContain('宿州市埇桥区2020年');
    expect(text).toContain('一、堃华社区工作');
    expect(text).toContain('副区长李喆任组长，王堃负责。');
    const shown = shownTexts(pageContents(outputs.pdf!)[0]!.content);
    const stroked = shown.filter((t) => t.mode === 2);
    // the title's 埇 (二号, 22 pt), the heading's 堃 and the bold 堃 (黑体, 三号 at the grid's pitch)
    expect(stroked.map((t) => t.size.toFixed(2))).toEqual(['22.00', '15.79', '15.79']);
    for (const t of stroked) expect(t.width).toBeCloseTo(STROKE_EM * t.size, 5);
    // all of them from the fallback face's bold variant; 喆 in 仿宋 from its plain one, filled only
    expect(new Set(stroked.map((t) => t.font)).size).toBe(1);
    const fontsOf = (mode: number) => new Set(shown.filter((t) => t.mode === mode).map((t) => t.font));
    expect(fontsOf(0).has(stroked[0]!.font)).toBe(false);
    // (喆 is the one text in a font of its own among the filled ones: its font shows nothing else)
    const alone = [...fontsOf(0)].filter((f) => shown.filter((t) => t.font === f).length === 1);
    expect(alone).toHaveLength(1);
    expect(shown.filter((t) => t.mode !== 0 && t.mode !== 2)).toEqual([]);
  });
});

describe('spaces of other widths', () => {
  it('prints en, em, thin and other spaces and tabs as spaces, in the title, the body and a table (each was a box with an F in it: a glyph audit)', async () => {
    const odd = ['\u2002', '\u2003', '\u2009', '\u200a', '\u202f', '\u205f', '\u1680', '\t'];
    const body = odd.map((c, k) => `电话：0371-123456${k}${c}传真：0371-765432${k}`).join('，');
    const front = FRONT.replace(/^title: (.*)$/m, 'title: "$1\u2003"').replace(/---\n$/, 'editor: "张\t三"\n---\n');
    const dir = makeReport({ 'report.md': `${front}\n# 概述\n\n${body}。\n\n| 项目 | 数量 |\n| --- | --- |\n| 申请\u2003网络 | 3 |\n` });
    const report = loadReport(dir);
    const all = JSON.stringify(report.blocks) + report.meta.title + (report.meta.editor ?? '');
    for (const c of odd) expect(all.includes(c), `U+${c.codePointAt(0)!.toString(16)}`).toBe(false);
    expect(report.meta.editor).toBe('张 三');
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const text = pages.flatMap(linesOf).map((l) => l.text).join('');
    expect(text).toContain('0371-1234560 传真');
    expect(text).toContain('申请 网络');
  });
});

describe('punctuation and dates', () => {
  it('prints the published text with full-width punctuation, but not inside addresses and numbers', () => {
    const text = loadReport(SAMPLE).blocks.flatMap((b) => ('inlines' in b ? [b.inlines.map((i) => i.text).join('')] : [])).join('\n');
    expect(text).toContain('《中华人民共和国政府信息公开条例》（以下简称《条例》），按照');
    expect(text).toContain('（地址：商丘市睢阳区府前路1号，邮编：476000，联系电话：0370-3288305，电子邮箱：szfxxgkb@126.com）');
    expect(text).toContain('商丘市政府网（www.shangqiu.gov.cn）查询');
    expect(text).toContain('（2016~2020年）');
    expect(text).not.toMatch(/[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]/u);
  });

  it('writes dates per GB/T 9704 without zero padding', () => {
    expect(formatDate({ year: 2018, month: 3, day: 5 })).toBe('2018年3月5日');
    expect(formatDate({ year: 2018, month: 12, day: 27 })).toBe('2018年12月27日');
  });
});

/**
 * The lines gongwen breaks are pdfmake's: the same text, set at the same left edge; lines of
 * Chinese text end at the same place ('same') or at least as far right ('or further right'), and
 * no line ends past the column (lines of Latin alone, pieces of an address, may stay shorter).
 */
async function expectPdfmakeLines(dir: string, width: number | undefined, chineseRight: 'same' | 'or further right'): Promise<void> {
  const ours = await narrowLineBoxes(dir, width, 'gongwen', false);
  const theirs = await narrowLineBoxes(dir, width, 'pdfmake');
  expect(ours.map((l) => l.text)).toEqual(theirs.map((l) => l.text));
  const edge = Math.max(...theirs.map((l) => l.right));
  ours.forEach((l, i) => {
    expect(Math.abs(l.x - theirs[i]!.x), l.text).toBeLessThan(0.5);
    if (/[\u4e00-\u9fff]{2}/.test(l.text)) {
      if (chineseRight === 'same') expect(Math.abs(l.right - theirs[i]!.right), l.text).toBeLessThan(0.5);
      else expect(l.right, l.text).toBeGreaterThan(theirs[i]!.right - 0.5);
    }
    expect(l.right, l.text).toBeLessThanOrEqual(edge + 0.5);
  });
}

describe('lines broken by gongwen (write/pdf/lines.ts)', () => {
  // a fictional report that mixes what real ones have: bold and emphasis runs, rare names from the
  // fallback face, Latin words with spaces, figures, percentages, dates, long addresses, lists
  const MIXED = `${FRONT}
# 概述

本县**坚持以公开为常态、不公开为例外**，全年通过政府网站（https://www.example.gov.cn/zwgk/index.html）主动公开信息1234条，较上年增长12.5%。*重点领域信息公开*持续深化，张堃、王珺、陈喆等同志负责 Open Government Data 平台的日常维护，平台已接入 API 接口 36 个。

联系地址：测试县政通路1号，邮编：000000，电话：0000-12345678，电子邮箱：gongkai-office@example.gov.cn。2020年1月1日至2020年12月31日期间，共受理申请88件，其中按时办结86件，办结率97.73%，“五公开”标准目录覆盖率达到100%。

1. 加强政策解读，围绕 COVID-19 疫情防控、复工复产等主题发布解读材料52篇，其中图解18篇、视频解读6个。
2. 完善公开平台，升级政府网站检索功能，支持按主题、机构、时间（如2020-06-30）组合查询。
`;

  it.each([undefined, 233, 100])('are the lines pdfmake breaks in a report of mixed text, on a %s pt column', async (width) => {
    // Chinese lines end where pdfmake's do or further right, up to the column's edge (pdfmake
    // leaves a justified line short by its trailing space, as before "Open" on a narrow column)
    await expectPdfmakeLines(makeReport({ 'report.md': MIXED }), width, 'or further right');
  });

  // (at exactly 156 mm pdfmake fits 28 characters only where rounding lets it; on the real page it does)
  it.each([100, 233, undefined])('are the lines pdfmake breaks, on a %s pt column (undefined: the 版心), for both samples', async (width) => {
    for (const dir of [SAMPLE, SAMPLE.replace('shangqiu-2017', 'sample-2021')]) await expectPdfmakeLines(dir, width, 'same');
  });
});
