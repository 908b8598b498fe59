/**
 * Where a title too long for one line is broken (GB/T 9704 7.3.1: "回行时，要做到词意完整，排列对称，
 * 长短适宜，间距恰当；标题排列应当使用梯形或菱形").
 *
 * Left to the typesetter, a 21-character title such as 示例市清河区2021年政府信息公开工作年度报告
 * fills its first line and leaves 告 alone on the second. Instead the title gets the fewest lines
 * it needs, and the breaks are chosen among the places that keep words whole and lines even:
 *
 * - a break at a seam costs nothing: *between* an organ and its year (…人民政府｜2021年…, …局）｜2021年…) or
 *   its other name in brackets (…委员会｜（县中医药管理局）…), *after*
 *   the year (…2021年｜政府…, …2021年度｜…), *before* 关于 or 政府信息公开, *after* a 、 between the
 *   items of a list (依申请公开、｜行政复议); any other break between
 *   two Chinese characters costs {@link ODD_BREAK_COST} (we cannot tell most words apart, so we
 *   avoid guessing), twice that inside brackets: a seam is taken unless it leaves lines some 10
 *   characters apart (14 against a break inside brackets);
 * - never inside the words these titles are made of (人民政府, 信息, 公开, 工作, 年度, 报告 …: WORDS),
 *   nor right after 关于,
 *   a run of Latin letters or digits or a figure (12345678.5, COVID-19), a character written as a
 *   surrogate pair, nor before a mark that may not start a line or after one that may not end it
 *   (禁则);
 * - lines as even as they can be (the sum of squared differences from the mean), so that two lines
 *   form a trapezoid and three a diamond or a trapezoid.
 *
 * Widths are estimated, not measured: a full-width character is 1 em, anything else ½ em — the
 * advance of digits in the bundled title face (Fandol Song Bold). Both writers use the same
 * estimate, so the PDF and the DOCX break a title at the same place; a title whose estimated lines
 * are too wide for the measured face (long Latin words, another face) is still wrapped by the
 * typesetter.
 */
import { estimatedEm, NO_LINE_END, NO_LINE_START } from './kinsoku.js';

/**
 * The cost of breaking between two Chinese characters that are not a known seam, in the unit of
 * imbalance (em², see below): two lines 10 em apart cost 50.
 */
export const ODD_BREAK_COST = 50;

/**
 * What a title's extra line costs against the fewest lines it needs: more than an odd break
 * between two characters (a title keeps its fewest lines for that), less than one inside brackets,
 * where an organ's other name stands (虚构县卫生健康委员会 / （县中医药管理局）2013年 / 政府信息公开
 * 工作年度报告 rather than …（县中医 / 药管理局）…: GB/T 9704 7.3.1 asks 词意完整 first).
 */
export const TITLE_EXTRA_LINE_COST = 60;

/** The most lines a title's breaks are searched for (a page holds some 15 lines of 二号 under the information block). */
const MAX_SEARCHED_LINES = 12;


const ALNUM = /[0-9A-Za-z]/;
const IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Marks inside a figure or a code: 12345678.5, COVID-19, 2021-01, 1/2, 15:59. */
const JOINER = /[.\-–—:/]/;

/**
 * Words of these titles that are never split (工作年｜度报告, 人民｜政府 would be): they hold no
 * break, whatever the balance.
 */
const WORDS = ['人民政府', '政府', '信息', '公开', '工作', '年度', '报告', '情况', '办公室', '委员会', '管理局', '街道', '关于', '统计表',
  '行政', '复议', '诉讼', '申请', '举报', '投诉', '处理', '办理', '乡镇', '汇总', '数据',
  // and of the statistics tables' labels (labelLines below)
  '数量', '制作', '项目', '决定', '金额', '收费', '事项', '服务', '机构', '组织', '企业', '商业', '科研', '社会', '公益',
  '法律', '其他', '自然人', '国家', '秘密', '提供', '不予', '无法', '结果', '结转', '维持', '纠正', '审结', '合法', '权益',
  '第三方', '安全', '稳定', '出具', '法规', '反复', '明确', '另行', '重新', '相关', '情形', '区分', '要求', '通知', '缴纳', '费用', '逾期', '同一', '热点', '舆情', '回应', '经济', '技术', '开发区', '综合', '过程', '内部', '事务', '执法', '案卷', '查询', '掌握', '现成', '补正', '内容', '出版物', '机关', '确认', '获取', '总计',
  // and of organs' names (a title's organ and its other name in brackets: 县乡｜村振兴局, 区园｜林绿化局)
  '乡村振兴', '乡村', '振兴', '农业', '农村', '中医药', '卫生', '健康', '园林', '绿化', '城市', '城乡', '住房', '生态', '环境', '自然', '资源',
  '交通', '运输', '水利', '应急', '市场', '税务', '民政', '司法', '财政', '人力', '教育', '体育', '文化', '旅游', '科技', '工业',
  '商务', '审计', '统计', '林业', '粮食', '退役', '军人', '扶贫', '医疗', '大数据', '人民', '政务服务',
  // and of the headings (write/pdf/blocks.ts: a heading of two lines is not broken inside one)
  '建设', '推进', '深化', '加强', '完善', '规范', '标准', '领域', '基层', '政务', '持续', '深入', '全面', '落实', '提升', '发展',
  '管理', '监督', '保障', '平台', '网站', '政策', '解读', '主动', '专栏', '制度', '机制', '队伍', '培训', '考核', '问题', '措施', '改进',
  // (人民群 / 众 in a heading of two lines: a large-report audit; and words headings of these reports share)
  '群众', '人民群众', '知情权', '参与权', '表达权', '监督权', '依法', '责任', '意识', '水平', '能力', '质量', '效率', '渠道',
  '载体', '形式', '方式', '成效', '实效', '透明', '权力', '运行', '决策', '执行', '公众', '参与', '互动', '交流', '宣传',
  // (…暨政务｜公开标准化… where …暨政务公开｜标准化… was as even: a kitchen-sink audit)
  '政务公开', '标准化', '规范化'];

/** WORDS by their first character: a text is read once, not once for each of some two hundred words. */
const WORDS_BY_FIRST = new Map<string, string[]>();
for (const w of WORDS) WORDS_BY_FIRST.set(w[0]!, [...WORDS_BY_FIRST.get(w[0]!) ?? [], w]);

/** For each index of `s`, whether a break there would split one of WORDS. */
export function insideWords(s: string): boolean[] {
  const inside = new Array<boolean>(s.length + 1).fill(false);
  for (let k = 0; k < s.length; k++) {
    const words = WORDS_BY_FIRST.get(s[k]!);
    if (!words) continue;
    for (const w of words) if (s.startsWith(w, k)) for (let i = k + 1; i < k + w.length; i++) inside[i] = true;
  }
  return inside;
}

/** Marks after which a break falls between the items of a list or the clauses of a sentence. */
const CLAUSE_END = new Set([...'、，：；']);
const OPENING = new Set([...'（(“‘《']);
const CLOSING = new Set([...'）)”’》']);

/** For each index of `s`, whether a break there would fall inside brackets （…）, (…), quotes “…” or a title's 《…》. */
function insideBrackets(s: string): boolean[] {
  const inside = new Array<boolean>(s.length + 1).fill(false);
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    inside[i] = depth > 0;
    if (OPENING.has(s[i])) depth++;
    else if (CLOSING.has(s[i]) && depth > 0) depth--;
  }
  inside[s.length] = depth > 0;
  // brackets around the whole text (表三's （本列数据的勾稽关系为：…）) are not a name inside it
  let outer = 0;
  while (outer < s.length / 2 && OPENING.has(s[outer]) && CLOSING.has(s[s.length - 1 - outer]) && inside.slice(outer + 1, s.length - outer).every(Boolean)) outer++;
  if (outer) return insideBrackets(s.slice(outer, s.length - outer)).reduce((all, x, k) => { all[k + outer] = x; return all; }, inside.fill(false));
  return inside;
}

/** Extra cost of a break before index i (in UTF-16 units), or undefined where none may go. */
function breakCost(s: string, i: number, inside: boolean[], brackets: boolean[]): number | undefined {
  const before = s[i - 1];
  const after = s[i];
  if (inside[i]) return undefined;
  // 关于 goes on the line of what it is about (示例县卫生健康委员会｜关于2023年…, never …关于｜2023年…)
  if (s.startsWith('关于', i - 2)) return undefined;
  // never inside a character written as a surrogate pair (rare place names outside the BMP)
  if (/[\udc00-\udfff]/.test(after)) return undefined;
  if (NO_LINE_START.has(after) || NO_LINE_END.has(before)) return undefined;
  if (ALNUM.test(before) && ALNUM.test(after)) return undefined;
  // nor between a figure and its 年, 月, 日 (2021｜年度)
  if (/\d/.test(before) && /[年月日]/.test(after)) return undefined;
  // nor inside a figure or a code, on either side of its marks
  if (JOINER.test(before) && ALNUM.test(s[i - 2] ?? '') && ALNUM.test(after)) return undefined;
  if (JOINER.test(after) && ALNUM.test(before) && ALNUM.test(s[i + 1] ?? '')) return undefined;
  if (before === ' ' || after === ' ') return 0;
  // after a list's 、 (依申请公开、｜行政复议) or a clause's ，：；: between its items (inside
  // brackets as dear as any other break there)
  if (CLAUSE_END.has(before) && !brackets[i]) return 0;
  // an organ and its year: 商丘市人民政府｜2017年, 农业农村局（乡村振兴局）｜2021年
  if ((IDEOGRAPH.test(before) || before === '）' || before === ')') && /^\d{4}年/.test(s.slice(i))) return 0;
  // after the year: 2017年｜政府…, 2017年度｜政府…
  if (before === '年' && after !== '度' && /\d{4}年$/.test(s.slice(0, i))) return 0;
  if (before === '度' && /\d{4}年度$/.test(s.slice(0, i))) return 0;
  // before an organ's other name in brackets: 卫生健康委员会｜（县中医药管理局）
  if ((after === '（' || after === '(') && !brackets[i] && IDEOGRAPH.test(before)) return 0;
  if (s.startsWith('关于', i)) return 0;
  if (s.startsWith('政府信息公开', i) && before !== '民') return 0; // not 人民｜政府
  // inside brackets (an organ's other name: 农业农村局（县乡村振兴局）) twice as dear: the name is
  // split only where no other break gives lines that fit
  return brackets[i] ? 2 * ODD_BREAK_COST : ODD_BREAK_COST;
}

/**
 * The width in em of one UTF-16 unit: the estimate ({@link estimatedEm}), or a face's measured
 * advance where a writer knows the face its lines are set in.
 */
export type EmOf = (unit: string) => number;

/**
 * The lines of a title set in a column `maxEm` characters wide (one line if it fits), or the
 * author's lines where they are given. Indexed in UTF-16 units, as everywhere in the writers (a
 * character outside the BMP counts as two halves of ½ em). `emOf`: the widths (the estimate
 * unless given).
 */
export function titleLines(title: string | string[], maxEm: number, emOf: EmOf = estimatedEm, extraLineCost?: number): string[] {
  if (Array.isArray(title)) return title; // broken by the author
  const text = title.trim();
  // (a column under one character wide holds no line: the typesetter wraps what it can)
  if (!(maxEm >= 1)) return [text];
  const n = text.length;
  // at[i]: the width of text[0, i) in em
  const at = [0];
  for (let i = 0; i < n; i++) at.push(at[i] + emOf(text[i]));
  const total = at[n];
  if (total <= maxEm) return [text];
  const lineCount = Math.ceil(total / maxEm);
  // (a "title" of more lines than a page's title block holds is left to the typesetter: the search
  // takes time in the square of its length, 13,000 characters 6 s, and the build warns that the
  // title fills page 1: review)
  if (lineCount > MAX_SEARCHED_LINES) return [text];
  const inside = insideWords(text);
  const brackets = insideBrackets(text);
  /** The cheapest lines found so far, with their cost (an extra line's included). */
  let chosen: { lines: string[]; cost: number } | undefined;
  for (let lines = lineCount; lines <= lineCount + 2; lines++) {
    // (with an extra line's cost, one more line is tried against the fewest: it is taken where the
    // fewest lines split a name inside brackets, …委员会（县中医 / 药管理局）…)
    if (chosen && (extraLineCost === undefined || lines > lineCount + 1)) break;
    const mean = total / lines;
    // best[j] after k rounds: the cheapest way to set text[0, j) as k lines
    let best: ({ cost: number; from: number } | undefined)[] = [{ cost: 0, from: -1 }];
    const layers: typeof best[] = [best];
    for (let k = 1; k <= lines; k++) {
      const next: typeof best = [];
      // (a line starts no further back than a line's width: the lines before j that fit, in the
      // same order as before; from all of them, a title of thousands of characters took minutes)
      let first = 0;
      for (let j = 1; j <= n; j++) {
        while (at[j] - at[first] > maxEm) first++;
        const cut = j === n ? 0 : breakCost(text, j, inside, brackets);
        if (cut === undefined) continue;
        for (let i = first; i < j; i++) {
          const prev = best[i];
          if (!prev) continue;
          const w = at[j] - at[i];
          if (w > maxEm) continue;
          const cost = prev.cost + (w - mean) ** 2 + cut;
          if (!next[j] || cost < next[j]!.cost) next[j] = { cost, from: i };
        }
      }
      best = next;
      layers.push(best);
    }
    if (!best[n]) continue;
    const out: string[] = [];
    for (let k = lines, j = n; k > 0; k--) {
      const from = layers[k][j]!.from;
      out.unshift(text.slice(from, j).trim());
      j = from;
    }
    // (costs of different line counts compare: imbalance in em² against the same mean's scale)
    const cost = best[n]!.cost + (chosen ? extraLineCost! * (lines - lineCount) : 0);
    if (!chosen || cost < chosen.cost) chosen = { lines: out.filter(Boolean), cost }; // (a break between two spaces leaves no empty line)
  }
  return chosen?.lines ?? [text]; // nowhere to break (one long Latin word): the typesetter wraps it
}

/** A last line this short (in em) is a character left alone: 息, 数）. */
const ORPHAN_EM = 2;

/**
 * The lines of a statistics table's label or header set in a cell `maxEm` characters wide, broken
 * as a title is (words whole, lines even: 本年新 / 制作数量 and （三） / 不予 / 公开, where filling
 * the cell left 本年新制作数 / 量 and （三） / 不予公 / 开). A label set left (表三's rows, the
 * 2014 form's indicators) is broken so only where filling it (as `fill` gives the lines, else by
 * the estimate) leaves a character alone on its last line or splits one of the words titles keep
 * whole (6.属于四类过程性信 / 息); else it is filled, as a wide column reads best.
 *
 * Undefined where the text fits on one line, where it is to be filled, or where even lines would
 * take more lines than filling does (the typesetter then fills the cell). Estimated as titles
 * are; the PDF also checks the lines against the face. `breakEm`: the width the lines are chosen
 * for, where it is narrower than the cell (the DOCX chooses the PDF's).
 */
export function labelLines(text: string, maxEm: number, align: 'left' | 'center' = 'center', fill?: readonly string[], breakEm = maxEm, emOf?: EmOf): string[] | undefined {
  // (measured widths are a face's: not kept here; the PDF writer keeps a label's lines by face)
  if (emOf) return labelLinesOnce(text, maxEm, align, fill, breakEm, emOf);
  // the forms' labels are the same in every report of a batch: each is worked out once
  const key = `${align}|${maxEm}|${breakEm}|${fill ? fill.join('\n') : '-'}|${text}`;
  if (known.has(key)) return known.get(key);
  if (known.size >= KNOWN_MAX) known.clear();
  const lines = labelLinesOnce(text, maxEm, align, fill, breakEm);
  known.set(key, lines);
  return lines;
}

/** labelLines' results, by all they depend on (the text, the widths, the measured fill). */
const known = new Map<string, string[] | undefined>();
const KNOWN_MAX = 20_000;

function labelLinesOnce(text: string, maxEm: number, align: 'left' | 'center', fill: readonly string[] | undefined, breakEm: number, emOf: EmOf = estimatedEm): string[] | undefined {
  const t = text.trim();
  if (!(maxEm >= 1)) return undefined;
  // the cell filled: as the typesetter filled it (`fill`, the PDF's lines in its face), else by
  // the same estimate as titles
  let filled: { breaks: number[]; last: number };
  if (fill) {
    let at = 0;
    let last = 0;
    const lastLine = fill.at(-1) ?? '';
    for (let k = 0; k < lastLine.length; k++) last += emOf(lastLine[k]!); // (unit by unit, as titleLines counts)
    filled = { breaks: fill.slice(0, -1).map((l) => (at += l.length)), last };
  } else {
    filled = filledEstimate(t, maxEm, emOf);
  }
  const { breaks, last } = filled;
  if (breaks.length === 0) return undefined;
  if (align === 'left') {
    const inside = insideWords(t);
    if (last > ORPHAN_EM && !breaks.some((b) => inside[b])) return undefined;
  }
  const width = Math.min(maxEm, breakEm);
  const lines = titleLines(t, width, emOf);
  // no more lines than filling takes (at the narrower width the lines are chosen for, where it is)
  const most = Math.max(breaks.length, width < maxEm ? filledEstimate(t, width, emOf).breaks.length : 0) + 1;
  return lines.length > 1 && lines.length <= most ? lines : undefined;
}

/**
 * `t` filled into lines `maxEm` wide, by the estimate titles use (UTF-16 units as titleLines
 * counts): where its lines break, and the last line's width.
 */
function filledEstimate(t: string, maxEm: number, emOf: EmOf = estimatedEm): { breaks: number[]; last: number } {
  const breaks: number[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const w = emOf(t[i]!);
    if (line + w > maxEm && line > 0) {
      // 禁则, as the typesetter keeps it: a mark that may not start a line (、，。）) takes the
      // character before it along, as does one that may not end a line (（“) the character after
      let at = i;
      if ((NO_LINE_START.has(t[at]!) || NO_LINE_END.has(t[at - 1]!)) && at - 1 > start) at--;
      breaks.push(at);
      start = at;
      line = 0;
      for (let k = at; k < i; k++) line += emOf(t[k]!);
    }
    line += w;
  }
  return { breaks, last: line };
}

/** The lines `text` takes filled into a cell `maxEm` wide, by the estimate titles use (禁则 kept). */
export const estimatedLineCount = (text: string, maxEm: number): number =>
  maxEm >= 1 ? filledEstimate(text.trim(), maxEm).breaks.length + 1 : 1;
