/** Web and e-mail addresses are links in the PDF (transform/web-links.ts, io/pdfmake-links.ts). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { webLinks } from '../src/transform/web-links.js';
import { buildPdf } from './helpers/build.js';
import { docxParts } from './helpers/docx.js';
import { FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';
import { linesOf, MM, readPdf } from './helpers/pdf.js';

interface Link { page: number; url: string; rect: number[] }

/** Every link annotation of the PDF, with its page and target. */
async function linksOf(pdf: Buffer): Promise<Link[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const out: Link[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const a of (await (await doc.getPage(n)).getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string; rect: number[] }[]) {
      if (a.subtype === 'Link' && (a.url ?? a.unsafeUrl)) out.push({ page: n, url: (a.unsafeUrl ?? a.url)!, rect: a.rect });
    }
  }
  await doc.destroy();
  return out;
}

describe('webLinks', () => {
  it('finds web and e-mail addresses, without the punctuation after them, and gives each its target', () => {
    const text = '详见政府网（www.shangqiu.gov.cn）。全文：https://www.example.gov.cn/a/b.html?id=3&x=1，邮箱 test-gk@example.gov.cn. 网址http://x.cn/，完。';
    const found = webLinks(text).map((l) => [text.slice(l.from, l.to), l.href]);
    expect(found).toEqual([
      ['www.shangqiu.gov.cn', 'http://www.shangqiu.gov.cn'],
      ['https://www.example.gov.cn/a/b.html?id=3&x=1', 'https://www.example.gov.cn/a/b.html?id=3&x=1'],
      ['test-gk@example.gov.cn', 'mailto:test-gk@example.gov.cn'],
      ['http://x.cn/', 'http://x.cn/'],
    ]);
    expect(webLinks('附件1.docx、2017年1.5万件、《条例》第一条')).toEqual([]);
    // a host a Chinese character cuts short is no link: it linked to http://www (a kitchen-sink audit)
    expect(webLinks('测试二：http://www.郑州.gov.cn/年报/。')).toEqual([]);
    // an e-mail address's domain ends in letters (review: version and ratio figures were mailto: links)
    expect(webLinks('版本v2.0@3.5与比例1.5@2.3')).toEqual([]);
    // a target is a URI: a % that starts no escape is %25 there (the text stays as typed); the
    // Kelvin sign and ſ, which \w takes under the i and u flags, end an address (DOCX audit)
    // a pair of round brackets in an address is the address's; one alone is the text's
    const brackets = '见https://zh.wikipedia.org/wiki/A_(b)。网站(www.example.gov.cn)查询，http://x.cn/a(1).html，http://x.cn/a)b';
    expect(webLinks(brackets).map((l) => brackets.slice(l.from, l.to))).toEqual(['https://zh.wikipedia.org/wiki/A_(b)', 'www.example.gov.cn', 'http://x.cn/a(1).html', 'http://x.cn/a']);
    // right after the host, brackets are the text's (review: www.gov.cn(2024) was one address)
    const afterHost = '详见www.gov.cn(2024)年报告，请访问www.henan.gov.cn(PC)或手机，网址www.gov.cn(http://m.gov.cn)查询';
    expect(webLinks(afterHost).map((l) => afterHost.slice(l.from, l.to))).toEqual(['www.gov.cn', 'www.henan.gov.cn', 'www.gov.cn', 'http://m.gov.cn']);
    const odd = 'http://bad.example.org/a%zz/b%41，http://x.cn/\u212a1';
    expect(webLinks(odd).map((l) => [odd.slice(l.from, l.to), l.href])).toEqual([
      ['http://bad.example.org/a%zz/b%41', 'http://bad.example.org/a%25zz/b%41'],
      ['http://x.cn/', 'http://x.cn/'],
    ]);
  });
});

describe('links in the PDF', () => {
  it('makes the sample\'s web and e-mail addresses links, each over its text on its line', async () => {
    const pdf = await buildPdf();
    const links = await linksOf(pdf);
    expect(links.map((l) => l.url)).toEqual(['http://www.shangqiu.gov.cn', 'mailto:szfxxgkb@126.com']);
    const { pages } = await readPdf(pdf);
    const pitch = (225 * MM) / 22;
    for (const link of links) {
      const page = pages[link.page - 1]!;
      const [x1, y1, x2, y2] = link.rect as [number, number, number, number];
      // a line's height, on the text block, around one line's baseline that holds the address's text
      expect(y2 - y1).toBeCloseTo(pitch, 1);
      expect(x1).toBeGreaterThanOrEqual(28 * MM - 0.01);
      expect(x2).toBeLessThanOrEqual((28 + 156) * MM + 0.01);
      const line = linesOf(page).find((l) => page.height - l.baseline > y1 && page.height - l.baseline < y2)!;
      expect(line.text).toMatch(link.url.startsWith('mailto:') ? /szfxxgkb@126\.com/ : /www\.shangqiu\.gov\.cn/);
    }
  });

  it('gives an address broken over lines a link on each line, the next starting where its line does', async () => {
    // (the Shangqiu sample's e-mail address was broken so, at page 1's foot, until its line's last
    // mark could be set in half its width: write/pdf/lines.ts endRoom)
    const url = 'https://www.example.gov.cn/zfxxgk/ndbg/2013/content_4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f.html';
    const pdf = (await buildReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n本报告全文可在测试县人民政府网站查阅，地址：${url}。\n` }), { fonts: openFontSet(), formats: ['pdf'] })).outputs.pdf!;
    const links = await linksOf(pdf);
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(new Set(links.map((l) => l.url))).toEqual(new Set([url]));
    const page = (await readPdf(pdf)).pages[0]!;
    for (const [k, link] of links.entries()) {
      const [x1, y1, x2, y2] = link.rect as [number, number, number, number];
      const line = linesOf(page).find((l) => page.height - l.baseline > y1 && page.height - l.baseline < y2)!;
      // over its own piece of the address: the first to the line's end, the others from its start
      expect(url).toContain(line.text.replace(/^.*地址：/, '').replace(/。$/, ''));
      if (k > 0) expect([x1, line.x]).toEqual([expect.closeTo(28 * MM, 1), expect.closeTo(28 * MM, 1)]);
      if (k < links.length - 1) expect(x2).toBeCloseTo(line.right, 1);
      if (k > 0) expect(y2).toBeLessThan(links[k - 1]!.rect[1]! + 0.01);
    }
  });

  it('links a typed address, a Markdown link\'s address and an address after a hard line break, and nothing else', async () => {
    const dir = makeReport({
      'report.md': `${FRONT_BEFORE_FORMS}
本报告全文可在测试县人民政府网站（https://www.example.gov.cn/zfxxgk/ndbg/2013.html）查阅，也可访问[县政府网站](https://www.example.gov.cn/)，或发送邮件至test-gk@example.gov.cn。附件1.docx不是网址。

联系电话：0000-1234567\\
网址：www.example.gov.cn
`,
    });
    const pdf = (await buildReport(dir, { fonts: openFontSet(), formats: ['pdf'] })).outputs.pdf!;
    const urls = [...new Set((await linksOf(pdf)).map((l) => l.url))];
    expect(urls).toEqual(['https://www.example.gov.cn/zfxxgk/ndbg/2013.html', 'https://www.example.gov.cn/', 'mailto:test-gk@example.gov.cn', 'http://www.example.gov.cn']);
    // the link's text printed as before: the Markdown link's text, its address in brackets
    const text = (await readPdf(pdf)).pages.flatMap((p) => linesOf(p).map((l) => l.text)).join('').replace(/\s+/g, '');
    expect(text).toContain('县政府网站（https://www.example.gov.cn/）');
    expect(text).toContain('网址：www.example.gov.cn');
  });

  it('links a Markdown link\'s address with Chinese characters whole, to its encoded form, in the PDF and the DOCX (a review: the link stopped at the first Chinese character)', async () => {
    const dir = makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n详见[年报专栏](http://www.郑州.gov.cn/年报/2021.html)，联系[邮箱](mailto:张三@example.com)，网站（www.example.gov.cn）查询。\n` });
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['pdf', 'docx'] });
    const urls = [...new Set((await linksOf(outputs.pdf!)).map((l) => l.url))];
    expect(urls).toEqual(['http://www.xn--6rt074i.gov.cn/%E5%B9%B4%E6%8A%A5/2021.html', 'mailto:%E5%BC%A0%E4%B8%89@example.com', 'http://www.example.gov.cn']);
    const text = (await readPdf(outputs.pdf!)).pages.flatMap((p) => linesOf(p).map((l) => l.text)).join('').replace(/\s+/g, '');
    expect(text).toContain('年报专栏（http://www.郑州.gov.cn/年报/2021.html），联系邮箱（张三@example.com）');
    const rels = docxParts(outputs.docx!)['word/_rels/document.xml.rels']!;
    const targets = [...rels.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((m) => m[1]);
    expect(targets).toEqual(expect.arrayContaining(['http://www.xn--6rt074i.gov.cn/%E5%B9%B4%E6%8A%A5/2021.html', 'mailto:%E5%BC%A0%E4%B8%89@example.com']));
  });

  it('links a contents entry to its heading only, not to an address in the heading (review: the address\'s link lay over the entry)', async () => {
    const front = FRONT_BEFORE_FORMS.replace(/---\n$/, 'toc: true\n---\n');
    const pdf = (await buildReport(makeReport({ 'report.md': `${front}\n# 网站www.head.gov.cn建设\n\n正文。\n\n# 其他情况\n\n正文。\n` }), { fonts: openFontSet(), formats: ['pdf'] })).outputs.pdf!;
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const annotations = (await (await doc.getPage(1)).getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string; dest?: unknown; rect: number[] }[];
    await doc.destroy();
    const uri = annotations.filter((a) => a.url ?? a.unsafeUrl);
    const goTo = annotations.filter((a) => a.dest);
    expect(goTo.length).toBeGreaterThan(0);
    // in reading order: the entries' links, then the body's (the last entry's had come after, a review)
    expect(annotations.map((a) => (a.dest ? 'entry' : 'web'))).toEqual(['entry', 'entry', 'web']);
    // the heading's own address in the body is a link; none lies over a contents entry
    expect(uri.length).toBe(1);
    for (const g of goTo) expect(uri[0]!.rect[1] >= g.rect[3] || uri[0]!.rect[3] <= g.rect[1], 'a web link over an entry').toBe(true);
  });

  it('makes a contents entry\'s line one link, from its number over the leader to its page number (a text-layer audit: three or four each)', async () => {
    const front = FRONT_BEFORE_FORMS.replace(/---\n$/, 'toc: true\n---\n');
    const body = ['# 概述', '## 工作开展情况', '### 加强标准建设，规范推进五公开', '# 主动公开政府信息情况', '## 重点领域信息公开', '# 其他需要报告的事项']
      .map((h) => `${h}\n\n正文。\n`).join('\n');
    const pdf = (await buildReport(makeReport({ 'report.md': `${front}\n${body}` }), { fonts: openFontSet(), formats: ['pdf'] })).outputs.pdf!;
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const annotations = (await (await doc.getPage(1)).getAnnotations()) as { dest?: unknown; rect: number[] }[];
    const page = await doc.getPage(1);
    const items = ((await page.getTextContent()).items as { str: string; transform: number[]; width: number }[]).filter((i) => i.str.trim());
    await doc.destroy();
    const goTo = annotations.filter((a) => a.dest);
    expect(goTo).toHaveLength(6);
    expect(new Set(goTo.map((a) => JSON.stringify(a.dest))).size).toBe(6);
    // each over its whole entry: the entry's first text (its number) and its page number inside it
    for (const a of goTo) {
      const inside = items.filter((i) => i.transform[5] > a.rect[1] && i.transform[5] < a.rect[3] && i.transform[4] >= a.rect[0] - 0.5 && i.transform[4] + i.width <= a.rect[2] + 0.5);
      expect(inside.map((i) => i.str).join(''), JSON.stringify(a.rect)).toMatch(/^(一|（一）|1\.|二|（二）|三).*\d+$/);
    }
  });

  it('writes the links printable and without a border, the action inside the annotation (PDF/A-2b allows links)', async () => {
    for (const pdfa of [false, true]) {
      const pdf = (await buildReport(makeReport({ 'report.md': `${FRONT_BEFORE_FORMS}\n详见www.example.gov.cn。\n` }), { fonts: openFontSet(), formats: ['pdf'], pdfa })).outputs.pdf!;
      const raw = pdf.toString('latin1');
      const annots = [...raw.matchAll(/<<\n\/Subtype \/Link[\s\S]*?\n>>\nendobj/g)].map((m) => m[0]);
      expect(annots, String(pdfa)).toHaveLength(1);
      expect(annots[0]).toMatch(/\/F 4\n/);
      expect(annots[0]).toMatch(/\/Border \[0 0 0\]/);
      expect(annots[0]).toMatch(/\/A <<\n\/S \/URI\n\/URI \(http:\/\/www\.example\.gov\.cn\)\n>>/);
    }
  });
});
