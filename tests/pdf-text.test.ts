/**
 * The official PDF must say what the published report says: every paragraph of the published
 * text comes back from text extraction, complete and in order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from './helpers/build.js';
import { expectInOrder, normalise, publishedParagraphs, pdfText } from './helpers/published.js';
import { readPdf } from './helpers/pdf.js';

let text = '';
beforeAll(async () => {
  text = pdfText((await readPdf(await buildPdf())).pages);
});

describe('text of the Shangqiu PDF', () => {
  const paragraphs = publishedParagraphs().map(normalise);

  it('checks all 45 published paragraphs (title, 4 introductory, 40 under 一 … 七)', () => {
    expect(paragraphs.length).toBe(45);
  });

  it('contains every published paragraph, complete and in order', () => {
    expectInOrder(text, paragraphs);
  });

  it('prints generated section numbers 一、…七、 and （一）… with full-width brackets', () => {
    for (const h of ['一、概述', '七、附表', '（一）主要领导高度重视，全面推进政务公开', '（二）2018年改进措施', '4.加强组织领导，强化培训督查。']) {
      expect(text).toContain(h);
    }
    expect(text).not.toMatch(/\([一二三四五六七八九十]\)/);
  });

  it('has the title and the source line, and no information block: the published page has none, nor any of its fields but the organ and the date (an audit of the sample)', () => {
    expect(text.startsWith('商丘市2017年政府信息公开年度工作报告来源：商丘市政府')).toBe(true);
    expect(text).not.toContain('发布机构');
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
