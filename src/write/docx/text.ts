import { TextRun } from 'docx';
import { geometry, sizeOf, type FontRole } from '../../layout/gbt9704.js';
import { TITLE_EXTRA_LINE_COST, titleLines } from '../../layout/title-lines.js';
import type { Inline } from '../../model/types.js';
import { inlineRole } from '../../transform/glyph-check.js';
import { fontOf, type FontNames } from './styles.js';

/**
 * Markdown inlines → runs. The style gives the font; a run names one only when it differs (bold →
 * 黑体, emphasis → 楷体). A line break in the text (a hard break, a list item's second line) is a
 * break in the run, as the PDF breaks the line: Word and LibreOffice set a raw newline as a space.
 */
export function inlineRuns(inlines: Inline[], role: FontRole, fonts: FontNames, styleRole: FontRole = role): TextRun[] {
  return inlines.flatMap((i) => {
    const r = inlineRole(i, role);
    const font = r !== styleRole ? { font: fontOf(fonts[r]) } : {};
    if (!i.text.includes('\n')) return [new TextRun({ text: i.text, ...font })];
    return i.text.split('\n').flatMap((text, k) => (k === 0 && !text ? [] : [new TextRun({ text, ...font, ...(k ? { break: 1 } : {}) })]));
  });
}

/** A title in the lines layout/title-lines.ts chooses (the same as the PDF's), joined by line breaks. */
export function titleRuns(title: string | string[], element: 'title' | 'attachmentTitle'): TextRun[] {
  return titleLines(title, geometry.textWidth / sizeOf(element), undefined, TITLE_EXTRA_LINE_COST).map((text, k) => new TextRun({ text, ...(k ? { break: 1 } : {}) }));
}
