/**
 * The ordered, pure transform chain: model in, model out. Order matters:
 * 1. references — {{t3.new_received.total}} → the table's number, before anything reads the text;
 * 2. punctuation — before run-in detection, so "。" decides run-in on normalised text;
 * 3. run-in headings — joins a heading with the paragraph it leads;
 * 4. numbering — last, so markers are never touched by punctuation rules; then ordered lists'
 *    numbers, which depend on the heading above them.
 */
import type { Block, Report } from '../model/types.js';
import { normalizePunctuation, normalizeBlockPunctuation } from './punctuation.js';
import { joinRunInHeadings } from './run-in.js';
import { numberHeadings, numberLists } from './numbering.js';
import { resolveRefs } from './refs.js';

export interface TransformRule {
  name: string;
  run(blocks: Block[], report: Report): Block[];
}

export const RULES: readonly TransformRule[] = [
  { name: 'references', run: (blocks, report) => resolveRefs(blocks, report.statistics) },
  { name: 'punctuation', run: normalizeBlockPunctuation },
  { name: 'run-in', run: joinRunInHeadings },
  { name: 'numbering', run: numberHeadings },
  { name: 'list numbers', run: numberLists },
];

export function transformReport(report: Report, rules: readonly TransformRule[] = RULES): Report {
  const blocks = rules.reduce((acc, rule) => rule.run(acc, report), report.blocks);
  return {
    ...report,
    meta: {
      ...report.meta,
      title: normalizePunctuation(report.meta.title),
      ...(report.meta.titleLines ? { titleLines: report.meta.titleLines.map(normalizePunctuation) } : {}),
    },
    blocks,
    attachments: report.attachments.map((a) => ({ ...a, title: normalizePunctuation(a.title) })),
  };
}
