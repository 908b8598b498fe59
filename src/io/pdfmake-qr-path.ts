/**
 * Fix 18 of io/pdfkit-fixes.ts: the QR code drawn as one filled path.
 *
 * pdfmake draws a QR code as one filled square per dark module, each painted on its own with the
 * full set of line settings before it: 566 `re f` pairs for the 2021 sample's URL, ≈ 17 KB of
 * page content, and for each a vector object laid out, moved and rendered. Adjacent squares
 * painted one by one can also show hairline seams in viewers that smooth each square's edges
 * on its own (poppler shows none).
 * A `qr` node that asks only for text, error correction and a fit (what write/pdf/index.ts makes)
 * is now measured here: the same modules (pdfmake's own encoder, through io/qr.ts, so the DOCX
 * image agrees), the same module size and white square under them, but the dark modules as a few
 * rectangles — each row's runs, joined with the same runs in the rows below — filled together.
 * Any other `qr` node is measured and drawn by pdfmake as before.
 */
import { pdfmakePrototype, oncePerProcess } from './pdfmake-internals.js';
import { qrModules } from './qr.js';

/**
 * The dark modules are a `rect` vector (pdfmake moves a vector by its type: a rect by x and y, as
 * an unbreakable block is placed on its page) that carries them under this key; the renderer
 * patch below draws such a vector.
 */
export const QR_PATH = 'gongwenQrModules';

interface QrNode {
  qr: string;
  eccLevel?: string;
  fit?: number;
  _canvas?: unknown[];
  _width?: number; _height?: number; _minWidth?: number; _maxWidth?: number; _minHeight?: number; _maxHeight?: number;
  _alignment?: unknown;
  [key: string]: unknown;
}
/** The code's dark modules: rectangles as x, y, w, h in modules from the top left corner, `unit` points a module. */
export interface QrPathVector { type: 'rect'; x: number; y: number; w: number; h: number; color: string; [QR_PATH]: { unit: number; rects: readonly number[] } }

/** Properties of a `qr` node that change its modules or colours: with any of them, pdfmake draws it. */
const OTHER_OPTIONS = ['version', 'mask', 'mode', 'padding', 'background', 'foreground'];

/**
 * The dark modules of an n × n code as rectangles (x, y, w, h in modules): each row's runs of
 * dark modules, a run continued down over the rows below that have the same run.
 */
export function moduleRects(n: number, dark: (row: number, col: number) => boolean): number[] {
  const open = new Map<string, number[]>(); // "x,w" → its rectangle, while the row above had it
  const rects: number[][] = [];
  for (let y = 0; y < n; y++) {
    const seen = new Set<string>();
    for (let x = 0; x < n; ) {
      if (!dark(y, x)) {
        x++;
        continue;
      }
      let end = x + 1;
      while (end < n && dark(y, end)) end++;
      const key = `${x},${end - x}`;
      const above = open.get(key);
      if (above) above[3]!++;
      else {
        const r = [x, y, end - x, 1];
        rects.push(r);
        open.set(key, r);
      }
      seen.add(key);
      x = end;
    }
    for (const key of [...open.keys()]) if (!seen.has(key)) open.delete(key);
  }
  return rects.flat();
}

/** A few codes' rectangles per process (a report has one URL; a batch may repeat a site's). */
const cache = new Map<string, { n: number; rects: number[] }>();
function codeRects(text: string, eccLevel: string): { n: number; rects: number[] } {
  const key = `${eccLevel}\u0000${text}`;
  let hit = cache.get(key);
  if (!hit) {
    const { size, dark } = qrModules(text, eccLevel);
    hit = { n: size, rects: moduleRects(size, (r, c) => dark.has(r * size + c)) };
    if (cache.size >= 16) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit;
}

interface DocMeasureProto {
  styleStack: { getProperty(name: string): unknown };
  measureQr(node: QrNode): QrNode;
}
interface PdfDoc {
  fillColor(color: unknown, opacity?: number): unknown;
  resolveColor(color: unknown, fallback: string): unknown;
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(): unknown;
}
interface RendererProto {
  pdfDocument: PdfDoc;
  renderVector(vector: { type: string; [QR_PATH]?: unknown }): void;
}

/** Patch pdfmake's DocMeasure and Renderer, once per process. */
export const drawQrAsOnePath = oncePerProcess(() => {
  const measure = pdfmakePrototype<DocMeasureProto>('DocMeasure');
  const measureQr = measure.measureQr;
  measure.measureQr = function (this: DocMeasureProto, node: QrNode) {
    // (no fit, or 0: pdfmake's 5 pt modules; gongwen always asks for a fit)
    const fit = node.fit;
    if (typeof node.qr !== 'string' || typeof fit !== 'number' || !(fit > 0) || OTHER_OPTIONS.some((k) => node[k] !== undefined)) {
      return measureQr.call(this, node);
    }
    const { n, rects } = codeRects(node.qr, node.eccLevel ?? 'L');
    // as pdfmake's encoder: whole points a module, no quiet zone
    const unit = Math.floor(fit / n);
    const size = n * unit;
    const modules: QrPathVector = { type: 'rect', x: 0, y: 0, w: size, h: size, color: '#000', [QR_PATH]: { unit, rects } };
    node._canvas = [{ type: 'rect', x: 0, y: 0, w: size, h: size, lineWidth: 0, color: '#fff' }, modules];
    node._width = node._height = node._minWidth = node._maxWidth = node._minHeight = node._maxHeight = size;
    node._alignment = this.styleStack.getProperty('alignment');
    return node;
  };

  const renderer = pdfmakePrototype<RendererProto>('Renderer');
  const renderVector = renderer.renderVector;
  renderer.renderVector = function (this: RendererProto, vector) {
    if (vector[QR_PATH] === undefined) return renderVector.call(this, vector);
    const v = vector as unknown as QrPathVector;
    const { unit, rects } = v[QR_PATH];
    const doc = this.pdfDocument;
    doc.fillColor(doc.resolveColor(v.color, 'black'), 1);
    for (let i = 0; i < rects.length; i += 4) doc.rect(v.x + rects[i]! * unit, v.y + rects[i + 1]! * unit, rects[i + 2]! * unit, rects[i + 3]! * unit);
    doc.fill();
  };
});
