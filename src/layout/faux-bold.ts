/**
 * Characters a heavy role's face lacks, drawn heavier from the fallback face.
 *
 * The fallback face is one weight (Noto Serif CJK SC Regular): 埇 in the 小标宋 title of
 * 宿州市埇桥区人民政府, or in a 黑体 heading, came out thin beside its bold neighbours. Both
 * writers embolden such a character: the PDF strokes its outline as well as filling it (text
 * rendering mode 2; a stroke w wide thickens every stroke of the glyph by w), the DOCX marks its
 * run bold (Word and LibreOffice embolden a face that has no bold of its own much the same way).
 * The shape stays the fallback face's (a serif in 黑体 text): a bold serif and a sans fallback
 * face would be some 40 MB more fonts.
 */
import type { FontRole } from './gbt9704.js';

/** The heavy roles: 小标宋 (the title; FandolSong Bold stands in) and 黑体. */
export const HEAVY_ROLES: ReadonlySet<FontRole> = new Set(['songBold', 'hei']);

/**
 * The stroke width, in em of the font size. Stems measured across 丨 一 十 口 中 工 at their
 * middles: Noto Serif Regular's vertical strokes are ≈ 0.067 em and its horizontal ones ≈ 0.03;
 * FandolSong Bold's ≈ 0.12 and ≈ 0.02; FandolHei's ≈ 0.09 both ways. A stroke thickens both
 * alike, so one width between serves both roles: the verticals nearer the role faces', the
 * horizontals not much heavier than the verticals.
 */
export const STROKE_EM = 0.035;
