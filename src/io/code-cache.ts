/**
 * A V8 code cache for the CommonJS libraries gongwen loads (pdfmake, pdfkit, fontkit, restructure,
 * markdown-it, linebreak …). Compiling them — and, during the first report, the functions V8
 * compiles only when they first run — is ≈ 30–45 ms of every cold build (docs/speed.md, item 18).
 * Node 20 keeps no such cache itself (`module.enableCompileCache` arrives in Node 22).
 *
 * A library file is compiled as Node compiles it (its CommonJS wrapper), by a `vm.Script` given
 * the code an earlier run saved. After the build, `saveCodeCache` writes the code of every script
 * that had none or whose code V8 turned down — then with the functions the build compiled lazily.
 * V8 checks its code against the source's length only, and in Node 20 checks no checksum of it
 * (damaged code can crash the process): each entry holds a CRC-32 of the source text and one of
 * the code, and is used only if both match (`readEntry`). Entries are named by the file's path and
 * `v8.cachedDataVersionTag()` (V8's version, flags and CPU features): a new version of a library
 * replaces its entry, other flags (a batch's, a one-report run's) have their own. Files are
 * written whole or not at all (io/files.ts).
 *
 * Where: `node_modules/.cache/gongwen-v8` in gongwen's folder, else `gongwen-v8-<user id>` in the
 * system's temporary folder, or the folder GONGWEN_CODE_CACHE_DIR names — these two only if they
 * are this user's own and closed to others (`usable`: code from them is run).
 * `GONGWEN_CODE_CACHE=0` turns it off. A cache that cannot be read or written is passed over: it
 * is never an error, only slower.
 */
import Module from 'node:module';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { isMainThread, threadId } from 'node:worker_threads';
import { writeFileAtomic } from './files.js';

interface CompilingModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  _compile(content: string, filename: string, format?: string): unknown;
}
interface ModuleStatics {
  prototype: CompilingModule;
  wrap(source: string): string;
  _resolveFilename(request: string, parent: CompilingModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CompilingModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

/** What this thread's cache did: for tests and GONGWEN_CODE_CACHE=debug. */
export interface CodeCacheStats { used: number; rejected: number; missing: number; written: number }

const stats: CodeCacheStats = { used: 0, rejected: 0, missing: 0, written: 0 };
/** Scripts compiled without usable code, to save after the build. */
const toSave: { script: Script; file: string; sourceCrc: number }[] = [];
let installedIn: string | undefined;
/** gongwen's own files to cache as well (the bundled command line: `cacheAlso`). */
const ownFiles = new Set<string>();

/**
 * Cache this file of gongwen's too: the command line's bundle (scripts/bundle.mjs), which is
 * built with dynamic `import()` turned into `require`, so that a vm.Script can run all of it.
 */
export function cacheAlso(file: string): void {
  ownFiles.add(file);
}

/** A 53-bit string hash (two 32-bit multiplicative hashes), for cache file names; not for security. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The cache folder: gongwen's node_modules/.cache if it can be made there (whoever can write
 * there can change gongwen's code as well), else a folder of this user's in the temporary folder.
 * Code from the cache is run, and a temporary folder is shared: there the folder must be this
 * user's own and closed to others (another user could make it first and put code in it), or
 * there is no cache.
 */
export function defaultCacheFolder(root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  temp = tmpdir()): string | undefined {
  const own = path.join(root, 'node_modules/.cache/gongwen-v8');
  if (usable(own, true)) return own;
  // a read-only installation: a folder of this user's in the temporary folder
  let name: string;
  try {
    name = `gongwen-v8-${typeof process.getuid === 'function' ? process.getuid() : userInfo().username}`;
  } catch {
    return undefined;
  }
  const dir = path.join(temp, name);
  return usable(dir, false) ? dir : undefined;
}

/**
 * The folder, if this user may run code from it: `dir` itself if gongwen's own (whoever can write
 * there can change gongwen's code as well), else made if missing and then only if it is a real
 * folder, this user's, and closed to others (another user could have made it first and put code in it).
 */
function usable(dir: string, own: boolean): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = lstatSync(dir);
    if (!s.isDirectory()) return false;
    if (own || typeof process.getuid !== 'function') return true;
    return s.uid === process.getuid() && (s.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Length of the text Module.wrap puts before a file's first line (its wrapper ends on a line of its own). */
const WRAPPER_LENGTH = (Module as unknown as ModuleStatics).wrap('').indexOf('\n');

/**
 * A cache entry: a header, then V8's data. V8 checks its data against the source's length only,
 * and in Node 20 not against a checksum (damaged data can crash the process), so the header holds
 * a CRC-32 of the source text and one of the data, and an entry that does not match is not used.
 */
const MAGIC = 0x47573801; // "GW8" 1
const HEADER = 16;

function readEntry(file: string, sourceCrc: number): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER || bytes.readUInt32BE(0) !== MAGIC || bytes.readUInt32BE(4) !== sourceCrc) return undefined;
  const data = bytes.subarray(HEADER);
  if (bytes.readUInt32BE(12) !== data.length || bytes.readUInt32BE(8) !== crc32(data)) return undefined;
  return data;
}

function entry(sourceCrc: number, data: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt32BE(sourceCrc, 4);
  header.writeUInt32BE(crc32(data), 8);
  header.writeUInt32BE(data.length, 12);
  return Buffer.concat([header, data]);
}

/**
 * Compile this thread's CommonJS library files with cached code from now on (once per thread;
 * later calls do nothing). Returns the folder used, or undefined when the cache is off.
 */
export function useCodeCache(dir: string | undefined = process.env.GONGWEN_CODE_CACHE_DIR || undefined): string | undefined {
  if (installedIn !== undefined || process.env.GONGWEN_CODE_CACHE === '0') return installedIn;
  // under a debugger Node's own compile step (breakpoints on a module's first line) is kept
  if ([...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--inspect'))) return undefined;
  const folder = dir === undefined ? defaultCacheFolder() : usable(dir, false) ? dir : undefined;
  if (!folder) return undefined;
  installedIn = folder;
  const M = Module as unknown as ModuleStatics;
  const compile = M.prototype._compile;
  M.prototype._compile = function (this: CompilingModule, content: string, filename: string, format?: string) {
    // only libraries' CommonJS files (not an ES module required, Node ≥ 20.19), and not one that
    // imports ES modules (a vm.Script could not); and gongwen's bundle
    const library = filename.includes(`${path.sep}node_modules${path.sep}`) && !content.includes('import(');
    if (format === 'module' || !(library || ownFiles.has(filename))) {
      return compile.apply(this, arguments as unknown as [string, string]);
    }
    const sourceCrc = crc32(content);
    // one entry per file and V8 (version, flags, CPU): a new version of the file replaces it
    const file = path.join(folder, `${hash53(`${filename}\0${cachedDataVersionTag()}`)}.v8`);
    const cachedData = readEntry(file, sourceCrc);
    if (!cachedData) stats.missing++;
    let script: Script;
    try {
      // columns of the first line as in the file itself, not shifted by the wrapper
      script = new Script(M.wrap(content), { filename, cachedData, columnOffset: -WRAPPER_LENGTH });
    } catch {
      // a syntax error: Node's own compile step says so as Node says it
      return compile.apply(this, arguments as unknown as [string, string]);
    }
    if (cachedData) {
      if (script.cachedDataRejected) stats.rejected++;
      else stats.used++;
    }
    if (!cachedData || script.cachedDataRejected) toSave.push({ script, file, sourceCrc });
    // the require Node gives a module, for this module
    const require = Object.assign((id: string) => this.require(id), {
      resolve: Object.assign((request: string, options?: unknown) => M._resolveFilename(request, this, false, options),
        { paths: (request: string) => M._resolveLookupPaths(request, this) }),
      main: process.mainModule,
      extensions: M._extensions,
      cache: M._cache,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  if (process.env.GONGWEN_CODE_CACHE === 'debug') {
    process.on('exit', () => process.stderr.write(`code cache: ${JSON.stringify(codeCacheStats())}\n`));
  }
  return folder;
}

/**
 * Write the code of the scripts that had none or had it turned down, as V8 holds it now (with the
 * functions compiled since they loaded). Call after a build; a failed write is passed over.
 */
export function saveCodeCache(): void {
  if (process.env.GONGWEN_CODE_CACHE === 'debug' && !isMainThread) process.stderr.write(`code cache (thread ${threadId}): ${JSON.stringify(codeCacheStats())}\n`);
  for (const { script, file, sourceCrc } of toSave.splice(0)) {
    try {
      writeFileAtomic(file, entry(sourceCrc, script.createCachedData()));
      stats.written++;
    } catch {
      // a full disk or a read-only folder: no cache, no error
    }
  }
}

export function codeCacheStats(): CodeCacheStats {
  return { ...stats };
}
