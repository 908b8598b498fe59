/**
 * Library modules gongwen never calls, loaded only if something calls them.
 *
 * pdfkit requires @noble/ciphers/aes and @noble/hashes (sha2, utils) for PDF encryption,
 * fontkit requires brotli's decoder for WOFF2 fonts, and pdfmake its SVG drawing (svg-to-pdfkit)
 * and SVG parser (xmldoc); gongwen neither encrypts, nor reads WOFF2, nor draws SVG. Loading
 * them costs a cold build 50–100 ms: the AES module computes its tables, sha2 its constants, the
 * brotli decoder unpacks its 120 KB dictionary, the SVG code is 4,000 lines to compile.
 * Imported before pdfkit and fontkit (first import of io/fontkit.ts, io/pdfkit-fixes.ts and
 * io/pdf-render.ts), this puts a stand-in
 * into the CommonJS cache under each module's path. The libraries only keep the module object
 * when they load; the stand-in loads the real module at the first read of a property (or, for
 * brotli's decoder, which is a function, the first call) and hands that on.
 */
import { createRequire } from 'node:module';
import { putInCache, type Require } from './module-cache.js';
import './native-inflate.js'; // zlib for the Unicode tables these libraries unpack as they load
import './pdfkit-md5.js'; // gongwen's MD5 for pdfkit's file identifiers

const fromHere = createRequire(import.meta.url);
const fromPdfkit = createRequire(fromHere.resolve('pdfkit'));
const fromFontkit = createRequire(fromPdfkit.resolve('fontkit'));
const fromPdfmake = createRequire(fromHere.resolve('pdfmake/js/Renderer.js'));

/**
 * Put a stand-in for `id` (as `from` resolves it) into the CommonJS cache; returns its path.
 * `known`: properties answered without loading (Babel's interop reads `__esModule` at require).
 */
function defer(from: Require, id: string, kind: 'object' | 'function', known: Record<string, unknown> = {}): string {
  const file = from.resolve(id);
  if (from.cache[file]) return file;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (!real) {
      delete from.cache[file];
      real = from(file) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  // configurable: a proxy may not report a property its (empty) target lacks as non-configurable;
  // a function target has a non-configurable `prototype`, which is reported as the target's own
  const descriptor = (target: object, key: PropertyKey) => {
    const own = Reflect.getOwnPropertyDescriptor(target, key);
    if (own && !own.configurable) return own;
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  };
  putInCache(from, file, new Proxy(kind === 'function' ? function standIn() {} : {}, {
    get: (_, key) => (typeof key === 'string' && Object.hasOwn(known, key) && !real ? known[key] : load()[key]),
    has: (_, key) => key in load(),
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(load()), ...Reflect.ownKeys(target).filter((k) => !Reflect.getOwnPropertyDescriptor(target, k)!.configurable)])],
    getOwnPropertyDescriptor: descriptor,
    apply: (_, self, args) => (load() as unknown as (...a: unknown[]) => unknown).apply(self, args),
  }));
  return file;
}

export const DEFERRED = {
  aes: { from: fromPdfkit, file: defer(fromPdfkit, '@noble/ciphers/aes', 'object') },
  sha2: { from: fromPdfkit, file: defer(fromPdfkit, '@noble/hashes/sha2', 'object') },
  hashUtils: { from: fromPdfkit, file: defer(fromPdfkit, '@noble/hashes/utils', 'object') },
  brotli: { from: fromFontkit, file: defer(fromFontkit, 'brotli/decompress.js', 'function') },
  // pdfmake's SVG support: drawing (a function; Babel's interop asks for __esModule) and parsing
  svgToPdfkit: { from: fromPdfmake, file: defer(fromPdfmake, './3rd-party/svg-to-pdfkit/source.js', 'function', { __esModule: undefined }) },
  xmldoc: { from: fromPdfmake, file: defer(fromPdfmake, 'xmldoc', 'object') },
};
