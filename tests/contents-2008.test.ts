/**
 * A report on 2014–2018 is held to the contents the 2008 条例 第三十二条 lists, in headings worded
 * freely (transform/contents-2008.ts): a part left out passed without a word (a 2014-form trial).
 */
import { describe, expect, it } from 'vitest';
import { checkContents2008 } from '../src/transform/contents-2008.js';
import type { Block } from '../src/model/types.js';
import { sampleReport } from './helpers/build.js';

const at = { file: 'report.md', line: 9 };
const heading = (text: string): Block => ({ type: 'heading', level: 1, inlines: [{ type: 'text', text }], loc: at });
const para = (text: string): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }], loc: at });

describe('the 2008 条例\'s contents of a 2014–2018 report', () => {
  it('finds them all in the Shangqiu report, whose headings join and add parts', () => {
    const report = sampleReport();
    expect(checkContents2008(report.blocks, report.source)).toEqual([]);
  });

  it('names a content no heading names, at the body\'s start', () => {
    const blocks = [heading('概述'), heading('主动公开政府信息情况'), heading('政府信息公开收费及减免情况'), heading('因政府信息公开申请行政复议和提起行政诉讼情况'), heading('存在的主要问题及改进措施')];
    expect(checkContents2008(blocks, at)).toEqual([{
      severity: 'warning', loc: at,
      // (复议's heading says 申请 too: it is no part on 依申请公开)
      message: 'a report on 2014–2018 tells of 依申请公开政府信息情况 (条例 2008 第三十二条), and no # heading names it',
      hint: 'write its part (# 依申请公开政府信息情况), or name it in the heading of the part that tells it',
    }]);
    // other wordings of that part
    for (const h of ['收到和处理政府信息公开申请情况', '政府信息公开申请办理情况', '受理政府信息公开申请情况']) {
      expect(checkContents2008([...blocks, heading(h)], at), h).toEqual([]);
    }
  });

  it('takes 收费 from the text too, and holds a report without parts to nothing', () => {
    const blocks = [heading('概述'), heading('主动公开情况'), heading('依申请公开情况'), heading('行政复议和行政诉讼情况'), heading('存在的问题和改进措施')];
    expect(checkContents2008(blocks, at).map((f) => f.message)).toEqual(['a report on 2014–2018 tells of 政府信息公开收费及减免情况 (条例 2008 第三十二条), and no # heading names it']);
    expect(checkContents2008([...blocks, para('本年度未收取任何费用。')], at)).toEqual([]);
    // 复议 and 诉讼 too, where there were none (a review)
    const none = [heading('概述'), heading('主动公开情况'), heading('依申请公开及收费情况'), para('本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。'), heading('存在的问题和改进措施')];
    expect(checkContents2008(none, at)).toEqual([]);
    expect(checkContents2008([heading('概述'), para('正文。')], at)).toEqual([]);
  });
});
