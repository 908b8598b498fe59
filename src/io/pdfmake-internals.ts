/**
 * pdfmake 0.3's internal classes (no typings), for the patches in io/: the prototype of one of
 * its modules, typed by the caller with the methods it patches.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type PdfmakeModuleName = 'PageElementWriter' | 'TableProcessor' | 'LayoutBuilder' | 'DocMeasure' | 'PDFDocument' | 'Renderer' | 'TextBreaker' | 'TextInlines' | 'StyleContextStack' | 'qrEnc';

/** What one of pdfmake's internal modules exports (its default export, or the module itself). */
export function pdfmakeModule<M>(name: PdfmakeModuleName): M {
  const mod = require(`pdfmake/js/${name}.js`) as { default?: M };
  return mod.default ?? (mod as M);
}

export function pdfmakePrototype<P>(name: PdfmakeModuleName): P {
  return pdfmakeModule<{ prototype: P }>(name).prototype;
}

/** `patch` run the first time the returned function is called, and never again in the process. */
export function oncePerProcess(patch: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    patch();
  };
}

/** The fields pdfmake keeps on a table cell that starts or ends a row span (io/pdfmake-row-spans.ts). */
export interface SpanCell {
  rowSpan?: number;
  _startingRowSpanY?: number;
  _startingRowSpanPage?: number;
  _endingCell?: SpanCell & { _columnEndingContext?: { y: number } };
  _leftEndingCell?: SpanCell;
}
