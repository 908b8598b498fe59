/**
 * What a report on 2014–2018 (the 2014 national form's years, under the 2008 条例) covers:
 * 条例（2008）第三十二条 lists 主动公开, 依申请公开和不予公开, 收费及减免, 行政复议和行政诉讼,
 * 存在的主要问题及改进情况 and 其他需要报告的事项. Unlike the 2019/2021 forms, no form fixes the
 * headings: reports of those years join parts (Shangqiu 2017: 依申请公开政府信息及收费情况) and add
 * their own (回应社会关注和政策解读情况). So a content is looked for in the words of any `#`
 * heading, and 收费 and 复议诉讼 in the text as well (often told in a sentence: 本年度未收取任何费用,
 * 未发生因政府信息公开申请行政复议、提起行政诉讼的情况);
 * 其他需要报告的事项 is where there are any.
 */
import type { Finding } from '../model/errors.js';
import { inlineText, type Block, type Loc } from '../model/types.js';

export interface Content2008 {
  /** The heading `gongwen new` writes for it. */
  title: string;
  /** Words of a heading that covers it. */
  heading: RegExp;
  /** Words of the text that tell it, where a sentence may (收费, 复议诉讼). */
  text?: RegExp;
}

export const CONTENTS_2008: readonly Content2008[] = [
  { title: '主动公开政府信息情况', heading: /主动公开/u },
  // (not 因政府信息公开申请行政复议: the part on 复议 and 诉讼)
  { title: '依申请公开政府信息情况', heading: /依申请|申请(?:公开|的?办理|的?受理|的?答复|情况)|(?:受理|办理|处理|答复).*申请/u },
  { title: '政府信息公开收费及减免情况', heading: /收费|费用|减免/u, text: /收费|费用|收取/u },
  // (told in a sentence as often, where there were none: 本年度未发生因政府信息公开申请行政复议…, a review)
  { title: '因政府信息公开申请行政复议、提起行政诉讼情况', heading: /复议|诉讼/u, text: /复议|诉讼/u },
  { title: '政府信息公开工作存在的主要问题及改进情况', heading: /问题|不足|改进|措施|下一步|打算/u },
];

/**
 * A warning for each content no `#` heading names (nor the text, where it may tell it), where the
 * report has parts (two `#` headings or more: a one-paragraph report is not held to them).
 */
export function checkContents2008(blocks: readonly Block[], report: Loc): Finding[] {
  const headings = blocks.flatMap((b) => (b.type === 'heading' && b.level === 1 ? [inlineText(b.inlines)] : []));
  if (headings.length < 2) return [];
  const text = blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.inlines) : b.type === 'list' ? b.items.map(inlineText).join('') : '')).join('');
  return CONTENTS_2008.filter((c) => !headings.some((h) => c.heading.test(h)) && !(c.text && c.text.test(text))).map((c) => ({
    severity: 'warning',
    loc: report,
    message: `a report on 2014–2018 tells of ${c.title} (条例 2008 第三十二条), and no # heading names it`,
    hint: `write its part (# ${c.title}), or name it in the heading of the part that tells it`,
  }));
}
