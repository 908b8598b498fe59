/**
 * Characters that look like Chinese characters and are others, as text copied out of a PDF
 * gives them: a PDF maps each glyph back to a character through its font's table, and many
 * fonts map the glyphs of common characters to the Kangxi radicals (⼯作 with U+2F2F for 工,
 * ⽬标 with U+2F6C for 目, ⽂件) or to CJK compatibility ideographs (U+F900–U+FAFF). They print
 * like the characters meant, but a reader searching the portal PDF for 目标 does not find ⽬标,
 * and a screen reader reads them as radicals. Each is the character it stands for (its Unicode
 * compatibility or canonical decomposition); the 12 compatibility ideographs that have none
 * (﨎 﨏 﨑 …, characters of their own) stay.
 */

const LOOKALIKE = /[\u2f00-\u2fd5\uf900-\ufaff]/u;

/** `text` with Kangxi radicals and compatibility ideographs as the characters they stand for. */
export function unifyIdeographs(text: string): string {
  if (!LOOKALIKE.test(text)) return text;
  return text.replace(/[\u2f00-\u2fd5]/gu, (c) => c.normalize('NFKC')).replace(/[\uf900-\ufaff]/gu, (c) => c.normalize('NFC'));
}
