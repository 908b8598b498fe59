/**
 * Fix 21 of io/pdfkit-fixes.ts: the dot leader between a table-of-contents entry and its page
 * number (write/pdf/toc.ts), as the DOCX's TOC paragraphs have one (a right tab with dots).
 *
 * The page number is known only when pdfmake draws it: it lays out a placeholder and writes the
 * number over it, right-aligned (Renderer.renderLine). So the leader is drawn then, after the
 * number's line: dots on the baseline from the end of the entry's last line to the number,
 * each on a grid counted from the text block's left edge, so the leaders of all entries stand
 * in the same columns. They are a dashed stroke, not text: a reader copying the contents gets the
 * entries and numbers, as from Word's leaders.
 */

import { TOC_LEADER, type TocLeader } from '../write/pdf/toc.js';

/** Dots a third of an em apart, a twelfth of an em across, a quarter em clear of text and number. */
const PITCH_EM = 1 / 3;
const DOT_EM = 1 / 12;
const CLEAR_EM = 1 / 4;

interface LeaderInline { x: number; width: number; fontSize: number; [TOC_LEADER]?: TocLeader }
interface LeaderLine { inlines: LeaderInline[]; getAscenderHeight(): number }
interface LeaderDoc {
  save(): LeaderDoc; restore(): LeaderDoc; lineWidth(w: number): LeaderDoc; lineCap(c: string): LeaderDoc;
  dash(length: number[], options: { phase: number }): LeaderDoc; strokeColor(c: string, o?: number): LeaderDoc;
  moveTo(x: number, y: number): LeaderDoc; lineTo(x: number, y: number): LeaderDoc; stroke(): LeaderDoc;
}

/** A dash this short with round caps is a round dot as wide as the line (pdfkit refuses a dash of 0). */
const DOT_DASH = 0.01;

/**
 * After pdfmake drew `line` at (x, y): its leader, if the line is a contents entry's page number.
 * One stroked line with round caps, dashed a dot a pitch: a few operators, not a path a dot.
 */
export function drawTocLeader(doc: LeaderDoc, line: LeaderLine, x: number, y: number): void {
  const number = line.inlines[line.inlines.length - 1];
  const leader = number?.[TOC_LEADER];
  if (!leader) return;
  const em = number.fontSize;
  const pitch = PITCH_EM * em;
  const dot = DOT_EM * em;
  // the number stands right-aligned at the block's right edge (where pdfmake put the line's start
  // depends on how far its placeholder overhung the column: the number's own edge does not)
  const origin = x + number.x + number.width - leader.block;
  const first = Math.ceil((leader.from + CLEAR_EM * em) / pitch - 1e-9);
  const last = Math.floor((x + number.x - CLEAR_EM * em - origin) / pitch + 1e-9);
  if (last < first) return;
  const baseline = y + line.getAscenderHeight() - dot / 2;
  doc.save().lineWidth(dot).lineCap('round').dash([DOT_DASH, pitch - DOT_DASH], { phase: 0 }).strokeColor('black', 1)
    .moveTo(origin + first * pitch, baseline).lineTo(origin + last * pitch + DOT_DASH, baseline).stroke().restore();
}
