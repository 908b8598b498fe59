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

interface LinkInline { x: number; width: number; [LINK]?: string; linkToDestination?: unknown }
interface LinkLine { inlines: LinkInline[]; getHeight(): number }
interface LinkDoc {
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  goTo(x: number, y: number, w: number, h: number, name: string): unknown;
}

/**
 * A line's links to a destination in the document (a contents entry's to its heading), taken off
 * its inlines before pdfmake draws them: pdfmake made a link annotation for each inline — the
 * number, the title's runs, the page number: three or four per entry, each met on its own by a
 * keyboard or a screen reader (a text-layer audit). drawDestinations then makes one over each run.
 * Returns what to give drawDestinations (and to put back).
 */
export function takeDestinations(line: LinkLine): unknown[] | undefined {
  // (a loop, not a closure: this runs for every line pdfmake draws)
  let taken: unknown[] | undefined;
  const inlines = line.inlines;
  for (let k = 0; k < inlines.length; k++) {
    const inline = inlines[k]!;
    if (inline.linkToDestination == null) continue;
    (taken ??= new Array(inlines.length).fill(undefined))[k] = inline.linkToDestination;
    inline.linkToDestination = undefined;
  }
  return taken;
}

/** A link to a destination still growing: the rectangle, in pdfkit's coordinates, of what it covers so far. */
interface Pending { dest: string; x1: number; y1: number; x2: number; y2: number }
const pending = new WeakMap<object, Pending>();

/**
 * After pdfmake drew `line` at (x, y): its runs of inlines to one destination (`taken`, from
 * takeDestinations) cover a link to it, as high as the line, from the first's left edge to the
 * last's right edge, with the dot leader between a title and its page number. A contents entry
 * is a table row of three cells (number, title over one line or more, page number): the link
 * grows over all of them, and is made once the next line links elsewhere, or before the page
 * ends (flushDestinations). The inlines get their destinations back.
 */
export function drawDestinations(doc: LinkDoc, line: LinkLine, x: number, y: number, taken: unknown[]): void {
  const inlines = line.inlines;
  for (let i = 0; i < inlines.length; i++) {
    const dest = taken[i];
    if (dest == null) continue;
    // (to the last inline to it, past inlines to none between; up to one to another)
    let j = i;
    for (let k = i + 1; k < inlines.length; k++) {
      if (taken[k] == null) continue;
      if (taken[k] !== dest) break;
      j = k;
    }
    const x1 = x + inlines[i]!.x;
    const x2 = x + inlines[j]!.x + inlines[j]!.width;
    const y2 = y + line.getHeight();
    const p = pending.get(doc);
    if (p && p.dest === String(dest)) {
      p.x1 = Math.min(p.x1, x1);
      p.x2 = Math.max(p.x2, x2);
      p.y1 = Math.min(p.y1, y);
      p.y2 = Math.max(p.y2, y2);
    } else {
      flushDestinations(doc);
      pending.set(doc, { dest: String(dest), x1, y1: y, x2, y2 });
    }
    i = j;
  }
  taken.forEach((dest, k) => { if (dest != null) inlines[k]!.linkToDestination = dest; });
}

/** The link drawDestinations is growing, made on the page it is on: before a page is added, and at the end. */
export function flushDestinations(doc: LinkDoc): void {
  const p = pending.get(doc);
  if (!p) return;
  pending.delete(doc);
  doc.goTo(p.x1, p.y1, p.x2 - p.x1, p.y2 - p.y1, p.dest);
}

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
