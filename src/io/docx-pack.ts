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
/**
 * docx 9's Packer zips what its static `compiler` gives (`compile(file)` → parts by path, in zip
 * order). The property is private in the typings, so it is reached through this one cast; the
 * check below fails loudly, not silently, if a docx upgrade moves it.
 */
const compiler = (Packer as unknown as { compiler?: { compile?: (doc: Document) => Parts } }).compiler;

const text = (part: string | Uint8Array | undefined, name: string): string => {
  if (part === undefined) throw new Error(`docx: the package has no ${name}`);
  return typeof part === 'string' ? part : Buffer.from(part).toString('utf8');
};

/** `fixes` rewrite named XML parts after compiling (see write/docx/fixups.ts). */
export async function packDocx(doc: Document, created: Date, fixes: Record<string, (xml: string) => string> = {}): Promise<Buffer> {
  if (typeof compiler?.compile !== 'function') throw new Error('docx: Packer.compiler.compile is missing (docx upgraded?); see src/io/docx-pack.ts');
  const parts = compiler.compile.call(compiler, doc);
  const core = text(parts.get('docProps/core.xml'), 'docProps/core.xml')
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${w3cdtf(created)}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${w3cdtf(created)}$2`);
  parts.set('docProps/core.xml', core);
  for (const [name, fix] of Object.entries(fixes)) parts.set(name, fix(text(parts.get(name), name)));
  return zipFiles(parts);
}
