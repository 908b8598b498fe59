/**
 * Named paragraph styles: one per 公文 element, so a reviewer sees and reuses them in Word/WPS.
 * Every style names its East Asian font explicitly and sets zh-CN; headings carry outline levels.
 */
import { AlignmentType, LineRuleType, type IStylesOptions } from 'docx';
import { ELEMENTS, FACE_METRICS, geometry, HEADING_ELEMENTS, STAT_TABLE_GAP, type ElementName, type FontRole } from '../../layout/gbt9704.js';
import { HEAVY_ROLES } from '../../layout/faux-bold.js';
import { ptToHalfPoints, ptToTwip, twipToPt, ZIHAO, type Zihao } from '../../layout/units.js';
import { tocHang } from './toc.js';

/** Font names for Word, by role; `fallback` when some characters are drawn from the fallback face. */
export type FontNames = Record<FontRole, string> & { fallback?: FallbackFont };
/**
 * The fallback face's name and the characters set in it (write/docx/fallback-font.ts): `chars`,
 * lacking in every role they are set in; `byFont`, for each font name a role is named by, the
 * characters that role's face lacks (a run in that font sets those in the fallback face).
 */
export interface FallbackFont { name: string; chars: string; byFont?: Record<string, string> }

/** Style ids (ASCII) and their visible names. */
export const STYLE = {
  title: { id: 'GwTitle', name: '公文标题' },
  sourceLine: { id: 'GwSource', name: '公文来源行' },
  metaBlock: { id: 'GwMeta', name: '公文信息块' },
  body: { id: 'GwBody', name: '公文正文' },
  tocTitle: { id: 'GwTocTitle', name: '公文目录标题' },
  attachmentNote: { id: 'GwAttachmentNote', name: '公文附件说明' },
  attachmentLabel: { id: 'GwAttachmentLabel', name: '公文附件标签' },
  attachmentTitle: { id: 'GwAttachmentTitle', name: '公文附件标题' },
  tableText: { id: 'GwTableText', name: '公文表格文字' },
  tableHeader: { id: 'GwTableHeader', name: '公文表头' },
  endMatter: { id: 'GwEndMatter', name: '公文责任编辑' },
  signature: { id: 'GwSignature', name: '公文署名日期' },
  pageNumber: { id: 'GwPageNumber', name: '公文页码' },
  qrCaption: { id: 'GwQrCaption', name: '公文二维码说明' },
} as const satisfies Partial<Record<ElementName, { id: string; name: string }>>;

/**
 * The statistics tables' cell styles by 字号: 小四 (the 2014 attachment table) is 公文表格文字 and
 * 公文表头; the 2019 and 2021 tables in the body, set smaller the wider they are (表二 and 表三 五号,
 * 表四 小五), have styles of their own, so that an office resizing a table's text in Word changes
 * its style, not 278 runs of direct formatting.
 */
const TABLE_SIZES = { 五号: { suffix: '5', name: '（五号）' }, 小五: { suffix: 'S5', name: '（小五）' } } as const satisfies Partial<Record<Zihao, unknown>>;
export function tableStyleId(kind: 'tableText' | 'tableHeader', zihao: Zihao): string | undefined {
  if (zihao === '小四') return STYLE[kind].id;
  const sized = (TABLE_SIZES as Partial<Record<Zihao, { suffix: string }>>)[zihao];
  return sized ? `${STYLE[kind].id}${sized.suffix}` : undefined;
}

/**
 * A body paragraph that leads into a table (……情况如下：): body text kept with the table, with the
 * gap above the table after it (Word tables have no space of their own) — in styles of their own,
 * which Enter leaves for 公文正文: as direct formatting, Enter at its end copied the gap and the
 * keeping into the paragraph a reviewer typed. Before a statistics table and before a Markdown
 * table (which has a gap of half a grid line).
 */
export const LEAD_IN_STYLES = {
  statTable: { id: 'GwLeadIn', name: '公文表前句', after: STAT_TABLE_GAP.beforeLines * geometry.linePitch },
  table: { id: 'GwLeadInTable', name: '公文表前句（表格）', after: geometry.linePitch / 2 },
} as const;

/** Heading style ids are Word's built-in ones, so the navigation pane and TOC know them. */
export const HEADING_STYLE_IDS = ['Heading1', 'Heading2', 'Heading3', 'Heading4'] as const;

/**
 * The role each paragraph style sets its text in ('' for a paragraph of no style: the document's
 * default, the body's): the elements' styles with their table sizes, the headings and their
 * contents entries (toc N, in the heading's face).
 */
function styleRoles(): Map<string, FontRole> {
  const roles = new Map<string, FontRole>([['', ELEMENTS.body.role]]);
  for (const key of Object.keys(STYLE) as (keyof typeof STYLE)[]) {
    const role = ELEMENTS[key].role;
    roles.set(STYLE[key].id, role);
    if (key === 'tableHeader' || key === 'tableText') for (const z of Object.keys(TABLE_SIZES) as Zihao[]) roles.set(tableStyleId(key, z)!, role);
  }
  HEADING_ELEMENTS.forEach((el, k) => roles.set(HEADING_STYLE_IDS[k], ELEMENTS[el].role).set(`TOC${k + 1}`, ELEMENTS[el].role));
  for (const s of Object.values(LEAD_IN_STYLES)) roles.set(s.id, ELEMENTS.body.role);
  return roles;
}

/** The font each paragraph style names for its text. */
export const styleFontNames = (fonts: FontNames): Map<string, string> =>
  new Map([...styleRoles()].map(([id, role]) => [id, fonts[role]]));

/** The ids of the paragraph styles set in a heavy role (layout/faux-bold.ts): the title's, 一、 headings' and their contents entries', 附件's, table headers'. */
export const heavyStyleIds = (): Set<string> => new Set([...styleRoles()].filter(([id, role]) => id && HEAVY_ROLES.has(role)).map(([id]) => id));

/**
 * 三号 text keeps its 16 pt size and is scaled horizontally to the grid's character pitch, so that
 * 28 characters fill a line in Word, WPS and LibreOffice alike. A w:docGrid character grid is read
 * differently by each (LibreOffice sets 14 characters a line), and condensing by w:spacing −5
 * twips made LibreOffice drop a 、 at the end of a full line. 98 % (15.68 pt) is the largest
 * whole-percent scale that fits 28 characters into the 442.2 pt 版心.
 */
export const GRID_SCALE_PERCENT = Math.floor((geometry.charPitch / ZIHAO.三号) * 100);

/**
 * The grid line in whole twips, rounded down (28.99 pt → 579) so that 22 lines fit the 225 mm
 * 版心 (22 × 580 = 12760 twips would not: only 21 lines would be set per page).
 */
export const LINE_TWIP = Math.floor(geometry.linePitch * 20);

/** The width of the 版心 in twips. */
export const TEXT_WIDTH_TWIP = ptToTwip(geometry.textWidth);

/** A line of the information block: two to a grid line (metaBlock style). */
export const META_ROW_TWIP = Math.round(LINE_TWIP / 2);

/** Word and LibreOffice set an exact-height line's baseline at 0.8 of its height (see MARGIN_TWIP in index.ts). */
export const EXACT_LINE_BASELINE = 0.8;

/** How far below the top of an exact line of `lineTwip` the characters of `sizePt` start, in pt. */
export const glyphGapPt = (lineTwip: number, sizePt: number): number => EXACT_LINE_BASELINE * twipToPt(lineTwip) - FACE_METRICS.ascent * sizePt;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

export const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
/**
 * zh-CN throughout. (With en-US for Latin text, as Word writes a Chinese document, LibreOffice 7.4
 * stops breaking inside figures — 20|17年 — but then hangs a 。 that follows a figure at a line's
 * end into the margin, ignoring w:overflowPunct, and leaves it out of its PDF: worse than the
 * split figure. Word breaks neither way.)
 */
const LANG = { value: 'zh-CN', eastAsia: 'zh-CN' } as const;

/**
 * Run and paragraph properties of an element, at its nominal 字号 (Word squeezes to the grid): 三号
 * text scaled to the grid's character pitch, other sizes at 100 % said outright (the document's
 * default run is the body's, at 98 %, which a style without a scale of its own would inherit).
 */
export function elementProps(name: ElementName, fonts: FontNames, lineTwip = LINE_TWIP) {
  const el = ELEMENTS[name];
  const size = ZIHAO[el.zihao];
  const scaled = { scale: size === ZIHAO.三号 ? GRID_SCALE_PERCENT : 100 };
  return {
    run: { font: fontOf(fonts[el.role]), size: ptToHalfPoints(size), sizeComplexScript: ptToHalfPoints(size), bold: false, italics: false, color: '000000', language: LANG, ...scaled },
    paragraph: {
      alignment: ALIGN[el.align],
      spacing: { line: lineTwip, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      // firstLineChars wins over firstLine in Word; both are written (LibreOffice reads firstLine).
      indent: { firstLineChars: el.indentChars * 100, firstLine: ptToTwip(el.indentChars * geometry.charPitch) },
    },
  };
}

export function docxStyles(fonts: FontNames): IStylesOptions {
  const para = (key: keyof typeof STYLE, lineTwip?: number) => ({
    id: STYLE[key].id,
    name: STYLE[key].name,
    basedOn: 'Normal',
    // Enter after a title, a source line, "目录" or an attachment's label or title goes on in body
    // text (after 附件's title Enter went on in centred 2号 小标宋, a DOCX audit); in a list of lines
    // (the information block, table cells, the attachment note) in the same style
    next: (['title', 'tocTitle', 'sourceLine', 'attachmentLabel', 'attachmentTitle'] as (keyof typeof STYLE)[]).includes(key) ? STYLE.body.id : STYLE[key].id,
    quickFormat: true,
    ...elementProps(key, fonts, lineTwip),
  });
  // Enter after a heading goes on in body text (docx's default is Normal: no indent, not justified)
  const heading = (level: 1 | 2 | 3 | 4) => {
    const p = elementProps(HEADING_ELEMENTS[level - 1], fonts);
    return { next: STYLE.body.id, run: p.run, paragraph: { ...p.paragraph, outlineLevel: level - 1, keepNext: true, keepLines: true } };
  };
  /**
   * The entries of a table of contents (Word's "toc 1" … "toc 4", which replace docx's defaults:
   * 5 pt after each entry put them off the grid), as the PDF sets them: one grid line each, in
   * their heading's face, each level indented one character more.
   */
  const toc = (level: 1 | 2 | 3 | 4) => {
    const p = elementProps(HEADING_ELEMENTS[level - 1], fonts);
    return {
      id: `TOC${level}`, name: `toc ${level}`, basedOn: 'Normal', next: STYLE.body.id, run: p.run,
      paragraph: {
        alignment: AlignmentType.LEFT,
        spacing: { line: LINE_TWIP, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        // (a wrapped entry's lines hang past the level's usual number, toc.ts)
        indent: { left: ptToTwip((level - 1 + tocHang(level)) * geometry.charPitch), hanging: ptToTwip(tocHang(level) * geometry.charPitch), firstLineChars: 0 },
        // an entry's lines on one page (LibreOffice split a wrapped entry over two)
        keepLines: true,
      },
    };
  };
  const body = elementProps('body', fonts);
  return {
    default: {
      // the document's defaults, and so Word's 正文 (Normal), which reviewers reach for, are the
      // body text's: 仿宋 三号 at 98 %, justified, indented two characters, on the grid
      document: { run: body.run, paragraph: body.paragraph },
      heading1: heading(1),
      heading2: heading(2),
      heading3: heading(3),
      heading4: heading(4),
      // docx's own Title, Heading 5 and Heading 6 sit in Word's style gallery too: set as the 公文's
      // title and its fourth level, not docx's 28 pt or blue (GB/T 9704 numbers four levels)
      title: { next: STYLE.body.id, run: elementProps('title', fonts).run, paragraph: elementProps('title', fonts).paragraph },
      heading5: { ...heading(4), paragraph: { ...heading(4).paragraph, outlineLevel: 4 } },
      heading6: { ...heading(4), paragraph: { ...heading(4).paragraph, outlineLevel: 5 } },
    },
    paragraphStyles: [
      para('title'),
      para('sourceLine'),
      para('metaBlock', META_ROW_TWIP),
      para('body'),
      // a grid line between "目录" and the entries, as in the PDF
      { ...para('tocTitle'), paragraph: { ...elementProps('tocTitle', fonts).paragraph, spacing: { line: LINE_TWIP, lineRule: LineRuleType.EXACT, before: 0, after: LINE_TWIP } } },
      para('attachmentNote'),
      para('attachmentLabel'),
      para('attachmentTitle'),
      para('tableText', ptToTwip(ZIHAO.小四 * 1.35)),
      para('tableHeader', ptToTwip(ZIHAO.小四 * 1.35)),
      ...(Object.keys(TABLE_SIZES) as (keyof typeof TABLE_SIZES)[]).flatMap((zihao) => (['tableText', 'tableHeader'] as const).map((kind) => {
        const base = para(kind, ptToTwip(ZIHAO[zihao] * 1.35));
        return { ...base, id: tableStyleId(kind, zihao)!, name: `${STYLE[kind].name}${TABLE_SIZES[zihao].name}`, next: tableStyleId(kind, zihao)!, basedOn: STYLE[kind].id,
          run: { ...base.run, size: ptToHalfPoints(ZIHAO[zihao]), sizeComplexScript: ptToHalfPoints(ZIHAO[zihao]) } };
      })),
      para('endMatter'),
      para('signature'),
      para('pageNumber', ptToTwip(ZIHAO.四号)),
      para('qrCaption', ptToTwip(ZIHAO.小五 * 1.5)),
      toc(1), toc(2), toc(3), toc(4),
      ...Object.values(LEAD_IN_STYLES).map((l) => ({
        id: l.id, name: l.name, basedOn: STYLE.body.id, next: STYLE.body.id, quickFormat: true,
        paragraph: { keepNext: true, spacing: { after: ptToTwip(l.after) } },
      })),
    ],
  };
}
