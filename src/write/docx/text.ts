import { TextRun } from 'docx';
import { geometry, sizeOf, type FontRole } from '../../layout/gbt9704.js';
import { titleLines } from '../../layout/title-lines.js';
import type { Inline } from '../../model/types.js';
import { inlineRole } from '../../transform/glyph-check.js';
import { fontOf, type FontNames } from './styles.js';

/** Markdown inlines → runs. The style gives the font; a run names one only when it differs (bold → 黑体, emphasis → 楷体). */
export function inlineRuns(inlines: Inline[], role: FontRole, fonts: FontNames, styleRole: FontRole = role): TextRun[] {
  return inlines.map((i) => {
    const r = inlineRole(i, role);
    return new TextRun({ text: i.text, ...(r !== styleRole ? { font: fontOf(fonts[r]) } : {}) });
  });
}

/** A title in the lines layout/title-lines.ts chooses (the same as the PDF's), joined by line breaks. */
export function titleRuns(title: string | string[], element: 'title' | 'attachmentTitle'): TextRun[] {
  return titleLines(title, geometry.textWidth / sizeOf(element)).map((text, k) => new TextRun({ text, ...(k ? { break: 1 } : {}) }));
}
