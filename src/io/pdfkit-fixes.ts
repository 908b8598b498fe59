/**
 * Two fixes to pdfkit/pdfmake behaviour, applied once per process at the PDF edge:
 *
 * 1. XMP metadata: pdfkit writes the Info values into the XMP packet without XML escaping, so a
 *    title with & < > gives malformed XMP (library-notes §3.11). The values are escaped for the
 *    XMP packet only; the Info dictionary, written before, keeps them as they are.
 * 2. Bookmarks: pdfkit points every outline item at the top-right corner of its page (it computes
 *    left = page width − 0). Items now point at the left edge of the heading's own line.
 */
import PDFDocument from 'pdfkit';
// pdfmake's renderer (no typings: an internal module of pdfmake 0.3)
// @ts-expect-error no declaration file
import RendererModule from 'pdfmake/js/Renderer.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface InfoDoc {
  info: Record<string, unknown>;
  _addInfo(): void;
}

interface OutlineProto {
  addItem(title: string, options?: Record<string, unknown>): unknown;
  document: { page: { width: number } };
}

let applied = false;
let pendingTop: number | undefined;

export function applyPdfkitFixes(): void {
  if (applied) return;
  applied = true;

  const proto = PDFDocument.prototype as unknown as InfoDoc;
  const addInfo = proto._addInfo;
  proto._addInfo = function (this: InfoDoc) {
    const original = this.info;
    this.info = Object.fromEntries(Object.entries(original).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      addInfo.call(this);
    } finally {
      this.info = original;
    }
  };

  const Renderer = (RendererModule as { default?: unknown }).default ?? RendererModule;
  const rproto = (Renderer as { prototype: { renderLine(line: { _outline?: unknown }, x: number, y: number): void; pdfDocument: { outline: object } } }).prototype;
  const renderLine = rproto.renderLine;
  rproto.renderLine = function (this: typeof rproto, line, x, y) {
    if (line._outline) {
      const outlineProto = Object.getPrototypeOf(this.pdfDocument.outline) as OutlineProto & { gongwenPatched?: boolean };
      if (!outlineProto.gongwenPatched) {
        const addItem = outlineProto.addItem;
        outlineProto.addItem = function (this: OutlineProto, title, options = {}) {
          // pdfkit computes top = page height − options.top and left = page width − options.left
          return addItem.call(this, title, { ...options, top: pendingTop ?? 0, left: this.document.page.width });
        };
        outlineProto.gongwenPatched = true;
      }
      pendingTop = y;
    }
    try {
      renderLine.call(this, line, x, y);
    } finally {
      pendingTop = undefined;
    }
  };
}
