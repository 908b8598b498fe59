/**
 * Node's zlib in place of `tiny-inflate`, a DEFLATE decoder written in JavaScript.
 *
 * unicode-trie, which fontkit, unicode-properties and linebreak use for their Unicode tables,
 * unpacks each table as it loads with tiny-inflate, twice over (the tables are compressed
 * twice): twelve calls, 645 KB, ≈ 30 ms of every cold build, run by the interpreter. zlib's
 * `inflateRawSync` gives the same bytes in ≈ 1 ms. Imported before those libraries load (by
 * io/lazy-modules.ts), this puts a module with tiny-inflate's interface into the CommonJS cache
 * under its path; a library loaded before it still gets tiny-inflate itself, which is only slower.
 */
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { putInCache } from './module-cache.js';

/**
 * tiny-inflate's `inflate(source, dest)`: DEFLATE data (no zlib header) decoded into `dest`, as
 * much as it holds; `dest`, or its first part if the data is shorter. Throws on corrupt data.
 */
export function inflateInto(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  dest.set(out.length > dest.length ? out.subarray(0, dest.length) : out);
  if (out.length >= dest.length) return dest;
  return typeof dest.slice === 'function' ? dest.slice(0, out.length) : dest.subarray(0, out.length);
}

/** Put `inflateInto` into the CommonJS cache as tiny-inflate, as unicode-trie resolves it (fontkit's is the same file). */
export function replaceTinyInflate(): string | undefined {
  const fromHere = createRequire(import.meta.url);
  let fromTrie: ReturnType<typeof createRequire>;
  try {
    fromTrie = createRequire(fromHere.resolve('unicode-trie'));
  } catch {
    return undefined;
  }
  return putInCache(fromTrie, 'tiny-inflate', inflateInto);
}

replaceTinyInflate();
