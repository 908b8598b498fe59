/** The portal information block, the title and the source line. */
import type { Content } from 'pdfmake/interfaces.js';
import { ELEMENTS, geometry, sizeOf } from '../../layout/gbt9704.js';
import { metaFields, sourceLine } from '../../layout/meta-fields.js';
import type { Report } from '../../model/types.js';
import type { PdfContext } from './context.js';
import { runs, titleRuns } from './text.js';

/** The information block's table: no rules, no padding (one layout object for every document; pdfmake copies it). */
const BARE_LAYOUT = { defaultBorder: false, hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 };

export function front(ctx: PdfContext, report: Report): Content[] {
  const out: Content[] = [];
  const meta = metaFields(report.meta);
  if (meta.length) {
    // Two 小四 lines per grid line; the block is padded to whole grid lines so the body stays on the grid.
    const line = geometry.linePitch / 2;
    const style = { role: ELEMENTS.metaBlock.role, size: sizeOf('metaBlock'), lineHeight: line };
    const rows: Content[][] = [];
    for (let i = 0; i < meta.length; i += 2) {
      rows.push([0, 1].map((k) => {
        const f = meta[i + k];
        // an empty cell in the block's size too: in the document's default (the 三号 grid text)
        // it made an odd last row 1.3 pt taller, and page 1 one line short
        return (f ? { text: runs(ctx, `${f[0]}：${f[1]}`, style) } : { text: '', fontSize: style.size, lineHeight: line / style.size }) as Content;
      }));
    }
    const pad = (Math.ceil(rows.length / 2) * 2 - rows.length) * line;
    out.push({
      table: { widths: ['*', '*'], body: rows },
      layout: BARE_LAYOUT,
      margin: [0, 0, 0, pad + geometry.linePitch],
    } as Content);
  }
  const title = { role: ELEMENTS.title.role, size: sizeOf('title') };
  out.push({ text: titleRuns(ctx, report.meta.titleLines ?? report.meta.title, title), alignment: 'center' } as Content);
  const source = sourceLine(report.meta);
  const sourceStyle = { role: ELEMENTS.sourceLine.role, size: sizeOf('sourceLine') };
  out.push({ text: runs(ctx, source, sourceStyle), alignment: 'center', margin: [0, 0, 0, geometry.linePitch] } as Content);
  return out;
}
