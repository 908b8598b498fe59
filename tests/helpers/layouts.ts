/** pdfmake's layouts of a document, counted: `countLayouts(() => build())` gives the build's result and its layouts. */
import { createRequire } from 'node:module';

const LayoutBuilder = (createRequire(import.meta.url)('pdfmake/js/LayoutBuilder.js') as { default: { prototype: { tryLayoutDocument(...a: unknown[]): unknown } } }).default;
const tryLayout = LayoutBuilder.prototype.tryLayoutDocument;
let layouts = 0;
LayoutBuilder.prototype.tryLayoutDocument = function (...a: unknown[]) {
  layouts++;
  return tryLayout.apply(this, a);
};

export async function countLayouts<T>(build: () => Promise<T>): Promise<{ result: T; layouts: number }> {
  layouts = 0;
  const result = await build();
  return { result, layouts };
}
