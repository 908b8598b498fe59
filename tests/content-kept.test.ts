/**
 * Nothing of the text is lost, whatever the layout: 40 random reports (a fixed seed) of headings,
 * paragraphs of every length, lists and Markdown tables, with and without a table of contents, an
 * editor line, a QR code, statistics tables in the body or as the attachment, each built to PDF;
 * every heading, paragraph and list item must be found in the PDF's text, in order, and no page
 * may hold nothing but its number. (A heading grouped with the end matter once took a page break
 * of its own inside the group, and pdfmake left a blank page where the end of the body had been:
 * keep-heading.test.ts sweeps that case; this catches the kind.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT } from './helpers/build.js';
import { makeReport } from './helpers/fixtures.js';
import { linesOf, readPdf } from './helpers/pdf.js';

const fonts = openFontSet();

/** mulberry32: a small seeded generator, so that a failure can be built again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['政府信息公开', '主动公开', '依申请公开', '政策解读', '政务服务', '平台建设', '监督保障', '年度报告', '规范性文件',
  '行政复议', '统计数据', '网站栏目', '工作机制', '培训交流', '12345热线', '2023年', '156件', '87.1%', '办理流程', '重点领域'];

describe('random reports keep all their text', () => {
  it('prints every heading, paragraph and list item of 40 random reports, in order, and no page without text', async () => {
    const rand = random(20261127);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(rand() < 0.3 ? '，' : '') + '。';
    const shangqiu = readFileSync(path.join(ROOT, 'content/shangqiu-2017/report.md'), 'utf8');
    const front2014 = shangqiu.slice(0, shangqiu.indexOf('\n---\n', 4) + 5);
    const stats2014 = readFileSync(path.join(ROOT, 'content/shangqiu-2017/statistics.yaml'), 'utf8');
    const stats2021 = readFileSync(path.join(ROOT, 'content/sample-2021/statistics.yaml'), 'utf8');
    for (let r = 0; r < 40; r++) {
      const form = pick(['2014', '2021', 'none'] as const);
      const expected: string[] = [];
      const body: string[] = [];
      const sections = form === '2021' ? 6 : 2 + Math.floor(rand() * 5);
      for (let s = 0; s < sections; s++) {
        const title = `第${s + 1}部分${pick(WORDS)}`;
        body.push(`# ${title}`);
        expected.push(title);
        if (form === '2021' && s >= 1 && s <= 3) body.push(`{{table t${s + 1}}}`);
        const blocks = Math.floor(rand() * 5);
        for (let b = 0; b < blocks; b++) {
          const kind = rand();
          if (kind < 0.15) {
            const sub = `小节${s + 1}${b}${pick(WORDS)}`;
            body.push(`## ${sub}`);
            expected.push(sub);
          } else if (kind < 0.25) {
            const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence(1 + Math.floor(rand() * 6)));
            body.push(items.map((it, k) => `${k + 1}. ${it}`).join('\n'));
            expected.push(...items);
          } else if (kind < 0.3) {
            body.push('| 项目 | 数量 |\n| --- | ---: |\n' + Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, k) => `| ${pick(WORDS)}${k} | ${k * 7} |`).join('\n'));
          } else {
            // one line, a few lines, or most of a page
            const p = sentence(rand() < 0.4 ? 1 + Math.floor(rand() * 4) : rand() < 0.8 ? 5 + Math.floor(rand() * 20) : 60 + Math.floor(rand() * 60));
            body.push(p);
            expected.push(p);
          }
        }
        // a last heading with nothing under it, over the attachment (# 附表), now and then
        if (form === '2014' && s === sections - 1 && rand() < 0.5) { body.push('# 附表'); expected.push('附表'); }
      }
      let front = form === '2014' ? front2014
        : `---\ntitle: 测试县${form === '2021' ? 2023 : 2013}年政府信息公开工作年度报告\nyear: ${form === '2021' ? 2023 : 2013}\norgan: 测试县人民政府\npublished: ${form === '2021' ? '2024-01-20' : '2014-01-20'}\n${form === '2021' ? 'statistics: statistics.yaml\n' : ''}---\n`;
      if (rand() < 0.4) front = front.replace(/\n---\n$/, `\ntoc: ${pick([1, 2])}\n---\n`);
      if (form !== '2014' && rand() < 0.5) front = front.replace(/\n---\n$/, '\neditor: 王五\n---\n');
      if (rand() < 0.3) front = front.replace(/\n---\n$/, '\nurl: https://www.example.gov.cn/a.html\n---\n');
      const files = { 'report.md': `${front}\n${body.join('\n\n')}\n`, ...(form === '2014' ? { 'statistics.yaml': stats2014 } : form === '2021' ? { 'statistics.yaml': stats2021 } : {}) };
      const dir = makeReport(files, `random-${r}`);
      const { pages } = await readPdf((await buildReport(dir, { fonts, formats: ['pdf'] })).outputs.pdf!);
      const pageLines = pages.map((p) => linesOf(p).map((l) => l.text.replace(/\s+/g, '')).filter((l) => !/^—\d+—$/.test(l)));
      const text = pageLines.map((l) => l.join('')).join('');
      // (after the table of contents, which lists the headings first: from its last level-1 entry on)
      const lastPart = expected.filter((e) => /^第\d+部分/.test(e)).at(-1)!;
      let from = files['report.md'].includes('\ntoc: ') ? text.indexOf(lastPart) + lastPart.length : 0;
      for (const want of expected) {
        const at = text.indexOf(want, from);
        expect(at, `report ${r} (${form}): "${want.slice(0, 20)}" missing or out of order\n${files['report.md']}`).toBeGreaterThanOrEqual(0);
        from = at + want.length;
      }
      if (form === '2014') expect(text, `report ${r}`).toContain('附件：2017年商丘市政府信息公开工作情况统计表');
      if (files['report.md'].includes('editor: ') || form === '2014') expect(text, `report ${r}`).toMatch(/责任编辑：(李瑞|王五)/);
      for (const [k, lines] of pageLines.entries()) expect(lines.length, `report ${r} (${form}): page ${k + 1} holds nothing\n${files['report.md']}`).toBeGreaterThan(0);
    }
  }, 180_000);
});
