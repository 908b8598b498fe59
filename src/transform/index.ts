/**
 * The ordered, pure transform chain: model in, model out. Order matters:
 * 1. punctuation — before run-in detection, so "。" decides run-in on normalised text;
 * 2. run-in headings — joins a heading with the paragraph it leads;
 * 3. numbering — last, so markers are never touched by punctuation rules.
 */
import type { Block, Report } from '../model/types.js';
import { normalizePunctuation, normalizeBlockPunctuation } from './punctuation.js';
import { joinRunInHeadings } from './run-in.js';
import { numberHeadings } from './numbering.js';

export interface TransformRule {
  name: string;
  run(blocks: Block[]): Block[];
}

export const RULES: readonly TransformRule[] = [
  { name: 'punctuation', run: normalizeBlockPunctuation },
  { name: 'run-in', run: joinRunInHeadings },
  { name: 'numbering', run: numberHeadings },
];

export function transformReport(report: Report, rules: readonly TransformRule[] = RULES): Report {
  const blocks = rules.reduce((acc, rule) => rule.run(acc), report.blocks);
  return {
    ...report,
    meta: { ...report.meta, title: normalizePunctuation(report.meta.title) },
    blocks,
    attachments: report.attachments.map((a) => ({ ...a, title: normalizePunctuation(a.title) })),
  };
}
