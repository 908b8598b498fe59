/**
 * Starting a worker thread on one of our modules, compiled or not. Compiled (dist/io/*.js) the
 * module is the worker's entry. From the TypeScript sources (the tests run them) the worker first
 * registers tsx's loader, so it can import the .ts module (`--import tsx` in a worker's execArgv
 * is not applied to the worker's own entry).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { WORKER_HEAP_MB } from './worker-limits.js';

/** `name` is the module's file name in src/io without extension, e.g. "docx-worker". */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const limits = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, ...options };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, import.meta.url), limits);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), limits);
}
