/** The pdfmake edge: expose the font set to pdfmake once per process, then turn definitions into bytes. */
import './lazy-modules.js'; // before pdfmake loads pdfkit
import { createRequire } from 'node:module';
import type PdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { PageProbe } from '../write/pdf/text.js';
import type { TocRow } from '../write/pdf/toc.js';
import { FACE_ROLES, type FontSet } from './fonts.js';
import { applyPdfkitFixes } from './pdfkit-fixes.js';
import { reuseLeafMeasurements } from './measure-cache.js';

/** pdfmake, required as the CommonJS module it is (io/pdfkit-fixes.ts says why). */
const pdfmake = createRequire(import.meta.url)('pdfmake') as typeof PdfMake;

// @types/pdfmake 0.3 lacks virtualfs (library-notes §3.1).
const vfs = (pdfmake as unknown as { virtualfs: { storage: Record<string, Buffer> } }).virtualfs;

let registered: FontSet | undefined;
const fileName = (role: string) => `gongwen-${role}.font`;

/**
 * Font bytes go into pdfmake's virtual file system as lazy entries: a face is read, normalised
 * and parsed only when a document first uses it (most reports never need the 24 MB fallback).
 */
function register(fonts: FontSet): void {
  if (registered === fonts) return;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false); // every font comes from the virtual file system
  for (const role of FACE_ROLES) {
    Object.defineProperty(vfs.storage, fileName(role), { get: () => fonts.face(role).data, enumerable: true, configurable: true });
  }
  registered = fonts;
}

/** A fresh font table for each document: pdfmake rewrites array entries (TTC faces) in place. */
function fontTable(fonts: FontSet) {
  const table: Record<string, Record<string, string | string[]>> = {};
  for (const role of FACE_ROLES) {
    const ps = fonts.config[role].postscriptName;
    const def = () => (ps ? [fileName(role), ps] : fileName(role));
    table[role] = { normal: def(), bold: def(), italics: def(), bolditalics: def() };
  }
  return table;
}

type Placed = { gwTocRow?: TocRow; gwTocEntry?: boolean; gwFirstBody?: boolean; gwTocTitle?: boolean; positions?: { pageNumber: number }[]; stack?: unknown; columns?: unknown; table?: { body?: unknown } };

/** Where a rendered definition placed what build.ts asks about (0: a page pdfmake did not note). */
export interface Pages {
  /** The table-of-contents entries (nodes marked `gwTocEntry` by write/pdf/blocks.ts), in document order: for the DOCX's contents. */
  toc: number[];
  /** The body's first block (marked `gwFirstBody` by write/pdf/index.ts): page 1 must show body text. */
  firstBody: number;
  /** The table of contents' title (marked `gwTocTitle` by write/pdf/toc.ts), where there is one. */
  tocTitle: number;
  /** The contents' rows (marked by write/pdf/toc.ts): each one's level, lines and page. */
  tocRows: (TocRow & { page: number })[];
  /**
   * The page that the end matter set apart from the body's last block (after a table: its probe,
   * `gwEndProbe`, write/pdf/index.ts) opens; 0 where it opens none.
   */
  endOpens: number;
}

/** The page of a node's first placed part (a group kept whole is placed through its members); 0 where none was noted. */
function firstPage(n: Placed | undefined): number {
  if (!n) return 0;
  if (n.positions?.length) return n.positions[0]!.pageNumber;
  for (const child of [n.stack, n.columns].flatMap((c) => (Array.isArray(c) ? c as Placed[] : []))) {
    const page = firstPage(child);
    if (page) return page;
  }
  return 0;
}

/**
 * A reader of where a definition's marked nodes were placed, to be called once it is rendered:
 * pdfmake notes where it placed each node on the node itself (and reshapes `content` as it goes,
 * so the nodes are found before).
 */
export function pageReader(definition: TDocumentDefinitions, withToc = true): () => Pages {
  const toc: Placed[] = [];
  let first: Placed | undefined;
  const probe = (definition as { gwEndProbe?: PageProbe }).gwEndProbe;
  const ends = () => ({ endOpens: probe?.opensPage && probe.page > 1 ? probe.page : 0 });
  // (without a table of contents only the body's first block is asked for: a node of content itself)
  if (!withToc) {
    first = (definition.content as Placed[]).find((n) => n?.gwFirstBody);
    return () => ({ toc: [], firstBody: firstPage(first), tocTitle: 0, tocRows: [], ...ends() });
  }
  let tocTitle: Placed | undefined;
  const rows: Placed[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { for (const n of node) walk(n); return; }
    if (!node || typeof node !== 'object') return;
    const n = node as Placed;
    if (n.gwTocEntry) toc.push(n);
    if (n.gwFirstBody) first = n;
    if (n.gwTocTitle) tocTitle = n;
    if (n.gwTocRow) rows.push(n);
    walk(n.stack);
    walk(n.columns);
    walk(n.table?.body);
  };
  walk(definition.content);
  const page = (n: Placed | undefined) => n?.positions?.[0]?.pageNumber ?? 0;
  return () => ({ toc: toc.map(page), firstBody: page(first), tocTitle: firstPage(tocTitle), tocRows: rows.map((r) => ({ ...r.gwTocRow!, page: firstPage(r) })), ...ends() });
}

export async function renderPdf(definition: TDocumentDefinitions, fonts: FontSet): Promise<Buffer> {
  applyPdfkitFixes();
  reuseLeafMeasurements();
  register(fonts);
  pdfmake.setFonts(fontTable(fonts) as never);
  const doc = pdfmake.createPdf(definition);
  return (await doc.getBuffer()) as Buffer;
}
