/**
 * The parts of a 2019/2021 report against the form (国办公开办函〔2021〕30号 and its 2019
 * predecessor lay down six parts, in order, with 表二, 表三 and 表四 in parts 二, 三 and 四): a
 * part without a heading, and a table placed under another part's heading, are warnings. Headings
 * are matched loosely (punctuation and spaces aside, one containing the other, or most of their
 * character pairs shared), since offices word them a little differently.
 */
import type { Finding } from '../model/errors.js';
import { inlineText, type Block, type HeadingBlock, type StatisticsTable, type TemplateSection } from '../model/types.js';

const normal = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

const pairs = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)));

/** Does a heading's text name a part of the form? */
export function namesSection(heading: string, section: string): boolean {
  const a = normal(heading);
  const b = normal(section);
  if (!a || !b) return false;
  if (a.includes(b) || b.includes(a)) return true;
  const pa = pairs(a);
  const pb = pairs(b);
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared++;
  return (2 * shared) / (pa.size + pb.size) >= 0.6;
}

const tableName = (stats: StatisticsTable, id: string) => `表${stats.template.tables.find((t) => t.id === id)?.title.split('、')[0] ?? id}`;
const shown = (s: TemplateSection) => `${s.no}、${s.title}`;

export function checkStructure(blocks: Block[], stats: StatisticsTable | undefined, reportFile: string): Finding[] {
  const sections = stats?.template.sections;
  if (!stats || !sections?.length) return [];
  const parts = blocks.filter((b): b is HeadingBlock => b.type === 'heading' && b.level === 1);
  const sectionOf = (h: HeadingBlock) => sections.find((s) => namesSection(inlineText(h.inlines), s.title));
  const findings: Finding[] = [];
  for (const s of sections) {
    if (parts.some((h) => sectionOf(h) === s)) continue;
    findings.push({
      severity: 'warning', loc: { file: reportFile },
      message: `the ${stats.template.id} form has ${sections.length} parts; "${shown(s)}" has no heading`,
      hint: `add "# ${s.title}" in its place, after the part before it (gongwen numbers it)`,
    });
  }
  let under: HeadingBlock | undefined;
  for (const b of blocks) {
    if (b.type === 'heading' && b.level === 1) under = b;
    if (b.type !== 'statTable') continue;
    const home = sections.find((s) => s.table === b.table);
    if (!home) continue;
    const here = under && sectionOf(under);
    if (here === home) continue;
    findings.push({
      severity: 'warning', loc: b.loc,
      message: `${tableName(stats, b.table)} sits under ${under ? `"${under.number ?? ''}${inlineText(under.inlines)}"` : 'no heading'}; the form places it in part ${shown(home)}`,
      hint: `move {{table ${b.table}}} under "# ${home.title}"`,
    });
  }
  return findings;
}
