/** What the Chinese faces a word processor is told to use by name are known to draw. */

/**
 * The Chinese faces Windows has had since Vista under these names (宋体 黑体 仿宋 楷体), which
 * cover GB 18030-2000: every Chinese character up to Unicode 3.0 (U+4E00–U+9FA5, extension A
 * U+3400–U+4DB5), 喆 埇 堃 among them. Their GB2312 forebears (仿宋_GB2312, 楷体_GB2312) and the
 * 方正 faces named 简体 cover GB 2312 only, and other names are not known: for those the DOCX
 * goes by the bundled faces, as the PDF does.
 */
const GB18030_FACES = new Set(['宋体', '黑体', '仿宋', '楷体', 'SimSun', 'SimHei', 'FangSong', 'KaiTi']);

/**
 * Whether a word processor draws the code point in the face of that name (a Windows face of
 * GB18030_FACES and a Chinese character of GB 18030-2000): the DOCX then names no fallback font on
 * it. Named on 喆 in 仿宋 text, Noto Serif CJK SC, which an office's computer seldom has, made Word
 * set it in a face of its choosing where 仿宋 has it (a DOCX audit).
 */
export const wordFaceHas = (name: string, cp: number): boolean =>
  GB18030_FACES.has(name) && ((cp >= 0x4e00 && cp <= 0x9fa5) || (cp >= 0x3400 && cp <= 0x4db5));
