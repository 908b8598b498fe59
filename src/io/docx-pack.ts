/**
 * The docx edge: turn a Document into bytes that are the same on every build, in any time zone.
 * docx's compiler gives the package's parts as text; core.xml gets the report's own date instead
 * of the clock, the writer's part fixes are applied, and io/zip.ts zips the parts with native
 * zlib and fixed timestamps. (Packer.toBuffer would zip with docx's JavaScript DEFLATE, which we
 * would then have to unzip again to fix the parts: ≈ 45 ms per document more.)
 */
import { Packer, type Document } from 'docx';
import { zipFiles } from './zip.js';

/** The W3CDTF form of an instant, without milliseconds. */
const w3cdtf = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

type Parts = Map<string, string | Uint8Array>;
type Format = (input: unknown, context: unknown) => unknown;
/**
 * docx 9's Packer zips what its static `compiler` gives (`compile(file)` → parts by path, in zip
 * order). The property is private in the typings, so it is reached through this one cast; the
 * check below fails loudly, not silently, if a docx upgrade moves it.
 */
const compiler = (Packer as unknown as { compiler?: { compile?: (doc: Document) => Parts; formatter?: { format?: Format } } }).compiler;

/**
 * Parts that are the same for every document with the same key are compiled once per process
 * and thread (`compile` below). docx formats word/styles.xml from the document's styles and
 * word/theme/theme1.xml from its (default) theme anew for every document: ≈ 4 ms of a warm
 * DOCX's ≈ 20. The writer says which key its styles depend on (write/docx sharedPartsKey: the
 * font names); the theme is docx's own, the same for every document that sets none (the
 * writer sets none). For a document whose parts are known, the compiler's formatter is handed
 * a stub for those two objects, and the kept text replaces the stub's part. Styles that refer
 * to numbering (docx puts per-document numbering ids into them) are not kept.
 */
const SHARED_PARTS = { styles: 'word/styles.xml', theme: 'word/theme/theme1.xml' } as const;
const sharedParts = new Map<string, { styles: string; theme: string }>();
const stubbed = new Set<unknown>();
const STUB = { 'gongwen:shared': [] };
let formatWrapped = false;
/** Documents whose shared parts were compiled and kept, or taken as kept (for tests). */
export const sharedPartStats = { kept: 0, reused: 0 };

function wrapFormatter(): boolean {
  if (formatWrapped) return true;
  const formatter = compiler?.formatter;
  if (typeof formatter?.format !== 'function') return false;
  const format = formatter.format;
  formatter.format = function (this: unknown, input: unknown, context: unknown) {
    return stubbed.has(input) ? STUB : format.call(this, input, context);
  };
  return (formatWrapped = true);
}

/** Compile `doc`; with a key, its styles and theme parts as kept for that key, or kept now. */
function compile(doc: Document, key: string | undefined): Parts {
  const file = doc as unknown as { Styles?: object; Theme?: object };
  const kept = key === undefined ? undefined : sharedParts.get(key);
  if (kept && file.Styles && file.Theme && wrapFormatter()) {
    stubbed.add(file.Styles).add(file.Theme);
    try {
      const parts = compiler!.compile!.call(compiler, doc);
      parts.set(SHARED_PARTS.styles, kept.styles);
      parts.set(SHARED_PARTS.theme, kept.theme);
      sharedPartStats.reused++;
      return parts;
    } finally {
      stubbed.clear();
    }
  }
  const parts = compiler!.compile!.call(compiler, doc);
  if (key !== undefined) {
    const styles = parts.get(SHARED_PARTS.styles);
    const theme = parts.get(SHARED_PARTS.theme);
    if (typeof styles === 'string' && typeof theme === 'string' && !styles.includes('w:numId')) {
      sharedParts.set(key, { styles, theme });
      sharedPartStats.kept++;
    }
  }
  return parts;
}

const text = (part: string | Uint8Array | undefined, name: string): string => {
  if (part === undefined) throw new Error(`docx: the package has no ${name}`);
  return typeof part === 'string' ? part : Buffer.from(part).toString('utf8');
};

/**
 * `fixes` rewrite named XML parts after compiling (see write/docx/fixups.ts). `sharedKey`: the
 * document's styles depend on this key alone, so its styles and theme parts can be shared with
 * other documents of the same key (above).
 */
export async function packDocx(doc: Document, created: Date, fixes: Record<string, (xml: string) => string> = {}, sharedKey?: string): Promise<Buffer> {
  if (typeof compiler?.compile !== 'function') throw new Error('docx: Packer.compiler.compile is missing (docx upgraded?); see src/io/docx-pack.ts');
  const parts = compile(doc, sharedKey);
  const core = text(parts.get('docProps/core.xml'), 'docProps/core.xml')
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${w3cdtf(created)}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${w3cdtf(created)}$2`);
  parts.set('docProps/core.xml', core);
  for (const [name, fix] of Object.entries(fixes)) parts.set(name, fix(text(parts.get(name), name)));
  fixRelationshipIds(parts);
  return zipFiles(parts);
}

const RELS = 'word/_rels/document.xml.rels';
const DOCUMENT = 'word/document.xml';
/**
 * docx names a hyperlink's relationship with a random id (nanoid): the same report would give
 * other bytes on every build. Ids that are not docx's numbered ones (rId1, rId2, …) are renamed
 * rIdL1, rIdL2, … in the order the relationships file lists them (the order the document made
 * them), in that file and in word/document.xml alike.
 */
function fixRelationshipIds(parts: Parts): void {
  const rels = parts.get(RELS);
  if (rels === undefined) return;
  const names = new Map<string, string>();
  const relsText = text(rels, RELS).replace(/(<Relationship Id=")(rId(?!\d+")[^"]+)"/g, (_, a: string, id: string) => {
    if (!names.has(id)) names.set(id, `rIdL${names.size + 1}`);
    return `${a}${names.get(id)}"`;
  });
  if (!names.size) return;
  parts.set(RELS, relsText);
  parts.set(DOCUMENT, text(parts.get(DOCUMENT), DOCUMENT).replace(/(r:id=")([^"]+)"/g, (all, a: string, id: string) => (names.has(id) ? `${a}${names.get(id)}"` : all)));
}
