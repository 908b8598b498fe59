/** The editable Word draft: XML inside the DOCX. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { defaultFontConfig, openFontSet } from '../src/io/fonts.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SAMPLE } from './helpers/build.js';
import { docxParts, paragraphs, style } from './helpers/docx.js';
import { FRONT, makeReport } from './helpers/fixtures.js';

let parts: Record<string, string> = {};
let body: ReturnType<typeof paragraphs> = [];
beforeAll(async () => {
  const { outputs } = await buildReport(SAMPLE, { fonts: openFontSet(), formats: ['docx'] });
  parts = docxParts(outputs.docx!);
  body = paragraphs(parts['word/document.xml']);
});
const styles = () => parts['word/styles.xml'];
const find = (text: string) => {
  const p = body.find((b) => b.text.startsWith(text));
  if (!p) throw new Error(`no paragraph starting with ${text}`);
  return p;
};

describe('run-in headings', () => {
  it('keep their first line off a page\'s last line alone (widow/orphan control, off in the defaults), with and without a table of contents (a DOCX audit)', async () => {
    const runIn = find('1.加强标准建设，规范推进五公开。');
    expect(runIn.style).toBe('Heading3');
    expect(runIn.xml).toMatch(/<w:widowControl\/>/);
    expect(parts['word/styles.xml']).toContain('<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>');
    // body paragraphs keep the defaults: every page holds its 22 lines, as in the PDF
    expect(find('本报告根据').xml).not.toContain('<w:widowControl');
    // nor a keepNext of false, which Enter copied into what a reviewer typed (a DOCX workflow audit)
    expect(body.filter((p) => p.style === 'GwBody' && p.xml.includes('<w:keepNext w:val="false"/>')).map((p) => p.text.slice(0, 12))).toEqual([]);
    const dir = makeReport({ 'report.md': `${FRONT.replace(/---\n$/, 'toc: 3\n---\n')}# 总体情况\n\n## 公开情况\n\n### 加强政策解读。\n全年发布政策解读材料46篇。\n` });
    const withToc = paragraphs(docxParts((await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/document.xml']);
    const entry = withToc.find((p) => p.text.includes('加强政策解读。全年'))!;
    expect(entry.style).toBe('GwBody');
    expect(entry.xml).toMatch(/<w:widowControl\/>/);
  });
});

describe('page setup (twips)', () => {
  it('is A4 with the GB/T margins, the top one set so the text starts at 37 mm', () => {
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(parts['word/document.xml'])![0];
    expect(sect).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const mar = Object.fromEntries([...sect.matchAll(/w:(top|bottom|left|right|footer)="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    expect(mar.left).toBe(1587);                 // 28 mm
    expect(mar.right).toBe(1474);                // 26 mm
    // 37 mm less the 0.8-line baseline gap of an exact line (about 9 pt), and the same added below
    expect(mar.top).toBeGreaterThan(1880);
    expect(mar.top).toBeLessThan(1940);
    expect(mar.top + mar.bottom).toBe(2098 + 1984);
    // the 版心 holds exactly 22 lines of 579 twips
    const textHeight = 16838 - mar.top - mar.bottom;
    expect(Math.floor(textHeight / 579)).toBe(22);
    expect(sect).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
  });
});

describe('styles', () => {
  it('defines named styles for every element', () => {
    for (const [id, name] of [['GwTitle', '公文标题'], ['GwBody', '公文正文'], ['GwAttachmentNote', '公文附件说明'], ['GwAttachmentLabel', '公文附件标签'],
      ['GwAttachmentTitle', '公文附件标题'], ['GwTableText', '公文表格文字'], ['GwMeta', '公文信息块'], ['GwSource', '公文来源行']]) {
      expect(style(styles(), id)).toContain(`<w:name w:val="${name}"/>`);
    }
  });

  it('sets body text 三号 仿宋, justified, indented 2 characters, exact 579-twip lines, scaled to 28 characters', () => {
    const s = style(styles(), 'GwBody');
    expect(s).toContain('<w:rFonts w:ascii="仿宋" w:cs="仿宋" w:eastAsia="仿宋" w:hAnsi="仿宋"/>');
    expect(s).toContain('<w:sz w:val="32"/>');
    expect(s).toContain('<w:jc w:val="both"/>');
    expect(s).toMatch(/<w:ind w:firstLine="632" w:firstLineChars="200"\/>/);
    expect(s).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    expect(s).toContain('<w:w w:val="98"/>');
  });

  it('gives headings their faces and outline levels, never bold', () => {
    const want = [['Heading1', '黑体', 0], ['Heading2', '楷体', 1], ['Heading3', '仿宋', 2], ['Heading4', '仿宋', 3]] as const;
    for (const [id, font, level] of want) {
      const s = style(styles(), id);
      expect(s).toContain(`w:eastAsia="${font}"`);
      expect(s).toContain(`<w:outlineLvl w:val="${level}"/>`);
      expect(s).toContain('<w:b w:val="false"/>');
      expect(s).toContain('<w:sz w:val="32"/>');
    }
  });

  it('names an East Asian font and zh-CN in every style that sets a font', () => {
    const all = [...styles().matchAll(/<w:style [\s\S]*?<\/w:style>/g)].map((m) => m[0]).filter((s) => s.includes('<w:rFonts'));
    expect(all.length).toBeGreaterThanOrEqual(15);
    for (const s of all) {
      expect(s).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
      // zh-CN for Latin text too: see LANG in styles.ts (LibreOffice dropped a 。 with en-US)
      expect(s).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    }
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles())![0];
    expect(defaults).toContain('w:eastAsia="仿宋"');
    expect(defaults).toContain('w:eastAsia="zh-CN"');
  });

  it('turns off widow control, hanging punctuation and extra space around figures, in schema order', () => {
    const defaults = /<w:pPrDefault><w:pPr>([\s\S]*?)<\/w:pPr>/.exec(styles())![1];
    expect(defaults).toMatch(/^<w:widowControl w:val="0"\/><w:overflowPunct w:val="0"\/><w:autoSpaceDE w:val="0"\/><w:autoSpaceDN w:val="0"\/><w:spacing /);
  });

  it('sets the title 二号 in 方正小标宋简体, the table text 小四, off the line grid', () => {
    expect(style(styles(), 'GwTitle')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style(styles(), 'GwTitle')).toContain('<w:sz w:val="44"/>');
    expect(style(styles(), 'GwTableText')).toContain('<w:sz w:val="24"/>');
    expect(style(styles(), 'GwTableText')).toContain('<w:snapToGrid w:val="0"/>');
  });

  it('sets "目录" over a table of contents as the PDF does: 三号 黑体, centred, a grid line above the entries', async () => {
    const { outputs } = await buildReport(makeReport({ 'report.md': FRONT.replace('---\n', '---\ntoc: true\n') + '\n# 总体情况\n\n正文。\n' }),
      { fonts: openFontSet(), formats: ['docx'] });
    const docx = docxParts(outputs.docx!);
    expect(paragraphs(docx['word/document.xml']).find((p) => p.text === '目录')?.style).toBe('GwTocTitle');
    const toc = style(docx['word/styles.xml'], 'GwTocTitle');
    expect(toc).toContain('w:eastAsia="黑体"');
    expect(toc).toContain('<w:sz w:val="32"/>');
    expect(toc).toContain('<w:jc w:val="center"/>');
    expect(toc).toMatch(/<w:spacing w:after="579" w:before="0" w:line="579" w:lineRule="exact"\/>/);
  });

  it('goes on in body text after Enter at a heading, the title, the source line or an attachment\'s label or title (a DOCX audit)', () => {
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Heading4', 'GwTitle', 'GwSource', 'GwTocTitle', 'Title', 'Heading5', 'Heading6', 'GwAttachmentLabel', 'GwAttachmentTitle']) {
      expect(style(styles(), id), id).toContain('<w:next w:val="GwBody"/>');
    }
  });

  it('sets docx\'s own Title and Heading 5–6, which Word\'s gallery offers, as the 公文 title and fourth level (black, no 28 pt)', () => {
    expect(style(styles(), 'Title')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style(styles(), 'Title')).toContain('<w:sz w:val="44"/>');
    for (const id of ['Heading5', 'Heading6']) {
      expect(style(styles(), id), id).toContain('w:eastAsia="仿宋"');
      expect(style(styles(), id), id).toContain('<w:color w:val="000000"/>');
    }
  });

  it('scales only 三号 text to the grid (98 %); every other size says 100 %, not inheriting the defaults\' 98', () => {
    for (const id of ['GwBody', 'Heading1', 'GwAttachmentNote']) expect(style(styles(), id), id).toContain('<w:w w:val="98"/>');
    for (const id of ['GwTitle', 'GwTableText', 'GwTableText5', 'GwPageNumber', 'GwSource']) expect(style(styles(), id), id).toContain('<w:w w:val="100"/>');
  });

  it('names every face it uses in its font table as a Chinese one (charset 86), with its usual Latin name', () => {
    const fonts = [...parts['word/fontTable.xml']!.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].map((m) => [m[1], m[2]]);
    expect(fonts.map(([name]) => name).sort()).toEqual(['仿宋', '宋体', '方正小标宋简体', '楷体', '黑体'].sort());
    for (const [name, xml] of fonts) expect(xml, name).toContain('<w:charset w:val="86"/>');
    expect(fonts.find(([name]) => name === '仿宋')![1]).toContain('<w:altName w:val="FangSong"/>');
  });

  it('has Word\'s 要点 (Strong) as a character style, which bolds a word, not its paragraph', () => {
    expect(style(styles(), 'Strong')).toBe('<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>');
  });

  it('makes the document\'s defaults, Word\'s 正文 (Normal), the body text: indented two characters, justified, 98 %', () => {
    const run = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(styles())![1];
    expect(run).toContain('<w:w w:val="98"/>');
    expect(run).toContain('<w:sz w:val="32"/>');
    const paragraph = /<w:pPrDefault>([\s\S]*?)<\/w:pPrDefault>/.exec(styles())![1];
    expect(paragraph).toContain('<w:ind w:firstLine="632" w:firstLineChars="200"/>');
    expect(paragraph).toContain('<w:jc w:val="both"/>');
    expect(style(styles(), 'Normal')).toBe('<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/></w:style>');
  });

  it('sets the table of contents\' entries on the grid in their headings\' faces, the field ending in the last entry', async () => {
    const { outputs } = await buildReport(makeReport({ 'report.md': FRONT.replace('---\n', '---\ntoc: true\n') + '\n# 总体情况\n\n## 主动公开\n\n正文。\n' }),
      { fonts: openFontSet(), formats: ['docx'] });
    const docx = docxParts(outputs.docx!);
    for (const [level, face] of [[1, '黑体'], [2, '楷体'], [3, '仿宋'], [4, '仿宋']] as const) {
      const toc = style(docx['word/styles.xml'], `TOC${level}`);
      expect(toc, `TOC${level}`).toContain(`w:eastAsia="${face}"`);
      expect(toc).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    }
    expect(docx['word/styles.xml'].match(/w:styleId="TOC1"/g)).toHaveLength(1); // docx's own replaced
    const content = /<w:sdtContent>([\s\S]*?)<\/w:sdtContent>/.exec(docx['word/document.xml'])![1];
    const entries = paragraphs(content);
    expect(entries.map((p) => p.style)).toEqual(['TOC1', 'TOC2']); // no paragraph of its own for the field's end
    expect(entries[1]!.xml).toMatch(/<\/w:hyperlink><w:r><w:fldChar w:fldCharType="end"\/><\/w:r><\/w:p>$/);
  });

  it('uses the font names an office configures', async () => {
    const config = defaultFontConfig();
    config.fang = { ...config.fang, name: '仿宋_GB2312' };
    const { outputs } = await buildReport(makeReport({ 'report.md': `${FRONT}\n正文。\n` }), { fonts: openFontSet(config), formats: ['docx'] });
    expect(style(docxParts(outputs.docx!)['word/styles.xml'], 'GwBody')).toContain('w:eastAsia="仿宋_GB2312"');
  });
});

describe('content', () => {
  it('writes section numbers as literal text in heading styles', () => {
    expect(find('一、概述').style).toBe('Heading1');
    expect(find('（一）主要领导高度重视，全面推进政务公开').style).toBe('Heading2');
    expect(find('七、附表').style).toBe('Heading1');
    expect(body.some((p) => p.xml.includes('<w:numPr>'))).toBe(false);
  });

  it('runs in level-3 headings, in their heading style without a table of contents (with one: archival.test.ts)', () => {
    const p = find('1.加强标准建设，规范推进五公开。严格落实');
    expect(p.style).toBe('Heading3');
    expect(p.xml).toContain('<w:keepNext w:val="false"/>');
    expect(p.xml).not.toContain('TC ');
  });

  it('sets the information block at 37 mm and pads it to whole grid lines (rows of 290 twips, the first lower, and a spacer)', async () => {
    // the first row starts lower by the difference between where a 三号 line's characters start
    // (the top margin is set for those) and where a 小四 line's do: 0.8 × 28.95 − 0.88 × 16 against
    // 0.8 × 14.5 − 0.88 × 12, 8.04 pt, so the block prints at 37 mm as in the PDF
    const drop = Math.round((0.8 * 28.95 - 0.88 * 16 - (0.8 * 14.5 - 0.88 * 12)) * 20);
    expect(drop).toBe(161);
    const check = (xml: string, rows: number) => {
      const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
      expect(table.match(/<w:tr>/g)).toHaveLength(rows);
      const tops = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => Number(/<w:tcMar><w:top w:type="dxa" w:w="(\d+)"\/>/.exec(r[1])![1]));
      expect(tops).toEqual([drop, ...Array(rows - 1).fill(0)]);
      const spacer = Number(/<w:pStyle w:val="GwMeta"\/><w:spacing w:line="(\d+)" w:lineRule="exact"\/>/.exec(xml)![1]);
      expect(style(styles(), 'GwMeta')).toContain('w:line="290"');
      expect(rows * 290 + drop + spacer).toBe((Math.ceil(rows / 2) + 1) * 579);
    };
    // (the Shangqiu sample has none: its page gives none of the catalogue's fields)
    expect(parts['word/document.xml']).not.toContain('<w:pStyle w:val="GwMeta"/>');
    const two = await buildReport(makeReport({ 'report.md': FRONT.replace('---\n', '---\nindex_no: CS-2021-001\n') + '\n正文。\n' }), { fonts: openFontSet(), formats: ['docx'] });
    check(docxParts(two.outputs.docx!)['word/document.xml'], 2);
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml'];
    check(xml, 3);
    // the editor line stays with the QR code below it, the code with its caption
    const end = paragraphs(xml).slice(-3);
    expect(end[0].text).toBe('责任编辑：王小明');
    expect(end[0].xml).toContain('<w:keepNext/>');
    expect(end[1].xml).toContain('<w:drawing>');
    expect(end[1].xml).toContain('<w:keepNext/>');
  });

  it('has the title and source line, and no information block where the report gives none of its own fields (an audit of the sample: the published page has none)', async () => {
    expect(paragraphs(parts['word/document.xml'])[0]!.text).toBe('商丘市2017年政府信息公开年度工作报告');
    expect(parts['word/document.xml']).not.toContain('发布机构');
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const meta = paragraphs(docxParts(outputs.docx!)['word/document.xml']).filter((p) => p.style === 'GwMeta').map((p) => p.text);
    expect(meta).toEqual(['索引号：QH-2022-00015', '分类：政府信息公开年报', '发布机构：示例市清河区人民政府', '发布日期：2022年1月20日', '有效性：有效', '']);
    expect(find('商丘市2017年政府信息公开年度工作报告').style).toBe('GwTitle');
    expect(find('来源：商丘市政府　　时间：2018年3月27日 15:59').style).toBe('GwSource');
  });

  it('sets bold text in 黑体 and emphasis in 楷体, as direct run fonts', async () => {
    const { outputs } = await buildReport(makeReport({ 'report.md': `${FRONT}\n正文**重点**和*强调*。\n` }), { fonts: openFontSet(), formats: ['docx'] });
    const p = paragraphs(docxParts(outputs.docx!)['word/document.xml']).find((x) => x.text.startsWith('正文'))!;
    expect(p.xml).toMatch(/<w:rFonts [^>]*w:eastAsia="黑体"[^>]*\/><\/w:rPr><w:t[^>]*>重点/);
    expect(p.xml).toMatch(/<w:rFonts [^>]*w:eastAsia="楷体"[^>]*\/><\/w:rPr><w:t[^>]*>强调/);
  });
});

describe('the end of the document', () => {
  it('ends the 2014 form\'s attachment table with a paragraph of 1 pt off the grid, not the table: Word adds one of a 三号 line, a blank page where the table fills its page (DOCX audit)', async () => {
    // (the sample without its note under the table, which is the paragraph that ends it then: table-note.test.ts)
    const sample = (f: string) => readFileSync(path.join(SAMPLE, f), 'utf8');
    const dir = makeReport({ 'report.md': sample('report.md').replace(/^  note: .*\n/m, ''), 'statistics.yaml': sample('statistics.yaml') });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] });
    const xml = docxParts(outputs.docx!)['word/document.xml'];
    const tail = xml.slice(xml.lastIndexOf('</w:tbl>'), xml.indexOf('<w:sectPr'));
    expect(tail).toBe('</w:tbl><w:p><w:pPr><w:pStyle w:val="GwTableText"/><w:spacing w:after="0" w:before="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>');
    expect(styles()).toMatch(/<w:style [^>]*w:styleId="GwTableText"[^>]*>[\s\S]*?<w:snapToGrid w:val="0"\/>/);
  });

  it('defines every style another is based on: Word\'s default character style, which docx\'s Hyperlink names (DOCX audit)', () => {
    const ids = new Set([...styles().matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
    const based = [...styles().matchAll(/<w:basedOn w:val="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(based).toContain('DefaultParagraphFont');
    expect(based.filter((id) => !ids.has(id))).toEqual([]);
    expect(styles()).toContain('<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>');
  });
});

describe('footers', () => {
  it('turns on odd/even footers: "— PAGE —" right on odd pages, left on even pages', () => {
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const rels = parts['word/_rels/document.xml.rels'];
    const target = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(rId\\d+)"`).exec(parts['word/document.xml'])![1];
      return parts[`word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]}`];
    };
    const odd = target('default');
    const even = target('even');
    for (const f of [odd, even]) {
      expect(f).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*<w:instrText xml:space="preserve">PAGE<\/w:instrText>[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
      expect(f).toContain('<w:pStyle w:val="GwPageNumber"/>');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toContain('w:right="280"');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toContain('w:left="280"');
    const pn = style(styles(), 'GwPageNumber');
    expect(pn).toContain('w:eastAsia="宋体"');
    expect(pn).toContain('<w:sz w:val="28"/>');
  });
});

describe('attachment', () => {
  it('notes the attachment after the body and starts it on a new page', () => {
    expect(find('附件：2017年商丘市政府信息公开工作情况统计表').style).toBe('GwAttachmentNote');
    const label = body.find((p) => p.text === '附件')!;
    expect(label.style).toBe('GwAttachmentLabel');
    expect(label.xml).toContain('<w:pageBreakBefore/>');
    const i = body.indexOf(label);
    expect(body[i + 2].style).toBe('GwAttachmentTitle'); // line 3
    expect(body[i + 2].text).toBe('2017年商丘市政府信息公开工作情况统计表');
  });

  it('hangs a wrapped attachment note under the first character of the name, as the PDF does', () => {
    const note = find('附件：2017年商丘市政府信息公开工作情况统计表');
    // left = 2 characters of indent + 3 of "附件：", the first line hanging back by those 3
    const chars = (n: number) => Math.round((n * 156 * 72 / 25.4 / 28) * 20);
    expect(note.xml).toContain(`<w:ind w:left="${chars(2) + chars(3)}" w:hanging="${chars(3)}" w:firstLineChars="0"/>`);
  });

  it('keeps the body\'s last line with the 附件说明 and the editor line, as the PDF does (Word keeps a paragraph\'s last line with the next)', async () => {
    // the Shangqiu sample's front matter (its editor, its 2014 statistics as the attachment), a body ending in a paragraph
    const sample = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
    const dir = makeReport({ 'report.md': `${sample.slice(0, sample.indexOf('\n---\n', 4) + 5)}\n# 概述\n\n第一段。\n\n最后一段。\n`, 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') });
    const ps = paragraphs(docxParts((await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/document.xml']);
    const at = ps.findIndex((p) => p.text.startsWith('附件：'));
    expect(ps[at - 1]!.text).toBe('最后一段。');
    expect(ps[at - 1]!.xml).toContain('<w:keepNext/>');
    expect(ps[at - 2]!.xml).not.toContain('<w:keepNext/>');
    expect(ps[at]!.xml).toContain('<w:keepNext/>'); // with 责任编辑 below it
    expect(ps[at + 1]!.text).toBe('责任编辑：李瑞');
    // a last heading with nothing under it (# 附表, as the Shangqiu report ends) takes the paragraph above it along
    const bare = makeReport({ 'report.md': `${sample.slice(0, sample.indexOf('\n---\n', 4) + 5)}\n# 概述\n\n第一段。\n\n最后一段。\n\n# 附表\n`, 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') });
    const withHeading = paragraphs(docxParts((await buildReport(bare, { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/document.xml']);
    const heading = withHeading.findIndex((p) => p.text === '二、附表');
    expect(withHeading[heading + 1]!.text).toMatch(/^附件：/);
    expect(withHeading[heading - 1]!.text).toBe('最后一段。');
    expect(withHeading[heading - 1]!.xml).toContain('<w:keepNext/>');
    expect(withHeading[heading - 2]!.xml).not.toContain('<w:keepNext/>');
    // without end matter, the last paragraph keeps with nothing
    const { outputs } = await buildReport(makeReport({ 'report.md': `${FRONT}\n第一段。\n\n最后一段。\n` }), { fonts: openFontSet(), formats: ['docx'] });
    const last = paragraphs(docxParts(outputs.docx!)['word/document.xml']).filter((p) => p.text === '最后一段。')[0]!;
    expect(last.xml).not.toContain('<w:keepNext/>');
  });

  it('sets a line break inside a paragraph or a list item as a break, as the PDF does (a raw newline showed as a space)', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n联系电话：0000-6612345\\\n电子邮箱：a@example.com。\n\n1. 完善制度建设。\n　　建立健全保密审查制度。\n` });
    const xml = docxParts((await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/document.xml'];
    expect(xml).not.toMatch(/<w:t[^>]*>[^<]*\n/);
    const para = (start: string) => paragraphs(xml).find((p) => p.text.startsWith(start))!;
    const between = (start: string, a: string, b: string) => { const x = para(start).xml; return x.slice(x.indexOf(a), x.indexOf(b)); };
    expect(between('联系电话', '0000-6612345', '电子邮箱').match(/<w:br\/>/g)).toHaveLength(1);
    expect(between('1.完善制度建设', '完善制度建设。', '建立健全').match(/<w:br\/>/g)).toHaveLength(1);
    // the line before a break is not spread over the justified line, as in the PDF (DOCX audit:
    // 示 例 县 政 通 路 1 号 in LibreOffice, as Word sets it without the setting), first in w:compat (CT_Compat)
    const settings = docxParts((await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!)['word/settings.xml'];
    expect(settings).toMatch(/<w:compat><w:doNotExpandShiftReturn\/><w:compatSetting w:val="15" w:name="compatibilityMode"/);
  });

  it('links web and e-mail addresses as the PDF does, with fixed relationship ids, in the text\'s own look', async () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n见网站（www.example.gov.cn/gk/）、**https://example.com/a?b=1**，邮箱：a.b@example.com。\n` });
    const build = async () => docxParts((await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] })).outputs.docx!);
    const parts = await build();
    const p = paragraphs(parts['word/document.xml']).find((x) => x.text.startsWith('见网站'))!;
    expect(p.text).toBe('见网站（www.example.gov.cn/gk/）、https://example.com/a?b=1，邮箱：a.b@example.com。');
    const links = [...p.xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)];
    expect(links.map((m) => m[1])).toEqual(['rIdL1', 'rIdL2', 'rIdL3']);
    expect(links.map((m) => [...m[2].matchAll(/<w:t[^>]*>([^<]*)</g)].map((t) => t[1]).join(''))).toEqual(['www.example.gov.cn/gk/', 'https://example.com/a?b=1', 'a.b@example.com']);
    // no hyperlink style: blue and underlined in print, where the PDF shows the text as typed
    expect(p.xml).not.toMatch(/Hyperlink|<w:u |<w:color /);
    // the bold address keeps its face inside the link
    expect(links[1]![2]).toMatch(/w:eastAsia="黑体"/);
    const rels = parts['word/_rels/document.xml.rels'];
    const target = (id: string) => new RegExp(`Id="${id}" Type="[^"]+/hyperlink" Target="([^"]+)" TargetMode="External"`).exec(rels)?.[1];
    expect(['rIdL1', 'rIdL2', 'rIdL3'].map(target)).toEqual(['http://www.example.gov.cn/gk/', 'https://example.com/a?b=1', 'mailto:a.b@example.com']);
    // docx names them at random: the same report gives the same bytes again
    const again = await build();
    expect(again['word/document.xml']).toBe(parts['word/document.xml']);
    expect(again['word/_rels/document.xml.rels']).toBe(rels);
  });

  it('keeps a breaking statistics table\'s header rows and first row with the rows below (表三)', async () => {
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const doc = docxParts(outputs.docx!)['word/document.xml'];
    const t3 = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('申请人情况'))!;
    const rows = [...t3.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    const headerRows = rows.filter((r) => r.includes('<w:tblHeader/>')).length;
    expect(headerRows).toBeGreaterThan(0);
    // every paragraph of the header rows and of the first row keeps with the next; the second row's do not all
    for (const row of rows.slice(0, headerRows + 1)) {
      for (const p of row.match(/<w:p>[\s\S]*?<\/w:p>/g)!.filter((x) => x.includes('w:pStyle'))) expect(p).toContain('<w:keepNext/>');
    }
    expect(rows[headerRows + 1]!.match(/<w:p>[\s\S]*?<\/w:p>/g)!.filter((x) => x.includes('w:pStyle')).every((p) => p.includes('<w:keepNext/>'))).toBe(false);
  });

  it('writes the statistics table with fixed widths and a repeated header row', () => {
    const doc = parts['word/document.xml'];
    const table = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('统计指标'))!;
    expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    const cols = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(cols).toHaveLength(3);
    expect(8844 - cols.reduce((a, b) => a + b)).toBeLessThan(3);
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows).toHaveLength(1 + 65);
    for (const r of rows) for (const w of r.matchAll(/<w:tcW w:type="(\w+)"/g)) expect(w[1]).toBe('dxa');
    expect(table).toMatch(/（一）收到申请数[\s\S]*?件[\s\S]*?301/);
  });
});

describe('core properties', () => {
  it('has title, creator, subject, keywords, description, and dates from the report', () => {
    const core = parts['docProps/core.xml'];
    expect(core).toContain('<dc:title>商丘市2017年政府信息公开年度工作报告</dc:title>');
    expect(core).toContain('<dc:creator>商丘市人民政府</dc:creator>');
    expect(core).toContain('<dc:subject>商丘市人民政府2017年政府信息公开工作年度报告</dc:subject>');
    expect(core).toContain('<cp:keywords>商丘市, 政府信息公开, 年度报告, 2017年</cp:keywords>');
    expect(core).toMatch(/<dc:description>商丘市2017年政府信息公开年度工作报告（商丘市政府，2018年3月27日）<\/dc:description>/);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2018-03-27T07:59:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2018-03-27T07:59:00Z</dcterms:modified>');
  });
});
