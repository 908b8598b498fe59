/**
 * Characters the role face lacks, set in the fallback face in the DOCX too.
 *
 * The PDF draws a character its role face lacks (埇 堃 喆 in the Fandol faces) from the fallback
 * face (write/pdf/text.ts). The DOCX named only the role fonts, so Word and LibreOffice drew
 * such a character from whatever face the system offered, or as a box. Now each text run of
 * word/document.xml that holds one is split, and the pieces with those characters name the
 * fallback font (`w:rFonts`, all four scripts) — for every piece of text, whoever wrote it
 * (paragraphs, titles, the information block, table cells, the table of contents).
 *
 * Which characters: those the glyph check found drawn from the fallback face in some role
 * (transform/glyph-check.ts `fallbackChars`). Such a character is set in the fallback face
 * wherever the DOCX has it: the bundled Fandol faces lack the same rare characters, so that is
 * where the PDF sets it too.
 */
import type { FallbackFont } from './styles.js';

/** A run of plain text as docx and gongwen's raw XML write it: properties, an optional line break, one w:t. */
const RUN = /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?(<w:br\/>)?<w:t( xml:space="preserve")?>([^<]*)<\/w:t><\/w:r>/g;

/** Run properties naming `font`: rFonts replaced, or placed where CT_RPr wants it (after rStyle). */
function withFont(rPr: string | undefined, font: string): string {
  const rFonts = `<w:rFonts w:ascii="${font}" w:eastAsia="${font}" w:hAnsi="${font}" w:cs="${font}"/>`;
  if (!rPr) return `<w:rPr>${rFonts}</w:rPr>`;
  if (/<w:rFonts\b[^>]*\/>/.test(rPr)) return rPr.replace(/<w:rFonts\b[^>]*\/>/, rFonts);
  const afterStyle = /^<w:rPr>(<w:rStyle\b[^>]*\/>)?/.exec(rPr)![0].length;
  return rPr.slice(0, afterStyle) + rFonts + rPr.slice(afterStyle);
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function withFallbackFont(xml: string, fallback: FallbackFont | undefined): string {
  if (!fallback?.chars) return xml;
  const chars = new Set(fallback.chars);
  const font = escapeAttribute(fallback.name);
  return xml.replace(RUN, (run: string, rPr: string | undefined, br: string | undefined, _space: string | undefined, text: string) => {
    // pieces of the text: [inFallback, text]
    const pieces: [boolean, string][] = [];
    for (const ch of text) {
      const inFallback = chars.has(ch);
      const last = pieces.at(-1);
      if (last && last[0] === inFallback) last[1] += ch;
      else pieces.push([inFallback, ch]);
    }
    if (!pieces.some(([f]) => f)) return run;
    const fallbackRPr = withFont(rPr, font);
    return pieces.map(([inFallback, piece], k) =>
      `<w:r>${inFallback ? fallbackRPr : rPr ?? ''}${k === 0 ? br ?? '' : ''}<w:t xml:space="preserve">${piece}</w:t></w:r>`).join('');
  });
}
