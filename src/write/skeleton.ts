/**
 * A new report folder to fill in (`gongwen new`): report.md with the front matter, the parts of the
 * report year's form as headings and its tables placed in them, and statistics.yaml with every
 * cell of the form on its own line, labelled, empty. What the office must write is marked
 * 【待填写：…】, which a check reports as long as it is left (transform/lint.ts).
 */
import { publicationDeadline } from '../model/deadline.js';
import type { StatTemplate } from '../model/types.js';
import { TO_WRITE } from '../model/typed-text.js';
import { CONTENTS_2008 } from '../transform/contents-2008.js';

const todo = (what: string) => `${TO_WRITE}：${what}】`;

/** Text as a YAML double-quoted scalar (JSON's string syntax is YAML's): an organ may hold : # , { }. */
const yamlText = (s: string) => JSON.stringify(s);


export function reportSkeleton(template: StatTemplate, organ: string, year: number): string {
  const attachment = template.placement === 'attachment';
  // (the 条例's last day for this report: model/deadline.ts)
  const due = publicationDeadline(year, organ);
  const front = [
    '---',
    '# gongwen new 生成的报告：把【待填写：…】换成实际内容。这两条 --- 之间以 # 开头的行是说明，可删去；',
    '# 正文里的 # 行是标题，不写序号（一、（一）1.（1）由 gongwen 按 # ## ### #### 编号）；统计数字填在 statistics.yaml。',
    `title: ${yamlText(`${organ}${year}年政府信息公开工作年度报告`)}`,
    `year: ${year}`,
    `organ: ${yamlText(organ)}`,
    `published: ${year + 1}-${String(due.month).padStart(2, '0')}-${due.day}            # ${todo(`发布日期（${due.month}月${due.day}日前），也可写时间：${year + 1}-${String(due.month).padStart(2, '0')}-20 09:30；定稿后删去本注释`)}`,
    '# source: 来源（默认同发布机构）',
    '# index_no: 索引号',
    '# category: 政府信息公开年报',
    '# editor: 责任编辑',
    '# signature: true            # 文末署名和成文日期（发文机关署名 + 发布日期）；门户网站的年报一般不印',
    '# url: https://…            # 本页网址，印为二维码',
    ...(attachment ? [`attachment: { title: ${yamlText(`${year}年${organ}政府信息公开工作情况统计表`)} }`] : []),
    'statistics: statistics.yaml',
    '---',
    '',
  ];
  const body: string[] = [];
  if (template.sections?.length) {
    for (const s of template.sections) {
      body.push(`# ${s.title}`, '', todo(`${s.title}的内容`), '');
      if (s.table) body.push(todo('引出下表的一句，如“本年度……情况如下：”'), '', `{{table ${s.table}}}`, '');
    }
  } else {
    // (the 2008 条例's contents, transform/contents-2008.ts: a report of those years had been given
    // 概述 alone, a 2014-form trial)
    body.push('# 概述', '', todo('本年度政府信息公开工作概述；统计表作为附件印在正文之后'), '');
    for (const c of CONTENTS_2008) body.push(`# ${c.title}`, '', todo(`${c.title}的内容`), '');
    body.push('# 其他需要报告的事项', '', todo('其他需要报告的事项；没有的写“无。”'), '');
  }
  return [...front, ...body].join('\n');
}
