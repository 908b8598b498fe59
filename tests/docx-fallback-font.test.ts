/**
 * Characters the role faces lack name the fallback font in the DOCX (write/docx/fallback-font.ts),
 * as the PDF draws them from the fallback face.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, loadReport } from '../src/build.js';
import { fallbackChars } from '../src/transform/glyph-check.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { defaultFontConfig, openFontSet } from '../src/io/fonts.js';
import { withFallbackFont } from '../src/write/docx/fallback-font.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { docxParts, paragraphs } from './helpers/docx.js';

const NOTO = 'Noto Serif CJK SC';
const rFonts = (name: string) => `<w:rFonts w:ascii="${name}" w:eastAsia="${name}" w:hAnsi="${name}" w:cs="${name}"/>`;

describe('the fallback font in the DOCX', () => {
  it('splits a run around the characters and names the font where CT_RPr wants it', () => {
    const fallback = { name: 'F&B', chars: '埇喆' };
    const f = rFonts('F&amp;B');
    expect(withFallbackFont('<w:r><w:t xml:space="preserve">甲埇口乙</w:t></w:r>', fallback)).toBe(
      `<w:r><w:t xml:space="preserve">甲</w:t></w:r><w:r><w:rPr>${f}</w:rPr><w:t xml:space="preserve">埇</w:t></w:r><w:r><w:t xml:space="preserve">口乙</w:t></w:r>`);
    // after w:rStyle, before w:b; an existing w:rFonts is replaced; a line break stays at the front
    expect(withFallbackFont('<w:r><w:rPr><w:rStyle w:val="X"/><w:b/></w:rPr><w:br/><w:t>喆A</w:t></w:r>', fallback)).toBe(
      `<w:r><w:rPr><w:rStyle w:val="X"/>${f}<w:b/></w:rPr><w:br/><w:t xml:space="preserve">喆</w:t></w:r><w:r><w:rPr><w:rStyle w:val="X"/><w:b/></w:rPr><w:t xml:space="preserve">A</w:t></w:r>`);
    expect(withFallbackFont(`<w:r><w:rPr>${rFonts('黑体')}<w:sz w:val="24"/></w:rPr><w:t>埇</w:t></w:r>`, fallback)).toBe(
      `<w:r><w:rPr>${f}<w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">埇</w:t></w:r>`);
    const plain = '<w:r><w:t>甲乙 &amp; 丙</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>';
    expect(withFallbackFont(plain, fallback)).toBe(plain);
    expect(withFallbackFont(plain, undefined)).toBe(plain);
    // an escaped character is one unit: a fallback '&' never cuts its entity
    expect(withFallbackFont('<w:r><w:t>A &amp; B&lt;</w:t></w:r>', { name: 'F', chars: '&' })).toBe(
      `<w:r><w:t xml:space="preserve">A </w:t></w:r><w:r><w:rPr>${rFonts('F')}</w:rPr><w:t xml:space="preserve">&amp;</w:t></w:r><w:r><w:t xml:space="preserve"> B&lt;</w:t></w:r>`);
    // numeric references stand for their character; a malformed one is left as it is
    expect(withFallbackFont('<w:r><w:t>&#x57c7;&#22496;&#xZZ;</w:t></w:r>', { name: 'F', chars: '埇' })).toBe(
      `<w:r><w:rPr>${rFonts('F')}</w:rPr><w:t xml:space="preserve">&#x57c7;</w:t></w:r><w:r><w:t xml:space="preserve">&#22496;&#xZZ;</w:t></w:r>`);
    // a fallback character that docx writes as an entity is found through it
    expect(withFallbackFont('<w:r><w:t>a&lt;b</w:t></w:r>', { name: 'F', chars: '<' })).toBe(
      `<w:r><w:t xml:space="preserve">a</w:t></w:r><w:r><w:rPr>${rFonts('F')}</w:rPr><w:t xml:space="preserve">&lt;</w:t></w:r><w:r><w:t xml:space="preserve">b</w:t></w:r>`);
    // characters that mean something in a regular expression are taken as themselves
    expect(withFallbackFont('<w:r><w:t>a*b.c</w:t></w:r><w:r><w:t>abc</w:t></w:r>', { name: 'F', chars: '*' })).toBe(
      `<w:r><w:t xml:space="preserve">a</w:t></w:r><w:r><w:rPr>${rFonts('F')}</w:rPr><w:t xml:space="preserve">*</w:t></w:r><w:r><w:t xml:space="preserve">b.c</w:t></w:r><w:r><w:t>abc</w:t></w:r>`);
    // a character outside the BMP stays whole
    expect(withFallbackFont('<w:r><w:t>甲𠀀乙</w:t></w:r>', { name: 'F', chars: '𠀀' })).toContain(`${rFonts('F')}</w:rPr><w:t xml:space="preserve">𠀀</w:t>`);
  });

  it('takes the characters no face of their roles has: one that some role’s face has is left alone', () => {
    // 甲 lacking in 仿宋 only, 乙 in 仿宋 and 黑体 (it appears in both), 丙 in nothing
    const dir = makeReport({ 'report.md': `${FRONT}\n# 甲乙\n\n甲乙丙。\n` });
    const report = loadReport(dir);
    const lacks: Record<string, string> = { fang: '甲乙', hei: '乙' };
    const has = (role: string, cp: number) => !(lacks[role] ?? '').includes(String.fromCodePoint(cp));
    expect(fallbackChars(report, has as never)).toBe('乙');
  });

  it('marks the runs of a heavy role bold: in a heavy paragraph style, or naming a heavy font, not in a heavy style naming a light one (the PDF strokes them)', () => {
    const fallback = { name: NOTO, chars: '埇' };
    const heavy = { styles: new Set(['GwTitle']), fonts: new Set(['黑体']) };
    const f = rFonts(NOTO);
    const p = (style: string, run: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${run}</w:p>`;
    expect(withFallbackFont(p('GwTitle', '<w:r><w:t>宿州市埇桥区</w:t></w:r>'), fallback, heavy)).toBe(p('GwTitle',
      `<w:r><w:t xml:space="preserve">宿州市</w:t></w:r><w:r><w:rPr>${f}<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">埇</w:t></w:r><w:r><w:t xml:space="preserve">桥区</w:t></w:r>`));
    // a bold setting of its own is replaced; one named 楷体 in the title is not heavy
    expect(withFallbackFont(p('GwBody', `<w:r><w:rPr>${rFonts('黑体')}<w:b w:val="false"/><w:sz w:val="32"/></w:rPr><w:t>埇</w:t></w:r>`), fallback, heavy))
      .toBe(p('GwBody', `<w:r><w:rPr>${f}<w:b/><w:bCs/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">埇</w:t></w:r>`));
    expect(withFallbackFont(p('GwTitle', `<w:r><w:rPr>${rFonts('楷体')}</w:rPr><w:t>埇</w:t></w:r>`), fallback, heavy))
      .toBe(p('GwTitle', `<w:r><w:rPr>${f}</w:rPr><w:t xml:space="preserve">埇</w:t></w:r>`));
    // body text, and a paragraph of no style, are left plain; each paragraph by its own style
    expect(withFallbackFont(`${p('GwBody', '<w:r><w:t>埇</w:t></w:r>')}<w:p><w:r><w:t>埇</w:t></w:r></w:p>`, fallback, heavy)).not.toContain('<w:b/>');
    expect(withFallbackFont(`${p('GwBody', '<w:r><w:t>埇</w:t></w:r>')}${p('GwTitle', '<w:r><w:t>埇</w:t></w:r>')}`, fallback, heavy).match(/<w:b\/>/g)).toHaveLength(1);
  });

  it('sets a title’s 埇 bold in the fallback face where 小标宋 is a GB 2312 face, and the same character in 仿宋 text plain', async () => {
    const config = defaultFontConfig();
    config.fang = { ...config.fang, name: '仿宋_GB2312' };
    const front = FRONT.replace('title: 测试县2020年', 'title: 宿州市埇桥区2020年');
    const dir = makeReport({ 'report.md': `${front}\n# 概述\n\n埇桥区政府信息公开工作。\n` });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(config), formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml']!;
    const runs = [...xml.matchAll(/<w:r>((?:(?!<\/w:r>).)*)<\/w:r>/g)].map((m) => m[1]!).filter((r) => r.includes('>埇<'));
    expect(runs).toHaveLength(2);
    expect(runs.map((r) => [r.includes(`w:eastAsia="${NOTO}"`), r.includes('<w:b/>')])).toEqual([[true, true], [true, false]]);
  });

  it('marks the fallback characters of a 一、 heading\'s contents entry bold, as the PDF strokes them (a review: TOC1 was left plain)', async () => {
    const config = defaultFontConfig();
    config.hei = { ...config.hei, name: '方正黑体_GBK' };
    const dir = makeReport({ 'report.md': `${FRONT.replace('---\n', '---\ntoc: true\n')}\n正文。\n\n# 堃华社区\n\n正文。\n` });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(config), formats: ['docx'] });
    const found = paragraphs(docxParts(outputs.docx!)['word/document.xml']).flatMap((p) =>
      [...p.xml.matchAll(/<w:r>((?:(?!<\/w:r>).)*)<\/w:r>/g)].filter((r) => r[1]!.includes('>堃<')).map((r) => `${p.style} ${r[1]!.includes('<w:b/>') ? 'bold' : 'plain'}`));
    expect(found.sort()).toEqual(['Heading1 bold', 'TOC1 bold']);
  });

  it('sets a title\'s 埇 in the fallback face, bold, where the title\'s face lacks it though 仿宋 has it in the source line and the body (a layout audit: it named no font in the title)', async () => {
    const front = FRONT.replace('title: 测试县2020年', 'title: 示例县埇桥区2020年').replace('organ: 测试县人民政府', 'organ: 示例县埇桥区人民政府');
    const { outputs } = await buildReport(makeReport({ 'report.md': `${front}\n# 概述\n\n埇桥区政府信息公开工作。\n` }), { fonts: openFontSet(), formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml']!;
    const found = paragraphs(xml).flatMap((p) =>
      [...p.xml.matchAll(/<w:r>((?:(?!<\/w:r>).)*)<\/w:r>/g)].filter((r) => r[1]!.includes('>埇<') || r[1]!.includes('埇')).map((r) => `${p.style} ${r[1]!.includes(`w:eastAsia="${NOTO}"`) ? 'Noto' : 'own'}${r[1]!.includes('<w:b/>') ? ' bold' : ''}`));
    expect(found).toEqual(['GwTitle Noto bold', 'GwSource own', 'GwBody own']);
  });

  it('leaves the 2021 sample’s 埇 堃 喆 to 仿宋 and its kin, which Windows has with them (a DOCX audit: Noto named on them, Word chose a face)', async () => {
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml']!;
    expect(xml).not.toContain(NOTO);
    expect(paragraphs(xml).some((p) => p.text.includes('副区长李喆任组长'))).toBe(true);
    // (a character beyond GB 18030-2000, 𠀀 in extension B, is still named: Windows' 仿宋 lacks it)
    const { wordFaceHas } = await import('../src/layout/word-faces.js');
    expect(['喆', '埇', '堃', '㐀', '𠀀'].map((c) => wordFaceHas('仿宋', c.codePointAt(0)!))).toEqual([true, true, true, true, false]);
    expect(wordFaceHas('仿宋_GB2312', '喆'.codePointAt(0)!)).toBe(false);
  });

  it('sets the 2021 sample’s 埇 堃 喆 in the fallback face and nothing else where the roles are GB2312 faces; the Shangqiu sample names no fallback font', async () => {
    const config = defaultFontConfig();
    for (const [role, name] of [['song', '宋体_GB2312'], ['hei', '黑体_GB2312'], ['fang', '仿宋_GB2312'], ['kai', '楷体_GB2312']] as const) config[role] = { ...config[role], name };
    const fonts = openFontSet(config);
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts, formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml']!;
    const runs = [...xml.matchAll(/<w:r>((?:(?!<\/w:r>).)*)<\/w:r>/g)].map((m) => m[1]!);
    const inFallback = runs.filter((r) => r.includes(`w:eastAsia="${NOTO}"`)).map((r) => /<w:t[^>]*>([^<]*)</.exec(r)?.[1]);
    expect(inFallback.sort()).toEqual(['喆', '埇', '堃'].sort());
    // the paragraphs read as before
    expect(paragraphs(xml).some((p) => p.text.includes('围绕埇口街道老旧小区改造、堃华社区养老服务中心建设'))).toBe(true);
    expect(paragraphs(xml).some((p) => p.text.includes('副区长李喆任组长'))).toBe(true);
    const shangqiu = await buildReport(SAMPLE, { fonts, formats: ['docx'] });
    expect(docxParts(shangqiu.outputs.docx!)['word/document.xml']).not.toContain(NOTO);
  });
});
