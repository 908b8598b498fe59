/**
 * Putting a module of our own into Node's CommonJS cache in place of a library's dependency, so
 * that the library gets ours when it loads (io/lazy-modules.ts, io/native-inflate.ts,
 * io/pdfkit-md5.ts). Must run before the library loads; a dependency already loaded is kept.
 */
import Module, { createRequire } from 'node:module';

export type Require = ReturnType<typeof createRequire>;

/**
 * `exports` as the module `id` resolves to from `from`; returns its path, or undefined when `id`
 * cannot be resolved (the library is not installed) or is loaded already.
 */
export function putInCache(from: Require, id: string, exports: unknown): string | undefined {
  let file: string;
  try {
    file = from.resolve(id);
  } catch {
    return undefined;
  }
  if (from.cache[file]) return undefined;
  const stand = new Module(file);
  stand.filename = file;
  stand.loaded = true;
  stand.exports = exports;
  from.cache[file] = stand;
  return file;
}
