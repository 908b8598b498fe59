#!/usr/bin/env node
/**
 * npm run build (after tsc): dist/io/cli.js and the modules it imports, bundled into one CommonJS
 * file, dist/io/cli.bundle.cjs, which bin/gongwen.mjs loads when it is there. Node's ES module
 * loader resolves, reads and links ~80 modules one by one; one file loads ≈ 70 ms sooner in a
 * cold build (docs/speed.md, item 18). The libraries stay outside — required at run time, so
 * that io/lazy-modules.ts and io/code-cache.ts work on them as before — except the two that ship
 * only as ES modules, which a CommonJS file cannot require in Node 20.
 *
 * `import.meta.url` becomes the bundle's own URL. That is right for every module that reads a
 * path from it, because all of them sit two folders deep, as the bundle does (dist/io/):
 * tests/bundle.test.ts checks that this stays so.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** ES-module-only packages, bundled in; everything else a library of gongwen's, left outside. */
const BUNDLED = new Set(['markdown-it-cjk-friendly', 'get-east-asian-width']);

buildSync({
  entryPoints: [path.join(ROOT, 'dist/io/cli.js')],
  outfile: path.join(ROOT, 'dist/io/cli.bundle.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // every package but the bundled ones, with their subpaths (pdfmake/js/…)
  external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((p) => !BUNDLED.has(p)).flatMap((p) => [p, `${p}/*`]),
  define: { 'import.meta.url': '__bundle_url' },
  // no dynamic import() left (each becomes require): the bundle is compiled with the code cache's
  // vm.Script (io/code-cache.ts cacheAlso), which could not run one
  supported: { 'dynamic-import': false },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
