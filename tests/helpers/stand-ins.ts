/** For the tests of gongwen's native stand-ins for library modules (io/native-inflate.ts, io/pdfkit-md5.ts). */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './build.js';
import { runModuleScript } from './child.js';

const require = createRequire(import.meta.url);

/** The library module itself, loaded fresh from its file beside `beside` (the cache may hold the stand-in), the cache left as it was. */
export function originalModule<T>(name: string, beside: string): T {
  const file = require.resolve(name, { paths: [path.dirname(require.resolve(beside))] });
  const cached = require.cache[file];
  delete require.cache[file];
  const loaded = require(file) as T;
  if (cached) require.cache[file] = cached;
  else delete require.cache[file];
  return loaded;
}

/**
 * In a fresh process that loads gongwen's lazy-modules and then `host`: whether `dependency`, as
 * `via` requires it, is the export `exportName` of gongwen's `standIn` (a module under dist/io).
 */
export function standInLoaded(o: { host: string; via: string; dependency: string; standIn: string; exportName: string }): { stdout: string; stderr: string } {
  return runModuleScript(`
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(path.join(ROOT, 'dist/io/lazy-modules.js'))});
    const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});
    require(${JSON.stringify(o.host)});
    const standIn = (await import(${JSON.stringify(path.join(ROOT, 'dist/io', o.standIn))}))[${JSON.stringify(o.exportName)}];
    console.log(createRequire(require.resolve(${JSON.stringify(o.via)}))(${JSON.stringify(o.dependency)}) === standIn);
  `);
}
