/**
 * Run-in headings (practice, gbt9704.md §3.2): a level 2–4 heading whose text ends with a
 * sentence mark (。！？) is printed at the start of the paragraph that follows it, e.g.
 * "1.加强标准建设，规范推进五公开。严格落实……". Only the heading part takes the heading font.
 */
import { inlineText, type Block } from '../model/types.js';

/** A sentence mark at the end, before any closing quotes or brackets (…为例外。”). */
const SENTENCE_END = /[。！？.!?][”’」』）)]*$/;

export function joinRunInHeadings(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    if (b.type === 'heading' && b.level >= 2 && SENTENCE_END.test(inlineText(b.inlines).trim()) && next?.type === 'paragraph') {
      // (spaces after the heading's mark, a full-width one as pasted from Word, would open a gap before its text)
      const inlines = b.inlines.slice();
      const last = inlines.length - 1;
      if (last >= 0 && /\s$/u.test(inlines[last]!.text)) inlines[last] = { ...inlines[last]!, text: inlines[last]!.text.trimEnd() };
      // (with the source of both, where either escapes a mark: transform/lint.ts)
      const escaped = b.escaped || next.escaped ? [b.escaped, next.escaped].filter(Boolean).join('\n') : undefined;
      // (the figures its references filled, and a failure, both parts': transform/refs.ts)
      const figures = [...(b.figures ?? []), ...(next.figures ?? [])];
      out.push({ ...b, inlines, runIn: next.inlines, ...(escaped ? { escaped } : {}), ...(figures.length ? { figures } : {}), ...(b.unfilled || next.unfilled ? { unfilled: true as const } : {}) });
      i++;
    } else out.push(b);
  }
  return out;
}
