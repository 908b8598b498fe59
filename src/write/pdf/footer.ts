/** Page numbers "— N —": 四号宋体, 7 mm below the 版心, odd pages right, even pages left, inset 1 字 (§7.5). */
import type { Content } from 'pdfmake/interfaces.js';
import { FACE_METRICS, geometry, PAGE_NUMBER, sizeOf } from '../../layout/gbt9704.js';
import { mmToPt } from '../../layout/units.js';
import type { PdfContext } from './context.js';
import { runs } from './text.js';

/** The page number's style name (no such style is defined): marks it for the page-break rules (index.ts). */
export const PAGE_NUMBER_STYLE = 'gongwen-page-number';

export function pageNumberFooter(ctx: PdfContext, dashCentre: number) {
  const size = sizeOf('pageNumber');
  // pdfmake puts the footer box at the bottom edge of the 版心 and sets text at the top of its line;
  // the dash's centre is (ascent − dashCentre) em below that top.
  const top = mmToPt(PAGE_NUMBER.dashBelowTextMm) - (FACE_METRICS.ascent - dashCentre) * size;
  return (page: number): Content => ({
    text: runs(ctx, PAGE_NUMBER.format(page), { role: 'song', size, lineHeight: size }),
    style: PAGE_NUMBER_STYLE,
    alignment: page % 2 === 1 ? 'right' : 'left',
    margin: [geometry.left + PAGE_NUMBER.insetPt, top, geometry.right + PAGE_NUMBER.insetPt, 0],
  }) as Content;
}
