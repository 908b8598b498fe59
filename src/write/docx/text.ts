import { ExternalHyperlink, TextRun, type ParagraphChild } from 'docx';
import { geometry, sizeOf, type FontRole } from '../../layout/gbt9704.js';
import { TITLE_EXTRA_LINE_COST, titleLines } from '../../layout/title-lines.js';
import type { Inline } from '../../model/types.js';
import { inlineRole } from '../../transform/glyph-check.js';
import { linkPieces } from '../../transform/web-links.js';
import { fontOf, type FontNames } from './styles.js';

/**
 * Markdown inlines → runs. The style gives the font; a run names one only when it differs (bold →
 * 黑体, emphasis → 楷体). A line break in the text (a hard break, a list item's second line) is a
 * break in the run, as the PDF breaks the line: Word and LibreOffice set a raw newline as a space.
 * A web or e-mail address is a hyperlink to it (transform/web-links.ts), as in the PDF, and looks
 * like the text around it (no blue, no underline: the printed copy shows what was typed).
 */
export function inlineRuns(inlines: Inline[], role: FontRole, fonts: FontNames, styleRole: FontRole = role): ParagraphChild[] {
  return inlines.flatMap((i) => {
    const r = inlineRole(i, role);
    const font = r !== styleRole ? { font: fontOf(fonts[r]) } : {};
    return linkPieces(i.text).flatMap((p): ParagraphChild[] => (p.href ? [new ExternalHyperlink({ link: p.href, children: textRuns(p.text, font) })] : textRuns(p.text, font)));
  });
}

function textRuns(text: string, font: { font?: ReturnType<typeof fontOf> }): TextRun[] {
  if (!text) return [];
  if (!text.includes('\n')) return [new TextRun({ text, ...font })];
  return text.split('\n').flatMap((line, k) => (k === 0 && !line ? [] : [new TextRun({ text: line, ...font, ...(k ? { break: 1 } : {}) })]));
}

/** A title in the lines layout/title-lines.ts chooses (the same as the PDF's), joined by line breaks. */
export function titleRuns(title: string | string[], element: 'title' | 'attachmentTitle'): TextRun[] {
  return titleLines(title, geometry.textWidth / sizeOf(element), undefined, TITLE_EXTRA_LINE_COST).map((text, k) => new TextRun({ text, ...(k ? { break: 1 } : {}) }));
}
