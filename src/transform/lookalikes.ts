/**
 * Characters that look like Chinese characters and are others, as text copied out of a PDF
 * gives them: a PDF maps each glyph back to a character through its font's table, and many
 * fonts map the glyphs of common characters to the Kangxi radicals (⼯作 with U+2F2F for 工,
 * ⽬标 with U+2F6C for 目, ⽂件) or to CJK compatibility ideographs (U+F900–U+FAFF, and the
 * supplement's U+2F800–U+2FA1F: 丽 U+2F800 for 丽, which no bundled face has). They print
 * like the characters meant, but a reader searching the portal PDF for 目标 does not find ⽬标,
 * and a screen reader reads them as radicals. Each is the character it stands for (its Unicode
 * compatibility or canonical decomposition, or for radical forms SUPPLEMENT below); the 12
 * compatibility ideographs that have none (﨎 﨏 﨑 …, characters of their own) stay.
 */

const LOOKALIKE = /[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\u{2f800}-\u{2fa1f}]/u;

/**
 * The CJK Radicals Supplement forms that stand for whole characters, as simplified-Chinese PDFs
 * give them (⼈⺠政府, ⻓期, ⻔户网站, ⻅附件): Unicode decomposes only two of them. The component
 * forms (⻈ for 讠, ⻐ for 钅 …) are no characters of their own and stay.
 */
const SUPPLEMENT: Record<string, string> = {
  '⺟': '母', '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻙': '韦', '⻚': '页',
  '⻛': '风', '⻜': '飞', '⻢': '马', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿',
  '⻰': '龙', '⻳': '龟', '⻘': '青', '⻝': '食', '⻣': '骨', '⻤': '鬼', '⻡': '首',
};

/** `text` with Kangxi radicals, radical forms of whole characters and compatibility ideographs as the characters they stand for. */
export function unifyIdeographs(text: string): string {
  if (!LOOKALIKE.test(text)) return text;
  return text.replace(/[\u2e80-\u2ef3]/gu, (c) => SUPPLEMENT[c] ?? c).replace(/[\u2f00-\u2fd5]/gu, (c) => c.normalize('NFKC'))
    .replace(/[\uf900-\ufaff\u{2f800}-\u{2fa1f}]/gu, (c) => c.normalize('NFC'));
}
