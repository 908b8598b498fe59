/**
 * A V8 code cache for the CommonJS libraries gongwen loads (pdfmake, pdfkit, fontkit, restructure,
 * markdown-it, linebreak …). Compiling them — and, during the first report, the functions V8
 * compiles only when they first run — is ≈ 30–45 ms of every cold build (docs/speed.md, item 18).
 * Node 20 keeps no such cache itself (`module.enableCompileCache` arrives in Node 22).
 *
 * A library file is compiled as Node compiles it (its CommonJS wrapper), by a `vm.Script` given
 * the code an earlier run saved. After the build, `saveCodeCache` writes the code of every script
 * that had none or whose code V8 turned down — then with the functions the build compiled lazily.
 * V8 checks a cache's version, flags and the source's length, not its text: the key therefore
 * holds the file's path, size and modification time, and `v8.cachedDataVersionTag()` (V8's version,
 * flags and CPU features), so a changed library or other flags (a batch's, a one-report run's)
 * never meet another's code. Files are written whole or not at all (io/files.ts).
 *
 * Where: `node_modules/.cache/gongwen-v8` in gongwen's folder, else `gongwen-v8-<user id>` in the
 * system's temporary folder if it is this user's own and closed to others (`defaultCacheFolder`), or the
 * folder GONGWEN_CODE_CACHE_DIR names; `GONGWEN_CODE_CACHE=0` turns it off. A cache that cannot be read or
 * written is passed over: it is never an error, only slower.
 */
import Module from 'node:module';
import { lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';
import { writeFileAtomic } from './files.js';

interface CompilingModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
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
const toSave: { script: Script; file: string }[] = [];
let installedIn: string | undefined;

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
  try {
    const dir = path.join(root, 'node_modules/.cache/gongwen-v8');
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    // a read-only installation: the temporary folder
  }
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const dir = path.join(temp, `gongwen-v8-${uid ?? userInfo().username}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = lstatSync(dir);
    if (!s.isDirectory()) return undefined;
    if (uid !== undefined && (s.uid !== uid || (s.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Compile this thread's CommonJS library files with cached code from now on (once per thread;
 * later calls do nothing). Returns the folder used, or undefined when the cache is off.
 */
export function useCodeCache(dir: string | undefined = process.env.GONGWEN_CODE_CACHE_DIR || undefined): string | undefined {
  if (installedIn !== undefined || process.env.GONGWEN_CODE_CACHE === '0') return installedIn;
  // under a debugger Node's own compile step (breakpoints on a module's first line) is kept
  if ([...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--inspect'))) return undefined;
  const folder = dir ?? defaultCacheFolder();
  if (!folder) return undefined;
  installedIn = folder;
  const M = Module as unknown as ModuleStatics;
  const compile = M.prototype._compile;
  M.prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    // only libraries; and not a file that imports ES modules (a vm.Script could not)
    if (!filename.includes(`${path.sep}node_modules${path.sep}`) || content.includes('import(')) return compile.call(this, content, filename);
    let size = 0;
    let mtime = 0;
    try {
      const s = statSync(filename);
      size = s.size;
      mtime = s.mtimeMs;
    } catch {
      return compile.call(this, content, filename);
    }
    const file = path.join(folder, `${hash53(`${filename}\0${size}\0${mtime}\0${cachedDataVersionTag()}`)}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      stats.missing++;
    }
    const script = new Script(M.wrap(content), { filename, cachedData });
    if (cachedData) {
      if (script.cachedDataRejected) stats.rejected++;
      else stats.used++;
    }
    if (!cachedData || script.cachedDataRejected) toSave.push({ script, file });
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
  for (const { script, file } of toSave.splice(0)) {
    try {
      writeFileAtomic(file, script.createCachedData());
      stats.written++;
    } catch {
      // a full disk or a read-only folder: no cache, no error
    }
  }
}

export function codeCacheStats(): CodeCacheStats {
  return { ...stats };
}
