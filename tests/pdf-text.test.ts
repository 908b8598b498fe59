/**
 * The official PDF must say what the published report says: every paragraph of the published
 * text comes back from text extraction, complete and in order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPdf, ROOT } from './helpers/build.js';
import { MM, readPdf } from './helpers/pdf.js';

/** The published text (the seed, verbatim) → the paragraphs the PDF must contain. */
function publishedParagraphs(): string[] {
  const lines = readFileSync(path.join(ROOT, 'tests/fixtures/shangqiu-2017-published.txt'), 'utf8')
    .split('\n').map((l) => l.trim()).filter(Boolean);
  const end = lines.findIndex((l) => l.startsWith('责任编辑'));
  const body = lines.slice(0, end);
  // Line 2 is the portal's site/time/source line, printed by gongwen as its own source line.
  body.splice(1, 1);
  // The measures under 六（二） are one level deeper than the published markers say: 1. 2. 3. 4.
  let measure = 0;
  let inMeasures = false;
  return body.map((l) => {
    if (l.startsWith('(二)2018年改进措施')) inMeasures = true;
    else if (inMeasures && /^\([一二三四]\)/.test(l)) return l.replace(/^\([一二三四]\)/, `${++measure}.`);
    return l;
  });
}

/** The same punctuation rule the published page's mirror lost: ASCII marks next to Chinese → full width. */
const normalise = (s: string) =>
  s.replace(/\s+/g, '')
    .replace(/,/g, '，').replace(/(?<!\d):|:(?!\d)/g, '：').replace(/;/g, '；')
    .replace(/\(/g, '（').replace(/\)/g, '）')
    // URLs and e-mail keep their ASCII marks
    .replace(/（www\.shangqiu\.gov\.cn）/g, '（www.shangqiu.gov.cn）');

let text = '';
beforeAll(async () => {
  const { pages } = await readPdf(await buildPdf());
  text = pages
    // Leave out the page numbers: everything below the 版心 (bottom margin 35 mm).
    .map((p) => p.items.filter((i) => i.baseline < p.height - 35 * MM).map((i) => i.str).join(''))
    .join('')
    .replace(/\s+/g, '');
});

describe('text of the Shangqiu PDF', () => {
  const paragraphs = publishedParagraphs().map(normalise);

  it('checks all 45 published paragraphs (title, 4 introductory, 40 under 一 … 七)', () => {
    expect(paragraphs.length).toBe(45);
  });

  it('contains every published paragraph, complete and in order', () => {
    let from = 0;
    for (const p of paragraphs) {
      const at = text.indexOf(p, from);
      expect(at, `paragraph not found after position ${from}: ${p.slice(0, 30)}…`).toBeGreaterThanOrEqual(0);
      from = at + p.length;
    }
  });

  it('prints generated section numbers 一、…七、 and （一）… with full-width brackets', () => {
    for (const h of ['一、概述', '七、附表', '（一）主要领导高度重视，全面推进政务公开', '（二）2018年改进措施', '4.加强组织领导，强化培训督查。']) {
      expect(text).toContain(h);
    }
    expect(text).not.toMatch(/\([一二三四五六七八九十]\)/);
  });

  it('has the title, the source line and the portal information block', () => {
    expect(text.startsWith('发布机构：商丘市人民政府发文日期：2018年3月27日商丘市2017年政府信息公开年度工作报告')).toBe(true);
    expect(text).toContain('来源：商丘市政府时间：2018年3月27日15:59');
  });

  it('ends the body with the 附件说明, then the attachment with its table', () => {
    expect(text).toContain('七、附表附件：2017年商丘市政府信息公开工作情况统计表');
    expect(text).toMatch(/附件2017年商丘市政府信息公开工作情况统计表统计指标单位统计数一、主动公开情况——/);
    expect(text).toContain('（一）收到申请数件301');
  });

  it('contains no replacement or private-use characters', () => {
    expect(text).not.toMatch(/[\uFFFD\uE000-\uF8FF]/u);
  });
});
