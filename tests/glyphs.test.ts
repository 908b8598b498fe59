/** Missing glyphs are never silent: fallback face for what the role font lacks, an error for what no font has. */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../src/io/config.js';
import { openFontSet } from '../src/io/fonts.js';
import { InputError, InputErrors } from '../src/model/errors.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf } from './helpers/pdf.js';
import { docxParts } from './helpers/docx.js';

const fonts = openFontSet();

describe('glyph coverage', () => {
  it('knows FandolFang lacks name characters that the fallback face has', () => {
    for (const ch of '堃昇珺旸喆赟玥') {
      expect(fonts.has('fang', ch.codePointAt(0)!)).toBe(false);
      expect(fonts.has('fallback', ch.codePointAt(0)!)).toBe(true);
    }
  });

  it('draws characters the role font lacks from the fallback face, and they extract back', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n张堃、李昇同志负责硚口区的公开工作。\n` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const items = pages[0].items;
    const text = items.map((i) => i.str).join('').replace(/\s/g, '');
    expect(text).toContain('张堃、李昇同志负责硚口区的公开工作。');
    const fontOf = (ch: string) => items.find((i) => i.str.includes(ch))!.font;
    expect(fontOf('堃')).toBe('NotoSerifCJKsc-Regular');
    expect(fontOf('张')).toBe('FandolFang-Regular');
  });

  it('draws ￥ from the fallback face: every Fandol face has it with the outline of ＄', async () => {
    for (const role of ['song', 'songBold', 'hei', 'fang', 'kai'] as const) {
      const font = fonts.face(role).font;
      // (the bundled faces' fault, checked here so that a face that mends it is noticed: the same
      // path commands, at most half a unit apart; ¥ U+00A5 is drawn otherwise)
      const commands = (cp: number) => font.glyphForCodePoint(cp).path.toSVG().replace(/[-\d.]+/g, '');
      expect(commands(0xffe5)).toBe(commands(0xff04));
      expect(commands(0xa5)).not.toBe(commands(0xff04));
      expect(fonts.has(role, 0xffe5)).toBe(false);
      expect(fonts.has(role, 0xff04)).toBe(true);
      expect(fonts.has(role, 0xa5)).toBe(true); // ¥, half-width, is drawn right
    }
    expect(fonts.has('fallback', 0xffe5)).toBe(true);
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n收取信息处理费￥100元。\n` });
    const { outputs } = await buildReport(dir, { fonts, formats: ['pdf'] });
    const items = (await readPdf(outputs.pdf!)).pages[0].items;
    expect(items.map((i) => i.str).join('').replace(/\s/g, '')).toContain('收取信息处理费￥100元。');
    expect(items.find((i) => i.str.includes('￥'))!.font).toBe('NotoSerifCJKsc-Regular');
    // the DOCX, set in 仿宋 and its kin (not Fandol), leaves ￥ to them: no fallback font on it
    const docx = (await buildReport(dir, { fonts, formats: ['docx'] })).outputs.docx!;
    const xml = docxParts(docx)['word/document.xml']!;
    expect(xml).toContain('￥100元');
    expect(xml).not.toContain('Noto Serif CJK SC');
  });

  it('stops the build on a control character (Word\'s non-breaking hyphen pasted as U+001E), which Fandol prints as a blank gap', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n电话：0000\u001e85550123，另有\u0007。\n` });
    const error = await buildReport(dir, { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e);
    const messages = (error as InputErrors).errors.map((e) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/report\.md:\d+: a control character \(U\+001E\), invisible in an editor, would print as a blank gap: Word's non-breaking hyphen is pasted as U\+001E\n {2}fix: type a hyphen \(-\) in its place/),
      expect.stringMatching(/a control character \(U\+0007\)/),
    ]);
  });

  it('stops the build on C1 controls, DEL, line and paragraph separators, blank fillers and U+FFFD, each said as what it is; drops direction overrides (adversarial audit)', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n未收取\u2028信息处理费\u0085、\u007f、\u009b。\n\n第二段\u3164空白\u2029。\n\n第三段&#0;。\n` });
    const error = await buildReport(dir, { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e);
    const messages = (error as InputErrors).errors.map((e) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/report\.md:10: a line separator \(U\+2028\), invisible in an editor, would print as a box\n {2}fix: delete it; for a new paragraph, leave a blank line/),
      expect.stringMatching(/report\.md:10: a control character \(U\+0085\)/),
      expect.stringMatching(/report\.md:10: a control character \(U\+007F\)/),
      expect.stringMatching(/report\.md:10: a control character \(U\+009B\)/),
      expect.stringMatching(/report\.md:12: a filler character \(U\+3164\), invisible in an editor, would print as a blank gap/),
      expect.stringMatching(/report\.md:12: a paragraph separator \(U\+2029\)/),
      expect.stringMatching(/report\.md:14: character "\ufffd" \(U\+FFFD\) stands for a character lost when the text was converted, or for a character reference that names none \(&#0;, &#x1e;\)/),
    ]);
    // a right-to-left override (which also turned the terminal's message around) prints nothing: dropped
    const rtl = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n未收取\u202e信息\u202c处理费\u2066。\n` });
    const pdf = (await buildReport(rtl, { fonts, formats: ['pdf'] })).outputs.pdf!;
    expect((await readPdf(pdf)).pages.flatMap((p) => p.items.map((i) => i.str)).join('')).toContain('未收取信息处理费。');
  });

  it('stops the build on noncharacters, in the text and in fields that are not printed, also with --allow-missing-glyphs, which waives only what the fonts lack (DOCX audit)', async () => {
    // (U+FFFF in a keyword and U+FFFE in the text made the DOCX's XML unreadable, with the flag)
    const front = FRONT.replace(/---\n$/, 'keywords: [年报\uffff, 公开]\ncontact:\n  organ: 某局\n  phone: "0000\u0001123"\n---\n');
    const dir = makeReport({ 'report.md': `${front}\n# 概述\n\n未收取\ufffe信息处理费，笑脸😀。\n` });
    const line = (text: string) => front.split('\n').findIndex((l) => l.includes(text)) + 1;
    for (const allowMissingGlyphs of [false, true]) {
      const error = await buildReport(dir, { fonts, formats: ['pdf', 'docx'], allowMissingGlyphs }).then(() => undefined, (e: unknown) => e);
      const messages = (error as InputErrors).errors.map((e) => e.message);
      expect(messages).toEqual([
        expect.stringMatching(/report\.md:\d+: a noncharacter \(U\+FFFE\), which no text holds: it would make the Word draft unreadable \(a byte-order mark read the wrong way round\?\)\n {2}fix: delete it/),
        ...(allowMissingGlyphs ? [] : [expect.stringMatching(/character "😀" \(U\+1F600\) is in no configured font/)]),
        expect.stringMatching(new RegExp(`report\\.md:${line('keywords:')}: a noncharacter \\(U\\+FFFF\\)`)),
        expect.stringMatching(new RegExp(`report\\.md:${line('phone:')}: a control character \\(U\\+0001\\)`)),
      ]);
    }
  });

  it('names what stops the build before the characters --allow-missing-glyphs lets through, which are folded after twenty (review)', async () => {
    const cherokee = Array.from({ length: 25 }, (_, k) => String.fromCodePoint(0x13a0 + k)).join('');
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n${cherokee}结尾\uffff。\n` });
    const error = await buildReport(dir, { fonts, formats: ['pdf'], allowMissingGlyphs: true }).then(() => undefined, (e: unknown) => e);
    const messages = (error as InputErrors).errors.map((e) => e.message);
    expect(messages[0]).toMatch(/a noncharacter \(U\+FFFF\)/);
  });

  it('stops the build on a character no font has, naming it, its code point and file:line', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n# 概述\n\n第一段。\n\n笑脸😀不是公文用字，\uE000也不是。\n` });
    const err = await buildReport(dir, { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputErrors);
    const messages = (err as InputErrors).errors.map((e: InputError) => e.message);
    expect(messages[0]).toMatch(/report\.md:12: character "😀" \(U\+1F600\) is in no configured font/);
    expect(messages[1]).toMatch(/report\.md:12: character "\uE000" \(U\+E000\)/);
  });

  it('names a missing character at its own line of a paragraph, a list and a table, and an invisible one as invisible (a glyph audit)', async () => {
    // lines 10–12 a paragraph, 14–16 a numbered list, 18–21 a table
    const body = '\n# 概述\n\n第一行，\n第二行，\n第三行✔。\n\n1. 甲\n2. 乙\n3. 丙🙂\n\n| 项 | 数 |\n| --- | --- |\n| 甲 | 1 |\n| 乙😀 | 2 |\n\n葛\u2061亮。\n';
    const err = await buildReport(makeReport({ 'report.md': `${FRONT}${body}` }), { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e);
    const messages = (err as InputErrors).errors.map((e: InputError) => e.message);
    expect(messages).toContainEqual(expect.stringMatching(/report\.md:12: character "✔"/));
    expect(messages).toContainEqual(expect.stringMatching(/report\.md:16: character "🙂"/));
    expect(messages).toContainEqual(expect.stringMatching(/report\.md:21: character "😀"/));
    expect(messages).toContainEqual(expect.stringMatching(/report\.md:23: an invisible character \(U\+2061\) is in no configured font\n  fix: delete it/));
    // a bulleted list's item at its own line too (it was at the list's first: a known gap)
    const bullets = await buildReport(makeReport({ 'report.md': `${FRONT}\n# 概述\n\n- 甲\n- 乙\n- 丙🙂\n` }), { fonts, formats: ['pdf'] }).then(() => undefined, (e: unknown) => e);
    expect((bullets as InputErrors).errors.map((e: InputError) => e.message)).toContainEqual(expect.stringMatching(/report\.md:12: character "🙂"/));
  });
});

describe('font roles from gongwen.yaml', () => {
  it('points a role at another font file, relative to the config file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-cfg-'));
    const cfg = path.join(dir, 'gongwen.yaml');
    const kai = path.resolve(import.meta.dirname, '../fonts/FandolKai-Regular.otf');
    writeFileSync(cfg, `fonts:\n  fang: { file: ${path.relative(dir, kai)}, name: 仿宋_GB2312 }\n`);
    const config = readConfig(cfg).fonts;
    expect(config.fang).toMatchObject({ file: kai, name: '仿宋_GB2312' });
    expect(config.hei.file).toMatch(/FandolHei-Regular\.otf$/);
    const report = makeReport({ 'report.md': `${FRONT}\n正文段落。\n` });
    const { outputs } = await buildReport(report, { fonts: openFontSet(config), formats: ['pdf'] });
    const { pages } = await readPdf(outputs.pdf!);
    const line = linesOf(pages[0]).find((l) => l.text.replace(/\s/g, '') === '正文段落。')!;
    expect(new Set(line.items.filter((i) => i.str.trim()).map((i) => i.font))).toEqual(new Set(['FandolKai-Regular']));
  });

  it('rejects an unknown role or a missing file with the config file named', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-cfg-'));
    const cfg = path.join(dir, 'gongwen.yaml');
    writeFileSync(cfg, 'fonts:\n  bold: { file: x.ttf }\n');
    expect(() => readConfig(cfg).fonts).toThrow(/gongwen\.yaml:2: unknown font role "bold"/);
    writeFileSync(cfg, 'fonts:\n  fang: { file: nowhere.ttf }\n');
    expect(() => readConfig(cfg).fonts).toThrow(/font file for role "fang" not found/);
  });
});

describe('a face without the Chinese text set in it', () => {
  it('is warned of by role, with a count, at the first place it lacks a character (a Latin face configured as 仿宋 set the body in 宋体 without a word: a bad-input audit)', async () => {
    const { loadReport, reviewReport } = await import('../src/build.js');
    const { thinFaceFindings } = await import('../src/transform/glyph-check.js');
    const report = loadReport(path.join(__dirname, '..', 'content', 'sample-2021'));
    // the bundled faces: none (they lack a few rare characters at most)
    const notBundled = () => false;
    expect(thinFaceFindings(report, fonts.has, notBundled)).toEqual([]);
    expect(reviewReport(report, fonts).filter((f) => f.message.includes(' face lacks '))).toEqual([]);
    // a fang face with no Chinese characters, the others as bundled
    const latinFang = (role: Parameters<typeof fonts.has>[0], cp: number) => (role === 'fang' ? cp < 0x2e80 : fonts.has(role, cp));
    const [f, ...more] = thinFaceFindings(report, latinFang, notBundled);
    expect(more).toEqual([]);
    expect(f!.severity).toBe('warning');
    // (judged on its first 200 distinct characters)
    expect(f!.message).toMatch(/^the fang face lacks 200 of the first 200 Chinese characters set in it \(.{6}…\): they print from the fallback face, not in fang's$/);
    expect(f!.loc.file).toMatch(/sample-2021\/report\.md$/);
    expect(f!.hint).toContain('give fonts: fang: a face with Chinese characters in gongwen.yaml');
    // the title's face, which sets some twenty characters (a review: under the floor of twenty it was never warned of)
    const latinTitle = (role: Parameters<typeof fonts.has>[0], cp: number) => (role === 'songBold' ? cp < 0x2e80 : fonts.has(role, cp));
    expect(thinFaceFindings(report, latinTitle, notBundled).map((x) => x.message)).toEqual([expect.stringMatching(/^the songBold face lacks \d+ of the \d+ Chinese characters set in it/)]);
    // a bundled face is not judged: a title of rare names lacks many in FandolSong Bold, and the
    // warning told to leave songBold out for the bundled face, which it was (a rare-character audit)
    expect(thinFaceFindings(report, latinTitle, (role) => role === 'songBold')).toEqual([]);
    const names = readFileSync(path.join(__dirname, '..', 'content', 'sample-2021', 'report.md'), 'utf8').replace(/^title: .*$/m, 'title: 硚口区埇桥区濉溪县郫都区䶮堃昇喆犇赟珺玥旻昉玘暐燊镕祎頔彧婳嫄汭翀曌2021年政府信息公开工作年度报告');
    const rare = loadReport(makeReport({ 'report.md': names, 'statistics.yaml': readFileSync(path.join(__dirname, '..', 'content', 'sample-2021', 'statistics.yaml'), 'utf8') }));
    expect(thinFaceFindings(rare, fonts.has, notBundled).map((x) => x.message)).toEqual([expect.stringMatching(/^the songBold face lacks/)]);
    expect(reviewReport(rare, fonts).filter((f) => f.message.includes(' face lacks '))).toEqual([]);
  });
});
