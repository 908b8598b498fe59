/** Archival output: PDF/A-2b metadata, reproducible bytes in any time zone, bookmarks, table of contents. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildReport, tocHint } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT, SAMPLE } from './helpers/build.js';
import { FRONT, makeReport } from './helpers/fixtures.js';
import { linesOf, MM, readPdf } from './helpers/pdf.js';
import { docxParts, paragraphs } from './helpers/docx.js';
import { pageContents } from './helpers/pdf-content.js';

const fonts = openFontSet();
const pdfOf = async (dir: string, pdfa = false) => (await buildReport(dir, { fonts, formats: ['pdf'], pdfa })).outputs.pdf!;
const xmpOf = (pdf: Buffer) => /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(pdf.toString('utf8'))?.[0];

describe('PDF/A-2b', () => {
  it('writes PDF 1.7 with pdfaid part 2 / B and the same metadata as the Info dictionary', async () => {
    const pdf = await pdfOf(SAMPLE, true);
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.7');
    const xmp = xmpOf(pdf)!;
    const field = (re: RegExp) => re.exec(xmp)?.[1];
    expect(field(/<pdfaid:part>(\d)<\/pdfaid:part>/)).toBe('2');
    expect(field(/<pdfaid:conformance>(\w)<\/pdfaid:conformance>/)).toBe('B');
    expect(field(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)</)).toBe('商丘市2017年政府信息公开年度工作报告');
    expect(field(/<dc:creator>\s*<rdf:Seq>\s*<rdf:li>([^<]*)</)).toBe('商丘市人民政府');
    expect(field(/<dc:description>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)</)).toBe('商丘市人民政府2017年政府信息公开工作年度报告');
    expect(field(/<pdf:Keywords>([^<]*)</)).toBe('商丘市, 政府信息公开, 年度报告, 2017年');
    expect(field(/<xmp:CreateDate>([^<]*)</)).toBe('2018-03-27T07:59:00Z');
    expect(xmp).not.toContain('ModifyDate');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/OutputIntents');
    expect(raw).toContain('/GTS_PDFA1');
    expect(raw).not.toContain('/ModDate');
    // PDF/A-2b asks for no tags, and pdfmake writes no marked content: the file does not claim to be
    // tagged (a /MarkInfo /Marked true over an empty structure tree reads as a broken tagged PDF)
    // the metadata stream's dictionary: /Type /Metadata /Subtype /XML /Length, no lower-case /length (pdfkit's)
    expect(raw).toMatch(/\/Type \/Metadata\n\/Subtype \/XML\n\/Length \d+\n>>/);
    expect(raw).not.toMatch(/\/length \d/);
    expect(raw).not.toContain('/MarkInfo');
    expect(raw).not.toContain('/StructTreeRoot');
    const meta = await (await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise).getMetadata();
    const info = meta.info as Record<string, unknown>;
    expect(info.Title).toBe('商丘市2017年政府信息公开年度工作报告');
    expect(info.Author).toBe('商丘市人民政府');
    expect(info.Subject).toBe('商丘市人民政府2017年政府信息公开工作年度报告');
    expect(info.Keywords).toBe('商丘市, 政府信息公开, 年度报告, 2017年');
    expect(info.CreationDate).toBe('D:20180327075900Z');
  });

  it('writes a plain PDF as 1.4 (its /Lang and opacity are 1.4 features) with compact XMP metadata', async () => {
    const pdf = await pdfOf(SAMPLE);
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.4');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Lang \(zh-CN\)/);
    expect(raw).toMatch(/\/ViewerPreferences \d+ 0 R/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Metadata \d+ 0 R/);
    expect(raw).not.toContain('/GTS_PDFA1');
    const xmp = xmpOf(pdf)!;
    expect(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)</.exec(xmp)?.[1]).toBe('商丘市2017年政府信息公开年度工作报告');
    expect(xmp).not.toContain('pdfaid');
    // no indentation between elements: the packet is written uncompressed
    expect(xmp).not.toMatch(/>\s*\n\s*\n/);
    expect(xmp).not.toMatch(/\n /);
    const length = Number(/\/Type \/Metadata\n\/Subtype \/XML\n\/Length (\d+)\n>>\nstream\n/.exec(raw)?.[1]);
    const start = raw.indexOf('<?xpacket begin');
    expect(pdf.subarray(start, start + length).toString('utf8')).toMatch(/<\?xpacket end="w"\?>$/);
  });

  it('stops a keyword or a title with a control character (a keyword typed with one made the XMP packet no XML; since, no field holds one)', async () => {
    const dir = makeReport({ 'report.md': FRONT.replace('---\n', '---\nkeywords: ["政务\\v公开", "\\u0001年报"]\n') + '\n正文。\n' });
    await expect(pdfOf(dir)).rejects.toThrow(/report\.md:2: a control character \(U\+000B\)[\s\S]*report\.md:2: a control character \(U\+0001\)/);
    const title = makeReport({ 'report.md': FRONT.replace('title: 测试县2020年政府信息公开工作年度报告', 'title: "测试县2020年\\f政府信息公开工作年度报告"') + '\n正文。\n' });
    await expect(pdfOf(title)).rejects.toThrow(/report\.md:2: a control character \(U\+000C\)/);
  });

  it('escapes & < > in the XMP while the Info dictionary keeps them', async () => {
    // (one " alone: a pair beside Chinese text would print as “ ”)
    const dir = makeReport({ 'report.md': FRONT.replace('title: 测试县2020年政府信息公开工作年度报告', 'title: "关于A&B<测试>的\\"报告"') + '\n正文。\n' });
    const pdf = await pdfOf(dir, true);
    const xmp = xmpOf(pdf)!;
    expect(xmp).toContain('关于A&amp;B&lt;测试&gt;的&quot;报告');
    // well-formed: every & starts an entity
    expect(xmp.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/[&]/);
    const meta = await (await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise).getMetadata();
    expect((meta.info as Record<string, unknown>).Title).toBe('关于A&B<测试>的"报告');
  });
});

describe('reproducible output', () => {
  const build = (tz: string, env: Record<string, string> = {}) => {
    const out = mkdtempSync(path.join(tmpdir(), `gongwen-tz-`));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', SAMPLE, path.join(ROOT, 'content/sample-2021'), '--out', out],
      { cwd: ROOT, env: { ...process.env, TZ: tz, ...env }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return Object.fromEntries(readdirSync(out).sort().filter((f) => f !== '.gongwen').map((f) => [f, createHash('sha256').update(readFileSync(path.join(out, f))).digest('hex')]));
  };

  it('gives byte-identical PDF and DOCX in separate processes, TZ=UTC and TZ=Asia/Shanghai', () => {
    const utc = build('UTC');
    const shanghai = build('Asia/Shanghai');
    expect(Object.keys(utc)).toEqual(['sample-2021.docx', 'sample-2021.pdf', 'shangqiu-2017.docx', 'shangqiu-2017.pdf']);
    expect(shanghai).toEqual(utc);
  });

  it('takes the date from SOURCE_DATE_EPOCH when it is set', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'gongwen-sde-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', SAMPLE, '--out', out],
      { cwd: ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const pdf = readFileSync(path.join(out, 'shangqiu-2017.pdf'));
    const meta = await (await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise).getMetadata();
    expect((meta.info as Record<string, unknown>).CreationDate).toBe('D:20231114221320Z');
    expect(docxParts(readFileSync(path.join(out, 'shangqiu-2017.docx')))['docProps/core.xml']).toContain('>2023-11-14T22:13:20Z</dcterms:created>');
  });
});

describe('navigation', () => {
  it('has a bookmark for every heading, nested by level, and the attachment', async () => {
    const pdf = await pdfOf(SAMPLE);
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual([
      '一、概述', '二、政府信息主动公开情况', '三、依申请公开政府信息及收费情况', '四、回应社会关注和政策解读情况',
      '五、行政复议、行政诉讼和举报投诉情况', '六、存在的问题和改进措施', '七、附表', '附件：2017年商丘市政府信息公开工作情况统计表',
    ]);
    expect(outline[0].items).toHaveLength(6);
    expect(outline[5].items.map((o) => o.title)).toEqual(['（一）存在的不足', '（二）2018年改进措施']);
    expect(outline[5].items[1].items.map((o) => o.title)).toEqual(['1.加强标准建设，规范推进五公开', '2.完善目录建设，聚力公开重点', '3.进一步提升依申请公开依法规范水平', '4.加强组织领导，强化培训督查']);
    // each bookmark jumps to its heading's line, not to the top of the page
    const { pages } = await readPdf(pdf);
    const dest = outline[0].dest as unknown[];
    const pageIndex = await doc.getPageIndex(dest[0] as { num: number; gen: number });
    const top = 841.89 - (dest[3] as number);
    const line = pages[pageIndex].items.find((i) => i.str.startsWith('一'))!;
    expect(line.baseline - top).toBeGreaterThan(0);
    expect(line.baseline - top).toBeLessThan(16);
    expect(pdf.toString('latin1')).toContain('/PageMode /UseOutlines');
  });

  it('lists the named destinations in byte order (PDF 32000-1 §7.9.6), not by locale', async () => {
    const pdf = (await pdfOf(SAMPLE)).toString('latin1');
    const keys = [...pdf.matchAll(/\((attachment\d+|h\d+)\)\s*\[/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(15);
    expect(keys).toEqual([...keys].sort());
    expect(keys.slice(0, 4)).toEqual(['attachment1', 'h1', 'h10', 'h11']);
    // pdfkit's name-tree class now compares code units: "B" (0x42) before "a" (0x61)
    const tree = (new PDFDocument() as unknown as { _root: { data: { Names: { data: { Dests: object } } } } })._root.data.Names.data.Dests;
    const sorted = ['a', 'B', 'b', 'A'].sort((Object.getPrototypeOf(tree) as { _compareKeys(a: string, b: string): number })._compareKeys);
    expect(sorted).toEqual(['A', 'B', 'a', 'b']);
  });

  it('lists only the heading levels toc: N asks for, in the PDF and the DOCX; refuses other values', async () => {
    const text = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace('keywords:', 'toc: 1\nkeywords:');
    const dir = makeReport({ 'report.md': text, 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') }, 'toc1');
    const { pages } = await readPdf(await pdfOf(dir));
    const first = pages[0].items.map((i) => i.str).join('').replace(/\s+/g, '');
    expect(first).toMatch(/目录一、概述\d+二、政府信息主动公开情况\d+/); // no （一） between them
    const docx = docxParts((await buildReport(dir, { fonts, formats: ['docx'] })).outputs.docx!);
    expect(docx['word/document.xml']).toMatch(/> TOC \\o &quot;1-1&quot; \\l &quot;1-1&quot; \\h </);
    expect(paragraphs(docx['word/document.xml']).filter((p) => /^TOC\d$/.test(p.style)).every((p) => p.style === 'TOC1')).toBe(true);
    for (const bad of ['toc: 5', 'toc: 0', 'toc: 是']) {
      await expect(buildReport(makeReport({ 'report.md': text.replace('toc: 1', bad), 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') }), { fonts, formats: ['pdf'] }))
        .rejects.toThrow(/field "toc" \(目录\) must be true, false, or the heading levels to list, 1 to 4/);
    }
  });

  it('warns where the table of contents fills page 1, which must show body text (GB/T 9704 7.3.3); an error under --strict', async () => {
    const text = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8');
    const stats = readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8');
    const full = makeReport({ 'report.md': text.replace('keywords:', 'toc: true\nkeywords:'), 'statistics.yaml': stats }, 'toc-full');
    const { warnings } = await buildReport(full, { fonts, formats: ['pdf'] });
    const toc = warnings.find((w) => w.message === 'the table of contents fills page 1, so the body starts on page 2; GB/T 9704 7.3.3 has page 1 show body text');
    // the levels that leave room named, from where the rows landed (it had asked for one level less
    // at a time: toc: 3, then 2); and they do
    expect(toc?.hint).toBe('list fewer levels: toc: 2 leaves page 1 room for body text (15 entries), or leave the contents out (toc: false)');
    const two = makeReport({ 'report.md': text.replace('keywords:', 'toc: 2\nkeywords:'), 'statistics.yaml': stats }, 'toc-two');
    expect((await buildReport(two, { fonts, formats: ['pdf'] })).warnings.some((w) => w.message.includes('fills page 1'))).toBe(false);
    // under --strict an error (the 2021 sample, which has no other warning, with two levels listed)
    const sample21 = path.join(ROOT, 'content/sample-2021');
    const strict = makeReport({ 'report.md': readFileSync(path.join(sample21, 'report.md'), 'utf8').replace(/^year: 2021$/m, 'year: 2021\ntoc: 2'), 'statistics.yaml': readFileSync(path.join(sample21, 'statistics.yaml'), 'utf8') }, 'toc-strict');
    await expect(buildReport(strict, { fonts, formats: ['pdf', 'docx'], strict: true })).rejects.toThrow(/the table of contents fills page 1[\s\S]*fix: list fewer levels: toc: 1 leaves page 1 room for body text \(6 entries, the 一、 headings\), or leave the contents out/);
    // where even the 一、 headings fill it, the contents are to go
    const many = Array.from({ length: 24 }, (_, k) => `# 第${k + 1}部分工作情况\n\n## 第${k + 1}部分的小标题\n\n第${k + 1}部分的正文。\n`).join('\n');
    const crowded = makeReport({ 'report.md': `${FRONT.replace('---\n', '---\ntoc: 2\n')}\n${many}` }, 'toc-crowded');
    const hint = (await buildReport(crowded, { fonts, formats: ['pdf'] })).warnings.find((w) => w.message.includes('fills page 1'))?.hint;
    expect(hint).toBe('leave the contents out (toc: false): even the 一、 headings alone fill page 1');
  });

  it('names the levels that leave page 1 room from where the contents\' rows landed, a wrapped entry counted by its lines', () => {
    const row = (level: number, page: number, lines = 1) => ({ level, page, lines });
    // 16 lines on page 1: 3 for the body, 13 for the contents
    const rows = [...Array.from({ length: 4 }, () => [row(1, 1), row(2, 1), row(3, 1), row(3, 1)]).flat(), row(1, 2), row(2, 2), row(3, 2)];
    expect(tocHint(rows)).toBe('list fewer levels: toc: 2 leaves page 1 room for body text (10 entries), or leave the contents out (toc: false)');
    // one entry of level 2 on page 2 over four lines (page 1 holds one line less of the contents):
    // the ten entries take thirteen lines, one too many
    rows[1] = row(2, 2, 4);
    expect(tocHint(rows)).toBe('list fewer levels: toc: 1 leaves page 1 room for body text (5 entries, the 一、 headings), or leave the contents out (toc: false)');
  });

  it('hangs a wrapped entry under its text, puts its page number on its last line after a dot leader, and links every entry to its heading', async () => {
    const text = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace('keywords:', 'toc: 2\nkeywords:')
      .replace('## 加强网站内容建设,全面提升政府网上服务能力', '## 加强网站内容建设,全面提升政府网上服务能力和网上办事水平')
      .replace('## 存在的不足', '## 深入推进政务公开标准化规范化建设全面提升基层政');
    const dir = makeReport({ 'report.md': text, 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') }, 'toc-wrap');
    const pdf = await pdfOf(dir);
    const { pages } = await readPdf(pdf);
    const lines = linesOf(pages[0]);
    const k = lines.findIndex((l) => l.text.replace(/\s+/g, '').startsWith('（六）加强网站内容建设'));
    const [first, second] = [lines[k]!, lines[k + 1]!];
    // the first line fills the entry's column and holds no page number
    expect(first.text.replace(/\s+/g, '')).toBe('（六）加强网站内容建设，全面提升政府网上服务能力和');
    // the second starts under 加, three full-width characters (（六）, 156 / 28 mm each) in from the entry's start
    expect(second.text.replace(/\s+/g, '')).toMatch(/^网上办事水平\d+$/);
    expect(second.x - first.x).toBeCloseTo((3 * 156 * MM) / 28, 1);
    // the page number on the last line, its right edge on the text block's (28 + 156 mm)
    const number = second.items.at(-1)!;
    expect(number.str).toMatch(/^\d+$/);
    expect(number.x + number.width).toBeCloseTo(184 * MM, 1);
    // one grid line below the first, as every entry is from the one before
    expect((second.baseline - first.baseline) / ((225 * MM) / 22)).toBeCloseTo(1, 2);
    // every link on the contents page goes to the page its entry's number names
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const links = (await (await doc.getPage(1)).getAnnotations()) as { subtype: string; dest?: string; rect: number[] }[];
    const height = pages[0].height;
    let checked = 0;
    const top = lines.findIndex((l) => l.text.replace(/\s+/g, '') === '目录');
    for (const line of lines.slice(top + 1).filter((l) => /\d+$/.test(l.text.trim()) && !/^—/.test(l.text.trim()))) {
      const pageNumber = Number(/(\d+)$/.exec(line.text.trim())![1]);
      const covering = links.filter((a) => a.subtype === 'Link' && a.rect[1] <= height - line.baseline && height - line.baseline <= a.rect[3] + 4);
      expect(covering.length, line.text).toBeGreaterThan(0);
      for (const a of covering) {
        const dest = (await doc.getDestination(a.dest!))!;
        expect(1 + (await doc.getPageIndex(dest[0] as never)), `${line.text}: ${a.dest}`).toBe(pageNumber);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(11); // (the entries on page 1; the contents runs onto page 2)
    // never one character alone on an entry's last line (…全面提升基层 / 政 filled the line before)
    const deep = lines.findIndex((l) => l.text.replace(/\s+/g, '').startsWith('（一）深入推进'));
    expect(lines[deep + 1]!.text.replace(/\s+/g, '').replace(/\d+$/, '').length).toBeGreaterThan(1);
    // a dot leader on each entry's last line (the DOCX's entries have one too: a right tab with dots),
    // on the baseline, between the end of the entry's text and its page number
    const content = pageContents(pdf)[0]!.content;
    const leaders = [...content.matchAll(/\[0\.01 [\d.]+\] 0 d\n(?:[^\n]*\n)*?([\d.]+) ([\d.]+) m\n([\d.]+) [\d.]+ l\nS/g)]
      .map((m) => ({ from: Number(m[1]), y: Number(m[2]), to: Number(m[3]) }));
    expect(leaders).toHaveLength(checked);
    for (const line of lines.slice(top + 1).filter((l) => /\d+$/.test(l.text.trim()) && !/^—/.test(l.text.trim()))) {
      const leader = leaders.find((d) => Math.abs(d.y - line.baseline) < 1.5)!;
      expect(leader, line.text).toBeDefined();
      const items = line.items.filter((i) => i.str.trim());
      const number = items.at(-1)!;
      const textEnd = Math.max(...items.slice(0, -1).map((i) => i.x + i.width));
      expect(leader.from, line.text).toBeGreaterThan(textEnd);
      expect(leader.to, line.text).toBeLessThan(number.x);
      expect(number.x - leader.to, line.text).toBeLessThan(10); // (up to the number, whatever its width)
    }
    // a link a line piece, not a character (pdfmake's contents linked every character: 217 on this page)
    expect(links.length).toBeLessThan(60);
    await doc.destroy();
    // the DOCX's entries hang their wrapped lines past their number too (they went back under it
    // in LibreOffice): each entry's own indent, and its style's for a level's usual number
    const docx = docxParts((await buildReport(dir, { fonts, formats: ['docx'] })).outputs.docx!);
    const entry = paragraphs(docx['word/document.xml']).find((p) => p.text.startsWith('（六）加强网站内容建设'))!;
    const pitch = (156 * 20 * 72 / 25.4) / 28; // a character, in twips
    expect(entry.xml).toContain(`<w:ind w:left="${Math.round(pitch) + Math.round(3 * pitch)}" w:hanging="${Math.round(3 * pitch)}" w:firstLineChars="0"/>`);
    const ten = paragraphs(docx['word/document.xml']).find((p) => p.text.startsWith('一、概述'))!;
    expect(ten.xml).toContain(`<w:ind w:left="${Math.round(2 * pitch)}" w:hanging="${Math.round(2 * pitch)}" w:firstLineChars="0"/>`);
    const style = /<w:style [^>]*w:styleId="TOC2"[\s\S]*?<\/w:style>/.exec(docx['word/styles.xml'])![0];
    expect(style).toMatch(new RegExp(`<w:ind w:left="${Math.round(4 * pitch)}" w:hanging="${Math.round(3 * pitch)}" w:firstLineChars="0"/>`));
  });

  it('never leaves the last entry of a table of contents alone at the top of a page', async () => {
    // 38 entries: 15 on page 1, 22 on page 2 and the last alone on page 3, the body under it; now
    // the entry before it goes along (page 2 ends a line short)
    const headings = Array.from({ length: 38 }, (_, k) => `\n# 第${k + 1}部分的标题\n\n正文${k + 1}。\n`).join('');
    const dir = makeReport({ 'report.md': FRONT.replace('---\n', '---\ntoc: true\nindex_no: CS-2021-001\n') + headings }); // (with the information block)
    const { pages } = await readPdf(await pdfOf(dir));
    const pageOf = (start: string) => pages.findIndex((p) => linesOf(p).some((l) => l.text.replace(/\s+/g, '').startsWith(start)));
    expect(pageOf('三十八、')).toBe(2);
    expect(pageOf('三十七、')).toBe(2);
    expect(pageOf('三十六、')).toBe(1);
  });

  it('prints a table of contents with page numbers when toc: true', async () => {
    const text = readFileSync(path.join(SAMPLE, 'report.md'), 'utf8').replace('keywords:', 'toc: true\nkeywords:');
    const dir = makeReport({ 'report.md': text, 'statistics.yaml': readFileSync(path.join(SAMPLE, 'statistics.yaml'), 'utf8') }, 'toc');
    const { pages } = await readPdf(await pdfOf(dir));
    const first = pages[0].items.map((i) => i.str).join('').replace(/\s+/g, '');
    expect(first).toContain('目录');
    expect(first).toMatch(/目录一、概述\d+（一）主要领导高度重视，全面推进政务公开\d+/);
    expect(first).toMatch(/二、政府信息主动公开情况\d+三、/);
    // an entry of 23 characters on one line with its number (pdfmake's number column, sized for five
    // digits, left 24½ characters: …全面提升政府网上服务能 / 力)
    const six = linesOf(pages[0]).find((l) => l.text.replace(/\s+/g, '').startsWith('（六）加强网站内容建设'))!;
    expect(six.text.replace(/\s+/g, '')).toMatch(/^（六）加强网站内容建设，全面提升政府网上服务能力\d+$/);
    // entries one grid line apart (two for the entry that wraps), so the body after stays on the grid
    const rows = pages[0].items.filter((i) => /^(（[一二三四五六]）|[一二三四五六七]、)/.test(i.str)).map((i) => i.baseline);
    expect(rows.length).toBeGreaterThan(8);
    for (let k = 1; k < rows.length; k++) {
      const lines = (rows[k] - rows[k - 1]) / ((225 * 72) / 25.4 / 22);
      expect(Math.abs(lines - Math.round(lines)), `entry ${k}`).toBeLessThan(0.01);
    }
    // a run-in heading's entry is the heading alone, not the paragraph that runs on after it
    const second = pages.slice(0, 2).map((p) => p.items.map((i) => i.str).join('')).join('').replace(/\s+/g, '').replace(/—\d+—/g, '');
    // … without the 。 that ends it in its paragraph
    expect(second).toMatch(/1\.加强标准建设，规范推进五公开\d+2\.完善目录建设，聚力公开重点\d+/);
    expect(second).not.toContain('严格落实');
    const docx = docxParts((await buildReport(dir, { fonts, formats: ['docx'] })).outputs.docx!);
    const xml = docx['word/document.xml'];
    // headings by style (\o), run-in headings by their TC fields (\l), entries written in
    expect(xml).toMatch(/<w:instrText[^>]*> TOC \\o &quot;1-4&quot; \\l &quot;1-4&quot; \\h <\/w:instrText>/);
    expect(docx['word/settings.xml']).toContain('<w:updateFields/>');
    const entries = paragraphs(xml).filter((p) => /^TOC\d$/.test(p.style));
    expect(entries[0].text).toBe('一、概述');
    const runIn = entries.find((e) => e.text.startsWith('1.加强标准建设'))!;
    expect(runIn.text).toBe('1.加强标准建设，规范推进五公开');
    expect(runIn.style).toBe('TOC3');
    // each entry links to a bookmark on its heading, in order
    const anchors = entries.map((e) => /w:anchor="([^"]+)"/.exec(e.xml)![1]);
    expect(anchors).toEqual(anchors.map((_, k) => `_Toc${k + 1}`));
    // … and the bookmark is on the heading the entry names
    const body = paragraphs(xml).filter((p) => !/^TOC\d$/.test(p.style));
    for (const [k, a] of anchors.entries()) {
      const marked = body.find((p) => p.xml.includes(`<w:bookmarkStart w:name="${a}"`));
      expect(marked?.text.startsWith(entries[k].text), `${a}: ${entries[k].text}`).toBe(true);
    }
    // the run-in paragraph: a body paragraph holding a TC field with the heading alone
    const para = paragraphs(xml).find((p) => p.text.startsWith('1.加强标准建设，规范推进五公开。严格落实'))!;
    expect(para.style).toBe('GwBody');
    expect(para.xml).toMatch(/<w:instrText[^>]*> TC &quot;1\.加强标准建设，规范推进五公开&quot; \\l 3 <\/w:instrText>/);
    // alone, the DOCX's page numbers are left for Word; built beside the PDF, each entry carries the
    // PDF's page number (LibreOffice and WPS show them as written; Word updates them on opening)
    const pageOf = (e: { xml: string }) => /PAGEREF _Toc\d+ \\h <\/w:instrText><w:fldChar w:fldCharType="separate"\/><\/w:r>(?:<w:r><w:t>(\d+)<\/w:t><\/w:r>)?<w:r><w:fldChar w:fldCharType="end"\/>/.exec(e.xml)?.[1];
    expect(entries.map(pageOf).every((n) => n === undefined)).toBe(true);
    const both = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
    const tocText = (await readPdf(both.outputs.pdf!)).pages.slice(0, 3).map((p) => p.items.map((i) => i.str).join('')).join('').replace(/\s+/g, '').replace(/—\d+—/g, ''); // (less the page numbers)
    const withPages = paragraphs(docxParts(both.outputs.docx!)['word/document.xml']).filter((p) => /^TOC\d$/.test(p.style));
    expect(withPages).toHaveLength(entries.length);
    const quote = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [k, e] of withPages.entries()) {
      // (the number runs up to the next entry, which may start with a figure: 1.加强…10 2.完善…)
      const next = entries[k + 1] ? quote(entries[k + 1]!.text) : '';
      const printed = new RegExp(`${quote(entries[k]!.text)}(\\d+)(?=${next})`).exec(tocText)?.[1];
      expect(pageOf(e), entries[k]!.text).toBe(printed);
    }
  });
});
