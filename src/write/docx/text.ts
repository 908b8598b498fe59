import { TextRun } from 'docx';
import type { FontRole } from '../../layout/gbt9704.js';
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
