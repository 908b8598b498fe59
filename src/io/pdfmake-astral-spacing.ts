/**
 * Character spacing counted per character, not per UTF-16 unit. pdfmake measures an inline as its
 * glyphs' advances plus its characterSpacing × (text.length − 1); PDF's Tc, which draws that
 * spacing, is added after each glyph. A character outside the BMP (𠮷 in a name) is one glyph in
 * two units, so an inline spaced for a justified line (write/pdf/lines.ts) was measured one gap
 * wider than it is drawn, and the line ended short of the margin. Text of the BMP is measured as
 * pdfmake does.
 */
import { oncePerProcess, pdfmakePrototype } from './pdfmake-internals.js';

interface Inline {
  font: { widthOfString(text: string, size: unknown, features: unknown): number };
  fontSize?: unknown;
  fontFeatures?: unknown;
  characterSpacing?: number;
}
interface TextInlinesProto {
  widthOfText(text: string, inline: Inline): number;
}

const OUTSIDE_BMP = /[\u{10000}-\u{10ffff}]/u;

export const countSpacingByCharacter = oncePerProcess(() => {
  const proto = pdfmakePrototype<TextInlinesProto>('TextInlines');
  const widthOfText = proto.widthOfText;
  proto.widthOfText = function (this: TextInlinesProto, text, inline) {
    if (!inline.characterSpacing || !OUTSIDE_BMP.test(text)) return widthOfText.call(this, text, inline);
    return inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) + inline.characterSpacing * ([...text].length - 1);
  };
});
