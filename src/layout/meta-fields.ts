/** What the title block prints: the portal information block and the source line (both writers). */
import type { ReportMeta } from '../model/types.js';
import { formatDate, formatTime } from './dates.js';
import { estimatedEm } from './kinsoku.js';
import { GRID } from './gbt9704.js';

/**
 * 索引号 / 分类 / 发布机构 / 发布日期 / 文号 / 有效性: the fields the report gives, in this order,
 * two per line. The block is the one a portal's 政府信息公开 catalogue prints over a document it
 * lists: a report that gives none of the catalogue's own fields (索引号, 分类, 文号, 有效性) was
 * published on a page without one — the Shangqiu report's prints 来源 and 时间 alone, which the
 * source line gives — and gets no block (its 发布机构 and 发布日期 alone had been an invented
 * block, an audit of the sample against the published page). The date is the one the report was
 * published on (`published`), so it is 发布日期, not 发文日期 (the date a document is issued).
 */
export function metaFields(m: ReportMeta): [string, string][] {
  if (!m.indexNo && !m.category && !m.docNo && !m.validity) return [];
  const all: [string, string | undefined][] = [
    ['索引号', m.indexNo],
    ['分类', m.category],
    ['发布机构', m.organ],
    ['发布日期', formatDate(m.published)],
    ['文号', m.docNo],
    ['有效性', m.validity],
  ];
  return all.filter((f): f is [string, string] => Boolean(f[1]));
}

/** A field's width in em, estimated as both writers may set it: capitals wider than digits. */
const fieldEm = (text: string): number => {
  let em = 0;
  // (capitals, and the wide small letters m and w: a signature or editor line of them wrapped where
  // the estimate said it fitted, review)
  for (let i = 0; i < text.length; i++) em += /[A-Zmw]/.test(text[i]!) ? 0.7 : estimatedEm(text[i]!);
  return em;
};

/**
 * The block's rows, as "索引号：…" texts: two fields a row, each in half the 版心; a pair where
 * either would wrap in its half (a long 发布机构 such as 示例县农业农村局（示例县乡村振兴局）, a
 * long 索引号) goes one field a row, across the width, where it was broken inside its name or
 * figure and ran up to the field beside it. `halfEm`: half the 版心 in characters of the block.
 */
export function metaRows(m: ReportMeta, halfEm: number): string[][] {
  const texts = metaFields(m).map(([name, value]) => `${name}：${value}`);
  const rows: string[][] = [];
  for (let i = 0; i < texts.length; i += 2) {
    const pair = texts.slice(i, i + 2);
    // (a character's room to spare: the faces' widths are estimated)
    if (pair.length === 2 && pair.every((t) => fieldEm(t) <= halfEm - 1)) rows.push(pair);
    else rows.push(...pair.map((t) => [t]));
  }
  return rows;
}

/**
 * The lines the block's rows take: one a row, but a field alone in its row and too long even for
 * the width (a combined organ name of thirty-odd characters) wraps, and the block is padded to
 * whole grid lines by its lines, not its rows.
 */
export const metaLineCount = (rows: string[][], halfEm: number): number =>
  rows.reduce((n, row) => n + (row.length === 2 ? 1 : Math.max(1, Math.ceil(fieldEm(row[0]!) / (2 * halfEm)))), 0);

/** "来源：商丘市政府　　时间：2018年3月27日 15:59" */
export const sourceLine = (m: ReportMeta): string => sourceFields(m).join('　　');

/**
 * The source line's two fields, "来源：商丘市政府" and "时间：2018年3月27日 15:59": a line too long
 * for the width breaks between them, never inside the date (2014年1月 / 20日 09:30).
 */
export function sourceFields(m: ReportMeta): [string, string] {
  const p = m.published;
  const when = `${formatDate(p)}${p.hour !== undefined ? ` ${formatTime(p)}` : ''}`;
  return [`来源：${m.source}`, `时间：${when}`];
}

export const editorLine = (m: ReportMeta): string | undefined => (m.editor ? `责任编辑：${m.editor}` : undefined);

/** How much wider than its line the editor line of `names` is, in characters (0 or less where it fits; 右空二字 as the signature). */
export const editorOverflowEm = (names: string): number => fieldEm(`责任编辑：${names}`) - (GRID.charsPerLine - 2);

/** The 发文机关署名 and 成文日期 lines and how far each ends from the right edge of the 版心, in characters. */
export interface SignatureLines {
  name: string;
  date: string;
  nameRightEm: number;
  dateRightEm: number;
}

/**
 * GB/T 9704 7.3.5.2, a document without a seal: the organ's name right-indented 2 characters (空
 * 二字), the date on the next line starting 2 characters right of the name's start; where the date
 * is longer than the name (成文日期长于发文机关署名), the date is right-indented 2 characters and the
 * name moved left with it. As the standard says it: a date a little shorter than the name ends
 * less than 2 characters from the edge (示例县人民政府, 7 characters, over 2024年1月20日, 6½: half a
 * character). Widths are estimated (a Chinese character an em, a figure half of one), as both
 * writers set them.
 */
export function signatureLines(m: ReportMeta): SignatureLines | undefined {
  if (!m.signature) return undefined;
  const name = m.signature;
  const date = formatDate(m.published);
  const [nameEm, dateEm] = [fieldEm(name), fieldEm(date)];
  return dateEm > nameEm
    ? { name, date, nameRightEm: SIGNATURE_RIGHT_EM + SIGNATURE_SHIFT_EM + dateEm - nameEm, dateRightEm: SIGNATURE_RIGHT_EM }
    : { name, date, nameRightEm: SIGNATURE_RIGHT_EM, dateRightEm: SIGNATURE_RIGHT_EM + nameEm - SIGNATURE_SHIFT_EM - dateEm };
}


/** 右空二字: the name (or the longer date) ends 2 characters inside the 版心. */
const SIGNATURE_RIGHT_EM = 2;
/** 首字比署名首字右移二字. */
const SIGNATURE_SHIFT_EM = 2;

/**
 * How much wider than its line a signature name is, in characters (0 where it fits): a name wider
 * than the 28 characters less its 右空二字 broke over two lines, a character alone on the second.
 */
export const signatureOverflowEm = (name: string): number => Math.max(0, fieldEm(name) - (GRID.charsPerLine - SIGNATURE_RIGHT_EM));
