/**
 * The ordered, pure transform chain: model in, model out. Order matters:
 * 1. references — {{t3.new_received.total}} → the table's number, before anything reads the text;
 * 2. punctuation — before run-in detection, so "。" decides run-in on normalised text;
 * 3. run-in headings — joins a heading with the paragraph it leads;
 * 4. numbering — last, so markers are never touched by punctuation rules; then ordered lists'
 *    numbers, which depend on the heading above them.
 */
import { asciiDigits } from '../model/typed-text.js';
import type { InputError } from '../model/errors.js';
import type { Block, Report } from '../model/types.js';
import { normalizeInlines, normalizePunctuation, normalizeBlockPunctuation } from './punctuation.js';
import { joinRunInHeadings } from './run-in.js';
import { numberHeadings, numberLists } from './numbering.js';
import { resolveRefs } from './refs.js';

export interface TransformRule {
  name: string;
  /** `problems`: where a rule adds what it could not do, for the checks to report (Report.problems). */
  run(blocks: Block[], report: Report, problems: InputError[]): Block[];
}

export const RULES: readonly TransformRule[] = [
  { name: 'references', run: (blocks, report, problems) => resolveRefs(blocks, report.statistics, report.meta.year, problems) },
  { name: 'punctuation', run: normalizeBlockPunctuation },
  { name: 'run-in', run: joinRunInHeadings },
  { name: 'numbering', run: numberHeadings },
  { name: 'list numbers', run: numberLists },
];

/** The given fields of `o` among `keys` normalised as the body is (fields not given stay absent). */
function punctuated<T extends object>(o: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (typeof o[k] === 'string') out[k] = normalizePunctuation(o[k] as string) as T[keyof T];
  return out;
}

export function transformReport(report: Report, rules: readonly TransformRule[] = RULES): Report {
  const problems: InputError[] = [];
  const blocks = rules.reduce((acc, rule) => rule.run(acc, report, problems), report.blocks);
  const { meta } = report;
  return {
    ...report,
    // the fields printed as Chinese text get the body's punctuation: 农业农村局(乡村振兴局) in
    // 发布机构 beside the title's 农业农村局（乡村振兴局）, 张伟;李娜 as 责任编辑 (codes and numbers —
    // 索引号, 文号, telephone, e-mail — are left as typed)
    meta: {
      ...meta,
      title: normalizePunctuation(meta.title),
      ...(meta.titleLines ? { titleLines: meta.titleLines.map(normalizePunctuation) } : {}),
      ...punctuated(meta, ['organ', 'source', 'site', 'category', 'validity', 'editor', 'signature']),
      keywords: meta.keywords.map(normalizePunctuation),
      // GB/T 9704 7.2.5: a 文号's year in 六角括号 〔〕, however it was typed (示农[2022]3号, 【2022】, （2022）)
      // (every year of it, in ﹝﹞ too, without the spaces typed around: 示农 [2022] 3号)
      // (full-width digits in ASCII, as GB/T 9704 writes the year and number: 测政办（２０１４）５号)
      ...(meta.docNo ? { docNo: meta.docNo.replace(/[０-９]+/gu, asciiDigits).replace(/\s*[[【［(（〔﹝]\s*(\d{4})\s*[\]】］)）〕﹞]\s*/gu, '〔$1〕') } : {}),
      ...(meta.contact ? { contact: { ...meta.contact, ...punctuated(meta.contact, ['organ', 'address']) } } : {}),
    },
    blocks,
    ...(problems.length ? { problems: problems.map((e) => ({ loc: e.loc, message: e.problem, ...(e.hint ? { hint: e.hint } : {}) })) } : {}),
    attachments: report.attachments.map((a) => ({
      ...a, title: normalizePunctuation(a.title),
      // (the note as a body paragraph is)
      ...(a.note ? { note: { ...a.note, inlines: normalizeInlines(a.note.inlines) } } : {}),
    })),
  };
}
