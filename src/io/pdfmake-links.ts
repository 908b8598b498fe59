/**
 * Fix 23 of io/pdfkit-fixes.ts: web and e-mail addresses in the text are links in the PDF.
 *
 * write/pdf/text.ts sets each address apart as inlines of its own marked with their target
 * (LINK); they are laid out and drawn like any other text, so the page looks and copies as
 * without links. Once pdfmake has drawn a line, each run of its inlines with one target gets a
 * link annotation over it, as high as the line: an address broken over two lines is a link on
 * each, to the whole address. pdfkit writes a link annotation printable (/F 4) and without a
 * border, as PDF/A asks; a link needs no appearance of its own there.
 */
import { LINK } from '../write/pdf/text.js';

interface LinkInline { x: number; width: number; [LINK]?: string }
interface LinkLine { inlines: LinkInline[]; getHeight(): number }
interface LinkDoc { annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown }

/** After pdfmake drew `line` at (x, y): a link over each run of its inlines that link to one target. */
export function drawLinks(doc: LinkDoc, line: LinkLine, x: number, y: number): void {
  const inlines = line.inlines;
  for (let i = 0; i < inlines.length; i++) {
    const href = inlines[i]![LINK];
    if (!href) continue;
    let j = i;
    while (j + 1 < inlines.length && inlines[j + 1]![LINK] === href) j++;
    const left = inlines[i]!.x;
    const right = inlines[j]!.x + inlines[j]!.width;
    // (pdfkit's link() writes the action as an object of its own: here it is inside the annotation)
    doc.annotate(x + left, y, right - left, line.getHeight(), { Subtype: 'Link', A: { S: 'URI', URI: new String(href) } });
    i = j;
  }
}
