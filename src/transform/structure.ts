/**
 * The parts of a 2019/2021 report against the form (国办公开办函〔2021〕30号 and its 2019
 * predecessor lay down six parts, in order, with 表二, 表三 and 表四 in parts 二, 三 and 四): a
 * part without a heading, and a table placed under another part's heading, are warnings. Headings
 * are matched loosely (punctuation and spaces aside, one containing the other, or most of their
 * character pairs shared), and by their place when there are six, since offices word them freely.
 */
import type { Finding } from '../model/errors.js';
import { asciiDigits, ATTACHMENT_LABEL } from '../model/typed-text.js';
import { checkContents2008 } from './contents-2008.js';
import { inlineText, type Block, type HeadingBlock, type Loc, type StatTemplate, type TemplateSection } from '../model/types.js';

const normal = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

const pairs = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)));

/** How well a heading's text names a part of the form: 1 the same, 0.9 one holds the other, else the share of character pairs. */
export function nameScore(heading: string, section: string): number {
  const a = normal(heading);
  const b = normal(section);
  if (!a || !b) return 0;
  if (a === b) return 1;
  // (not a short word held by several titles: 公开, 信息公开)
  if (Math.min(a.length, b.length) >= 5 && (a.includes(b) || b.includes(a))) return 0.9;
  const pa = pairs(a);
  const pb = pairs(b);
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared++;
  return (2 * shared) / (pa.size + pb.size);
}

const MATCH = 0.6;

const tableName = (template: StatTemplate, id: string) => `表${template.tables.find((t) => t.id === id)?.title.split('、')[0] ?? id}`;
const shown = (s: TemplateSection) => `${s.no}、${s.title}`;

/**
 * The part of the form each # heading stands for: the one its words name best (and no other as
 * well), else, when the report has as many parts as the form, the one in its place (offices word
 * them freely: 主动公开情况, 依申请公开情况).
 */
function partsOf(blocks: Block[], sections: TemplateSection[]): { parts: HeadingBlock[]; partOf: Map<HeadingBlock, TemplateSection | undefined> } {
  const parts = blocks.filter((b): b is HeadingBlock => b.type === 'heading' && b.level === 1);
  const named = parts.map((h) => {
    const scored = sections.map((s) => ({ s, score: nameScore(inlineText(h.inlines), s.title) })).sort((x, y) => y.score - x.score);
    return scored[0].score >= MATCH && scored[0].score > (scored[1]?.score ?? 0) ? scored[0].s : undefined;
  });
  // (by its place only where no other heading names that part: a part of the 2014 reports added
  // in part 四's place, # 回应社会关注和政策解读情况, stood for 四 beside the heading that names it)
  const partOf = new Map(parts.map((h, k): [HeadingBlock, TemplateSection | undefined] =>
    [h, named[k] ?? (parts.length === sections.length && !named.includes(sections[k]) ? sections[k] : undefined)]));
  return { parts, partOf };
}

/** The # heading of the part of the form that holds table `table` (its home: read/report.ts says where a missing {{table}} goes), if the report has one. */
export function headingOfTable(blocks: Block[], template: StatTemplate, table: string): HeadingBlock | undefined {
  const home = template.sections?.find((s) => s.table === table);
  if (!home) return undefined;
  const { parts, partOf } = partsOf(blocks, template.sections!);
  return parts.find((h) => partOf.get(h) === home);
}

/** `template`: the report's form (its statistics file's, else its year's: a report without statistics still has the form's parts). */
export function checkStructure(blocks: Block[], template: StatTemplate | undefined, report: Loc): Finding[] {
  // (the 2014 form's years: the 2008 条例's contents, in headings worded freely)
  if (template?.id === 'gov-2014') return checkContents2008(blocks, report);
  const sections = template?.sections;
  if (!template || !sections?.length) return [];
  const { parts, partOf } = partsOf(blocks, sections);
  const findings: Finding[] = [];
  // a part missing is told only where the report has no more parts than the form (with more,
  // freely worded headings cannot be told from missing ones); with as many, where another heading
  // names the part a heading stands in the place of
  if (parts.length <= sections.length) {
    // a heading in a missing part's place that names no part (renamed: 主动公开情况, newcomer — told
    // at the part before, it was not found): at that heading, with the form's name; only where it is
    // the one such heading for the one such part (two parts missing around it: which, review)
    const missing = sections.filter((s) => ![...partOf.values()].includes(s));
    const placeOf = (s: TemplateSection) => {
      const k = sections.indexOf(s);
      const before = sections.slice(0, k).reverse().map((p) => parts.find((h) => partOf.get(h) === p)).find(Boolean);
      const after = sections.slice(k + 1).map((p) => parts.find((h) => partOf.get(h) === p)).find(Boolean);
      const [from, to] = [before ? parts.indexOf(before) : -1, after ? parts.indexOf(after) : parts.length];
      return { before, after, unnamed: parts.filter((h, i) => i > from && i < to && partOf.get(h) === undefined) };
    };
    const places = new Map(missing.map((s) => [s, placeOf(s)]));
    const claimed = (h: HeadingBlock) => missing.filter((s) => places.get(s)!.unnamed.includes(h)).length;
    for (const s of missing) {
      const { before, after, unnamed } = places.get(s)!;
      // (a part's heading typed a level too low, ## 主动公开政府信息情况: at it, not "add # …",
      // which would print the part twice, a 2019-form trial — in the part's place, with its very
      // name: not ## 存在的主要问题 under 五、存在的主要问题及改进情况, nor ## 申请办理总体情况
      // under 三 where # 总体情况 is left out, a review)
      const [from, to] = [before ? blocks.indexOf(before) : 0, after ? blocks.indexOf(after) : blocks.length];
      const low = blocks.slice(from, to).find((b): b is HeadingBlock => b.type === 'heading' && b.level > 1 && !b.runIn && normal(inlineText(b.inlines)) === normal(s.title));
      if (low) {
        findings.push({
          severity: 'warning', loc: low.loc,
          message: `"${low.number ?? ''}${inlineText(low.inlines)}" names part ${shown(s)} of the ${template.id} form, but is a ${'#'.repeat(low.level)} heading: it is printed inside the part before it`,
          hint: `write it as "# ${inlineText(low.inlines)}" (a part's heading is a #; gongwen numbers it)`,
        });
        continue;
      }
      if (unnamed.length === 1 && claimed(unnamed[0]!) === 1) {
        findings.push({
          severity: 'warning', loc: unnamed[0]!.loc,
          message: `"${inlineText(unnamed[0]!.inlines)}" is not read as part ${shown(s)} of the ${template.id} form, which has no heading`,
          hint: `name it as the form does: "# ${s.title}" (gongwen numbers it)`,
        });
        continue;
      }
      // at the heading of the part before it, where the report has one (else at the body's start)
      findings.push({
        severity: 'warning', loc: before?.loc ?? report,
        message: `the ${template.id} form has ${sections.length} parts; "${shown(s)}" has no heading`,
        hint: `add "# ${s.title}" in its place, after the part before it (gongwen numbers it)`,
      });
    }
  }
  // a heading that stands for no part, where the report has as many parts as the form or more: a
  // part the form does not have (a part of the 2014 reports, 回应社会关注和政策解读情况, added: the
  // form's parts after it were numbered one on, 表四 printed under 五、); with more parts, said once
  const told = new Set(findings.map((f) => f.loc));
  const none = parts.filter((h) => partOf.get(h) === undefined && !told.has(h.loc));
  // a heading that names a part an earlier one names too (part 四 in two: …行政复议情况, …行政诉讼情况;
  // 主动公开政府信息情况（续）): the parts after it were numbered on as well, without a word (a review)
  const again = parts.filter((h, i) => partOf.get(h) !== undefined && parts.slice(0, i).some((g) => partOf.get(g) === partOf.get(h)));
  const first = (h: HeadingBlock) => parts.find((g) => partOf.get(g) === partOf.get(h))!;
  const quoted = (h: HeadingBlock) => `"${inlineText(h.inlines)}"`;
  const list = sections.map(shown).join(' ');
  if (parts.length > sections.length && (none.length || again.length)) {
    const extra = parts.filter((h) => none.includes(h) || again.includes(h));
    findings.push({
      severity: 'warning', loc: extra[0]!.loc,
      message: `the ${template.id} form has ${sections.length} parts, the report ${parts.length}: ${extra.map((h) => `${quoted(h)} ${none.includes(h) ? 'names none of them' : `names part ${partOf.get(h)!.no} again`}`).join('; ')} — gongwen numbers the parts as they come, so they are not numbered as on the form`,
      hint: `the form's parts are ${list}; put an extra part's text under the part it belongs to (its heading a ##), or name a part as the form does`,
    });
  } else if (parts.length <= sections.length) {
    if (parts.length === sections.length) {
      for (const h of none) {
        const place = sections[parts.indexOf(h)]!;
        findings.push({
          severity: 'warning', loc: h.loc,
          message: `${quoted(h)} names none of the ${template.id} form's ${sections.length} parts, and stands in the place of part ${place.no}, which ${quoted(parts.find((g) => partOf.get(g) === place)!)} names`,
          hint: `the form's parts are ${list}; put its text under the part it belongs to (its heading a ##), or name it as the form does`,
        });
      }
    }
    for (const h of again) {
      findings.push({
        severity: 'warning', loc: h.loc,
        message: `${quoted(h)} names part ${shown(partOf.get(h)!)} of the ${template.id} form again, after ${quoted(first(h))}`,
        hint: `put its text under ${quoted(first(h))} (its heading a ##), or name it as the part it is: the form's parts are ${list}`,
      });
    }
  }
  // parts out of the form's order (四 and 五 swapped): at the first that comes after a later one
  // (not a heading that names a part again: that is said above)
  let latest: { h: HeadingBlock; k: number } | undefined;
  for (const h of parts) {
    const part = partOf.get(h);
    if (!part || again.includes(h)) continue;
    const k = sections.indexOf(part);
    if (latest && k < latest.k) {
      findings.push({
        severity: 'warning', loc: h.loc,
        message: `part ${part.no} of the ${template.id} form, ${quoted(h)}, comes after its part ${sections[latest.k]!.no}, ${quoted(latest.h)}: gongwen numbers the parts as they come`,
        hint: `move it, with its text, before "# ${inlineText(latest.h.inlines)}": the form's parts are ${list}`,
      });
      break;
    }
    latest = { h, k };
  }
  let under: HeadingBlock | undefined;
  for (const b of blocks) {
    if (b.type === 'heading' && b.level === 1) under = b;
    if (b.type !== 'statTable') continue;
    const home = sections.find((s) => s.table === b.table);
    const here = under && partOf.get(under);
    // misplaced only where the heading above is known to stand for another part
    if (!home || !here || here === home) continue;
    findings.push({
      severity: 'warning', loc: b.loc,
      message: `${tableName(template, b.table)} sits under "${under!.number ?? ''}${inlineText(under!.inlines)}"${normal(inlineText(under!.inlines)) === normal(here.title) ? '' : ` (part ${shown(here)})`}; the form places it in part ${shown(home)}`,
      hint: `move {{table ${b.table}}} under "# ${home.title}"`,
    });
  }
  return findings;
}

/**
 * A heading with nothing under it — the next block a heading of its level or above, or the end
 * of the body (## 平台建设情况 straight before ## 监督保障, a last # 其他需要报告的事项 left bare):
 * a warning, since a part of the form with no text reads as forgotten (where there is nothing to
 * report, offices write 无。). A last heading over the attachments (# 附表, whose table is the
 * attachment) is no such heading.
 */
export function checkEmptySections(blocks: Block[], hasAttachments: boolean): Finding[] {
  const findings: Finding[] = [];
  blocks.forEach((b, i) => {
    if (b.type !== 'heading' || b.runIn) return;
    const next = blocks[i + 1];
    if (next === undefined ? hasAttachments : next.type !== 'heading' || next.level > b.level) return;
    findings.push({
      severity: 'warning', loc: b.loc,
      message: `"${b.number ?? ''}${inlineText(b.inlines)}" has no text under it`,
      hint: 'write its text (无。 where there is nothing to report), or remove the heading',
    });
  });
  return findings;
}

/**
 * Headings of two levels side by side under one heading, the deeper first: ### 主动公开 (a ## typed
 * with one # too many) before ## 依申请公开 under 一、, printed 1.主动公开 then （一）依申请公开 in
 * one part (a 2019-form trial). A level skipped on its own (一、 then 1.) is allowed; a deeper
 * heading after one of the level it skips is under that one. A warning at the deeper heading.
 */
export function checkHeadingLevels(blocks: Block[]): Finding[] {
  const findings: Finding[] = [];
  /** The headings open above the current one, outermost first; each with the deeper children seen under it before a child of the level below it. */
  const open: { h: HeadingBlock; deep: HeadingBlock[] }[] = [];
  for (const b of blocks) {
    if (b.type !== 'heading') continue;
    while (open.length && open.at(-1)!.h.level >= b.level) open.pop();
    const parent = open.at(-1);
    const level = (parent?.h.level ?? 0) + 1;
    if (parent && b.level > level) parent.deep.push(b);
    else if (parent && b.level === level) {
      for (const d of parent.deep.splice(0)) {
        findings.push({
          severity: 'warning', loc: d.loc,
          message: `"${d.number ?? ''}${inlineText(d.inlines)}" and "${b.number ?? ''}${inlineText(b.inlines)}" stand side by side under "${parent.h.number ?? ''}${inlineText(parent.h.inlines)}", numbered at two levels: the first is a ${'#'.repeat(d.level)} heading, the second a ${'#'.repeat(b.level)}`,
          hint: `write it as "${'#'.repeat(b.level)} ${inlineText(d.inlines)}" (gongwen numbers it with the heading after it)`,
        });
      }
    }
    open.push({ h: b, deep: [] });
  }
  return findings;
}

/**
 * A line of the body that prints the 附件说明 a second time: a paragraph 附件：… (the line a Word
 * draft ends with) or a heading # 附件：…, where gongwen prints 附件：and the title from
 * attachment: after the body (a 2014-form trial: twice on one page, without a word). A heading
 * 附表 or 附件 alone, over the attachment, as the Shangqiu report has it, is none. Where the report
 * has no attachment, such a line names one that is not there; so does a sentence's 详见附件2 past
 * the report's last. Warnings at their blocks.
 */
export function checkAttachmentLines(blocks: Block[], attachments: readonly { title: string }[]): Finding[] {
  const said = attachments.length ? `附件：${attachments[0]!.title}` : undefined;
  return blocks.flatMap((b): Finding[] => {
    if (b.type !== 'heading' && b.type !== 'paragraph') return [];
    const text = inlineText(b.inlines);
    const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
    const what = b.type === 'heading' ? 'the heading' : 'the line';
    if (ATTACHMENT_LABEL.test(text)) {
      // (with no attachment: a 附件说明 that names none, printed under the body without a word —
      // the Word draft's last line kept where attachment: was removed, a 2019-form trial)
      return [said ? {
        severity: 'warning', loc: b.loc,
        message: `${what} "${shown}" prints the 附件说明 a second time: gongwen prints "${said}" under the body, from attachment:`,
        hint: b.type === 'heading' ? 'remove the heading, or name it 附表 or 附件 alone' : 'remove the line',
      } : {
        severity: 'warning', loc: b.loc,
        message: `${what} "${shown}" names an attachment, but the report has none: it is printed as typed, with no attachment after it`,
        hint: 'remove the line, or add the attachment: "attachment: { title: … }" in the front matter, its content under it (gongwen prints the 附件说明 from it)',
      }];
    }
    // (详见附件2 where the report has one attachment, or none; 详见附件1、2 by its last, 如附件2所示)
    for (const cited of text.matchAll(ATTACHMENT_CITED)) {
      // (another document's attachment: 《…通知》的要求（其中考核细则参见附件3）, a review)
      if (/《[^。！？]*$/u.test(text.slice(0, cited.index))) continue;
      const n = Math.max(...(cited[1] ?? '').split(/[^0-9０-９一二三四五六七八九十]+/u).map(attachmentNumber));
      if (n <= attachments.length) continue;
      return [{
        severity: 'warning', loc: b.loc,
        message: `"…${cited[0]}…" refers to 附件${cited[1] ? n : ''}, but the report has ${attachments.length === 0 ? 'no attachment' : attachments.length === 1 ? 'one attachment' : `${attachments.length} attachments`}`,
        hint: attachments.length ? `refer to one of its attachments (附件${attachments.length === 1 ? '' : `1–${attachments.length}`}), or add the attachment` : 'remove the reference, or add the attachment: "attachment: { title: … }" in the front matter',
      }];
    }
    return [];
  });
}

/**
 * A sentence's reference to an attachment, and the numbers it gives: 详见附件, 见附件2, 参见附件二,
 * 详见附件1、2, 如附件2所示. Not 附件下载专区 (a part of a web site), 意见附件, 如附件材料不全.
 */
const NUMBER = '(?:[0-9０-９]+|[一二三四五六七八九十]+)';
const ATTACHMENT_CITED = new RegExp(`(?:(?:详见|参见|(?<!意)见)附件(?!\\s*(?:下载|专区|专栏|栏目|区))|如附件(?=\\s*${NUMBER}))\\s*(${NUMBER}(?:\\s*[、，,和及至]\\s*(?:附件)?\\s*${NUMBER})*)?`, 'gu');

/** The number of 附件N (1 where none is given): 2, ２, 二 (a Chinese one of two characters or more, 十一, taken as 10 or more). */
const attachmentNumber = (typed: string): number =>
  !typed ? 1 : /^[0-9０-９]+$/u.test(typed) ? Number(asciiDigits(typed)) : typed.length === 1 ? '一二三四五六七八九十'.indexOf(typed) + 1 : 10;
