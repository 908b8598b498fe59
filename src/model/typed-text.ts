/** Conventions of what authors type, shared by the reader, the checks and `gongwen new`. */

/** The mark of text still to be written, as `gongwen new` leaves it (write/skeleton.ts, transform/lint.ts). */
export const TO_WRITE = '【待填写';

/** Full-width digits and point (１５６．５, as a Chinese input method gives them) in ASCII. */
export const asciiDigits = (s: string): string =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');

/**
 * What follows a decimal typed without its 0 (下降.5个百分点, 提高.8%, 共计.5万元): a figure, not a
 * sentence end (transform/punctuation.ts keeps it, transform/lint.ts asks for the 0).
 */
export const BARE_DECIMAL_UNIT = '(?:%|％|‰|个百分点|倍|万元|亿元|万|亿|元)';

/**
 * Characters that print nothing, copied along with text from web pages and Word: zero-width
 * spaces and joiners, direction marks, embeddings, overrides and isolates (which also turned a
 * terminal's message around), the word joiner, a byte-order mark inside the text, soft hyphens,
 * variation selectors. They are dropped wherever text is read (no font has a glyph for
 * them, and they mean nothing in Chinese text).
 */
export const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad\ufe0e\ufe0f]/g;
export const withoutInvisible = (s: string): string => s.replace(INVISIBLE, '');

/**
 * Spaces of other widths (en, em, thin, hair, figure, narrow no-break, medium mathematical,
 * Ogham: U+2000–U+200A, U+202F, U+205F, U+1680), pasted from Word and web pages, and tabs: each a
 * plain space. The faces have no glyph for most of them, and the PDF drew a box with an F in it
 * where one stood, without a word (a glyph audit); a 公文 has no tab stops.
 */
const ODD_SPACES = /[\t\u1680\u2000-\u200a\u202f\u205f]+/g;
export const plainSpaces = (s: string): string => s.replace(ODD_SPACES, ' ');

/** Text as typed into a field or a paragraph, cleaned as every reader cleans it: invisible characters dropped, odd spaces and tabs made spaces, marks composed. */
export const cleanTyped = (s: string): string => composeMarks(plainSpaces(withoutInvisible(s)));

/**
 * A letter followed by combining marks, as some input methods and pasted text give them (José as
 * e + U+0301, pinyin à ǎ): composed into the one character each is (NFC). Fonts draw the composed
 * characters; a separate mark was drawn unpositioned, over the next character (a bad-input
 * audit), or refused as in no font where only the composed character is in one. Other text is
 * left as it is (NFC would also map CJK compatibility ideographs to other characters).
 */
export const composeMarks = (s: string): string => (/\p{M}/u.test(s) ? s.replace(/\p{L}\p{M}+/gu, (m) => m.normalize('NFC')) : s);

/**
 * An attachment's label typed before its title or as a line of the body: 附件：, 附件1:, 附表：, 附件一：,
 * or with a space after it, 附件 2017年…
 * (GB/T 9704 7.3.4: gongwen prints 附件：and the title after the body, from attachment:).
 */
export const ATTACHMENT_LABEL = /^\s*附[件表]\s*(?:[0-9０-９]+|[一二三四五六七八九十]+)?\s*(?:[：:]\s*|[\s　]+(?=\S))/u;
