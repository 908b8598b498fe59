/** What the title block prints: the portal information block and the source line (both writers). */
import type { ReportMeta } from '../model/types.js';
import { formatDate, formatTime } from './dates.js';

/** 索引号 / 分类 / 发布机构 / 发文日期 / 文号 / 有效性: the fields the report gives, in this order, two per line. */
export function metaFields(m: ReportMeta): [string, string][] {
  const all: [string, string | undefined][] = [
    ['索引号', m.indexNo],
    ['分类', m.category],
    ['发布机构', m.organ],
    ['发文日期', formatDate(m.published)],
    ['文号', m.docNo],
    ['有效性', m.validity],
  ];
  return all.filter((f): f is [string, string] => Boolean(f[1]));
}

/** "来源：商丘市政府　　时间：2018年3月27日 15:59" */
export function sourceLine(m: ReportMeta): string {
  const p = m.published;
  const when = `${formatDate(p)}${p.hour !== undefined ? ` ${formatTime(p)}` : ''}`;
  return `来源：${m.source}　　时间：${when}`;
}

export const editorLine = (m: ReportMeta): string | undefined => (m.editor ? `责任编辑：${m.editor}` : undefined);
