/** The pdfmake edge: register the font set once per process, then turn definitions into bytes. */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { FACE_ROLES, type FontSet } from './fonts.js';
import { applyPdfkitFixes } from './pdfkit-fixes.js';

interface VirtualFs {
  writeFileSync(name: string, data: Buffer): void;
}
// @types/pdfmake 0.3 lacks virtualfs (library-notes §3.1).
const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;

let registered: FontSet | undefined;

function register(fonts: FontSet): void {
  if (registered === fonts) return;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false); // every font comes from the virtual file system
  const table: Record<string, Record<string, string | string[]>> = {};
  for (const role of FACE_ROLES) {
    const face = fonts.face(role);
    const name = `gongwen-${role}.font`;
    vfs.writeFileSync(name, face.data);
    const def = () => (face.spec.postscriptName ? [name, face.spec.postscriptName] : name);
    // Each style gets its own value: pdfmake rewrites array entries in place.
    table[role] = { normal: def(), bold: def(), italics: def(), bolditalics: def() };
  }
  pdfmake.setFonts(table as never);
  registered = fonts;
}

export async function renderPdf(definition: TDocumentDefinitions, fonts: FontSet): Promise<Buffer> {
  applyPdfkitFixes();
  register(fonts);
  const doc = pdfmake.createPdf(definition);
  return (await doc.getBuffer()) as Buffer;
}
