/**
 * What the docx library cannot say, applied to the packed XML parts:
 * - document defaults: no widow/orphan control, so every page holds its 22 lines as in the PDF
 *   (headings are kept with what follows by their style); no punctuation hanging into the margin
 *   (Word's 允许标点溢出边界): the 版心 is a hard edge, the PDF never hangs punctuation, and
 *   LibreOffice drops a hung mark from its PDF; no extra space between Chinese and Latin text or
 *   figures (Word's and LibreOffice's autoSpaceDE/autoSpaceDN, on by default, set 2022 年 1 月
 *   where the PDF sets 2022年1月). docx writes these elements only when true.
 * - table cells, the information block and the footer do not snap to the 22-line document grid
 *   (their lines are smaller than a grid line); docx has no paragraph-level w:snapToGrid.
 * Elements are inserted in the order CT_PPrBase requires (widowControl, overflowPunct, autoSpaceDE,
 * autoSpaceDN, snapToGrid, before spacing).
 * - docx's Strong (Word's 要点) is a character style, as Word has it, not a paragraph style.
 * - word/fontTable.xml names the document's faces as Chinese ones (fontTableXml).
 * - blocks written as text (raw-xml.ts) are put in place in word/document.xml.
 * - characters the role faces lack name the fallback font (fallback-font.ts).
 */
import type { FontRole } from '../../layout/gbt9704.js';
import { HEAVY_ROLES } from '../../layout/faux-bold.js';
import { withFallbackFont, type HeavyRuns } from './fallback-font.js';
import { escapeLikeDocx, expandRawXml } from './raw-xml.js';
import { heavyStyleIds, STYLE, styleFontNames, type FontNames } from './styles.js';

const OFF_GRID = [STYLE.tableText.id, STYLE.tableHeader.id, STYLE.metaBlock.id, STYLE.pageNumber.id, STYLE.qrCaption.id];

export function fixStylesXml(xml: string): string {
  let out = xml.replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>');
  for (const id of OFF_GRID) {
    // just before w:spacing, where CT_PPrBase wants it (Word rejects elements out of order)
    out = out.replace(new RegExp(`(<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?<w:pPr>[\\s\\S]*?)(<w:spacing )`), '$1<w:snapToGrid w:val="0"/>$2');
  }
  // docx's Strong is a paragraph style: Word's 要点 applied to a word would bold its paragraph.
  // It is a character style, as in Word's own Normal template.
  out = out.replace(/<w:style w:type="paragraph" w:styleId="Strong"><w:name w:val="Strong"\/><w:basedOn w:val="Normal"\/><w:next w:val="Normal"\/>/,
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>');
  // docx bases its character styles (Hyperlink, FootnoteReference …) on Word's default character
  // style without defining it: Word adds its own, other readers find no such style (DOCX audit)
  if (out.includes('w:val="DefaultParagraphFont"') && !out.includes('w:styleId="DefaultParagraphFont"')) {
    out = out.replace(/<w:style /, '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style ');
  }
  return out;
}

/**
 * docx numbers drawings and bookmarks from process-wide counters, so the second document built
 * in one process (a batch) would differ from the first. Numbers are reassigned per document, in
 * order of appearance, so the same content gives the same bytes however it is built.
 */
export function renumberIds(xml: string): string {
  const sequence = () => {
    const seen = new Map<string, number>();
    return (old: string) => {
      if (!seen.has(old)) seen.set(old, seen.size + 1);
      return String(seen.get(old));
    };
  };
  const drawing = sequence();
  const toc = sequence();
  const bookmark = sequence();
  return xml
    .replace(/(<wp:docPr id=")(\d+)"/g, (_, a: string, id: string) => `${a}${drawing(id)}"`)
    .replace(/_Toc(\d+)/g, (_, id: string) => `_Toc${toc(id)}`)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, a: string, id: string) => `${a}${bookmark(id)}"`);
}

/**
 * A source line that wraps (write/docx/front.ts: its own line spacing, two lines to a grid line)
 * off the document grid, which would set each of its lines on a grid line of its own; a source
 * line on one line keeps its style's place on the grid, where the PDF has it.
 */
const wrappedSourceOffGrid = (xml: string): string =>
  xml.replace(`<w:pStyle w:val="${STYLE.sourceLine.id}"/><w:spacing `, `<w:pStyle w:val="${STYLE.sourceLine.id}"/><w:snapToGrid w:val="0"/><w:spacing `);

export const DOCX_PART_FIXES: Record<string, (xml: string) => string> = {
  'word/styles.xml': fixStylesXml,
  'word/document.xml': (xml) => renumberIds(wrappedSourceOffGrid(expandRawXml(xml))),
};

/** The usual Latin names of the Chinese faces, which Word and WPS also know them by (w:altName). */
const ALT_NAMES: Record<string, string> = {
  仿宋: 'FangSong', 仿宋_GB2312: 'FangSong_GB2312', 黑体: 'SimHei', 楷体: 'KaiTi', 楷体_GB2312: 'KaiTi_GB2312', 宋体: 'SimSun',
  方正小标宋简体: 'FZXiaoBiaoSong-B05S', 方正小标宋_GBK: 'FZXiaoBiaoSong-B05',
};

/**
 * word/fontTable.xml naming every font the document uses as a Chinese (GB2312, charset 86) face,
 * with its Latin name where it has a usual one: docx leaves the table empty, and Word or WPS on a
 * computer without a face of that name (方正小标宋简体 is often missing) then substitutes without
 * knowing it is Chinese. With the charset they take a Chinese face in its place.
 */
export function fontTableXml(xml: string, fonts: FontNames): string {
  const names = [...new Set([fonts.songBold, fonts.song, fonts.hei, fonts.fang, fonts.kai, ...(fonts.fallback ? [fonts.fallback.name] : [])])];
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const entries = names.map((name) => `<w:font w:name="${escape(name)}">${ALT_NAMES[name] ? `<w:altName w:val="${ALT_NAMES[name]}"/>` : ''}` +
    '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>').join('');
  return xml.replace(/<w:fonts([^>]*?)\/>$/, `<w:fonts$1>${entries}</w:fonts>`).replace(/<w:fonts([^>]*)><\/w:fonts>$/, `<w:fonts$1>${entries}</w:fonts>`);
}

/**
 * What sets a run in a heavy role: the styles of heavy elements, and the fonts of the heavy roles
 * (as the XML writes them) where no other role is set in a font of the same name.
 */
export function heavyRuns(fonts: FontNames): HeavyRuns {
  const light = new Set((['song', 'songBold', 'hei', 'fang', 'kai'] as const).filter((r) => !HEAVY_ROLES.has(r)).map((r) => fonts[r]));
  const heavy = ([...HEAVY_ROLES] as FontRole[]).map((r) => fonts[r]).filter((name) => !light.has(name));
  return { styles: heavyStyleIds(), fonts: new Set(heavy.map(escapeLikeDocx)) };
}

/** The part fixes for a document in these fonts: its font table; with characters from the fallback face, those set in it. */
export const partFixesFor = (fonts: FontNames): Record<string, (xml: string) => string> => ({
  ...DOCX_PART_FIXES,
  'word/fontTable.xml': (xml) => fontTableXml(xml, fonts),
  ...(fonts.fallback ? { 'word/document.xml': (xml: string) => withFallbackFont(DOCX_PART_FIXES['word/document.xml']!(xml), fonts.fallback, heavyRuns(fonts), styleFontNames(fonts)) } : {}),
});
